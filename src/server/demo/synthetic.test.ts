import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPeopleRows, checkUnitRows, readCsv } from "../org/import-model.ts";
import { generateOrg } from "./synthetic.ts";

/** Reads the files with the importer's own rules, so the generator is checked against what imports accept. */
function parse(files: { unitsCsv: string; peopleCsv: string }) {
  const units = checkUnitRows(readCsv("units", files.unitsCsv).rows);
  const people = checkPeopleRows(readCsv("people", files.peopleCsv).rows);
  return { units, people };
}

function assertConsistent(
  files: { unitsCsv: string; peopleCsv: string },
  employees: number,
  unitCount: number,
) {
  const { units, people } = parse(files);
  expect(units.errors).toEqual([]);
  expect(people.errors).toEqual([]);
  expect(units.units).toHaveLength(unitCount);
  expect(people.people).toHaveLength(employees);
  const seen = new Set<string>();
  for (const unit of units.units) {
    if (unit.parentCode) expect(seen.has(unit.parentCode), `${unit.code} after its parent`).toBe(true);
    seen.add(unit.code);
  }
  for (const person of people.people)
    for (const role of person.roles) expect(seen.has(role.unitCode)).toBe(true);
  expect(new Set(people.people.map((p) => p.email)).size).toBe(employees);
}

describe("synthetic organisation", () => {
  it("is the same for the same seed and different for another", () => {
    const options = { employees: 500, units: 60, seed: 7 };
    expect(generateOrg(options)).toEqual(generateOrg(options));
    expect(generateOrg({ ...options, seed: 8 }).peopleCsv).not.toEqual(generateOrg(options).peopleCsv);
  });

  it("has exactly the asked-for units and people at benchmark size, and imports cleanly", () => {
    const files = generateOrg({ employees: 60_000, units: 4_000, seed: 1 });
    assertConsistent(files, 60_000, 4_000);
    const { people } = parse(files);
    const roles = people.people.flatMap((p) => p.roles.map((r) => r.role));
    for (const role of ["manager", "director", "politician", "admin", "analyst", "employee"])
      expect(roles).toContain(role);
    expect(people.people.some((p) => p.roles.length > 1)).toBe(true);
  });

  it("stays consistent at any small size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        (employees, units, seed) => {
          assertConsistent(generateOrg({ employees, units, seed }), employees, units);
        },
      ),
      { numRuns: 40 },
    );
  });
});
