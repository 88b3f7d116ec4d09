// SQL for the HR import: the tenant's current state, the import rows, and applying a plan in
// set-based batches (one statement per batch, never one per row).
import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../core/db.ts";
import type {
  ImportPlan,
  ImportPreview,
  MembershipWrite,
  PersonWrite,
  TenantState,
  UnitWrite,
} from "./import-model.ts";
import { membership, orgImport, person, unit } from "./tables.ts";

/** Rows per statement: large enough to be fast, well under PostgreSQL's 65,535 parameters. */
export const BATCH_SIZE = 1000;

export async function loadTenantState(db: Db, tenantId: string): Promise<TenantState> {
  const [units, people, memberships] = await Promise.all([
    db
      .select({
        id: unit.id,
        code: unit.code,
        name: unit.name,
        parentId: unit.parentId,
        kind: unit.kind,
        kindLabel: unit.kindLabel,
        path: unit.path,
        active: unit.active,
      })
      .from(unit)
      .where(eq(unit.tenantId, tenantId)),
    db
      .select({
        id: person.id,
        employeeNumber: person.employeeNumber,
        name: person.name,
        email: person.email,
        active: person.active,
      })
      .from(person)
      .where(eq(person.tenantId, tenantId)),
    db
      .select({
        id: membership.id,
        personId: membership.personId,
        unitId: membership.unitId,
        role: membership.role,
      })
      .from(membership)
      .where(and(eq(membership.tenantId, tenantId), isNull(membership.endedAt))),
  ]);
  return { units, people, memberships };
}

export type ImportRow = typeof orgImport.$inferSelect;

export async function insertImport(
  db: Db,
  row: {
    tenantId: string;
    createdBy: string | null;
    fullImport: boolean;
    unitsCsv: string | null;
    peopleCsv: string | null;
    preview: ImportPreview;
  },
): Promise<ImportRow> {
  const [created] = await db
    .insert(orgImport)
    .values({ ...row, status: "previewed" })
    .returning();
  return created;
}

export async function getImport(db: Db, tenantId: string, id: string): Promise<ImportRow | null> {
  const [row] = await db
    .select()
    .from(orgImport)
    .where(and(eq(orgImport.tenantId, tenantId), eq(orgImport.id, id)));
  return row ?? null;
}

export async function getImportById(db: Db, id: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(orgImport).where(eq(orgImport.id, id));
  return row ?? null;
}

export function listImports(db: Db, tenantId: string, limit = 50) {
  return db
    .select({
      id: orgImport.id,
      status: orgImport.status,
      fullImport: orgImport.fullImport,
      createdAt: orgImport.createdAt,
      preview: orgImport.preview,
      result: orgImport.result,
      jobId: orgImport.jobId,
    })
    .from(orgImport)
    .where(eq(orgImport.tenantId, tenantId))
    .orderBy(desc(orgImport.createdAt))
    .limit(limit);
}

/** Moves an import from one status to the next; false when it was no longer in `from` (someone else won). */
export async function moveImportStatus(
  db: Db,
  id: string,
  from: string,
  to: { status: string; jobId?: number; result?: unknown },
): Promise<boolean> {
  const rows = await db
    .update(orgImport)
    .set(to)
    .where(and(eq(orgImport.id, id), eq(orgImport.status, from)))
    .returning({ id: orgImport.id });
  return rows.length > 0;
}

export async function setImportStatus(db: Db, id: string, status: string, result?: unknown) {
  await db
    .update(orgImport)
    .set({ status, ...(result === undefined ? {} : { result }) })
    .where(eq(orgImport.id, id));
}

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE)
    out.push(items.slice(start, start + BATCH_SIZE));
  return out;
};

type Progress = (written: number, label: string) => Promise<void>;

/** Writes the plan; the caller wraps it in one transaction so a crash leaves nothing half-done. */
export async function applyPlan(
  db: Db,
  tenantId: string,
  plan: ImportPlan,
  progress: Progress,
): Promise<void> {
  let written = 0;
  const step = async (label: string, items: unknown[][], write: (batch: never[]) => Promise<unknown>) => {
    for (const batch of items) {
      await write(batch as never[]);
      written += batch.length;
      await progress(written, label);
    }
  };
  await step("units", chunks(plan.newUnits), (batch: UnitWrite[]) =>
    db.insert(unit).values(batch.map((u) => ({ ...u, tenantId }))),
  );
  await step("units", chunks(plan.changedUnits), (batch: UnitWrite[]) => updateUnits(db, batch));
  await step("people", chunks(plan.newPeople), (batch: PersonWrite[]) =>
    db.insert(person).values(batch.map((p) => ({ ...p, tenantId }))),
  );
  await step("people", chunks(plan.changedPeople), (batch: PersonWrite[]) => updatePeople(db, batch));
  await step("people", chunks(plan.deactivatedPeople), (batch: string[]) =>
    db
      .update(person)
      .set({ active: false, deactivatedAt: new Date(), updatedAt: new Date() })
      .where(inArray(person.id, batch)),
  );
  await step("memberships", chunks(plan.endedMemberships), (batch: string[]) =>
    db.update(membership).set({ endedAt: new Date() }).where(inArray(membership.id, batch)),
  );
  await step("memberships", chunks(plan.newMemberships), (batch: MembershipWrite[]) =>
    db.insert(membership).values(batch.map((m) => ({ ...m, tenantId }))),
  );
}

const values = (rows: SQL[][]) =>
  sql.join(
    rows.map((row) => sql`(${sql.join(row, sql`, `)})`),
    sql`, `,
  );

function updateUnits(db: Db, batch: UnitWrite[]) {
  const rows = batch.map((u) => [
    sql`${u.id}`,
    sql`${u.name}`,
    sql`${u.parentId}`,
    sql`${u.kind}`,
    sql`${u.kindLabel}`,
    sql`${u.path}`,
    sql`${u.active}`,
  ]);
  return db.execute(sql`
    update unit set name = v.name, parent_id = v.parent_id::uuid, kind = v.kind, kind_label = v.kind_label,
      path = v.path, active = v.active::boolean, updated_at = now()
    from (values ${values(rows)}) as v(id, name, parent_id, kind, kind_label, path, active)
    where unit.id = v.id::uuid`);
}

function updatePeople(db: Db, batch: PersonWrite[]) {
  const rows = batch.map((p) => [sql`${p.id}`, sql`${p.employeeNumber}`, sql`${p.name}`, sql`${p.email}`]);
  return db.execute(sql`
    update person set employee_number = v.employee_number, name = v.name, email = v.email,
      active = true, deactivated_at = null, updated_at = now()
    from (values ${values(rows)}) as v(id, employee_number, name, email)
    where person.id = v.id::uuid`);
}
