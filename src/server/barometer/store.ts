// The only place that speaks SQL for the trust barometer.
import { and, asc, count, desc, eq, inArray, isNotNull, like, lt, ne, notLike, or, sql } from "drizzle-orm";
import { type Db, queryRows } from "../core/db.ts";
import { aggregate, comment, customItem, discussion, invitation, pool, round, roundUnit } from "./tables.ts";

export type RoundRow = typeof round.$inferSelect;
export type InvitationRow = typeof invitation.$inferSelect;
export type AggregateRow = typeof aggregate.$inferSelect;
export type PoolRow = typeof pool.$inferSelect;
export type FrozenUnitRow = typeof roundUnit.$inferSelect;
type RoleCategory = "manager" | "staff";
type Group = { unitId: string; roleCategory: RoleCategory };

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

/**
 * Holds the round against closing while one answer is taken: answers to one round are taken side by
 * side (each group's own lock, `lockGroup`, counts its batches exactly), closing waits for them.
 */
export async function shareRound(db: Db, tenantId: string, id: string): Promise<RoundRow | null> {
  const [row] = await db
    .select()
    .from(round)
    .where(and(eq(round.tenantId, tenantId), eq(round.id, id)))
    .for("share");
  return row ?? null;
}

/**
 * Takes one stored group's turn (round × unit × role category) until the transaction ends: the
 * answers of one group are pooled and counted one at a time, so a batch holds exactly what waited.
 * Groups that hash alike only wait for each other.
 */
