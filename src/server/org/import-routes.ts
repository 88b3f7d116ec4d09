// Importing the governance chain from HR exports over HTTP: upload and preview, commit, follow the
// progress. The job that applies a committed import lives in import-service.ts.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../core/http.ts";
import * as service from "./import-service.ts";
import {
  committedImport,
  idParams,
  importDetail,
  importSummary,
  newImport,
  preparedImport,
} from "./schemas.ts";

const tags = ["org"];

export async function importRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.post(
    "/api/org/imports",
    { schema: { tags, body: newImport, response: { 201: preparedImport } } },
    async (request, reply) => {
      const prepared = await service.uploadImport(db, requireActor(request), request.body);
      reply.code(201);
      return prepared;
    },
  );

  app.post(
    "/api/org/imports/:id/commit",
    { schema: { tags, params: idParams, response: { 202: committedImport } } },
    async (request, reply) => {
      const committed = await service.commitImport(db, requireActor(request), request.params.id);
      reply.code(202);
      return committed;
    },
  );

  app.get("/api/org/imports", { schema: { tags, response: { 200: z.array(importSummary) } } }, (request) =>
    service.listImports(db, requireActor(request)),
  );

  app.get(
    "/api/org/imports/:id",
    { schema: { tags, params: idParams, response: { 200: importDetail } } },
    (request) => service.importDetail(db, requireActor(request), request.params.id),
  );
}
