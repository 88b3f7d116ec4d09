import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Answer,
  answeringVerdict,
  answersVerdict,
  answerUnits,
  barometerSettings,
  type Category,
  cellKey,
  closedResults,
  closeVerdict,
  closingBatches,
  decodeCells,
  embargoEnds,
  estimatedSeconds,
  figures,
  type ItemKind,
  inEmbargo,
  keptAnswers,
  MAX_ITEMS,
  MIN_GROUP_FLOOR,
  type Pending,
  type PlanUnit,
  publicationPlan,
  ROLE_CATEGORIES,
  resultsVerdict,
  revealsEmbargoedTeams,
  roundDraftVerdict,
  roundPhase,
  STORED_CATEGORIES,
  settingsChange,
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

  it("publishes what may be published: the whole round, whenever it has k answers", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const plan = publicationPlan(tree, direct, k);
        const total = [...direct.values()].reduce((sum, c) => sum + c.manager + c.staff, 0);
        expect(plan.published.has(cellKey("u0", "all"))).toBe(total >= k);
      }),
      { numRuns: 300 },
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

/** A scenario's answers as pending pool entries, one per answer. */
const pendingOf = (direct: Counts): Pending[] =>
  [...direct].flatMap(([unitId, c]) =>
    ROLE_CATEGORIES.flatMap((role) =>
      Array.from({ length: c[role] }, (_, i) => ({
        id: `${unitId}-${role}-${i}`,
        unitId,
        roleCategory: role,
      })),
    ),
  );

