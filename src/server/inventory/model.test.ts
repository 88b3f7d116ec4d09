import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../core/access.ts";
import {
  analysisDecisionReason,
  analysisEditable,
  analysisTransition,
  annualBurden,
  annualHours,
  type BurdenDemand,
  buildChain,
  burdenLines,
  type ChainUnit,
  canActivate,
  canComment,
  canProposeRetirement,
  DEFAULT_SETTINGS,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  type DemandDraft,
  dateOfUse,
  demandChangeable,
  demandProblem,
  effectiveMinutes,
  existingDemandStart,
  filterRegister,
  findDuplicates,
  freedHours,
  freedSoFar,
  groupBurden,
  inventorySettings,
  isRemovalCandidate,
  lookBackDays,
  missingAnalysisFields,
  PURPOSES,
  peopleInFocus,
  perPerson,
  REGISTER_FLAGS,
  type RegisterEntry,
  type RegisterFilter,
  type Reporters,
  reportersByRole,
  retirementDecision,
  totalOf,
  trustProfile,
} from "./model.ts";

// A small chain: root → admin → {school → team, home}
const units: ChainUnit[] = [
  { id: "root", path: "/root/" },
  { id: "admin", path: "/root/admin/" },
  { id: "school", path: "/root/admin/school/" },
  { id: "team", path: "/root/admin/school/team/" },
  { id: "home", path: "/root/admin/home/" },
];
const direct = new Map<string, Partial<Record<Role, number>>>([
  ["admin", { director: 1 }],
  ["school", { manager: 1, employee: 10 }],
  ["team", { employee: 5 }],
  ["home", { manager: 2, employee: 20 }],
]);
const chain = buildChain(units, direct);
const unitById = (id: string) => units.find((unit) => unit.id === id)!;

function demand(overrides: Partial<BurdenDemand> = {}): BurdenDemand {
  return {
    id: "d1",
    title: "Rapport",
    kind: "report",
    purpose: "accountability",
    requesterKey: "unit:admin",
    requesterLabel: "Förvaltningen",
    reporters: { roles: ["manager"], unitIds: ["admin"] },
    frequencyPerYear: 12,
    minutes: 60,
    hourlyCost: null,
    ...overrides,
  };
}

describe("the Standard Cost Model", () => {
  it("gives the worked example: 20 people, weekly, six hours at 600 SEK → 6,240 h and 3,744,000 SEK", () => {
    const worked = demand({
      reporters: { population: 20 },
      frequencyPerYear: 52,
      minutes: 360,
      hourlyCost: 600,
    });
    const lines = burdenLines(chain, DEFAULT_SETTINGS, [worked], { kind: "tenant" });
    expect(totalOf(lines)).toEqual({ hours: 6240, cost: 3_744_000 });
    expect(annualHours(360, 52, 20)).toBe(6240);
  });

  it("prices each role at the tenant's hourly cost unless the demand overrides it", () => {
    const both = demand({ reporters: { roles: ["manager", "employee"], unitIds: ["school"] } });
    const lines = burdenLines(chain, DEFAULT_SETTINGS, [both], { kind: "tenant" });
    const byRole = Object.fromEntries(lines.map((line) => [line.role, line]));
    expect(byRole.manager).toMatchObject({ reporters: 1, hours: 12 });
    expect(byRole.manager.cost).toBe(12 * DEFAULT_SETTINGS.hourlyCost.manager);
    expect(byRole.employee).toMatchObject({ reporters: 15, hours: 180 });
    expect(byRole.employee.cost).toBe(180 * DEFAULT_SETTINGS.hourlyCost.employee);
  });

  it("uses the median of staff estimates in place of the analyst's guess, and says how many answered", () => {
    expect(effectiveMinutes(30, [])).toEqual({ minutes: 30, source: "analyst", answers: 0 });
    expect(effectiveMinutes(30, [10, 50, 20])).toEqual({ minutes: 20, source: "staff", answers: 3 });
    expect(effectiveMinutes(30, [10, 20, 40, 90])).toEqual({ minutes: 30, source: "staff", answers: 4 });
  });

  it("reads tenant settings over the defaults and ignores nonsense", () => {
    const settings = inventorySettings({
      hourlyCost: { manager: 800, employee: -3 },
      annualWorkingHours: "x",
    });
    expect(settings.hourlyCost.manager).toBe(800);
    expect(settings.hourlyCost.employee).toBe(DEFAULT_SETTINGS.hourlyCost.employee);
    expect(settings.annualWorkingHours).toBe(1700);
  });
});

