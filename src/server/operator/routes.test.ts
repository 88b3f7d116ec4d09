// The operator's route, attacked and used: without the secret, with a wrong one, with a session but
// no secret, with bad bodies and a taken slug (nothing may change), and used properly — the new
// tenant's first administrator gets a one-time link, chooses a password and signs in.
import { randomBytes } from "node:crypto";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "../core/db.ts";
import { LINK_HIDDEN, linkMailsSettled } from "../core/mail.ts";
import { hashToken } from "../core/sessions.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { captureLoggedLinks, startSmtpServer, type TestSmtpServer, textOf } from "../testing/mail.ts";
import { OPERATOR_FAILURES } from "./model.ts";

const TOKEN = randomBytes(32).toString("base64url");
const URL = "/api/operator/tenants";

let t: TestApp;
let unset: TestApp;
let links: ReturnType<typeof captureLoggedLinks>;
let org: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  t = await createTestApp({ operatorToken: TOKEN });
  unset = await createTestApp();
  links = captureLoggedLinks(t.app);
  org = await createOrgFixture(t.db);
});
afterAll(async () => {
  await t.close();
  await unset.close();
});

let addresses = 0;
/** Each test speaks from its own address, so the wrong-token counter of one does not reach another. */
const freshAddress = () => `10.20.${Math.floor(++addresses / 250)}.${addresses % 250}`;

function operatorPost(
  app: TestApp,
  payload: unknown,
  options: { token?: string | null; address?: string; headers?: Record<string, string> } = {},
) {
  const token = options.token === undefined ? TOKEN : options.token;
  return app.app.inject({
    method: "POST",
    url: URL,
    payload: payload as InjectOptions["payload"],
    remoteAddress: options.address ?? freshAddress(),
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers },
  });
}

let slugs = 0;
const newSlug = () => `storby-${++slugs}-${randomBytes(3).toString("hex")}`;
const body = (overrides: Record<string, unknown> = {}) => {
  const slug = newSlug();
  return {
    name: "Storby kommun",
    slug,
    adminEmail: `ada.${slug}@storby.se`,
    adminName: "Ada Admin",
    ...overrides,
  };
};

const TABLES = [
  "tenant",
  "unit",
  "person",
  "membership",
  "credential",
  "auth_token",
  "mail_outbox",
  "audit_log",
] as const;

/** Row counts of everything a tenant's creation writes: a refused request must leave them all alone. */
async function snapshot(app: TestApp = t) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number }>(app.db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = row.n;
  }
  return counts;
}

const tokenIn = (link: string | undefined) => /\/konto\/([\w-]+)/.exec(link ?? "")?.[1] ?? "";

