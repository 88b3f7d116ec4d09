// The trust barometer's anonymity rules as pure functions. Nothing here touches a database: the
// server computes, for one round and one item, which groups may be published, and every route
// reads only from that plan — so a figure that is suppressed for one request is suppressed for all.
//
// Groups are cells (unit subtree × role category). Published cells must satisfy:
//  1. at least k answers (k ≥ 3, default 5);
//  2. no differencing: for each published cell, what is left after taking away its largest
//     published sub-cells (its "residual") is 0 or at least k — this covers a unit and its parent
//     and also a parent minus several children at once;
//  3. role-category splits of a unit are published only together with the unit itself and only
//     when both categories are publishable (or one of them is empty), so all − managers never
//     reveals a small staff group.
// A rule is mended by suppressing more (complementary suppression): the smallest offending cell,
// ties broken by unit id, so the outcome is deterministic.
//
// Below the plan: the rules a person meets when they change the settings, start a round, answer
// it, close it or ask for its results — each a `Verdict` the service enforces.
import { randomInt } from "node:crypto";
import { ok, type Refusal, refuse, type Verdict } from "../core/verdict.ts";

export const ROLE_CATEGORIES = ["manager", "staff"] as const;
export type RoleCategory = (typeof ROLE_CATEGORIES)[number];
export type Category = "all" | RoleCategory;

export const MIN_GROUP_FLOOR = 3;
export const DEFAULT_SETTINGS = { minGroupSize: 5, commentMinGroupSize: 10, embargoDays: 7 };
export type BarometerSettings = typeof DEFAULT_SETTINGS;

/**
 * Tenant settings over the defaults; k is never below three, comments never below k. The stored
 * JSON is read defensively — whatever it holds, what comes out keeps both rules.
 */
export function barometerSettings(stored: unknown): BarometerSettings {
  const given = typeof stored === "object" && stored !== null ? stored : {};
  const whole = (key: keyof BarometerSettings, min: number) => {
    const value: unknown = Reflect.get(given, key);
    return typeof value === "number" && Number.isInteger(value) && value >= min
      ? value
      : DEFAULT_SETTINGS[key];
  };
  const minGroupSize = whole("minGroupSize", MIN_GROUP_FLOOR);
  return {
    minGroupSize,
    commentMinGroupSize: Math.max(minGroupSize, whole("commentMinGroupSize", 1)),
    embargoDays: whole("embargoDays", 0),
  };
}

/**
 * A refusal about one field a person filled in, named as the input names it (`itemIds.2`), so the
 * service can answer with a 400 beside that field; `ok` when every field passes.
 */
export type FieldVerdict = { ok: true } | { ok: false; field: string; refusal: Refusal };

const fieldsOk: FieldVerdict = { ok: true };
const fieldRefusal = (field: string, code: string, sv: string, en: string): FieldVerdict => ({
  ok: false,
  field,
  refusal: { code, sv, en },
});

/**
 * A change of the settings, checked on the settings it leaves: k never below three, the threshold
 * for comments never below k. Rounds keep the k they were started with (`round.k`), so a change
 * applies to rounds started afterwards and never alters how an open round mixes its answers.
 */
export function settingsChange(current: BarometerSettings, patch: Partial<BarometerSettings>): FieldVerdict {
  const next = { ...current, ...patch };
  if (next.minGroupSize < MIN_GROUP_FLOOR)
    return fieldRefusal(
      "minGroupSize",
      "k_below_floor",
      `Minsta gruppstorlek kan inte vara lägre än ${MIN_GROUP_FLOOR}.`,
      `The minimum group size cannot be lower than ${MIN_GROUP_FLOOR}.`,
    );
  if (next.commentMinGroupSize < next.minGroupSize)
    return fieldRefusal(
      "commentMinGroupSize",
      "comments_below_k",
      "Gränsen för fritextsvar kan inte vara lägre än minsta gruppstorlek.",
      "The threshold for comments cannot be lower than the minimum group size.",
    );
  return fieldsOk;
}

export type PlanUnit = { id: string; path: string };
/** Answers counted directly at each unit (the unit an answer is stored with), per role category. */
export type DirectCounts = ReadonlyMap<string, Readonly<Record<RoleCategory, number>>>;

