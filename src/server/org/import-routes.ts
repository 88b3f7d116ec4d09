import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import { AppError, conflict, notFound } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import { enqueueJob, getJob, type JobHandler, PermanentJobError } from "../core/jobs.ts";
import { shownImportStatus } from "./import-model.ts";
import * as service from "./import-service.ts";
import * as policy from "./policy.ts";

export const ORG_IMPORT_JOB_KIND = "org.import";

const counts = z.object({
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  deactivated: z.number(),
});
const preview = z.object({
  units: counts,
  people: counts,
  memberships: z.object({ new: z.number(), ended: z.number() }),
  fileLines: z.object({ units: z.number(), people: z.number() }),
});
const csvText = z
  .string()
  .max(15 * 1024 * 1024)
  .nullish();
const importSummary = z.object({
  id: z.uuid(),
  status: z.string(),
  fullImport: z.boolean(),
  createdAt: z.date(),
  preview: preview.nullable(),
  result: z.unknown(),
  jobId: z.number().nullable(),
});
const jobProgress = z.object({
  status: z.string(),
  progress: z.number(),
  progressTotal: z.number().nullable(),
  progressLabel: z.string().nullable(),
  lastError: z.string().nullable(),
});
const importNotFound = { sv: "Importen finns inte.", en: "The import does not exist." };

/** Importing the governance chain from HR exports: upload and preview, commit, follow progress. */
export async function importRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.post(
    "/api/org/imports",
    {
      schema: {
        tags: ["org"],
        body: z.object({ unitsCsv: csvText, peopleCsv: csvText, fullImport: z.boolean().default(false) }),
        response: { 201: z.object({ id: z.uuid(), preview }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const prepared = await service.prepareImport(db, {
        tenantId: actor.tenantId,
        createdBy: actor.personId,
        ...request.body,
      });
      reply.code(201);
      return prepared;
    },
  );

  app.post(
    "/api/org/imports/:id/commit",
    {
      schema: {
        tags: ["org"],
        params: z.object({ id: z.uuid() }),
        response: { 202: z.object({ jobId: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const row = await service.getImport(db, actor.tenantId, request.params.id);
      if (!row) throw notFound(importNotFound);
      const jobId = await db.transaction(async (tx) => {
        const job = await enqueueJob(tx, {
          kind: ORG_IMPORT_JOB_KIND,
          tenantId: actor.tenantId,
          createdBy: actor.personId,
          payload: { importId: row.id },
        });
        if (!(await service.markImport(tx, row.id, "previewed", { status: "queued", jobId: job.id }))) {
          throw conflict({
            sv: "Importen är redan genomförd eller startad.",
            en: "The import has already been run or started.",
          });
        }
        await auditAction(tx, actor, {
          action: "org.import.commit",
          targetType: "org_import",
          targetId: row.id,
          summary: `Startade import (${row.fullImport ? "fullständig" : "tillägg och ändringar"})`,
          details: row.preview,
        });
        return job.id;
      });
      reply.code(202);
      return { jobId };
    },
  );

  app.get(
    "/api/org/imports",
    { schema: { tags: ["org"], response: { 200: z.array(importSummary) } } },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const rows = await service.listImports(db, actor.tenantId);
      return Promise.all(
        rows.map(async (row) => {
          const unfinished = row.jobId && (row.status === "queued" || row.status === "running");
          const job = unfinished ? await getJob(db, row.jobId as number) : null;
          return {
            ...row,
            status: shownImportStatus(row.status, job?.status ?? null),
            preview: preview.nullable().parse(row.preview),
          };
        }),
      );
    },
  );

  app.get(
    "/api/org/imports/:id",
    {
      schema: {
        tags: ["org"],
        params: z.object({ id: z.uuid() }),
        response: { 200: importSummary.extend({ job: jobProgress.nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const row = await service.getImport(db, actor.tenantId, request.params.id);
      if (!row) throw notFound(importNotFound);
      const job = row.jobId ? await getJob(db, row.jobId) : null;
      return {
        id: row.id,
        status: shownImportStatus(row.status, job?.status ?? null),
        fullImport: row.fullImport,
        createdAt: row.createdAt,
        preview: preview.nullable().parse(row.preview),
        result: row.result,
        jobId: row.jobId,
        job: job && {
          status: job.status,
          progress: job.progress,
          progressTotal: job.progressTotal,
          progressLabel: job.progressLabel,
          lastError: job.lastError,
        },
      };
    },
  );
}

/**
 * Runs a committed import. Files that no longer fit the organisation fail at once with their line
 * errors; anything else (a lost connection) is retried, and the import is failed after the last try.
 */
export const orgImportJobHandler: JobHandler = async ({ db, job, progress }) => {
  const { importId } = z.object({ importId: z.uuid() }).parse(job.payload);
  await service.setUnfinishedImportStatus(db, importId, "running");
  try {
    return await service.applyImport(db, importId, progress);
  } catch (error) {
    const invalid = error instanceof AppError && error.code === "import_invalid";
    if (invalid || job.attempts >= job.maxAttempts) {
      await service.setUnfinishedImportStatus(
        db,
        importId,
        "failed",
        invalid ? error.details : { error: String(error) },
      );
    }
    if (invalid) throw new PermanentJobError(error.text.en);
    throw error;
  }
};
