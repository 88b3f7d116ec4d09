import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../core/db.ts";
import { enqueueJob } from "../core/jobs.ts";
import { linkMailsSettled } from "../core/mail.ts";
import { hashToken } from "../core/sessions.ts";
import { auditLog, mailOutbox } from "../core/tables.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { captureLoggedLinks, startSmtpServer, type TestSmtpServer, textOf } from "../testing/mail.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let links: ReturnType<typeof captureLoggedLinks>;

beforeAll(async () => {
  t = await createTestApp();
  links = captureLoggedLinks(t.app);
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

// ---- an administrator trying to take over an account through the outbox

const tokenIn = (text: string) => /\/konto\/([\w-]+)/.exec(text)?.[1];

type Fixture = Awaited<ReturnType<typeof createOrgFixture>>;

/** The administrator sends the manager an invitation and asks for a reset of the manager's password. */
async function adminAsksForTheManagersLinks(app: TestApp, fixture: Fixture) {
  const admin = await clientFor(app.app, fixture.people.admin);
  expect((await admin.post(`/api/people/${fixture.people.manager.id}/invite`)).statusCode).toBe(202);
  const reset = await admin.request({
    method: "POST",
    url: "/api/auth/password-reset",
    payload: { email: fixture.people.manager.email },
  });
  expect(reset.statusCode).toBe(202);
  return admin;
}

/**
 * Everything an administrator (and a copy of the database) holds about the mail: the outbox answer,
 * and every column of every outbox row. No string in either may be a live link's secret, i.e. hash
 * to a stored auth token.
 */
async function expectNoUsableToken(
  app: TestApp,
  fixture: Fixture,
  admin: Awaited<ReturnType<typeof clientFor>>,
) {
  const outbox = await admin.get("/api/admin/outbox");
  expect(outbox.statusCode).toBe(200);
  const mails = (
    outbox.json() as { items: { toAddress: string; subject: string; bodyText: string; status: string }[] }
  ).items.filter((item) => item.toAddress === fixture.people.manager.email);
  expect(mails.map((mail) => mail.subject)).toEqual([
    "Återställ ditt lösenord i Tillit",
    expect.stringContaining("Välkommen"),
  ]);
  for (const mail of mails) expect(tokenIn(mail.bodyText)).toBeUndefined();

  const rows = await queryRows(app.db, sql`select * from mail_outbox where tenant_id = ${fixture.tenant.id}`);
  const stored = await queryRows<{ id: string }>(
    app.db,
    sql`select id from auth_token where person_id = ${fixture.people.manager.id}`,
  );
  expect(stored).toHaveLength(2);
  const secrets = new Set(stored.map((row) => row.id));
  const candidates = [JSON.stringify(outbox.json()), JSON.stringify(rows)].flatMap(
    (text) => text.match(/[\w-]{20,}/g) ?? [],
  );
  expect(candidates.filter((candidate) => secrets.has(hashToken(candidate)))).toEqual([]);
}

/** The manager's own link (from the mail or the console log) still sets the password once. */
async function expectLinkWorks(app: TestApp, link: string | undefined) {
  const token = tokenIn(link ?? "");
  expect(token).toBeDefined();
  const used = await app.app.inject({
    method: "POST",
    url: `/api/auth/tokens/${token}`,
    payload: { password: "chefens eget lösenord" },
  });
  expect(used.statusCode, used.body).toBe(200);
}

describe("the outbox never shows a one-time link", () => {
  it("without SMTP: the admin reads neither the outbox nor the table for it; the console log has it", async () => {
    const admin = await adminAsksForTheManagersLinks(t, org);
    await expectNoUsableToken(t, org, admin);
    const logged = links.logged.filter((entry) => entry.mailTo === org.people.manager.email);
    expect(logged).toHaveLength(2);
    await expectLinkWorks(t, logged[1].link);
  });

  it("hides the link of a mail written before links were kept out of the outbox", async () => {
    await t.db.insert(mailOutbox).values({
      tenantId: org.tenant.id,
      toAddress: "gammal@test.se",
      subject: "Välkommen till Tillit",
      bodyText: "Hej!\n\nhttps://tillit.test/konto/Gammal_LANK-0123456789abcdefghijklmnop\n\nHälsningar",
      status: "kept",
    });
    const admin = await clientFor(t.app, org.people.admin);
    const items = (await admin.get("/api/admin/outbox")).json().items as {
      toAddress: string;
      bodyText: string;
    }[];
    const old = items.find((item) => item.toAddress === "gammal@test.se");
    expect(old?.bodyText).toBe("Hej!\n\nhttps://tillit.test/konto/…\n\nHälsningar");
  });

  describe("over SMTP", () => {
    let smtp: TestSmtpServer;
    let withSmtp: TestApp;
    let smtpOrg: Fixture;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      withSmtp = await createTestApp({ smtpUrl: smtp.url });
      smtpOrg = await createOrgFixture(withSmtp.db);
    });
    afterAll(async () => {
      await withSmtp.close();
      await smtp.close();
    });

    it("the admin reads neither the outbox nor the table for it; the manager's mail has it", async () => {
      const admin = await adminAsksForTheManagersLinks(withSmtp, smtpOrg);
      await linkMailsSettled();
      await expectNoUsableToken(withSmtp, smtpOrg, admin);
      const statuses = await queryRows<{ status: string }>(
        withSmtp.db,
        sql`select status from mail_outbox where to_address = ${smtpOrg.people.manager.email}`,
      );
      expect(statuses.map((row) => row.status)).toEqual(["sent", "sent"]);
      const received = smtp.received.filter((mail) => mail.to.includes(smtpOrg.people.manager.email));
      expect(received).toHaveLength(2);
      await expectLinkWorks(withSmtp, textOf(received[1]));
    });
  });
});