export const SUPPRESSION_REASONS = ["too_few", "differencing", "split"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const cellKey = (unitId: string, category: Category) => `${unitId}|${category}`;

export type Plan = {
  /** Answers in the cell's subtree; read only for published cells. */
  counts: ReadonlyMap<string, number>;
  published: ReadonlySet<string>;
  reasons: ReadonlyMap<string, SuppressionReason>;
};

/** The path of a unit's parent: `/a/b/` for `/a/b/c/`. */
export const parentPathOf = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf("/") + 1);

/** The scope as a tree: children by parent, and the units deepest first. */
type Tree = { units: readonly PlanUnit[]; children: Map<string, PlanUnit[]>; deepestFirst: PlanUnit[] };

function treeOf(units: readonly PlanUnit[]): Tree {
  const byPath = new Map(units.map((unit) => [unit.path, unit]));
  const children = new Map<string, PlanUnit[]>();
  for (const unit of units) {
    const parent = byPath.get(parentPathOf(unit.path));
    if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), unit]);
  }
  const deepestFirst = [...units].sort((a, b) => b.path.length - a.path.length || a.id.localeCompare(b.id));
  return { units, children, deepestFirst };
}

/**
 * Which cells of a round may be published for one item, given how many answers each unit holds.
 * `units` are the round's scope (a subtree); `k` the minimum group size.
 */
export function publicationPlan(units: readonly PlanUnit[], direct: DirectCounts, k: number): Plan {
  const tree = treeOf(units);
  const counts = subtreeCounts(tree, direct);
  const published = new Set<string>();
  const reasons = new Map<string, SuppressionReason>();
  const suppress = (key: string, reason: SuppressionReason) => {
    if (published.delete(key)) reasons.set(key, reason);
  };
  for (const unit of units)
    for (const category of ["all", ...ROLE_CATEGORIES] as const) {
      const key = cellKey(unit.id, category);
      if ((counts.get(key) ?? 0) >= k) published.add(key);
      else reasons.set(key, "too_few");
    }
  // Suppressing only ever removes cells, so repeating until nothing changes ends.
  for (let before = -1; before !== published.size; ) {
    before = published.size;
    for (const unit of tree.deepestFirst) enforceSplit(unit, counts, published, k, suppress);
    for (const category of ["all", ...ROLE_CATEGORIES] as const)
      for (const unit of tree.deepestFirst)
        enforceResidual(unit, category, tree, counts, published, k, suppress);
  }
  return { counts, published, reasons };
}

function subtreeCounts(tree: Tree, direct: DirectCounts): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of tree.deepestFirst) {
    let manager = direct.get(unit.id)?.manager ?? 0;
    let staff = direct.get(unit.id)?.staff ?? 0;
    for (const child of tree.children.get(unit.id) ?? []) {
      manager += counts.get(cellKey(child.id, "manager")) ?? 0;
      staff += counts.get(cellKey(child.id, "staff")) ?? 0;
    }
    counts.set(cellKey(unit.id, "manager"), manager);
    counts.set(cellKey(unit.id, "staff"), staff);
    counts.set(cellKey(unit.id, "all"), manager + staff);
  }
  return counts;
}

/** Rule 3: both splits or neither, and never without the unit itself. */
function enforceSplit(
  unit: PlanUnit,
  counts: ReadonlyMap<string, number>,
  published: Set<string>,
  k: number,
  suppress: (key: string, reason: SuppressionReason) => void,
) {
  const all = cellKey(unit.id, "all");
  const sizes = ROLE_CATEGORIES.map((category) => counts.get(cellKey(unit.id, category)) ?? 0);
  const splitSafe = published.has(all) && sizes.every((n) => n === 0 || n >= k);
  if (!splitSafe) for (const category of ROLE_CATEGORIES) suppress(cellKey(unit.id, category), "split");
}

/**
 * Rule 2 for one cell: its residual (count minus its largest published sub-cells) must be 0 or
 * ≥ k. While it is not, the smallest of those sub-cells is suppressed; its own sub-cells then take
 * its place. Sub-cells were settled first, so each suppression adds 0 or ≥ k, and this ends.
 */
