// The operator's route over HTTP, machine to machine: no session and no CSRF token (the route is
// `public` to the session layer), but its own bearer secret, checked before the body is even read.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Operator } from "../org/service.ts";
import { createdTenant, newTenantBody } from "./schemas.ts";
import * as service from "./service.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set on the operator's route once its secret has been shown. */
    operator?: Operator;
  }
}

export async function operatorRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/operator/tenants",
    {
      config: { public: true },
      onRequest: async (request) => {
        request.operator = await service.authenticate(app.db, app.config, {
          authorization: request.headers.authorization,
          address: request.ip,
        });
      },
      schema: {
        // Where no OPERATOR_TOKEN is set the route does not exist, so the API document leaves it out.
        hide: !app.config.operatorToken,
        tags: ["operations"],
        summary:
          "Create a tenant with its root unit and first administrator (Authorization: Bearer OPERATOR_TOKEN)",
        body: newTenantBody,
        response: { 201: createdTenant },
      },
    },
    async (request, reply) => {
      const created = await service.createTenant(app, request.operator ?? null, request.body);
      reply.code(201);
      return created;
    },
  );
}
