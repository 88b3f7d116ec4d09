// Reading a closed round's results. Every figure a route answers with (results, overview, heatmap,
// perception gaps, comments, the CSV export) was worked out once, when the round closed, through its
// publication plan, and kept on the round's frozen units (`storeResults`): a view reads the few
// rows it shows and sums nothing. Who may see which unit's figures, and when, is decided here by
// `policy.viewResults` on the round's tree as it was at closing.
import type { Actor } from "../core/access.ts";
import { authorize } from "../core/access.ts";
import type { CsvCell } from "../core/csv.ts";
import type { Db } from "../core/db.ts";
import { type Lang, notFound, type Text } from "../core/errors.ts";
import { enforce } from "../core/verdict.ts";
import { type BankItem, PRINCIPLES } from "./bank.ts";
import {
  type Category,
  DEFAULT_SETTINGS,
  decodeCells,
  embargoEnds,
  figures,
  inEmbargo,
  parentPathOf,
  type RoleCategory,
  resultsVerdict,
  STORED_CATEGORIES,
  SUPPRESSION_TEXT,
  shuffled,
} from "./model.ts";
import * as policy from "./policy.ts";
import { itemsOf, storeResults } from "./rounds-service.ts";
import type { FrozenUnitRow, RoundRow } from "./store.ts";
import * as store from "./store.ts";
import { csvHeader, csvLine } from "./views.ts";

export const roundNotFound: Text = { sv: "Omgången finns inte.", en: "The round does not exist." };
const unitNotFound: Text = { sv: "Enheten ingår inte i omgången.", en: "The unit is not part of the round." };

/** A unit of a closed round's frozen tree with its stored results. */
type FrozenUnit = FrozenUnitRow;

/**
 * What deciding who sees a closed round's units needs: the round, the paths at closing of the
 * units where the caller holds roles, and — only while the embargo lasts, when the team-first rule
 * weighs the answers stored below a unit — the frozen tree with the answers stored at each unit.
 */
type Frame = {
  row: RoundRow;
  rolePaths: Map<string, string>;
  embargoTree: { id: string; path: string; stored: number }[] | null;
  now: Date;
};

/** The embargo and the comment threshold a round closed with (rounds closed before they were kept: the defaults). */
const embargoDaysOf = (row: RoundRow) => row.embargoDays ?? DEFAULT_SETTINGS.embargoDays;

const inEmbargoNow = (row: RoundRow, now: Date) =>
  row.closedAt !== null && inEmbargo(row.closedAt, embargoDaysOf(row), now);

/** The tree the team-first rule needs, only while the round's embargo lasts. */
const embargoTreeOf = async (db: Db, row: RoundRow, now: Date) =>
  inEmbargoNow(row, now) ? store.frozenTreeOf(db, row.id) : null;

/**
 * Whether the caller may read a unit's results of a closed round now: decided on the round's tree as
 * it was at closing, with the caller's roles placed in that tree.
 */
function readDecision(actor: Actor, frame: Frame, unit: { unitId: string; path: string }) {
  const { row } = frame;
  const framed = policy.asAtClosing(actor, frame.rolePaths);
  const ref = (of: { id: string; path: string }) => ({ id: of.id, path: of.path, tenantId: row.tenantId });
  const target = ref({ id: unit.unitId, path: unit.path });
  return policy.viewResults(framed, target, row, embargoDaysOf(row), frame.now, () => {
    const below = (frame.embargoTree ?? []).filter((other) => other.path.startsWith(unit.path));
    return policy.embargoedAnswers(
      framed,
      target,
      below.map(ref),
      new Map(below.map((other) => [other.id, other.stored])),
    );
  });
}

/** Frozen units with their results filled in: a round closed before results were kept gets them now, once. */
async function withResults(db: Db, row: RoundRow, units: FrozenUnit[], reload: () => Promise<FrozenUnit[]>) {
  if (units.every((unit) => unit.figures !== null)) return units;
  await db.transaction(async (tx) => storeResults(tx, row, await store.frozenTreeOf(tx, row.id)));
  return reload();
}

type ResultsContext = Frame & { unit: FrozenUnit };

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
  const asked = unitId ?? row.unitId;
  const ids = [asked, ...actor.roles.map((grant) => grant.unitId)];
  const load = () => store.frozenUnits(db, row.id, { ids });
  const rows = await withResults(db, row, await load(), load);
  const unit = rows.find((candidate) => candidate.unitId === asked);
  if (!unit) throw notFound(unitNotFound);
  const now = new Date();
  const frame: Frame = {
    row,
    rolePaths: new Map(rows.map((frozen) => [frozen.unitId, frozen.path])),
    embargoTree: await embargoTreeOf(db, row, now),
    now,
  };
  authorize(readDecision(actor, frame, unit), unitNotFound);
  return { ...frame, unit };
}

