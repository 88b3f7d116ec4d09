// The follow-up inventory's rules as pure functions: the Standard Cost Model's arithmetic, burden
// per unit along the chain, removal candidates, duplicates, the trust profile and the
// consequence-analysis gate. No I/O here; store.ts loads the plain data these functions take.
import { ROLES, type Role } from "../core/access.ts";
import type { Text } from "../core/errors.ts";
import { ok, refuse, type Verdict } from "../core/verdict.ts";

export const DEMAND_KINDS = [
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
] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const PURPOSES = [
  "learning",
  "accountability",
  "legal_requirement",
  "resource_allocation",
  "citizen_information",
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The management-control components (styrsystemets delar) of seed 000. */
export const CONTROL_COMPONENTS = [
  "planning",
  "measurement",
  "followup",
  "rewards",
  "culture",
  "administration",
] as const;
export type ControlComponent = (typeof CONTROL_COMPONENTS)[number];

export const USE_KINDS = ["decision", "dialogue", "action", "report"] as const;
export type UseKind = (typeof USE_KINDS)[number];

export const DEMAND_STATUSES = ["draft", "active", "retired", "rejected"] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const FREQUENCY_KINDS = ["periodic", "per_event"] as const;
export type FrequencyKind = (typeof FREQUENCY_KINDS)[number];

/**
 * The seven dimensions of seed 000's Table 1. A demand sits at the traditional end, in between
 * ("both"), or at the trust-based end of each; unplaced dimensions are allowed while the analyst
 * works through the register.
 */
export const TRUST_DIMENSIONS = [
  "purpose_learning",
  "good_examples",
  "system_effects",
  "dialogue",
  "collegial",
  "citizen_perspective",
  "continuous",
] as const;
export type TrustDimension = (typeof TRUST_DIMENSIONS)[number];
export const TRUST_POSITIONS = ["traditional", "both", "trust"] as const;
export type TrustPosition = (typeof TRUST_POSITIONS)[number];
export type TrustPlacement = Partial<Record<TrustDimension, TrustPosition>>;

/** Who reports: roles in units (each with its subtree), counted from the chain, or a number given by hand. */
export type Reporters =
  | { roles: Role[]; unitIds: string[] }
  | { population: number; role?: Role | null; unitId?: string | null };

export const isScope = (reporters: Reporters): reporters is { roles: Role[]; unitIds: string[] } =>
  "roles" in reporters;

/** The units a demand's reporters name: a scope's units, or a population's unit if it has one. */
export const reporterUnitIds = (reporters: Reporters): string[] =>
  isScope(reporters) ? reporters.unitIds : reporters.unitId ? [reporters.unitId] : [];

export type InventorySettings = {
  /** SEK per hour, including social fees, by the reporters' role. */
  hourlyCost: Record<Role, number>;
  /** For a population whose role is not given. */
  defaultHourlyCost: number;
  /** Annual working time of one full-time employee, hours. */
  annualWorkingHours: number;
};

export const DEFAULT_SETTINGS: InventorySettings = {
  hourlyCost: {
    employee: 480,
    manager: 720,
    director: 950,
    politician: 600,
    analyst: 650,
    admin: 560,
    whistle_handler: 600,
  },
  defaultHourlyCost: 520,
  annualWorkingHours: 1700,
};

/** A tenant's stored settings over the defaults; anything malformed falls back to the default. */
export function inventorySettings(stored: unknown): InventorySettings {
  const given = (stored ?? {}) as Partial<InventorySettings>;
  const positive = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
  const hourlyCost = { ...DEFAULT_SETTINGS.hourlyCost };
  for (const role of ROLES) hourlyCost[role] = positive(given.hourlyCost?.[role], hourlyCost[role]);
  return {
    hourlyCost,
    defaultHourlyCost: positive(given.defaultHourlyCost, DEFAULT_SETTINGS.defaultHourlyCost),
    annualWorkingHours: positive(given.annualWorkingHours, DEFAULT_SETTINGS.annualWorkingHours),
  };
}

// ---------------------------------------------------------------------------------------------
// Days and the demand's own rules

/** The calendar day (UTC) of a moment, as the database stores dates: "2026-12-02". */
export const dateOnly = (date: Date): string => date.toISOString().slice(0, 10);

/** In force on a day: active, started, not ended. */
export function inForce(
  demand: { status: DemandStatus; startDate: string | null; endDate: string | null },
  today = new Date(),
): boolean {
  const day = dateOnly(today);
  return (
    demand.status === "active" &&
    (!demand.startDate || demand.startDate <= day) &&
    (!demand.endDate || demand.endDate >= day)
  );
}

/** What the rules need of a demand as it is proposed or changed. */
export type DemandDraft = {
  frequencyKind?: FrequencyKind;
  frequencyPerYear: number;
  startDate?: string | null;
  endDate?: string | null;
  requester: { unitId: string } | { actorId: string };
  reporters: Reporters;
  requiredByLaw?: boolean;
  legalReference?: string | null;
};

/** A refusal about one field of the demand (`reporters.unitIds.0`), so the form can show it there. */
export type FieldRefusal = { field: string; verdict: Verdict };

/** The tenant's units and external actors (ids), which a demand's references must name. */
export type KnownReferences = { units: { has(id: string): boolean }; actors: { has(id: string): boolean } };

const unitUnknown = refuse("unknown_unit", "Enheten finns inte.", "The unit does not exist.");

/**
 * What a demand must satisfy beyond its schema: a periodic demand occurs, dates run forward,
 * every unit and actor it names is the tenant's, and a legal requirement names its law.
 * Answers the first field at fault, or null.
 */
export function demandProblem(demand: DemandDraft, known: KnownReferences): FieldRefusal | null {
  if ((demand.frequencyKind ?? "periodic") === "periodic" && demand.frequencyPerYear <= 0)
    return {
      field: "frequencyPerYear",
      verdict: refuse(
        "frequency_required",
        "Ett återkommande krav måste ske minst en gång per år (mer än 0).",
        "A periodic demand must occur more than 0 times a year.",
      ),
    };
  if (demand.startDate && demand.endDate && demand.endDate < demand.startDate)
    return {
      field: "endDate",
      verdict: refuse(
        "dates_reversed",
        "Slutdatum ligger före startdatum.",
        "The end date is before the start date.",
      ),
    };
  if ("unitId" in demand.requester && !known.units.has(demand.requester.unitId))
    return { field: "requester.unitId", verdict: unitUnknown };
  if ("actorId" in demand.requester && !known.actors.has(demand.requester.actorId))
    return {
      field: "requester.actorId",
      verdict: refuse("unknown_actor", "Aktören finns inte.", "The actor does not exist."),
    };
  const reporters = demand.reporters;
  if (isScope(reporters)) {
    const index = reporters.unitIds.findIndex((unitId) => !known.units.has(unitId));
    if (index >= 0) return { field: `reporters.unitIds.${index}`, verdict: unitUnknown };
  } else if (reporters.unitId && !known.units.has(reporters.unitId))
    return { field: "reporters.unitId", verdict: unitUnknown };
  if (demand.requiredByLaw && !demand.legalReference?.trim())
    return {
      field: "legalReference",
      verdict: refuse(
        "legal_reference_required",
        "Ange lagrummet när kravet är ett lagkrav.",
        "Give the legal reference when the demand is required by law.",
      ),
    };
  return null;
}

/** A demand's code is its key in the analysts' own spreadsheets, so it names one demand in the tenant. */
export function demandCodeFree(taken: boolean): Verdict {
  if (!taken) return ok;
  return refuse(
    "code_taken",
    "Koden används redan av ett annat krav.",
    "The code is already used by another demand.",
  );
}

/** A retired or rejected demand is history: it is not changed any more. */
export function demandChangeable(status: DemandStatus): Verdict {
  if (status !== "retired" && status !== "rejected") return ok;
  return refuse(
    "demand_closed",
    "Ett avslutat eller avslaget krav kan inte ändras.",
    "A retired or rejected demand cannot be changed.",
  );
}

/**
 * Registering an existing demand records one already in force when the inventory is taken; one
 * that starts later is a new demand and goes through the consequence analysis.
 */
export function existingDemandStart(startDate: string | null | undefined, today: string): Verdict {
  if (!startDate || startDate <= today) return ok;
  return refuse(
    "existing_in_future",
    "Ett krav som redan gäller kan inte börja i framtiden. Föreslå det som nytt krav i stället.",
    "A demand already in force cannot start in the future. Propose it as a new demand instead.",
  );
}

/** A use is recorded once it has happened. */
export function dateOfUse(usedOn: string | null | undefined, today: string): Verdict {
  if (!usedOn || usedOn <= today) return ok;
  return refuse("date_in_future", "Datumet ligger i framtiden.", "The date is in the future.");
}

// ---------------------------------------------------------------------------------------------
// The Standard Cost Model

/** Hours per year = minutes × occurrences per year × reporters ÷ 60. */
export const annualHours = (minutes: number, perYear: number, reporters: number): number =>
  (minutes * perYear * reporters) / 60;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Staff's own estimates replace the analyst's guess as soon as there is one. */
export function effectiveMinutes(guess: number, estimates: readonly number[]) {
  const estimated = median(estimates);
  return estimated === null
    ? { minutes: guess, source: "analyst" as const, answers: 0 }
    : { minutes: estimated, source: "staff" as const, answers: estimates.length };
}

// ---------------------------------------------------------------------------------------------
// The chain as the burden sees it

export type ChainUnit = { id: string; path: string };
/** Active memberships held directly in a unit, by role. */
export type DirectCounts = ReadonlyMap<string, Partial<Record<Role, number>>>;

/**
 * The chain with each unit's members counted directly and over its whole subtree. Built once per
 * request from two small queries; every burden figure is then arithmetic over it.
 */
export type Chain = {
  units: ReadonlyMap<string, ChainUnit>;
  direct: DirectCounts;
  subtree: ReadonlyMap<string, Partial<Record<Role, number>>>;
};

const parentIdOf = (path: string): string | null => path.split("/").filter(Boolean).at(-2) ?? null;

export function buildChain(units: readonly ChainUnit[], direct: DirectCounts): Chain {
  const subtree = new Map<string, Partial<Record<Role, number>>>();
  for (const unit of units) subtree.set(unit.id, { ...(direct.get(unit.id) ?? {}) });
  // Deepest first, so each unit's subtree is complete before it is added to its parent.
  const deepestFirst = [...units].sort((a, b) => depth(b.path) - depth(a.path));
  for (const unit of deepestFirst) {
    const parentId = parentIdOf(unit.path);
    const parent = parentId ? subtree.get(parentId) : undefined;
    if (!parent) continue;
    for (const [role, n] of Object.entries(subtree.get(unit.id) ?? {}) as [Role, number][])
      parent[role] = (parent[role] ?? 0) + n;
  }
  return { units: new Map(units.map((unit) => [unit.id, unit])), direct, subtree };
}

const depth = (path: string) => path.split("/").length;
const isWithin = (inner: string, outer: string) => inner.startsWith(outer);

/** Scope units that lie under another scope unit add nobody; dropping them avoids counting twice. */
function outermostUnits(chain: Chain, unitIds: readonly string[]): ChainUnit[] {
  const units = [...new Set(unitIds)].flatMap((id) => chain.units.get(id) ?? []);
  return units.filter((unit) => !units.some((other) => other !== unit && isWithin(unit.path, other.path)));
}

/** Where the burden is looked at: the whole tenant, a unit with its subtree, or only a unit's own members. */
export type Focus =
  | { kind: "tenant" }
  | { kind: "subtree"; unit: ChainUnit }
  | { kind: "own"; unit: ChainUnit };

/**
 * Reporters of a demand by role, counted inside the focus. A scope unit above the focus counts
 * the focus's members; one inside it counts its own subtree; anything else counts nobody.
 */
export function reportersByRole(chain: Chain, reporters: Reporters, focus: Focus): Map<Role | null, number> {
  const counts = new Map<Role | null, number>();
  const add = (role: Role | null, n: number) => {
    if (n > 0) counts.set(role, (counts.get(role) ?? 0) + n);
  };
  if (!isScope(reporters)) {
    if (populationInFocus(chain, reporters.unitId ?? null, focus))
      add(reporters.role ?? null, reporters.population);
    return counts;
  }
  for (const scopeUnit of outermostUnits(chain, reporters.unitIds)) {
    const counted = countedWithin(chain, scopeUnit, focus);
    if (!counted) continue;
    for (const role of new Set(reporters.roles)) add(role, counted[role] ?? 0);
  }
  return counts;
}

function countedWithin(chain: Chain, scopeUnit: ChainUnit, focus: Focus) {
  if (focus.kind === "tenant") return chain.subtree.get(scopeUnit.id);
  if (focus.kind === "own")
    return isWithin(focus.unit.path, scopeUnit.path) ? chain.direct.get(focus.unit.id) : undefined;
  if (isWithin(focus.unit.path, scopeUnit.path)) return chain.subtree.get(focus.unit.id);
  if (isWithin(scopeUnit.path, focus.unit.path)) return chain.subtree.get(scopeUnit.id);
  return undefined;
}

/** A population belongs to its unit, or only to the tenant as a whole when it names none. */
function populationInFocus(chain: Chain, unitId: string | null, focus: Focus): boolean {
  if (focus.kind === "tenant") return true;
  const unit = unitId ? chain.units.get(unitId) : undefined;
  if (!unit) return false;
  return focus.kind === "own" ? unit.id === focus.unit.id : isWithin(unit.path, focus.unit.path);
}

// ---------------------------------------------------------------------------------------------
// Burden

/** What the burden needs of a demand. */
export type BurdenDemand = {
  id: string;
  title: string;
  kind: DemandKind;
  purpose: Purpose;
  requesterKey: string;
  requesterLabel: string;
  reporters: Reporters;
  frequencyPerYear: number;
  minutes: number;
  hourlyCost: number | null;
};

/** One demand's burden on one role inside the focus. */
export type BurdenLine = {
  demandId: string;
  role: Role | null;
  reporters: number;
  hours: number;
  cost: number;
};

function hourlyCostFor(
  settings: InventorySettings,
  demand: { hourlyCost: number | null },
  role: Role | null,
) {
  if (demand.hourlyCost !== null) return demand.hourlyCost;
  return role ? settings.hourlyCost[role] : settings.defaultHourlyCost;
}

export function burdenLines(
  chain: Chain,
  settings: InventorySettings,
  demands: readonly Pick<BurdenDemand, "id" | "reporters" | "frequencyPerYear" | "minutes" | "hourlyCost">[],
  focus: Focus,
): BurdenLine[] {
  const lines: BurdenLine[] = [];
  for (const demand of demands) {
    for (const [role, reporters] of reportersByRole(chain, demand.reporters, focus)) {
      const hours = annualHours(demand.minutes, demand.frequencyPerYear, reporters);
      lines.push({
        demandId: demand.id,
        role,
        reporters,
        hours,
        cost: hours * hourlyCostFor(settings, demand, role),
      });
    }
  }
  return lines;
}

export const GROUP_BYS = ["role", "requester", "purpose", "kind", "demand"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export type BurdenGroup = { key: string; hours: number; cost: number };

/** Sums burden lines by one of the demand's properties, largest first. */
export function groupBurden(
  lines: readonly BurdenLine[],
  demands: ReadonlyMap<string, BurdenDemand>,
  groupBy: GroupBy,
): BurdenGroup[] {
  return sumByKey(lines, (line) => {
    const demand = demands.get(line.demandId);
    return demand ? groupKey(demand, line, groupBy) : undefined;
  });
}

/** Sums lines by a key (a line without one is left out), largest first, ties by key. */
function sumByKey<Line extends { hours: number; cost: number }>(
  lines: readonly Line[],
  keyOf: (line: Line) => string | undefined,
): BurdenGroup[] {
  const groups = new Map<string, BurdenGroup>();
  for (const line of lines) {
    const key = keyOf(line);
    if (key === undefined) continue;
    const group = groups.get(key) ?? { key, hours: 0, cost: 0 };
    group.hours += line.hours;
    group.cost += line.cost;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.hours - a.hours || a.key.localeCompare(b.key));
}

/**
 * What the store sums over the demands in force that share their reporters (one role in a scope's
 * units, or a population's role and unit), their hourly cost and their group key: Σ minutes ×
 * occurrences a year, times the population for a counted one. The Standard Cost Model is linear in
 * that product, so a sum is burdened as one demand taking `load` minutes once a year and gives the
 * hours and cost of its demands taken one by one — without loading them into the process.
 */
export type BurdenLoad = {
  /** The group key the store summed by (requester key, purpose, kind, demand id), or "" for none. */
  key: string;
  /** What the group is called where the store knows it (a demand's title). */
  label: string | null;
  reporters:
    | { roles: [Role]; unitIds: string[] }
    | { population: 1; role: Role | null; unitId: string | null };
  hourlyCost: number | null;
  load: number;
};

/** Burden lines of summed demands inside the focus, each with the key its sum was made by. */
export function loadLines(
  chain: Chain,
  settings: InventorySettings,
  loads: readonly BurdenLoad[],
  focus: Focus,
): (BurdenLine & { key: string })[] {
  return loads.flatMap((load, i) =>
    burdenLines(
      chain,
      settings,
      [
        {
          id: String(i),
          reporters: load.reporters,
          frequencyPerYear: 1,
          minutes: load.load,
          hourlyCost: load.hourlyCost,
        },
      ],
      focus,
    ).map((line) => ({ ...line, key: load.key })),
  );
}

/** Summed burden lines grouped as `groupBurden` groups the demands they sum: by role, or by their key. */
export const groupLoadLines = (lines: readonly (BurdenLine & { key: string })[], groupBy: GroupBy) =>
  sumByKey(lines, (line) => (groupBy === "role" ? (line.role ?? "unspecified") : line.key));

function groupKey(demand: BurdenDemand, line: BurdenLine, groupBy: GroupBy): string {
  switch (groupBy) {
    case "role":
      return line.role ?? "unspecified";
    case "requester":
      return demand.requesterKey;
    case "purpose":
      return demand.purpose;
    case "kind":
      return demand.kind;
    case "demand":
      return demand.id;
  }
}

export const totalOf = (lines: readonly { hours: number; cost: number }[]) =>
  lines.reduce((sum, line) => ({ hours: sum.hours + line.hours, cost: sum.cost + line.cost }), {
    hours: 0,
    cost: 0,
  });

/** What one demand costs a year inside the focus: its hours and their price, summed over its roles. */
export const annualBurden = (chain: Chain, settings: InventorySettings, demand: BurdenDemand, focus: Focus) =>
  totalOf(burdenLines(chain, settings, [demand], focus));

/** People in the focus (each membership counts once), for burden per employee. */
export function peopleInFocus(chain: Chain, focus: Focus): number {
  const counts =
    focus.kind === "tenant"
      ? [...chain.units.values()]
          .filter((unit) => parentIdOf(unit.path) === null)
          .map((root) => chain.subtree.get(root.id) ?? {})
      : [(focus.kind === "own" ? chain.direct : chain.subtree).get(focus.unit.id) ?? {}];
  return counts.reduce((sum, byRole) => sum + Object.values(byRole).reduce((a, n) => a + (n ?? 0), 0), 0);
}

/** Hours per person and that as a share of a full-time year. */
export function perPerson(totalHours: number, people: number, settings: InventorySettings) {
  const hours = people > 0 ? totalHours / people : 0;
  return { people, hours, shareOfWorkingTime: hours / settings.annualWorkingHours };
}

// ---------------------------------------------------------------------------------------------
// Use, removal candidates and duplicates

const DAY = 24 * 60 * 60 * 1000;
const YEAR_DAYS = 365.25;

/**
 * How far back a demand's use is looked for: its last two periods, and never less than twelve
 * months, so a yearly report is judged over two years and a monthly one over a year.
 */
export function lookBackDays(frequencyPerYear: number): number {
  const periodDays = frequencyPerYear > 0 ? YEAR_DAYS / frequencyPerYear : YEAR_DAYS;
  return Math.max(YEAR_DAYS, 2 * periodDays);
}

/**
 * A demand is a removal candidate when it has been in force for the whole window and nobody has
 * recorded a use of its information inside it.
 */
export function isRemovalCandidate(
  demand: { status: DemandStatus; frequencyPerYear: number; inForceSince: Date },
  lastUsedAt: Date | null,
  today: Date,
): boolean {
  if (demand.status !== "active") return false;
  const windowStart = today.getTime() - lookBackDays(demand.frequencyPerYear) * DAY;
  if (demand.inForceSince.getTime() > windowStart) return false;
  return lastUsedAt === null || lastUsedAt.getTime() < windowStart;
}

const normaliseField = (field: string) => field.trim().toLocaleLowerCase("sv-SE").replace(/\s+/g, " ");

export type DuplicateCandidate = {
  id: string;
  requesterKey: string;
  reporters: Reporters;
  dataFields: string[];
};

export type Duplicate = {
  demandIds: [string, string];
  fields: string[];
  /** The reporters both ask: roles and the units where their scopes meet. */
  roles: (Role | null)[];
  unitIds: string[];
};

/**
 * Pairs of demands from different requesters that collect the same data field from the same
 * reporters. Only demands sharing a field are compared, so the work follows the overlaps rather
 * than the square of the register.
 */
export function findDuplicates(chain: Chain, demands: readonly DuplicateCandidate[]): Duplicate[] {
  const byField = new Map<string, DuplicateCandidate[]>();
  for (const demand of demands)
    for (const field of new Set(demand.dataFields.map(normaliseField)))
      if (field) byField.set(field, [...(byField.get(field) ?? []), demand]);

  const pairs = new Map<string, { a: DuplicateCandidate; b: DuplicateCandidate; fields: string[] }>();
  for (const [field, sharing] of byField) {
    for (let i = 0; i < sharing.length; i++)
      for (let j = i + 1; j < sharing.length; j++) {
        const [a, b] = [sharing[i], sharing[j]].sort((x, y) => x.id.localeCompare(y.id));
        if (a.requesterKey === b.requesterKey) continue;
        const key = `${a.id}|${b.id}`;
        const pair = pairs.get(key) ?? { a, b, fields: [] };
        pair.fields.push(field);
        pairs.set(key, pair);
      }
  }
  const duplicates: Duplicate[] = [];
  for (const { a, b, fields } of pairs.values()) {
    const overlap = reporterOverlap(chain, a.reporters, b.reporters);
    if (overlap)
      duplicates.push({
        demandIds: [a.id, b.id],
        fields: fields.sort(),
        roles: overlap.roles,
        unitIds: overlap.unitIds,
      });
  }
  return duplicates.sort((x, y) => x.demandIds.join().localeCompare(y.demandIds.join()));
}

/** The reporters two demands share: the same role, in units where one scope lies within the other. */
function reporterOverlap(
  chain: Chain,
  a: Reporters,
  b: Reporters,
): { roles: (Role | null)[]; unitIds: string[] } | null {
  if (!isScope(a) || !isScope(b)) {
    if (isScope(a) || isScope(b)) return null;
    const sameRole = (a.role ?? null) === (b.role ?? null);
    const sameUnit = (a.unitId ?? null) === (b.unitId ?? null);
    return sameRole && sameUnit ? { roles: [a.role ?? null], unitIds: a.unitId ? [a.unitId] : [] } : null;
  }
  const roles = a.roles.filter((role) => b.roles.includes(role));
  if (roles.length === 0) return null;
  const unitIds = new Set<string>();
  for (const x of outermostUnits(chain, a.unitIds))
    for (const y of outermostUnits(chain, b.unitIds)) {
      if (isWithin(x.path, y.path)) unitIds.add(x.id);
      else if (isWithin(y.path, x.path)) unitIds.add(y.id);
    }
  const shared = [...unitIds].filter((id) => roles.some((role) => (chain.subtree.get(id)?.[role] ?? 0) > 0));
  return shared.length ? { roles, unitIds: shared.sort() } : null;
}

// ---------------------------------------------------------------------------------------------
// Trust profile

export type ProfileRow = {
  dimension: TrustDimension;
  hours: Record<TrustPosition | "unplaced", number>;
  shares: Record<TrustPosition | "unplaced", number>;
};

/** Per dimension, the share of follow-up hours at each position, weighted by each demand's hours. */
export function trustProfile(
  hoursByDemand: ReadonlyMap<string, number>,
  placements: ReadonlyMap<string, TrustPlacement>,
): { totalHours: number; dimensions: ProfileRow[] } {
  const totalHours = [...hoursByDemand.values()].reduce((a, b) => a + b, 0);
  const dimensions = TRUST_DIMENSIONS.map((dimension) => {
    const hours = { traditional: 0, both: 0, trust: 0, unplaced: 0 };
    for (const [demandId, demandHours] of hoursByDemand)
      hours[placements.get(demandId)?.[dimension] ?? "unplaced"] += demandHours;
    const share = (h: number) => (totalHours > 0 ? h / totalHours : 0);
    return {
      dimension,
      hours,
      shares: {
        traditional: share(hours.traditional),
        both: share(hours.both),
        trust: share(hours.trust),
        unplaced: share(hours.unplaced),
      },
    };
  });
  return { totalHours, dimensions };
}

// ---------------------------------------------------------------------------------------------
// The register's filters

export const REGISTER_FLAGS = ["removal", "duplicate"] as const;
export type RegisterFlag = (typeof REGISTER_FLAGS)[number];

/** What the register is asked for; every filter left out lets everything through, status defaults to active. */
export type RegisterFilter = {
  status?: DemandStatus | "all";
  kind?: DemandKind;
  purpose?: Purpose;
  /** A requester key, `unit:<id>` or `actor:<id>`. */
  requester?: string;
  /** Words looked for in the title, code and description. */
  q?: string;
  /** Only demands with reporters inside this unit's subtree. */
  unitId?: string;
  flag?: RegisterFlag;
};

/** What the filters look at in one line of the register. */
export type RegisterEntry = {
  status: DemandStatus;
  kind: DemandKind;
  purpose: Purpose;
  requesterKey: string;
  /** Title, code and description, where a search looks. */
  text: string;
  /** Reporters counted inside the filter's unit (or the tenant when it names none). */
  reporterCount: number;
  removalCandidate: boolean;
  duplicate: boolean;
};

const fold = (text: string) => text.toLocaleLowerCase("sv-SE");

/** The register's lines that pass every filter, in their order. */
export function filterRegister<Entry extends RegisterEntry>(
  entries: readonly Entry[],
  filter: RegisterFilter,
): Entry[] {
  const statuses: readonly DemandStatus[] =
    filter.status === "all" ? DEMAND_STATUSES : [filter.status ?? "active"];
  const needle = filter.q ? fold(filter.q) : "";
  return entries.filter(
    (entry) =>
      statuses.includes(entry.status) &&
      (!filter.kind || entry.kind === filter.kind) &&
      (!filter.purpose || entry.purpose === filter.purpose) &&
      (!filter.requester || entry.requesterKey === filter.requester) &&
      (!needle || fold(entry.text).includes(needle)) &&
      (!filter.unitId || entry.reporterCount > 0) &&
      (filter.flag !== "removal" || entry.removalCandidate) &&
      (filter.flag !== "duplicate" || entry.duplicate),
  );
}

// ---------------------------------------------------------------------------------------------
// Consequence analysis, activation and retirement

export const ANALYSIS_STATUSES = ["draft", "consultation", "adopted", "rejected"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

const ANALYSIS_STEPS: Record<AnalysisStatus, readonly AnalysisStatus[]> = {
  draft: ["consultation"],
  consultation: ["draft", "adopted", "rejected"],
  adopted: [],
  rejected: [],
};

/** Where an analysis is, in words: "En analys som är antagen …". */
const ANALYSIS_STATE_WORDS: Record<AnalysisStatus, Text> = {
  draft: { sv: "ett utkast", en: "a draft" },
  consultation: { sv: "ute på samråd", en: "in consultation" },
  adopted: { sv: "antagen", en: "adopted" },
  rejected: { sv: "avslagen", en: "rejected" },
};

/** Where an analysis is going, in words: "… kan inte skickas på samråd." */
const ANALYSIS_STEP_WORDS: Record<AnalysisStatus, Text> = {
  draft: { sv: "tas tillbaka till utkast", en: "be taken back to draft" },
  consultation: { sv: "skickas på samråd", en: "be put to consultation" },
  adopted: { sv: "antas", en: "be adopted" },
  rejected: { sv: "avslås", en: "be rejected" },
};

/** The analysis flow: draft → consultation → adopted | rejected; consultation may go back to draft. */
export function analysisTransition(from: AnalysisStatus, to: AnalysisStatus): Verdict {
  if (ANALYSIS_STEPS[from].includes(to)) return ok;
  if (from === "draft" && (to === "adopted" || to === "rejected"))
    return refuse(
      "consultation_first",
      "Analysen måste ha varit ute på samråd med berörd personal innan den beslutas.",
      "The analysis must be put to consultation with the affected staff before it is decided.",
    );
  return refuse(
    "illegal_transition",
    `En analys som är ${ANALYSIS_STATE_WORDS[from].sv} kan inte ${ANALYSIS_STEP_WORDS[to].sv}.`,
    `An analysis that is ${ANALYSIS_STATE_WORDS[from].en} cannot ${ANALYSIS_STEP_WORDS[to].en}.`,
  );
}

/** Adopting or rejecting an analysis is a decision, and a decision says why. */
export const isDecision = (to: AnalysisStatus): to is "adopted" | "rejected" =>
  to === "adopted" || to === "rejected";

export function analysisDecisionReason(to: AnalysisStatus, reason: string | null | undefined): Verdict {
  if (!isDecision(to) || reason?.trim()) return ok;
  return refuse("reason_required", "Motivera beslutet.", "Give the reason for the decision.");
}

/**
 * The analysis is written before the demand takes effect, and stays open until it is decided:
 * while the demand is a draft and the analysis a draft or out for consultation.
 */
export function analysisEditable(demandStatus: DemandStatus, analysisStatus: AnalysisStatus | null): Verdict {
  if (demandStatus !== "draft")
    return refuse(
      "not_draft",
      "Analysen görs innan kravet börjar gälla; kravet är inte längre ett utkast.",
      "The analysis is made before the demand takes effect; the demand is no longer a draft.",
    );
  if (analysisStatus === "adopted" || analysisStatus === "rejected")
    return refuse("already_decided", "Analysen är redan beslutad.", "The analysis has already been decided.");
  return ok;
}

/** Staff give their comments while the analysis is out for consultation — that is what it is for. */
export function canComment(analysisStatus: AnalysisStatus | null): Verdict {
  if (analysisStatus === "consultation") return ok;
  return refuse(
    "not_in_consultation",
    "Synpunkter lämnas medan analysen är ute på samråd.",
    "Comments are given while the analysis is in consultation.",
  );
}

/** A consequence analysis may not be decided while its core questions are unanswered. */
export const REQUIRED_ANALYSIS_FIELDS = [
  "purposeAndUsers",
  "decisionsInformed",
  "goalDisplacementRisk",
  "discretionEffect",
  "citizenValue",
  "alternatives",
] as const;

export function missingAnalysisFields(
  analysis: Partial<Record<(typeof REQUIRED_ANALYSIS_FIELDS)[number], string | null>>,
): string[] {
  return REQUIRED_ANALYSIS_FIELDS.filter((field) => !analysis[field]?.trim());
}

/**
 * The gate before a demand takes effect: a decided, adopted analysis — or a legal requirement
 * with its reference, since the law is not ours to weigh.
 */
export function canActivate(
  demand: { status: DemandStatus; requiredByLaw: boolean; legalReference: string | null },
  analysisStatus: AnalysisStatus | null,
): Verdict {
  if (demand.status !== "draft")
    return refuse("not_draft", "Bara ett utkast kan börja gälla.", "Only a draft demand can be made active.");
  if (demand.requiredByLaw && demand.legalReference?.trim()) return ok;
  if (analysisStatus === "adopted") return ok;
  return refuse(
    "analysis_required",
    "Kravet kan inte börja gälla utan en beslutad kontext- och konsekvensanalys (eller en hänvisning till lagkravet).",
    "The demand cannot become active without a decided context and consequence analysis (or a reference to the legal requirement).",
  );
}

export const RETIREMENT_STATUSES = ["proposed", "approved", "declined"] as const;
export type RetirementStatus = (typeof RETIREMENT_STATUSES)[number];

/** Only a demand in force is retired, and one proposal waits for a decision at a time. */
export function canProposeRetirement(status: DemandStatus, openProposal: boolean): Verdict {
  if (status !== "active")
    return refuse(
      "not_in_force",
      "Bara ett gällande krav kan avvecklas.",
      "Only a demand in force can be retired.",
    );
  if (openProposal)
    return refuse(
      "proposal_open",
      "Det finns redan ett förslag om avveckling som väntar på beslut.",
      "A retirement proposal is already waiting for a decision.",
    );
  return ok;
}

export function retirementDecision(
  proposal: { status: RetirementStatus },
  to: "approved" | "declined",
  reason: string | null,
): Verdict {
  if (proposal.status !== "proposed")
    return refuse(
      "already_decided",
      "Förslaget är redan beslutat.",
      "The proposal has already been decided.",
    );
  if (to === "declined" && !reason?.trim())
    return refuse("reason_required", "Ange varför förslaget avslås.", "Say why the proposal is declined.");
  return ok;
}

/**
 * The part of a retired demand's yearly hours and cost that has been returned to core work so far
 * this calendar year.
 */
export function freedSoFar(annual: { hours: number; cost: number }, endedOn: Date, today: Date) {
  const yearStart = Date.UTC(today.getUTCFullYear(), 0, 1);
  const from = Math.max(endedOn.getTime(), yearStart);
  const days = Math.max(0, (today.getTime() - from) / DAY);
  const fraction = Math.min(1, days / YEAR_DAYS);
  return { hours: annual.hours * fraction, cost: annual.cost * fraction };
}

/** A retired demand as the freed hours see it: what it cost a year, and the day it ended. */
export type RetiredDemand = { demand: BurdenDemand; endDate: string | null };

/**
 * What retiring demands gives back inside the focus: each retired demand's yearly hours and cost
 * (`annualBurden`, the same figure its retirement decision recorded for the tenant), their sum,
 * and how much of it has been returned so far this year. A demand without an end date is counted
 * from today.
 */
export function freedHours(
  chain: Chain,
  settings: InventorySettings,
  retired: readonly RetiredDemand[],
  focus: Focus,
  today: Date,
) {
  const demands = retired
    .map(({ demand, endDate }) => {
      const annual = annualBurden(chain, settings, demand, focus);
      return {
        demandId: demand.id,
        title: demand.title,
        endDate,
        annualHours: annual.hours,
        annualCost: annual.cost,
      };
    })
    .filter((item) => item.annualHours > 0);
  const soFar = demands.map((item) =>
    freedSoFar(
      { hours: item.annualHours, cost: item.annualCost },
      new Date(`${item.endDate ?? dateOnly(today)}T00:00:00Z`),
      today,
    ),
  );
  return {
    annualHours: demands.reduce((sum, item) => sum + item.annualHours, 0),
    annualCost: demands.reduce((sum, item) => sum + item.annualCost, 0),
    soFarThisYear: totalOf(soFar),
    demands,
  };
}
