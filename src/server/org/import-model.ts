// The HR import's rules as pure functions: reading the two CSV files, checking every line, and
// working out what would change. Nothing here touches the database; import-service.ts feeds it the
// tenant's current state and import-store.ts writes the plan.
import { guardedRolesOf, type Role } from "../core/access.ts";
import { readCsvTable } from "../core/csv-read.ts";
import type { Text } from "../core/errors.ts";
import { normaliseEmail, parseRole, parseUnitKind, pathFor, type UnitKind } from "./model.ts";

type ImportFile = "units" | "people";
export type LineError = { file: ImportFile; line: number; message: Text };

/** Column names accepted in each file, Swedish and English, compared case-insensitively. */
const COLUMNS = {
  units: {
    code: ["code", "kod", "enhetskod"],
    name: ["name", "namn", "enhetsnamn"],
    parentCode: ["parent_code", "överordnad_kod", "overordnad_kod", "parent"],
    kind: ["kind", "typ", "nivå"],
  },
  people: {
    employeeNumber: ["employee_number", "anställningsnummer", "anstallningsnummer", "anst_nr"],
    name: ["name", "namn"],
    email: ["email", "e-post", "epost", "e-mail"],
    unitCode: ["unit_code", "enhetskod", "enhet"],
    role: ["role", "roll"],
  },
} as const;

type Columns<F extends ImportFile> = keyof (typeof COLUMNS)[F];
type CsvRow<F extends ImportFile> = { line: number } & Record<Columns<F>, string>;

/**
 * Reads one file into rows keyed by our column names, each with its line number in the file
 * (header = line 1). A missing column or a broken CSV is reported as errors, never thrown.
 */
export function readCsv<F extends ImportFile>(
  file: F,
  text: string,
): { rows: CsvRow<F>[]; errors: LineError[] } {
  const { rows, errors } = readCsvTable(text, COLUMNS[file] as Record<string, readonly string[]>);
  return { rows: rows as unknown as CsvRow<F>[], errors: errors.map((error) => ({ file, ...error })) };
}

// ——— the tenant as it is, and as the files say it should be ———

type ExistingUnit = {
  id: string;
  code: string | null;
  name: string;
  parentId: string | null;
  kind: string;
  kindLabel: string | null;
  path: string;
  active: boolean;
};
type ExistingPerson = {
  id: string;
  employeeNumber: string | null;
  name: string;
  email: string | null;
  active: boolean;
};
type ExistingMembership = { id: string; personId: string; unitId: string; role: Role };
export type TenantState = {
  units: ExistingUnit[];
  people: ExistingPerson[];
  memberships: ExistingMembership[];
};

type FileUnit = {
  line: number;
  code: string;
  name: string;
  parentCode: string | null;
  kind: UnitKind;
  kindLabel: string | null;
};
type FilePerson = {
  line: number;
  employeeNumber: string;
  name: string;
  email: string;
  roles: { line: number; unitCode: string; role: Role }[];
};

