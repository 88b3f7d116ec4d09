import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "./db.ts";
import { rateLimitHit } from "./tables.ts";

/**
 * Sliding-window counters kept in the database so that every app instance sees the same counts.
 */
export async function countHits(db: Db, key: string, windowMs: number): Promise<number> {
  const since = new Date(Date.now() - windowMs);
  const [row] = await db
    .select({ n: count() })
    .from(rateLimitHit)
    .where(and(eq(rateLimitHit.key, key), gt(rateLimitHit.at, since)));
  return row?.n ?? 0;
}

export async function recordHit(db: Db, key: string): Promise<void> {
  await db.insert(rateLimitHit).values({ key });
}

export async function clearHits(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitHit).where(eq(rateLimitHit.key, key));
}

export async function purgeHitsOlderThan(db: Db, windowMs: number): Promise<void> {
  await db.delete(rateLimitHit).where(lt(rateLimitHit.at, new Date(Date.now() - windowMs)));
}
