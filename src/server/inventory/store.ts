// The only place that speaks SQL for the follow-up inventory.
import { and, asc, count, desc, eq, inArray, max, type SQL } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import type { DemandStatus } from "./model.ts";
import { analysis, analysisComment, demand, demandUse, estimate, retirement } from "./tables.ts";

export type DemandRow = typeof demand.$inferSelect;
export type NewDemand = typeof demand.$inferInsert;
type AnalysisRow = typeof analysis.$inferSelect;
type RetirementRow = typeof retirement.$inferSelect;

// ---- demands

export async function insertDemand(db: Db, values: NewDemand): Promise<DemandRow> {
  const [row] = await db.insert(demand).values(values).returning();
  return row;
}

/** Many demands in one statement per thousand (imports, demo data, benchmarks). */
export async function insertDemands(db: Db, values: NewDemand[]): Promise<void> {
  for (let at = 0; at < values.length; at += 1000)
    await db.insert(demand).values(values.slice(at, at + 1000));
}

export async function updateDemand(db: Db, id: string, values: Partial<NewDemand>): Promise<DemandRow> {
  const [row] = await db
    .update(demand)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(demand.id, id))
    .returning();
  return row;
}

export async function getDemand(db: Db, tenantId: string, id: string): Promise<DemandRow | null> {
  const [row] = await db
    .select()
    .from(demand)
    .where(and(eq(demand.tenantId, tenantId), eq(demand.id, id)));
  return row ?? null;
}

/** Locks the demand's row for the rest of the transaction, so two decisions cannot cross. */
export async function lockDemand(db: Db, tenantId: string, id: string): Promise<DemandRow | null> {
  const [row] = await db
    .select()
    .from(demand)
    .where(and(eq(demand.tenantId, tenantId), eq(demand.id, id)))
    .for("update");
  return row ?? null;
}

export function listDemands(
  db: Db,
  tenantId: string,
  statuses?: readonly DemandStatus[],
): Promise<DemandRow[]> {
  const conditions: SQL[] = [eq(demand.tenantId, tenantId)];
  if (statuses) conditions.push(inArray(demand.status, [...statuses]));
  return db
    .select()
    .from(demand)
    .where(and(...conditions))
    .orderBy(asc(demand.title));
}

/** Just what the burden needs of the demands in force, without their texts. */
export function burdenRows(db: Db, tenantId: string) {
  return db
    .select({
      id: demand.id,
      title: demand.title,
      kind: demand.kind,
      purpose: demand.purpose,
      requesterUnitId: demand.requesterUnitId,
      requesterActorId: demand.requesterActorId,
      reporters: demand.reporters,
      frequencyPerYear: demand.frequencyPerYear,
      minutesPerOccurrence: demand.minutesPerOccurrence,
      hourlyCost: demand.hourlyCost,
      status: demand.status,
      startDate: demand.startDate,
      endDate: demand.endDate,
    })
    .from(demand)
    .where(and(eq(demand.tenantId, tenantId), eq(demand.status, "active")));
}
export type BurdenRow = Awaited<ReturnType<typeof burdenRows>>[number];

export async function demandCodeTaken(db: Db, tenantId: string, code: string, exceptId?: string) {
  const rows = await db
    .select({ id: demand.id })
    .from(demand)
    .where(and(eq(demand.tenantId, tenantId), eq(demand.code, code)));
  return rows.some((row) => row.id !== exceptId);
}

// ---- staff estimates

/** Every estimate's minutes, per demand. */
export async function estimatesByDemand(db: Db, tenantId: string): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ demandId: estimate.demandId, minutes: estimate.minutes })
    .from(estimate)
    .where(eq(estimate.tenantId, tenantId));
  const byDemand = new Map<string, number[]>();
  for (const row of rows) byDemand.set(row.demandId, [...(byDemand.get(row.demandId) ?? []), row.minutes]);
  return byDemand;
}