function enforceResidual(
  unit: PlanUnit,
  category: Category,
  tree: Tree,
  counts: ReadonlyMap<string, number>,
  published: Set<string>,
  k: number,
  suppress: (key: string, reason: SuppressionReason) => void,
) {
  const key = cellKey(unit.id, category);
  if (!published.has(key)) return;
  const total = counts.get(key) ?? 0;
  const size = (part: PlanUnit) => counts.get(cellKey(part.id, category)) ?? 0;
  for (;;) {
    const parts = largestPublishedParts(unit, category, tree, published);
    const residual = total - parts.reduce((sum, part) => sum + size(part), 0);
    if (residual === 0 || residual >= k || parts.length === 0) return;
    const smallest = [...parts].sort((a, b) => size(a) - size(b) || a.id.localeCompare(b.id))[0];
    suppress(cellKey(smallest.id, category), "differencing");
  }
}

/** Published cells strictly inside the unit with no published cell between them and the unit. */
function largestPublishedParts(
  unit: PlanUnit,
  category: Category,
  tree: Tree,
  published: ReadonlySet<string>,
): PlanUnit[] {
  return (tree.children.get(unit.id) ?? []).flatMap((child) =>
    published.has(cellKey(child.id, category))
      ? [child]
      : largestPublishedParts(child, category, tree, published),
  );
}

// ---- figures

/** Mean and distribution over 1–5; don't-know answers are counted apart and never in the mean. */
export function figures(distribution: readonly number[]) {
  const n = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((total, count, index) => total + count * (index + 1), 0);
  return { n, mean: n > 0 ? sum / n : null, distribution: [...distribution] };
}

/** What a suppressed cell says: why, in words that leak no count. */
export const SUPPRESSION_TEXT: Record<SuppressionReason, { sv: string; en: string }> = {
  too_few: {
    sv: "Döljs: för få svar för att skydda de svarandes anonymitet.",
    en: "Hidden: too few answers to protect the respondents' anonymity.",
  },
  differencing: {
    sv: "Döljs: kunde annars räknas fram ur andra redovisade grupper.",
    en: "Hidden: could otherwise be worked out from other groups shown.",
  },
  split: {
    sv: "Döljs: uppdelningen chef/medarbetare skulle avslöja en för liten grupp.",
    en: "Hidden: the manager/staff split would reveal a group that is too small.",
  },
};

// ---- where an answer is stored

/**
 * Where the answers of each unit's people are stored: the unit itself, or the nearest unit above it
 * (inside the round's scope) with at least k invited in its subtree — so no stored answer points to
 * a smaller group. Worked out for the whole scope in one pass down the tree (subtree sizes only grow
 * upwards, so the nearest large-enough unit is the unit itself or its parent's answer unit); a path
 * outside the scope's units climbs to the nearest unit that is in it, the scope's root at last.
 */
export function answerUnits(
  scope: readonly PlanUnit[],
  invitedPerUnit: ReadonlyMap<string, number>,
  k: number,
): (personUnitPath: string) => string {
  const tree = treeOf(scope);
  const invitedIn = new Map<string, number>();
  for (const unit of tree.deepestFirst)
    invitedIn.set(
      unit.id,
      (tree.children.get(unit.id) ?? []).reduce(
        (sum, child) => sum + (invitedIn.get(child.id) ?? 0),
        invitedPerUnit.get(unit.id) ?? 0,
      ),
    );
  const byPath = new Map<string, string>();
  for (const unit of [...tree.deepestFirst].reverse()) {
    const parentAnswer = byPath.get(parentPathOf(unit.path));
    byPath.set(
      unit.path,
      parentAnswer === undefined || (invitedIn.get(unit.id) ?? 0) >= k ? unit.id : parentAnswer,
    );
  }
  const root = tree.deepestFirst[tree.deepestFirst.length - 1];
  return (personUnitPath) => {
    for (let path = personUnitPath; path.length > 1; path = parentPathOf(path)) {
      const found = byPath.get(path);
      if (found !== undefined) return found;
    }
    return root.id;
  };
}

// ---- mixing answers into counts

/** An answer waiting in the pool, known only by its random id and the group it is stored with. */
export type Pending = { id: string; unitId: string; roleCategory: RoleCategory };

/** Answers counted together into one group's aggregates, in one change of their rows. */
export type Batch = { unitId: string; roleCategory: RoleCategory; ids: string[] };