describe("reporters along the chain", () => {
  const employeesOfAdmin: Reporters = { roles: ["employee"], unitIds: ["admin"] };

  it("counts a scope's subtree for the tenant and for a unit above it", () => {
    expect(reportersByRole(chain, employeesOfAdmin, { kind: "tenant" }).get("employee")).toBe(35);
    expect(
      reportersByRole(chain, employeesOfAdmin, { kind: "subtree", unit: unitById("root") }).get("employee"),
    ).toBe(35);
  });

  it("lands a demand from above on a unit inside the scope with the unit's own people", () => {
    const onSchool = reportersByRole(chain, employeesOfAdmin, { kind: "subtree", unit: unitById("school") });
    expect(onSchool.get("employee")).toBe(15);
    const ownOfSchool = reportersByRole(chain, employeesOfAdmin, { kind: "own", unit: unitById("school") });
    expect(ownOfSchool.get("employee")).toBe(10);
  });

  it("counts nobody in a unit beside the scope", () => {
    const scope: Reporters = { roles: ["employee"], unitIds: ["school"] };
    expect(reportersByRole(chain, scope, { kind: "subtree", unit: unitById("home") }).size).toBe(0);
  });

  it("never counts a person twice when the scope names a unit and one inside it", () => {
    const overlapping: Reporters = { roles: ["employee"], unitIds: ["school", "team", "school"] };
    expect(reportersByRole(chain, overlapping, { kind: "tenant" }).get("employee")).toBe(15);
  });

  it("puts a population on its unit, and on the tenant only when it names none", () => {
    const placed: Reporters = { population: 7, role: "employee", unitId: "team" };
    expect(reportersByRole(chain, placed, { kind: "subtree", unit: unitById("admin") }).get("employee")).toBe(
      7,
    );
    expect(reportersByRole(chain, placed, { kind: "own", unit: unitById("school") }).size).toBe(0);
    const loose: Reporters = { population: 7 };
    expect(reportersByRole(chain, loose, { kind: "tenant" }).get(null)).toBe(7);
    expect(reportersByRole(chain, loose, { kind: "subtree", unit: unitById("root") }).size).toBe(0);
  });

  it("counts people per unit for burden per employee and share of working time", () => {
    expect(peopleInFocus(chain, { kind: "tenant" })).toBe(39);
    expect(peopleInFocus(chain, { kind: "subtree", unit: unitById("school") })).toBe(16);
    expect(peopleInFocus(chain, { kind: "own", unit: unitById("school") })).toBe(11);
    expect(perPerson(170, 10, DEFAULT_SETTINGS)).toEqual({ people: 10, hours: 17, shareOfWorkingTime: 0.01 });
    expect(perPerson(170, 0, DEFAULT_SETTINGS).hours).toBe(0);
  });
});

/** A random tree of up to 12 units, as paths, with random members, and random demands over it. */
const randomChain = fc.array(fc.nat(), { minLength: 1, maxLength: 12 }).chain((parents) => {
  const tree: ChainUnit[] = [{ id: "u0", path: "/u0/" }];
  parents.slice(1).forEach((parent, i) => {
    const up = tree[parent % tree.length];
    tree.push({ id: `u${i + 1}`, path: `${up.path}u${i + 1}/` });
  });
  const countsArb = fc.array(fc.dictionary(fc.constantFrom(...ROLES), fc.nat({ max: 30 })), {
    minLength: tree.length,
    maxLength: tree.length,
  });
  const unitId = fc.constantFrom(...tree.map((unit) => unit.id));
  const reportersArb: fc.Arbitrary<Reporters> = fc.oneof(
    fc.record({
      roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }),
      unitIds: fc.array(unitId, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ population: fc.nat({ max: 100 }), role: fc.constantFrom(...ROLES), unitId }),
  );
  const demandsArb = fc.array(
    fc.record({
      reporters: reportersArb,
      frequencyPerYear: fc.integer({ min: 1, max: 52 }),
      minutes: fc.integer({ min: 1, max: 600 }),
      hourlyCost: fc.option(fc.integer({ min: 100, max: 2000 }), { nil: null }),
    }),
    { maxLength: 8 },
  );
  return fc.tuple(fc.constant(tree), countsArb, demandsArb);
});

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

