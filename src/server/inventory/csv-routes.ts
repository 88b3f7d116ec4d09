// The inventory in and out of Excel over HTTP: an import is uploaded and previewed, committed as a
// job and followed (import-service.ts); the register and the burden are exported as CSV.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sendCsv } from "../core/csv.ts";
import { requireActor } from "../core/http.ts";
import * as csv from "./csv-service.ts";
import * as imports from "./import-service.ts";
import {
  burdenCsvQuery,
  committedInventoryImport,
  idParams,
  inventoryImportDetail,
  newInventoryImport,
  preparedInventoryImport,
} from "./schemas.ts";

const tags = ["inventory"];

export async function inventoryCsvRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.post(
    "/api/inventory/imports",
    { schema: { tags, body: newInventoryImport, response: { 201: preparedInventoryImport } } },
    async (request, reply) => {
      const prepared = await imports.uploadImport(db, requireActor(request), request.body);
      reply.code(201);
      return prepared;
    },
  );

  app.post(
    "/api/inventory/imports/:id/commit",
    { schema: { tags, params: idParams, response: { 202: committedInventoryImport } } },
    async (request, reply) => {
      const committed = await imports.commitImport(db, requireActor(request), request.params.id);
      reply.code(202);
      return committed;
    },
  );

  app.get(
    "/api/inventory/imports/:id",
    { schema: { tags, params: idParams, response: { 200: inventoryImportDetail } } },
    (request) => imports.importDetail(db, requireActor(request), request.params.id, request.lang),
  );

  app.get("/api/inventory/export/register.csv", { schema: { tags } }, async (request, reply) => {
    const file = await csv.registerCsv(db, requireActor(request), request.lang);
    return sendCsv(reply, file.filename, file.rows);
  });

  app.get(
    "/api/inventory/export/burden.csv",
    { schema: { tags, querystring: burdenCsvQuery } },
    async (request, reply) => {
      const file = await csv.burdenCsv(db, requireActor(request), request.query, request.lang);
      return sendCsv(reply, file.filename, file.rows);
    },
  );
}
