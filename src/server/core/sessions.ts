import { createHash, randomBytes } from "node:crypto";
import { eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { session } from "./tables.ts";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };
export type SessionRow = typeof session.$inferSelect;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
export const newToken = (): string => randomBytes(32).toString("base64url");

/** Creates a session and returns the cookie token; only its hash is stored. */
export async function createSession(
  db: Db,
  who: { tenantId: string; personId: string },
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(session).values({
    id: hashToken(token),
    tenantId: who.tenantId,
    personId: who.personId,
    csrfToken,
    expiresAt: new Date(Date.now() + policy.absoluteHours * 3_600_000),
  });
  return { token, csrfToken };
}

/**
 * Finds the live session for a cookie token, or null when it is unknown, idle too long or past its
 * absolute lifetime. Last-seen is only written when a minute has passed, to keep reads cheap.
 */
export async function findLiveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
): Promise<SessionRow | null> {
  const id = hashToken(token);
  const [row] = await db.select().from(session).where(eq(session.id, id));
  if (!row) return null;
  const now = Date.now();
  const idleDeadline = row.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (row.expiresAt.getTime() <= now || idleDeadline <= now) {
    await db.delete(session).where(eq(session.id, id));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > 60_000) {
    await db
      .update(session)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(session.id, id));
  }
  return row;
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(session).where(eq(session.id, hashToken(token)));
}

/** Ends every session of a person, e.g. after deactivation or a password change. */
export async function destroySessionsOf(db: Db, personId: string): Promise<void> {
  await db.delete(session).where(eq(session.personId, personId));
}

export async function purgeExpiredSessions(db: Db, policy: SessionPolicy): Promise<void> {
  const idleCutoff = new Date(Date.now() - policy.idleMinutes * 60_000);
  await db.delete(session).where(or(lt(session.expiresAt, sql`now()`), lt(session.lastSeenAt, idleCutoff)));
}
