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
  const problems: string[] = [];
  for (const unit of units.units) {
    if (unit.parentCode && !seen.has(unit.parentCode)) problems.push(`${unit.code} before its parent`);
    seen.add(unit.code);
  }
  for (const person of people.people)
    for (const role of person.roles)
      if (!seen.has(role.unitCode)) problems.push(`${person.employeeNumber} in unknown ${role.unitCode}`);
  expect(new Set(people.people.map((p) => p.email)).size).toBe(employees);
  expect(new Set(people.people.map((p) => p.employeeNumber)).size).toBe(employees);
  // A second line repeats the person exactly, in another unit.
  const first = new Map<string, string[]>();
  for (const line of files.peopleCsv.trim().split("\n").slice(1)) {
    const fields = line.split(";");
    const before = first.get(fields[0]);
    if (fields.length !== 5) problems.push(`bad line ${line}`);
    else if (!before) first.set(fields[0], fields);
    else if (
      fields[1] !== before[1] ||
      fields[2] !== before[2] ||
      fields[3] === before[3] ||
      fields[4] !== "medarbetare"
    )
      problems.push(`bad second line ${line}`);
  }
  expect(problems).toEqual([]);
}

/** The role column of the people file, counted. */
function roleCounts(peopleCsv: string) {
  const counts: Record<string, number> = {};
  for (const line of peopleCsv.trim().split("\n").slice(1)) {
    const role = line.split(";")[4];
    counts[role] = (counts[role] ?? 0) + 1;
  }
  return counts;
}

/** The number of levels of the unit tree: a root is level 1. */
function depthOf(unitsCsv: string): number {
  const depth = new Map<string, number>();
  for (const line of unitsCsv.trim().split("\n").slice(1)) {
    const [code, , parent] = line.split(";");
    depth.set(code, parent ? (depth.get(parent) ?? 0) + 1 : 1);
  }
  return Math.max(...depth.values());
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
    const twice = people.people.filter((p) => p.roles.length > 1).length;
    expect(twice / 60_000).toBeGreaterThan(0.02);
    expect(twice / 60_000).toBeLessThan(0.04);
    const counts = roleCounts(files.peopleCsv);
    expect(counts.admin).toBe(2);
    expect(counts.analytiker).toBe(2);
    const kinds = new Set(files.unitsCsv.split("\n").map((line) => line.split(";")[3]));
    for (const kind of [
      "kommun",
      "nämnd",
      "förvaltning",
      "avdelning",
      "verksamhetsområde",
      "enhet",
      "arbetslag",
    ])
      expect(kinds).toContain(kind);
    expect(depthOf(files.unitsCsv)).toBe(7);
  });

  it("handles the smallest organisations", () => {
    for (const units of [1, 2, 3, 5, 8, 15, 16])
      for (const employees of [1, 2, 7, 40]) {
        const files = generateOrg({ employees, units, seed: units * 31 + employees });
        assertConsistent(files, employees, units);
        expect(files.unitsCsv.split("\n")[1]).toMatch(/^K1;[^;]+;;kommun$/);
        expect(depthOf(files.unitsCsv)).toBeLessThanOrEqual(7);
      }
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