describe("POST /api/operator/tenants with the operator's secret", () => {
  it("creates the tenant, its root unit and first administrator, who signs in through the link", async () => {
    const input = body({ adminEmail: "Ada.Admin@Storby.se", name: "Storby kommun" });
    const response = await operatorPost(t, input);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      tenant: { slug: input.slug, name: "Storby kommun" },
      rootUnit: { name: "Storby kommun" },
      admin: { name: "Ada Admin", email: "ada.admin@storby.se" },
      invitation: "log",
    });

    const [unit] = await queryRows<{
      parent_id: string | null;
      kind: string;
      kind_label: string;
      path: string;
    }>(t.db, sql`select parent_id, kind, kind_label, path from unit where tenant_id = ${created.tenant.id}`);
    expect(unit).toEqual({
      parent_id: null,
      kind: "custom",
      kind_label: "kommun",
      path: `/${created.rootUnit.id}/`,
    });
    const roles = await queryRows<{ role: string; unit_id: string }>(
      t.db,
      sql`select role, unit_id from membership where person_id = ${created.admin.id}`,
    );
    expect(roles).toEqual([{ role: "admin", unit_id: created.rootUnit.id }]);

    // The link went to the server's log only: the outbox keeps the mail without it.
    const link = links.lastLinkTo("ada.admin@storby.se");
    const token = tokenIn(link);
    expect(token).not.toBe("");
    const mails = await queryRows<{ body_text: string; tenant_id: string }>(
      t.db,
      sql`select body_text, tenant_id from mail_outbox where to_address = 'ada.admin@storby.se'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].tenant_id).toBe(created.tenant.id);
    expect(mails[0].body_text).toContain(LINK_HIDDEN);
    expect(mails[0].body_text).not.toContain(token);
    expect(response.body).not.toContain(token);
    const stored = await queryRows<{ id: string; purpose: string }>(
      t.db,
      sql`select id, purpose from auth_token where person_id = ${created.admin.id}`,
    );
    expect(stored).toEqual([{ id: hashToken(token), purpose: "invite" }]);

    const [entry] = await queryRows<{
      action: string;
      actor_id: string | null;
      actor_name: string;
      summary: string;
    }>(
      t.db,
      sql`select action, actor_id, actor_name, summary from audit_log where tenant_id = ${created.tenant.id}`,
    );
    expect(entry).toMatchObject({
      action: "tenant.create",
      actor_id: null,
      actor_name: "Driftansvarig (drift-API)",
    });
    expect(entry.summary).toContain("Ada Admin som första administratör");

    const chosen = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "storbys första lösenord" },
    });
    expect(chosen.statusCode).toBe(200);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "ada.admin@storby.se", password: "storbys första lösenord" },
      remoteAddress: freshAddress(),
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      tenantId: created.tenant.id,
      tenantName: "Storby kommun",
      roles: [{ unitId: created.rootUnit.id, role: "admin" }],
    });
  });

  it("names the root unit as told, and needs neither a session nor a CSRF token", async () => {
    const response = await operatorPost(t, body({ unitName: "Storby kommunkoncern" }));
    expect(response.statusCode).toBe(201);
    expect(response.json().rootUnit.name).toBe("Storby kommunkoncern");
  });

  it("sends the link by mail when SMTP is configured, and never stores it", async () => {
    let smtp: TestSmtpServer | null = null;
    let mailing: TestApp | null = null;
    try {
      smtp = await startSmtpServer();
      mailing = await createTestApp({ operatorToken: TOKEN, smtpUrl: smtp.url });
      const logged = captureLoggedLinks(mailing.app);
      const input = body();
      const response = await operatorPost(mailing, input);
      expect(response.statusCode).toBe(201);
      expect(response.json().invitation).toBe("mail");
      await linkMailsSettled();
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].to).toEqual([input.adminEmail]);
      const token = tokenIn(textOf(smtp.received[0]));
      expect(token).not.toBe("");
      expect(logged.logged).toEqual([]);
      const [row] = await queryRows<{ body_text: string; status: string }>(
        mailing.db,
        sql`select body_text, status from mail_outbox where to_address = ${input.adminEmail}`,
      );
      expect(row.status).toBe("sent");
      expect(row.body_text).not.toContain(token);
    } finally {
      await mailing?.close();
      await smtp?.close();
    }
  });
});

describe("POST /api/operator/tenants, attacked", () => {
  it("answers 401 without the secret, with a wrong one, or another scheme — alike, and changes nothing", async () => {
    const before = await snapshot();
    const answers = [];
    for (const options of [
      { token: null },
      { token: "" },
      { token: `${TOKEN}x` },
      { token: TOKEN.slice(0, -1) },
      { token: "wrong" },
      { token: null, headers: { authorization: `Basic ${Buffer.from(`op:${TOKEN}`).toString("base64")}` } },
      { token: null, headers: { authorization: TOKEN } },
    ]) {
      const response = await operatorPost(t, body(), options);
      expect(response.statusCode, JSON.stringify(options)).toBe(401);
      answers.push(response.body);
    }
    // Nothing tells a missing key from a wrong or nearly right one.
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]).error.code).toBe("unauthorized");
    expect(await snapshot()).toEqual(before);
  });

  it("checks the secret before the body: a wrong key with a bad body is still 401", async () => {
    const response = await operatorPost(t, { slug: "Ä" }, { token: "wrong" });
    expect(response.statusCode).toBe(401);
  });

  it("lets no signed-in person in, not even an administrator with a valid session and CSRF token", async () => {
    const before = await snapshot();
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.post(URL, body());
    expect(response.statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a browser's cross-site request, even with the key", async () => {
    const before = await snapshot();
    const response = await operatorPost(t, body(), { headers: { origin: "https://elak.example" } });
    expect(response.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("does not exist where OPERATOR_TOKEN is unset: 404, as any unknown page, and not in the API document", async () => {
    const before = await snapshot(unset);
    for (const token of [TOKEN, null, "anything"]) {
      const response = await operatorPost(unset, body(), { token });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: "not_found", message: "Sidan finns inte." } });
    }
    expect(await snapshot(unset)).toEqual(before);
    const unsetPaths = Object.keys((await unset.app.inject({ url: "/api/openapi.json" })).json().paths);
    expect(unsetPaths).not.toContain(URL);
    const setPaths = Object.keys((await t.app.inject({ url: "/api/openapi.json" })).json().paths);
    expect(setPaths).toContain(URL);
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [body({ slug: "Storby" }), "body.slug"],
      [body({ slug: "storby kommun" }), "body.slug"],
      [body({ slug: "göteborg" }), "body.slug"],
      [body({ slug: "-storby" }), "body.slug"],
      [body({ slug: "x".repeat(64) }), "body.slug"],
      [body({ slug: "" }), "body.slug"],
      [body({ adminEmail: "ada" }), "body.adminEmail"],
      [body({ adminEmail: "ada@" }), "body.adminEmail"],
      [body({ name: "  " }), "body.name"],
      [body({ name: "x".repeat(201) }), "body.name"],
      [body({ adminName: "" }), "body.adminName"],
      [body({ adminName: "Ada\u0000Admin" }), "body.adminName"],
      [body({ unitName: "\ud800" }), "body.unitName"],
      [body({ unitName: 7 }), "body.unitName"],
      [{ ...body(), slug: undefined }, "body.slug"],
    ];
    for (const [payload, field] of cases) {
      const response = await operatorPost(t, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const paths = response.json().error.details.map((detail: { path: string }) => detail.path);
      expect(paths, JSON.stringify(payload)).toContain(field);
    }
    const english = await operatorPost(t, body({ slug: "Storby" }), { headers: { "accept-language": "en" } });
    expect(english.json().error.details[0].message).toContain("lower-case letters a–z");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a taken slug with a 409, and writes nothing", async () => {
    const before = await snapshot();
    const taken = await operatorPost(t, body({ slug: org.tenant.slug, adminEmail: "ny@storby.se" }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain(org.tenant.slug);
    expect(await snapshot()).toEqual(before);
  });

  it("creates one tenant when two requests race for one slug, and refuses the other with a 409", async () => {
    const slug = newSlug();
    const before = await snapshot();
    const answers = await Promise.all([
      operatorPost(t, body({ slug, adminEmail: "forsta@storby.se" })),
      operatorPost(t, body({ slug, adminEmail: "andra@storby.se" })),
      operatorPost(t, body({ slug, adminEmail: "tredje@storby.se" })),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409]);
    const after = await snapshot();
    expect(after.tenant - before.tenant).toBe(1);
    expect(after.person - before.person).toBe(1);
    expect(after.unit - before.unit).toBe(1);
  });

  it("makes an address that keeps sending wrong keys wait, without slowing the right key elsewhere", async () => {
    const address = freshAddress();
    for (let i = 0; i < OPERATOR_FAILURES.max; i++)
      expect((await operatorPost(t, body(), { token: "guess", address })).statusCode).toBe(401);
    const before = await snapshot();
    const guess = await operatorPost(t, body(), { token: "guess", address });
    expect(guess.statusCode).toBe(429);
    expect(Number(guess.headers["retry-after"])).toBeGreaterThan(0);
    // While it waits, the address is refused before its key is even looked at.
    expect((await operatorPost(t, body(), { address })).statusCode).toBe(429);
    expect(await snapshot()).toEqual(before);
    expect((await operatorPost(t, body())).statusCode).toBe(201);
  });

  it("counts only wrong keys: an operator creating many tenants from one address is never slowed", async () => {
    const address = freshAddress();
    for (let i = 0; i < OPERATOR_FAILURES.max + 2; i++)
      expect((await operatorPost(t, body(), { address })).statusCode).toBe(201);
  });
});
