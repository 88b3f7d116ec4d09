import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "../core/db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../core/http.ts";
import { hashToken } from "../core/sessions.ts";
import { auditLog, mailOutbox, rateLimitHit, session } from "../core/tables.ts";
import * as orgStore from "../org/store.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { changedTables, tableDigest } from "../testing/digest.ts";
import { captureLoggedLinks } from "../testing/mail.ts";
import { setPassword } from "./service.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;
/** Without SMTP a one-time link reaches only the console log, never the outbox: tests read it there. */
let links: ReturnType<typeof captureLoggedLinks>;

const PASSWORD = "correct horse battery";

beforeAll(async () => {
  t = await createTestApp();
  links = captureLoggedLinks(t.app);
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
});
afterAll(() => t.close());

let ipCounter = 0;
/** Every test gets its own client address so per-address limits do not leak between tests. */
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function login(
  email: string,
  password: string,
  options: { ip?: string; lang?: string; origin?: string } = {},
) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    remoteAddress: options.ip ?? freshIp(),
    headers: {
      ...(options.lang ? { "accept-language": options.lang } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
  });
}

const sessionCookie = (response: LightMyRequestResponse) =>
  response.cookies.find((cookie) => cookie.name === SESSION_COOKIE) as
    | {
        name: string;
        value: string;
        httpOnly?: boolean;
        sameSite?: string;
        secure?: boolean;
        path?: string;
        maxAge?: number;
      }
    | undefined;

/** A browser-like client holding the cookie and CSRF token a login answered with. */
function sessionClient(response: LightMyRequestResponse) {
  const token = sessionCookie(response)?.value ?? "";
  const csrfToken: string = response.json().csrfToken;
  const request = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown, csrf = true) =>
    t.app.inject({
      method,
      url,
      payload: payload as never,
      cookies: { [SESSION_COOKIE]: token },
      headers: csrf ? { [CSRF_HEADER]: csrfToken } : {},
    });
  return { token, csrfToken, request, me: () => request("GET", "/api/auth/me") };
}

async function withPassword(person: { id: string; tenantId: string }, password = PASSWORD) {
  await setPassword(t.db, { tenantId: person.tenantId, personId: person.id }, password);
}

async function newPerson(name: string, password: string | null = PASSWORD) {
  const person = await addPerson(t.db, org.tenant.id, name, [[org.units.school.id, "employee"]]);
  if (password) await withPassword(person, password);
  return person;
}

const countRows = async (table: typeof session | typeof rateLimitHit) =>
  (await t.db.select({ n: count() }).from(table))[0].n;

async function lastMailTo(email: string) {
  const rows = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  return rows.at(-1);
}
const tokenIn = (text: string) => /\/konto\/([\w-]+)/.exec(text)?.[1] ?? "";

