import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("CSV for spreadsheets", () => {
  it("starts with a byte-order mark and separates with semicolons", () => {
    expect(
      toCsv([
        ["Enhet", "Timmar"],
        ["Ekbacken", 12.5],
      ]),
    ).toBe("\uFEFFEnhet;Timmar\r\nEkbacken;12,5\r\n");
  });

  it("guards against formulas and quotes what needs quoting", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+46 70")).toBe("'+46 70");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("rad\nrad")).toBe('"rad\nrad"');
  });

  it("writes numbers with Swedish decimal commas and a plain minus, and empty cells for nothing", () => {
    expect(csvCell(-3.25)).toBe("-3,25");
    expect(csvCell(1234567)).toBe("1234567");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("ja");
  });
});