type DemandSpec = { reporters: Reporters; frequencyPerYear: number; minutes: number };

/**
 * The tenant's yearly hours for one demand, counted the long way: every unit inside any scope
 * unit, once, times its members of the asked roles; a population as given. Independent of
 * buildChain and burdenLines, so a burden that is always zero (or counts twice) disagrees with it.
 */
function referenceHours(
  tree: ChainUnit[],
  counts: Partial<Record<Role, number>>[],
  spec: DemandSpec,
): number {
  const { reporters } = spec;
  let people = 0;
  if ("population" in reporters) people = reporters.population;
  else {
    const scopes = tree.filter((unit) => reporters.unitIds.includes(unit.id));
    tree.forEach((unit, i) => {
      if (!scopes.some((scope) => unit.path.startsWith(scope.path))) return;
      for (const role of new Set(reporters.roles)) people += counts[i][role] ?? 0;
    });
  }
  return (spec.minutes * spec.frequencyPerYear * people) / 60;
}

describe("burden adds up along the chain (property)", () => {
  it("a unit's total is its own members' burden plus its children's totals", () => {
    fc.assert(
      fc.property(randomChain, ([tree, counts, specs]) => {
        const built = buildChain(tree, new Map(tree.map((unit, i) => [unit.id, counts[i]])));
        const demands = specs.map((spec, i) => demand({ ...spec, id: `d${i}` }));
        const burden = (focus: Parameters<typeof burdenLines>[3]) =>
          totalOf(burdenLines(built, DEFAULT_SETTINGS, demands, focus));
        // The sum must add up to something: the whole tenant's hours, counted independently.
        const expected = specs.reduce((sum, spec) => sum + referenceHours(tree, counts, spec), 0);
        expect(close(burden({ kind: "tenant" }).hours, expected)).toBe(true);
        if (expected > 0) expect(burden({ kind: "tenant" }).cost).toBeGreaterThan(0);
        for (const unit of tree) {
          const children = tree.filter((child) => child.path === `${unit.path}${child.id}/`);
          const parts = [
            burden({ kind: "own", unit }),
            ...children.map((child) => burden({ kind: "subtree", unit: child })),
          ];
          const whole = burden({ kind: "subtree", unit });
          expect(close(totalOf(parts).hours, whole.hours)).toBe(true);
          expect(close(totalOf(parts).cost, whole.cost)).toBe(true);
        }
      }),
    );
  });

  it("grouping never loses or invents hours", () => {
    fc.assert(
      fc.property(randomChain, ([tree, counts, specs]) => {
        const built = buildChain(tree, new Map(tree.map((unit, i) => [unit.id, counts[i]])));
        const demands = specs.map((spec, i) =>
          demand({ ...spec, id: `d${i}`, purpose: i % 2 ? "learning" : "accountability" }),
        );
        const lines = burdenLines(built, DEFAULT_SETTINGS, demands, { kind: "tenant" });
        const byId = new Map(demands.map((d) => [d.id, d]));
        const expected = specs.reduce((sum, spec) => sum + referenceHours(tree, counts, spec), 0);
        for (const groupBy of ["role", "requester", "purpose", "kind", "demand"] as const)
          expect(close(totalOf(groupBurden(lines, byId, groupBy)).hours, expected)).toBe(true);
        // Grouped by demand, each group is that demand's own hours.
        for (const group of groupBurden(lines, byId, "demand")) {
          const spec = specs[Number(group.key.slice(1))];
          expect(close(group.hours, referenceHours(tree, counts, spec))).toBe(true);
        }
      }),
    );
  });
});

