// The HR import from upload to result, used by the HTTP routes, the job and the CLI.
import { randomUUID } from "node:crypto";
import { recordAudit } from "../core/audit.ts";
import { type Db, isSingleConnection } from "../core/db.ts";
import { AppError, badRequest, notFound } from "../core/errors.ts";
import { checkAndPlan, type ImportPlan, type ImportPreview, type LineError } from "./import-model.ts";
import * as store from "./import-store.ts";

/** At most this many line errors go back to the person; the total is always given. */
const ERRORS_SHOWN = 1000;

export type ImportResult = ImportPreview & { completedAt: string };
export type OnProgress = (done: number, total: number, label: string) => Promise<void> | void;

function importInvalid(errors: LineError[]): AppError {
  const lines = new Set(errors.map((e) => `${e.file}:${e.line}`)).size;
  return new AppError(
    400,
    "import_invalid",
    {
      sv: `Filen har fel på ${lines} rad${lines === 1 ? "" : "er"}. Inget har sparats.`,
      en: `The file has errors on ${lines} line${lines === 1 ? "" : "s"}. Nothing was saved.`,
    },
    { errors: errors.slice(0, ERRORS_SHOWN), total: errors.length },
  );
}

export type ImportInput = {
  tenantId: string;
  createdBy: string | null;
  unitsCsv?: string | null;
  peopleCsv?: string | null;
  fullImport: boolean;
};

async function plan(db: Db, input: ImportInput): Promise<ImportPlan> {
  const state = await store.loadTenantState(db, input.tenantId);
  const { plan, errors } = checkAndPlan({ ...input, state, importedBy: input.createdBy, newId: randomUUID });
  if (errors.length) throw importInvalid(errors);
  return plan;
}

/** Checks the files completely and stores them with their preview; nothing in the organisation changes yet. */
export async function prepareImport(
  db: Db,
  input: ImportInput,
): Promise<{ id: string; preview: ImportPreview }> {
  if (!input.unitsCsv?.trim() && !input.peopleCsv?.trim()) {
    throw badRequest({
      sv: "Välj en enhetsfil, en personfil eller båda.",
      en: "Choose a units file, a people file or both.",
    });
  }
  const { preview } = await plan(db, input);
  const row = await store.insertImport(db, {
    tenantId: input.tenantId,
    createdBy: input.createdBy,
    fullImport: input.fullImport,
    unitsCsv: input.unitsCsv || null,
    peopleCsv: input.peopleCsv || null,
    preview,
  });
  return { id: row.id, preview };
}

const planSize = (p: ImportPlan) =>
  p.newUnits.length +
  p.changedUnits.length +
  p.newPeople.length +
  p.changedPeople.length +
  p.deactivatedPeople.length +
  p.endedMemberships.length +
  p.newMemberships.length;

/**
 * Applies a stored import. Everything happens in one transaction: under a per-tenant lock the files
 * are checked again against the organisation as it is now (it may have changed since the preview),
 * then written in batches, and the import is marked succeeded. Killed halfway, nothing of it
 * remains and running it again starts over.
 *
 * Progress: on PostgreSQL `onProgress` is called after every batch; the job context writes it on
 * another pooled connection, so the UI sees it while the transaction is still open. Embedded PGlite
 * has a single connection that the transaction holds, so a progress write from outside would wait
 * for the commit (a deadlock if awaited) and every other request waits too; there the job reports
 * only "checking" before and "done" after — the import is short enough (60,000 people: about 10 s)
 * for that, and large installations run on PostgreSQL.
 */
export async function applyImport(
  db: Db,
  importId: string,
  onProgress: OnProgress = () => {},
): Promise<ImportResult> {
  const row = await store.getImportById(db, importId);
  if (!row) throw notFound({ sv: "Importen finns inte.", en: "The import does not exist." });
  if (row.status === "succeeded") return row.result as ImportResult;
  await onProgress(0, 1, "checking");
  const reportInside = !isSingleConnection(db);
  const { result, total } = await db.transaction(async (tx) => {
    await store.lockTenantImports(tx, row.tenantId);
    const again = await store.getImportById(tx, importId);
    // A second run of the same job that waited for the lock finds the first one's work done.
    if (again?.status === "succeeded") return { result: again.result as ImportResult, total: 1 };
    const current = await plan(tx, { ...row, createdBy: row.createdBy });
    const total = Math.max(planSize(current), 1);
    const result: ImportResult = { ...current.preview, completedAt: new Date().toISOString() };
    if (reportInside) await onProgress(0, total, "units"); // writing starts with the units
    await store.applyPlan(tx, row.tenantId, current, async (written, label) => {
      if (reportInside) await onProgress(written, total, label);
    });
    // A large import changes the tables a lot; fresh statistics keep the chain's counts (burden,
    // surveys) on good query plans without waiting for autovacuum. Inside the transaction, so the
    // job ends as soon as the import is committed.
    await store.refreshStatistics(tx);
    await store.setImportStatus(tx, row.id, "succeeded", result);
    await recordAudit(tx, {
      tenantId: row.tenantId,
      actorId: row.createdBy,
      actorName: null,
      action: "org.import.complete",
      targetType: "org_import",
      targetId: row.id,
      summary: summarise(result),
      details: result,
    });
    return { result, total };
  });
  await onProgress(total, total, "done");
  return result;
}

export function summarise(result: ImportPreview): string {
  const { units, people, memberships } = result;
  return (
    `Import: ${units.new} nya och ${units.changed} ändrade enheter, ${units.deactivated} inaktiverade; ` +
    `${people.new} nya och ${people.changed} ändrade personer, ${people.deactivated} inaktiverade; ` +
    `${memberships.new} nya och ${memberships.ended} avslutade roller`
  );
}

export const getImport = store.getImport;
export const listImports = store.listImports;
export const markImport = store.moveImportStatus;
export const setUnfinishedImportStatus = store.setUnfinishedImportStatus;