// ---- who may read the machinery: every admin route × every role in the same tenant

describe("access to the administration routes, role by role", () => {
  type Who = "admin" | "employee" | "manager" | "director" | "politician" | "analyst";
  type Actor = Who | "whistle_handler" | "no role" | "not signed in";
  const ACTORS: Actor[] = [
    "employee",
    "manager",
    "director",
    "politician",
    "analyst",
    "admin",
    "whistle_handler",
    "no role",
    "not signed in",
  ];

  let home: Fixture;
  let away: Fixture;
  const people = {} as Record<Exclude<Actor, "not signed in">, { id: string; tenantId: string }>;
  /** The job each actor started themselves (an import's progress is its starter's to read). */
  const ownJob = {} as Record<string, number>;
  const jobs = { home: 0, away: 0, platform: 0 };
  /** Strings that exist only in the other tenant: none may appear in any answer to this tenant. */
  let awayTraces: string[] = [];

  async function seed(fixture: Fixture, marker: string) {
    await t.db.insert(auditLog).values({
      tenantId: fixture.tenant.id,
      actorName: "Märkare",
      action: "test.marker",
      targetType: "unit",
      targetId: fixture.units.school.id,
      summary: `Händelse ${marker}`,
      summaryEn: `Event ${marker}`,
    });
    await t.db.insert(mailOutbox).values({
      tenantId: fixture.tenant.id,
      toAddress: `${marker}@test.se`,
      subject: `Brev ${marker}`,
      bodyText: `Hej ${marker}`,
      status: "kept",
    });
    const job = await enqueueJob(t.db, {
      kind: `test.${marker}`,
      tenantId: fixture.tenant.id,
      createdBy: fixture.people.admin.id,
      runAt: new Date(Date.now() + 86_400_000),
    });
    return job.id;
  }

  beforeAll(async () => {
    home = await createOrgFixture(t.db);
    away = await createOrgFixture(t.db);
    Object.assign(people, home.people, {
      whistle_handler: await addPerson(t.db, home.tenant.id, "Vera Visselblås", [
        [home.units.board.id, "whistle_handler"],
      ]),
      "no role": await addPerson(t.db, home.tenant.id, "Rolf Utanroll"),
    });
    jobs.home = await seed(home, "hemmamarkor");
    jobs.away = await seed(away, "bortamarkor");
    jobs.platform = (
      await enqueueJob(t.db, { kind: "test.platform", runAt: new Date(Date.now() + 86_400_000) })
    ).id;
    for (const [who, person] of Object.entries(people))
      ownJob[who] = (
        await enqueueJob(t.db, {
          kind: "test.own",
          tenantId: home.tenant.id,
          createdBy: person.id,
          runAt: new Date(Date.now() + 86_400_000),
        })
      ).id;
    // The other tenant's administrator at work too: a unit (audit) and an invitation (outbox).
    const awayAdmin = await clientFor(t.app, away.people.admin);
    const unit = await awayAdmin.post("/api/units", { name: "Bortaskolan", parentId: null, kind: "enhet" });
    expect(unit.statusCode).toBe(201);
    expect((await awayAdmin.post(`/api/people/${away.people.manager.id}/invite`)).statusCode).toBe(202);
    // Single sign-on is the administrators' too (its routes live in account): each tenant its own.
    const sso = (tenant: string) => ({
      issuer: `https://login.${tenant}.example.se/`,
      clientId: `tillit-${tenant}`,
      clientSecret: `hemligt-${tenant}`,
      matchBy: "email",
      employeeNumberClaim: "anstnr",
      enabled: true,
    });
    expect(
      (await (await clientFor(t.app, home.people.admin)).put("/api/admin/sso", sso("hemma"))).statusCode,
    ).toBe(200);
    expect((await awayAdmin.put("/api/admin/sso", sso("borta"))).statusCode).toBe(200);
    awayTraces = [
      "bortamarkor",
      "login.borta",
      "tillit-borta",
      "hemligt-borta",
      "Bortaskolan",
      away.tenant.id,
      unit.json().id,
      away.units.school.id,
      ...Object.values(away.people).map((person) => person.email),
    ];
  });

  type Route = {
    name: string;
    url: (who: Actor) => string;
    /** The exact status for each actor. */
    status: (who: Actor) => number;
    /** What an allowed answer must hold of this tenant. */
    holds?: () => string[];
  };
  const signedIn = (who: Actor, status: number) => (who === "not signed in" ? 401 : status);
  const adminsOnly = (who: Actor) => signedIn(who, who === "admin" ? 200 : 403);

  const ROUTES: Route[] = [
    {
      name: "GET /api/admin/audit",
      url: () => "/api/admin/audit",
      status: adminsOnly,
      holds: () => ["Händelse hemmamarkor", home.units.school.id],
    },
    {
      name: "GET /api/admin/outbox",
      url: () => "/api/admin/outbox",
      status: adminsOnly,
      holds: () => ["hemmamarkor@test.se", "Brev hemmamarkor"],
    },
    {
      name: "GET /api/admin/sso",
      url: () => "/api/admin/sso",
      status: adminsOnly,
      holds: () => ["https://login.hemma.example.se/", "tillit-hemma"],
    },
    {
      name: "GET /api/jobs",
      url: () => "/api/jobs",
      status: adminsOnly,
      holds: () => ["test.hemmamarkor", "test.own"],
    },
    {
      name: "GET /api/jobs/:id, an administrator's job",
      url: () => `/api/jobs/${jobs.home}`,
      status: (who) => signedIn(who, who === "admin" ? 200 : 404),
      holds: () => ["test.hemmamarkor"],
    },
    {
      name: "GET /api/jobs/:id, the reader's own job",
      // Whoever is not signed in has no job of their own; any id will do to be refused.
      url: (who) => `/api/jobs/${ownJob[who] ?? jobs.home}`,
      status: (who) => signedIn(who, 200),
      holds: () => ["test.own"],
    },
    {
      name: "GET /api/jobs/:id, the other tenant's job",
      url: () => `/api/jobs/${jobs.away}`,
      status: (who) => signedIn(who, 404),
    },
    {
      name: "GET /api/jobs/:id, the platform's job (no tenant)",
      url: () => `/api/jobs/${jobs.platform}`,
      status: (who) => signedIn(who, 404),
    },
  ];

  const cases = ROUTES.flatMap((route) => ACTORS.map((who) => ({ route, who })));
  it.each(cases)("$route.name as $who", async ({ route, who }) => {
    const url = route.url(who);
    const response =
      who === "not signed in"
        ? await t.app.inject({ method: "GET", url })
        : await (await clientFor(t.app, people[who])).get(url);
    const expected = route.status(who);
    expect(response.statusCode, response.body).toBe(expected);
    if (expected !== 200) {
      expect(response.json()).toHaveProperty("error.code");
      return;
    }
    for (const text of route.holds?.() ?? []) expect(response.body).toContain(text);
    for (const trace of awayTraces) expect(response.body).not.toContain(trace);
  });
});
