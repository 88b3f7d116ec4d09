import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerUnit,
  barometerSettings,
  type Category,
  cellKey,
  estimatedSeconds,
  figures,
  inEmbargo,
  type PlanUnit,
  publicationPlan,
  ROLE_CATEGORIES,
  roundPhase,
  shuffled,
} from "./model.ts";

type Counts = Map<string, { manager: number; staff: number }>;

/** root → admin → {school → team, home} */
const units: PlanUnit[] = [
  { id: "root", path: "/root/" },
  { id: "admin", path: "/root/admin/" },
  { id: "school", path: "/root/admin/school/" },
  { id: "team", path: "/root/admin/school/team/" },
  { id: "home", path: "/root/admin/home/" },
];
const counts = (entries: [string, number, number][]): Counts =>
  new Map(entries.map(([id, manager, staff]) => [id, { manager, staff }]));
const shown = (plan: ReturnType<typeof publicationPlan>) => [...plan.published].sort();

describe("the publication plan", () => {
  it("publishes every group of at least k and nothing smaller", () => {
    const plan = publicationPlan(
      units,
      counts([
        ["school", 0, 6],
        ["home", 0, 7],
      ]),
      5,
    );
    expect(plan.published.has(cellKey("school", "all"))).toBe(true);
    expect(plan.published.has(cellKey("team", "all"))).toBe(false);
    expect(plan.reasons.get(cellKey("team", "all"))).toBe("too_few");
  });

  it("suppresses a child whose parent would otherwise reveal a small rest (parent − child)", () => {
    // admin has 1 own answer + school 6 → admin − school = 1 person.
    const plan = publicationPlan(
      units,
      counts([
        ["admin", 1, 0],
        ["school", 0, 6],
      ]),
      5,
    );
    expect(plan.published.has(cellKey("admin", "all"))).toBe(true);
    expect(plan.published.has(cellKey("school", "all"))).toBe(false);
    expect(plan.reasons.get(cellKey("school", "all"))).toBe("differencing");
  });

  it("looks at several children at once: parent − child A − child B may not be small either", () => {
    // admin: 2 own + school 6 + home 7. Pairwise differences are fine (9 and 8), all three are not (2).
    const plan = publicationPlan(
      units,
      counts([
        ["admin", 2, 0],
        ["school", 0, 6],
        ["home", 0, 7],
      ]),
      5,
    );
    const published = ["school", "home"].filter((id) => plan.published.has(cellKey(id, "all")));
    expect(published).toEqual(["home"]); // the smaller child is suppressed
  });

  it("splits a unit into managers and staff only when both are large enough", () => {
    const split = publicationPlan(units, counts([["school", 5, 6]]), 5);
    expect(split.published.has(cellKey("school", "manager"))).toBe(true);
    expect(split.published.has(cellKey("school", "staff"))).toBe(true);
    const small = publicationPlan(units, counts([["school", 6, 2]]), 5);
    expect(small.published.has(cellKey("school", "manager"))).toBe(false);
    expect(small.reasons.get(cellKey("school", "manager"))).toBe("split");
  });

  it("is the same whatever order the units come in", () => {
    const direct = counts([
      ["admin", 2, 1],
      ["school", 1, 6],
      ["team", 0, 5],
      ["home", 3, 9],
    ]);
    const a = publicationPlan(units, direct, 5);
    const b = publicationPlan([...units].reverse(), direct, 5);
    expect(shown(a)).toEqual(shown(b));
  });
});

/** Random trees of up to 10 units with random answers per unit and category, and k from 3 to 6. */
const scenario = fc
  .tuple(
    fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
    fc.array(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 14 })), { minLength: 10, maxLength: 10 }),
    fc.integer({ min: 3, max: 6 }),
  )
  .map(([parents, answers, k]) => {
    const tree: PlanUnit[] = [{ id: "u0", path: "/u0/" }];
    parents.slice(1).forEach((parent, i) => {
      const up = tree[parent % tree.length];
      tree.push({ id: `u${i + 1}`, path: `${up.path}u${i + 1}/` });
    });
    const direct: Counts = new Map(
      tree.map((unit, i) => [unit.id, { manager: answers[i][0] % 3, staff: answers[i][1] }]),
    );
    return { tree, direct, k };
  });

/** Every pair of cells where one group contains the other. */
function nestedPairs(tree: PlanUnit[]) {
  const pairs: [string, string][] = [];
  const categories: Category[] = ["all", ...ROLE_CATEGORIES];
  for (const outer of tree)
    for (const inner of tree) {
      if (!inner.path.startsWith(outer.path)) continue;
      for (const outerCategory of categories)
        for (const innerCategory of categories) {
          const contained = outerCategory === "all" || outerCategory === innerCategory;
          const same = outer.id === inner.id && outerCategory === innerCategory;
          if (contained && !same)
            pairs.push([cellKey(outer.id, outerCategory), cellKey(inner.id, innerCategory)]);
        }
    }
  return pairs;
}

