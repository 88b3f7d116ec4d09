// Walks every route in the OpenAPI document: without a session, as another tenant, with malformed
// bodies. New routes are covered automatically; a route that is public must be listed below.
// A refusal is checked twice: by its status, and by a digest of every table's rows taken before
// and after each request (testing/digest.ts), so a route that writes and then answers 404 fails.
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "./core/jobs.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "./testing/app.ts";
import { changedTables, tableDigest } from "./testing/digest.ts";

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
  const entry = await manager.post("/api/followup/entries", {
    unitId: org.units.school.id,
    phase: "during",
    kind: "lesson",
    body: "Vi lärde oss något.",
  });
  for (const response of [expectation, action, dialogue, round, entry]) expect(response.statusCode).toBe(201);
  return {
    entryId: entry.json().id,
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

/**
 * Sends one request per item and collects what went wrong: the answer `judge` refuses, and any
 * table whose rows changed during the request (sessions and rate counters excepted, see digest.ts).
 */
async function sweep<T>(
  items: T[],
  name: (item: T) => string,
  send: (item: T) => Promise<LightMyRequestResponse>,
  judge: (item: T, response: LightMyRequestResponse) => boolean,
): Promise<string[]> {
  const failures: string[] = [];
  let before = await tableDigest(t.db);
  for (const item of items) {
    const response = await send(item);
    if (!judge(item, response))
      failures.push(`${name(item)} → ${response.statusCode} ${response.body.slice(0, 120)}`);
    const after = await tableDigest(t.db);
    const changed = changedTables(before, after);
    if (changed.length) failures.push(`${name(item)} changed ${changed.join(", ")}`);
    before = after;
  }
  return failures;
}

describe("every route in the OpenAPI document", () => {
  it("lists the foundation's routes", () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map(key)).toEqual(
      expect.arrayContaining(["GET /api/units", "POST /api/auth/login", "GET /api/health"]),
    );
  });

  it("answers 401 without a session, unless the route is public, and writes nothing", async () => {
    const failures = await sweep(
      routes,
      key,
      (route) =>
        t.app.inject({
          method: route.method as "GET",
          url: urlFor(route.path),
          payload: bodySchema(route) ? {} : undefined,
        }),
      (route, response) =>
        response.statusCode < 500 && (response.statusCode === 401) !== PUBLIC_ROUTES.has(key(route)),
    );
    expect(failures).toEqual([]);
  });

  it("answers 403 or 404 to a user of another tenant for every route that names a thing, and writes nothing", async () => {
    const foreign = await clientFor(t.app, other.people.admin);
    const failures = await sweep(
      routes.filter((r) => r.path.includes("{") && !PUBLIC_ROUTES.has(key(r))),
      key,
      (route) =>
        foreign.request({
          method: route.method as "GET",
          url: urlFor(route.path),
          payload: bodySchema(route) ? validLookingBody(route) : undefined,
        }),
      (_, response) => [403, 404].includes(response.statusCode),
    );
    expect(failures).toEqual([]);
  });

  it("refuses another tenant's things named in the body of a route without a target, and writes nothing", async () => {
    const attacks = foreignReferences();
    // A new route that takes ids in its body must be added to the attacks, or this fails.
    const takesIds = routes.filter(
      (route) =>
        !route.path.includes("{") &&
        route.method !== "GET" &&
        Object.keys(bodySchema(route)?.properties ?? {}).some((name) =>
          /(?<!client)Ids?$|^requester$|^reporters$/.test(name),
        ),
    );
    expect(takesIds.map(key).filter((name) => !attacks.some((attack) => attack.route === name))).toEqual([]);
    const failures = await sweep(
      attacks,
      (attack) => `${attack.route} (${attack.what})`,
      async (attack) => {
        const [method, url] = attack.route.split(" ");
        const foreign = await clientFor(t.app, other.people[attack.as ?? "admin"]);
        return foreign.request({ method: method as "POST", url, payload: attack.body });
      },
      (_, response) => [400, 403, 404].includes(response.statusCode),
    );
    expect(failures).toEqual([]);
  });

  it("never lists another tenant's data in routes without a target, and a read writes nothing", async () => {
    const foreign = await clientFor(t.app, other.people.admin);
    const leaked = (text: string) =>
      [org.units.school.id, org.people.employee.id, org.people.admin.id].some((id) => text.includes(id));
    const failures = await sweep(
      routes.filter((r) => r.method === "GET" && !r.path.includes("{") && !PUBLIC_ROUTES.has(key(r))),
      key,
      (route) => foreign.get(route.path),
      (_, response) => response.statusCode === 200 && !leaked(response.body),
    );
    expect(failures).toEqual([]);
  });

  it("answers malformed bodies with 400 and field details — never a 500 — and writes nothing", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const failures = await sweep(
      routes.filter((r) => bodySchema(r)?.properties),
      key,
      (route) =>
        admin.request({
          method: route.method as "POST",
          url: urlFor(route.path),
          payload: Object.fromEntries(
            Object.keys(bodySchema(route)?.properties ?? {}).map((name) => [name, { wrong: [] }]),
          ),
        }),
      (_, response) => {
        const details = response.statusCode === 400 ? response.json().error?.details : undefined;
        return Array.isArray(details) && details.length > 0;
      },
    );
    expect(failures).toEqual([]);
  });
});

