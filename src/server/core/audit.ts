import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import type { Actor } from "./access.ts";
import type { Db } from "./db.ts";
import type { Text } from "./errors.ts";
import { auditLog } from "./tables.ts";

/** What happened, in words for both languages: the log is read by whoever administers the tenant. */
export type AuditNote = {
  action: string;
  targetType: string;
  targetId?: string | null;
  summary: Text;
  details?: unknown;
};

export type AuditEntry = AuditNote & {
  tenantId: string | null;
  actorId: string | null;
  actorName: string | null;
};

/** Appends to the audit log. Call it inside the mutation's transaction so both land or neither. */
export async function recordAudit(db: Db, { summary, ...entry }: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...entry,
    summary: summary.sv,
    summaryEn: summary.en,
    targetId: entry.targetId ?? null,
    details: entry.details ?? null,
  });
}

/** Audit entry for a mutation done by a signed-in actor, in the actor's tenant. */
export function auditAction(db: Db, actor: Actor, note: AuditNote): Promise<void> {
  return recordAudit(db, {
    tenantId: actor.tenantId,
    actorId: actor.personId,
    actorName: actor.name,
    ...note,
  });
}

/**
 * The one shape of a mutation: the work and its audit entry in one transaction, so both land or
 * neither. The note may depend on what the work returned (the new row's id, its title).
 */
export async function auditedTransaction<T>(
  db: Db,
  actor: Actor,
  work: (tx: Db) => Promise<T>,
  note: AuditNote | ((result: T) => AuditNote),
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await auditAction(tx, actor, typeof note === "function" ? note(result) : note);
    return result;
  });
}

type AuditFilter = {
  tenantId: string;
  action?: string;
  targetType?: string;
  actorId?: string;
  q?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
};

export async function listAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [eq(auditLog.tenantId, filter.tenantId)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      or(
        ilike(auditLog.summary, pattern),
        ilike(auditLog.summaryEn, pattern),
        ilike(auditLog.actorName, pattern),
      )!,
    );
  }
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