describe("removal candidates", () => {
  const today = new Date("2026-11-22T12:00:00Z");
  const longAgo = new Date("2023-01-01T00:00:00Z");

  it("looks back two periods, but never less than twelve months", () => {
    expect(lookBackDays(12)).toBeCloseTo(365.25);
    expect(lookBackDays(1)).toBeCloseTo(730.5);
    expect(lookBackDays(0.5)).toBeCloseTo(1461);
  });

  it("flags an active demand nobody has used in its window", () => {
    const monthly = { status: "active" as const, frequencyPerYear: 12, inForceSince: longAgo };
    expect(isRemovalCandidate(monthly, null, today)).toBe(true);
    expect(isRemovalCandidate(monthly, new Date("2025-10-01"), today)).toBe(true);
    expect(isRemovalCandidate(monthly, new Date("2026-02-01"), today)).toBe(false);
  });

  it("gives a new demand its whole window before judging it, and ignores drafts and retired ones", () => {
    const recent = { status: "active" as const, frequencyPerYear: 12, inForceSince: new Date("2026-03-01") };
    expect(isRemovalCandidate(recent, null, today)).toBe(false);
    expect(isRemovalCandidate({ ...recent, inForceSince: longAgo, status: "draft" }, null, today)).toBe(
      false,
    );
    expect(isRemovalCandidate({ ...recent, inForceSince: longAgo, status: "retired" }, null, today)).toBe(
      false,
    );
  });

  it("judges a yearly report over two years", () => {
    const yearly = { status: "active" as const, frequencyPerYear: 1, inForceSince: longAgo };
    expect(isRemovalCandidate(yearly, new Date("2025-03-01"), today)).toBe(false);
    expect(isRemovalCandidate(yearly, new Date("2024-10-01"), today)).toBe(true);
  });
});

describe("duplicates", () => {
  const candidate = (id: string, requesterKey: string, reporters: Reporters, dataFields: string[]) => ({
    id,
    requesterKey,
    reporters,
    dataFields,
  });

  it("pairs demands from different requesters that ask the same people for the same field, naming the overlap", () => {
    const found = findDuplicates(chain, [
      candidate("a", "actor:socialstyrelsen", { roles: ["manager"], unitIds: ["admin"] }, [
        "Antal fallolyckor",
        "Vikt",
      ]),
      candidate("b", "unit:admin", { roles: ["manager", "employee"], unitIds: ["home"] }, [
        "antal  fallolyckor",
      ]),
      candidate("c", "unit:admin", { roles: ["employee"], unitIds: ["school"] }, ["Antal fallolyckor"]),
    ]);
    expect(found).toEqual([
      { demandIds: ["a", "b"], fields: ["antal fallolyckor"], roles: ["manager"], unitIds: ["home"] },
    ]);
  });

  it("does not flag the same requester asking twice, or the same field from different people", () => {
    const found = findDuplicates(chain, [
      candidate("a", "unit:admin", { roles: ["manager"], unitIds: ["school"] }, ["Närvaro"]),
      candidate("b", "unit:admin", { roles: ["manager"], unitIds: ["school"] }, ["Närvaro"]),
      candidate("c", "actor:skolverket", { roles: ["manager"], unitIds: ["home"] }, ["Närvaro"]),
    ]);
    expect(found).toEqual([]);
  });
});

describe("trust profile", () => {
  it("weights each dimension by hours, with unplaced hours shown as such", () => {
    const profile = trustProfile(
      new Map([
        ["a", 68],
        ["b", 20],
        ["c", 12],
      ]),
      new Map([
        ["a", { purpose_learning: "traditional" as const }],
        ["b", { purpose_learning: "both" as const, good_examples: "trust" as const }],
        ["c", { purpose_learning: "trust" as const, good_examples: "trust" as const }],
      ]),
    );
    expect(profile.totalHours).toBe(100);
    const purpose = profile.dimensions.find((row) => row.dimension === "purpose_learning")!;
    expect(purpose.shares).toEqual({ traditional: 0.68, both: 0.2, trust: 0.12, unplaced: 0 });
    const examples = profile.dimensions.find((row) => row.dimension === "good_examples")!;
    expect(examples.shares.unplaced).toBeCloseTo(0.68);
    expect(examples.shares.trust).toBeCloseTo(0.32);
    expect(profile.dimensions).toHaveLength(7);
  });

  it("shows zero shares, not NaN, when there are no hours", () => {
    const profile = trustProfile(new Map(), new Map());
    expect(profile.dimensions[0].shares.traditional).toBe(0);
  });
});

