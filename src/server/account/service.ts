// Accounts' use cases: password login, sessions, logout, changing one's password, invitation and
// reset links, single sign-on, and adding a person together with their account. Routes only set
// and clear cookies; everything else — the checks, the session, the audit entry — happens here.
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { type Actor, authorize, guardedRolesOf } from "../core/access.ts";
import { auditedTransaction, recordAudit } from "../core/audit.ts";
import type { Config } from "../core/config.ts";
import type { Db } from "../core/db.ts";
import { AppError, type Lang, notFound, type Text, tooManyRequests } from "../core/errors.ts";
import { sessionPolicy } from "../core/http.ts";
import { type LinkDelivery, type Mailer, queueLinkMail, queueMail, sendLinkMail } from "../core/mail.ts";
import {
  clearHits,
  countHits,
  deleteHits,
  RateLimited,
  recentHits,
  recordHit,
  recordHits,
  withKeyLock,
} from "../core/rate-limit.ts";
import { createSession, destroySession, destroySessionsOf, hashToken, newToken } from "../core/sessions.ts";
import { enforce } from "../core/verdict.ts";
import { normaliseEmail } from "../org/model.ts";
import * as org from "../org/service.ts";
import {
  accountLinkMail,
  accountLinkUrl,
  guardedLinkNotice,
  issuerVerdict,
  LOGIN_METHODS,
  LOGIN_THROTTLES,
  type LoginMethod,
  type LoginScope,
  loginKeys,
  loginThrottle,
  loginThrottleText,
  matchKeyFromClaims,
  OIDC_STATE_TTL_MS,
  oidcStateFresh,
  PASSWORD_CHANGE_LIMIT,
  passwordProblems,
  RESET_MAIL_LIMIT,
  type TokenPurpose,
  tokenExpiry,
  tokenStatus,
  underLimit,
} from "./model.ts";
import { finishLogin, forgetConfigurations, type OidcSettings, startLogin } from "./oidc.ts";
import * as policy from "./policy.ts";
import type { newPersonWithAccount, passwordChange, ssoCallbackQuery, ssoSettingsBody } from "./schemas.ts";
import * as store from "./store.ts";

export type Who = { tenantId: string; personId: string };

// ---- password hashing (argon2id; the library's default algorithm, with OWASP's minimum cost)

const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };

const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the time of one real verification, so unknown emails answer as slowly as wrong passwords. */
async function dummyVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64url"));
  await verifyPassword(await dummyHash, password);
}

/** Sets (or replaces) the person's local password. */
export async function setPassword(db: Db, who: Who, password: string): Promise<void> {
  await store.upsertCredential(db, { ...who, passwordHash: await hashPassword(password) });
}

/** Refuses a weak new password with a 400 whose details name the field. */
function checkNewPassword(password: string, email: string | null, field: string, lang: Lang): void {
  const problems = passwordProblems(password, { email });
  if (!problems.length) return;
  throw new AppError(
    400,
    "weak_password",
    problems[0],
    problems.map((problem) => ({ path: field, message: problem[lang] })),
  );
}

// ---- invitation and reset links

const noEmail: Text = {
  sv: "Personen saknar e-postadress och kan inte få någon länk.",
  en: "The person has no email address and cannot be sent a link.",
};

/**
 * What writing and delivering a one-time link needs: the application, or the command line's own
 * database, mailer and console (which is where a link goes without SMTP).
 */
export type LinkSender = {
  db: Db;
  config: Pick<Config, "publicUrl">;
  mailer: Mailer;
  log: Parameters<typeof sendLinkMail>[2];
};

/**
 * Creates a one-time link (only its SHA-256 is stored) and records the Swedish e-mail that carries
 * it, without the link, in the caller's transaction. Earlier unused links of the same kind stop
 * working. The caller hands the answer to `deliverAccountLink` once the transaction has committed.
 */
