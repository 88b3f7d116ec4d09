// Reading a closed round's results — only ever through its publication plan. Every figure a route
// answers with (results, overview, heatmap, perception gaps, comments, the CSV export) is a cell of
// the plan, and who may see which unit's cells, and when, is decided by `policy.viewResults`.
import type { Actor } from "../core/access.ts";
import { authorize } from "../core/access.ts";
import type { CsvCell } from "../core/csv.ts";
import type { Db } from "../core/db.ts";
import { type Lang, notFound, type Text } from "../core/errors.ts";
import { enforce } from "../core/verdict.ts";
import { type BankItem, PRINCIPLES } from "./bank.ts";
import {
  type Category,
  cellKey,
  DEFAULT_SETTINGS,
  type DirectCounts,
  embargoEnds,
  figures,
  type Plan,
  publicationPlan,
  ROLE_CATEGORIES,
  type RoleCategory,
  resultsVerdict,
  SUPPRESSION_TEXT,
  shuffled,
} from "./model.ts";
import * as policy from "./policy.ts";
import { itemsOf, type ScopeUnit, withParentPath } from "./rounds-service.ts";
import type { AggregateRow, RoundRow } from "./store.ts";
import * as store from "./store.ts";
import { csvHeader, csvLine } from "./views.ts";

export const roundNotFound: Text = { sv: "Omgången finns inte.", en: "The round does not exist." };
const unitNotFound: Text = { sv: "Enheten ingår inte i omgången.", en: "The unit is not part of the round." };

type Sums = { distribution: number[]; dontKnow: number };

/**
 * A closed round's counts over its units as they were at closing, with each item's publication plan
 * and subtree sums worked out once and kept: neither the counts nor the frozen tree ever change,
 * so every later request is a lookup and every answer the same as the first.
 */
type Cohort = {
  units: ScopeUnit[];
  byId: Map<string, ScopeUnit>;
  k: number;
  /** Each unit's path when the round closed. */
  paths: Map<string, string>;
  /** Respondents stored at each unit (both role categories). */
  direct: Map<string, number>;
  plan(itemId: string, threshold?: number): Plan;
  sums(itemId: string): Map<string, Sums>;
};

const cohorts = new Map<string, Promise<Cohort>>();

/** The cohort of a closed round, kept for the process's life (a bounded number of them). */
function cohortOf(db: Db, row: RoundRow): Promise<Cohort> {
  const key = `${row.id}:${row.closedAt?.getTime()}`;
  const cached = cohorts.get(key);
  if (cached) return cached;
  if (cohorts.size > 50) cohorts.clear();
  const cohort = loadCohort(db, row);
  cohorts.set(key, cohort);
  cohort.catch(() => cohorts.delete(key));
  return cohort;
}

async function loadCohort(db: Db, row: RoundRow): Promise<Cohort> {
  const [frozen, aggregates] = await Promise.all([
    store.roundUnitsOf(db, row.id),
    store.aggregatesOf(db, [row.id]),
  ]);
  const units = frozen.map(withParentPath);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const byItem = new Map<string, AggregateRow[]>();
  for (const aggregate of aggregates)
    byItem.set(aggregate.itemId, [...(byItem.get(aggregate.itemId) ?? []), aggregate]);
  const direct = new Map<string, number>();
  for (const [unitId, counts] of directCounts(byItem.get("*") ?? []))
    direct.set(unitId, counts.manager + counts.staff);
  const plans = new Map<string, Plan>();
  const sums = new Map<string, Map<string, Sums>>();
  return {
    units,
    byId,
    k: row.k,
    paths: new Map(units.map((unit) => [unit.id, unit.path])),
    direct,
    plan(itemId, threshold = row.k) {
      const key = `${itemId}|${threshold}`;
      const known = plans.get(key);
      if (known) return known;
      const plan = publicationPlan(units, directCounts(byItem.get(itemId) ?? []), threshold);
      plans.set(key, plan);
      return plan;
    },
    sums(itemId) {
      const known = sums.get(itemId);
      if (known) return known;
      const computed = subtreeSums(units, byId, byItem.get(itemId) ?? []);
      sums.set(itemId, computed);
      return computed;
    },
  };
}

/** Counts stored directly at each unit for one item's rows ("*" rows = respondents), as the plan wants them. */
function directCounts(aggregates: AggregateRow[]): DirectCounts {
  const direct = new Map<string, Record<RoleCategory, number>>();
  for (const row of aggregates) {
    const n = row.itemId === "*" ? row.counts[0] : row.counts.reduce((a, b) => a + b, 0);
    const current = direct.get(row.unitId) ?? { manager: 0, staff: 0 };
    current[row.roleCategory] += n;
    direct.set(row.unitId, current);
  }
  return direct;
}