// ---- figures as stored

type ItemResult =
  | { itemId: string; n: number; mean: number | null; distribution: number[]; dontKnow: number }
  | { itemId: string; suppressed: true; reason: string };

/** One cell's figures for every scale item of the round, or why they are hidden. */
function cellResults(
  row: RoundRow,
  bank: BankItem[],
  unit: FrozenUnit,
  category: Category,
  lang: Lang,
): ItemResult[] {
  const kinds = new Map(bank.map((item) => [item.id, item.kind]));
  const cells = decodeCells(unit.figures ?? [], row.itemIds.length)[STORED_CATEGORIES.indexOf(category)];
  return row.itemIds.flatMap((itemId, index): ItemResult[] => {
    if (kinds.get(itemId) !== "scale") return [];
    const cell = cells[index];
    return "hidden" in cell
      ? [{ itemId, suppressed: true, reason: SUPPRESSION_TEXT[cell.hidden][lang] }]
      : [{ itemId, ...figures(cell.distribution), dontKnow: cell.dontKnow }];
  });
}

/** Every scale item of the round hidden for one reason (a unit the caller may not read yet). */
function withheld(row: RoundRow, bank: BankItem[], reason: string): ItemResult[] {
  const kinds = new Map(bank.map((item) => [item.id, item.kind]));
  return row.itemIds
    .filter((itemId) => kinds.get(itemId) === "scale")
    .map((itemId) => ({ itemId, suppressed: true as const, reason }));
}

/** Respondents and response rate of a unit, hidden by the same rules as any other figure. */
function participation(unit: FrozenUnit, lang: Lang) {
  if (unit.respondents === null)
    return { suppressed: true as const, reason: SUPPRESSION_TEXT[unit.respondentsHidden ?? "too_few"][lang] };
  const invited = unit.invited ?? 0;
  return { respondents: unit.respondents, invited, rate: invited ? unit.respondents / invited : 0 };
}

/** Free-text answers for a unit, only when it is large enough for comments and never for a smaller unit. */
async function commentsFor(db: Db, row: RoundRow, unit: FrozenUnit) {
  if (!unit.comments) return null;
  return shuffled(await store.commentsUnder(db, row.id, unit.path)).map(({ itemId, body }) => ({
    itemId,
    body,
  }));
}

/** Units × principles: the mean of a principle's items, shown only where every one of them is published. */
function heatmapOf(row: RoundRow, bank: BankItem[], units: FrozenUnit[], lang: Lang) {
  const themeOf = new Map(bank.map((item) => [item.id, item.theme]));
  const principles = PRINCIPLES.filter((theme) =>
    row.itemIds.some((itemId) => themeOf.get(itemId) === theme),
  );
  return {
    principles,
    rows: units.map((unit) => {
      const results = cellResults(row, bank, unit, "all", lang);
      return {
        unitId: unit.unitId,
        name: unit.name,
        cells: principles.map((theme) => {
          const ofTheme = results.filter((result) => themeOf.get(result.itemId) === theme);
          const hidden = ofTheme.find((result) => "suppressed" in result);
          if (hidden && "suppressed" in hidden)
            return { theme, suppressed: true as const, reason: hidden.reason };
          const means = ofTheme
            .map((result) => ("mean" in result ? result.mean : null))
            .filter((m): m is number => m !== null);
          return { theme, mean: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null };
        }),
      };
    }),
  };
}

/** The same items as answered by managers and by staff in a subtree, where both groups are published. */
function perceptionGaps(row: RoundRow, bank: BankItem[], unit: FrozenUnit, lang: Lang) {
  const managers = cellResults(row, bank, unit, "manager", lang);
  const staff = cellResults(row, bank, unit, "staff", lang);
  return managers.flatMap((m, index) => {
    const s = staff[index];
    if (!("mean" in m) || !("mean" in s) || m.mean === null || s.mean === null) return [];
    return [{ itemId: m.itemId, managers: m.mean, staff: s.mean, gap: m.mean - s.mean }];
  });
}

/**
 * The same unit in earlier closed rounds that covered it, oldest first, each read as its own round
 * decides: one query for the unit's stored results in every round, one for the caller's role units
 * in those rounds' trees (and the tree of a round still in its embargo).
 */
