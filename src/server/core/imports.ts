// What every import run as a job shares — the HR import and the inventory import: the life of an
// import (checked and previewed, queued for its job, applied or failed), the status to show when
// the job queue gave up on it, and its job's progress as the page that follows it reads it.
import { z } from "zod";
import type { Db } from "./db.ts";
import type { AppError } from "./errors.ts";
import { getJob, type JobContext, type JobHandler, PermanentJobError } from "./jobs.ts";

export const IMPORT_STATUSES = ["previewed", "queued", "running", "succeeded", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * The status to show for an import. The job queue may give up on a job whose process died on its
 * last attempt without the import hearing of it; then the import has failed too.
 */
export function shownImportStatus(importStatus: ImportStatus, jobStatus: string | null): ImportStatus {
  if (jobStatus === "failed" && (importStatus === "queued" || importStatus === "running")) return "failed";
  return importStatus;
}

/** An import's job as the page following it polls it. */
export const jobProgress = z.object({
  status: z.string(),
  progress: z.number(),
  progressTotal: z.number().nullable(),
  progressLabel: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type JobProgress = z.infer<typeof jobProgress>;

/** An import's shown status and its job's progress (null before it is committed). */
export async function importJobState(
  db: Db,
  row: { status: ImportStatus; jobId: number | null },
): Promise<{ status: ImportStatus; job: JobProgress | null }> {
  const job = row.jobId === null ? null : await getJob(db, row.jobId);
  return {
    status: shownImportStatus(row.status, job?.status ?? null),
    job: job && {
      status: job.status,
      progress: job.progress,
      progressTotal: job.progressTotal,
      progressLabel: job.progressLabel,
      lastError: job.lastError,
    },
  };
}

/** A file an import refused when its job ran: its line errors, kept on the import as its result. */
type ImportRefusal = AppError & { failure: unknown };

/**
 * The job that applies a committed import. The import is marked running; a refusal of the file
 * fails it at once with its line errors (retrying would not help), anything else (a lost
 * connection) is retried, and the import is marked failed after the last try.
 */
export function importJobHandler(parts: {
  setStatus(db: Db, importId: string, status: ImportStatus, result?: unknown): Promise<void>;
  apply(db: Db, importId: string, progress: JobContext["progress"]): Promise<unknown>;
  isRefusal(error: unknown): error is ImportRefusal;
}): JobHandler {
  return async ({ db, job, progress }) => {
    const { importId } = z.object({ importId: z.uuid() }).parse(job.payload);
    await parts.setStatus(db, importId, "running");
    try {
      return await parts.apply(db, importId, progress);
    } catch (error) {
      const refused = parts.isRefusal(error);
      if (refused || job.attempts >= job.maxAttempts)
        await parts.setStatus(db, importId, "failed", refused ? error.failure : { error: String(error) });
      if (refused) throw new PermanentJobError(error.text.en);
      throw error;
    }
  };
}

/** A succeeded import's result is what it wrote (a failed one's would be its errors). */
export function succeededResult<R extends { completedAt: string }>(row: { id: string; result: unknown }): R {
  const result = row.result;
  if (!result || typeof result !== "object" || !("completedAt" in result))
    throw new Error(`import ${row.id} succeeded without a result`);
  return result as R;
}
