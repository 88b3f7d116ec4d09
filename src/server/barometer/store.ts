// The only place that speaks SQL for the trust barometer.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import { aggregate, comment, customItem, discussion, invitation, pool, round, roundUnit } from "./tables.ts";

export type RoundRow = typeof round.$inferSelect;
export type InvitationRow = typeof invitation.$inferSelect;
export type AggregateRow = typeof aggregate.$inferSelect;
export type PoolRow = typeof pool.$inferSelect;
type Group = { unitId: string; roleCategory: "manager" | "staff" };

// ---- items

export function customItems(db: Db, tenantId: string) {
  return db
    .select()
    .from(customItem)
    .where(eq(customItem.tenantId, tenantId))
    .orderBy(asc(customItem.createdAt));
}

export async function insertCustomItem(db: Db, values: typeof customItem.$inferInsert) {
  const [row] = await db.insert(customItem).values(values).returning();
  return row;
}

// ---- rounds

export async function insertRound(db: Db, values: typeof round.$inferInsert): Promise<RoundRow> {
  const [row] = await db.insert(round).values(values).returning();
  return row;
}

export async function getRound(db: Db, tenantId: string, id: string): Promise<RoundRow | null> {
  const [row] = await db
    .select()
    .from(round)
    .where(and(eq(round.tenantId, tenantId), eq(round.id, id)));
  return row ?? null;
}

/** Locks the round: answers to one round are taken one at a time, so batches are counted exactly. */
export async function lockRound(db: Db, tenantId: string, id: string): Promise<RoundRow | null> {
  const [row] = await db
    .select()
    .from(round)
    .where(and(eq(round.tenantId, tenantId), eq(round.id, id)))
    .for("update");
  return row ?? null;
}

export function listRounds(db: Db, tenantId: string) {
  return db
    .select()
    .from(round)
    .where(eq(round.tenantId, tenantId))
    .orderBy(desc(round.opensOn), asc(round.title));
}

/** Rounds of every tenant whose invitations, reminders or closing are due (for the recurring job). */
export function roundsNeedingWork(db: Db) {
  return db.select().from(round).where(sql`${round.closedAt} is null`);
}

export async function updateRound(db: Db, id: string, values: Partial<typeof round.$inferInsert>) {
  const [row] = await db.update(round).set(values).where(eq(round.id, id)).returning();
  return row;
}

// ---- invitations (who takes part, and whether they have answered)

/** All invitations of a round in one statement, in the order given (the caller shuffles). */
export async function insertInvitations(db: Db, rows: (typeof invitation.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 2000)
    await db.insert(invitation).values(rows.slice(at, at + 2000));
}

export async function getInvitation(
  db: Db,
  roundId: string,
  personId: string,
): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(invitation)
    .where(and(eq(invitation.roundId, roundId), eq(invitation.personId, personId)));
  return row ?? null;
}

export async function markAnswered(db: Db, roundId: string, personId: string) {
  await db
    .update(invitation)
    .set({ answered: true })
    .where(and(eq(invitation.roundId, roundId), eq(invitation.personId, personId)));
}

export function invitationsOf(db: Db, roundId: string, filter: { answered?: boolean } = {}) {
  const conditions = [eq(invitation.roundId, roundId)];
  if (filter.answered !== undefined) conditions.push(eq(invitation.answered, filter.answered));
  return db
    .select()
    .from(invitation)
    .where(and(...conditions));
}

/** Invited and answered per stored unit and role category, for response rates. */
export async function participationCounts(db: Db, roundId: string) {
  const rows = await db
    .select({
      unitId: invitation.answerUnitId,
      roleCategory: invitation.roleCategory,
      invited: count(),
      answered: sql<number>`count(*) filter (where ${invitation.answered})`.mapWith(Number),
    })
    .from(invitation)
    .where(eq(invitation.roundId, roundId))
    .groupBy(invitation.answerUnitId, invitation.roleCategory);
  return rows.map((row) => ({ ...row, invited: Number(row.invited) }));
}

// ---- the pool and the mixing

export async function addToPool(db: Db, values: typeof pool.$inferInsert) {
  await db.insert(pool).values(values);
}

/** What waits in a round's pool, or only one group's part of it. */
export function poolOf(db: Db, roundId: string, group?: Group): Promise<PoolRow[]> {
  const conditions = [eq(pool.roundId, roundId)];
  if (group) conditions.push(eq(pool.unitId, group.unitId), eq(pool.roleCategory, group.roleCategory));
  return db
    .select()
    .from(pool)
    .where(and(...conditions));
}

export async function removeFromPool(db: Db, roundId: string, ids: string[]) {
  if (ids.length) await db.delete(pool).where(and(eq(pool.roundId, roundId), inArray(pool.id, ids)));
}

/** Writes a round's aggregate rows with their new totals (the caller holds the round's lock). */
export async function saveCounts(db: Db, rows: (typeof aggregate.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 1000)
    await db
      .insert(aggregate)
      .values(rows.slice(at, at + 1000))
      .onConflictDoUpdate({
        target: [aggregate.roundId, aggregate.unitId, aggregate.roleCategory, aggregate.itemId],
        set: { counts: sql`excluded.counts`, dontKnow: sql`excluded.dont_know` },
      });
}

export async function insertComments(db: Db, rows: (typeof comment.$inferInsert)[]) {
  if (rows.length) await db.insert(comment).values(rows);
}

export function aggregatesOfGroup(db: Db, roundId: string, group: Group): Promise<AggregateRow[]> {
  return db
    .select()
    .from(aggregate)
    .where(
      and(
        eq(aggregate.roundId, roundId),
        eq(aggregate.unitId, group.unitId),
        eq(aggregate.roleCategory, group.roleCategory),
      ),
    );
}

export function aggregatesOf(db: Db, roundIds: string[]): Promise<AggregateRow[]> {
  if (!roundIds.length) return Promise.resolve([]);
  return db.select().from(aggregate).where(inArray(aggregate.roundId, roundIds));
}

/** Comments of a round stored at any of the given units, in id order — ids are random, so the order is too. */
export function commentsOf(db: Db, roundId: string, unitIds: string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .select({ id: comment.id, itemId: comment.itemId, body: comment.body })
    .from(comment)
    .where(and(eq(comment.roundId, roundId), inArray(comment.unitId, unitIds)))
    .orderBy(asc(comment.id));
}

// ---- a closed round's units, as they were at closing

export async function insertRoundUnits(db: Db, rows: (typeof roundUnit.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 2000) await db.insert(roundUnit).values(rows.slice(at, at + 2000));
}

export function roundUnitsOf(db: Db, roundId: string) {
  return db
    .select({ id: roundUnit.unitId, name: roundUnit.name, path: roundUnit.path })
    .from(roundUnit)
    .where(eq(roundUnit.roundId, roundId));
}

// ---- discussions

export async function insertDiscussion(db: Db, values: typeof discussion.$inferInsert) {
  const [row] = await db.insert(discussion).values(values).returning();
  return row;
}

export function discussionsOf(db: Db, roundId: string, unitId: string) {
  return db
    .select()
    .from(discussion)
    .where(and(eq(discussion.roundId, roundId), eq(discussion.unitId, unitId)))
    .orderBy(asc(discussion.createdAt));
}
