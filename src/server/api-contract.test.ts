// Walks every route in the OpenAPI document: without a session, as another tenant, with malformed
// bodies. New routes are covered automatically; a route that is public must be listed below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "./core/jobs.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "./testing/app.ts";

/** Routes anyone may call without a session. Everything else must answer 401. */
const PUBLIC_ROUTES = new Set([
  "GET /api/health",
  "POST /api/auth/login",
  "GET /api/auth/sso",
  "POST /api/auth/password-reset",
  "GET /api/auth/tokens/{token}",
  "POST /api/auth/tokens/{token}",
  "GET /api/auth/oidc/{tenantSlug}/start",
  "GET /api/auth/oidc/callback",
]);

type Operation = { requestBody?: { content?: { "application/json"?: { schema?: JsonSchema } } } };
type JsonSchema = { properties?: Record<string, unknown>; required?: string[] };
type Route = { method: string; path: string; operation: Operation };

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;
let routes: Route[];
const params: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
  const admin = await clientFor(t.app, org.people.admin);
  const actor = (await admin.post("/api/actors", { name: "IVO", kind: "supervisory_authority" })).json();
  const relation = (
    await admin.post(`/api/actors/${actor.id}/relations`, {
      unitId: org.units.school.id,
      relationship: "administration_supervisor",
    })
  ).json();
  const people = (await admin.get(`/api/people/${org.people.employee.id}`)).json();
  const upload = await admin.post("/api/org/imports", {
    unitsCsv: `code;name;parent_code;kind\n${org.tenant.slug}-NEW;Ny enhet;${org.units.area.code};enhet\n`,
    fullImport: false,
  });
  expect(upload.statusCode).toBe(201);
  const job = await enqueueJob(t.db, {
    kind: "test.noop",
    tenantId: org.tenant.id,
    createdBy: org.people.admin.id,
  });
  const analyst = await clientFor(t.app, org.people.analyst);
  const demand = (
    await analyst.post("/api/inventory/demands", {
      title: "Månadsrapport",
      kind: "report",
      purpose: "accountability",
      requester: { unitId: org.units.administration.id },
      reporters: { roles: ["manager"], unitIds: [org.units.area.id] },
      frequencyPerYear: 12,
      minutesPerOccurrence: 30,
      existing: true,
    })
  ).json();
  const retirement = (
    await analyst.post(`/api/inventory/demands/${demand.id}/retirements`, { reason: "Ingen läser den" })
  ).json();
  const followup = await followupFixture();
  Object.assign(params, {
    ...followup,
    "/api/inventory/demands/{id}": demand.id,
    "/api/inventory/retirements/{id}": retirement.id,
    "/api/units/{id}": org.units.school.id,
    "/api/people/{id}": org.people.employee.id,
    "/api/actors/{id}": actor.id,
    "/api/jobs/{id}": String(job.id),
    "/api/org/imports/{id}": upload.json().id,
    membershipId: people.roles[0].membershipId,
    relationId: relation.id,
    token: "not-a-real-token",
    tenantSlug: org.tenant.slug,
  });

  const document = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  routes = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
  );
});
afterAll(() => t.close());

/** One expectation, action and dialogue meeting in tenant A, so routes naming them hit real rows. */
async function followupFixture() {
  const manager = await clientFor(t.app, org.people.manager);
  const director = await clientFor(t.app, org.people.director);
  const expectation = await manager.post("/api/followup/expectations", {
    unitId: org.units.school.id,
    periodStart: "2026-08-01",
    periodEnd: "2027-06-30",
    title: "Återkoppling",
    description: "Varje elev får återkoppling.",
    method: "narrative",
  });
  const action = await manager.post("/api/followup/actions", {
    unitId: org.units.school.id,
    title: "Färre rapporter",
    addressee: "administration",
  });
  const dialogue = await director.post("/api/followup/dialogues", {
    upperUnitId: org.units.administration.id,
    lowerUnitId: org.units.school.id,
    pair: "director_managers",
    title: "Dialog",
    heldOn: "2026-10-01",
  });
  const round = await director.post("/api/barometer/rounds", {
    title: "Puls",
    unitId: org.units.area.id,
    itemIds: ["tillit.1"],
    opensAt: new Date().toISOString().slice(0, 10),
    closesAt: "2099-12-31",
  });
  for (const response of [expectation, action, dialogue, round]) expect(response.statusCode).toBe(201);
  return {
    "/api/followup/units/{id}": org.units.school.id,
    "/api/followup/expectations/{id}": expectation.json().id,
    "/api/followup/actions/{id}": action.json().id,
    "/api/followup/dialogues/{id}": dialogue.json().id,
    "/api/barometer/rounds/{id}": round.json().id,
  };
}