describe("counting what is left when a round closes (property)", () => {
  it("counts every answer once, or holds back a lone one, and never changes a group by fewer than k — at the round's own unit never by one", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const pending = pendingOf(direct);
        const { batches, held } = closingBatches(pending, tree, "u0", k);
        const counted = [...batches.flatMap((batch) => batch.ids), ...held];
        expect(counted.sort()).toEqual(pending.map((entry) => entry.id).sort());
        expect(held.length).toBeLessThanOrEqual(1);
        if (held.length) expect(batches.filter((batch) => batch.unitId === "u0")).toEqual([]);
        for (const batch of batches)
          expect(batch.ids.length).toBeGreaterThanOrEqual(batch.unitId === "u0" ? 2 : k);
      }),
      { numRuns: 300 },
    );
  });

  it("stores an answer with its own unit or one above it, and keeps a group that has k where it belongs", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const pending = pendingOf(direct);
        const path = new Map(tree.map((unit) => [unit.id, unit.path]));
        const { batches } = closingBatches(pending, tree, "u0", k);
        const batchOf = new Map(batches.flatMap((batch) => batch.ids.map((id) => [id, batch])));
        for (const entry of pending) {
          const batch = batchOf.get(entry.id);
          if (!batch) continue;
          expect(path.get(entry.unitId)?.startsWith(path.get(batch.unitId) ?? "?")).toBe(true);
          if (batch.unitId !== "u0") expect(batch.roleCategory).toBe(entry.roleCategory);
          if ((direct.get(entry.unitId)?.[entry.roleCategory] ?? 0) >= k)
            expect(batch.unitId).toBe(entry.unitId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("lets a lone answer at the round's unit join the other category's rest, and holds it only when it is all that is left", () => {
    const root: PlanUnit[] = [{ id: "u0", path: "/u0/" }];
    const one = { id: "m", unitId: "u0", roleCategory: "manager" as const };
    const staff = ["s1", "s2"].map((id) => ({ id, unitId: "u0", roleCategory: "staff" as const }));
    expect(closingBatches([one, ...staff], root, "u0", 5)).toEqual({
      batches: [{ unitId: "u0", roleCategory: "staff", ids: ["m", "s1", "s2"] }],
      held: [],
    });
    expect(closingBatches([one], root, "u0", 5)).toEqual({ batches: [], held: ["m"] });
  });
});

describe("the team first", () => {
  it("keeps a unit under embargo while answers of teams the viewer is not part of outweigh the rest", () => {
    expect(revealsEmbargoedTeams({ hidden: 0, cover: 0 }, 5)).toBe(false);
    expect(revealsEmbargoedTeams({ hidden: 5, cover: 0 }, 5)).toBe(true);
    expect(revealsEmbargoedTeams({ hidden: 5, cover: 4 }, 5)).toBe(true);
    expect(revealsEmbargoedTeams({ hidden: 6, cover: 5 }, 5)).toBe(true);
    expect(revealsEmbargoedTeams({ hidden: 5, cover: 5 }, 5)).toBe(false);
    expect(revealsEmbargoedTeams({ hidden: 5, cover: 200 }, 5)).toBe(false);
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
    expect(answerUnits(units, invited, 5)("/root/admin/school/team/")).toBe("school");
    expect(answerUnits(units, invited, 5)("/root/admin/home/")).toBe("home");
    expect(answerUnits(units, invited, 20)("/root/admin/school/team/")).toBe("root");
    // A unit outside the scope's list (closed since) climbs to the nearest one in it.
    expect(answerUnits(units, invited, 5)("/root/admin/school/gone/")).toBe("school");
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

  it("really shuffles: an order that stays as it came is caught, and the real shuffle is not", () => {
    // How often the first of six stays first in 600 shuffles: about 100 for a fair shuffle (sd 9).
    const firstStaysFirst = (shuffle: (items: readonly number[]) => number[]) =>
      Array.from({ length: 600 }, () => shuffle([0, 1, 2, 3, 4, 5])).filter((order) => order[0] === 0).length;
    const identity = (items: readonly number[]) => [...items];
    expect(firstStaysFirst(identity)).toBe(600);
    expect(firstStaysFirst((items) => shuffled(items))).toBeLessThan(200);
    expect(firstStaysFirst((items) => shuffled(items))).toBeGreaterThan(30);
  });
});

describe("changing the settings", () => {
  const settings = fc.record({
    minGroupSize: fc.integer({ min: MIN_GROUP_FLOOR, max: 50 }),
    commentMinGroupSize: fc.integer({ min: 3, max: 100 }),
    embargoDays: fc.integer({ min: 0, max: 60 }),
  });
  const patch = fc.record(
    {
      minGroupSize: fc.integer({ min: 1, max: 50 }),
      commentMinGroupSize: fc.integer({ min: 1, max: 100 }),
      embargoDays: fc.integer({ min: 0, max: 60 }),
    },
    { requiredKeys: [] },
  );

  it("accepts a change exactly when k stays at three or more and comments at k or more", () => {
    fc.assert(
      fc.property(settings, patch, (current, change) => {
        const next = { ...current, ...change };
        const verdict = settingsChange(current, change);
        expect(verdict.ok).toBe(
          next.minGroupSize >= MIN_GROUP_FLOOR && next.commentMinGroupSize >= next.minGroupSize,
        );
        if (!verdict.ok)
          expect(verdict.field).toBe(
            next.minGroupSize < MIN_GROUP_FLOOR ? "minGroupSize" : "commentMinGroupSize",
          );
      }),
    );
  });

  it("reads any stored settings as settings a change may start from", () => {
    fc.assert(
      fc.property(fc.anything(), (stored) => {
        expect(settingsChange(barometerSettings(stored), {}).ok).toBe(true);
      }),
    );
  });
});

describe("starting a round", () => {
  const bank = new Set(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"]);
  const draft = { itemIds: ["a", "b"], opensAt: "2026-11-01", closesAt: "2026-11-15" };

  it("names the field at fault: too many, twice, unknown, reversed or passed", () => {
    const refusal = (changes: Partial<typeof draft>, today = "2026-10-01") => {
      const verdict = roundDraftVerdict({ ...draft, ...changes }, bank, today);
      return verdict.ok ? null : verdict.field;
    };
    expect(refusal({})).toBeNull();
    expect(refusal({ itemIds: [...bank].slice(0, MAX_ITEMS + 1) })).toBe("itemIds");
    expect(refusal({ itemIds: [...bank].slice(0, MAX_ITEMS) })).toBeNull();
    expect(refusal({ itemIds: ["a", "a"] })).toBe("itemIds");
    expect(refusal({ itemIds: ["a", "x"] })).toBe("itemIds.1");
    expect(refusal({ opensAt: "2026-11-16" })).toBe("closesAt");
    expect(refusal({}, "2026-11-16")).toBe("closesAt");
    expect(refusal({}, "2026-11-15")).toBeNull();
  });

  it("accepts only rounds of at most twelve distinct known questions that close on or after opening", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...bank, "x", "y"), { minLength: 1, maxLength: 16 }),
        fc.integer({ min: -5, max: 5 }),
        (itemIds, length) => {
          const closesAt = length < 0 ? "2026-10-28" : `2026-11-0${1 + length}`;
          const verdict = roundDraftVerdict({ itemIds, opensAt: "2026-11-01", closesAt }, bank, "2026-10-01");
          const fine =
            itemIds.length <= MAX_ITEMS &&
            new Set(itemIds).size === itemIds.length &&
            itemIds.every((itemId) => bank.has(itemId)) &&
            length >= 0;
          expect(verdict.ok).toBe(fine);
        },
      ),
    );
  });
});

