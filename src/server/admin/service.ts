// The administrators' views of the platform's own machinery: the audit log in the reader's
// language, the mail outbox, and the jobs. Reads only; the policy decides who sees them.
import type { z } from "zod";
import { hideAccountLinks } from "../account/model.ts";
import { type Actor, authorize } from "../core/access.ts";
import { listAudit } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { type Lang, notFound, type Text } from "../core/errors.ts";
import { getJob, type JobRow, listJobs } from "../core/jobs.ts";
import { listOutbox, type Mailer } from "../core/mail.ts";
import * as policy from "./policy.ts";
import type { auditItem, auditQuery, jobsQuery, jobView, outboxQuery } from "./schemas.ts";

type AuditLogInput = {
  query: z.infer<typeof auditQuery>;
  lang: Lang;
  /** Every module's audit actions in words (the application's `auditActions`). */
  actionWords: Record<string, Text>;
};

/**
 * The tenant's audit log, newest first, each entry in the reader's language: the action in words
 * and the summary as it was written in that language (Swedish for entries older than English ones).
 */
export async function auditLog(db: Db, actor: Actor, input: AuditLogInput) {
  authorize(policy.viewAdminPages(actor));
  const { query, lang, actionWords } = input;
  const rows = await listAudit(db, {
    ...query,
    action: query.action || undefined,
    targetType: query.targetType || undefined,
    q: query.q || undefined,
    tenantId: actor.tenantId,
  });
  const label = (action: string) => actionWords[action]?.[lang] ?? action;
  const items = rows.map(
    (row): z.infer<typeof auditItem> => ({
      id: row.id,
      at: row.at,
      actorName: row.actorName,
      action: row.action,
      actionLabel: label(row.action),
      targetType: row.targetType,
      targetId: row.targetId,
      summary: (lang === "en" && row.summaryEn) || row.summary,
    }),
  );
  const actions = Object.keys(actionWords)
    .map((action) => ({ action, label: label(action) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  return { items, actions };
}

/**
 * The mail the tenant's people were sent (or, without SMTP, that waits here to be read): that a mail
 * was written, to whom, its subject and status — never a one-time link, which would let an
 * administrator take over the addressee's account.
 */
export async function outbox(db: Db, actor: Actor, query: z.infer<typeof outboxQuery>, mailer: Mailer) {
  authorize(policy.viewAdminPages(actor));
  const rows = await listOutbox(db, { tenantId: actor.tenantId, ...query });
  const items = rows.map((row) => ({ ...row, bodyText: hideAccountLinks(row.bodyText) }));
  return { mode: mailer.mode, items };
}

const toJobView = (job: JobRow): z.infer<typeof jobView> => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  progress: job.progress,
  progressTotal: job.progressTotal,
  progressLabel: job.progressLabel,
  attempts: job.attempts,
  maxAttempts: job.maxAttempts,
  lastError: job.lastError,
  result: job.result,
  createdAt: job.createdAt,
  runAt: job.runAt,
  finishedAt: job.finishedAt,
});

export async function jobs(db: Db, actor: Actor, query: z.infer<typeof jobsQuery>) {
  authorize(policy.viewAdminPages(actor));
  const rows = await listJobs(db, { tenantId: actor.tenantId, ...query });
  return rows.map(toJobView);
}

const jobNotFound: Text = { sv: "Jobbet finns inte.", en: "The job does not exist." };

/** One job's status: for whoever started it (an import's progress), and for administrators. */
export async function job(db: Db, actor: Actor, jobId: number) {
  const row = await getJob(db, jobId);
  if (!row) throw notFound(jobNotFound);
  authorize(policy.viewJob(actor, row), jobNotFound);
  return toJobView(row);
}