async function writeAccountLink(
  tx: Db,
  app: LinkSender,
  person: { id: string; tenantId: string; name: string; email: string | null },
  purpose: TokenPurpose,
): Promise<LinkDelivery> {
  const email = person.email;
  if (!email) throw new AppError(400, "no_email", noEmail);
  const tenant = await org.getTenant(tx, person.tenantId);
  const token = newToken();
  const now = new Date();
  const mailWith = (link: string) =>
    accountLinkMail(purpose, { name: person.name, tenantName: tenant?.name ?? "Tillit", link });
  await store.retireOpenTokens(tx, person.id, purpose, now);
  await store.insertAuthToken(tx, {
    id: hashToken(token),
    tenantId: person.tenantId,
    personId: person.id,
    purpose,
    expiresAt: tokenExpiry(purpose, now),
  });
  return queueLinkMail(tx, {
    tenantId: person.tenantId,
    to: email,
    subject: mailWith("").subject,
    link: accountLinkUrl(app.config.publicUrl, token),
    text: (link) => mailWith(link).text,
  });
}

/** Only the addressee reads the link: it is sent over SMTP, or without SMTP written to the console log. */
const deliverAccountLink = (app: LinkSender, delivery: LinkDelivery): void =>
  sendLinkMail(app.db, app.mailer, app.log, delivery);

const linkUnknown: Text = {
  sv: "Länken är okänd. Kontrollera att du kopierat hela länken.",
  en: "The link is unknown. Check that you copied the whole link.",
};
const linkGone = (status: "expired" | "used" | "inactive"): AppError =>
  new AppError(
    410,
    `link_${status}`,
    status === "expired"
      ? {
          sv: "Länken har slutat gälla. Be om en ny länk.",
          en: "The link has expired. Ask for a new link.",
        }
      : {
          sv: "Länken har redan använts eller gäller inte längre. Be om en ny länk.",
          en: "The link has already been used or is no longer valid. Ask for a new link.",
        },
  );

/** The link's purpose and its person, or 404 (unknown) / 410 (expired, used, person deactivated). */
async function inspectToken(db: Db, token: string) {
  const row = await store.getAuthToken(db, hashToken(token));
  if (!row) throw notFound(linkUnknown);
  const status = tokenStatus(row, new Date());
  if (status !== "valid") throw linkGone(status);
  const person = await org.getPerson(db, row.tenantId, row.personId);
  if (!person?.active) throw linkGone("inactive");
  return { row, person };
}

/** What a link is for and whose it is, so the page can greet the person before they choose a password. */
export async function describeLink(db: Db, token: string) {
  const { row, person } = await inspectToken(db, token);
  return { purpose: row.purpose, name: person.name, email: person.email };
}

/**
 * Sets the password through a link, uses the link up, ends the person's existing sessions and
 * signs them in.
 */
export async function redeemLink(
  app: FastifyInstance,
  input: { token: string; password: string; lang: Lang; previousSession?: string },
): Promise<SignedIn> {
  const { row, person } = await inspectToken(app.db, input.token);
  checkNewPassword(input.password, person.email, "body.password", input.lang);
  const passwordHash = await hashPassword(input.password);
  await app.db.transaction(async (tx) => {
    const used = await store.consumeAuthToken(tx, row.id, new Date());
    if (!used) throw linkGone("used");
    await store.upsertCredential(tx, { tenantId: person.tenantId, personId: person.id, passwordHash });
    await destroySessionsOf(tx, person.id);
    // Nobody is signed in yet: the person acts through the link, so the entry names them directly.
    await recordAudit(tx, {
      tenantId: person.tenantId,
      actorId: person.id,
      actorName: person.name,
      action: row.purpose === "invite" ? "account.invite_accepted" : "account.password_reset",
      targetType: "person",
      targetId: person.id,
      summary:
        row.purpose === "invite"
          ? {
              sv: `${person.name} tog emot inbjudan och valde lösenord`,
              en: `${person.name} accepted the invitation and chose a password`,
            }
          : {
              sv: `${person.name} återställde sitt lösenord via e-postlänk`,
              en: `${person.name} reset their password through an e-mail link`,
            },
    });
  });
  return signIn(app, { tenantId: person.tenantId, personId: person.id }, "link", input.previousSession);
}

/**
 * Queues a reset link for every active person with this email. The caller answers the same whether
 * or not anyone exists; beyond a few requests an hour nothing more is sent.
 */