async function trendOf(db: Db, actor: Actor, row: RoundRow, unitId: string, bank: BankItem[], lang: Lang) {
  const load = () => store.unitInEarlierRounds(db, actor.tenantId, unitId, row);
  let earlier = await load();
  const unfilled = earlier.filter((entry) => entry.unit.figures === null);
  for (const entry of unfilled)
    await db.transaction(async (tx) =>
      storeResults(tx, entry.round, await store.frozenTreeOf(tx, entry.round.id)),
    );
  if (unfilled.length) earlier = await load();
  const paths = await store.frozenPathsIn(
    db,
    earlier.map((entry) => entry.round.id),
    actor.roles.map((grant) => grant.unitId),
  );
  const now = new Date();
  const trend: { roundId: string; title: string; closesOn: string; items: ItemResult[] }[] = [];
  for (const { round: other, unit } of earlier) {
    const frame: Frame = {
      row: other,
      rolePaths: new Map(paths.filter((p) => p.roundId === other.id).map((p) => [p.unitId, p.path])),
      embargoTree: await embargoTreeOf(db, other, now),
      now,
    };
    if (!readDecision(actor, frame, unit).allowed) continue;
    trend.push({
      roundId: other.id,
      title: other.title,
      closesOn: other.closesOn,
      items: cellResults(other, bank, unit, "all", lang),
    });
  }
  return trend.sort((a, b) => a.closesOn.localeCompare(b.closesOn));
}

// ---- the use cases

export type ResultsQuery = { unitId?: string; roleCategory?: RoleCategory };

/** One group's figures per scale question: a unit's subtree, all of it or its managers or staff. */
export async function roundResults(db: Db, actor: Actor, roundId: string, query: ResultsQuery, lang: Lang) {
  const { row, unit } = await resultsContext(db, actor, roundId, query.unitId);
  return cellResults(row, await itemsOf(db, actor.tenantId), unit, query.roleCategory ?? "all", lang);
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
  const { row, unit } = context;
  const bank = await itemsOf(db, actor.tenantId);
  const beside = await store.frozenUnits(db, row.id, { ids: [row.unitId], paths: [parentPathOf(unit.path)] });
  const discussions = await store.discussionsOf(db, row.id, unit.unitId);
  // The level above and the whole round sit beside the unit only where the caller may read them now.
  const resultsOf = (of: FrozenUnit) => {
    const decision = readDecision(actor, context, of);
    return {
      id: of.unitId,
      name: of.name,
      items: decision.allowed
        ? cellResults(row, bank, of, "all", lang)
        : withheld(row, bank, decision.reason?.[lang] ?? SUPPRESSION_TEXT.too_few[lang]),
    };
  };
  const parent = beside.find((u) => u.path === parentPathOf(unit.path));
  const root = beside.find((u) => u.unitId === row.unitId) ?? unit;
  return {
    unit: { id: unit.unitId, name: unit.name },
    participation: participation(unit, lang),
    items: resultsOf(unit).items,
    parent: parent ? resultsOf(parent) : null,
    whole: resultsOf(root),
    comments: await commentsFor(db, row, unit),
    gaps: perceptionGaps(row, bank, unit, lang),
    trend: await trendOf(db, actor, row, unit.unitId, bank, lang),
    embargoUntil: row.closedAt ? embargoEnds(row.closedAt, embargoDaysOf(row)) : null,
    canDiscuss: policy.discussResults(policy.asAtClosing(actor, context.rolePaths), {
      id: unit.unitId,
      path: unit.path,
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
  const { row, unit } = context;
  const children = await store.frozenBelow(db, row.id, unit.path, "children");
  const rows = [unit, ...children].filter((u) => readDecision(actor, context, u).allowed);
  return heatmapOf(row, await itemsOf(db, actor.tenantId), rows, lang);
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
  const { row, unit } = context;
  const bank = await itemsOf(db, actor.tenantId);
  const texts = new Map(bank.map((item) => [item.id, item[lang]]));
  const lines: CsvCell[][] = [csvHeader(lang)];
  const inside = await store.frozenBelow(db, row.id, unit.path, "subtree");
  for (const u of inside.filter((candidate) => readDecision(actor, context, candidate).allowed))
    for (const category of STORED_CATEGORIES)
      for (const result of cellResults(row, bank, u, category, lang))
        lines.push(csvLine(u.name, category, texts.get(result.itemId) ?? result.itemId, result));
  return { filename: `tillitsbarometern-${row.closesOn}.csv`, lines };
}