describe("consequence analysis and the activation gate", () => {
  it("goes draft → consultation → adopted or rejected, and never skips the consultation", () => {
    expect(analysisTransition("draft", "consultation")).toEqual({ ok: true });
    expect(analysisTransition("consultation", "adopted")).toEqual({ ok: true });
    expect(analysisTransition("consultation", "draft")).toEqual({ ok: true });
    const skipped = analysisTransition("draft", "adopted");
    expect(skipped.ok).toBe(false);
    if (!skipped.ok) expect(skipped.refusal.code).toBe("consultation_first");
    expect(analysisTransition("adopted", "draft").ok).toBe(false);
    expect(analysisTransition("rejected", "consultation").ok).toBe(false);
  });

  it("names the questions an analysis must answer before it is decided", () => {
    expect(missingAnalysisFields({ purposeAndUsers: "x", citizenValue: "  " })).toEqual([
      "decisionsInformed",
      "goalDisplacementRisk",
      "discretionEffect",
      "citizenValue",
      "alternatives",
    ]);
  });

  it("activates a draft only after an adopted analysis, or when the law requires it with a reference", () => {
    const draft = { status: "draft" as const, requiredByLaw: false, legalReference: null };
    expect(canActivate(draft, null).ok).toBe(false);
    expect(canActivate(draft, "consultation").ok).toBe(false);
    expect(canActivate(draft, "rejected").ok).toBe(false);
    expect(canActivate(draft, "adopted").ok).toBe(true);
    expect(canActivate({ ...draft, requiredByLaw: true, legalReference: "" }, null).ok).toBe(false);
    expect(canActivate({ ...draft, requiredByLaw: true, legalReference: "SoL 3 kap. 3 §" }, null).ok).toBe(
      true,
    );
    expect(canActivate({ ...draft, status: "active" }, "adopted").ok).toBe(false);
  });
});

describe("retirement", () => {
  it("decides a proposal once, and wants a reason to decline it", () => {
    expect(retirementDecision({ status: "proposed" }, "approved", null).ok).toBe(true);
    expect(retirementDecision({ status: "proposed" }, "declined", " ").ok).toBe(false);
    expect(retirementDecision({ status: "proposed" }, "declined", "Behövs för statsbidraget").ok).toBe(true);
    expect(retirementDecision({ status: "approved" }, "declined", "x").ok).toBe(false);
  });

  it("counts the hours returned so far this year from the day the demand ended", () => {
    const today = new Date("2026-07-02T12:00:00Z");
    const half = freedSoFar({ hours: 1000, cost: 500_000 }, new Date("2026-01-01T12:00:00Z"), today);
    expect(half.hours).toBeCloseTo((1000 * 182) / 365.25, 0);
    const lastYear = freedSoFar({ hours: 1000, cost: 1 }, new Date("2025-05-01"), today);
    expect(lastYear.hours).toBeCloseTo((1000 * 182.5) / 365.25, 6);
    expect(freedSoFar({ hours: 1000, cost: 1 }, new Date("2026-08-01"), today).hours).toBe(0);
  });
});

