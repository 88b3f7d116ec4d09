// A property-based fuzzer over the OpenAPI document (issue 17, point 6): every mutating route gets
// malformed requests built from its own body, path and query schema — wrong types, missing fields,
// huge strings, NUL and lone surrogates, numbers out of range, invalid ids and dates, deep nesting,
// arrays for objects, empty and unreadable bodies — sent by a signed-in person who holds every role
// across the tree. No answer may be a 5xx; a refused request (4xx) must answer in the one error
// shape and may change no row in any table. New routes are fuzzed without a line here.
//
// Bounded: FUZZ_RUNS requests per route (default below), from the seed FUZZ_SEED (fixed by default,
// printed with every failure): `FUZZ_SEED=… npx vitest run --project server src/server/fuzz.test.ts`
// replays the same requests, in the same order, against the same seeded rows. FUZZ_STATS=1 prints
// each route's answers by status, to see how many requests got past validation.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "./core/access.ts";
import { queryRows } from "./core/db.ts";
import { enqueueJob } from "./core/jobs.ts";
import { AGENDA } from "./followup/model.ts";
import { TRUST_DIMENSIONS } from "./inventory/model.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp } from "./testing/app.ts";
import { changedTables, type TableDigest, VOLATILE_TABLES } from "./testing/digest.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20_170_006);

/**
 * Refusals that write on purpose: a failed sign-in on a real account is kept in the audit log
 * (account/service.ts, `auth.login_failed`), so the account's owner and the administrators see it.
 */
const WRITTEN_BY_REFUSAL: Record<string, string[]> = { "POST /api/auth/login": ["audit_log"] };

type JsonSchema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  minItems?: number;
  maxItems?: number;
};
type Parameter = { in: "path" | "query"; name: string; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: { "application/json"?: { schema?: JsonSchema } } };
};
type Route = { method: string; path: string; operation: Operation };
/** One request as the fuzzer sends it: a JSON value, or raw text that may not even be JSON. */
type Fuzzed = {
  params: Record<string, string>;
  query: Record<string, string>;
  body: { json: unknown } | { raw: string; contentType: string } | null;
};

const t = await createTestApp();
const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
const routes: Route[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ["post", "put", "patch", "delete"].includes(method))
    .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

/** Real rows the requests can name, by the route prefix that owns them and by parameter name. */
const ids: Record<string, string> = {};
const idPool: string[] = [];
const unitIds: string[] = [];
const personIds: string[] = [];
const emailPool: string[] = [];
const textPool: string[] = [];
let fuzzer: { id: string; tenantId: string };
let tables: string[] = [];
let last: TableDigest;