/**
 * How a closing round counts what is left in its pool, so that no change to the aggregates covers a
 * small group. Each group (unit × role category) already mixed its answers k at a time; its
 * remainder of fewer than k climbs to the parent unit's group of the same role category, deepest
 * units first, until it is k or more together with what it meets there. At the round's own unit,
 * what is left of each role category is counted as one batch when it is two or more answers; a lone
 * answer of one category joins the other's rest (so it counts in the whole, under the other
 * category). One answer alone in the whole round is `held`: counting it would put one person's
 * answers in a change of the aggregates, so it stays sealed in the pool and is never counted.
 * Pending answers whose unit is not in the tree (closed during the round) climb from the round's unit.
 */
export function closingBatches(
  pending: readonly Pending[],
  units: readonly PlanUnit[],
  rootId: string,
  k: number,
): { batches: Batch[]; held: string[] } {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const byPath = new Map(units.map((unit) => [unit.path, unit]));
  const parentOf = (unit: PlanUnit) => byPath.get(parentPathOf(unit.path));
  const waiting = new Map<string, string[]>();
  const join = (unitId: string, role: RoleCategory, ids: readonly string[]) => {
    const key = `${unitId}|${role}`;
    waiting.set(key, [...(waiting.get(key) ?? []), ...ids]);
  };
  for (const entry of pending)
    join(byId.has(entry.unitId) ? entry.unitId : rootId, entry.roleCategory, [entry.id]);
  const batches: Batch[] = [];
  const deepestFirst = units
    .filter((unit) => unit.id !== rootId)
    .sort((a, b) => b.path.length - a.path.length);
  for (const unit of deepestFirst)
    for (const role of ROLE_CATEGORIES) {
      const ids = waiting.get(`${unit.id}|${role}`) ?? [];
      waiting.delete(`${unit.id}|${role}`);
      if (ids.length >= k) batches.push({ unitId: unit.id, roleCategory: role, ids });
      else if (ids.length) join(parentOf(unit)?.id ?? rootId, role, ids);
    }
  const rest = ROLE_CATEGORIES.map((role) => ({ role, ids: waiting.get(`${rootId}|${role}`) ?? [] }));
  if (rest.every(({ ids }) => ids.length !== 1)) {
    for (const { role, ids } of rest)
      if (ids.length) batches.push({ unitId: rootId, roleCategory: role, ids });
    return { batches, held: [] };
  }
  const ids = rest.flatMap((part) => part.ids);
  if (ids.length === 1) return { batches, held: ids };
  const [manager, staff] = rest;
  const role = manager.ids.length > staff.ids.length ? "manager" : "staff";
  return { batches: [...batches, { unitId: rootId, roleCategory: role, ids }], held: [] };
}

// ---- the team first

/**
 * Whether, during the embargo, a unit's figures would show a viewer mostly answers of teams whose
 * results they may not see yet. `hidden`: the unit's answers stored at teams below it that are not
 * the viewer's own; `cover`: its answers stored at the unit itself, which no smaller group shows.
 * The viewer's own teams' answers count in neither: they see those figures anyway and could take
 * them away. The unit waits for the embargo's end when the hidden answers are not outweighed by at
 * least k others.
 */
export const revealsEmbargoedTeams = (answers: { hidden: number; cover: number }, k: number): boolean =>
  answers.hidden > 0 && (answers.cover < k || answers.hidden > answers.cover);

// ---- rounds

export const MAX_ITEMS = 12;
const DAY_MS = 86_400_000;
export const SECONDS_PER_SCALE_ITEM = 10;
export const SECONDS_PER_TEXT_ITEM = 60;

/** The estimated time to answer, shown before anyone starts. */
export const estimatedSeconds = (items: readonly { kind: "scale" | "text" }[]) =>
  items.reduce(
    (sum, item) => sum + (item.kind === "text" ? SECONDS_PER_TEXT_ITEM : SECONDS_PER_SCALE_ITEM),
    0,
  );

/** What a person asks for when starting a round; dates as ISO days (`2025-03-01`). */
type RoundDraft = { itemIds: readonly string[]; opensAt: string; closesAt: string };

/**
 * A new round's questions and dates: at most MAX_ITEMS (a pulse survey takes under three minutes),
 * each question once and from the tenant's bank, closing on or after it opens and not in the past.
 */