/** Distribution and don't-know totals of every cell (unit subtree × category), in one pass up the tree. */
function subtreeSums(units: ScopeUnit[], byId: Map<string, ScopeUnit>, rows: AggregateRow[]) {
  const sums = new Map<string, Sums>();
  const at = (unitId: string, category: Category) => {
    const key = cellKey(unitId, category);
    const known = sums.get(key);
    if (known) return known;
    const empty = { distribution: [0, 0, 0, 0, 0], dontKnow: 0 };
    sums.set(key, empty);
    return empty;
  };
  const add = (into: Sums, counts: readonly number[], dontKnow: number) => {
    counts.forEach((count, index) => {
      into.distribution[index] += count;
    });
    into.dontKnow += dontKnow;
  };
  for (const row of rows)
    if (byId.has(row.unitId)) {
      add(at(row.unitId, row.roleCategory), row.counts, row.dontKnow);
      add(at(row.unitId, "all"), row.counts, row.dontKnow);
    }
  const byPath = new Map(units.map((unit) => [unit.path, unit]));
  for (const unit of [...units].sort((a, b) => b.path.length - a.path.length)) {
    const parent = byPath.get(unit.parentPath);
    if (!parent) continue;
    for (const category of ["all", ...ROLE_CATEGORIES] as const) {
      const child = at(unit.id, category);
      add(at(parent.id, category), child.distribution, child.dontKnow);
    }
  }
  return sums;
}

type ItemResult =
  | { itemId: string; n: number; mean: number | null; distribution: number[]; dontKnow: number }
  | { itemId: string; suppressed: true; reason: string };

/** One cell's figures for every scale item of the round, or why they are hidden. */
function cellResults(
  cohort: Cohort,
  row: RoundRow,
  bank: BankItem[],
  cell: { unitId: string; category: Category },
  lang: Lang,
): ItemResult[] {
  const items = new Map(bank.map((item) => [item.id, item]));
  return row.itemIds
    .filter((itemId) => items.get(itemId)?.kind === "scale")
    .map((itemId) => itemResult(cohort, itemId, cell, lang));
}

/** Every scale item of the round hidden for one reason (a unit the caller may not read yet). */
function withheld(row: RoundRow, bank: BankItem[], reason: string): ItemResult[] {
  const kinds = new Map(bank.map((item) => [item.id, item.kind]));
  return row.itemIds
    .filter((itemId) => kinds.get(itemId) === "scale")
    .map((itemId) => ({ itemId, suppressed: true as const, reason }));
}

function itemResult(
  cohort: Cohort,
  itemId: string,
  cell: { unitId: string; category: Category },
  lang: Lang,
): ItemResult {
  const plan = cohort.plan(itemId);
  const key = cellKey(cell.unitId, cell.category);
  if (!plan.published.has(key))
    return { itemId, suppressed: true, reason: SUPPRESSION_TEXT[plan.reasons.get(key) ?? "too_few"][lang] };
  const sums = cohort.sums(itemId).get(key) ?? { distribution: [0, 0, 0, 0, 0], dontKnow: 0 };
  return { itemId, ...figures(sums.distribution), dontKnow: sums.dontKnow };
}

/** Respondents and response rate of a cell, hidden by the same rules as any other figure. */
function participation(
  cohort: Cohort,
  invited: { unitId: string; invited: number }[],
  unit: ScopeUnit,
  lang: Lang,
) {
  const plan = cohort.plan("*");
  const key = cellKey(unit.id, "all");
  if (!plan.published.has(key))
    return { suppressed: true as const, reason: SUPPRESSION_TEXT[plan.reasons.get(key) ?? "too_few"][lang] };
  const inside = new Set(cohort.units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id));
  const respondents = plan.counts.get(key) ?? 0;
  const invitedHere = invited.filter((i) => inside.has(i.unitId)).reduce((sum, i) => sum + i.invited, 0);
  return { respondents, invited: invitedHere, rate: invitedHere ? respondents / invitedHere : 0 };
}

/** Free-text answers for a unit, only when it is large enough for comments and never for a smaller unit. */
async function commentsFor(db: Db, cohort: Cohort, row: RoundRow, unit: ScopeUnit, commentMin: number) {
  const plan = cohort.plan("*", Math.max(commentMin, cohort.k));
  if (!plan.published.has(cellKey(unit.id, "all"))) return null;
  const inside = cohort.units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  return shuffled(await store.commentsOf(db, row.id, inside)).map(({ itemId, body }) => ({ itemId, body }));
}