describe("freed hours (property)", () => {
  const today = new Date("2026-07-02T12:00:00Z");
  const retiredDemand = fc.record({
    population: fc.integer({ min: 1, max: 500 }),
    unit: fc.constantFrom(undefined, "school", "home"),
    minutes: fc.integer({ min: 1, max: 600 }),
    frequency: fc.integer({ min: 1, max: 52 }),
    endDate: fc.option(fc.constantFrom("2024-05-01", "2026-01-15", "2026-06-30", "2026-12-31")),
  });

  it("adds up each retired demand's yearly burden (the decision's figure), and returns no more than a year of it", () => {
    fc.assert(
      fc.property(
        fc.array(retiredDemand, { maxLength: 8 }),
        fc.constantFrom("tenant", "admin", "home"),
        (specs, at) => {
          const focus =
            at === "tenant" ? { kind: "tenant" as const } : { kind: "subtree" as const, unit: unitById(at) };
          const retired = specs.map((spec, i) => ({
            demand: demand({
              id: `d${i}`,
              reporters: { population: spec.population, unitId: spec.unit },
              minutes: spec.minutes,
              frequencyPerYear: spec.frequency,
            }),
            endDate: spec.endDate,
          }));
          const freed = freedHours(chain, DEFAULT_SETTINGS, retired, focus, today);
          // Every retired demand whose population lies in the focus is freed, with its full hours;
          // a burden that is always zero frees nothing and fails here.
          const inFocus = (unit: string | undefined) =>
            at === "tenant" || (unit !== undefined && unitById(unit).path.startsWith(unitById(at).path));
          expect(freed.demands.map((item) => [item.demandId, item.annualHours])).toEqual(
            specs.flatMap((spec, i) =>
              inFocus(spec.unit) ? [[`d${i}`, (spec.minutes * spec.frequency * spec.population) / 60]] : [],
            ),
          );
          for (const item of freed.demands) {
            const retiredOne = retired.find((r) => r.demand.id === item.demandId);
            expect(retiredOne).toBeDefined();
            if (retiredOne)
              expect(item.annualHours).toBe(
                annualBurden(chain, DEFAULT_SETTINGS, retiredOne.demand, focus).hours,
              );
            expect(item.annualHours).toBeGreaterThan(0);
          }
          expect(
            close(
              freed.annualHours,
              freed.demands.reduce((sum, item) => sum + item.annualHours, 0),
            ),
          ).toBe(true);
          expect(freed.soFarThisYear.hours).toBeLessThanOrEqual(freed.annualHours + 1e-9);
          expect(freed.soFarThisYear.cost).toBeLessThanOrEqual(freed.annualCost + 1e-6);
        },
      ),
    );
  });

  it("counts a demand freed in the tenant where its population is, and not in a unit beside it", () => {
    const retired = [
      { demand: demand({ reporters: { population: 20, unitId: "school" } }), endDate: "2026-01-01" },
    ];
    expect(freedHours(chain, DEFAULT_SETTINGS, retired, { kind: "tenant" }, today).annualHours).toBe(240);
    expect(
      freedHours(chain, DEFAULT_SETTINGS, retired, { kind: "subtree", unit: unitById("home") }, today)
        .demands,
    ).toEqual([]);
  });
});

