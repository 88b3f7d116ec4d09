// A large HR file with many bad lines (issue 17, point 6): the refusal names the first lines at
// fault and counts them all — never a stack overflow, never a 500. The files are made in memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { tableDigest } from "../testing/digest.ts";

const LINES = 200_000;

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
});
afterAll(() => t.close());

/** Every tenth line is good; the others lack a name and a kind, or name a unit that is not there. */
function unitsFile(): { csv: string; bad: number } {
  const lines = ["code;name;parent_code;kind"];
  for (let i = 0; i < LINES; i++) lines.push(i % 10 === 0 ? `G${i};Enhet ${i};;enhet` : `B${i};;;`);
  return { csv: lines.join("\n"), bad: LINES - LINES / 10 };
}

function peopleFile(): { csv: string; bad: number } {
  const lines = ["employee_number;name;email;unit_code;role"];
  for (let i = 0; i < LINES; i++)
    lines.push(`${i};Person ${i};p${i}@test.se;${i % 10 === 0 ? org.units.school.code : "NOWHERE"};employee`);
  return { csv: lines.join("\n"), bad: LINES - LINES / 10 };
}

describe("an HR file of 200,000 lines, most of them bad", () => {
  it("is refused with the first lines at fault and the count of all, and nothing is written", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    for (const [field, file] of [
      ["unitsCsv", unitsFile()],
      ["peopleCsv", peopleFile()],
    ] as const) {
      const before = await tableDigest(t.db);
      const response = await admin.post("/api/org/imports", { [field]: file.csv, fullImport: false });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("import_invalid");
      expect(error.details.total).toBeGreaterThanOrEqual(file.bad);
      expect(error.details.errors.length).toBeGreaterThanOrEqual(100);
      expect(error.details.errors.length).toBeLessThanOrEqual(1000);
      expect(error.details.errors[0].line).toBe(3);
      expect(await tableDigest(t.db)).toEqual(before);
    }
  });
});
