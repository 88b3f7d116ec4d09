// The burden summed in the database (store.burdenLoads → views.burdenView) against the model
// taking every demand in force one by one (burdenLines, groupBurden), on a generated tenant with
// its estimates, populations, priced demands, and a few demands the generator does not write:
// nested and repeated scope units, a repeated role, an external requester, a demand not yet
// started and one already ended. Same groups, same hours and cost, for every grouping and focus.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import { createTestApp, type TestApp } from "../testing/app.ts";
import { syntheticTenant } from "../testing/synthetic.ts";
import {
  type BurdenDemand,
  burdenLines,
  dateOnly,
  type Focus,
  GROUP_BYS,
  groupBurden,
  inForce,
  peopleInFocus,
  totalOf,
} from "./model.ts";
import * as store from "./store.ts";
import { generateDemands } from "./synthetic.ts";
import { burdenView, type ChainContext, loadChain, toBurdenDemand } from "./views.ts";

let t: TestApp;
let tenantId: string;
let context: ChainContext;
let parent: { id: string; path: string };

/** A small generated organisation, written by the real HR import as the benchmark's is. */
async function smallTenant(db: Db) {
  return (await syntheticTenant(db, { employees: 600, units: 70, seed: 11 })).id;
}

/** Demands the generator does not write, each at an edge of the sums. */
async function edgeDemands(db: Db) {
  const units = [...context.units.values()];
  const parent = units.find((unit) =>
    units.some((other) => other.path.startsWith(unit.path) && other !== unit),
  )!;
  const child = units.find((unit) => unit.path.startsWith(parent.path) && unit !== parent)!;
  const agency = await orgStore.insertActor(db, {
    tenantId,
    name: "Socialstyrelsen",
    kind: "state_agency",
    description: null,
  });
  const base = {
    tenantId,
    kind: "report" as const,
    purpose: "learning" as const,
    requesterUnitId: parent.id,
    frequencyPerYear: 12,
    minutesPerOccurrence: 30,
    status: "active" as const,
    existing: true,
  };
  const today = new Date();
  const day = (days: number) => dateOnly(new Date(today.getTime() + days * 86_400_000));
  await store.insertDemands(db, [
    {
      ...base,
      title: "Nested scope",
      reporters: { roles: ["employee", "employee", "manager"], unitIds: [parent.id, child.id, parent.id] },
    },
    {
      ...base,
      title: "From an agency",
      requesterUnitId: null,
      requesterActorId: agency.id,
      reporters: { population: 7, role: "manager" },
    },
    {
      ...base,
      title: "Not yet started",
      startDate: day(10),
      reporters: { roles: ["employee"], unitIds: [parent.id] },
    },
    {
      ...base,
      title: "Ended yesterday",
      endDate: day(-1),
      reporters: { roles: ["employee"], unitIds: [parent.id] },
    },
    {
      ...base,
      title: "Once, per event",
      frequencyPerYear: 0,
      reporters: { roles: ["employee"], unitIds: [child.id] },
    },
  ]);
  return { parent, child };
}

/** The burden as the model gives it, demand by demand: the figures the sums must reproduce. */
function modelBurden(demands: BurdenDemand[], focus: Focus, groupBy: (typeof GROUP_BYS)[number] | "unit") {
  const { chain, settings } = context;
  const lines = burdenLines(chain, settings, demands, focus);
  if (groupBy !== "unit")
    return {
      total: totalOf(lines),
      groups: groupBurden(lines, new Map(demands.map((d) => [d.id, d])), groupBy),
    };
  const parentPath = focus.kind === "tenant" ? "/" : focus.unit.path;
  const children = [...chain.units.values()].filter(
    (unit) => unit.path.startsWith(parentPath) && unit.path.slice(parentPath.length).split("/").length === 2,
  );
  const groups = children.map((unit) => ({
    key: unit.id,
    ...totalOf(burdenLines(chain, settings, demands, { kind: "subtree", unit })),
  }));
  if (focus.kind !== "tenant")
    groups.push({
      key: "own",
      ...totalOf(burdenLines(chain, settings, demands, { kind: "own", unit: focus.unit })),
    });
  return { total: totalOf(lines), groups: groups.filter((group) => group.hours > 0) };
}

