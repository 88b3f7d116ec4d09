// The only place that speaks SQL for the follow-up inventory.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, max, or, type SQL, sql } from "drizzle-orm";
import type { Role } from "../core/access.ts";
import { type Db, queryRows } from "../core/db.ts";
import type { BurdenLoad, DemandStatus, GroupBy } from "./model.ts";
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

/** What a demand's burden is computed from. */
export type BurdenRow = Pick<
  DemandRow,
  | "id"
  | "title"
  | "kind"
  | "purpose"
  | "requesterUnitId"
  | "requesterActorId"
  | "reporters"
  | "frequencyPerYear"
  | "minutesPerOccurrence"
  | "hourlyCost"
>;

/** In force on a day (model.ts inForce): active, started, not ended. */
const inForceOn = (today: string) =>
  and(
    eq(demand.status, "active"),
    or(isNull(demand.startDate), lte(demand.startDate, today)),
    or(isNull(demand.endDate), gte(demand.endDate, today)),
  );

/** What each grouping sums the demands by, and what the group is called where the row says it. */
const LOAD_KEYS: Record<GroupBy | "unit", { key: SQL; label: SQL }> = {
  role: { key: sql`''`, label: sql`null` },
  unit: { key: sql`''`, label: sql`null` },
  purpose: { key: sql`${demand.purpose}`, label: sql`null` },
  kind: { key: sql`${demand.kind}`, label: sql`null` },
  demand: { key: sql`${demand.id}::text`, label: sql`${demand.title}` },
  // As requesterKeyOf (views.ts) makes it: an external actor if there is one, else the unit.
  requester: {
    key: sql`case when ${demand.requesterActorId} is not null then 'actor:' || ${demand.requesterActorId}
      else 'unit:' || coalesce(${demand.requesterUnitId}::text, '') end`,
    label: sql`null`,
  },
};

/**
 * The burden's sums, made where the demands are: the demands in force on `today`, each with its
 * staff's median estimate in place of the analyst's guess (as effectiveMinutes), summed as
 * minutes × occurrences a year (× population) per group key, reporters' role and units, and hourly
 * cost (model.ts BurdenLoad). A few thousand rows for the whole register, whatever its size in demands.
 */
export async function burdenLoads(
  db: Db,
  tenantId: string,
  { today, groupBy }: { today: string; groupBy: GroupBy | "unit" },
): Promise<BurdenLoad[]> {
  const { key, label } = LOAD_KEYS[groupBy];
  const rows = await queryRows<{
    key: string;
    label: string | null;
    population: boolean;
    role: Role | null;
    unit_ids: string[] | null;
    unit_id: string | null;
    hourly_cost: number | null;
    load: number;
  }>(
    db,
    sql`with in_force as (
      select ${key} as key, ${label} as label, ${demand.reporters} as reporters, ${demand.hourlyCost} as hourly_cost,
        coalesce(e.median, ${demand.minutesPerOccurrence}) * ${demand.frequencyPerYear} as load
      from ${demand}
      -- One probe of the estimates' (demand, person) index per demand: a plan that stays cheap
      -- when the statistics are missing or stale (a hash of every estimate was rescanned per
      -- demand after a bulk write, 7 s at 5,000 demands).
      left join lateral (
        select percentile_cont(0.5) within group (order by minutes) as median
        from ${estimate} where ${estimate.demandId} = ${demand.id}
      ) e on true
      where ${demand.tenantId} = ${tenantId} and ${inForceOn(today)}
    )
    select key, max(label) as label, false as population, role.value as role,
      reporters -> 'unitIds' as unit_ids, null as unit_id, hourly_cost, sum(load) as load
    from in_force
    cross join lateral (select distinct value from jsonb_array_elements_text(reporters -> 'roles')) role
    where reporters -> 'roles' is not null
    group by key, role.value, reporters -> 'unitIds', hourly_cost
    union all
    select key, max(label), true, reporters ->> 'role', null, reporters ->> 'unitId', hourly_cost,
      sum(load * (reporters ->> 'population')::float8)
    from in_force
    where reporters -> 'roles' is null
    group by key, reporters ->> 'role', reporters ->> 'unitId', hourly_cost`,
  );
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    reporters: row.population
      ? { population: 1, role: row.role, unitId: row.unit_id }
      : { roles: [row.role as Role], unitIds: row.unit_ids ?? [] },
    hourlyCost: row.hourly_cost === null ? null : Number(row.hourly_cost),
    load: Number(row.load),
  }));
}

/** The trust placement of every demand in force on `today`. */
export async function placementsInForce(db: Db, tenantId: string, today: string) {
  const rows = await db
    .select({ id: demand.id, trust: demand.trust })
    .from(demand)
    .where(and(eq(demand.tenantId, tenantId), inForceOn(today)));
  return new Map(rows.map((row) => [row.id, row.trust]));
}

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

/** Fresh statistics after a bulk write, so the planner knows the register's size (as the HR import does). */
export async function analyzeInventory(db: Db): Promise<void> {
  await db.execute(sql`analyze inventory_demand, inventory_estimate, inventory_use`);
}

/** Many estimates in one statement per thousand (generated benchmark data). */
export async function insertEstimates(db: Db, values: (typeof estimate.$inferInsert)[]): Promise<void> {
  for (let at = 0; at < values.length; at += 1000)
    await db.insert(estimate).values(values.slice(at, at + 1000));
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

/** Many uses in one statement per thousand (generated benchmark data). */
export async function insertUses(db: Db, values: (typeof demandUse.$inferInsert)[]): Promise<void> {
  for (let at = 0; at < values.length; at += 1000)
    await db.insert(demandUse).values(values.slice(at, at + 1000));
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