export async function requestPasswordReset(app: FastifyInstance, email: string): Promise<void> {
  const db = app.db;
  const address = normaliseEmail(email);
  const key = `reset:${address}`;
  if (!underLimit(await countHits(db, key, RESET_MAIL_LIMIT.windowMs), RESET_MAIL_LIMIT)) return;
  await recordHit(db, key);
  for (const person of await org.activePeopleByEmail(db, address)) {
    const delivery = await db.transaction(async (tx) => {
      const written = await writeAccountLink(tx, app, person, "reset");
      await recordAudit(tx, {
        tenantId: person.tenantId,
        actorId: null,
        actorName: null,
        action: "account.reset_requested",
        targetType: "person",
        targetId: person.id,
        summary: {
          sv: `Återställningslänk skickad till ${person.name}`,
          en: `Reset link sent to ${person.name}`,
        },
      });
      return written;
    });
    deliverAccountLink(app, delivery);
  }
}

const personNotFound: Text = { sv: "Personen finns inte.", en: "The person does not exist." };

/** A guarded person (model.ts) is told, in a mail of its own, who sent them a new password link. */
async function noticeGuardedPerson(
  tx: Db,
  app: FastifyInstance,
  actor: Actor,
  person: { tenantId: string; name: string; email: string },
): Promise<void> {
  const tenant = await org.getTenant(tx, person.tenantId);
  const notice = guardedLinkNotice({
    name: person.name,
    tenantName: tenant?.name ?? "Tillit",
    requestedBy: actor.name,
  });
  await queueMail(tx, { tenantId: person.tenantId, to: person.email, ...notice }, app.mailer.mode);
}

/** An administrator sends (or re-sends) an invitation: the link, its mail and the audit entry together. */
export async function invitePerson(app: FastifyInstance, actor: Actor, personId: string): Promise<void> {
  const person = await org.getPerson(app.db, actor.tenantId, personId);
  if (!person) throw notFound(personNotFound);
  const roles = await org.roleGrants(app.db, person.id);
  authorize(policy.invitePerson(actor, { ...person, roles }));
  if (!person.active) {
    throw new AppError(400, "inactive_person", {
      sv: "Personen är inaktiverad och kan inte bjudas in.",
      en: "The person is deactivated and cannot be invited.",
    });
  }
  const delivery = await auditedTransaction(
    app.db,
    actor,
    async (tx) => {
      const written = await writeAccountLink(tx, app, person, "invite");
      if (guardedRolesOf(roles).length)
        await noticeGuardedPerson(tx, app, actor, { ...person, email: written.to });
      return written;
    },
    {
      action: "account.invite_sent",
      targetType: "person",
      targetId: person.id,
      summary: { sv: `Skickade inbjudan till ${person.name}`, en: `Sent an invitation to ${person.name}` },
    },
  );
  deliverAccountLink(app, delivery);
}

type NewPersonWithAccount = z.infer<typeof newPersonWithAccount>;

/**
 * An administrator adds a person to the chain with a password chosen for them (set in the same
 * transaction) or an invitation to choose one (sent once the person exists).
 */
export async function createPersonWithAccount(
  app: FastifyInstance,
  actor: Actor,
  input: NewPersonWithAccount,
): Promise<org.PersonDetail> {
  authorize(policy.createAccount(actor));
  const { password, invite, ...person } = input;
  const passwordHash = password ? await hashPassword(password) : null;
  const created = await org.createPerson(app.db, actor, person, {
    alsoInTransaction: passwordHash
      ? (tx, row) => store.upsertCredential(tx, { tenantId: row.tenantId, personId: row.id, passwordHash })
      : undefined,
  });
  if (invite) {
    const invited = { id: created.id, tenantId: actor.tenantId, name: created.name, email: created.email };
    deliverAccountLink(app, await app.db.transaction((tx) => writeAccountLink(tx, app, invited, "invite")));
  }
  return created;
}

/**
 * The operator creates a tenant with its first administrator (org) and, in the same transaction,
 * the administrator's invitation; the link reaches only them once everything has committed — over
 * SMTP, or without SMTP on the console of whoever runs the server or the command.
 */
