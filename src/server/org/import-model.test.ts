import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectDelimiter } from "../core/csv-read.ts";
import { generateOrg } from "../demo/synthetic.ts";
import {
  checkAndPlan,
  checkPeopleRows,
  checkUnitRows,
  type ImportPlan,
  readCsv,
  type TenantState,
} from "./import-model.ts";

const empty: TenantState = { units: [], people: [], memberships: [] };
let counter = 0;
const newId = () => `id-${++counter}`;
const plan = (
  state: TenantState,
  files: { unitsCsv?: string; peopleCsv?: string },
  fullImport = false,
  importedBy: string | null = null,
) => checkAndPlan({ state, ...files, fullImport, importedBy, newId });
const lines = (errors: { file: string; line: number }[]) => errors.map((e) => `${e.file}:${e.line}`);

/** What the database would hold after the plan is written: the model's own contract with the store. */
function applied(state: TenantState, p: ImportPlan): TenantState {
  const units = new Map(state.units.map((u) => [u.id, u]));
  for (const u of [...p.newUnits, ...p.changedUnits]) units.set(u.id, u);
  const people = new Map(state.people.map((person) => [person.id, person]));
  for (const person of [...p.newPeople, ...p.changedPeople]) people.set(person.id, person);
  for (const id of p.deactivatedPeople)
    people.set(id, { ...(people.get(id) as TenantState["people"][number]), active: false });
  const ended = new Set(p.endedMemberships);
  const memberships = [
    ...state.memberships.filter((m) => !ended.has(m.id)),
    ...p.newMemberships.map((m) => ({ ...m, id: newId() })),
  ];
  return { units: [...units.values()], people: [...people.values()], memberships };
}

describe("reading CSV", () => {
  it("takes ; or , by the header, strips a BOM, and reads quoted fields", () => {
    expect(detectDelimiter("a;b;c\n1,2;3")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    const { rows, errors } = readCsv(
      "units",
      '\uFEFFcode,name,parent_code,kind\nA,"Skola ""Eken"", avd 1",,enhet\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, code: "A", name: 'Skola "Eken", avd 1', parentCode: "", kind: "enhet" },
    ]);
  });

  it("accepts Swedish headers in any case and order", () => {
    const { rows } = readCsv(
      "people",
      "Roll;E-post;Namn;Enhetskod;Anställningsnummer\nchef;a@b.se;Åsa Öberg;E1;7\n",
    );
    expect(rows[0]).toMatchObject({
      role: "chef",
      email: "a@b.se",
      name: "Åsa Öberg",
      unitCode: "E1",
      employeeNumber: "7",
    });
  });

  it("names a missing column, an empty file and broken CSV on their lines", () => {
    expect(readCsv("units", "code;name;kind\n").errors[0].message.sv).toContain("överordnad_kod");
    expect(readCsv("units", "").errors[0].message.en).toBe("The file is empty.");
    expect(readCsv("units", 'code;name;parent_code;kind\nA;"open;;enhet\n').errors[0].message.en).toContain(
      "not valid CSV",
    );
  });
});

describe("checking lines", () => {
  it("reports every bad unit line with its reason", () => {
    const { rows } = readCsv(
      "units",
      "code;name;parent_code;kind\nA;Ett;;nämnd\n;Utan kod;A;enhet\nB;;A;enhet\nA;Igen;;nämnd\nC;Själv;C;enhet\n",
    );
    const { units, errors } = checkUnitRows(rows);
    expect(units.map((u) => u.code)).toEqual(["A"]);
    expect(lines(errors)).toEqual(["units:3", "units:4", "units:5", "units:6"]);
    expect(errors[2].message.sv).toContain("rad 2");
  });

  it("gathers a person's roles from several lines and refuses contradictions", () => {
    const { rows } = readCsv(
      "people",
      [
        "employee_number;name;email;unit_code;role",
        "1;Anna Berg;ANNA@x.se;E1;chef",
        "1;Anna Berg;anna@x.se;E2;medarbetare",
        "1;Anna Annan;anna@x.se;E3;medarbetare",
        "2;Bo Ek;anna@x.se;E1;medarbetare",
        "3;Cia Ek;inte-en-adress;E1;medarbetare",
        "4;Dan Ek;dan@x.se;E1;rektor",
      ].join("\n"),
    );
    const { people, errors } = checkPeopleRows(rows);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      email: "anna@x.se",
      roles: [
        { unitCode: "E1", role: "manager" },
        { unitCode: "E2", role: "employee" },
      ],
    });
    expect(lines(errors)).toEqual(["people:4", "people:5", "people:6", "people:7"]);
  });
});