beforeAll(async () => {
  const org = await createOrgFixture(t.db);
  const other = await createOrgFixture(t.db);
  const { units, people } = org;
  fuzzer = await addPerson(t.db, org.tenant.id, "Fia Fuzz", [
    [units.board.id, "admin"],
    [units.board.id, "politician"],
    [units.administration.id, "director"],
    [units.administration.id, "analyst"],
    [units.school.id, "manager"],
    [units.school.id, "employee"],
  ]);
  const admin = await clientFor(t.app, fuzzer);
  const created = async (response: Promise<LightMyRequestResponse>) => {
    const answer = await response;
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    return answer.json();
  };
  const actor = await created(admin.post("/api/actors", { name: "IVO", kind: "supervisory_authority" }));
  const relation = await created(
    admin.post(`/api/actors/${actor.id}/relations`, {
      unitId: units.school.id,
      relationship: "administration_supervisor",
    }),
  );
  const person = await created(admin.get(`/api/people/${people.employee.id}`));
  const upload = await created(
    admin.post("/api/org/imports", {
      unitsCsv: `code;name;parent_code;kind\n${org.tenant.slug}-NEW;Ny enhet;${units.area.code};enhet\n`,
      fullImport: false,
    }),
  );
  const job = await enqueueJob(t.db, { kind: "test.noop", tenantId: org.tenant.id, createdBy: fuzzer.id });
  const demand = await created(
    admin.post("/api/inventory/demands", {
      title: "Månadsrapport",
      kind: "report",
      purpose: "accountability",
      requester: { unitId: units.administration.id },
      reporters: { roles: ["manager"], unitIds: [units.area.id] },
      frequencyPerYear: 12,
      minutesPerOccurrence: 30,
      existing: true,
    }),
  );
  const retirement = await created(
    admin.post(`/api/inventory/demands/${demand.id}/retirements`, { reason: "Ingen läser den" }),
  );
  const expectation = await created(
    admin.post("/api/followup/expectations", {
      unitId: units.school.id,
      periodStart: "2026-08-01",
      periodEnd: "2027-06-30",
      title: "Återkoppling",
      description: "Varje elev får återkoppling.",
      method: "narrative",
    }),
  );
  const action = await created(
    admin.post("/api/followup/actions", {
      unitId: units.school.id,
      title: "Färre rapporter",
      addressee: "administration",
    }),
  );
  const dialogue = await created(
    admin.post("/api/followup/dialogues", {
      upperUnitId: units.administration.id,
      lowerUnitId: units.school.id,
      pair: "director_managers",
      title: "Dialog",
      heldOn: "2026-10-01",
    }),
  );
  const round = await created(
    admin.post("/api/barometer/rounds", {
      title: "Puls",
      unitId: units.area.id,
      itemIds: ["tillit.1"],
      opensAt: new Date().toISOString().slice(0, 10),
      closesAt: "2099-12-31",
    }),
  );
  Object.assign(ids, {
    "/api/units/{id}": units.school.id,
    "/api/people/{id}": people.employee.id,
    "/api/actors/{id}": actor.id,
    "/api/org/imports/{id}": upload.id,
    "/api/inventory/demands/{id}": demand.id,
    "/api/inventory/retirements/{id}": retirement.id,
    "/api/followup/units/{id}": units.school.id,
    "/api/followup/expectations/{id}": expectation.id,
    "/api/followup/actions/{id}": action.id,
    "/api/followup/dialogues/{id}": dialogue.id,
    "/api/barometer/rounds/{id}": round.id,
    membershipId: person.roles[0].membershipId,
    relationId: relation.id,
  });
  idPool.push(
    ...Object.values(units).map((unit) => unit.id),
    ...Object.values(people).map((who) => who.id),
    ...Object.values(ids),
    other.units.school.id,
    other.people.admin.id,
    String(job.id),
  );
  unitIds.push(...Object.values(units).map((unit) => unit.id));
  personIds.push(...Object.values(people).map((who) => who.id));
  emailPool.push(...Object.values(people).map((who) => who.email), other.people.admin.email);
  textPool.push(
    ...Object.values(units).flatMap((unit) => [unit.name, unit.code ?? ""]),
    "Månadsrapport",
    "tillit.1",
    org.tenant.slug,
  );
  const rows = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  // Sessions and rate counters change on refused requests by design (testing/digest.ts says why).
  tables = rows
    .map((row) => row.name)
    .filter((name) => !(VOLATILE_TABLES as readonly string[]).includes(name));
  expect(tables.length).toBeGreaterThan(30);
  last = await checksums();
});
afterAll(() => t.close());

/**
 * testing/digest.ts's tableDigest in one statement: taken after every request, its one query per
 * table would double the fuzzer's time on PGlite.
 */
async function checksums(): Promise<TableDigest> {
  const parts = tables.map(
    (name) =>
      `select '${name}' as name, count(*) || ':' || coalesce(md5(string_agg(t::text, '' order by t::text)), 'empty') as digest from "${name}" t`,
  );
  const rows = await queryRows<{ name: string; digest: string }>(t.db, sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

// ---- values that fit a schema, and values that do not

const LONE_SURROGATES = ["\uD800", "a\uDC00b", "\uDBFF"];
const ODD_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  ...LONE_SURROGATES,
  "\u202E\u0301",
  "💩".repeat(3),
  "'; drop table unit; --",
  "../../etc/passwd",
  "=cmd|' /C calc'!A0",
  "%00",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e400",
  "0000-00-00",
  "2026-02-30",
  "2026-13-01",
  "99999-12-31",
  "-001000-01-01",
  "2026-10-01T25:61:00Z",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "__proto__",
  "constructor",
];
const ODD_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1.5,
  -1e-300,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
];

