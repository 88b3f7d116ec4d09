import { and, eq, gt, inArray, isNull, lt, ne } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import { session } from "../core/tables.ts";
import type { TokenPurpose } from "./model.ts";
import { authToken, credential, oidcConfig, oidcState } from "./tables.ts";

type CredentialRow = typeof credential.$inferSelect;
type AuthTokenRow = typeof authToken.$inferSelect;
export type OidcConfigRow = typeof oidcConfig.$inferSelect;
type OidcStateRow = typeof oidcState.$inferSelect;

// ---- credentials

export async function getCredential(db: Db, personId: string): Promise<CredentialRow | null> {
  const [row] = await db.select().from(credential).where(eq(credential.personId, personId));
  return row ?? null;
}

export async function credentialsOf(db: Db, personIds: string[]): Promise<CredentialRow[]> {
  if (!personIds.length) return [];
  return db.select().from(credential).where(inArray(credential.personId, personIds));
}

export async function upsertCredential(
  db: Db,
  values: { tenantId: string; personId: string; passwordHash: string },
): Promise<void> {
  await db
    .insert(credential)
    .values({ ...values, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: credential.personId,
      set: { passwordHash: values.passwordHash, updatedAt: new Date() },
    });
}

// ---- one-time tokens

export async function insertAuthToken(
  db: Db,
  values: { id: string; tenantId: string; personId: string; purpose: TokenPurpose; expiresAt: Date },
): Promise<void> {
  await db.insert(authToken).values(values);
}

export async function getAuthToken(db: Db, id: string): Promise<AuthTokenRow | null> {
  const [row] = await db.select().from(authToken).where(eq(authToken.id, id));
  return row ?? null;
}

/** Marks a token used if it still is valid; null when another request got there first or it expired. */
export async function consumeAuthToken(db: Db, id: string, now: Date): Promise<AuthTokenRow | null> {
  const [row] = await db
    .update(authToken)
    .set({ usedAt: now })
    .where(and(eq(authToken.id, id), isNull(authToken.usedAt), gt(authToken.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** A new link replaces the person's earlier unused links of the same purpose. */
export async function retireOpenTokens(
  db: Db,
  personId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .update(authToken)
    .set({ usedAt: now })
    .where(and(eq(authToken.personId, personId), eq(authToken.purpose, purpose), isNull(authToken.usedAt)));
}

// ---- sessions beyond what core offers

/** Ends the person's sessions except the one making the request. */
export async function endOtherSessions(db: Db, personId: string, keepSessionId: string): Promise<void> {
  await db.delete(session).where(and(eq(session.personId, personId), ne(session.id, keepSessionId)));
}

// ---- single sign-on configuration

export async function getOidcConfig(db: Db, tenantId: string): Promise<OidcConfigRow | null> {
  const [row] = await db.select().from(oidcConfig).where(eq(oidcConfig.tenantId, tenantId));
  return row ?? null;
}

export async function enabledOidcConfigs(db: Db): Promise<OidcConfigRow[]> {
  return db.select().from(oidcConfig).where(eq(oidcConfig.enabled, true));
}

export async function upsertOidcConfig(
  db: Db,
  values: Omit<OidcConfigRow, "updatedAt">,
): Promise<OidcConfigRow> {
  const { tenantId, ...rest } = values;
  const [row] = await db
    .insert(oidcConfig)
    .values({ ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: oidcConfig.tenantId, set: { ...rest, updatedAt: new Date() } })
    .returning();
  return row;
}

// ---- started single sign-on logins

export async function insertOidcState(
  db: Db,
  values: { state: string; tenantId: string; codeVerifier: string; nonce: string },
): Promise<void> {
  await db.insert(oidcState).values(values);
}

/** Takes a started login out of the table, so a state can be used once only. */
export async function takeOidcState(db: Db, state: string): Promise<OidcStateRow | null> {
  const [row] = await db.delete(oidcState).where(eq(oidcState.state, state)).returning();
  return row ?? null;
}

export async function purgeOidcStatesBefore(db: Db, cutoff: Date): Promise<void> {
  await db.delete(oidcState).where(lt(oidcState.createdAt, cutoff));
}
