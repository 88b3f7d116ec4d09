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

describe("the inventory demo", () => {
  it("holds about sixty demands with removal candidates, duplicates, a consultation and a retirement", async () => {
    const analyst = await as("analytiker@exempelkommun.se");
    const all = (await analyst.get("/api/inventory/demands?status=all")).json();
    expect(all.demands.length).toBeGreaterThanOrEqual(55);
    const flags = (await analyst.get("/api/inventory/flags")).json();
    expect(flags.removalCandidates.length).toBeGreaterThanOrEqual(4);
    const titles = flags.duplicates.map((d: { titles: string[] }) => d.titles.join(" / "));
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Frånvarostatistik"),
        expect.stringContaining("personalkontinuitet"),
      ]),
    );
    const draft = all.demands.find((d: { status: string }) => d.status === "draft");
    const detail = (await analyst.get(`/api/inventory/demands/${draft.id}`)).json();
    expect(detail.analysis.status).toBe("consultation");
    expect(detail.analysis.comments.length).toBe(3);
    const freed = (await analyst.get("/api/inventory/freed")).json();
    expect(freed.annualHours).toBeGreaterThan(100);
    expect(freed.soFarThisYear.hours).toBeGreaterThan(0);
    const profile = (await analyst.get("/api/inventory/profile")).json();
    expect(profile.dimensions[0].shares.traditional).toBeGreaterThan(0.3);
  });

  it("shows the school's manager what lands on the school, with staff estimates in use", async () => {
    const manager = await as("chef@exempelkommun.se");
    const landing = (await manager.get(`/api/inventory/demands?unitId=${units.get("GR-EK")!.id}`)).json();
    expect(landing.demands.length).toBeGreaterThan(15);
    expect(landing.totals.hours).toBeGreaterThan(100);
    expect(landing.demands.some((d: { minutes: { source: string } }) => d.minutes.source === "staff")).toBe(
      true,
    );
    const burden = (
      await manager.get(`/api/inventory/burden?unitId=${units.get("GR-EK")!.id}&groupBy=requester`)
    ).json();
    expect(burden.groups.map((g: { label: string }) => g.label)).toEqual(
      expect.arrayContaining(["Skolverket", "SCB"]),
    );
  });
});