/** JSON of any shape, some of it nested deep. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom<unknown>(null, [], {}, "", 0, true, false, [[[]]], { "": {} }),
  fc.integer({ min: 50, max: 2000 }).map((depth) => nested(depth)),
);

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A real row's id (of any kind, in this tenant or the other) or a random one. */
const uuid = () => fc.oneof(fc.constantFrom(...idPool), fc.uuid());
const isoDay = fc
  .date({ min: new Date("1900-01-01"), max: new Date("2199-12-31"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/**
 * A value the schema accepts. At the edges it is one the schema accepts but the rules and the
 * database may not: the longest text, in letters that take two or four bytes; the smallest and
 * largest number; a date in year 1 or 9999; another kind of row's id, or another tenant's; the most
 * items, all the same. These get past validation to the service and the columns.
 */
function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  const base = fc.oneof(plain(schema), edge(schema));
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function plain(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => valid(option)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "string":
      return plainString(schema);
    case "integer":
    case "number": {
      const { low, high } = range(schema);
      return schema.type === "integer"
        ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) })
        : fc.oneof(
            fc.integer({ min: Math.ceil(low), max: Math.floor(high) }),
            fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true }),
          );
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valid(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, Math.max(3, schema.minItems ?? 0)),
      });
    case "object":
      return validObject(schema);
    default:
      return junk;
  }
}

function range(schema: JsonSchema) {
  const low = schema.minimum ?? -1_000_000;
  return { low: schema.exclusiveMinimum ? low + 1e-6 : low, high: schema.maximum ?? 1_000_000_000 };
}

function edge(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf || schema.enum || schema.type === "boolean" || schema.type === "object")
    return plain(schema);
  if (schema.type === "integer" || schema.type === "number") {
    const { low, high } = range(schema);
    const integer = schema.type === "integer";
    return fc
      .constantFrom(
        ...(integer
          ? [Math.ceil(low), Math.floor(high)]
          : [low, high, high - 1e-9, low + Number.EPSILON, 1e-300]),
      )
      .filter((value) => value >= low && value <= high);
  }
  if (schema.type === "array") {
    const most = Math.min(schema.maxItems ?? 50, 200);
    return valid(schema.items ?? {}).map((item) => Array.from({ length: most }, () => item));
  }
  if (schema.format === "uuid")
    return fc.constantFrom(
      ...idPool,
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
    );
  if (schema.format === "date")
    return fc.constantFrom("0001-01-01", "9999-12-31", "1970-01-01", "2000-02-29");
  if (schema.format || schema.type !== "string") return plain(schema);
  const most = Math.min(schema.maxLength ?? 5000, 100_000);
  const least = schema.minLength ?? 0;
  return fc
    .constantFrom(
      "x".repeat(most),
      "å".repeat(most),
      "😀".repeat(Math.floor(most / 2)),
      "\t\r\n\u0001\u001f\u007f\u00a0\u2028".slice(0, Math.max(least, Math.min(most, 9))),
      "x".repeat(least),
      "\u202e".repeat(Math.max(least, 1)),
      `${" ".repeat(least)}x`,
    )
    .filter((text) => text.length >= least && text.length <= most);
}

function plainString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "uuid") return uuid();
  if (schema.format === "date") return isoDay;
  if (schema.format === "date-time")
    return fc
      .date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2199-12-31") })
      .map((date) => date.toISOString());
  if (schema.format === "email")
    return fc.oneof(
      fc.constantFrom(...emailPool),
      fc.emailAddress().filter((address) => address.length <= (schema.maxLength ?? 254)),
    );
  if (schema.format === "uri") return fc.constantFrom("https://idp.example.org", "http://127.0.0.1:1/x");
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.constantFrom(...textPool).filter((text) => text.length >= minLength && text.length <= maxLength),
  );
}

/** Keys of records whose key set the OpenAPI document does not carry (zod's partialRecord). */
const RECORD_KEYS = [...ROLES, ...AGENDA, ...TRUST_DIMENSIONS];

function validObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (!Object.keys(properties).length && typeof schema.additionalProperties === "object") {
    return fc.dictionary(fc.constantFrom(...RECORD_KEYS), valid(schema.additionalProperties), {
      maxKeys: 4,
    });
  }
  const fields = Object.fromEntries(
    Object.entries(properties).map(([key, item]) => [key, byName(key, item)]),
  );
  return fc.record(fields, { requiredKeys: (schema.required ?? []).filter((key) => key in fields) });
}

/** A field named for the rows it points at (`unitId`, `participantIds`) mostly gets rows of that kind. */
function byName(key: string, schema: JsonSchema): fc.Arbitrary<unknown> {
  const pool = /unitIds?$|^parentId$/i.test(key)
    ? unitIds
    : /person|participant/i.test(key)
      ? personIds
      : null;
  if (!pool) return valid(schema);
  const id = fc.constantFrom(...pool);
  const ids = schema.type === "array" ? fc.array(id, { minLength: schema.minItems ?? 0, maxLength: 3 }) : id;
  return fc.oneof({ arbitrary: ids, weight: 3 }, { arbitrary: valid(schema), weight: 1 });
}

/** A value of the wrong kind for this schema. */
function wrong(schema: JsonSchema): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    junk,
    fc.constantFrom<unknown>(...ODD_TEXT),
    fc.constantFrom(...ODD_NUMBERS),
  ];
  if (!schema.nullable) options.push(fc.constant(null));
  if (schema.type === "string") {
    const max = schema.maxLength ?? 10_000;
    options.push(
      fc.constant("x".repeat(Math.min(max + 1, 3_000_000))),
      fc.constant(`${"å".repeat(Math.min(max, 100_000))}\u0000`),
      fc.constant(" ".repeat(Math.min(max + 1, 100_000))),
      fc.constantFrom(...LONE_SURROGATES).map((text) => text.repeat(5)),
    );
  }
  if (schema.type === "number" || schema.type === "integer") {
    const { minimum = 0, maximum = 1_000_000 } = schema;
    options.push(
      fc.constantFrom(minimum - 1, minimum - 0.001, maximum + 1, maximum + 0.5, minimum, String(minimum)),
      fc.double(),
    );
  }
  if (schema.type === "array") {
    options.push(
      fc.constant(Array.from({ length: (schema.maxItems ?? 1000) + 1 }, (_, i) => i)),
      fc.array(junk, { maxLength: 5 }),
      valid(schema.items ?? {}).map((item) => ({ 0: item })),
    );
  }
  if (schema.type === "object") {
    options.push(
      validObject(schema).map((value) => [value]),
      fc.constant({ ["k".repeat(100_000)]: 1 }),
      fc.constant(JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}')),
    );
  }
  return fc.oneof(...options);
}

/** A valid-looking body with one thing broken: a field wrong, a required field gone, or an extra one. */
function malformedBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const options: fc.Arbitrary<unknown>[] = [junk, wrong(schema), valid(schema)];
  if (properties.length) {
    options.push(
      fc
        .tuple(valid(schema), fc.constantFrom(...properties))
        .chain(([value, [key, property]]) =>
          brokenField(property).map((bad) => ({ ...(value as object), [key]: bad })),
        ),
      fc.tuple(valid(schema), fc.string({ maxLength: 20 }), junk).map(([value, key, extra]) => ({
        ...(value as object),
        [key]: extra,
      })),
    );
  }
  if (schema.required?.length) {
    options.push(
      fc.tuple(valid(schema), fc.subarray(schema.required, { minLength: 1 })).map(([value, drop]) => {
        const copy = { ...(value as Record<string, unknown>) };
        for (const key of drop) delete copy[key];
        return copy;
      }),
    );
  }
  return fc.oneof(...options);
}

/** The field broken at its own level or, for objects and arrays, one level down. */
function brokenField(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.type === "object" && schema.properties) return fc.oneof(wrong(schema), malformedBody(schema));
  if (schema.type === "array" && schema.items)
    return fc.oneof(
      wrong(schema),
      fc.array(schema.items.type === "object" ? malformedBody(schema.items) : wrong(schema.items), {
        minLength: 1,
        maxLength: 3,
      }),
    );
  if (schema.anyOf)
    return fc.oneof(wrong(schema), ...schema.anyOf.filter((o) => o.properties).map((o) => malformedBody(o)));
  return wrong(schema);
}

