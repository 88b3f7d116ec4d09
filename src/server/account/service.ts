import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../core/access.ts";
import { auditAction, recordAudit } from "../core/audit.ts";
import type { Config } from "../core/config.ts";
import type { Db } from "../core/db.ts";
import { AppError, type Lang, notFound, type Text, tooManyRequests } from "../core/errors.ts";
import { queueMail } from "../core/mail.ts";
import { clearHits, countHits, recordHit } from "../core/rate-limit.ts";
import { destroySessionsOf, hashToken, newToken } from "../core/sessions.ts";
import { normaliseEmail } from "../org/model.ts";
import * as orgStore from "../org/store.ts";
import {
  accountLinkMail,
  accountLinkUrl,
  LOGIN_LIMITS,
  loginDecision,
  loginKeys,
  type MatchBy,
  matchKeyFromClaims,
  OIDC_STATE_TTL_MS,
  oidcStateFresh,
  PASSWORD_CHANGE_LIMIT,
  passwordProblems,
  RESET_MAIL_LIMIT,
  rateLimitText,
  type TokenPurpose,
  tokenExpiry,
  tokenStatus,
  underLimit,
} from "./model.ts";
import { finishLogin, forgetConfigurations, type OidcSettings, startLogin } from "./oidc.ts";
import * as store from "./store.ts";

export type Who = { tenantId: string; personId: string };

// ---- password hashing (argon2id; the library's default algorithm, with OWASP's minimum cost)

const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
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
export function checkNewPassword(password: string, email: string | null, field: string, lang: Lang): void {
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
 * Creates a one-time link (only its SHA-256 is stored) and queues the Swedish e-mail that carries
 * it, both in one transaction. Earlier unused links of the same kind stop working.
 */
export async function sendAccountLink(
  app: FastifyInstance,
  person: { id: string; tenantId: string; name: string; email: string | null },
  purpose: TokenPurpose,
): Promise<void> {
  const email = person.email;
  if (!email) throw new AppError(400, "no_email", noEmail);
  const tenant = await orgStore.getTenant(app.db, person.tenantId);
  const token = newToken();
  const now = new Date();
  const mail = accountLinkMail(purpose, {
    name: person.name,
    tenantName: tenant?.name ?? "Tillit",
    link: accountLinkUrl(app.config.publicUrl, token),
  });
  await app.db.transaction(async (tx) => {
    await store.retireOpenTokens(tx, person.id, purpose, now);
    await store.insertAuthToken(tx, {
      id: hashToken(token),
      tenantId: person.tenantId,
      personId: person.id,
      purpose,
      expiresAt: tokenExpiry(purpose, now),
    });
    await queueMail(tx, { tenantId: person.tenantId, to: email, ...mail }, app.mailer.mode);
  });
}

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
export async function inspectToken(db: Db, token: string) {
  const row = await store.getAuthToken(db, hashToken(token));
  if (!row) throw notFound(linkUnknown);
  const status = tokenStatus(row, new Date());
  if (status !== "valid") throw linkGone(status);
  const person = await orgStore.getPerson(db, row.tenantId, row.personId);
  if (!person?.active) throw linkGone("inactive");
  return { row, person };
}

/** Sets the password through a link, uses the link up and ends the person's existing sessions. */
export async function redeemToken(db: Db, token: string, password: string, lang: Lang): Promise<Who> {
  const { row, person } = await inspectToken(db, token);
  checkNewPassword(password, person.email, "body.password", lang);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const used = await store.consumeAuthToken(tx, row.id, new Date());
    if (!used) throw linkGone("used");
    await store.upsertCredential(tx, { tenantId: person.tenantId, personId: person.id, passwordHash });
    await destroySessionsOf(tx, person.id);
    await recordAudit(tx, {
      tenantId: person.tenantId,
      actorId: person.id,
      actorName: person.name,
      action: row.purpose === "invite" ? "account.invite_accepted" : "account.password_reset",
      targetType: "person",
      targetId: person.id,
      summary:
        row.purpose === "invite"
          ? `${person.name} tog emot inbjudan och valde lösenord`
          : `${person.name} återställde sitt lösenord via e-postlänk`,
    });
  });
  return { tenantId: person.tenantId, personId: person.id };
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
  for (const person of await orgStore.activePeopleByEmail(db, address)) {
    await sendAccountLink(app, person, "reset");
    await recordAudit(db, {
      tenantId: person.tenantId,
      actorId: null,
      actorName: null,
      action: "account.reset_requested",
      targetType: "person",
      targetId: person.id,
      summary: `Återställningslänk skickad till ${person.name}`,
    });
  }
}