/** Units × principles: the mean of a principle's items, shown only where every one of them is published. */
function heatmapOf(cohort: Cohort, row: RoundRow, bank: BankItem[], unitIds: string[], lang: Lang) {
  const themeOf = new Map(bank.map((item) => [item.id, item.theme]));
  const principles = PRINCIPLES.filter((theme) =>
    row.itemIds.some((itemId) => themeOf.get(itemId) === theme),
  );
  return {
    principles,
    rows: unitIds.map((unitId) => ({
      unitId,
      name: cohort.byId.get(unitId)?.name ?? "?",
      cells: principles.map((theme) => {
        const results = row.itemIds
          .filter((itemId) => themeOf.get(itemId) === theme)
          .map((itemId) => itemResult(cohort, itemId, { unitId, category: "all" }, lang));
        const hidden = results.find((result) => "suppressed" in result);
        if (hidden && "suppressed" in hidden)
          return { theme, suppressed: true as const, reason: hidden.reason };
        const means = results
          .map((result) => ("mean" in result ? result.mean : null))
          .filter((m): m is number => m !== null);
        return { theme, mean: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null };
      }),
    })),
  };
}

/** The same items as answered by managers and by staff in a subtree, where both groups are published. */
function perceptionGaps(cohort: Cohort, row: RoundRow, bank: BankItem[], unitId: string, lang: Lang) {
  const managers = cellResults(cohort, row, bank, { unitId, category: "manager" }, lang);
  const staff = cellResults(cohort, row, bank, { unitId, category: "staff" }, lang);
  return managers.flatMap((m, index) => {
    const s = staff[index];
    if (!("mean" in m) || !("mean" in s) || m.mean === null || s.mean === null) return [];
    return [{ itemId: m.itemId, managers: m.mean, staff: s.mean, gap: m.mean - s.mean }];
  });
}

/** The same unit in earlier closed rounds that covered it, oldest first, each under its own plan. */
async function trendOf(db: Db, actor: Actor, row: RoundRow, unitId: string, bank: BankItem[], lang: Lang) {
  const rounds = (await store.listRounds(db, actor.tenantId)).filter(
    (other) => other.closedAt && other.id !== row.id && other.closesOn < row.closesOn,
  );
  const trend: { roundId: string; title: string; closesOn: string; items: ItemResult[] }[] = [];
  for (const other of rounds) {
    const cohort = await cohortOf(db, other);
    const unit = cohort.byId.get(unitId);
    if (!unit || !readDecision(actor, other, cohort, unit, new Date()).allowed) continue;
    trend.push({
      roundId: other.id,
      title: other.title,
      closesOn: other.closesOn,
      items: cellResults(cohort, other, bank, { unitId, category: "all" }, lang),
    });
  }
  return trend.sort((a, b) => a.closesOn.localeCompare(b.closesOn));
}

// ---- who sees which unit's results

type ResultsContext = { row: RoundRow; cohort: Cohort; unit: ScopeUnit; now: Date };

/** The embargo and the comment threshold a round closed with (rounds closed before they were kept: the defaults). */
const embargoDaysOf = (row: RoundRow) => row.embargoDays ?? DEFAULT_SETTINGS.embargoDays;
const commentMinOf = (row: RoundRow) => row.commentMinGroupSize ?? DEFAULT_SETTINGS.commentMinGroupSize;

/**
 * Whether the caller may read a unit's results of a closed round now: decided on the round's tree as
 * it was at closing, with the caller's roles placed in that tree.
 */
function readDecision(actor: Actor, row: RoundRow, cohort: Cohort, unit: ScopeUnit, now: Date) {
  const framed = policy.asAtClosing(actor, cohort.paths);
  const ref = (of: ScopeUnit) => ({ ...of, tenantId: row.tenantId });
  return policy.viewResults(framed, ref(unit), row, embargoDaysOf(row), now, () =>
    policy.embargoedAnswers(
      framed,
      ref(unit),
      cohort.units.filter((below) => below.path.startsWith(unit.path)).map(ref),
      cohort.direct,
    ),
  );
}

/**
 * A closed round, a unit in its scope (the whole scope when none is asked for), and the caller's
 * right to see that unit's results now — or the error that says why not.
 */
export async function resultsContext(
  db: Db,
  actor: Actor,
  roundId: string,
  unitId: string | undefined,
): Promise<ResultsContext> {
  const row = await store.getRound(db, actor.tenantId, roundId);
  if (!row) throw notFound(roundNotFound);
  enforce(resultsVerdict(row));
  const cohort = await cohortOf(db, row);
  const unit = cohort.byId.get(unitId ?? row.unitId);
  if (!unit) throw notFound(unitNotFound);
  const now = new Date();
  authorize(readDecision(actor, row, cohort, unit, now), unitNotFound);
  return { row, cohort, unit, now };
}

