import { describe, expect, it } from "vitest";
import { shownImportStatus } from "./imports.ts";

describe("the status shown", () => {
  it("is the import's own, unless the job queue gave up on an unfinished import", () => {
    expect(shownImportStatus("running", "failed")).toBe("failed");
    expect(shownImportStatus("queued", "failed")).toBe("failed");
    expect(shownImportStatus("succeeded", "failed")).toBe("succeeded");
    expect(shownImportStatus("running", "running")).toBe("running");
    expect(shownImportStatus("previewed", null)).toBe("previewed");
  });
});