/** An administrator sends (or re-sends) an invitation. */
export async function invite(
  app: FastifyInstance,
  actor: Actor,
  person: { id: string; tenantId: string; name: string; email: string | null; active: boolean },
): Promise<void> {
  if (!person.active) {
    throw new AppError(400, "inactive_person", {
      sv: "Personen är inaktiverad och kan inte bjudas in.",
      en: "The person is deactivated and cannot be invited.",
    });
  }
  await sendAccountLink(app, person, "invite");
  await auditAction(app.db, actor, {
    action: "account.invite_sent",
    targetType: "person",
    targetId: person.id,
    summary: `Skickade inbjudan till ${person.name}`,
  });
}

// ---- password login

export const invalidLogin: Text = {
  sv: "Fel e-postadress eller lösenord.",
  en: "Wrong email address or password.",
};

/**
 * Checks an email and password. Counts failures per account and per client address and refuses
 * (429) before checking anything once either limit is reached, so a refused attempt changes nothing.
 */
export async function loginWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<Who> {
  const email = normaliseEmail(input.email);
  const keys = loginKeys(email, input.ip);
  const decision = loginDecision({
    account: await countHits(db, keys.account, LOGIN_LIMITS.account.windowMs),
    ip: await countHits(db, keys.ip, LOGIN_LIMITS.ip.windowMs),
  });
  if (!decision.allowed) throw tooManyRequests(rateLimitText(decision.scope));

  const people = await orgStore.activePeopleByEmail(db, email);
  const credentials = await store.credentialsOf(
    db,
    people.map((person) => person.id),
  );
  if (!credentials.length) await dummyVerify(input.password);
  for (const credential of credentials) {
    if (await verifyPassword(credential.passwordHash, input.password)) {
      await clearHits(db, keys.account);
      return { tenantId: credential.tenantId, personId: credential.personId };
    }
  }

  await recordHit(db, keys.account);
  await recordHit(db, keys.ip);
  for (const person of people) {
    await recordAudit(db, {
      tenantId: person.tenantId,
      actorId: null,
      actorName: null,
      action: "auth.login_failed",
      targetType: "person",
      targetId: person.id,
      summary: `Misslyckad inloggning för ${person.name}`,
    });
  }
  throw new AppError(401, "invalid_credentials", invalidLogin);
}

/** Changes one's own password after checking the current one; the person's other sessions end. */
export async function changePassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  lang: Lang,
): Promise<void> {
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
  await db.transaction(async (tx) => {
    await store.upsertCredential(tx, { tenantId: actor.tenantId, personId: actor.personId, passwordHash });
    await store.endOtherSessions(tx, actor.personId, sessionId);
    await auditAction(tx, actor, {
      action: "account.password_changed",
      targetType: "person",
      targetId: actor.personId,
      summary: `${actor.name} bytte lösenord`,
    });
  });
  await clearHits(db, key);
}

// ---- who am I

export async function describeMe(db: Db, actor: Actor, csrfToken: string) {
  const tenant = await orgStore.getTenant(db, actor.tenantId);
  const grants = await orgStore.roleGrants(db, actor.personId);
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

export const oidcRedirectUri = (config: Config): string => `${config.publicUrl}/api/auth/oidc/callback`;

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
    const tenant = await orgStore.getTenant(db, row.tenantId);
    if (tenant) providers.push({ tenantSlug: tenant.slug, tenantName: tenant.name });
  }
  return providers.sort((a, b) => a.tenantName.localeCompare(b.tenantName, "sv"));
}

