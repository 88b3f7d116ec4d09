import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_TENANT, seedDemo } from "../demo/seed.ts";
import * as orgStore from "../org/store.ts";
import { clientFor, createTestApp, type TestApp } from "../testing/app.ts";

let t: TestApp;
let as: (email: string) => ReturnType<typeof clientFor>;
let school: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
  const tenant = (await orgStore.getTenantBySlug(t.db, DEMO_TENANT.slug))!;
  as = async (email) => clientFor(t.app, (await orgStore.findPersonBy(t.db, tenant.id, { email }))!);
  school = (await orgStore.chainUnits(t.db, tenant.id)).find((unit) => unit.code === "GR-EK")!.id;
});
afterAll(() => t.close());

const email = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.email;

describe("the follow-up demo", () => {
  it("gives Ekbackens skola a full cycle: agreed expectations, one with a disagreement on record, entries in every phase", async () => {
    const page = (await (await as(email("chef"))).get(`/api/followup/units/${school}`)).json();
    expect(page.assignment.purpose).toContain("elev");
    const agreed = page.expectations.filter((e: { state: string }) => e.state === "agreed");
    expect(agreed.length).toBeGreaterThanOrEqual(2);
    expect(agreed.some((e: { agreement: { disagree: number } }) => e.agreement.disagree > 0)).toBe(true);
    expect(page.expectations.some((e: { state: string }) => e.state === "dialogue")).toBe(true);
    expect(page.goodExamples.length).toBeGreaterThan(0);
    expect(page.problems.length).toBeGreaterThan(0);
    const entries = (await (await as(email("chef"))).get(`/api/followup/entries?unitId=${school}`)).json();
    expect(new Set(entries.map((e: { phase: string }) => e.phase))).toEqual(
      new Set(["before", "during", "after"]),
    );
  });

  it("has upward requests answered, declined and overdue, and the director sees what waits", async () => {
    const director = await as(email("direktör"));
    const actions = (await director.get(`/api/followup/actions?unitId=${school}`)).json().items;
    const states = actions.map((a: { state: string }) => a.state);
    expect(states).toEqual(
      expect.arrayContaining(["in_progress", "declined", "accepted", "proposed", "done"]),
    );
    expect(actions.some((a: { overdue: boolean }) => a.overdue)).toBe(true);
    const waiting = (await director.get("/api/followup/actions?waiting=true")).json().items;
    expect(waiting.length).toBeGreaterThan(0);
    const responsiveness = (await director.get("/api/followup/responsiveness")).json();
    expect(
      responsiveness.find((row: { level: string }) => row.level === "administration").answered,
    ).toBeGreaterThan(0);
  });

  it("has dialogue meetings with minutes, the later one reviewing the earlier one's actions", async () => {
    const manager = await as(email("chef"));
    const meetings = (await manager.get(`/api/followup/dialogues?unitId=${school}`)).json();
    expect(meetings.filter((m: { minutes: string | null }) => m.minutes).length).toBeGreaterThanOrEqual(1);
    const later = meetings.find((m: { status: string }) => m.status === "planned");
    const view = (await manager.get(`/api/followup/dialogues/${later.id}`)).json();
    expect(view.previousActions.length).toBeGreaterThan(0);
  });
});