export async function estimatesOf(db: Db, demandId: string) {
  return db
    .select({ personId: estimate.personId, minutes: estimate.minutes })
    .from(estimate)
    .where(eq(estimate.demandId, demandId));
}

export async function myEstimates(db: Db, personId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ demandId: estimate.demandId, minutes: estimate.minutes })
    .from(estimate)
    .where(eq(estimate.personId, personId));
  return new Map(rows.map((row) => [row.demandId, row.minutes]));
}

/** A person's new answer replaces their earlier one. */
export async function saveEstimate(
  db: Db,
  values: { tenantId: string; demandId: string; personId: string; minutes: number },
): Promise<void> {
  await db
    .insert(estimate)
    .values(values)
    .onConflictDoUpdate({
      target: [estimate.demandId, estimate.personId],
      set: { minutes: values.minutes, answeredAt: new Date() },
    });
}

// ---- uses

export async function insertUse(db: Db, values: typeof demandUse.$inferInsert) {
  const [row] = await db.insert(demandUse).values(values).returning();
  return row;
}

export async function usesOf(db: Db, demandId: string) {
  return db
    .select()
    .from(demandUse)
    .where(eq(demandUse.demandId, demandId))
    .orderBy(desc(demandUse.usedOn), desc(demandUse.createdAt));
}

/** The last use and the number of uses of every demand that has any. */
export async function usageSummary(db: Db, tenantId: string) {
  const rows = await db
    .select({ demandId: demandUse.demandId, lastUsedOn: max(demandUse.usedOn), uses: count() })
    .from(demandUse)
    .where(eq(demandUse.tenantId, tenantId))
    .groupBy(demandUse.demandId);
  return new Map(rows.map((row) => [row.demandId, { lastUsedOn: row.lastUsedOn, uses: Number(row.uses) }]));
}

// ---- consequence analysis

export async function getAnalysis(db: Db, demandId: string): Promise<AnalysisRow | null> {
  const [row] = await db.select().from(analysis).where(eq(analysis.demandId, demandId));
  return row ?? null;
}

export async function saveAnalysis(db: Db, values: typeof analysis.$inferInsert): Promise<AnalysisRow> {
  const { demandId: _demandId, tenantId: _tenantId, ...changes } = values;
  const [row] = await db
    .insert(analysis)
    .values(values)
    .onConflictDoUpdate({ target: analysis.demandId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  return row;
}

export async function commentsOf(db: Db, demandId: string) {
  return db
    .select()
    .from(analysisComment)
    .where(eq(analysisComment.demandId, demandId))
    .orderBy(asc(analysisComment.createdAt));
}

export async function insertComment(db: Db, values: typeof analysisComment.$inferInsert) {
  const [row] = await db.insert(analysisComment).values(values).returning();
  return row;
}

// ---- retirement

export async function retirementsOf(db: Db, demandId: string): Promise<RetirementRow[]> {
  return db
    .select()
    .from(retirement)
    .where(eq(retirement.demandId, demandId))
    .orderBy(desc(retirement.proposedAt));
}

export async function getRetirement(db: Db, tenantId: string, id: string): Promise<RetirementRow | null> {
  const [row] = await db
    .select()
    .from(retirement)
    .where(and(eq(retirement.tenantId, tenantId), eq(retirement.id, id)))
    .for("update");
  return row ?? null;
}

export async function openRetirement(db: Db, demandId: string): Promise<RetirementRow | null> {
  const [row] = await db
    .select()
    .from(retirement)
    .where(and(eq(retirement.demandId, demandId), eq(retirement.status, "proposed")));
  return row ?? null;
}

export async function insertRetirement(db: Db, values: typeof retirement.$inferInsert) {
  const [row] = await db.insert(retirement).values(values).returning();
  return row;
}

export async function decideRetirement(
  db: Db,
  id: string,
  values: Partial<typeof retirement.$inferInsert>,
): Promise<RetirementRow> {
  const [row] = await db.update(retirement).set(values).where(eq(retirement.id, id)).returning();
  return row;
}