export function roundDraftVerdict(draft: RoundDraft, bank: ReadonlySet<string>, today: string): FieldVerdict {
  if (draft.itemIds.length > MAX_ITEMS)
    return fieldRefusal(
      "itemIds",
      "too_many_items",
      `Högst ${MAX_ITEMS} frågor per omgång – en pulsmätning ska ta under tre minuter.`,
      `At most ${MAX_ITEMS} questions per round – a pulse survey should take under three minutes.`,
    );
  if (new Set(draft.itemIds).size !== draft.itemIds.length)
    return fieldRefusal(
      "itemIds",
      "item_twice",
      "Samma fråga finns två gånger.",
      "A question is listed twice.",
    );
  const unknown = draft.itemIds.findIndex((itemId) => !bank.has(itemId));
  if (unknown >= 0)
    return fieldRefusal(`itemIds.${unknown}`, "unknown_item", "Frågan finns inte.", "No such question.");
  if (draft.closesAt < draft.opensAt)
    return fieldRefusal(
      "closesAt",
      "closes_before_opening",
      "Omgången stänger innan den öppnar.",
      "The round closes before it opens.",
    );
  if (draft.closesAt < today)
    return fieldRefusal(
      "closesAt",
      "closing_date_passed",
      "Stängningsdagen har redan passerat.",
      "The closing date has passed.",
    );
  return fieldsOk;
}

type RoundPhase = "scheduled" | "open" | "closed";

export function roundPhase(
  round: { opensOn: string; closesOn: string; closedAt: Date | null },
  today: string,
): RoundPhase {
  if (round.closedAt || round.closesOn < today) return "closed";
  return round.opensOn <= today ? "open" : "scheduled";
}

/** Only a round that is still open for answers can be closed. */
export const closeVerdict = (round: { closedAt: Date | null }): Verdict =>
  round.closedAt ? refuse("already_closed", "Omgången är redan stängd.", "The round is already closed.") : ok;

/** Results exist only once a round has closed: before that, counts would grow answer by answer. */
export const resultsVerdict = (round: { closedAt: Date | null }): Verdict =>
  round.closedAt
    ? ok
    : refuse(
        "round_not_closed",
        "Resultat finns när omgången har stängt.",
        "Results exist once the round has closed.",
      );

/** The day the embargo of a closed round's results ends: the team has had them to itself until then. */
export const embargoEnds = (closedAt: Date, embargoDays: number): Date =>
  new Date(closedAt.getTime() + embargoDays * DAY_MS);

/**
 * Who sees a unit's results of a closed round: during the embargo only the unit's own people;
 * afterwards also the chain above.
 */
export function inEmbargo(closedAt: Date, embargoDays: number, now: Date): boolean {
  return now.getTime() < embargoEnds(closedAt, embargoDays).getTime();
}

// ---- answers

