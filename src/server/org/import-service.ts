// The HR import from upload to result, used by the HTTP routes, the job and the CLI.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction, recordAudit } from "../core/audit.ts";
import { type Db, isSingleConnection } from "../core/db.ts";
import { AppError, badRequest, notFound, type Text } from "../core/errors.ts";
import { importJobHandler, importJobState, shownImportStatus, succeededResult } from "../core/imports.ts";
import { enqueueJob, getJob } from "../core/jobs.ts";
import { enforce, refuse } from "../core/verdict.ts";
import {
  checkAndPlan,
  type ImportPlan,
  type ImportPreview,
  type ImportResult,
  type LineError,
} from "./import-model.ts";
import * as store from "./import-store.ts";
import * as policy from "./policy.ts";
import type { newImport } from "./schemas.ts";

export const ORG_IMPORT_JOB_KIND = "org.import";

/** At most this many line errors go back to the person; the total is always given. */
const ERRORS_SHOWN = 1000;

type OnProgress = (done: number, total: number, label: string) => Promise<void> | void;

function invalidText(errors: LineError[]): Text {
  const lines = new Set(errors.map((e) => `${e.file}:${e.line}`)).size;
  return {
    sv: `Filen har fel på ${lines} rad${lines === 1 ? "" : "er"}. Inget har sparats.`,
    en: `The file has errors on ${lines} line${lines === 1 ? "" : "s"}. Nothing was saved.`,
  };
}

/** Files that cannot be applied: a 400 with the bad lines (the first thousand) and how many there are. */
export class ImportInvalid extends AppError {
  constructor(readonly failure: { errors: LineError[]; total: number }) {
    super(400, "import_invalid", invalidText(failure.errors), failure);
  }
}

const importInvalid = (errors: LineError[]) =>
  new ImportInvalid({ errors: errors.slice(0, ERRORS_SHOWN), total: errors.length });

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
  if (row.status === "succeeded") return succeededResult<ImportResult>(row);
  await onProgress(0, 1, "checking");
  const reportInside = !isSingleConnection(db);
  const { result, total } = await db.transaction(async (tx) => {
    await store.lockTenantImports(tx, row.tenantId);
    const again = await store.getImportById(tx, importId);
    // A second run of the same job that waited for the lock finds the first one's work done.
    if (again?.status === "succeeded") return { result: succeededResult<ImportResult>(again), total: 1 };
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
    await store.markImportSucceeded(tx, row.id, result);
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

/** What an import did, in words for the audit log and the CLI. */
export function summarise(result: ImportPreview): Text {
  const { units, people, memberships } = result;
  return {
    sv:
      `Import: ${units.new} nya och ${units.changed} ändrade enheter, ${units.deactivated} inaktiverade; ` +
      `${people.new} nya och ${people.changed} ändrade personer, ${people.deactivated} inaktiverade; ` +
      `${memberships.new} nya och ${memberships.ended} avslutade roller`,
    en:
      `Import: ${units.new} new and ${units.changed} changed units, ${units.deactivated} deactivated; ` +
      `${people.new} new and ${people.changed} changed people, ${people.deactivated} deactivated; ` +
      `${memberships.new} new and ${memberships.ended} ended roles`,
  };
}

// ---- the use cases behind the routes

const importNotFound: Text = { sv: "Importen finns inte.", en: "The import does not exist." };
const alreadyStarted = refuse(
  "import_started",
  "Importen är redan genomförd eller startad.",
  "The import has already been run or started.",
);

/** An administrator uploads the files: checked completely and previewed, nothing applied yet. */
export async function uploadImport(db: Db, actor: Actor, input: z.infer<typeof newImport>) {
  authorize(policy.manageOrg(actor));
  return prepareImport(db, { tenantId: actor.tenantId, createdBy: actor.personId, ...input });
}

/** Queues a previewed import for its job; an import is started once. */
export async function commitImport(db: Db, actor: Actor, importId: string): Promise<{ jobId: number }> {
  authorize(policy.manageOrg(actor));
  const row = await store.getImport(db, actor.tenantId, importId);
  if (!row) throw notFound(importNotFound);
  const jobId = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const job = await enqueueJob(tx, {
        kind: ORG_IMPORT_JOB_KIND,
        tenantId: actor.tenantId,
        createdBy: actor.personId,
        payload: { importId: row.id },
      });
      const moved = await store.moveImportStatus(tx, row.id, "previewed", {
        status: "queued",
        jobId: job.id,
      });
      if (!moved) enforce(alreadyStarted);
      return job.id;
    },
    {
      action: "org.import.commit",
      targetType: "org_import",
      targetId: row.id,
      summary: row.fullImport
        ? { sv: "Startade en fullständig import", en: "Started a full import" }
        : {
            sv: "Startade en import av tillägg och ändringar",
            en: "Started an import of additions and changes",
          },
      details: row.preview,
    },
  );
  return { jobId };
}

/** The tenant's latest imports, each with the status its job gives it. */
export async function listImports(db: Db, actor: Actor) {
  authorize(policy.manageOrg(actor));
  const rows = await store.listImports(db, actor.tenantId);
  return Promise.all(
    rows.map(async (row) => {
      const unfinished = row.jobId !== null && (row.status === "queued" || row.status === "running");
      const job = unfinished && row.jobId !== null ? await getJob(db, row.jobId) : null;
      return { ...row, status: shownImportStatus(row.status, job?.status ?? null) };
    }),
  );
}

/** One import with its job's progress, for the page that follows it. */
export async function importDetail(db: Db, actor: Actor, importId: string) {
  authorize(policy.manageOrg(actor));
  const row = await store.getImport(db, actor.tenantId, importId);
  if (!row) throw notFound(importNotFound);
  const { status, job } = await importJobState(db, row);
  return {
    id: row.id,
    status,
    fullImport: row.fullImport,
    createdAt: row.createdAt,
    preview: row.preview,
    result: row.result,
    jobId: row.jobId,
    job,
  };
}

/**
 * Runs a committed import. Files that no longer fit the organisation fail at once with their line
 * errors; anything else (a lost connection) is retried, and the import is failed after the last try.
 */
export const orgImportJobHandler = importJobHandler({
  setStatus: store.setUnfinishedImportStatus,
  apply: applyImport,
  isRefusal: (error) => error instanceof ImportInvalid,
});