describe("the register's filters", () => {
  const entry = fc.record({
    status: fc.constantFrom(...DEMAND_STATUSES),
    kind: fc.constantFrom(...DEMAND_KINDS),
    purpose: fc.constantFrom(...PURPOSES),
    requesterKey: fc.constantFrom("unit:a", "unit:b", "actor:c"),
    text: fc.constantFrom("Månadsrapport D1", "Elevfrånvaro", "Lex Sarah rapport", ""),
    reporterCount: fc.nat({ max: 3 }),
    removalCandidate: fc.boolean(),
    duplicate: fc.boolean(),
  }) satisfies fc.Arbitrary<RegisterEntry>;
  const filter = fc.record(
    {
      status: fc.constantFrom(...DEMAND_STATUSES, "all" as const),
      kind: fc.constantFrom(...DEMAND_KINDS),
      purpose: fc.constantFrom(...PURPOSES),
      requester: fc.constantFrom("unit:a", "actor:c"),
      q: fc.constantFrom("rapport", "RAPPORT", "frånvaro", "x"),
      unitId: fc.constant("u"),
      flag: fc.constantFrom(...REGISTER_FLAGS),
    },
    { requiredKeys: [] },
  ) satisfies fc.Arbitrary<RegisterFilter>;

  it("never adds a line, and keeps the register's order", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), filter, (entries, asked) => {
        const kept = filterRegister(entries, asked);
        let at = 0;
        for (const line of kept) {
          at = entries.indexOf(line, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at++;
        }
      }),
    );
  });

  /** A line that meets every filter asked, whatever else it holds. */
  const meeting = (asked: RegisterFilter, line: RegisterEntry): RegisterEntry => ({
    ...line,
    status: asked.status === "all" ? line.status : (asked.status ?? "active"),
    kind: asked.kind ?? line.kind,
    purpose: asked.purpose ?? line.purpose,
    requesterKey: asked.requester ?? line.requesterKey,
    text: asked.q ? `${line.text} ${asked.q.toLowerCase()}` : line.text,
    reporterCount: asked.unitId ? Math.max(1, line.reporterCount) : line.reporterCount,
    removalCandidate: asked.flag === "removal" || line.removalCandidate,
    duplicate: asked.flag === "duplicate" || line.duplicate,
  });

  it("keeps a line that meets every filter, and drops it when one asked filter is not met", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 10 }), entry, filter, (others, raw, asked) => {
        const line = meeting(asked, raw);
        const entries = [...others, line];
        expect(filterRegister(entries, asked)).toContain(line);
        const status = asked.status ?? "active";
        const other = <T>(values: readonly T[], value: T) => values.find((candidate) => candidate !== value)!;
        const missed: RegisterEntry[] = [
          ...(status !== "all" ? [{ ...line, status: other(DEMAND_STATUSES, status) }] : []),
          ...(asked.kind ? [{ ...line, kind: other(DEMAND_KINDS, asked.kind) }] : []),
          ...(asked.purpose ? [{ ...line, purpose: other(PURPOSES, asked.purpose) }] : []),
          ...(asked.requester ? [{ ...line, requesterKey: "unit:elsewhere" }] : []),
          ...(asked.q ? [{ ...line, text: "" }] : []),
          ...(asked.unitId ? [{ ...line, reporterCount: 0 }] : []),
          ...(asked.flag === "removal" ? [{ ...line, removalCandidate: false }] : []),
          ...(asked.flag === "duplicate" ? [{ ...line, duplicate: false }] : []),
        ];
        for (const missing of missed) expect(filterRegister([missing], asked)).toEqual([]);
      }),
    );
  });

  it("with status all keeps everything any single status keeps, under the same other filters", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), filter, (entries, asked) => {
        const all = filterRegister(entries, { ...asked, status: "all" });
        const union = DEMAND_STATUSES.flatMap((status) => filterRegister(entries, { ...asked, status }));
        expect(new Set(all)).toEqual(new Set(union));
      }),
    );
  });

  it("narrows as filters are added", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), filter, (entries, asked) => {
        const { flag: _flag, q: _q, ...fewer } = asked;
        const narrow = new Set(filterRegister(entries, asked));
        const wide = new Set(filterRegister(entries, fewer));
        for (const line of narrow) expect(wide.has(line)).toBe(true);
      }),
    );
  });

  it("shows the demands in force unless asked otherwise, and searches title, code and description in any case", () => {
    const lines: RegisterEntry[] = [
      { ...sampleEntry, status: "active", text: "Månadsrapport D1" },
      { ...sampleEntry, status: "draft", text: "Ny enkät" },
    ];
    expect(filterRegister(lines, {}).map((line) => line.text)).toEqual(["Månadsrapport D1"]);
    expect(filterRegister(lines, { status: "all", q: "ENKÄT" }).map((line) => line.text)).toEqual([
      "Ny enkät",
    ]);
    expect(filterRegister(lines, { unitId: "u" })).toEqual([]);
  });
});

const sampleEntry: RegisterEntry = {
  status: "active",
  kind: "report",
  purpose: "accountability",
  requesterKey: "unit:a",
  text: "",
  reporterCount: 0,
  removalCandidate: false,
  duplicate: false,
};

