import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../core/access.ts";
import { listAudit } from "../core/audit.ts";
import { notFound } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import { getJob, type JobRow, listJobs } from "../core/jobs.ts";
import { listOutbox } from "../core/mail.ts";
import * as policy from "./policy.ts";

const jobView = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
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

/** Administrators' views of the platform's own machinery: audit log, mail outbox, jobs. */
export async function adminRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/admin/audit",
    {
      schema: {
        tags: ["admin"],
        querystring: z.object({
          action: z.string().trim().max(100).optional(),
          targetType: z.string().trim().max(100).optional(),
          q: z.string().trim().max(200).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                at: z.date(),
                actorName: z.string().nullable(),
                action: z.string(),
                targetType: z.string(),
                targetId: z.string().nullable(),
                summary: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.viewAdminPages(actor));
      const query = request.query;
      const items = await listAudit(db, {
        ...query,
        action: query.action || undefined,
        targetType: query.targetType || undefined,
        q: query.q || undefined,
        tenantId: actor.tenantId,
      });
      return { items };
    },
  );

  app.get(
    "/api/admin/outbox",
    {
      schema: {
        tags: ["admin"],
        querystring: z.object({
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.viewAdminPages(actor));
      const items = await listOutbox(db, { tenantId: actor.tenantId, ...request.query });
      return { mode: app.mailer.mode, items };
    },
  );

  app.get(
    "/api/jobs",
    {
      schema: {
        tags: ["admin"],
        querystring: z.object({
          status: z.enum(["queued", "running", "succeeded", "failed"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(jobView) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.viewAdminPages(actor));
      const jobs = await listJobs(db, { tenantId: actor.tenantId, ...request.query });
      return jobs.map(toJobView);
    },
  );

  app.get(
    "/api/jobs/:id",
    {
      schema: {
        tags: ["admin"],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: jobView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const job = await getJob(db, request.params.id);
      if (!job) throw notFound({ sv: "Jobbet finns inte.", en: "The job does not exist." });
      authorize(policy.viewJob(actor, job));
      return toJobView(job);
    },
  );
}