type ForeignReference = {
  route: string;
  what: string;
  body: Record<string, unknown>;
  /** Who in tenant B sends it: someone who may use the route in B (the administrator by default). */
  as?: keyof Fixture["people"];
};
type Fixture = Awaited<ReturnType<typeof createOrgFixture>>;

/**
 * Bodies for the routes without a target that name things by id: each is valid except that one id
 * is tenant A's, sent by someone in tenant B who could use the route with B's own ids, so what
 * refuses it is the reference, not the role.
 */
function foreignReferences(): ForeignReference[] {
  const own = other.units;
  const theirs = org.units;
  const period = { periodStart: "2026-08-01", periodEnd: "2027-06-30" };
  return [
    {
      route: "POST /api/units",
      what: "parent",
      body: { name: "Intrång", parentId: theirs.school.id, kind: "enhet" },
    },
    {
      route: "POST /api/people",
      what: "unit",
      body: { name: "Ida Intrång", email: "ida.intrang@test.se", unitId: theirs.school.id, role: "employee" },
    },
    ...[
      ["requester", { unitId: theirs.administration.id }, { roles: ["manager"], unitIds: [own.area.id] }],
      ["reporters", { unitId: own.administration.id }, { roles: ["manager"], unitIds: [theirs.area.id] }],
    ].map(([what, requester, reporters]) => ({
      route: "POST /api/inventory/demands",
      as: "analyst" as const,
      what: what as string,
      body: {
        title: "Intrångsrapport",
        kind: "report",
        purpose: "accountability",
        requester,
        reporters,
        frequencyPerYear: 12,
        minutesPerOccurrence: 30,
        existing: true,
      },
    })),
    {
      route: "POST /api/followup/expectations",
      as: "manager" as const,
      what: "unit",
      body: { unitId: theirs.school.id, ...period, title: "Intrång", description: "x", method: "narrative" },
    },
    {
      route: "POST /api/followup/expectations",
      as: "manager" as const,
      what: "indicator demand",
      body: {
        unitId: own.school.id,
        ...period,
        title: "Intrång",
        description: "x",
        method: "indicator",
        demandId: params["/api/inventory/demands/{id}"],
      },
    },
    {
      route: "POST /api/followup/entries",
      as: "employee" as const,
      what: "unit",
      body: { unitId: theirs.school.id, phase: "during", kind: "lesson", body: "Intrång" },
    },
    {
      route: "POST /api/followup/entries",
      as: "employee" as const,
      what: "expectation",
      body: {
        unitId: own.school.id,
        expectationId: params["/api/followup/expectations/{id}"],
        phase: "during",
        kind: "lesson",
        body: "Intrång",
      },
    },
    {
      route: "POST /api/followup/actions",
      as: "manager" as const,
      what: "unit",
      body: { unitId: theirs.school.id, title: "Intrång", addressee: "administration" },
    },
    ...[
      ["owner", { ownerId: org.people.manager.id }],
      ["dialogue", { dialogueId: params["/api/followup/dialogues/{id}"] }],
      ["entry", { entryId: params.entryId }],
      ["external actor", { externalActorId: params["/api/actors/{id}"] }],
    ].map(([what, reference]) => ({
      route: "POST /api/followup/actions",
      as: "manager" as const,
      what: what as string,
      body: {
        unitId: own.school.id,
        title: "Intrång",
        addressee: "administration",
        ...(reference as Record<string, string>),
      },
    })),
    {
      route: "POST /api/followup/dialogues",
      as: "director" as const,
      what: "lower unit",
      body: {
        upperUnitId: own.administration.id,
        lowerUnitId: theirs.school.id,
        pair: "director_managers",
        title: "Intrång",
        heldOn: "2026-10-01",
      },
    },
    {
      route: "POST /api/followup/dialogues",
      as: "director" as const,
      what: "participant",
      body: {
        upperUnitId: own.administration.id,
        lowerUnitId: own.school.id,
        pair: "director_managers",
        title: "Intrång",
        heldOn: "2026-10-01",
        participantIds: [org.people.manager.id],
      },
    },
    {
      route: "POST /api/barometer/rounds",
      as: "director" as const,
      what: "unit",
      body: {
        title: "Intrång",
        unitId: theirs.area.id,
        itemIds: ["tillit.1"],
        opensAt: new Date().toISOString().slice(0, 10),
        closesAt: "2099-12-31",
      },
    },
  ];
}

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