describe("POST /api/auth/login", () => {
  it("logs in with a correct password and sets a safe session cookie", async () => {
    const person = await newPerson("Lena Login");
    const response = await login(person.email.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: person.id,
      name: "Lena Login",
      email: person.email,
      tenantId: org.tenant.id,
      tenantName: org.tenant.name,
      roles: [{ unitId: org.units.school.id, unitName: org.units.school.name, role: "employee" }],
    });
    expect(body.csrfToken).toMatch(/^[\w-]{30,}$/);
    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.maxAge).toBe(12 * 3600);

    const me = await sessionClient(response).me();
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    const [stored] = await queryRows<{ password_hash: string }>(
      t.db,
      sql`select password_hash from credential where person_id = ${person.id}`,
    );
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("replaces a session the browser already had when logging in again", async () => {
    const person = await newPerson("Fia Fixation");
    const first = sessionClient(await login(person.email, PASSWORD));
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: person.email, password: PASSWORD },
      cookies: { [SESSION_COOKIE]: first.token },
      headers: { [CSRF_HEADER]: first.csrfToken },
    });
    expect(again.statusCode).toBe(200);
    expect(sessionCookie(again)?.value).not.toBe(first.token);
    expect((await first.me()).statusCode).toBe(401);
    expect((await sessionClient(again).me()).statusCode).toBe(200);
  });

  it("over HTTPS names the cookie __Host- and marks it Secure, sends HSTS, and reads and clears either name", async () => {
    const secureApp = await createTestApp({ trustProxy: true });
    try {
      const fixture = await createOrgFixture(secureApp.db);
      await setPassword(
        secureApp.db,
        { tenantId: fixture.tenant.id, personId: fixture.people.employee.id },
        PASSWORD,
      );
      const overHttps = { "x-forwarded-proto": "https" };
      const response = await secureApp.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: fixture.people.employee.email, password: PASSWORD },
        headers: overHttps,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(sessionCookie(response)).toBeUndefined();
      const cookie = response.cookies.find((c) => c.name === `__Host-${SESSION_COOKIE}`);
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
      expect(cookie).not.toHaveProperty("domain");

      const token = cookie?.value ?? "";
      const csrf = { [CSRF_HEADER]: response.json().csrfToken };
      const me = await secureApp.app.inject({
        method: "GET",
        url: "/api/auth/me",
        cookies: { [`__Host-${SESSION_COOKIE}`]: token },
        headers: overHttps,
      });
      expect(me.statusCode).toBe(200);
      const logout = await secureApp.app.inject({
        method: "POST",
        url: "/api/auth/logout",
        cookies: { [`__Host-${SESSION_COOKIE}`]: token },
        headers: { ...overHttps, ...csrf },
      });
      expect(logout.statusCode).toBe(204);
      expect(logout.cookies.map((c) => [c.name, c.value]).sort()).toEqual([
        [`__Host-${SESSION_COOKIE}`, ""],
        [SESSION_COOKIE, ""],
      ]);

      // Plain HTTP: no HSTS, the plain name, no Secure.
      const plain = await secureApp.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: fixture.people.employee.email, password: PASSWORD },
      });
      expect(plain.headers["strict-transport-security"]).toBeUndefined();
      expect(sessionCookie(plain)?.secure).toBeFalsy();
    } finally {
      await secureApp.close();
    }
  });

  it("answers one and the same 401 for unknown email, wrong password, deactivated person and no password", async () => {
    const known = await newPerson("Kim Känd");
    const inactive = await newPerson("Ivar Inaktiv");
    await orgStore.updatePerson(t.db, inactive.id, { active: false, deactivatedAt: new Date() });
    const withoutCredential = await newPerson("Nils Nolösen", null);
    const answers = [
      await login(`nobody-${randomUUID()}@test.se`, PASSWORD),
      await login(known.email, "wrong password!"),
      await login(inactive.email, PASSWORD),
      await login(withoutCredential.email, PASSWORD),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(sessionCookie(answer)).toBeUndefined();
    }
    const bodies = answers.map((answer) => answer.json());
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toEqual({
      error: { code: "invalid_credentials", message: "Fel e-postadress eller lösenord." },
    });
    const english = await login(known.email, "wrong password!", { lang: "en" });
    expect(english.json().error.message).toBe("Wrong email address or password.");
  });

  it("finds the right tenant when an email exists in several", async () => {
    const shared = `delad-${randomUUID().slice(0, 8)}@test.se`;
    const here = await orgStore.insertPerson(t.db, {
      tenantId: org.tenant.id,
      name: "Delad Här",
      email: shared,
      employeeNumber: null,
    });
    const there = await orgStore.insertPerson(t.db, {
      tenantId: other.tenant.id,
      name: "Delad Där",
      email: shared,
      employeeNumber: null,
    });
    await withPassword({ id: here.id, tenantId: org.tenant.id }, "password-here-1");
    await withPassword({ id: there.id, tenantId: other.tenant.id }, "password-there-2");
    expect((await login(shared, "password-here-1")).json()).toMatchObject({
      id: here.id,
      tenantId: org.tenant.id,
    });
    expect((await login(shared, "password-there-2")).json()).toMatchObject({
      id: there.id,
      tenantId: other.tenant.id,
    });
  });

  it("refuses a login posted from another site", async () => {
    const person = await newPerson("Orvar Origin");
    const response = await login(person.email, PASSWORD, { origin: "https://evil.example" });
    expect(response.statusCode).toBe(403);
    expect(sessionCookie(response)).toBeUndefined();
  });

  it("answers bad input with 400 and field details", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "not-an-email" },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe("validation");
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      "body.email",
      "body.password",
    ]);
  });
});

