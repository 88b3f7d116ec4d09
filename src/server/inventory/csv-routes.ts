// Importing an inventory kept in Excel, and exporting the register and the burden as CSV.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sendCsv } from "../core/csv.ts";
import { requireActor } from "../core/http.ts";
import * as csv from "./csv-service.ts";
import { burdenCsvQuery, importInput, importView } from "./schemas.ts";

const tags = ["inventory"];

export async function inventoryCsvRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.post(
    "/api/inventory/import",
    { schema: { tags, body: importInput, response: { 200: importView } } },
    async (request) => csv.importInventory(db, requireActor(request), request.body),
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
