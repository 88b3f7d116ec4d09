import { createHash, randomBytes } from "node:crypto";
import { eq, lt, or, type SQL, sql } from "drizzle-orm";
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
 * The session part of a signed-in request's one statement. The caller (the actor loader the app is
 * given) writes `with ${ctes} select ${columns}, … from live_session join …` and reads the session
 * back with `read`, so session, person and roles cost one round trip together. `live_session` holds
 * the session the token names unless it is past its absolute lifetime or idle too long; in the same
 * statement a dead session is deleted, and a live one's last-seen is moved forward only when a
 * minute has passed, so most requests write nothing.
 */
export type LiveSessionQuery = {
  ctes: SQL;
  columns: SQL;
  read(row: Record<string, unknown>): SessionRow;
};

export function liveSessionQuery(token: string, policy: SessionPolicy): LiveSessionQuery {
  const id = hashToken(token);
  const ctes = sql`named_session as (select * from ${session} where ${session.id} = ${id}),
    live_session as (
      select * from named_session
      where expires_at > now() and last_seen_at > now() - make_interval(mins => ${policy.idleMinutes}::int)
    ),
    ended_session as (
      delete from ${session}
      where ${session.id} = ${id} and not exists (select 1 from live_session)
      returning 1
    ),
    touched_session as (
      update ${session} set last_seen_at = now()
      where ${session.id} = (select id from live_session where last_seen_at <= now() - interval '1 minute')
      returning 1
    )`;
  const columns = sql.raw(
    "live_session.id as session_id, live_session.tenant_id as session_tenant_id, " +
      "live_session.person_id as session_person_id, live_session.csrf_token as session_csrf_token, " +
      "live_session.created_at as session_created_at, live_session.last_seen_at as session_last_seen_at, " +
      "live_session.expires_at as session_expires_at",
  );
  return { ctes, columns, read: sessionOf };
}

const sessionOf = (row: Record<string, unknown>): SessionRow => ({
  id: String(row.session_id),
  tenantId: String(row.session_tenant_id),
  personId: String(row.session_person_id),
  csrfToken: String(row.session_csrf_token),
  createdAt: new Date(row.session_created_at as string | Date),
  lastSeenAt: new Date(row.session_last_seen_at as string | Date),
  expiresAt: new Date(row.session_expires_at as string | Date),
});

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
