// The inventory import from upload to result, as the HR import does it: the file is read and checked
// whole and previewed in the request (fast), and a commit queues a job that writes the demands in
// one transaction and reports its progress, so a large file never holds a request — or, on PGlite,
// every other request — for the seconds it takes to write.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction, recordAudit } from "../core/audit.ts";
import { type Db, isSingleConnection } from "../core/db.ts";
import { AppError, type Lang, notFound, type Text } from "../core/errors.ts";
import { importJobHandler, importJobState, succeededResult } from "../core/imports.ts";
import { enqueueJob, PermanentJobError } from "../core/jobs.ts";
import { enforce, refuse } from "../core/verdict.ts";
import {
  fingerprint,
  type ImportedDemand,
  type InventoryImportCounts,
  type InventoryImportResult,
  type InventoryLineError,
  type Lookup,
  planInventoryImport,
  readInventory,
  requesterKeyOf,
} from "./import-model.ts";
import * as importStore from "./import-store.ts";
import * as policy from "./policy.ts";
import type { NewInventoryImport } from "./schemas.ts";
import * as store from "./store.ts";
import { asImported, type ChainContext, loadChain, requesterOfRow } from "./views.ts";

export const INVENTORY_IMPORT_JOB_KIND = "inventory.import";

/** At most this many bad lines go back to the person; the count is always given. */
const ERRORS_SHOWN = 500;
/** Demands per insert statement and per progress report. */
const BATCH_SIZE = 1000;

type OnProgress = (done: number, total: number, label: string) => Promise<void> | void;

function invalidText(total: number): Text {
  return {
    sv: `Filen har fel på ${total} ${total === 1 ? "rad" : "rader"}. Inget har sparats.`,
    en: `The file has errors on ${total} ${total === 1 ? "line" : "lines"}. Nothing was saved.`,
  };
}

/** A file that cannot be imported: a 400 with the first bad lines and how many there are. */
export class InventoryImportInvalid extends AppError {
  constructor(readonly failure: { errors: InventoryLineError[]; total: number }) {
    super(400, "import_invalid", invalidText(failure.total), failure);
  }
}

/** The file's demands as the tenant's register stands now, or the refusal naming its bad lines. */
async function check(db: Db, tenantId: string, csv: string) {
  const { demands, errors } = readInventory(csv, lookupOf(await loadChain(db, tenantId)));
  if (errors.length)
    throw new InventoryImportInvalid({ errors: errors.slice(0, ERRORS_SHOWN), total: errors.length });
  return planFor(db, tenantId, demands);
}

/** The file's units by code and actors by name, as the tenant has them. */
function lookupOf(context: ChainContext): Lookup {
  return {
    units: new Map(
      [...context.units.values()].flatMap((unit) => (unit.code ? [[unit.code, unit.id] as const] : [])),
    ),
    actors: new Map([...context.actors.values()].map((a) => [a.name.toLocaleLowerCase("sv-SE"), a.id])),
  };
}

/** What the file would change in the register as it is now. */
async function planFor(db: Db, tenantId: string, demands: ImportedDemand[]) {
  const existing = await store.listDemands(db, tenantId);
  const plan = planInventoryImport(
    demands,
    existing.map((row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      requesterKey: requesterKeyOf(requesterOfRow(row)),
      fingerprint: fingerprint(asImported(row)),
    })),
  );
  const counts: InventoryImportCounts = {
    rows: demands.length,
    new: plan.create.length,
    changed: plan.update.length,
    unchanged: plan.unchanged,
  };
  return { plan, counts };
}

const columnsOf = ({ line: _line, requester, ...demand }: ImportedDemand) => ({
  ...demand,
  requesterUnitId: "unitId" in requester ? requester.unitId : null,
  requesterActorId: "actorId" in requester ? requester.actorId : null,
});

// ---- the use cases behind the routes

const importNotFound: Text = { sv: "Importen finns inte.", en: "The import does not exist." };
const alreadyStarted = refuse(
  "import_started",
  "Importen är redan genomförd eller startad.",
  "The import has already been run or started.",
);

/** An analyst uploads a file: checked whole and previewed, nothing in the register changes yet. */
export async function uploadImport(db: Db, actor: Actor, { csv }: NewInventoryImport) {
  authorize(policy.manageDemands(actor));
  const { counts } = await check(db, actor.tenantId, csv);
  const row = await importStore.insertImport(db, {
    tenantId: actor.tenantId,
    createdBy: actor.personId,
    csv,
    preview: counts,
  });
  return { id: row.id, preview: counts };
}