/** Equal up to the last bits that summing in another order may change. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

beforeAll(async () => {
  t = await createTestApp();
  tenantId = await smallTenant(t.db);
  await generateDemands(t.db, tenantId, { demands: 400, seed: 3 });
  context = await loadChain(t.db, tenantId);
  ({ parent } = await edgeDemands(t.db));
  context = await loadChain(t.db, tenantId); // with the external requester
});
afterAll(() => t.close());

describe("the inventory generator", () => {
  it("writes the demands, retirements, estimates and uses it reports", async () => {
    const other = await smallTenant(t.db);
    const written = await generateDemands(t.db, other, { demands: 200, seed: 9 });
    const rows = await store.listDemands(t.db, other);
    expect(rows).toHaveLength(200);
    expect(written).toMatchObject({
      demands: 200,
      retired: rows.filter((row) => row.status === "retired").length,
    });
    expect(written.retired).toBeGreaterThan(0);
    const estimates = await store.estimatesByDemand(t.db, other);
    expect([...estimates.values()].flat()).toHaveLength(written.estimates);
    expect(written.estimates).toBeGreaterThan(0);
    const uses = await store.usageSummary(t.db, other);
    expect([...uses.values()].reduce((sum, use) => sum + use.uses, 0)).toBe(written.uses);
  });
});

describe("the burden summed in the database", () => {
  it("gives the model's figures for every grouping, over the tenant, a unit with children, and a leaf", async () => {
    const [rows, estimates] = await Promise.all([
      store.listDemands(t.db, tenantId),
      store.estimatesByDemand(t.db, tenantId),
    ]);
    const demands = rows
      .filter((row) => inForce(row))
      .map((row) => toBurdenDemand(row, context, estimates.get(row.id)));
    expect(demands.length).toBeGreaterThan(300);
    const units = [...context.units.values()];
    const leaf = units.find(
      (unit) => !units.some((other) => other !== unit && other.path.startsWith(unit.path)),
    )!;
    for (const unitId of [undefined, parent.id, leaf.id])
      for (const groupBy of [...GROUP_BYS, "unit"] as const) {
        const where = `${groupBy} in ${unitId ?? "the tenant"}`;
        const loads = await store.burdenLoads(t.db, tenantId, { today: dateOnly(new Date()), groupBy });
        const view = burdenView(context, loads, { unitId, groupBy }, "sv");
        const focus: Focus = unitId
          ? { kind: "subtree", unit: context.chain.units.get(unitId)! }
          : { kind: "tenant" };
        const expected = modelBurden(demands, focus, groupBy);
        expect(same(view.totalHours, expected.total.hours), where).toBe(true);
        expect(same(view.totalCost, expected.total.cost), where).toBe(true);
        expect(view.people, where).toBe(peopleInFocus(context.chain, focus));
        const byKey = new Map(view.groups.map((group) => [group.key, group]));
        expect([...byKey.keys()].sort(), where).toEqual(expected.groups.map((group) => group.key).sort());
        for (const group of expected.groups) {
          const got = byKey.get(group.key)!;
          expect(same(got.hours, group.hours) && same(got.cost, group.cost), `${where}: ${group.key}`).toBe(
            true,
          );
        }
        if (unitId === undefined) expect(view.totalHours, where).toBeGreaterThan(0);
      }
  });

  it("names requesters and demands as the register does", async () => {
    const byRequester = burdenView(
      context,
      await store.burdenLoads(t.db, tenantId, { today: dateOnly(new Date()), groupBy: "requester" }),
      { groupBy: "requester" },
      "en",
    );
    expect(byRequester.groups.map((group) => group.label)).toContain("Socialstyrelsen");
    const byDemand = burdenView(
      context,
      await store.burdenLoads(t.db, tenantId, { today: dateOnly(new Date()), groupBy: "demand" }),
      { groupBy: "demand" },
      "en",
    );
    expect(byDemand.groups.map((group) => group.label)).toContain("Nested scope");
    expect(byDemand.groups.map((group) => group.label)).not.toContain("Not yet started");
  });
});