export const ITEM_KINDS = ["scale", "text"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One answer as sent: a step 1–5 or null ("don't know") for a scale item, words for a text item. */
export type Answer = { itemId: string; value?: number | null; text?: string };

/** A person answers a round once, and only while it is open. */
export function answeringVerdict(phase: RoundPhase, alreadyAnswered: boolean): Verdict {
  if (phase !== "open")
    return refuse("round_not_open", "Omgången är inte öppen för svar.", "The round is not open for answers.");
  if (alreadyAnswered)
    return refuse(
      "already_answered",
      "Du har redan svarat i den här omgången.",
      "You have already answered this round.",
    );
  return ok;
}

/**
 * Answers must fit the round: each question of the round at most once, a scale question with a
 * step or "don't know", a text question with words. `kinds` maps the tenant's bank to item kinds.
 */
export function answersVerdict(
  roundItemIds: readonly string[],
  kinds: ReadonlyMap<string, ItemKind>,
  answers: readonly Answer[],
): FieldVerdict {
  const seen = new Set<string>();
  for (const [index, answer] of answers.entries()) {
    const at = `answers.${index}`;
    const kind = kinds.get(answer.itemId);
    if (!kind || !roundItemIds.includes(answer.itemId))
      return fieldRefusal(
        `${at}.itemId`,
        "item_not_in_round",
        "Frågan ingår inte i omgången.",
        "The question is not part of the round.",
      );
    if (seen.has(answer.itemId))
      return fieldRefusal(
        `${at}.itemId`,
        "answered_twice",
        "Frågan besvaras en gång.",
        "A question is answered once.",
      );
    seen.add(answer.itemId);
    if (kind === "scale" && (answer.text !== undefined || answer.value === undefined))
      return fieldRefusal(
        `${at}.value`,
        "scale_answer",
        "Svara med 1–5 eller vet inte.",
        "Answer 1–5 or don't know.",
      );
    if (kind === "text" && answer.text === undefined)
      return fieldRefusal(`${at}.text`, "text_answer", "Svara med text.", "Answer in words.");
  }
  return fieldsOk;
}

/** An empty free-text answer is no answer: it is not kept, so it cannot be counted as a comment. */
export const keptAnswers = (answers: readonly Answer[]): Answer[] =>
  answers.filter((answer) => answer.text === undefined || answer.text.trim() !== "");

/** A uniform number in [0, 1) from the operating system's cryptographic generator. */
const secureRandom = () => randomInt(2 ** 47) / 2 ** 47;

/**
 * Fisher–Yates: the order of stored answers says nothing about when they came. The generator is
 * cryptographic, so the order cannot be predicted from other random numbers the server drew.
 */
export function shuffled<T>(items: readonly T[], random: () => number = secureRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

// ---- a group's counts, and a closed round's results as they are stored

/** Numbers kept per item in a group's counts: how many chose 1, 2, 3, 4, 5, and "don't know". */
export const ITEM_WIDTH = 6;

/** A stored group's counts: respondents, and `ITEM_WIDTH` numbers per item of the round, in its order. */
export type GroupCounts = {
  unitId: string;
  roleCategory: RoleCategory;
  respondents: number;
  itemCounts: readonly number[];
};

/** A group's counts with one batch of answers added (each element one person's answers; text is not counted). */
export function withBatch(
  counts: GroupCounts,
  itemIds: readonly string[],
  batch: readonly Answer[][],
): GroupCounts & { itemCounts: number[] } {
  const itemCounts = Array.from({ length: itemIds.length * ITEM_WIDTH }, (_, i) => counts.itemCounts[i] ?? 0);
  for (const answers of batch)
    for (const answer of answers) {
      const index = itemIds.indexOf(answer.itemId);
      if (answer.text !== undefined || index < 0) continue;
      itemCounts[index * ITEM_WIDTH + (answer.value == null ? ITEM_WIDTH - 1 : answer.value - 1)] += 1;
    }
  return { ...counts, respondents: counts.respondents + batch.length, itemCounts };
}

/** One cell's figures for one item as stored: published with its distribution, or hidden and why. */
export type StoredCell = { distribution: number[]; dontKnow: number } | { hidden: SuppressionReason };

/** The categories in the order a unit's `figures` hold them. */
export const STORED_CATEGORIES = ["all", ...ROLE_CATEGORIES] as const;

/**
 * A unit's figures as one integer array: per category (`STORED_CATEGORIES`) and item of the round,
 * either the five counts and "don't know" of a published cell, or one negative number naming why it
 * is hidden (−1 too few, −2 differencing, −3 split) — the numbers of a hidden cell are never stored.
 */
export function encodeCells(cells: readonly StoredCell[][]): number[] {
  return cells.flatMap((items) =>
    items.flatMap((cell) =>
      "hidden" in cell
        ? [-(SUPPRESSION_REASONS.indexOf(cell.hidden) + 1)]
        : [...cell.distribution, cell.dontKnow],
    ),
  );
}

/** The cells `encodeCells` wrote, per category and item (`itemCount` items per category). */
export function decodeCells(figures: readonly number[], itemCount: number): StoredCell[][] {
  let at = 0;
  return STORED_CATEGORIES.map(() =>
    Array.from({ length: itemCount }, (): StoredCell => {
      const first = figures[at] ?? -1;
      if (first < 0) {
        at += 1;
        return { hidden: SUPPRESSION_REASONS[-first - 1] ?? "too_few" };
      }
      const cell = { distribution: figures.slice(at, at + 5), dontKnow: figures[at + 5] };
      at += ITEM_WIDTH;
      return cell;
    }),
  );
}

/** What a closed round keeps for one unit of its frozen tree: every figure any view may show of it. */
export type UnitResults = {
  unitId: string;
  /** Respondents stored with the unit itself. */
  stored: number;
  invited: number;
  respondents: number | null;
  respondentsHidden: SuppressionReason | null;
  comments: boolean;
  figures: number[];
};

/**
 * A closed round's results for every unit of its frozen tree, worked out once at closing from the
 * groups' counts: each item's publication plan decides what is published, and only published cells
 * carry numbers. `items` are the round's items in order (scale items are figured, text items are
 * always hidden); `invited` holds the people invited per stored unit. Groups stored with a unit
 * outside the tree count nowhere, as before.
 */
export function closedResults(
  units: readonly PlanUnit[],
  items: readonly { scale: boolean }[],
  groups: readonly GroupCounts[],
  invited: ReadonlyMap<string, number>,
  thresholds: { k: number; comments: number },
): UnitResults[] {
  const tree = treeOf(units);
  const width = items.length * ITEM_WIDTH;
  const inTree = new Set(units.map((unit) => unit.id));
  // Direct and subtree counts per unit and role category.
  const direct = new Map<string, Record<RoleCategory, GroupCounts>>();
  const empty = (unitId: string, roleCategory: RoleCategory): GroupCounts => ({
    unitId,
    roleCategory,
    respondents: 0,
    itemCounts: new Array(width).fill(0),
  });
  const directOf = (unitId: string) =>
    direct.get(unitId) ?? { manager: empty(unitId, "manager"), staff: empty(unitId, "staff") };
  for (const group of groups)
    if (inTree.has(group.unitId))
      direct.set(group.unitId, { ...directOf(group.unitId), [group.roleCategory]: group });
  const subtree = new Map<string, Record<RoleCategory, { respondents: number; itemCounts: number[] }>>();
  const invitedIn = new Map<string, number>();
  for (const unit of tree.deepestFirst) {
    const own = directOf(unit.id);
    const sums = {
      manager: { respondents: own.manager.respondents, itemCounts: [...own.manager.itemCounts] },
      staff: { respondents: own.staff.respondents, itemCounts: [...own.staff.itemCounts] },
    };
    let people = invited.get(unit.id) ?? 0;
    for (const child of tree.children.get(unit.id) ?? []) {
      const below = subtree.get(child.id);
      people += invitedIn.get(child.id) ?? 0;
      if (below)
        for (const role of ROLE_CATEGORIES) {
          sums[role].respondents += below[role].respondents;
          below[role].itemCounts.forEach((n, i) => {
            sums[role].itemCounts[i] += n;
          });
        }
    }
    subtree.set(unit.id, sums);
    invitedIn.set(unit.id, people);
  }
  const planOf = (count: (group: GroupCounts) => number, threshold: number) => {
    const counts = new Map<string, Record<RoleCategory, number>>();
    for (const [unitId, own] of direct)
      counts.set(unitId, { manager: count(own.manager), staff: count(own.staff) });
    return publicationPlan(units, counts, threshold);
  };
  const respondentsPlan = planOf((group) => group.respondents, thresholds.k);
  const commentsPlan = planOf((group) => group.respondents, Math.max(thresholds.k, thresholds.comments));
  const answeredOn = (index: number) => (group: GroupCounts) =>
    group.itemCounts.slice(index * ITEM_WIDTH, index * ITEM_WIDTH + 5).reduce((a, b) => a + b, 0);
  const itemPlans = items.map((item, index) => (item.scale ? planOf(answeredOn(index), thresholds.k) : null));
  return units.map((unit) => {
    const sums = subtree.get(unit.id) ?? {
      manager: empty(unit.id, "manager"),
      staff: empty(unit.id, "staff"),
    };
    const countsOf = (category: Category) =>
      category === "all"
        ? sums.manager.itemCounts.map((n, i) => n + sums.staff.itemCounts[i])
        : [...sums[category].itemCounts];
    const cells = STORED_CATEGORIES.map((category) => {
      const counts = countsOf(category);
      return itemPlans.map((plan, index): StoredCell => {
        const key = cellKey(unit.id, category);
        if (!plan?.published.has(key)) return { hidden: plan?.reasons.get(key) ?? "too_few" };
        const at = index * ITEM_WIDTH;
        return { distribution: counts.slice(at, at + 5), dontKnow: counts[at + 5] };
      });
    });
    const all = cellKey(unit.id, "all");
    const own = directOf(unit.id);
    const published = respondentsPlan.published.has(all);
    return {
      unitId: unit.id,
      stored: own.manager.respondents + own.staff.respondents,
      invited: invitedIn.get(unit.id) ?? 0,
      respondents: published ? (respondentsPlan.counts.get(all) ?? 0) : null,
      respondentsHidden: published ? null : (respondentsPlan.reasons.get(all) ?? "too_few"),
      comments: commentsPlan.published.has(all),
      figures: encodeCells(cells),
    };
  });
}