/** Starts an authorisation-code login and keeps the PKCE verifier and nonce for the callback. */
export async function startSso(
  app: FastifyInstance,
  tenantSlug: string,
): Promise<{ url: string; state: string }> {
  const tenant = await orgStore.getTenantBySlug(app.db, tenantSlug);
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

export type SsoOutcome = { outcome: "signed_in"; who: Who } | { outcome: "failed"; reason: string };

/**
 * Completes the login the identity provider sent back: the state must be one we started (once,
 * recently, in this browser), then code, PKCE, nonce and ID token are checked and the person is
 * found in that tenant by the configured claim.
 */
export async function finishSso(
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
    return failedSso(db, started.tenantId, `Identitetsleverantören svarade ${query.error}`, "provider_error");

  let claims: Record<string, unknown>;
  try {
    claims = await finishLogin(settingsOf(row), callbackUrl, started);
  } catch (error) {
    app.log.warn({ err: error }, "OIDC callback rejected");
    return failedSso(
      db,
      started.tenantId,
      "Svaret från identitetsleverantören kunde inte valideras",
      "invalid_response",
    );
  }
  const key = matchKeyFromClaims(claims, {
    matchBy: row.matchBy as MatchBy,
    employeeNumberClaim: row.employeeNumberClaim,
  });
  const person = key ? await orgStore.findPersonBy(db, started.tenantId, key) : null;
  if (!person?.active) {
    const described = key
      ? "email" in key
        ? `e-post ${key.email}`
        : `anställningsnummer ${key.employeeNumber}`
      : "saknat attribut";
    return failedSso(db, started.tenantId, `Ingen aktiv person matchade (${described})`, "no_match");
  }
  return { outcome: "signed_in", who: { tenantId: person.tenantId, personId: person.id } };
}

async function failedSso(db: Db, tenantId: string, summary: string, reason: string): Promise<SsoOutcome> {
  await recordAudit(db, {
    tenantId,
    actorId: null,
    actorName: null,
    action: "auth.sso_failed",
    targetType: "tenant",
    targetId: tenantId,
    summary: `Misslyckad inloggning med single sign-on: ${summary}`,
  });
  return { outcome: "failed", reason };
}

// ---- single sign-on settings

export function ssoView(row: store.OidcConfigRow | null, config: Config) {
  return {
    configured: Boolean(row),
    issuer: row?.issuer ?? "",
    clientId: row?.clientId ?? "",
    hasSecret: Boolean(row?.clientSecret),
    matchBy: (row?.matchBy ?? "email") as MatchBy,
    employeeNumberClaim: row?.employeeNumberClaim ?? "employee_number",
    enabled: row?.enabled ?? false,
    redirectUri: oidcRedirectUri(config),
  };
}

export type SsoSettingsInput = {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  matchBy: MatchBy;
  employeeNumberClaim: string;
  enabled: boolean;
};

/** Saves the tenant's single sign-on settings; the secret is kept unless a new one is given. */
export async function saveSsoSettings(db: Db, actor: Actor, input: SsoSettingsInput) {
  const saved = await db.transaction(async (tx) => {
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
    await auditAction(tx, actor, {
      action: existing ? "sso.update" : "sso.create",
      targetType: "oidc_config",
      targetId: actor.tenantId,
      summary: `${existing ? "Ändrade" : "Skapade"} inloggning med single sign-on (${input.issuer}, ${input.enabled ? "aktiverad" : "avstängd"})`,
      details: {
        issuer: input.issuer,
        clientId: input.clientId,
        matchBy: input.matchBy,
        employeeNumberClaim: input.employeeNumberClaim,
        enabled: input.enabled,
        secretChanged: input.clientSecret !== undefined,
      },
    });
    return row;
  });
  forgetConfigurations();
  return saved;
}
