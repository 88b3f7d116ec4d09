// The only place that speaks SQL for the follow-up cycle.
import { and, asc, desc, eq, inArray, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import { type ActionState, UPWARD_ADDRESSEES, type UpwardAddressee } from "./model.ts";
import {
  action,
  actionEvent,
  assignment,
  dialogue,
  entry,
  expectation,
  expectationVersion,
  position,
} from "./tables.ts";

export type ExpectationRow = typeof expectation.$inferSelect;
type EntryRow = typeof entry.$inferSelect;
export type ActionRow = typeof action.$inferSelect;
export type DialogueRow = typeof dialogue.$inferSelect;
export type AssignmentRow = typeof assignment.$inferSelect;

// ---- assignment

export async function getAssignment(db: Db, unitId: string): Promise<AssignmentRow | null> {
  const [row] = await db.select().from(assignment).where(eq(assignment.unitId, unitId));
  return row ?? null;
}

export async function saveAssignment(db: Db, values: typeof assignment.$inferInsert): Promise<AssignmentRow> {
  const { unitId: _unitId, tenantId: _tenantId, ...changes } = values;
  const [row] = await db
    .insert(assignment)
    .values(values)
    .onConflictDoUpdate({ target: assignment.unitId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  return row;
}

// ---- expectations

export async function insertExpectation(
  db: Db,
  values: typeof expectation.$inferInsert,
): Promise<ExpectationRow> {
  const [row] = await db.insert(expectation).values(values).returning();
  await saveVersion(db, row, values.draftedByName ?? null);
  return row;
}

export async function saveVersion(db: Db, row: ExpectationRow, changedByName: string | null) {
  await db
    .insert(expectationVersion)
    .values({
      expectationId: row.id,
      version: row.version,
      title: row.title,
      description: row.description,
      method: row.method,
      methodNote: row.methodNote,
      changedByName,
    })
    .onConflictDoUpdate({
      target: [expectationVersion.expectationId, expectationVersion.version],
      set: {
        title: row.title,
        description: row.description,
        method: row.method,
        methodNote: row.methodNote,
        changedByName,
      },
    });
}

export async function updateExpectation(
  db: Db,
  id: string,
  values: Partial<typeof expectation.$inferInsert>,
): Promise<ExpectationRow> {
  const [row] = await db
    .update(expectation)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(expectation.id, id))
    .returning();
  return row;
}

export async function lockExpectation(db: Db, tenantId: string, id: string): Promise<ExpectationRow | null> {
  const [row] = await db
    .select()
    .from(expectation)
    .where(and(eq(expectation.tenantId, tenantId), eq(expectation.id, id)))
    .for("update");
  return row ?? null;
}

export async function getExpectation(db: Db, tenantId: string, id: string): Promise<ExpectationRow | null> {
  const [row] = await db
    .select()
    .from(expectation)
    .where(and(eq(expectation.tenantId, tenantId), eq(expectation.id, id)));
  return row ?? null;
}

export function expectationsOf(db: Db, tenantId: string, unitIds: string[]): Promise<ExpectationRow[]> {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(expectation)
    .where(and(eq(expectation.tenantId, tenantId), inArray(expectation.unitId, unitIds)))
    .orderBy(desc(expectation.periodStart), asc(expectation.title));
}

export function versionsOf(db: Db, expectationIds: string[]) {
  if (!expectationIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(expectationVersion)
    .where(inArray(expectationVersion.expectationId, expectationIds))
    .orderBy(asc(expectationVersion.version));
}

export function positionsOf(db: Db, expectationIds: string[]) {
  if (!expectationIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(position)
    .where(inArray(position.expectationId, expectationIds))
    .orderBy(asc(position.createdAt));
}

/** A person's position on a version; taking it again replaces the earlier one. */
export async function savePosition(db: Db, values: typeof position.$inferInsert) {
  const [row] = await db
    .insert(position)
    .values(values)
    .onConflictDoUpdate({
      target: [position.expectationId, position.version, position.personId],
      set: { agrees: values.agrees, comment: values.comment, createdAt: new Date() },
    })
    .returning();
  return row;
}

// ---- entries

export async function insertEntry(db: Db, values: typeof entry.$inferInsert): Promise<EntryRow> {
  const [row] = await db.insert(entry).values(values).returning();
  return row;
}

export async function getEntry(db: Db, tenantId: string, id: string): Promise<EntryRow | null> {
  const [row] = await db
    .select()
    .from(entry)
    .where(and(eq(entry.tenantId, tenantId), eq(entry.id, id)));
  return row ?? null;
}

export function entriesOf(
  db: Db,
  tenantId: string,
  filter: { unitIds: string[]; expectationId?: string; limit: number },
) {
  if (!filter.unitIds.length) return Promise.resolve([]);
  const conditions: SQL[] = [eq(entry.tenantId, tenantId), inArray(entry.unitId, filter.unitIds)];
  if (filter.expectationId) conditions.push(eq(entry.expectationId, filter.expectationId));
  return db
    .select()
    .from(entry)
    .where(and(...conditions))
    .orderBy(desc(entry.createdAt))
    .limit(filter.limit);
}

// ---- actions

export async function insertAction(
  db: Db,
  values: typeof action.$inferInsert,
  byName: string | null,
): Promise<ActionRow> {
  const [row] = await db.insert(action).values(values).returning();
  await db
    .insert(actionEvent)
    .values({ actionId: row.id, fromState: null, toState: row.state, byName, at: row.createdAt });
  return row;
}

export async function lockAction(db: Db, tenantId: string, id: string): Promise<ActionRow | null> {
  const [row] = await db
    .select()
    .from(action)
    .where(and(eq(action.tenantId, tenantId), eq(action.id, id)))
    .for("update");
  return row ?? null;
}

export async function getAction(db: Db, tenantId: string, id: string): Promise<ActionRow | null> {
  const [row] = await db
    .select()
    .from(action)
    .where(and(eq(action.tenantId, tenantId), eq(action.id, id)));
  return row ?? null;
}

export async function moveAction(
  db: Db,
  row: ActionRow,
  to: ActionState,
  values: Partial<typeof action.$inferInsert>,
  event: { reason: string | null; byName: string; at?: Date },
): Promise<ActionRow> {
  const [updated] = await db
    .update(action)
    .set({ ...values, state: to, updatedAt: new Date() })
    .where(eq(action.id, row.id))
    .returning();
  await db.insert(actionEvent).values({ actionId: row.id, fromState: row.state, toState: to, ...event });
  return updated;
}

/** A meeting's actions, or a unit's own; small lists, newest first. */
export function actionsOf(db: Db, tenantId: string, filter: { unitId: string } | { dialogueId: string }) {
  return db
    .select()
    .from(action)
    .where(
      and(
        eq(action.tenantId, tenantId),
        "unitId" in filter ? eq(action.unitId, filter.unitId) : eq(action.dialogueId, filter.dialogueId),
      ),
    )
    .orderBy(desc(action.createdAt));
}

/** The units a list covers: some by id, or every unit of the tenant. */
export type UnitsCovered = string[] | "all";

/**
 * Which actions a list holds. `answerable` narrows to the requests the reader answers: per level,
 * the units where they answer it ("all": anywhere in the tenant).
 */
export type ActionFilter = {
  units: UnitsCovered;
  states?: ActionState[];
  direction?: "upward" | "other";
  answerable?: Partial<Record<UpwardAddressee, UnitsCovered>>;
};

/**
 * Whole lists of unit ids go as one array parameter, written as an array literal (drizzle would
 * spread a JS array into one `$n` per id, thousands of them to parse and plan).
 */
function unitCondition(units: UnitsCovered): SQL | undefined | null {
  if (units === "all") return undefined;
  if (!units.length) return null;
  return sql`${action.unitId} = any(${`{${units.join(",")}}`}::uuid[])`;
}

/** The filter as one SQL condition, or null when it can hold nothing. */
function actionCondition(tenantId: string, filter: ActionFilter): SQL | null {
  const within = unitCondition(filter.units);
  if (within === null) return null;
  const conditions: (SQL | undefined)[] = [eq(action.tenantId, tenantId), within];
  if (filter.states) conditions.push(inArray(action.state, filter.states));
  if (filter.direction === "upward") conditions.push(inArray(action.addressee, [...UPWARD_ADDRESSEES]));
  if (filter.direction === "other") conditions.push(notInArray(action.addressee, [...UPWARD_ADDRESSEES]));
  if (filter.answerable) {
    const levels = (Object.entries(filter.answerable) as [UpwardAddressee, UnitsCovered][]).flatMap(
      ([level, units]) => {
        const where = unitCondition(units);
        return where === null ? [] : [and(eq(action.addressee, level), where)];
      },
    );
    if (!levels.length) return null;
    conditions.push(or(...levels));
  }
  return and(...conditions) ?? null;
}

/** The units that have unanswered upward requests ("väntar på oss" looks only at these). */
export async function unitsWithOpenRequests(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ unitId: action.unitId })
    .from(action)
    .where(
      and(
        eq(action.tenantId, tenantId),
        eq(action.state, "proposed"),
        inArray(action.addressee, [...UPWARD_ADDRESSEES]),
      ),
    );
  return rows.map((row) => row.unitId);
}

/** Upward requests still unanswered past their answer time at `now` (model.isOverdue, in SQL). */
const overdueAt = (now: Date) =>
  sql`${action.state} = 'proposed' and ${inArray(action.addressee, [...UPWARD_ADDRESSEES])} and ${action.createdAt} < ${now.toISOString()}::timestamptz - ${action.answerDays} * interval '1 day'`;

export type ActionPageRequest = { after?: string; limit: number; oldestFirst: boolean; now: Date };

/**
 * One page of a list in a stable order (creation time, then id), starting after the action `after`,
 * with the whole list's count and how many of it are overdue. One more row than the page is read to
 * know whether another page follows.
 */
export async function actionPage(db: Db, tenantId: string, filter: ActionFilter, page: ActionPageRequest) {
  const where = actionCondition(tenantId, filter);
  if (!where) return { rows: [], total: 0, overdue: 0, more: false };
  const order = page.oldestFirst
    ? [asc(action.createdAt), asc(action.id)]
    : [desc(action.createdAt), desc(action.id)];
  const cursor = page.after
    ? sql`(${action.createdAt}, ${action.id}) ${page.oldestFirst ? sql`>` : sql`<`} (select c.created_at, c.id from ${action} c where c.tenant_id = ${tenantId} and c.id = ${page.after})`
    : undefined;
  const [rows, [counts]] = await Promise.all([
    db
      .select()
      .from(action)
      .where(and(where, cursor))
      .orderBy(...order)
      .limit(page.limit + 1),
    db
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdueAt(page.now)})`.mapWith(Number),
      })
      .from(action)
      .where(where),
  ]);
  return { rows: rows.slice(0, page.limit), ...counts, more: rows.length > page.limit };
}

export function eventsOf(db: Db, actionIds: string[]) {
  if (!actionIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(actionEvent)
    .where(inArray(actionEvent.actionId, actionIds))
    .orderBy(asc(actionEvent.at));
}

/** Unanswered actions of every tenant, for the reminder job. */
export function openRequestsAll(db: Db) {
  return db.select().from(action).where(eq(action.state, "proposed"));
}

export async function markReminded(db: Db, id: string, at: Date) {
  await db.update(action).set({ lastRemindedAt: at }).where(eq(action.id, id));
}

// ---- dialogue meetings

export async function insertDialogue(db: Db, values: typeof dialogue.$inferInsert): Promise<DialogueRow> {
  const [row] = await db.insert(dialogue).values(values).returning();
  return row;
}

export async function lockDialogue(db: Db, tenantId: string, id: string): Promise<DialogueRow | null> {
  const [row] = await db
    .select()
    .from(dialogue)
    .where(and(eq(dialogue.tenantId, tenantId), eq(dialogue.id, id)))
    .for("update");
  return row ?? null;
}

export async function getDialogue(db: Db, tenantId: string, id: string): Promise<DialogueRow | null> {
  const [row] = await db
    .select()
    .from(dialogue)
    .where(and(eq(dialogue.tenantId, tenantId), eq(dialogue.id, id)));
  return row ?? null;
}

export async function updateDialogue(db: Db, id: string, values: Partial<typeof dialogue.$inferInsert>) {
  const [row] = await db
    .update(dialogue)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(dialogue.id, id))
    .returning();
  return row;
}

export function dialoguesOf(db: Db, tenantId: string, unitIds: string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(dialogue)
    .where(and(eq(dialogue.tenantId, tenantId), inArray(dialogue.lowerUnitId, unitIds)))
    .orderBy(desc(dialogue.heldOn));
}

/** The meeting before this one between the same two units, whose actions are reviewed first. */
export async function previousDialogue(db: Db, row: DialogueRow): Promise<DialogueRow | null> {
  const rows = await db
    .select()
    .from(dialogue)
    .where(and(eq(dialogue.upperUnitId, row.upperUnitId), eq(dialogue.lowerUnitId, row.lowerUnitId)))
    .orderBy(desc(dialogue.heldOn), desc(dialogue.createdAt));
  return rows.find((other) => other.id !== row.id && other.heldOn <= row.heldOn) ?? null;
}

/** How quickly each level above the units answers their requests: counts, median and 90th percentile hours. */
export function responsivenessByLevel(db: Db, tenantId: string, units: UnitsCovered) {
  const within = unitCondition(units);
  if (within === null) return Promise.resolve([]);
  const hours = sql`(extract(epoch from ${action.answeredAt} - ${action.createdAt}) / 3600)::float8`;
  return db
    .select({
      level: action.addressee,
      answered: sql<number>`count(${action.answeredAt})`.mapWith(Number),
      open: sql<number>`count(*) filter (where ${action.answeredAt} is null)`.mapWith(Number),
      medianHours: sql<number | null>`percentile_cont(0.5) within group (order by ${hours})`,
      p90Hours: sql<number | null>`percentile_cont(0.9) within group (order by ${hours})`,
    })
    .from(action)
    .where(and(eq(action.tenantId, tenantId), inArray(action.addressee, [...UPWARD_ADDRESSEES]), within))
    .groupBy(action.addressee);
}

// ---- generated data (synthetic.ts)

/** Rows of generated follow-up data, in the order their foreign keys need. */
export type GeneratedRows = {
  assignments: (typeof assignment.$inferInsert)[];
  expectations: (typeof expectation.$inferInsert)[];
  versions: (typeof expectationVersion.$inferInsert)[];
  positions: (typeof position.$inferInsert)[];
  entries: (typeof entry.$inferInsert)[];
  dialogues: (typeof dialogue.$inferInsert)[];
  actions: (typeof action.$inferInsert)[];
  events: (typeof actionEvent.$inferInsert)[];
};

/** Rows per statement: an action has 24 columns, and a statement takes at most 65,535 parameters. */
const BATCH = 1000;

/** Writes generated data with one statement per batch of rows. */
export async function insertGenerated(db: Db, rows: GeneratedRows): Promise<void> {
  const batches = <T>(list: T[]) =>
    Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));
  for (const batch of batches(rows.assignments))
    await db.insert(assignment).values(batch).onConflictDoNothing();
  for (const batch of batches(rows.expectations)) await db.insert(expectation).values(batch);
  for (const batch of batches(rows.versions)) await db.insert(expectationVersion).values(batch);
  for (const batch of batches(rows.positions)) await db.insert(position).values(batch);
  for (const batch of batches(rows.entries)) await db.insert(entry).values(batch);
  for (const batch of batches(rows.dialogues)) await db.insert(dialogue).values(batch);
  for (const batch of batches(rows.actions)) await db.insert(action).values(batch);
  for (const batch of batches(rows.events)) await db.insert(actionEvent).values(batch);
}
