import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../core/http.ts";
import { auditLog, session } from "../core/tables.ts";
import * as orgStore from "../org/store.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { finishLogin, startLogin } from "./oidc.ts";

/** The few parts of oidc-provider (which ships no types) that the test uses. */
type ProviderInstance = { callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void };
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

type Account = Record<string, unknown>;
type IdentityProvider = { issuer: string; accounts: Map<string, Account>; close(): Promise<void> };

const CLIENT_ID = "tillit-test";
const CLIENT_SECRET = "tillit-test-secret-that-is-long-enough";

/** A real OpenID provider on a random loopback port, with its development login and consent pages. */
async function startIdentityProvider(redirectUri: string): Promise<IdentityProvider> {
  const moduleName = "oidc-provider";
  const { default: Provider } = (await import(moduleName)) as { default: ProviderClass };
  const accounts = new Map<string, Account>();
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  const server = http.createServer((req, res) => handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...accounts.get(id) }),
    }),
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "employee_number", "anstallningsnummer"],
    },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["a-test-cookie-signing-key"] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  });
  handle = provider.callback();
  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tiny cookie jar and redirect-follower standing in for the browser at the identity provider. */
class Browser {
  private cookies = new Map<string, string>();

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /expires=Thu, 01 Jan 1970/i.test(attribute));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: this.header,
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.remember(response);
    return response;
  }

  /**
   * Follows the provider's redirects, signs in as `login` on the development login page and
   * consents, until the provider sends the browser back to `returnTo`. Returns that URL.
   */
  async signInAt(startUrl: string, login: string, returnTo: string): Promise<URL> {
    let url = startUrl;
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(returnTo)) return new URL(url);
      const response = await this.request(url);
      url = await this.next(response, url, login);
    }
    throw new Error("The identity provider never sent the browser back");
  }

  private async next(response: Response, url: string, login: string): Promise<string> {
    if (response.status >= 300 && response.status < 400) {
      return new URL(response.headers.get("location") ?? "", url).href;
    }
    const html = await response.text();
    if (response.status !== 200)
      throw new Error(`Identity provider answered ${response.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`No form on the identity provider's page: ${html.slice(0, 500)}`);
    const fields: Record<string, string> = {};
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[match[1]] = match[2];
    if (fields.prompt === "login") Object.assign(fields, { login, password: "any password" });
    const posted = await this.request(new URL(action.replace(/&amp;/g, "&"), url).href, fields);
    return this.next(posted, url, login);
  }
}

let t: TestApp;
let idp: IdentityProvider;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;
let callbackBase: string;

