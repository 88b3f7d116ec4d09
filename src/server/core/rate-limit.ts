import { and, count, eq, gt, inArray, lt, max, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { AppError, type Text } from "./errors.ts";
import { rateLimitHit } from "./tables.ts";

/**
 * Sliding-window counters kept in the database so that every app instance sees the same counts.
 * Time is the caller's `now` (the application's clock, also for the hits' own timestamps), so a
 * window is measured on one clock and tests move it instead of sleeping.
 */
export async function countHits(db: Db, key: string, windowMs: number, now = new Date()): Promise<number> {
  return (await recentHits(db, key, windowMs, now)).count;
}

/** How many hits the key has within the window, and when the latest was. */
export async function recentHits(
  db: Db,
  key: string,
  windowMs: number,
  now = new Date(),
): Promise<{ count: number; lastAt: Date | null }> {
  const since = new Date(now.getTime() - windowMs);
  const [row] = await db
    .select({ n: count(), lastAt: max(rateLimitHit.at) })
    .from(rateLimitHit)
    .where(and(eq(rateLimitHit.key, key), gt(rateLimitHit.at, since)));
  return { count: row?.n ?? 0, lastAt: row?.lastAt ?? null };
}

/** Records one hit on each key at `at`; answers the rows' ids, so that an attempt can be taken back. */
export async function recordHits(db: Db, keys: string[], at = new Date()): Promise<number[]> {
  const rows = await db
    .insert(rateLimitHit)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: rateLimitHit.id });
  return rows.map((row) => row.id);
}

export async function recordHit(db: Db, key: string, at = new Date()): Promise<void> {
  await recordHits(db, [key], at);
}

export async function deleteHits(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(rateLimitHit).where(inArray(rateLimitHit.id, ids));
}

export async function clearHits(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitHit).where(eq(rateLimitHit.key, key));
}

export async function purgeHitsOlderThan(db: Db, windowMs: number, now = new Date()): Promise<void> {
  await db.delete(rateLimitHit).where(lt(rateLimitHit.at, new Date(now.getTime() - windowMs)));
}

/**
 * Runs `work` in a transaction holding a lock on `key`, so that concurrent requests on one key take
 * turns: a check and the hit it records are one step, and parallel requests cannot all pass one check.
 */
export function withKeyLock<T>(db: Db, key: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    return work(tx);
  });
}

/** A 429 that tells the client when to come back: the error handler sends it as `Retry-After`. */
export class RateLimited extends AppError {
  constructor(
    text: Text,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", text);
  }
}
