// SQL for the inventory import's own rows: the uploaded file with its preview, its status as its job
// moves it on, and the lock that keeps two imports of one tenant from being planned against each
// other. The demands themselves are written through store.ts.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import type { ImportStatus } from "../core/imports.ts";
import type { InventoryImportCounts, InventoryImportFailure, InventoryImportResult } from "./import-model.ts";
import { inventoryImport } from "./tables.ts";

export type InventoryImportRow = typeof inventoryImport.$inferSelect;

export async function insertImport(
  db: Db,
  row: { tenantId: string; createdBy: string | null; csv: string; preview: InventoryImportCounts },
): Promise<InventoryImportRow> {
  const [created] = await db
    .insert(inventoryImport)
    .values({ ...row, status: "previewed" })
    .returning();
  return created;
}

export async function getImport(db: Db, tenantId: string, id: string): Promise<InventoryImportRow | null> {
  const [row] = await db
    .select()
    .from(inventoryImport)
    .where(and(eq(inventoryImport.tenantId, tenantId), eq(inventoryImport.id, id)));
  return row ?? null;
}

/** The job's read: it knows the import by id alone. */
export async function getImportById(db: Db, id: string): Promise<InventoryImportRow | null> {
  const [row] = await db.select().from(inventoryImport).where(eq(inventoryImport.id, id));
  return row ?? null;
}

/** Moves an import from one status to the next; false when it was no longer in `from` (someone else won). */
export async function moveImportStatus(
  db: Db,
  id: string,
  from: ImportStatus,
  to: { status: ImportStatus; jobId?: number },
): Promise<boolean> {
  const rows = await db
    .update(inventoryImport)
    .set({ ...to, updatedAt: new Date() })
    .where(and(eq(inventoryImport.id, id), eq(inventoryImport.status, from)))
    .returning({ id: inventoryImport.id });
  return rows.length > 0;
}

/**
 * Sets the status of an import that has not succeeded. A succeeded import keeps its status and
 * result: a job retried after its transaction committed must not turn it back into "running".
 */
export async function setUnfinishedImportStatus(
  db: Db,
  id: string,
  status: ImportStatus,
  result?: InventoryImportFailure,
) {
  await db
    .update(inventoryImport)
    .set({ status, updatedAt: new Date(), ...(result === undefined ? {} : { result }) })
    .where(and(eq(inventoryImport.id, id), ne(inventoryImport.status, "succeeded")));
}

export async function markImportSucceeded(db: Db, id: string, result: InventoryImportResult) {
  await db
    .update(inventoryImport)
    .set({ status: "succeeded", result, updatedAt: new Date() })
    .where(eq(inventoryImport.id, id));
}

/**
 * Serialises the inventory imports of one tenant for the length of the caller's transaction, so an
 * import is always planned against the register it is written to (two workers, or a retried job).
 */
export async function lockTenantImports(db: Db, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`inventory_import:${tenantId}`}))`);
}
