// The follow-up inventory's rules as pure functions: the Standard Cost Model's arithmetic, burden
// per unit along the chain, removal candidates, duplicates, the trust profile and the
// consequence-analysis gate. No I/O here; store.ts loads the plain data these functions take.
import { ROLES, type Role } from "../core/access.ts";
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

export const parentIdOf = (path: string): string | null => path.split("/").filter(Boolean).at(-2) ?? null;

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
export function outermostUnits(chain: Chain, unitIds: readonly string[]): ChainUnit[] {
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

export function hourlyCostFor(
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
  demands: readonly BurdenDemand[],
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
  const groups = new Map<string, BurdenGroup>();
  for (const line of lines) {
    const demand = demands.get(line.demandId);
    if (!demand) continue;
    const key = groupKey(demand, line, groupBy);
    const group = groups.get(key) ?? { key, hours: 0, cost: 0 };
    group.hours += line.hours;
    group.cost += line.cost;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.hours - a.hours || a.key.localeCompare(b.key));
}

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

export const normaliseField = (field: string) => field.trim().toLocaleLowerCase("sv-SE").replace(/\s+/g, " ");

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
export function reporterOverlap(
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
// Consequence analysis, activation and retirement

export const ANALYSIS_STATUSES = ["draft", "consultation", "adopted", "rejected"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

const ANALYSIS_STEPS: Record<AnalysisStatus, readonly AnalysisStatus[]> = {
  draft: ["consultation"],
  consultation: ["draft", "adopted", "rejected"],
  adopted: [],
  rejected: [],
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
    `Analysen kan inte gå från ${from} till ${to}.`,
    `The analysis cannot go from ${from} to ${to}.`,
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
 * What retiring a demand gives back: its yearly hours and cost, and how much of that has been
 * returned to core work so far this calendar year.
 */
export function freedSoFar(annual: { hours: number; cost: number }, endedOn: Date, today: Date) {
  const yearStart = Date.UTC(today.getUTCFullYear(), 0, 1);
  const from = Math.max(endedOn.getTime(), yearStart);
  const days = Math.max(0, (today.getTime() - from) / DAY);
  const fraction = Math.min(1, days / YEAR_DAYS);
  return { hours: annual.hours * fraction, cost: annual.cost * fraction };
}