/** Queues a previewed import for its job; an import is started once. */
export async function commitImport(db: Db, actor: Actor, importId: string): Promise<{ jobId: number }> {
  authorize(policy.manageDemands(actor));
  const row = await importStore.getImport(db, actor.tenantId, importId);
  if (!row) throw notFound(importNotFound);
  return auditedTransaction(
    db,
    actor,
    async (tx) => {
      const job = await enqueueJob(tx, {
        kind: INVENTORY_IMPORT_JOB_KIND,
        tenantId: actor.tenantId,
        createdBy: actor.personId,
        payload: { importId: row.id },
      });
      const moved = await importStore.moveImportStatus(tx, row.id, "previewed", {
        status: "queued",
        jobId: job.id,
      });
      if (!moved) enforce(alreadyStarted);
      return { jobId: job.id };
    },
    {
      action: "inventory.import.commit",
      targetType: "inventory_import",
      targetId: row.id,
      summary: {
        sv: `Startade en import av inventeringen: ${row.preview.new} nya, ${row.preview.changed} ändrade krav`,
        en: `Started an inventory import: ${row.preview.new} new, ${row.preview.changed} changed demands`,
      },
      details: row.preview,
    },
  );
}

/** One import with its job's progress, for the page that follows it; a failed file's lines in the reader's language. */
export async function importDetail(db: Db, actor: Actor, importId: string, lang: Lang) {
  authorize(policy.manageDemands(actor));
  const row = await importStore.getImport(db, actor.tenantId, importId);
  if (!row) throw notFound(importNotFound);
  const { status, job } = await importJobState(db, row);
  return {
    id: row.id,
    status,
    createdAt: row.createdAt,
    preview: row.preview,
    result:
      row.result && "errors" in row.result
        ? {
            ...row.result,
            errors: row.result.errors.map((error) => ({ ...error, message: error.message[lang] })),
          }
        : row.result,
    jobId: row.jobId,
    job,
  };
}

// ---- the job

/**
 * Writes a committed import. Everything happens in one transaction: under a per-tenant lock the
 * file is checked again against the register as it is now (it may have changed since the preview),
 * the demands are written in batches, and the import is marked succeeded with its audit entry.
 * Killed halfway, nothing of it remains, and the job runner's lease gives it to the next try.
 *
 * Progress, as in the HR import: on PostgreSQL after every batch (the job context writes it on
 * another pooled connection, so the page sees it while the transaction is open); embedded PGlite has
 * one connection, held by the transaction, so there only "checking" before and "done" after.
 */
export async function applyImport(
  db: Db,
  importId: string,
  onProgress: OnProgress = () => {},
): Promise<InventoryImportResult> {
  const row = await importStore.getImportById(db, importId);
  if (!row) throw new PermanentJobError(`inventory import ${importId} does not exist`);
  if (row.status === "succeeded") return succeededResult<InventoryImportResult>(row);
  await onProgress(0, 1, "checking");
  const reportInside = !isSingleConnection(db);
  const { result, total } = await db.transaction(async (tx) => {
    await importStore.lockTenantImports(tx, row.tenantId);
    const again = await importStore.getImportById(tx, importId);
    // A second run of the same job that waited for the lock finds the first one's work done.
    if (again?.status === "succeeded")
      return { result: succeededResult<InventoryImportResult>(again), total: 1 };
    const { plan, counts } = await check(tx, row.tenantId, row.csv);
    const total = Math.max(plan.create.length + plan.update.length, 1);
    let written = 0;
    const report = async () => {
      if (reportInside) await onProgress(written, total, "demands");
    };
    await report();
    const activatedAt = new Date();
    for (let at = 0; at < plan.create.length; at += BATCH_SIZE) {
      const batch = plan.create.slice(at, at + BATCH_SIZE);
      // An imported inventory describes demands already in force.
      await store.insertDemands(
        tx,
        batch.map((demand) => ({
          ...columnsOf(demand),
          tenantId: row.tenantId,
          status: "active",
          existing: true,
          activatedAt,
          createdBy: row.createdBy,
        })),
      );
      written += batch.length;
      await report();
    }
    for (const { id, demand } of plan.update) {
      await store.updateDemand(tx, id, columnsOf(demand));
      written += 1;
      if (written % BATCH_SIZE === 0) await report();
    }
    const result: InventoryImportResult = { ...counts, completedAt: new Date().toISOString() };
    await importStore.markImportSucceeded(tx, row.id, result);
    await recordAudit(tx, {
      tenantId: row.tenantId,
      actorId: row.createdBy,
      actorName: null,
      action: "inventory.import",
      targetType: "inventory_import",
      targetId: row.id,
      summary: {
        sv: `Importerade inventering: ${counts.new} nya, ${counts.changed} ändrade, ${counts.unchanged} oförändrade`,
        en: `Imported an inventory: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`,
      },
      details: counts,
    });
    return { result, total };
  });
  await onProgress(total, total, "done");
  return result;
}

/**
 * Runs a committed import. A file that no longer fits the register fails at once with its line
 * errors; anything else (a lost connection) is retried, and the import is failed after the last try.
 */
export const inventoryImportJobHandler = importJobHandler({
  setStatus: importStore.setUnfinishedImportStatus,
  apply: applyImport,
  isRefusal: (error) => error instanceof InventoryImportInvalid,
});