export async function createTenantWithAdmin(
  sender: LinkSender,
  operator: org.Operator,
  input: org.NewTenant,
): Promise<org.CreatedTenant & { invitation: "mail" | "log" }> {
  const { also: delivery, ...created } = await org.createTenant(sender.db, operator, input, {
    alsoInTransaction: (tx, { admin }) => writeAccountLink(tx, sender, admin, "invite"),
  });
  if (delivery) deliverAccountLink(sender, delivery);
  return { ...created, invitation: sender.mailer.mode === "smtp" ? "mail" : "log" };
}

// ---- sessions

/** What a route needs after a sign-in: the answer, and the cookie to set. */
export type SignedIn = { me: Me; token: string; maxAgeSeconds: number };

/**
 * Starts a session for the person and answers with who they are. A session the browser already
 * had is replaced, never upgraded (no session fixation).
 */
async function signIn(
  app: FastifyInstance,
  who: Who,
  how: LoginMethod,
  previousSession: string | undefined,
): Promise<SignedIn> {
  const actor = await org.actorOf(app.db, who);
  if (!actor) throw new AppError(401, "invalid_credentials", invalidLogin);
  const sessions = sessionPolicy(app.config);
  const { token, csrfToken } = await auditedTransaction(
    app.db,
    actor,
    async (tx) => {
      if (previousSession) await destroySession(tx, previousSession);
      return createSession(tx, who, sessions);
    },
    {
      action: "auth.login",
      targetType: "person",
      targetId: actor.personId,
      summary: {
        sv: `${actor.name} loggade in (${LOGIN_METHODS[how].sv})`,
        en: `${actor.name} signed in (${LOGIN_METHODS[how].en})`,
      },
    },
  );
  return {
    me: await describeMe(app.db, actor, csrfToken),
    token,
    maxAgeSeconds: sessions.absoluteHours * 3600,
  };
}

/** Ends the session the request came with. */
export async function logOut(db: Db, actor: Actor, token: string | undefined): Promise<void> {
  authorize(policy.manageOwnAccount(actor));
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      if (token) await destroySession(tx, token);
    },
    {
      action: "auth.logout",
      targetType: "person",
      targetId: actor.personId,
      summary: { sv: `${actor.name} loggade ut`, en: `${actor.name} signed out` },
    },
  );
}

// ---- password login

const invalidLogin: Text = {
  sv: "Fel e-postadress eller lösenord.",
  en: "Wrong email address or password.",
};

/**
 * Checks an email and password. Failures slow the next attempts down (model.ts, "rate limits"):
 * while a wait runs the answer is 429 with Retry-After before anything is checked, so a refused
 * attempt changes nothing.
 */
export async function logIn(
  app: FastifyInstance,
  input: { email: string; password: string; ip: string; previousSession?: string },
): Promise<SignedIn> {
  const who = await checkPassword(app.db, input);
  return signIn(app, who, "password", input.previousSession);
}

/** Each counter's failures within its window. */
async function loginFailures(db: Db, keys: Record<LoginScope, string>, now: Date) {
  const failuresOf = (scope: LoginScope) => recentHits(db, keys[scope], LOGIN_THROTTLES[scope].windowMs, now);
  return {
    pair: await failuresOf("pair"),
    account: await failuresOf("account"),
    address: await failuresOf("address"),
  };
}

/**
 * Counts the attempt as a failure before the password is checked, in one step with the check of the
 * waits (under the account's lock), so parallel requests cannot all slip through one allowed moment.
 * A right password takes the attempt back and clears its address's failures on the account.
 */
async function checkPassword(db: Db, input: { email: string; password: string; ip: string }): Promise<Who> {
  const email = normaliseEmail(input.email);
  const keys = loginKeys(email, input.ip);
  const now = new Date();
  const attempt = await withKeyLock(db, keys.account, async (tx) => {
    const throttle = loginThrottle(await loginFailures(tx, keys, now), now);
    if (!throttle.allowed) throw new RateLimited(loginThrottleText(throttle), throttle.retryAfterSeconds);
    return recordHits(tx, Object.values(keys), now);
  });

  const people = await org.activePeopleByEmail(db, email);
  const credentials = await store.credentialsOf(
    db,
    people.map((person) => person.id),
  );
  if (!credentials.length) await dummyVerify(input.password);
  for (const credential of credentials) {
    if (await verifyPassword(credential.passwordHash, input.password)) {
      await deleteHits(db, attempt);
      await clearHits(db, keys.pair);
      return { tenantId: credential.tenantId, personId: credential.personId };
    }
  }

  for (const person of people) {
    await recordAudit(db, {
      tenantId: person.tenantId,
      actorId: null,
      actorName: null,
      action: "auth.login_failed",
      targetType: "person",
      targetId: person.id,
      summary: {
        sv: `Misslyckad inloggning för ${person.name}`,
        en: `Failed sign-in for ${person.name}`,
      },
    });
  }
  throw new AppError(401, "invalid_credentials", invalidLogin);
}

