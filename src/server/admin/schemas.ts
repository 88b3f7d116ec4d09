// The administrators' API shapes (zod): the audit log, the mail outbox and the job list.
import { z } from "zod";

const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;

export const auditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditItem = z.object({
  id: z.number(),
  at: z.date(),
  actorName: z.string().nullable(),
  /** The action's code (`unit.move`), for filters and for API clients. */
  action: z.string(),
  /** The action in the reader's words ("Flyttade en enhet"); the code when no module names it. */
  actionLabel: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** What happened, in the reader's language (older entries exist in Swedish only). */
  summary: z.string(),
});
export const auditPage = z.object({
  items: z.array(auditItem),
  /** Every action the modules know, in the reader's words and alphabetical order, for the filter. */
  actions: z.array(z.object({ action: z.string(), label: z.string() })),
});

export const outboxQuery = z.object({
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const outboxPage = z.object({
  mode: z.enum(["smtp", "outbox"]),
  items: z.array(
    z.object({
      id: z.number(),
      toAddress: z.string(),
      subject: z.string(),
      bodyText: z.string(),
      status: z.string(),
      createdAt: z.date(),
      sentAt: z.date().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});

export const jobsQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const jobParams = z.object({ id: z.coerce.number().int().positive() });
export const jobView = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number(),
  progressTotal: z.number(),
  progressLabel: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.date(),
  runAt: z.date(),
  finishedAt: z.date().nullable(),
});