describe("what a demand must pass", () => {
  const known = { units: new Set(["u1", "u2"]), actors: new Set(["a1"]) };
  const draft: DemandDraft = {
    frequencyPerYear: 12,
    requester: { unitId: "u1" },
    reporters: { roles: ["employee"], unitIds: ["u1", "u2"] },
  };

  it("passes a demand whose references are all the tenant's", () => {
    expect(demandProblem(draft, known)).toBeNull();
    expect(demandProblem({ ...draft, frequencyKind: "per_event", frequencyPerYear: 0 }, known)).toBeNull();
  });

  it("names the field at fault", () => {
    const fieldOf = (change: Partial<DemandDraft>) => demandProblem({ ...draft, ...change }, known)?.field;
    expect(fieldOf({ frequencyPerYear: 0 })).toBe("frequencyPerYear");
    expect(fieldOf({ startDate: "2026-02-01", endDate: "2026-01-01" })).toBe("endDate");
    expect(fieldOf({ requester: { unitId: "elsewhere" } })).toBe("requester.unitId");
    expect(fieldOf({ requester: { actorId: "elsewhere" } })).toBe("requester.actorId");
    expect(fieldOf({ reporters: { roles: ["employee"], unitIds: ["u1", "elsewhere"] } })).toBe(
      "reporters.unitIds.1",
    );
    expect(fieldOf({ reporters: { population: 3, unitId: "elsewhere" } })).toBe("reporters.unitId");
    expect(fieldOf({ requiredByLaw: true, legalReference: " " })).toBe("legalReference");
  });

  it("keeps retired and rejected demands as they were", () => {
    expect(demandChangeable("draft").ok).toBe(true);
    expect(demandChangeable("active").ok).toBe(true);
    expect(demandChangeable("retired").ok).toBe(false);
    expect(demandChangeable("rejected").ok).toBe(false);
  });

  it("registers an existing demand only from today or before, and records a use only once it happened", () => {
    expect(existingDemandStart(undefined, "2026-06-01").ok).toBe(true);
    expect(existingDemandStart("2026-06-01", "2026-06-01").ok).toBe(true);
    expect(existingDemandStart("2026-06-02", "2026-06-01").ok).toBe(false);
    expect(dateOfUse(undefined, "2026-06-01").ok).toBe(true);
    expect(dateOfUse("2025-12-31", "2026-06-01").ok).toBe(true);
    expect(dateOfUse("2026-06-02", "2026-06-01").ok).toBe(false);
  });
});

describe("the analysis and retirement, step by step", () => {
  it("edits an analysis only while the demand is a draft and the analysis undecided", () => {
    expect(analysisEditable("draft", null).ok).toBe(true);
    expect(analysisEditable("draft", "consultation").ok).toBe(true);
    expect(analysisEditable("draft", "adopted").ok).toBe(false);
    expect(analysisEditable("active", null).ok).toBe(false);
  });

  it("takes comments only during consultation", () => {
    expect(canComment("consultation").ok).toBe(true);
    for (const status of [null, "draft", "adopted", "rejected"] as const)
      expect(canComment(status).ok).toBe(false);
  });

  it("wants a reason for a decision, and none for moving the analysis along", () => {
    expect(analysisDecisionReason("adopted", " ").ok).toBe(false);
    expect(analysisDecisionReason("rejected", "Finns redan").ok).toBe(true);
    expect(analysisDecisionReason("consultation", null).ok).toBe(true);
  });

  it("says every refused step in words, never by its code", () => {
    const statuses = ["draft", "consultation", "adopted", "rejected"] as const;
    for (const from of statuses)
      for (const to of statuses) {
        const verdict = analysisTransition(from, to);
        if (verdict.ok) continue;
        expect(verdict.refusal.sv).not.toMatch(/draft|consultation|adopted|rejected|_/);
      }
    const refused = analysisTransition("adopted", "draft");
    expect(refused.ok || refused.refusal.sv).toBe(
      "En analys som är antagen kan inte tas tillbaka till utkast.",
    );
  });

  it("retires only a demand in force, with one proposal waiting at a time", () => {
    expect(canProposeRetirement("active", false).ok).toBe(true);
    expect(canProposeRetirement("active", true).ok).toBe(false);
    expect(canProposeRetirement("draft", false).ok).toBe(false);
    expect(canProposeRetirement("retired", false).ok).toBe(false);
  });
});