/** Changes one's own password after checking the current one; the person's other sessions end. */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: z.infer<typeof passwordChange> & { sessionId: string; lang: Lang },
): Promise<void> {
  authorize(policy.manageOwnAccount(actor));
  const { sessionId, lang } = input;
  const key = `password:${actor.personId}`;
  if (!underLimit(await countHits(db, key, PASSWORD_CHANGE_LIMIT.windowMs), PASSWORD_CHANGE_LIMIT)) {
    throw tooManyRequests({
      sv: "För många försök med fel nuvarande lösenord. Vänta 15 minuter och försök igen.",
      en: "Too many attempts with a wrong current password. Wait 15 minutes and try again.",
    });
  }
  const credential = await store.getCredential(db, actor.personId);
  if (!credential || !(await verifyPassword(credential.passwordHash, input.currentPassword))) {
    await recordHit(db, key);
    const text = { sv: "Det nuvarande lösenordet stämmer inte.", en: "The current password is wrong." };
    throw new AppError(400, "wrong_password", text, [{ path: "body.currentPassword", message: text[lang] }]);
  }
  checkNewPassword(input.newPassword, actor.email, "body.newPassword", lang);
  const passwordHash = await hashPassword(input.newPassword);
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      await store.upsertCredential(tx, { tenantId: actor.tenantId, personId: actor.personId, passwordHash });
      await store.endOtherSessions(tx, actor.personId, sessionId);
    },
    {
      action: "account.password_changed",
      targetType: "person",
      targetId: actor.personId,
      summary: { sv: `${actor.name} bytte lösenord`, en: `${actor.name} changed their password` },
    },
  );
  await clearHits(db, key);
}

// ---- who am I

/** The signed-in person, the tenant, their roles, and the CSRF token their mutations must carry. */
export function me(db: Db, actor: Actor, csrfToken: string): Promise<Me> {
  authorize(policy.manageOwnAccount(actor));
  return describeMe(db, actor, csrfToken);
}

type Me = Awaited<ReturnType<typeof describeMe>>;

async function describeMe(db: Db, actor: Actor, csrfToken: string) {
  const tenant = await org.getTenant(db, actor.tenantId);
  const grants = await org.roleGrants(db, actor.personId);
  return {
    id: actor.personId,
    name: actor.name,
    email: actor.email,
    tenantId: actor.tenantId,
    tenantName: tenant?.name ?? "",
    roles: grants.map(({ unitId, unitName, role }) => ({ unitId, unitName, role })),
    csrfToken,
  };
}

// ---- single sign-on

const oidcRedirectUri = (config: Config): string => `${config.publicUrl}/api/auth/oidc/callback`;

const settingsOf = (row: store.OidcConfigRow): OidcSettings => ({
  issuer: row.issuer,
  clientId: row.clientId,
  clientSecret: row.clientSecret,
});

const ssoNotConfigured: Text = {
  sv: "Inloggning med single sign-on är inte aktiverad för organisationen.",
  en: "Single sign-on is not enabled for this organisation.",
};

/** Tenants whose people can sign in through their identity provider. */
export async function ssoProviders(db: Db): Promise<{ tenantSlug: string; tenantName: string }[]> {
  const providers: { tenantSlug: string; tenantName: string }[] = [];
  for (const row of await store.enabledOidcConfigs(db)) {
    const tenant = await org.getTenant(db, row.tenantId);
    if (tenant) providers.push({ tenantSlug: tenant.slug, tenantName: tenant.name });
  }
  return providers.sort((a, b) => a.tenantName.localeCompare(b.tenantName, "sv"));
}