/** Bodies no JSON schema describes: not JSON, JSON the parser stretches, other content types. */
const rawBody = fc.oneof(
  fc.constantFrom(
    { raw: "", contentType: "application/json" },
    { raw: "{", contentType: "application/json" },
    { raw: "null", contentType: "application/json" },
    { raw: '"text"', contentType: "application/json" },
    { raw: '{"a":1e400,"b":-1e400}', contentType: "application/json" },
    { raw: '{"a":1,"a":2}', contentType: "application/json" },
    { raw: '{"__proto__":{"x":1}}', contentType: "application/json" },
    { raw: '{"x":"\\ud800"}', contentType: "application/json" },
    { raw: '{"x":"\\u0000"}', contentType: "application/json" },
    { raw: "\uFEFF{}", contentType: "application/json" },
    { raw: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
    { raw: "<x/>", contentType: "text/xml" },
    { raw: "{}", contentType: "application/json; charset=latin1" },
    { raw: "{}", contentType: "multipart/form-data; boundary=x" },
  ),
  fc
    .integer({ min: 1_000, max: 200_000 })
    .map((depth) => ({ raw: `${"[".repeat(depth)}${"]".repeat(depth)}`, contentType: "application/json" })),
  fc.integer({ min: 1_000, max: 200_000 }).map((depth) => ({
    raw: `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
    contentType: "application/json",
  })),
);

/** A path parameter: usually the route's own row, else another real row, a random id or garbage. */
function paramFor(route: Route, name: string): fc.Arbitrary<string> {
  const own = name === "id" ? ids[route.path.slice(0, route.path.indexOf("{id}") + 4)] : ids[name];
  const real = own ? [fc.constant(own)] : [];
  return fc.oneof(
    { arbitrary: fc.oneof(...real, uuid()), weight: 3 },
    {
      arbitrary: fc.oneof(
        fc
          .constantFrom(...ODD_TEXT.filter((text) => text && !LONE_SURROGATES.includes(text)))
          .map(encodeURIComponent),
        fc.constantFrom("%ED%A0%80", "%C0%AF", "%FF", "%", "%%", "..%2F..", "a%2Fb", "x".repeat(5000)),
        fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
      ),
      weight: 1,
    },
  );
}

const bodySchemaOf = (route: Route) => route.operation.requestBody?.content?.["application/json"]?.schema;

function requestFor(route: Route): fc.Arbitrary<Fuzzed> {
  const pathParams = (route.operation.parameters ?? []).filter((p) => p.in === "path");
  const queryParams = (route.operation.parameters ?? []).filter((p) => p.in === "query");
  const schema = bodySchemaOf(route);
  const params = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramFor(route, p.name)])));
  const query = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc
          .oneof(valid(p.schema), wrong(p.schema))
          .map((value) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""))),
      ]),
    ),
    { requiredKeys: [] },
  );
  const body: fc.Arbitrary<Fuzzed["body"]> = fc.oneof(
    {
      arbitrary: malformedBody(schema ?? { type: "object", properties: {} }).map((json) => ({ json })),
      weight: 5,
    },
    // Bodies the schema accepts, at their edges: what gets past validation to the rules and columns.
    ...(schema ? [{ arbitrary: valid(schema).map((json) => ({ json })), weight: 4 }] : []),
    { arbitrary: rawBody, weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  return fc.record({ params, query: query as fc.Arbitrary<Record<string, string>>, body });
}

// ---- sending

function urlOf(route: Route, request: Fuzzed): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => request.params[name] ?? "x");
  const query = new URLSearchParams(request.query).toString();
  return query ? `${path}?${query}` : path;
}

async function send(route: Route, request: Fuzzed): Promise<LightMyRequestResponse> {
  // A fresh session each time: a logout or a password change among the requests ends the one before.
  const client = await clientFor(t.app, fuzzer);
  const { body } = request;
  const payload = !body ? undefined : "json" in body ? (JSON.stringify(body.json) ?? "") : body.raw;
  const contentType = !body ? undefined : "json" in body ? "application/json" : body.contentType;
  return client.request({
    method: route.method as "POST",
    url: urlOf(route, request),
    payload,
    headers: contentType ? { "content-type": contentType } : {},
  });
}

/** The error's code (`validation`, `not_found`, …), to tell a schema's refusal from a rule's. */
function errorCode(response: LightMyRequestResponse): string {
  if (response.statusCode < 400 || !response.headers["content-type"]?.toString().includes("json")) return "";
  return response.json().error?.code ?? "";
}

function describeRequest(route: Route, request: Fuzzed, response: LightMyRequestResponse): string {
  const body = request.body && "json" in request.body ? JSON.stringify(request.body.json) : request.body?.raw;
  const cut = (text = "") => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  return `${route.method} ${cut(urlOf(route, request))} body ${cut(body)} → ${response.statusCode} ${cut(response.body)}`;
}

describe("an empty change", () => {
  it("is refused on every PATCH route, in the caller's language, and changes nothing", async () => {
    // A PATCH with required fields (a password change) is refused for the missing fields instead.
    const patches = routes.filter(
      (route) => route.method === "PATCH" && !bodySchemaOf(route)?.required?.length,
    );
    expect(patches.length).toBeGreaterThan(5);
    const client = await clientFor(t.app, fuzzer);
    const failures: string[] = [];
    for (const route of patches) {
      const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === "id" ? ids[route.path.slice(0, route.path.indexOf("{id}") + 4)] : ids[name],
      );
      for (const [payload, lang, text] of [
        [{}, "sv", "Ange minst ett fält att ändra."],
        [{ notAField: "x" }, "en", "Give at least one field to change."],
      ] as const) {
        const before = await checksums();
        const response = await client.request({
          method: "PATCH",
          url,
          payload,
          headers: { "accept-language": lang },
        });
        const details = response.statusCode === 400 ? response.json().error.details : null;
        if (JSON.stringify(details) !== JSON.stringify([{ path: "body", message: text }]))
          failures.push(`${route.path} ${JSON.stringify(payload)} → ${response.statusCode} ${response.body}`);
        const changed = changedTables(before, await checksums());
        if (changed.length) failures.push(`${route.path} ${JSON.stringify(payload)} changed ${changed}`);
      }
    }
    last = await checksums();
    expect(failures).toEqual([]);
  });
});

describe(`every mutating route, ${RUNS} malformed requests each (FUZZ_SEED=${SEED})`, () => {
  it("finds the mutating routes in the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  for (const [index, route] of routes.entries()) {
    it(`${route.method} ${route.path}: no 5xx, and a refusal changes nothing`, async () => {
      const seed = SEED + index;
      const statuses: Record<string, number> = {};
      const run = await fc.check(
        fc.asyncProperty(requestFor(route), async (request) => {
          const response = await send(route, request);
          const answer = `${response.statusCode} ${errorCode(response)}`;
          statuses[answer] = (statuses[answer] ?? 0) + 1;
          const before = last;
          last = await checksums();
          if (response.statusCode >= 500) throw new Error(describeRequest(route, request, response));
          if (response.statusCode < 400) return;
          if (!errorCode(response) || typeof response.json().error.message !== "string")
            throw new Error(`not the one error shape: ${describeRequest(route, request, response)}`);
          const allowed = WRITTEN_BY_REFUSAL[`${route.method} ${route.path}`] ?? [];
          const changed = changedTables(before, last).filter((name) => !allowed.includes(name));
          if (changed.length)
            throw new Error(`${changed.join(", ")} changed by ${describeRequest(route, request, response)}`);
        }),
        { numRuns: RUNS, seed, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
      );
      // fast-check's own report prints the whole request, megabytes of it for a huge string: this
      // one says what failed, cut short, and how to replay it.
      if (process.env.FUZZ_STATS) console.log(`${route.method} ${route.path}`, JSON.stringify(statuses));
      if (run.failed)
        expect.fail(
          `${(run.errorInstance as Error).message} (FUZZ_SEED=${SEED}; seed ${seed}, path ${run.counterexamplePath})`,
        );
    });
  }
});
