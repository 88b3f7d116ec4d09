// What every import run as a job shares — the HR import and the inventory import: the life of an
// import (checked and previewed, queued for its job, applied or failed), the status to show when
// the job queue gave up on it, and its job's progress as the page that follows it reads it.
import { z } from "zod";
import type { Db } from "./db.ts";
import { getJob } from "./jobs.ts";

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