describe("anonymity holds for any tree and any answers (property)", () => {
  it("publishes no figure for a group under k", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const plan = publicationPlan(tree, direct, k);
        for (const key of plan.published) expect(plan.counts.get(key)).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it("never publishes two nested groups whose difference is between 1 and k − 1", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const plan = publicationPlan(tree, direct, k);
        for (const [outer, inner] of nestedPairs(tree)) {
          if (!plan.published.has(outer) || !plan.published.has(inner)) continue;
          const difference = (plan.counts.get(outer) ?? 0) - (plan.counts.get(inner) ?? 0);
          expect(difference === 0 || difference >= k, `${outer} − ${inner} = ${difference}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never lets a group minus several disjoint published sub-groups leave 1 to k − 1", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const plan = publicationPlan(tree, direct, k);
        for (const category of ["all", ...ROLE_CATEGORIES] as const)
          for (const outer of tree) {
            if (!plan.published.has(cellKey(outer.id, category))) continue;
            const inside = tree.filter(
              (unit) =>
                unit.path.startsWith(outer.path) &&
                unit.id !== outer.id &&
                plan.published.has(cellKey(unit.id, category)),
            );
            const disjoint = inside.filter(
              (unit) => !inside.some((other) => other !== unit && unit.path.startsWith(other.path)),
            );
            // Every subset of the disjoint published parts, not only all of them.
            for (let mask = 1; mask < 1 << Math.min(disjoint.length, 8); mask++) {
              const taken = disjoint.filter((_, i) => mask & (1 << i));
              const rest =
                (plan.counts.get(cellKey(outer.id, category)) ?? 0) -
                taken.reduce((sum, unit) => sum + (plan.counts.get(cellKey(unit.id, category)) ?? 0), 0);
              expect(rest === 0 || rest >= k).toBe(true);
            }
          }
      }),
    );
  });

  it("decides the same way every time (deterministic)", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        expect(shown(publicationPlan(tree, direct, k))).toEqual(
          shown(publicationPlan(shuffled(tree), direct, k)),
        );
      }),
    );
  });
});

describe("figures and rounds", () => {
  it("computes mean and distribution over 1–5", () => {
    expect(figures([1, 0, 2, 0, 2])).toEqual({ n: 5, mean: (1 + 6 + 10) / 5, distribution: [1, 0, 2, 0, 2] });
    expect(figures([0, 0, 0, 0, 0]).mean).toBeNull();
  });

  it("stores an answer with the nearest unit above that has at least k invited", () => {
    const invited = new Map([
      ["team", 2],
      ["school", 4],
      ["home", 9],
    ]);
    expect(answerUnit("/root/admin/school/team/", units, invited, 5)).toBe("school");
    expect(answerUnit("/root/admin/home/", units, invited, 5)).toBe("home");
    expect(answerUnit("/root/admin/school/team/", units, invited, 20)).toBe("root");
  });

  it("keeps k at three or more and comments at k or more", () => {
    expect(barometerSettings({ minGroupSize: 2 }).minGroupSize).toBe(5);
    expect(barometerSettings({ minGroupSize: 3, commentMinGroupSize: 2 })).toMatchObject({
      minGroupSize: 3,
      commentMinGroupSize: 3,
    });
    expect(barometerSettings(undefined)).toEqual({
      minGroupSize: 5,
      commentMinGroupSize: 10,
      embargoDays: 7,
    });
  });

  it("estimates the time to answer and knows a round's phase and embargo", () => {
    expect(estimatedSeconds([{ kind: "scale" }, { kind: "scale" }, { kind: "text" }])).toBe(80);
    const round = { opensOn: "2026-11-01", closesOn: "2026-11-15", closedAt: null };
    expect(roundPhase(round, "2026-10-31")).toBe("scheduled");
    expect(roundPhase(round, "2026-11-15")).toBe("open");
    expect(roundPhase(round, "2026-11-16")).toBe("closed");
    const closed = new Date("2026-11-15T12:00:00Z");
    expect(inEmbargo(closed, 7, new Date("2026-11-22T11:00:00Z"))).toBe(true);
    expect(inEmbargo(closed, 7, new Date("2026-11-22T13:00:00Z"))).toBe(false);
  });

  it("shuffles without losing anything", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (items) => {
        expect(shuffled(items).sort()).toEqual([...items].sort());
      }),
    );
  });
});