beforeAll(async () => {
  t = await createTestApp();
  callbackBase = `${t.app.config.publicUrl}/api/auth/oidc/callback`;
  idp = await startIdentityProvider(callbackBase);
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

async function configure(
  fixture: typeof org,
  settings: { matchBy: "email" | "employee_number"; employeeNumberClaim?: string },
) {
  const admin = await clientFor(t.app, fixture.people.admin);
  const response = await admin.put("/api/admin/sso", {
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    matchBy: settings.matchBy,
    employeeNumberClaim: settings.employeeNumberClaim ?? "employee_number",
    enabled: true,
  });
  expect(response.statusCode).toBe(200);
}

const cookieOf = (response: LightMyRequestResponse, name: string) =>
  response.cookies.find((cookie) => cookie.name === name)?.value;

/** The whole browser journey: start at Tillit, sign in at the provider, come back to the callback. */
async function ssoLogin(tenantSlug: string, login: string) {
  const start = await t.app.inject({ method: "GET", url: `/api/auth/oidc/${tenantSlug}/start` });
  expect(start.statusCode).toBe(302);
  const location = String(start.headers.location);
  const authorization = new URL(location);
  expect(authorization.origin).toBe(idp.issuer);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("code_challenge")).toBeTruthy();
  expect(authorization.searchParams.get("state")).toBeTruthy();
  expect(authorization.searchParams.get("nonce")).toBeTruthy();
  expect(authorization.searchParams.get("redirect_uri")).toBe(callbackBase);
  const stateCookie = cookieOf(start, "tillit_oidc_state") ?? "";
  expect(stateCookie).toBe(authorization.searchParams.get("state"));

  const returned = await new Browser().signInAt(location, login, callbackBase);
  const callback = await t.app.inject({
    method: "GET",
    url: `${returned.pathname}${returned.search}`,
    cookies: { tillit_oidc_state: stateCookie },
  });
  return { callback, returned, stateCookie };
}

describe("OpenID Connect single sign-on against a real provider", () => {
  it("lists the tenant once configured and signs a person in matched by email", async () => {
    await configure(org, { matchBy: "email" });
    const providers = (await t.app.inject({ method: "GET", url: "/api/auth/sso" })).json().providers;
    expect(providers).toContainEqual({ tenantSlug: org.tenant.slug, tenantName: org.tenant.name });

    idp.accounts.set("user-maria", {
      email: org.people.manager.email.toUpperCase(),
      email_verified: true,
      name: "Maria",
    });
    const { callback } = await ssoLogin(org.tenant.slug, "user-maria");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/");
    const token = cookieOf(callback, SESSION_COOKIE);
    expect(token).toBeTruthy();
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      cookies: { [SESSION_COOKIE]: token ?? "" },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: org.people.manager.id, tenantId: org.tenant.id });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.actorId, org.people.manager.id));
    expect(audit.some((row) => row.action === "auth.login" && row.summary.includes("single sign-on"))).toBe(
      true,
    );
  });

  it("matches by employee number with a configurable claim, in the configured tenant only", async () => {
    await configure(other, { matchBy: "employee_number", employeeNumberClaim: "anstallningsnummer" });
    await orgStore.updatePerson(t.db, other.people.employee.id, { employeeNumber: "A-1001" });
    // Someone in the first tenant has the same employee number: they must not be chosen.
    await orgStore.updatePerson(t.db, org.people.employee.id, { employeeNumber: "A-1001" });
    idp.accounts.set("user-erik", { anstallningsnummer: "A-1001", email: "private@example.com" });
    const { callback } = await ssoLogin(other.tenant.slug, "user-erik");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/");
    const token = cookieOf(callback, SESSION_COOKIE) ?? "";
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(me.json()).toMatchObject({ id: other.people.employee.id, tenantId: other.tenant.id });
  });

  it("creates no session when nobody matches, or the match is deactivated", async () => {
    await configure(org, { matchBy: "email" });
    idp.accounts.set("user-stranger", { email: "stranger@elsewhere.se", email_verified: true });
    const sessionsBefore = (await t.db.select().from(session)).length;
    const { callback } = await ssoLogin(org.tenant.slug, "user-stranger");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/logga-in?fel=sso");
    expect(cookieOf(callback, SESSION_COOKIE)).toBeUndefined();

    await orgStore.updatePerson(t.db, org.people.otherEmployee.id, {
      active: false,
      deactivatedAt: new Date(),
    });
    idp.accounts.set("user-olle", { email: org.people.otherEmployee.email, email_verified: true });
    const deactivated = await ssoLogin(org.tenant.slug, "user-olle");
    expect(deactivated.callback.headers.location).toBe("/logga-in?fel=sso");
    expect(cookieOf(deactivated.callback, SESSION_COOKIE)).toBeUndefined();
    expect((await t.db.select().from(session)).length).toBe(sessionsBefore);
    const failures = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sso_failed"));
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it("never signs in a whistleblowing handler: an administrator could point single sign-on at an identity provider of their own", async () => {
    await configure(org, { matchBy: "email" });
    const handler = await addPerson(t.db, org.tenant.id, "Hanna Handläggare", [
      [org.units.administration.id, "whistle_handler"],
    ]);
    idp.accounts.set("user-hanna", { email: handler.email, email_verified: true });
    const sessionsBefore = (await t.db.select().from(session)).length;
    const { callback } = await ssoLogin(org.tenant.slug, "user-hanna");
    expect(callback.headers.location).toBe("/logga-in?fel=sso");
    expect(cookieOf(callback, SESSION_COOKIE)).toBeUndefined();
    expect((await t.db.select().from(session)).length).toBe(sessionsBefore);
    const refusals = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sso_failed"));
    expect(refusals.some((entry) => entry.summary.includes("skyddad roll"))).toBe(true);
  });

  it("refuses an unknown, replayed or foreign-browser state with 400", async () => {
    await configure(org, { matchBy: "email" });
    idp.accounts.set("user-replay", { email: org.people.director.email, email_verified: true });
    const { callback, returned, stateCookie } = await ssoLogin(org.tenant.slug, "user-replay");
    expect(callback.statusCode).toBe(302);
    const replay = await t.app.inject({
      method: "GET",
      url: `${returned.pathname}${returned.search}`,
      cookies: { tillit_oidc_state: stateCookie },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe("invalid_state");
    const unknown = await t.app.inject({
      method: "GET",
      url: "/api/auth/oidc/callback?state=made-up&code=x",
      cookies: { tillit_oidc_state: "made-up" },
    });
    expect(unknown.statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/oidc/callback" })).statusCode).toBe(400);

    // A state started in another browser (no matching cookie) is refused too.
    const start = await t.app.inject({ method: "GET", url: `/api/auth/oidc/${org.tenant.slug}/start` });
    const state = new URL(String(start.headers.location)).searchParams.get("state");
    const foreign = await t.app.inject({
      method: "GET",
      url: `/api/auth/oidc/callback?state=${state}&code=x`,
    });
    expect(foreign.statusCode).toBe(400);
  });

  it("does not sign in when SSO has been switched off meanwhile", async () => {
    await configure(org, { matchBy: "email" });
    idp.accounts.set("user-anna", { email: org.people.admin.email, email_verified: true });
    const start = await t.app.inject({ method: "GET", url: `/api/auth/oidc/${org.tenant.slug}/start` });
    const stateCookie = cookieOf(start, "tillit_oidc_state") ?? "";
    const returned = await new Browser().signInAt(String(start.headers.location), "user-anna", callbackBase);
    const admin = await clientFor(t.app, org.people.admin);
    await admin.put("/api/admin/sso", {
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      matchBy: "email",
      enabled: false,
    });
    const callback = await t.app.inject({
      method: "GET",
      url: `${returned.pathname}${returned.search}`,
      cookies: { tillit_oidc_state: stateCookie },
    });
    expect(callback.headers.location).toBe("/logga-in?fel=sso");
    expect(cookieOf(callback, SESSION_COOKIE)).toBeUndefined();
    expect(
      (await t.app.inject({ method: "GET", url: `/api/auth/oidc/${org.tenant.slug}/start` })).statusCode,
    ).toBe(404);
  });
});

describe("the openid-client wrapper", () => {
  it("rejects a callback whose nonce does not match", async () => {
    idp.accounts.set("user-nonce", { email: "nonce@test.se" });
    const settings = { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    const login = await startLogin(settings, callbackBase);
    const returned = await new Browser().signInAt(login.url.href, "user-nonce", callbackBase);
    await expect(finishLogin(settings, returned, { ...login, nonce: "another-nonce" })).rejects.toThrow();
  });

  it("returns the ID token's claims completed from userinfo", async () => {
    idp.accounts.set("user-claims", {
      email: "claims@test.se",
      email_verified: true,
      employee_number: "E-7",
    });
    const settings = { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    const login = await startLogin(settings, callbackBase);
    const returned = await new Browser().signInAt(login.url.href, "user-claims", callbackBase);
    const claims = await finishLogin(settings, returned, login);
    expect(claims).toMatchObject({
      sub: "user-claims",
      email: "claims@test.se",
      employee_number: "E-7",
      iss: idp.issuer,
    });
  });
});