describe("answering and closing", () => {
  const kinds = new Map<string, ItemKind>([
    ["scale.1", "scale"],
    ["scale.2", "scale"],
    ["text.1", "text"],
    ["other", "scale"],
  ]);
  const round = ["scale.1", "scale.2", "text.1"];
  const fieldOf = (answers: Answer[]) => {
    const verdict = answersVerdict(round, kinds, answers);
    return verdict.ok ? null : verdict.field;
  };

  it("takes each question of the round once, a step or don't know for a scale, words for a text", () => {
    expect(
      fieldOf([
        { itemId: "scale.1", value: 3 },
        { itemId: "scale.2", value: null },
        { itemId: "text.1", text: "" },
      ]),
    ).toBeNull();
    expect(fieldOf([{ itemId: "other", value: 3 }])).toBe("answers.0.itemId");
    expect(fieldOf([{ itemId: "nowhere", value: 3 }])).toBe("answers.0.itemId");
    expect(
      fieldOf([
        { itemId: "scale.1", value: 3 },
        { itemId: "scale.1", value: 4 },
      ]),
    ).toBe("answers.1.itemId");
    expect(fieldOf([{ itemId: "scale.1", text: "fem" }])).toBe("answers.0.value");
    expect(fieldOf([{ itemId: "text.1", value: 2 }])).toBe("answers.0.text");
  });

  it("keeps no empty words", () => {
    expect(
      keptAnswers([
        { itemId: "text.1", text: "  " },
        { itemId: "scale.1", value: null },
      ]),
    ).toEqual([{ itemId: "scale.1", value: null }]);
  });

  it("lets a person answer once, only while the round is open", () => {
    expect(answeringVerdict("open", false).ok).toBe(true);
    for (const [phase, answered] of [
      ["open", true],
      ["scheduled", false],
      ["closed", false],
    ] as const)
      expect(answeringVerdict(phase, answered).ok).toBe(false);
  });

  it("closes an open round once, and has results only after that", () => {
    const closedAt = new Date("2026-11-15T12:00:00Z");
    expect(closeVerdict({ closedAt: null }).ok).toBe(true);
    expect(closeVerdict({ closedAt }).ok).toBe(false);
    expect(resultsVerdict({ closedAt: null }).ok).toBe(false);
    expect(resultsVerdict({ closedAt }).ok).toBe(true);
  });

  // The overview's "embargo until" and the policy's embargo must be the same instant.
  it("ends the embargo exactly when the chain above may see the results", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -100 * 86_400_000, max: 100 * 86_400_000 }),
        (closedAt, days, offset) => {
          const now = new Date(closedAt.getTime() + offset);
          expect(inEmbargo(closedAt, days, now)).toBe(now < embargoEnds(closedAt, days));
        },
      ),
    );
  });
});

describe("a closed round's stored results (property)", () => {
  it("store exactly what the publication plan publishes, with its counts, and nothing of a hidden cell", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        // One scale item everyone answered with 3, and one text item.
        const groups = [...direct].flatMap(([unitId, count]) =>
          ROLE_CATEGORIES.map((roleCategory) => ({
            unitId,
            roleCategory,
            respondents: count[roleCategory],
            itemCounts: [0, 0, count[roleCategory], 0, 0, 0, 0, 0, 0, 0, 0, 0],
          })),
        );
        const plan = publicationPlan(tree, direct, k);
        const results = closedResults(tree, [{ scale: true }, { scale: false }], groups, new Map(), {
          k,
          comments: k,
        });
        for (const unit of results) {
          const cells = decodeCells(unit.figures, 2);
          STORED_CATEGORIES.forEach((category, index) => {
            const key = cellKey(unit.unitId, category);
            const [scale, text] = cells[index];
            expect("hidden" in text).toBe(true);
            if (plan.published.has(key))
              expect(scale).toEqual({ distribution: [0, 0, plan.counts.get(key), 0, 0], dontKnow: 0 });
            else expect(scale).toEqual({ hidden: plan.reasons.get(key) });
          });
          const all = cellKey(unit.unitId, "all");
          expect(unit.respondents).toBe(plan.published.has(all) ? plan.counts.get(all) : null);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("stores each answer with the nearest unit above that has k invited, as asking unit by unit would", () => {
    fc.assert(
      fc.property(scenario, ({ tree, direct, k }) => {
        const invited = new Map([...direct].map(([unitId, count]) => [unitId, count.manager + count.staff]));
        const invitedIn = (unit: PlanUnit) =>
          tree
            .filter((other) => other.path.startsWith(unit.path))
            .reduce((n, o) => n + (invited.get(o.id) ?? 0), 0);
        const answerUnitOf = answerUnits(tree, invited, k);
        for (const unit of tree) {
          const chain = tree
            .filter((up) => unit.path.startsWith(up.path))
            .sort((a, b) => b.path.length - a.path.length);
          const expected = (chain.find((up) => invitedIn(up) >= k) ?? chain[chain.length - 1]).id;
          expect(answerUnitOf(unit.path)).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