export async function lockGroup(db: Db, roundId: string, group: Group) {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`barometer:${roundId}:${group.unitId}:${group.roleCategory}`}, 0))`,
  );
}

/** Locks the round for a change of its own (closing, the mail it sends): no answer is taken meanwhile. */
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

/**
 * Marks the person as having answered and returns their invitation; null when they are not invited
 * or had already answered (a second answer that raced the first waits for it, then finds none).
 */
export async function markAnswered(db: Db, roundId: string, personId: string): Promise<InvitationRow | null> {
  const [row] = await db
    .update(invitation)
    .set({ answered: true })
    .where(
      and(eq(invitation.roundId, roundId), eq(invitation.personId, personId), eq(invitation.answered, false)),
    )
    .returning();
  return row ?? null;
}

/** One person's invitations to some rounds. */
export function invitationsOfPerson(db: Db, roundIds: string[], personId: string): Promise<InvitationRow[]> {
  if (!roundIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(invitation)
    .where(and(inArray(invitation.roundId, roundIds), eq(invitation.personId, personId)));
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

/**
 * Puts one sealed answer in its group's pool and returns everything of the group now waiting, in one
 * statement (the caller holds the group's lock, taken by an earlier statement, so this one's view of
 * the pool holds every answer of the group committed before it).
 */
export async function addToPool(
  db: Db,
  values: { roundId: string; unitId: string; roleCategory: RoleCategory; sealed: string },
): Promise<Pick<PoolRow, "id" | "sealed" | "answers">[]> {
  // The statement does not see the row its own insert adds: it comes from `added`.
  return queryRows(
    db,
    sql`with added as (
          insert into ${pool} (round_id, unit_id, role_category, sealed)
          values (${values.roundId}, ${values.unitId}, ${values.roleCategory}, ${values.sealed})
          returning id, sealed, answers)
        select id, sealed, answers from ${pool}
          where round_id = ${values.roundId} and unit_id = ${values.unitId} and role_category = ${values.roleCategory}
        union all select id, sealed, answers from added`,
  );
}

/** What waits in a round's pool. */
export function poolOf(db: Db, roundId: string): Promise<PoolRow[]> {
  return db.select().from(pool).where(eq(pool.roundId, roundId));
}

export async function removeFromPool(db: Db, roundId: string, ids: string[]) {
  if (ids.length) await db.delete(pool).where(and(eq(pool.roundId, roundId), inArray(pool.id, ids)));
}

/** Writes groups' counts with their new totals (the caller holds each group's lock). */
export async function saveCounts(db: Db, rows: (typeof aggregate.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 1000)
    await db
      .insert(aggregate)
      .values(rows.slice(at, at + 1000))
      .onConflictDoUpdate({
        target: [aggregate.roundId, aggregate.unitId, aggregate.roleCategory],
        set: { respondents: sql`excluded.respondents`, itemCounts: sql`excluded.item_counts` },
      });
}

export async function insertComments(db: Db, rows: (typeof comment.$inferInsert)[]) {
  if (rows.length) await db.insert(comment).values(rows);
}

export async function aggregateOfGroup(db: Db, roundId: string, group: Group): Promise<AggregateRow | null> {
  const [row] = await db
    .select()
    .from(aggregate)
    .where(
      and(
        eq(aggregate.roundId, roundId),
        eq(aggregate.unitId, group.unitId),
        eq(aggregate.roleCategory, group.roleCategory),
      ),
    );
  return row ?? null;
}

export function aggregatesOf(db: Db, roundId: string): Promise<AggregateRow[]> {
  return db.select().from(aggregate).where(eq(aggregate.roundId, roundId));
}

/**
 * Comments of a round stored at a unit of its frozen tree inside `path`, in id order — ids are
 * random, so the order is too.
 */
export function commentsUnder(db: Db, roundId: string, path: string) {
  return db
    .select({ id: comment.id, itemId: comment.itemId, body: comment.body })
    .from(comment)
    .innerJoin(roundUnit, and(eq(roundUnit.roundId, comment.roundId), eq(roundUnit.unitId, comment.unitId)))
    .where(and(eq(comment.roundId, roundId), like(roundUnit.path, `${path}%`)))
    .orderBy(asc(comment.id));
}

// ---- a closed round's units, as they were at closing, with their results

/** Writes a closed round's frozen units with their results, or fills in the results of rows kept before. */
export async function saveFrozenUnits(db: Db, rows: (typeof roundUnit.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 1000)
    await db
      .insert(roundUnit)
      .values(rows.slice(at, at + 1000))
      .onConflictDoUpdate({
        target: [roundUnit.roundId, roundUnit.unitId],
        set: {
          stored: sql`excluded.stored`,
          invited: sql`excluded.invited`,
          respondents: sql`excluded.respondents`,
          respondentsHidden: sql`excluded.respondents_hidden`,
          comments: sql`excluded.comments`,
          figures: sql`excluded.figures`,
        },
      });
}

/** A closed round's whole frozen tree: ids, names, paths and the answers stored at each unit. */
export function frozenTreeOf(db: Db, roundId: string) {
  return db
    .select({ id: roundUnit.unitId, name: roundUnit.name, path: roundUnit.path, stored: roundUnit.stored })
    .from(roundUnit)
    .where(eq(roundUnit.roundId, roundId));
}

/** Frozen units of a round by id or by path, with their results. */
export function frozenUnits(
  db: Db,
  roundId: string,
  of: { ids?: string[]; paths?: string[] },
): Promise<FrozenUnitRow[]> {
  const which = [
    ...(of.ids?.length ? [inArray(roundUnit.unitId, of.ids)] : []),
    ...(of.paths?.length ? [inArray(roundUnit.path, of.paths)] : []),
  ];
  if (!which.length) return Promise.resolve([]);
  return db
    .select()
    .from(roundUnit)
    .where(and(eq(roundUnit.roundId, roundId), or(...which)));
}

/** A frozen unit's subtree (itself included), or only its children, with their results. */
export function frozenBelow(db: Db, roundId: string, path: string, only: "subtree" | "children") {
  const conditions = [eq(roundUnit.roundId, roundId), like(roundUnit.path, `${path}%`)];
  // A child's path is the unit's and one more segment: no second "/" after the unit's own path.
  if (only === "children") conditions.push(ne(roundUnit.path, path), notLike(roundUnit.path, `${path}%/%/`));
  return db
    .select()
    .from(roundUnit)
    .where(and(...conditions));
}

/** A tenant's rounds closed before another, each with one unit's stored results — a trend in one query. */
export function unitInEarlierRounds(
  db: Db,
  tenantId: string,
  unitId: string,
  before: { id: string; closesOn: string },
) {
  return db
    .select({ round, unit: roundUnit })
    .from(round)
    .innerJoin(roundUnit, and(eq(roundUnit.roundId, round.id), eq(roundUnit.unitId, unitId)))
    .where(
      and(
        eq(round.tenantId, tenantId),
        isNotNull(round.closedAt),
        ne(round.id, before.id),
        lt(round.closesOn, before.closesOn),
      ),
    );
}

/** Paths at closing of some units in several rounds (the caller's role units, for a trend). */
export function frozenPathsIn(db: Db, roundIds: string[], unitIds: string[]) {
  if (!roundIds.length || !unitIds.length) return Promise.resolve([]);
  return db
    .select({ roundId: roundUnit.roundId, unitId: roundUnit.unitId, path: roundUnit.path })
    .from(roundUnit)
    .where(and(inArray(roundUnit.roundId, roundIds), inArray(roundUnit.unitId, unitIds)));
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