describe("login throttling", () => {
  // The throttle reads the application's clock (Date): tests move it instead of sleeping.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
  const retryAfter = (response: LightMyRequestResponse) => Number(response.headers["retry-after"]);

  it("slows an account down after five failures, answers 429 with Retry-After, and lets the right password in once the wait has passed", async () => {
    const person = await newPerson("Rita Rate");
    const ip = freshIp();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login(person.email, `wrong-${attempt}-password`, { ip })).statusCode).toBe(401);
    }
    const [hitsBefore, sessionsBefore] = [await countRows(rateLimitHit), await countRows(session)];
    const refused = await login(person.email, PASSWORD, { ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("30");
    expect(refused.json().error).toEqual({
      code: "rate_limited",
      message:
        "För många misslyckade inloggningsförsök för kontot. Vänta 30 sekunder och försök igen, eller återställ lösenordet.",
    });
    expect(sessionCookie(refused)).toBeUndefined();
    const english = await login(person.email, PASSWORD, { ip, lang: "en" });
    expect(english.statusCode).toBe(429);
    expect(english.json().error.message).toContain("Too many failed login attempts for this account");
    // A refused attempt changes nothing: it neither counts nor signs in.
    expect(await countRows(rateLimitHit)).toBe(hitsBefore);
    expect(await countRows(session)).toBe(sessionsBefore);

    advance(29);
    expect(retryAfter(await login(person.email, PASSWORD, { ip }))).toBe(1);
    advance(1);
    expect((await login(person.email, PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("doubles the wait with every further failure, up to 15 minutes", async () => {
    const person = await newPerson("Dubbel Dröj");
    const ip = freshIp();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const answer = await login(person.email, "wrong password!", { ip });
      if (answer.statusCode === 429) {
        waits.push(retryAfter(answer));
        advance(retryAfter(answer));
        expect((await login(person.email, "wrong password!", { ip })).statusCode).toBe(401);
      } else expect(answer.statusCode).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    const refused = await login(person.email, PASSWORD, { ip });
    expect(refused.json().error.message).toContain("Vänta 15 minuter");
    advance(retryAfter(refused));
    expect((await login(person.email, PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("clears the address's failures on the account after a successful login", async () => {
    const person = await newPerson("Sune Success");
    const ip = freshIp();
    for (let attempt = 0; attempt < 4; attempt++) await login(person.email, "wrong password!", { ip });
    expect((await login(person.email, PASSWORD, { ip })).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) await login(person.email, "wrong password!", { ip });
    expect((await login(person.email, PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("attack: 40 failed guesses on one account from one address lock out neither the owner nor the address's other accounts", async () => {
    const victim = await newPerson("Vera Victim");
    const neighbour = await newPerson("Nora Neighbour");
    const attacker = "192.0.2.66";
    const answers: number[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      answers.push((await login(victim.email, `guess-${attempt}-password`, { ip: attacker })).statusCode);
    }
    expect(answers.filter((status) => status === 401)).toHaveLength(5);
    expect(answers.filter((status) => status === 429)).toHaveLength(35);

    // Another account behind the same address (one school's NAT) signs in at once.
    expect((await login(neighbour.email, PASSWORD, { ip: attacker })).statusCode).toBe(200);
    // The owner, from their own address, signs in at once.
    expect((await login(victim.email, PASSWORD, { ip: "198.51.100.7" })).statusCode).toBe(200);
    // The owner behind the attacker's address waits, then the right password works.
    const waiting = await login(victim.email, PASSWORD, { ip: attacker });
    expect(waiting.statusCode).toBe(429);
    advance(retryAfter(waiting));
    expect((await login(victim.email, PASSWORD, { ip: attacker })).statusCode).toBe(200);
  });

  it("attack: an address that waits out every delay and fails 40 times still slows only itself", async () => {
    const victim = await newPerson("Vilma Victim");
    const neighbour = await newPerson("Nils Neighbour");
    const attacker = "192.0.2.67";
    let failures = 0;
    while (failures < 40) {
      const answer = await login(victim.email, `guess-${failures}-password`, { ip: attacker });
      if (answer.statusCode === 429) {
        expect(retryAfter(answer)).toBeLessThanOrEqual(900);
        advance(retryAfter(answer));
      } else {
        expect(answer.statusCode).toBe(401);
        failures++;
      }
    }
    expect((await login(neighbour.email, PASSWORD, { ip: attacker })).statusCode).toBe(200);
    expect((await login(victim.email, PASSWORD, { ip: "198.51.100.8" })).statusCode).toBe(200);
    const waiting = await login(victim.email, PASSWORD, { ip: attacker });
    expect(retryAfter(waiting)).toBeLessThanOrEqual(900);
    advance(retryAfter(waiting));
    expect((await login(victim.email, PASSWORD, { ip: attacker })).statusCode).toBe(200);
  });

  it("attack: parallel guesses cannot all slip through one allowed moment", async () => {
    const person = await newPerson("Paula Parallel");
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) => login(person.email, `guess-${attempt}-password`, { ip })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it("attack: guessing across many accounts from one address slows that address, not the accounts elsewhere", async () => {
    const ip = "192.0.2.88";
    const sprayed = [
      await newPerson("Sara Spray"),
      await newPerson("Sven Spray"),
      await newPerson("Siv Spray"),
    ];
    for (let attempt = 0; attempt < 100; attempt++) {
      const email = attempt < 3 ? sprayed[attempt].email : `stranger-${attempt}@test.se`;
      expect((await login(email, "Sommar2025!", { ip })).statusCode).toBe(401);
    }
    const person = await newPerson("Ingrid Ip");
    const refused = await login(person.email, PASSWORD, { ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain("från din adress");
    expect(retryAfter(refused)).toBe(30);
    expect(sessionCookie(refused)).toBeUndefined();
    expect((await login(person.email, PASSWORD, { ip: "192.0.2.89" })).statusCode).toBe(200);
    expect((await login(sprayed[0].email, PASSWORD, { ip: "192.0.2.89" })).statusCode).toBe(200);
    advance(30);
    expect((await login(person.email, PASSWORD, { ip })).statusCode).toBe(200);
  });
});

describe("sessions", () => {
  it("logs out: 204, the cookie is cleared and the session is gone", async () => {
    const person = await newPerson("Lotta Logout");
    const client = sessionClient(await login(person.email, PASSWORD));
    const response = await client.request("POST", "/api/auth/logout");
    expect(response.statusCode).toBe(204);
    const cleared = sessionCookie(response);
    expect(cleared?.value).toBe("");
    expect((await client.me()).statusCode).toBe(401);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.logout"));
    expect(audit.some((row) => row.actorId === person.id)).toBe(true);
  });

  it("requires the CSRF token on mutations", async () => {
    const person = await newPerson("Carl Csrf");
    const client = sessionClient(await login(person.email, PASSWORD));
    const response = await client.request("POST", "/api/auth/logout", undefined, false);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf");
    expect((await client.me()).statusCode).toBe(200);
  });

  it("ends a session that has been idle too long", async () => {
    const person = await newPerson("Ida Idle");
    const client = sessionClient(await login(person.email, PASSWORD));
    expect((await client.me()).statusCode).toBe(200);
    await t.db.execute(
      sql`update session set last_seen_at = now() - interval '61 minutes' where person_id = ${person.id}`,
    );
    expect((await client.me()).statusCode).toBe(401);
    expect(await t.db.select().from(session).where(eq(session.personId, person.id))).toEqual([]);
  });

  it("ends a session past its absolute lifetime even when it is in use", async () => {
    const person = await newPerson("Absolut Andersson");
    const client = sessionClient(await login(person.email, PASSWORD));
    await t.db.execute(
      sql`update session set expires_at = now() - interval '1 second' where person_id = ${person.id}`,
    );
    expect((await client.me()).statusCode).toBe(401);
  });

  it("GET /api/auth/me needs a session", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(response.statusCode).toBe(401);
  });
});

describe("PATCH /api/auth/password", () => {
  it("changes the password and ends the person's other sessions", async () => {
    const person = await newPerson("Pelle Password");
    const first = sessionClient(await login(person.email, PASSWORD));
    const second = sessionClient(await login(person.email, PASSWORD));
    const wrong = await first.request("PATCH", "/api/auth/password", {
      currentPassword: "not it at all",
      newPassword: "a brand new secret",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("wrong_password");
    const short = await first.request("PATCH", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "short",
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe("body.newPassword");

    const changed = await first.request("PATCH", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new secret",
    });
    expect(changed.statusCode).toBe(204);
    expect((await first.me()).statusCode).toBe(200);
    expect((await second.me()).statusCode).toBe(401);
    expect((await login(person.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(person.email, "a brand new secret")).statusCode).toBe(200);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "account.password_changed"));
    expect(audit.some((row) => row.targetId === person.id)).toBe(true);
  });
});

describe("invitations and password resets", () => {
  it("invites by a one-time link that sets the password and logs in", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const person = await newPerson("Inga Inbjuden", null);
    const response = await admin.post(`/api/people/${person.id}/invite`);
    expect(response.statusCode).toBe(202);
    const mail = await lastMailTo(person.email);
    expect(mail?.subject).toContain("Välkommen till Tillit");
    expect(mail?.bodyText).not.toContain("/konto/");
    expect(mail?.bodyText).toContain("7 dagar");
    expect(links.lastLinkTo(person.email)).toContain(`${t.app.config.publicUrl}/konto/`);
    const token = tokenIn(links.lastLinkTo(person.email) ?? "");
    expect(token.length).toBeGreaterThan(30);
    // Only the hash is stored.
    const stored = await queryRows<{ id: string }>(
      t.db,
      sql`select id from auth_token where person_id = ${person.id}`,
    );
    expect(stored.map((row) => row.id)).toEqual([hashToken(token)]);

    const info = await t.app.inject({ method: "GET", url: `/api/auth/tokens/${token}` });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ purpose: "invite", name: "Inga Inbjuden", email: person.email });

    const short = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "kort" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe("body.password");

    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "mitt nya lösenord" },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: person.id, tenantId: org.tenant.id });
    expect((await sessionClient(accepted).me()).statusCode).toBe(200);

    const reused = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "ett annat lösenord" },
    });
    expect(reused.statusCode).toBe(410);
    expect((await t.app.inject({ method: "GET", url: `/api/auth/tokens/${token}` })).statusCode).toBe(410);
    expect((await login(person.email, "mitt nya lösenord")).statusCode).toBe(200);
    expect((await login(person.email, "ett annat lösenord")).statusCode).toBe(401);

    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.targetId, person.id))).map(
      (row) => row.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["account.invite_sent", "account.invite_accepted"]));
  });

  it("lets only the tenant's administrators invite, and hides other tenants' people", async () => {
    const person = await newPerson("Ulla Utan", null);
    const before = await tableDigest(t.db);
    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.post(`/api/people/${person.id}/invite`)).statusCode).toBe(403);
    const foreignAdmin = await clientFor(t.app, other.people.admin);
    expect((await foreignAdmin.post(`/api/people/${person.id}/invite`)).statusCode).toBe(404);
    expect(await lastMailTo(person.email)).toBeUndefined();
    expect(changedTables(before, await tableDigest(t.db))).toEqual([]);
  });

  it("answers 404 for an unknown link and 410 for an expired one", async () => {
    expect(
      (await t.app.inject({ method: "GET", url: "/api/auth/tokens/no-such-token-here" })).statusCode,
    ).toBe(404);
    const person = await newPerson("Evert Expired");
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/password-reset",
          payload: { email: person.email },
        })
      ).statusCode,
    ).toBe(202);
    const token = tokenIn(links.lastLinkTo(person.email) ?? "");
    await t.db.execute(
      sql`update auth_token set expires_at = now() - interval '1 second' where person_id = ${person.id}`,
    );
    const info = await t.app.inject({ method: "GET", url: `/api/auth/tokens/${token}` });
    expect(info.statusCode).toBe(410);
    expect(info.json().error.code).toBe("link_expired");
    const post = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "ett nytt lösenord" },
    });
    expect(post.statusCode).toBe(410);
    expect((await login(person.email, "ett nytt lösenord")).statusCode).toBe(401);
  });

  it("resets a password by link, valid for an hour, ending old sessions; unknown emails get the same 202", async () => {
    const person = await newPerson("Rut Reset");
    const old = sessionClient(await login(person.email, PASSWORD));
    const requested = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: person.email },
    });
    expect(requested.statusCode).toBe(202);
    const unknownEmail = `okand-${randomUUID().slice(0, 6)}@test.se`;
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: unknownEmail },
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(requested.body);
    expect(await lastMailTo(unknownEmail)).toBeUndefined();

    const mail = await lastMailTo(person.email);
    expect(mail?.subject).toBe("Återställ ditt lösenord i Tillit");
    expect(mail?.bodyText).toContain("1 timme");
    const token = tokenIn(links.lastLinkTo(person.email) ?? "");
    const [lifetime] = await queryRows<{ seconds: number }>(
      t.db,
      sql`select extract(epoch from (expires_at - created_at))::int as seconds from auth_token where person_id = ${person.id} and used_at is null`,
    );
    expect(Math.abs(lifetime.seconds - 3600)).toBeLessThan(5);

    const reset = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "återställt lösenord" },
    });
    expect(reset.statusCode).toBe(200);
    expect((await old.me()).statusCode).toBe(401);
    expect((await login(person.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(person.email, "återställt lösenord")).statusCode).toBe(200);
  });

  it("makes an earlier link stop working when a new one is sent", async () => {
    const person = await newPerson("Nya Länken");
    await t.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: person.email } });
    const first = tokenIn(links.lastLinkTo(person.email) ?? "");
    await t.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: person.email } });
    const second = tokenIn(links.lastLinkTo(person.email) ?? "");
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: "GET", url: `/api/auth/tokens/${first}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: "GET", url: `/api/auth/tokens/${second}` })).statusCode).toBe(200);
  });

  it("sends no reset link to a deactivated person", async () => {
    const person = await newPerson("Dag Deaktiverad");
    await orgStore.updatePerson(t.db, person.id, { active: false, deactivatedAt: new Date() });
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: person.email },
    });
    expect(response.statusCode).toBe(202);
    expect(await lastMailTo(person.email)).toBeUndefined();
  });
});

describe("single sign-on settings", () => {
  const settings = {
    issuer: "https://login.example.se/",
    clientId: "tillit",
    clientSecret: "top-secret",
    matchBy: "employee_number",
    employeeNumberClaim: "anstnr",
    enabled: true,
  };

  it("lets administrators read and change them, never showing the secret", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const empty = await admin.get("/api/admin/sso");
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ configured: false, hasSecret: false, enabled: false });

    const saved = await admin.put("/api/admin/sso", settings);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain("top-secret");
    expect(saved.json()).toEqual({
      configured: true,
      issuer: settings.issuer,
      clientId: "tillit",
      hasSecret: true,
      matchBy: "employee_number",
      employeeNumberClaim: "anstnr",
      enabled: true,
      redirectUri: `${t.app.config.publicUrl}/api/auth/oidc/callback`,
    });

    const { clientSecret: _secret, ...withoutSecret } = settings;
    const kept = await admin.put("/api/admin/sso", { ...withoutSecret, enabled: false });
    expect(kept.json()).toMatchObject({ hasSecret: true, enabled: false });
    const [stored] = await queryRows<{ client_secret: string }>(
      t.db,
      sql`select client_secret from oidc_config where tenant_id = ${org.tenant.id}`,
    );
    expect(stored.client_secret).toBe("top-secret");

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetType, "oidc_config"));
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["sso.create", "sso.update"]));
    expect(JSON.stringify(audit)).not.toContain("top-secret");
  });

  it("is closed to people who are not administrators, and to other tenants", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    await admin.put("/api/admin/sso", settings);
    const employee = await clientFor(t.app, org.people.employee);
    expect((await employee.get("/api/admin/sso")).statusCode).toBe(403);
    expect((await employee.put("/api/admin/sso", settings)).statusCode).toBe(403);
    const foreign = await clientFor(t.app, other.people.admin);
    const theirs = await foreign.get("/api/admin/sso");
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toMatchObject({ configured: false, issuer: "" });
  });

  it("lists enabled providers publicly and rejects plain-HTTP issuers outside loopback", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    await admin.put("/api/admin/sso", settings);
    const providers = (await t.app.inject({ method: "GET", url: "/api/auth/sso" })).json().providers;
    expect(providers).toContainEqual({ tenantSlug: org.tenant.slug, tenantName: org.tenant.name });
    expect(
      providers.some((provider: { tenantSlug: string }) => provider.tenantSlug === other.tenant.slug),
    ).toBe(false);

    const insecure = await admin.put("/api/admin/sso", { ...settings, issuer: "http://login.example.se/" });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json().error.details[0].path).toBe("body.issuer");
    const malformed = await admin.put("/api/admin/sso", { ...settings, matchBy: "shoe_size" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].path).toBe("body.matchBy");
  });

  it("answers 404 when single sign-on is not configured for a tenant", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/auth/oidc/${other.tenant.slug}/start` });
    expect(response.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/auth/oidc/no-such-tenant/start" })).statusCode,
    ).toBe(404);
  });
});