/** Starts an authorisation-code login and keeps the PKCE verifier and nonce for the callback. */
export async function startSso(
  app: FastifyInstance,
  tenantSlug: string,
): Promise<{ url: string; state: string }> {
  const tenant = await org.getTenantBySlug(app.db, tenantSlug);
  const row = tenant ? await store.getOidcConfig(app.db, tenant.id) : null;
  if (!tenant || !row?.enabled) throw notFound(ssoNotConfigured);
  let login: Awaited<ReturnType<typeof startLogin>>;
  try {
    login = await startLogin(settingsOf(row), oidcRedirectUri(app.config));
  } catch (error) {
    app.log.warn({ err: error, tenant: tenant.slug }, "OIDC discovery failed");
    throw new AppError(502, "sso_unavailable", {
      sv: "Organisationens inloggningstjänst svarar inte. Försök igen senare.",
      en: "The organisation's sign-in service does not answer. Try again later.",
    });
  }
  await store.purgeOidcStatesBefore(app.db, new Date(Date.now() - OIDC_STATE_TTL_MS));
  await store.insertOidcState(app.db, {
    state: login.state,
    tenantId: tenant.id,
    codeVerifier: login.codeVerifier,
    nonce: login.nonce,
  });
  return { url: login.url.href, state: login.state };
}

const invalidState: Text = {
  sv: "Inloggningen kunde inte slutföras: okänd eller för gammal förfrågan. Börja om från inloggningssidan.",
  en: "The sign-in could not be completed: unknown or outdated request. Start again from the login page.",
};

type SsoOutcome = { outcome: "signed_in"; who: Who } | { outcome: "failed"; reason: string };

/**
 * Completes the login the identity provider sent back and signs the person in; null when the
 * provider's answer leads to nobody (the browser is then sent to the login page).
 */
export async function completeSso(
  app: FastifyInstance,
  input: {
    callbackUrl: URL;
    query: z.infer<typeof ssoCallbackQuery>;
    browserState: string | undefined;
    previousSession: string | undefined;
  },
): Promise<SignedIn | null> {
  const result = await finishSso(app, input.callbackUrl, input.query, input.browserState);
  if (result.outcome !== "signed_in") return null;
  return signIn(app, result.who, "sso", input.previousSession);
}

/**
 * The state must be one we started (once, recently, in this browser), then code, PKCE, nonce and
 * ID token are checked and the person is found in that tenant by the configured claim.
 */
async function finishSso(
  app: FastifyInstance,
  callbackUrl: URL,
  query: { state?: string; error?: string },
  browserState: string | undefined,
): Promise<SsoOutcome> {
  const db = app.db;
  if (!query.state || query.state !== browserState) throw new AppError(400, "invalid_state", invalidState);
  const started = await store.takeOidcState(db, query.state);
  if (!started || !oidcStateFresh(started.createdAt, new Date()))
    throw new AppError(400, "invalid_state", invalidState);
  const row = await store.getOidcConfig(db, started.tenantId);
  if (!row?.enabled) return { outcome: "failed", reason: "not_configured" };
  if (query.error)
    return failedSso(
      db,
      started.tenantId,
      {
        sv: `Identitetsleverantören svarade ${query.error}`,
        en: `The identity provider answered ${query.error}`,
      },
      "provider_error",
    );

  let claims: Record<string, unknown>;
  try {
    claims = await finishLogin(settingsOf(row), callbackUrl, started);
  } catch (error) {
    app.log.warn({ err: error }, "OIDC callback rejected");
    return failedSso(
      db,
      started.tenantId,
      {
        sv: "Svaret från identitetsleverantören kunde inte valideras",
        en: "The identity provider's answer could not be validated",
      },
      "invalid_response",
    );
  }
  const key = matchKeyFromClaims(claims, {
    matchBy: row.matchBy,
    employeeNumberClaim: row.employeeNumberClaim,
  });
  const person = key ? await org.findPersonBy(db, started.tenantId, key) : null;
  if (!person?.active) {
    const described: Text = !key
      ? { sv: "saknat attribut", en: "missing claim" }
      : "email" in key
        ? { sv: `e-post ${key.email}`, en: `e-mail ${key.email}` }
        : { sv: `anställningsnummer ${key.employeeNumber}`, en: `employee number ${key.employeeNumber}` };
    return failedSso(
      db,
      started.tenantId,
      {
        sv: `Ingen aktiv person matchade (${described.sv})`,
        en: `No active person matched (${described.en})`,
      },
      "no_match",
    );
  }
  // The organisation's administrators configure its single sign-on; if it let a whistleblowing
  // handler in, an administrator who points it at an identity provider of their own would be one.
  if (guardedRolesOf(await org.roleGrants(db, person.id)).length)
    return failedSso(
      db,
      started.tenantId,
      {
        sv: `${person.name} har en skyddad roll och loggar in med eget lösenord, inte via inloggningstjänsten`,
        en: `${person.name} holds a guarded role and signs in with their own password, not through single sign-on`,
      },
      "guarded_role",
    );
  return { outcome: "signed_in", who: { tenantId: person.tenantId, personId: person.id } };
}