/** Of the given units, those whose results the caller may see now (the team first, then the chain). */
function withVisibleResults(actor: Actor, context: ResultsContext, units: ScopeUnit[]): ScopeUnit[] {
  return units.filter((unit) => readDecision(actor, context.row, context.cohort, unit, context.now).allowed);
}

// ---- the use cases

export type ResultsQuery = { unitId?: string; roleCategory?: RoleCategory };

/** One group's figures per scale question: a unit's subtree, all of it or its managers or staff. */
export async function roundResults(db: Db, actor: Actor, roundId: string, query: ResultsQuery, lang: Lang) {
  const { row, cohort, unit } = await resultsContext(db, actor, roundId, query.unitId);
  const bank = await itemsOf(db, actor.tenantId);
  return cellResults(cohort, row, bank, { unitId: unit.id, category: query.roleCategory ?? "all" }, lang);
}

/** A unit's page of results: beside the level above and the whole round, with trend, gaps and comments. */
export async function roundOverview(
  db: Db,
  actor: Actor,
  roundId: string,
  unitId: string | undefined,
  lang: Lang,
) {
  const context = await resultsContext(db, actor, roundId, unitId);
  const { row, cohort, unit, now } = context;
  const [bank, invited, discussions] = await Promise.all([
    itemsOf(db, actor.tenantId),
    store.participationCounts(db, row.id),
    store.discussionsOf(db, row.id, unit.id),
  ]);
  // The level above and the whole round sit beside the unit only where the caller may read them now.
  const resultsOf = (of: ScopeUnit) => {
    const decision = readDecision(actor, row, cohort, of, now);
    return {
      id: of.id,
      name: of.name,
      items: decision.allowed
        ? cellResults(cohort, row, bank, { unitId: of.id, category: "all" }, lang)
        : withheld(row, bank, decision.reason?.[lang] ?? SUPPRESSION_TEXT.too_few[lang]),
    };
  };
  const parent = cohort.units.find((u) => u.path === unit.parentPath);
  const root = cohort.byId.get(row.unitId) ?? unit;
  return {
    unit: { id: unit.id, name: unit.name },
    participation: participation(cohort, invited, unit, lang),
    items: resultsOf(unit).items,
    parent: parent ? resultsOf(parent) : null,
    whole: resultsOf(root),
    comments: await commentsFor(db, cohort, row, unit, commentMinOf(row)),
    gaps: perceptionGaps(cohort, row, bank, unit.id, lang),
    trend: await trendOf(db, actor, row, unit.id, bank, lang),
    embargoUntil: row.closedAt ? embargoEnds(row.closedAt, embargoDaysOf(row)) : null,
    canDiscuss: policy.discussResults(policy.asAtClosing(actor, cohort.paths), {
      ...unit,
      tenantId: actor.tenantId,
    }).allowed,
    discussions,
  };
}

/** The unit and its children × the principles, each row only if the caller may see that unit now. */
export async function roundHeatmap(
  db: Db,
  actor: Actor,
  roundId: string,
  unitId: string | undefined,
  lang: Lang,
) {
  const context = await resultsContext(db, actor, roundId, unitId);
  const { row, cohort, unit } = context;
  const rows = withVisibleResults(actor, context, [
    unit,
    ...cohort.units.filter((u) => u.parentPath === unit.path),
  ]);
  return heatmapOf(
    cohort,
    row,
    await itemsOf(db, actor.tenantId),
    rows.map((u) => u.id),
    lang,
  );
}

/**
 * Every published figure of the unit's subtree as CSV lines: each unit the caller may see now, for
 * all, managers and staff. Only aggregates leave — free text never does.
 */
export async function exportRoundResults(
  db: Db,
  actor: Actor,
  roundId: string,
  unitId: string | undefined,
  lang: Lang,
): Promise<{ filename: string; lines: CsvCell[][] }> {
  const context = await resultsContext(db, actor, roundId, unitId);
  const { row, cohort, unit } = context;
  const bank = await itemsOf(db, actor.tenantId);
  const texts = new Map(bank.map((item) => [item.id, item[lang]]));
  const lines: CsvCell[][] = [csvHeader(lang)];
  const inside = cohort.units.filter((candidate) => candidate.path.startsWith(unit.path));
  for (const u of withVisibleResults(actor, context, inside))
    for (const category of ["all", ...ROLE_CATEGORIES] as const)
      for (const result of cellResults(cohort, row, bank, { unitId: u.id, category }, lang))
        lines.push(csvLine(u.name, category, texts.get(result.itemId) ?? result.itemId, result));
  return { filename: `tillitsbarometern-${row.closesOn}.csv`, lines };
}