const error = (file: ImportFile, line: number, sv: string, en: string): LineError => ({
  file,
  line,
  message: { sv, en },
});
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkUnitRows(rows: CsvRow<"units">[]): { units: FileUnit[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const units: FileUnit[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const problems: LineError[] = [];
    if (!row.code) problems.push(error("units", row.line, "Koden saknas.", "The code is missing."));
    if (!row.name) problems.push(error("units", row.line, "Namnet saknas.", "The name is missing."));
    if (!row.kind) problems.push(error("units", row.line, "Typen saknas.", "The kind is missing."));
    if (row.code && row.code === row.parentCode) {
      problems.push(
        error(
          "units",
          row.line,
          "Enheten kan inte ligga under sig själv.",
          "A unit cannot be its own parent.",
        ),
      );
    }
    const earlier = seen.get(row.code);
    if (row.code && earlier !== undefined) {
      problems.push(
        error(
          "units",
          row.line,
          `Koden ${row.code} finns redan på rad ${earlier}.`,
          `Code ${row.code} is already used on line ${earlier}.`,
        ),
      );
    }
    if (row.code && earlier === undefined) seen.set(row.code, row.line);
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    units.push({
      line: row.line,
      code: row.code,
      name: row.name,
      parentCode: row.parentCode || null,
      ...parseUnitKind(row.kind),
    });
  }
  return { units, errors };
}

export function checkPeopleRows(rows: CsvRow<"people">[]): { people: FilePerson[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const byNumber = new Map<string, FilePerson>();
  const numberByEmail = new Map<string, { employeeNumber: string; line: number }>();
  for (const row of rows) {
    const problems: LineError[] = [];
    const email = normaliseEmail(row.email);
    const role = parseRole(row.role);
    if (!row.employeeNumber)
      problems.push(
        error("people", row.line, "Anställningsnumret saknas.", "The employee number is missing."),
      );
    if (!row.name) problems.push(error("people", row.line, "Namnet saknas.", "The name is missing."));
    if (!EMAIL.test(email))
      problems.push(
        error(
          "people",
          row.line,
          `Ogiltig e-postadress: "${row.email}".`,
          `Invalid e-mail address: "${row.email}".`,
        ),
      );
    if (!row.unitCode)
      problems.push(error("people", row.line, "Enhetskoden saknas.", "The unit code is missing."));
    if (!role)
      problems.push(error("people", row.line, `Okänd roll: "${row.role}".`, `Unknown role: "${row.role}".`));
    const earlier = byNumber.get(row.employeeNumber);
    if (earlier && (earlier.name !== row.name || earlier.email !== email)) {
      problems.push(
        error(
          "people",
          row.line,
          `Anställningsnummer ${row.employeeNumber} har ett annat namn eller en annan e-post på rad ${earlier.line}.`,
          `Employee number ${row.employeeNumber} has another name or e-mail on line ${earlier.line}.`,
        ),
      );
    }
    const emailOwner = numberByEmail.get(email);
    if (emailOwner && emailOwner.employeeNumber !== row.employeeNumber) {
      problems.push(
        error(
          "people",
          row.line,
          `E-postadressen ${email} används av anställningsnummer ${emailOwner.employeeNumber} på rad ${emailOwner.line}.`,
          `The e-mail ${email} belongs to employee number ${emailOwner.employeeNumber} on line ${emailOwner.line}.`,
        ),
      );
    }
    if (problems.length || !role) {
      errors.push(...problems);
      continue;
    }
    numberByEmail.set(email, { employeeNumber: row.employeeNumber, line: row.line });
    const person = earlier ?? {
      line: row.line,
      employeeNumber: row.employeeNumber,
      name: row.name,
      email,
      roles: [],
    };
    if (!person.roles.some((r) => r.unitCode === row.unitCode && r.role === role)) {
      person.roles.push({ line: row.line, unitCode: row.unitCode, role });
    }
    byNumber.set(row.employeeNumber, person);
  }
  return { people: [...byNumber.values()], errors };
}

// ——— the plan ———

/** A unit as it should be after the import: the same shape as one read from the tenant. */
export type UnitWrite = ExistingUnit;
export type PersonWrite = {
  id: string;
  employeeNumber: string;
  name: string;
  email: string;
  active: boolean;
};
export type MembershipWrite = { personId: string; unitId: string; role: Role };

export type ImportPreview = {
  units: { new: number; changed: number; unchanged: number; deactivated: number };
  people: { new: number; changed: number; unchanged: number; deactivated: number };
  memberships: { new: number; ended: number };
  fileLines: { units: number; people: number };
};

/** What an applied import wrote, and when. */
export type ImportResult = ImportPreview & { completedAt: string };

/** Why an import failed: the files' line errors, or what went wrong while applying it. */
export type ImportFailure = { errors: LineError[]; total: number } | { error: string };

export type ImportPlan = {
  newUnits: UnitWrite[];
  changedUnits: UnitWrite[];
  newPeople: PersonWrite[];
  changedPeople: PersonWrite[];
  deactivatedPeople: string[];
  newMemberships: MembershipWrite[];
  endedMemberships: string[];
  preview: ImportPreview;
};

/**
 * Roles that are platform permissions rather than HR facts: a full import leaves them alone on
 * people who stay, so an HR file cannot silently strip the administrators or the case handlers.
 */
const PLATFORM_ROLES: readonly string[] = ["admin", "whistle_handler"];

type PlanInput = {
  state: TenantState;
  units: FileUnit[] | null;
  people: FilePerson[] | null;
  fullImport: boolean;
  /** Who imports: a full import must not deactivate them. */
  importedBy: string | null;
  newId: () => string;
};

/** Works out every write, or the lines that make the files impossible to apply. */
function planImport(input: PlanInput): { plan: ImportPlan; errors: LineError[] } {
  const errors: LineError[] = [];
  const units = planUnits(input, errors);
  const people = planPeople(input, units, errors);
  const plan: ImportPlan = {
    newUnits: units.created,
    changedUnits: units.changed,
    ...people,
    preview: {
      units: {
        new: units.created.length,
        changed: units.changedCount,
        unchanged: units.unchanged,
        deactivated: units.deactivated,
      },
      people: {
        new: people.newPeople.length,
        changed: people.changedPeople.length,
        unchanged: people.unchanged,
        deactivated: people.deactivatedPeople.length,
      },
      memberships: { new: people.newMemberships.length, ended: people.endedMemberships.length },
      fileLines: { units: input.units?.length ?? 0, people: countLines(input.people) },
    },
  };
  return { plan, errors };
}

const countLines = (people: FilePerson[] | null) =>
  (people ?? []).reduce((sum, person) => sum + person.roles.length, 0);

function planUnits(input: PlanInput, errors: LineError[]) {
  const { state, units: fileUnits, fullImport, newId } = input;
  const existingByCode = new Map(state.units.filter((u) => u.code).map((u) => [u.code as string, u]));
  const idByCode = new Map<string, string>([...existingByCode].map(([code, u]) => [code, u.id]));
  const wanted = new Map<string, UnitWrite>(state.units.map((u) => [u.id, { ...u }]));
  const created: UnitWrite[] = [];
  const touched = new Set<string>();

  for (const fileUnit of fileUnits ?? []) {
    const existing = existingByCode.get(fileUnit.code);
    const id = existing?.id ?? newId();
    idByCode.set(fileUnit.code, id);
  }
  for (const fileUnit of fileUnits ?? []) {
    const id = idByCode.get(fileUnit.code) as string;
    const parentId = fileUnit.parentCode ? idByCode.get(fileUnit.parentCode) : null;
    if (parentId === undefined) {
      errors.push(
        error(
          "units",
          fileUnit.line,
          `Den överordnade koden ${fileUnit.parentCode} finns inte.`,
          `The parent code ${fileUnit.parentCode} does not exist.`,
        ),
      );
      continue;
    }
    const write = {
      id,
      code: fileUnit.code,
      name: fileUnit.name,
      parentId,
      kind: fileUnit.kind,
      kindLabel: fileUnit.kindLabel,
      path: "",
      active: true,
    };
    if (!existingByCode.has(fileUnit.code)) created.push(write);
    wanted.set(id, write);
    touched.add(id);
  }
  const deactivatedIds = new Set<string>();
  if (fullImport && fileUnits) {
    for (const u of state.units) {
      if (u.code && u.active && !touched.has(u.id)) {
        wanted.set(u.id, { ...u, active: false });
        deactivatedIds.add(u.id);
      }
    }
  }
  const deactivated = deactivatedIds.size;
  // An active unit must hang under an active one: its parent is in the file or stays active.
  for (const fileUnit of fileUnits ?? []) {
    const parentId = fileUnit.parentCode ? idByCode.get(fileUnit.parentCode) : undefined;
    const parent = parentId === undefined ? undefined : wanted.get(parentId);
    if (parent && !parent.active) {
      errors.push(
        error(
          "units",
          fileUnit.line,
          inactiveUnitText(fileUnit.parentCode as string, deactivatedIds.has(parent.id), "sv"),
          inactiveUnitText(fileUnit.parentCode as string, deactivatedIds.has(parent.id), "en"),
        ),
      );
    }
  }
  const lineOf = new Map((fileUnits ?? []).map((u) => [idByCode.get(u.code) as string, u.line]));
  assignPaths(wanted, (id) => {
    errors.push(
      error(
        "units",
        lineOf.get(id) ?? 1,
        "Enheterna bildar en cirkel av överordnade.",
        "The units' parents form a cycle.",
      ),
    );
  });

  const before = new Map(state.units.map((u) => [u.id, u]));
  const changed = [...wanted.values()].filter((u) => {
    const old = before.get(u.id);
    return old && !sameUnit(old, u);
  });
  // Units below a moved one get new paths too, but the preview counts what the file itself changes.
  const changedCount = changed.filter(
    (u) => touched.has(u.id) && !sameUnit({ ...(before.get(u.id) as UnitWrite), path: u.path }, u),
  ).length;
  const unchanged = (fileUnits?.length ?? 0) - created.length - changedCount;
  const activeIds = new Set([...wanted.values()].filter((u) => u.active).map((u) => u.id));
  return { created, changed, idByCode, activeIds, deactivatedIds, deactivated, changedCount, unchanged };
}

/** Why a unit cannot be used: it is inactive, or this full import deactivates it (it is not in the file). */
function inactiveUnitText(code: string, deactivatedNow: boolean, language: "sv" | "en"): string {
  if (language === "sv")
    return deactivatedNow
      ? `Enheten ${code} finns inte i enhetsfilen och inaktiveras av den fullständiga importen.`
      : `Enheten ${code} är inaktiv.`;
  return deactivatedNow
    ? `The unit ${code} is not in the units file and the full import deactivates it.`
    : `The unit ${code} is inactive.`;
}

const sameUnit = (a: UnitWrite, b: UnitWrite) =>
  a.name === b.name &&
  a.parentId === b.parentId &&
  a.kind === b.kind &&
  a.kindLabel === b.kindLabel &&
  a.path === b.path &&
  a.active === b.active &&
  a.code === b.code;

/** Gives every unit its materialised path from the wanted parents; a unit that never reaches a root is in a cycle. */
function assignPaths(units: Map<string, UnitWrite>, onCycle: (id: string) => void) {
  const done = new Map<string, string>();
  const visiting = new Set<string>();
  const reported = new Set<string>();
  const pathOf = (id: string): string | null => {
    const known = done.get(id);
    if (known) return known;
    const u = units.get(id);
    if (!u) return null;
    if (visiting.has(id)) return null;
    visiting.add(id);
    const parentPath = u.parentId === null ? null : pathOf(u.parentId);
    visiting.delete(id);
    if (u.parentId !== null && parentPath === null) return null;
    const path = pathFor(parentPath, id);
    done.set(id, path);
    return path;
  };
  for (const u of units.values()) {
    const path = pathOf(u.id);
    if (path === null) {
      if (!reported.has(u.id)) onCycle(u.id);
      reported.add(u.id);
      continue;
    }
    u.path = path;
  }
}

function planPeople(
  input: PlanInput,
  units: { idByCode: Map<string, string>; activeIds: Set<string>; deactivatedIds: Set<string> },
  errors: LineError[],
) {
  const unitIdByCode = units.idByCode;
  const { state, people: filePeople, fullImport, newId } = input;
  const byNumber = new Map(
    state.people.filter((p) => p.employeeNumber).map((p) => [p.employeeNumber as string, p]),
  );
  const byEmail = new Map(state.people.filter((p) => p.email).map((p) => [p.email as string, p]));
  const activeMemberships = new Map<string, ExistingMembership[]>();
  for (const m of state.memberships)
    activeMemberships.set(m.personId, [...(activeMemberships.get(m.personId) ?? []), m]);

  const newPeople: PersonWrite[] = [];
  const changedPeople: PersonWrite[] = [];
  const newMemberships: MembershipWrite[] = [];
  const endedMemberships: string[] = [];
  const seen = new Set<string>();
  let unchanged = 0;

  for (const filePerson of filePeople ?? []) {
    const existing = byNumber.get(filePerson.employeeNumber) ?? byEmail.get(filePerson.email);
    if (existing?.employeeNumber && existing.employeeNumber !== filePerson.employeeNumber) {
      errors.push(
        error(
          "people",
          filePerson.line,
          `E-postadressen ${filePerson.email} tillhör redan anställningsnummer ${existing.employeeNumber}.`,
          `The e-mail ${filePerson.email} already belongs to employee number ${existing.employeeNumber}.`,
        ),
      );
      continue;
    }
    const emailHolder = byEmail.get(filePerson.email);
    if (existing && emailHolder && emailHolder.id !== existing.id) {
      errors.push(
        error(
          "people",
          filePerson.line,
          `E-postadressen ${filePerson.email} tillhör en annan person.`,
          `The e-mail ${filePerson.email} belongs to another person.`,
        ),
      );
      continue;
    }
    // How a guarded person signs in (e-mail, employee number) is changed only by another holder of
    // their role, never by whoever runs an HR import: a new address would let its owner reset the
    // password (core/access.ts, GUARDED_ROLES).
    if (
      existing &&
      guardedRolesOf(activeMemberships.get(existing.id) ?? []).length &&
      (existing.email !== filePerson.email || existing.employeeNumber !== filePerson.employeeNumber)
    ) {
      errors.push(
        error(
          "people",
          filePerson.line,
          `${existing.name} har en skyddad roll: e-post och anställningsnummer ändras bara av en annan med samma roll, inte av en import.`,
          `${existing.name} holds a guarded role: their e-mail and employee number are changed only by another holder of that role, not by an import.`,
        ),
      );
      continue;
    }
    const roles: MembershipWrite[] = [];
    const id = existing?.id ?? newId();
    for (const role of filePerson.roles) {
      const unitId = unitIdByCode.get(role.unitCode);
      if (!unitId) {
        errors.push(
          error(
            "people",
            role.line,
            `Enhetskoden ${role.unitCode} finns inte.`,
            `The unit code ${role.unitCode} does not exist.`,
          ),
        );
        continue;
      }
      if (!units.activeIds.has(unitId)) {
        const deactivatedNow = units.deactivatedIds.has(unitId);
        errors.push(
          error(
            "people",
            role.line,
            inactiveUnitText(role.unitCode, deactivatedNow, "sv"),
            inactiveUnitText(role.unitCode, deactivatedNow, "en"),
          ),
        );
        continue;
      }
      roles.push({ personId: id, unitId, role: role.role });
    }
    seen.add(id);
    const write = {
      id,
      employeeNumber: filePerson.employeeNumber,
      name: filePerson.name,
      email: filePerson.email,
      active: true,
    };
    const current = activeMemberships.get(id) ?? [];
    const key = (m: { unitId: string; role: string }) => `${m.unitId}|${m.role}`;
    const currentKeys = new Set(current.map(key));
    const wantedKeys = new Set(roles.map(key));
    const added = roles.filter((m) => !currentKeys.has(key(m)));
    const ended = fullImport
      ? current.filter((m) => !wantedKeys.has(key(m)) && !PLATFORM_ROLES.includes(m.role))
      : [];
    newMemberships.push(...added);
    endedMemberships.push(...ended.map((m) => m.id));
    if (!existing) newPeople.push(write);
    else if (
      existing.name !== write.name ||
      existing.email !== write.email ||
      existing.employeeNumber !== write.employeeNumber ||
      !existing.active
    ) {
      changedPeople.push(write);
    } else if (!added.length && !ended.length) unchanged++;
    else changedPeople.push(write);
  }

  const deactivatedPeople: string[] = [];
  if (fullImport && filePeople) {
    for (const p of state.people) {
      if (!p.active || seen.has(p.id)) continue;
      if (p.id === input.importedBy) {
        errors.push(
          error(
            "people",
            1,
            "En fullständig import skulle inaktivera dig själv: lägg till dig i personfilen eller gör en vanlig import.",
            "A full import would deactivate you: add yourself to the people file or run a partial import.",
          ),
        );
        continue;
      }
      deactivatedPeople.push(p.id);
      endedMemberships.push(...(activeMemberships.get(p.id) ?? []).map((m) => m.id));
    }
  }
  // Roles in units this full import deactivates end too (platform roles stay, as above).
  if (units.deactivatedIds.size) {
    const ending = new Set(endedMemberships);
    for (const m of state.memberships) {
      if (units.deactivatedIds.has(m.unitId) && !PLATFORM_ROLES.includes(m.role) && !ending.has(m.id)) {
        endedMemberships.push(m.id);
        ending.add(m.id);
      }
    }
  }
  return { newPeople, changedPeople, deactivatedPeople, newMemberships, endedMemberships, unchanged };
}

/** The complete check of both files: reading, every line, then the plan against the tenant. */
export function checkAndPlan(
  input: Omit<PlanInput, "units" | "people"> & { unitsCsv?: string | null; peopleCsv?: string | null },
) {
  // Arrays are joined with concat, not push(...spread): a file with 200,000 bad lines would pass
  // 200,000 arguments to one call and overflow the stack.
  let errors: LineError[] = [];
  let units: FileUnit[] | null = null;
  let people: FilePerson[] | null = null;
  if (input.unitsCsv) {
    const read = readCsv("units", input.unitsCsv);
    const checked = checkUnitRows(read.rows);
    errors = errors.concat(read.errors, checked.errors);
    units = checked.units;
  }
  if (input.peopleCsv) {
    const read = readCsv("people", input.peopleCsv);
    const checked = checkPeopleRows(read.rows);
    errors = errors.concat(read.errors, checked.errors);
    people = checked.people;
  }
  const { plan, errors: planErrors } = planImport({ ...input, units, people });
  errors = errors.concat(planErrors);
  errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === "units" ? -1 : 1));
  return { plan, errors };
}
