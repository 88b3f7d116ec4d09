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

export const ROLE_CATEGORIES = ["manager", "staff"] as const;
export type RoleCategory = (typeof ROLE_CATEGORIES)[number];
export type Category = "all" | RoleCategory;

export const MIN_GROUP_FLOOR = 3;
export const DEFAULT_SETTINGS = { minGroupSize: 5, commentMinGroupSize: 10, embargoDays: 7 };
export type BarometerSettings = typeof DEFAULT_SETTINGS;

/** Tenant settings over the defaults; k is never below three, comments never below k. */
export function barometerSettings(stored: unknown): BarometerSettings {
  const given = (stored ?? {}) as Partial<BarometerSettings>;
  const whole = (value: unknown, fallback: number, min: number) =>
    typeof value === "number" && Number.isInteger(value) && value >= min ? value : fallback;
  const minGroupSize = whole(given.minGroupSize, DEFAULT_SETTINGS.minGroupSize, MIN_GROUP_FLOOR);
  return {
    minGroupSize,
    commentMinGroupSize: Math.max(
      minGroupSize,
      whole(given.commentMinGroupSize, DEFAULT_SETTINGS.commentMinGroupSize, 1),
    ),
    embargoDays: whole(given.embargoDays, DEFAULT_SETTINGS.embargoDays, 0),
  };
}

export type PlanUnit = { id: string; path: string };
/** Answers counted directly at each unit (the unit an answer is stored with), per role category. */
export type DirectCounts = ReadonlyMap<string, Readonly<Record<RoleCategory, number>>>;

export type SuppressionReason = "too_few" | "differencing" | "split";
export type Cell = { unitId: string; category: Category };
export const cellKey = (unitId: string, category: Category) => `${unitId}|${category}`;

export type Plan = {
  /** Answers in the cell's subtree; read only for published cells. */
  counts: ReadonlyMap<string, number>;
  published: ReadonlySet<string>;
  reasons: ReadonlyMap<string, SuppressionReason>;
};

/** The scope as a tree: children by parent, and the units deepest first. */
type Tree = { units: readonly PlanUnit[]; children: Map<string, PlanUnit[]>; deepestFirst: PlanUnit[] };

function treeOf(units: readonly PlanUnit[]): Tree {
  const byPath = new Map(units.map((unit) => [unit.path, unit]));
  const children = new Map<string, PlanUnit[]>();
  for (const unit of units) {
    const parentPath = unit.path.slice(0, unit.path.slice(0, -1).lastIndexOf("/") + 1);
    const parent = byPath.get(parentPath);
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

export type ItemCounts = { values: readonly number[] }; // values 1..5, "don't know" excluded

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
 * The unit an answer is stored with: the person's own unit, or the nearest unit above it (inside
 * the round's scope) with at least k invited people — so no stored answer points to a smaller group.
 */
export function answerUnit(
  personUnitPath: string,
  scope: readonly PlanUnit[],
  invitedPerUnit: ReadonlyMap<string, number>,
  k: number,
): string {
  const chain = scope
    .filter((unit) => personUnitPath.startsWith(unit.path))
    .sort((a, b) => b.path.length - a.path.length);
  const invitedIn = (unit: PlanUnit) =>
    scope
      .filter((other) => other.path.startsWith(unit.path))
      .reduce((sum, other) => sum + (invitedPerUnit.get(other.id) ?? 0), 0);
  return (chain.find((unit) => invitedIn(unit) >= k) ?? chain[chain.length - 1]).id;
}

// ---- rounds

export const MAX_ITEMS = 12;
export const SECONDS_PER_SCALE_ITEM = 10;
export const SECONDS_PER_TEXT_ITEM = 60;

/** The estimated time to answer, shown before anyone starts. */
export const estimatedSeconds = (items: readonly { kind: "scale" | "text" }[]) =>
  items.reduce(
    (sum, item) => sum + (item.kind === "text" ? SECONDS_PER_TEXT_ITEM : SECONDS_PER_SCALE_ITEM),
    0,
  );

export type RoundPhase = "scheduled" | "open" | "closed";

export function roundPhase(
  round: { opensOn: string; closesOn: string; closedAt: Date | null },
  today: string,
): RoundPhase {
  if (round.closedAt || round.closesOn < today) return "closed";
  return round.opensOn <= today ? "open" : "scheduled";
}

/**
 * Who sees a unit's results of a closed round: during the embargo only the unit's own people;
 * afterwards also the chain above.
 */
export function inEmbargo(closedAt: Date, embargoDays: number, now: Date): boolean {
  return now.getTime() < closedAt.getTime() + embargoDays * 86_400_000;
}

/** Fisher–Yates with a seeded generator: the order of stored answers says nothing about when they came. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
