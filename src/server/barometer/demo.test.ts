import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANT, seedDemo } from "../demo/seed.ts";
import * as orgStore from "../org/store.ts";
import { clientFor, createTestApp, type TestApp } from "../testing/app.ts";

let t: TestApp;
let as: (email: string) => ReturnType<typeof clientFor>;
let units: Map<string | null, { id: string }>;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
  const tenant = (await orgStore.getTenantBySlug(t.db, DEMO_TENANT.slug))!;
  as = async (email) => clientFor(t.app, (await orgStore.findPersonBy(t.db, tenant.id, { email }))!);
  units = new Map((await orgStore.chainUnits(t.db, tenant.id)).map((unit) => [unit.code, unit]));
});
afterAll(() => t.close());

type Round = { id: string; title: string; phase: string; invited: boolean; answered: boolean };

describe("the barometer demo", () => {
  it("has closed spring and autumn rounds where managers rate their discretion above staff, and small units are hidden", async () => {
    const director = await as("direktor@exempelkommun.se");
    const rounds: Round[] = (await director.get("/api/barometer/rounds")).json();
    const closed = rounds.filter((round) => round.phase === "closed");
    expect(closed.map((round) => round.title)).toEqual(
      expect.arrayContaining([expect.stringContaining("våren"), expect.stringContaining("hösten")]),
    );
    const autumn = closed.find((round) => round.title.includes("hösten") && round.title.includes("Barn"))!;
    const overview = (
      await director.get(`/api/barometer/rounds/${autumn.id}/overview?unitId=${units.get("UF")!.id}`)
    ).json();
    const discretion = overview.gaps.find((gap: { itemId: string }) => gap.itemId === "handlingsutrymme.1");
    expect(discretion.gap).toBeGreaterThan(0.5);
    expect(overview.trend).toHaveLength(1);
    const small = (
      await director.get(`/api/barometer/rounds/${autumn.id}/results?unitId=${units.get("FS-HA")!.id}`)
    ).json();
    expect(small.every((item: { suppressed?: boolean }) => item.suppressed)).toBe(true);
  });

  it("has an open round in the education administration for the demo employee to answer", async () => {
    const employee = await as("medarbetare@exempelkommun.se");
    const open = ((await employee.get("/api/barometer/rounds")).json() as Round[]).find(
      (round) => round.phase === "open",
    )!;
    expect(open).toMatchObject({ invited: true, answered: false });
  });
});