/** Fills `{param}` placeholders with tenant A's ids: the id by the route's resource, others by name. */
function urlFor(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "id")
      return params[path.slice(0, path.indexOf("{id}") + 4)] ?? "00000000-0000-4000-8000-000000000000";
    return params[name] ?? "x";
  });
}

const key = (route: Route) => `${route.method} ${route.path}`;
const bodySchema = (route: Route) => route.operation.requestBody?.content?.["application/json"]?.schema;

describe("every route in the OpenAPI document", () => {
  it("lists the foundation's routes", () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map(key)).toEqual(
      expect.arrayContaining(["GET /api/units", "POST /api/auth/login", "GET /api/health"]),
    );
  });

  it("answers 401 without a session, unless the route is public", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: urlFor(route.path),
        payload: bodySchema(route) ? {} : undefined,
      });
      const expectsPublic = PUBLIC_ROUTES.has(key(route));
      if (expectsPublic ? response.statusCode === 401 : response.statusCode !== 401) {
        failures.push(`${key(route)} → ${response.statusCode}`);
      }
      expect(response.statusCode, key(route)).toBeLessThan(500);
    }
    expect(failures).toEqual([]);
  });

  it("answers 403 or 404 to a user of another tenant for every route that names a thing", async () => {
    const foreign = await clientFor(t.app, other.people.admin);
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.includes("{") && !PUBLIC_ROUTES.has(key(r)))) {
      const response = await foreign.request({
        method: route.method as "GET",
        url: urlFor(route.path),
        payload: bodySchema(route) ? validLookingBody(route) : undefined,
      });
      if (![403, 404].includes(response.statusCode)) failures.push(`${key(route)} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("never lists another tenant's data in routes without a target", async () => {
    const foreign = await clientFor(t.app, other.people.admin);
    for (const route of routes.filter(
      (r) => r.method === "GET" && !r.path.includes("{") && !PUBLIC_ROUTES.has(key(r)),
    )) {
      const response = await foreign.get(route.path);
      expect(response.statusCode, key(route)).toBe(200);
      const text = response.body;
      for (const id of [org.units.school.id, org.people.employee.id, org.people.admin.id]) {
        expect(text.includes(id), `${key(route)} leaks ${id}`).toBe(false);
      }
    }
  });

  it("answers malformed bodies with 400 and field details — never a 500", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const failures: string[] = [];
    for (const route of routes.filter((r) => bodySchema(r)?.properties)) {
      const malformed = Object.fromEntries(
        Object.keys(bodySchema(route)?.properties ?? {}).map((name) => [name, { wrong: [] }]),
      );
      const response = await admin.request({
        method: route.method as "POST",
        url: urlFor(route.path),
        payload: malformed,
      });
      const body = response.json();
      if (response.statusCode !== 400 || !Array.isArray(body.error?.details) || !body.error.details.length) {
        failures.push(`${key(route)} → ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A body that passes validation where it can, so the cross-tenant check reaches the policy. */
function transitionTarget(path: string): string {
  if (path.endsWith("/decision")) return "approved";
  if (path.startsWith("/api/followup/actions")) return "accepted";
  return "consultation";
}

function kindFor(path: string): string {
  if (path.startsWith("/api/actors")) return "supervisory_authority";
  if (path.endsWith("/uses")) return "decision";
  if (path.startsWith("/api/inventory")) return "report";
  return "enhet";
}

function validLookingBody(route: Route): Record<string, unknown> {
  const sample: Record<string, unknown> = {
    name: "Test",
    unitId: org.units.school.id,
    role: "employee",
    relationship: "administration_supervisor",
    kind: kindFor(route.path),
    password: "a-long-enough-password",
    minutes: route.path.endsWith("/estimates") ? 10 : "Protokoll",
    agrees: true,
    answers: [{ itemId: "tillit.1", value: 3 }],
    notes: "Vi pratade om resultatet.",
    purpose: route.path.startsWith("/api/inventory") ? "learning" : "Undervisning för alla elever",
    description: "Underlag för beslut",
    body: "En synpunkt",
    reason: "Ingen använder den",
    to: transitionTarget(route.path),
  };
  return Object.fromEntries(
    Object.keys(bodySchema(route)?.properties ?? {})
      .filter((name) => name in sample)
      .map((name) => [name, sample[name]]),
  );
}
