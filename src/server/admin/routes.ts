// Administrators' views over HTTP: audit log, mail outbox, jobs. Each handler calls one use case.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../core/http.ts";
import { auditPage, auditQuery, jobParams, jobsQuery, jobView, outboxPage, outboxQuery } from "./schemas.ts";
import * as service from "./service.ts";

const tags = ["admin"];

export async function adminRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/admin/audit",
    { schema: { tags, querystring: auditQuery, response: { 200: auditPage } } },
    (request) =>
      service.auditLog(db, requireActor(request), {
        query: request.query,
        lang: request.lang,
        actionWords: app.auditActions,
      }),
  );

  app.get(
    "/api/admin/outbox",
    { schema: { tags, querystring: outboxQuery, response: { 200: outboxPage } } },
    (request) => service.outbox(db, requireActor(request), request.query, app.mailer),
  );

  app.get(
    "/api/jobs",
    { schema: { tags, querystring: jobsQuery, response: { 200: z.array(jobView) } } },
    (request) => service.jobs(db, requireActor(request), request.query),
  );

  app.get("/api/jobs/:id", { schema: { tags, params: jobParams, response: { 200: jobView } } }, (request) =>
    service.job(db, requireActor(request), request.params.id),
  );
}