describe("planning an import", () => {
  const units =
    "code;name;parent_code;kind\nN;Nämnden;;nämnd\nF;Förvaltningen;N;förvaltning\nE;Skolan;F;enhet\n";
  const people =
    "employee_number;name;email;unit_code;role\n1;Anna Berg;anna@x.se;E;chef\n2;Bo Ek;bo@x.se;E;medarbetare\n";

  it("creates units with materialised paths and people with their roles", () => {
    const { plan: p, errors } = plan(empty, { unitsCsv: units, peopleCsv: people });
    expect(errors).toEqual([]);
    const byCode = new Map(p.newUnits.map((u) => [u.code, u]));
    const school = byCode.get("E");
    expect(school?.path).toBe(`/${byCode.get("N")?.id}/${byCode.get("F")?.id}/${school?.id}/`);
    expect(p.preview).toEqual({
      units: { new: 3, changed: 0, unchanged: 0, deactivated: 0 },
      people: { new: 2, changed: 0, unchanged: 0, deactivated: 0 },
      memberships: { new: 2, ended: 0 },
      fileLines: { units: 3, people: 2 },
    });
  });

  it("refuses a cycle of parents and an unknown parent or unit", () => {
    const cyclic = "code;name;parent_code;kind\nA;A;B;enhet\nB;B;A;enhet\nC;C;X;enhet\n";
    const { errors } = plan(empty, {
      unitsCsv: cyclic,
      peopleCsv: "employee_number;name;email;unit_code;role\n1;A B;a@b.se;Q;chef\n",
    });
    expect(lines(errors)).toEqual(["units:2", "units:3", "units:4", "people:2"]);
  });

  it("matches people by employee number, then by e-mail, and refuses an e-mail owned by another number", () => {
    const state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const renamed = people.replace("Anna Berg", "Anna Berg-Ek").replace("2;Bo Ek;bo@x.se", "9;Bo Ek;bo@x.se");
    const { errors } = plan(state, { peopleCsv: renamed });
    expect(errors[0].message.en).toContain("already belongs to employee number 2");
    const { plan: p } = plan(state, { peopleCsv: people.replace("Anna Berg", "Anna Berg-Ek") });
    expect(p.preview.people).toEqual({ new: 0, changed: 1, unchanged: 1, deactivated: 0 });
  });

  it("never changes how a whistleblowing handler signs in: their e-mail and employee number stay as they are", () => {
    let state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const bo = state.people.find((p) => p.employeeNumber === "2")?.id as string;
    const school = state.units.find((u) => u.code === "E")?.id as string;
    state = {
      ...state,
      memberships: [
        ...state.memberships,
        { id: "handler-role", personId: bo, unitId: school, role: "whistle_handler" },
      ],
    };
    const newAddress = plan(state, { peopleCsv: people.replace("bo@x.se", "admin.owns@x.se") });
    expect(lines(newAddress.errors)).toEqual(["people:3"]);
    expect(newAddress.errors[0].message.en).toContain("guarded role");
    // Anything else about the handler still comes from HR, and nobody else is held back.
    const renamed = plan(state, {
      peopleCsv: people.replace("Bo Ek", "Bo Eklund").replace("Anna Berg", "Anna B"),
    });
    expect(renamed.errors).toEqual([]);
    expect(renamed.plan.preview.people).toEqual({ new: 0, changed: 2, unchanged: 0, deactivated: 0 });
  });

  it("deactivates people and units missing from a full import, ending their roles but keeping platform roles of those who stay", () => {
    let state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const anna = state.people.find((p) => p.employeeNumber === "1")?.id as string;
    const school = state.units.find((u) => u.code === "E")?.id as string;
    state = {
      ...state,
      memberships: [
        ...state.memberships,
        { id: "admin-role", personId: anna, unitId: school, role: "admin" },
      ],
    };
    const onlyAnna = "employee_number;name;email;unit_code;role\n1;Anna Berg;anna@x.se;F;chef\n";
    const { plan: p } = plan(
      state,
      { unitsCsv: units.replace("E;Skolan;F;enhet\n", ""), peopleCsv: onlyAnna },
      true,
    );
    expect(p.preview.units.deactivated).toBe(1);
    expect(p.preview.people.deactivated).toBe(1);
    expect(p.endedMemberships).not.toContain("admin-role");
    expect(p.preview.memberships).toEqual({ new: 1, ended: 2 }); // Anna's old chef role, Bo's role
  });

  it("never lets a full import deactivate the person running it", () => {
    const state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const bo = state.people.find((p) => p.employeeNumber === "2")?.id as string;
    const { errors } = plan(
      state,
      { peopleCsv: "employee_number;name;email;unit_code;role\n1;Anna Berg;anna@x.se;E;chef\n" },
      true,
      bo,
    );
    expect(errors[0].message.en).toContain("would deactivate you");
  });

  it("changes nothing when the same files come again, whatever they hold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        fc.boolean(),
        (employees, unitCount, seed, full) => {
          const files = generateOrg({ employees, units: unitCount, seed });
          const first = plan(empty, files, full);
          expect(first.errors).toEqual([]);
          const again = plan(applied(empty, first.plan), files, full).plan;
          expect(
            again.newUnits.length +
              again.changedUnits.length +
              again.newPeople.length +
              again.changedPeople.length,
          ).toBe(0);
          expect(
            again.deactivatedPeople.length + again.newMemberships.length + again.endedMemberships.length,
          ).toBe(0);
          expect(again.preview.people.unchanged).toBe(employees);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses units and roles under a unit that is inactive or that the full import deactivates", () => {
    const state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const withoutF = "code;name;parent_code;kind\nN;Nämnden;;nämnd\nE;Skolan;F;enhet\nG;Gården;N;enhet\n";
    const full = plan(
      state,
      {
        unitsCsv: withoutF,
        peopleCsv: people.replace("1;Anna Berg;anna@x.se;E;chef", "1;Anna Berg;anna@x.se;F;chef"),
      },
      true,
    );
    expect(lines(full.errors)).toEqual(["units:3", "people:2"]);
    expect(full.errors[0].message.en).toBe(
      "The unit F is not in the units file and the full import deactivates it.",
    );

    const school = state.units.find((u) => u.code === "E")?.id;
    const closed = {
      ...state,
      units: state.units.map((u) => (u.id === school ? { ...u, active: false } : u)),
    };
    const partial = plan(closed, { peopleCsv: people });
    expect(lines(partial.errors)).toEqual(["people:2", "people:3"]);
    expect(partial.errors[0].message.sv).toBe("Enheten E är inaktiv.");
  });

  it("ends the roles in units a full units-only import deactivates, and counts the units", () => {
    const state = applied(empty, plan(empty, { unitsCsv: units, peopleCsv: people }).plan);
    const { plan: p, errors } = plan(state, { unitsCsv: units.replace("E;Skolan;F;enhet\n", "") }, true);
    expect(errors).toEqual([]);
    expect(p.preview.units).toEqual({ new: 0, changed: 0, unchanged: 2, deactivated: 1 });
    expect(p.preview.memberships).toEqual({ new: 0, ended: 2 });
    expect(p.preview.people.deactivated).toBe(0); // no people file: people are left alone
  });

  it("moves a unit with its subtree when its parent code changes", () => {
    const state = applied(empty, plan(empty, { unitsCsv: `${units}T;Laget;E;arbetslag\n` }).plan);
    const moved = plan(state, {
      unitsCsv: `${units.replace("E;Skolan;F", "E;Skolan;N")}T;Laget;E;arbetslag\n`,
    }).plan;
    const after = new Map(applied(state, moved).units.map((u) => [u.code, u]));
    expect(moved.preview.units.changed).toBe(1);
    expect(after.get("T")?.path).toBe(`/${after.get("N")?.id}/${after.get("E")?.id}/${after.get("T")?.id}/`);
  });
});
