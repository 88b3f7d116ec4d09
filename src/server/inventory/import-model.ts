// Importing an existing inventory as analysts keep it in Excel: every line is read and checked
// first, every bad line is named with its number, and only a clean file gives anything to write.
// Re-importing updates what is there (matched by code, else by title and requester) and never
// duplicates. Pure: the caller supplies the tenant's units, actors and current demands.
import type { Role } from "../core/access.ts";
import { readCsvTable } from "../core/csv-read.ts";
import type { Text } from "../core/errors.ts";
import { parseRole } from "../org/model.ts";
import type { DemandKind, FrequencyKind, Purpose } from "./model.ts";

export type InventoryLineError = { line: number; message: Text };

/** What an import would do, or did: the lines read and the demands new, changed and unchanged. */
export type InventoryImportCounts = { rows: number; new: number; changed: number; unchanged: number };
export type InventoryImportResult = InventoryImportCounts & { completedAt: string };
/** Why a committed import wrote nothing: the file's bad lines (the first ones and the count), or the error. */
export type InventoryImportFailure = { errors: InventoryLineError[]; total: number } | { error: string };

const COLUMNS = {
  code: ["code", "kod"],
  title: ["title", "titel"],
  kind: ["kind", "typ"],
  purpose: ["purpose", "syfte"],
  requester: ["requester", "beställare", "bestallare"],
  roles: ["roles", "roller"],
  units: ["units", "enheter"],
  population: ["population", "antal"],
  frequency: ["frequency", "frekvens"],
  perEvent: ["per_event", "per händelse", "per_handelse"],
  minutes: ["minutes", "minuter"],
  hourlyCost: ["hourly_cost", "timkostnad"],
  legalReference: ["legal_reference", "lagkrav"],
  dataFields: ["data_fields", "datafält", "datafalt"],
  recipients: ["recipients", "mottagare"],
  decisions: ["decisions", "beslut"],
  startDate: ["start", "start"],
  endDate: ["end", "slut"],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ["title", "kind", "purpose", "requester", "frequency", "minutes"];
const OPTIONAL = (Object.keys(COLUMNS) as Column[]).filter((column) => !REQUIRED.includes(column));

const KIND_WORDS: Record<string, DemandKind> = {
  indikator: "indicator",
  nyckeltal: "indicator",
  rapport: "report",
  dokumentation: "documentation",
  dokumentationskrav: "documentation",
  enkät: "survey",
  granskning: "audit",
  tillsyn: "audit",
  inspektion: "audit",
  möte: "meeting",
  kvalitetsregister: "quality_register",
  statsbidrag: "state_grant",
  ersättningsmodell: "compensation_model",
  annat: "other",
};
const PURPOSE_WORDS: Record<string, Purpose> = {
  lärande: "learning",
  ansvarsutkrävande: "accountability",
  kontroll: "accountability",
  lagkrav: "legal_requirement",
  resursfördelning: "resource_allocation",
  "information till medborgare": "citizen_information",
  medborgarinformation: "citizen_information",
};

/** A Swedish or English word, or our own identifier, for a kind or purpose. */
function pick<T extends string>(word: string, words: Record<string, T>, own: readonly T[]): T | null {
  const key = word.trim().toLocaleLowerCase("sv-SE");
  if ((own as readonly string[]).includes(key.replaceAll(" ", "_"))) return key.replaceAll(" ", "_") as T;
  return words[key] ?? null;
}

/** Numbers as Excel writes them in Sweden: decimal comma, spaces between thousands. */
export function parseSwedishNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

const YES = ["ja", "yes", "x", "1", "sant", "true"];
const NO = ["", "nej", "no", "0", "falskt", "false"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day in the calendar written YYYY-MM-DD: 2026-02-30 has the shape but is not a day, and the database refuses it. */
export const isCalendarDate = (text: string): boolean =>
  DATE.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().slice(0, 10) === text;
const split = (text: string) =>
  text
    .split(/[|,;]/)
    .map((part) => part.trim())
    .filter(Boolean);

export type ImportedDemand = {
  line: number;
  code: string | null;
  title: string;
  kind: DemandKind;
  purpose: Purpose;
  requester: { unitId: string } | { actorId: string };
  reporters: { roles: Role[]; unitIds: string[] } | { population: number };
  frequencyKind: FrequencyKind;
  frequencyPerYear: number;
  minutesPerOccurrence: number;
  hourlyCost: number | null;
  requiredByLaw: boolean;
  legalReference: string | null;
  dataFields: string[];
  recipients: string | null;
  decisionsInformed: string | null;
  startDate: string | null;
  endDate: string | null;
};

export type Lookup = {
  /** Unit ids by unit code. */
  units: ReadonlyMap<string, string>;
  /** Actor ids by lower-case name. */
  actors: ReadonlyMap<string, string>;
};

const lineError = (line: number, sv: string, en: string): InventoryLineError => ({
  line,
  message: { sv, en },
});

/** Reads and checks every line; demands only when there is not a single error. */
export function readInventory(
  text: string,
  lookup: Lookup,
): { demands: ImportedDemand[]; errors: InventoryLineError[] } {
  const { rows, errors } = readCsvTable(text, COLUMNS as Record<Column, readonly string[]>, OPTIONAL);
  if (errors.length) return { demands: [], errors };
  const demands: ImportedDemand[] = [];
  const lineErrors: InventoryLineError[] = [];
  const codes = new Map<string, number>();
  for (const row of rows) {
    const problems: string[][] = [];
    const problem = (sv: string, en: string) => problems.push([sv, en]);
    const title = row.title;
    if (!title) problem("titel saknas", "title is missing");
    const kind = pick(row.kind, KIND_WORDS, [
      "indicator",
      "report",
      "documentation",
      "survey",
      "audit",
      "meeting",
      "quality_register",
      "state_grant",
      "compensation_model",
      "other",
    ]);
    if (!kind) problem(`okänd typ "${row.kind}"`, `unknown kind "${row.kind}"`);
    const purpose = pick(row.purpose, PURPOSE_WORDS, [
      "learning",
      "accountability",
      "legal_requirement",
      "resource_allocation",
      "citizen_information",
    ]);
    if (!purpose) problem(`okänt syfte "${row.purpose}"`, `unknown purpose "${row.purpose}"`);
    const requesterUnit = lookup.units.get(row.requester);
    const requesterActor = lookup.actors.get(row.requester.toLocaleLowerCase("sv-SE"));
    if (!requesterUnit && !requesterActor)
      problem(
        `beställaren "${row.requester}" är varken en enhetskod eller en känd aktör`,
        `the requester "${row.requester}" is neither a unit code nor a known actor`,
      );

    const perEvent = row.perEvent.toLowerCase();
    if (!YES.includes(perEvent) && !NO.includes(perEvent))
      problem("per händelse ska vara ja eller nej", "per event must be yes or no");
    const frequencyKind: FrequencyKind = YES.includes(perEvent) ? "per_event" : "periodic";
    const frequency = parseSwedishNumber(row.frequency);
    if (frequency === null || frequency < 0)
      problem("frekvensen är inte ett tal", "the frequency is not a number");
    else if (frequency === 0 && frequencyKind === "periodic")
      problem(
        "ett återkommande krav måste ske minst en gång per år",
        "a periodic demand must occur more than 0 times a year",
      );
    const minutes = parseSwedishNumber(row.minutes);
    if (minutes === null || minutes <= 0)
      problem("minuter måste vara ett tal större än 0", "minutes must be a number above 0");
    const hourlyCost = row.hourlyCost ? parseSwedishNumber(row.hourlyCost) : null;
    if (row.hourlyCost && (hourlyCost === null || hourlyCost <= 0))
      problem("timkostnaden är inte ett tal", "the hourly cost is not a number");

    const reporters = readReporters(row, lookup, problem);
    for (const [column, value] of [
      ["start", row.startDate],
      ["slut", row.endDate],
    ] as const)
      if (value && !isCalendarDate(value))
        problem(
          `${column} ska vara ett datum skrivet ÅÅÅÅ-MM-DD`,
          `${column === "start" ? "start" : "end"} must be a date written YYYY-MM-DD`,
        );
    if (row.code) {
      const earlier = codes.get(row.code);
      if (earlier)
        problem(
          `koden ${row.code} finns redan på rad ${earlier}`,
          `the code ${row.code} is already on line ${earlier}`,
        );
      codes.set(row.code, row.line);
    }

    if (problems.length) {
      lineErrors.push(
        lineError(
          row.line,
          capitalise(problems.map((p) => p[0]).join("; ")),
          capitalise(problems.map((p) => p[1]).join("; ")),
        ),
      );
      continue;
    }
    demands.push({
      line: row.line,
      code: row.code || null,
      title,
      kind: kind!,
      purpose: purpose!,
      requester: requesterUnit ? { unitId: requesterUnit } : { actorId: requesterActor! },
      reporters: reporters!,
      frequencyKind,
      frequencyPerYear: frequency!,
      minutesPerOccurrence: minutes!,
      hourlyCost,
      requiredByLaw: Boolean(row.legalReference),
      legalReference: row.legalReference || null,
      // Field names may hold commas, so only | separates them.
      dataFields: row.dataFields
        .split("|")
        .map((field) => field.trim())
        .filter(Boolean),
      recipients: row.recipients || null,
      decisionsInformed: row.decisions || null,
      startDate: row.startDate || null,
      endDate: row.endDate || null,
    });
  }
  return lineErrors.length ? { demands: [], errors: lineErrors } : { demands, errors: [] };
}

function readReporters(
  row: Record<Column, string>,
  lookup: Lookup,
  problem: (sv: string, en: string) => void,
): ImportedDemand["reporters"] | null {
  if (row.population) {
    const population = parseSwedishNumber(row.population);
    if (population === null || population < 1 || !Number.isInteger(population)) {
      problem("antal ska vara ett heltal större än 0", "population must be a whole number above 0");
      return null;
    }
    return { population };
  }
  const roles = split(row.roles).map((word) => [word, parseRole(word)] as const);
  const unknownRoles = roles.filter(([, role]) => !role).map(([word]) => word);
  if (unknownRoles.length)
    problem(`okänd roll: ${unknownRoles.join(", ")}`, `unknown role: ${unknownRoles.join(", ")}`);
  const units = split(row.units).map((code) => [code, lookup.units.get(code)] as const);
  const unknownUnits = units.filter(([, id]) => !id).map(([code]) => code);
  if (unknownUnits.length)
    problem(`okänd enhetskod: ${unknownUnits.join(", ")}`, `unknown unit code: ${unknownUnits.join(", ")}`);
  if (!roles.length || !units.length) {
    problem("ange roller och enheter, eller antal", "give roles and units, or a population");
    return null;
  }
  if (unknownRoles.length || unknownUnits.length) return null;
  return { roles: [...new Set(roles.map(([, role]) => role!))], unitIds: units.map(([, id]) => id!) };
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

// ---- re-import

export type ExistingDemand = {
  id: string;
  code: string | null;
  title: string;
  requesterKey: string;
  fingerprint: string;
};

export const requesterKeyOf = (requester: ImportedDemand["requester"]) =>
  "unitId" in requester ? `unit:${requester.unitId}` : `actor:${requester.actorId}`;

/** What an import compares: every field it writes, in a fixed order. */
export function fingerprint(demand: Omit<ImportedDemand, "line">): string {
  const {
    code,
    title,
    kind,
    purpose,
    requester,
    reporters,
    frequencyKind,
    frequencyPerYear,
    minutesPerOccurrence,
    hourlyCost,
    legalReference,
    dataFields,
    recipients,
    decisionsInformed,
    startDate,
    endDate,
  } = demand;
  return JSON.stringify([
    code,
    title,
    kind,
    purpose,
    requesterKeyOf(requester),
    reporters,
    frequencyKind,
    frequencyPerYear,
    minutesPerOccurrence,
    hourlyCost,
    legalReference,
    dataFields,
    recipients,
    decisionsInformed,
    startDate,
    endDate,
  ]);
}

const titleKey = (title: string, requesterKey: string) =>
  `${title.trim().toLocaleLowerCase("sv-SE")}|${requesterKey}`;

/** Which lines are new, which change an existing demand, and which change nothing. */
export function planInventoryImport(demands: ImportedDemand[], existing: ExistingDemand[]) {
  const byCode = new Map(existing.filter((e) => e.code).map((e) => [e.code!, e]));
  const byTitle = new Map(existing.map((e) => [titleKey(e.title, e.requesterKey), e]));
  const create: ImportedDemand[] = [];
  const update: { id: string; demand: ImportedDemand }[] = [];
  let unchanged = 0;
  for (const demand of demands) {
    const match =
      (demand.code ? byCode.get(demand.code) : undefined) ??
      byTitle.get(titleKey(demand.title, requesterKeyOf(demand.requester)));
    if (!match) create.push(demand);
    else if (match.fingerprint === fingerprint(demand)) unchanged += 1;
    else update.push({ id: match.id, demand });
  }
  return { create, update, unchanged };
}
