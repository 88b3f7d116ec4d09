import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../core/tables.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
});
afterAll(() => t.close());

type AuditPage = {
  items: { action: string; actionLabel: string; summary: string; targetId: string | null }[];
  actions: { action: string; label: string }[];
};

async function readAudit(lang: "sv" | "en", query = "") {
  const admin = await clientFor(t.app, org.people.admin);
  const response = await admin.request({
    method: "GET",
    url: `/api/admin/audit${query}`,
    headers: { "accept-language": lang },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as AuditPage;
}

describe("GET /api/admin/audit", () => {
  it("names actions and tells what happened in the reader's language", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const created = await admin.post("/api/units", {
      name: "Ugglans förskola",
      parentId: null,
      kind: "enhet",
    });
    expect(created.statusCode).toBe(201);

    const swedish = (await readAudit("sv", "?action=unit.create")).items;
    expect(swedish).toEqual([
      expect.objectContaining({
        action: "unit.create",
        actionLabel: "Skapade en enhet",
        summary: "Skapade enheten Ugglans förskola",
        targetId: created.json().id,
      }),
    ]);
    const english = (await readAudit("en", "?action=unit.create")).items;
    expect(english).toEqual([
      expect.objectContaining({
        actionLabel: "Created a unit",
        summary: "Created the unit Ugglans förskola",
      }),
    ]);
  });

  it("never shows a state or an action as a code", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    await admin.post(`/api/people/${org.people.employee.id}/roles`, {
      unitId: org.units.team.id,
      role: "manager",
    });
    const [entry] = (await readAudit("sv", "?action=membership.create")).items;
    expect(entry.summary).toBe(`Gav ${org.people.employee.name} rollen chef i ${org.units.team.name}`);
    expect(entry.summary).not.toMatch(/manager|→/);
  });

  it("lists every known action in words, sorted, for the filter", async () => {
    const { actions } = await readAudit("en");
    expect(actions).toContainEqual({ action: "unit.move", label: "Moved a unit" });
    expect(actions).toContainEqual({ action: "auth.login", label: "Signed in" });
    const labels = actions.map((entry) => entry.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en")));
    expect(labels.some((label) => /^[a-z_]+\.[a-z_.]+$/.test(label))).toBe(false);
  });

  it("falls back to the Swedish summary for old entries, and to the code for an action nobody names", async () => {
    await t.db.insert(auditLog).values({
      tenantId: org.tenant.id,
      actorName: "Gammal post",
      action: "legacy.thing",
      targetType: "unit",
      summary: "Något hände förr",
    });
    const [entry] = (await readAudit("en", "?action=legacy.thing")).items;
    expect(entry).toMatchObject({ actionLabel: "legacy.thing", summary: "Något hände förr" });
  });

  it("is for administrators only", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.get("/api/admin/audit")).statusCode).toBe(403);
  });
});