async function failedSso(db: Db, tenantId: string, why: Text, reason: string): Promise<SsoOutcome> {
  await recordAudit(db, {
    tenantId,
    actorId: null,
    actorName: null,
    action: "auth.sso_failed",
    targetType: "tenant",
    targetId: tenantId,
    summary: {
      sv: `Misslyckad inloggning med single sign-on: ${why.sv}`,
      en: `Failed single sign-on: ${why.en}`,
    },
  });
  return { outcome: "failed", reason };
}

// ---- single sign-on settings

function ssoView(row: store.OidcConfigRow | null, config: Config) {
  return {
    configured: Boolean(row),
    issuer: row?.issuer ?? "",
    clientId: row?.clientId ?? "",
    hasSecret: Boolean(row?.clientSecret),
    matchBy: row?.matchBy ?? "email",
    employeeNumberClaim: row?.employeeNumberClaim ?? "employee_number",
    enabled: row?.enabled ?? false,
    redirectUri: oidcRedirectUri(config),
  };
}

/** The tenant's single sign-on settings, without the secret. */
export async function ssoSettings(app: FastifyInstance, actor: Actor) {
  authorize(policy.manageSso(actor));
  return ssoView(await store.getOidcConfig(app.db, actor.tenantId), app.config);
}

type SsoSettingsInput = z.infer<typeof ssoSettingsBody>;

/** Saves the tenant's single sign-on settings; the secret is kept unless a new one is given. */
export async function saveSsoSettings(app: FastifyInstance, actor: Actor, input: SsoSettingsInput) {
  authorize(policy.manageSso(actor));
  enforce(issuerVerdict(input.issuer), "body.issuer");
  const state = input.enabled ? { sv: "aktiverad", en: "enabled" } : { sv: "avstängd", en: "disabled" };
  const { row } = await auditedTransaction(
    app.db,
    actor,
    async (tx) => {
      const existing = await store.getOidcConfig(tx, actor.tenantId);
      const row = await store.upsertOidcConfig(tx, {
        tenantId: actor.tenantId,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecret: input.clientSecret ?? existing?.clientSecret ?? "",
        matchBy: input.matchBy,
        employeeNumberClaim: input.employeeNumberClaim,
        enabled: input.enabled,
      });
      return { row, created: !existing };
    },
    ({ created }) => ({
      action: created ? "sso.create" : "sso.update",
      targetType: "oidc_config",
      targetId: actor.tenantId,
      summary: created
        ? {
            sv: `Skapade inloggning med single sign-on (${input.issuer}, ${state.sv})`,
            en: `Set up single sign-on (${input.issuer}, ${state.en})`,
          }
        : {
            sv: `Ändrade inloggningen med single sign-on (${input.issuer}, ${state.sv})`,
            en: `Changed single sign-on (${input.issuer}, ${state.en})`,
          },
      details: {
        issuer: input.issuer,
        clientId: input.clientId,
        matchBy: input.matchBy,
        employeeNumberClaim: input.employeeNumberClaim,
        enabled: input.enabled,
        secretChanged: input.clientSecret !== undefined,
      },
    }),
  );
  forgetConfigurations();
  return ssoView(row, app.config);
}
