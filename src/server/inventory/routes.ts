// The follow-up inventory over HTTP: each handler validates with its schema, calls one use case
// (service.ts for the register, demand-service.ts for a demand's life) and shapes the answer.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../core/http.ts";
import * as demands from "./demand-service.ts";
import {
  analysisFields,
  analysisTransitionInput,
  analysisView,
  burdenQuery,
  burdenView,
  commentInput,
  createdView,
  demandDetail,
  demandInput,
  demandPatch,
  estimateInput,
  estimatesView,
  flagsView,
  freedView,
  idParams,
  myDemandsView,
  profileView,
  registerQuery,
  registerView,
  retirementDecisionInput,
  retirementInput,
  retirementView,
  settingsPatch,
  settingsView,
  unitQuery,
  useInput,
} from "./schemas.ts";
import * as service from "./service.ts";

const tags = ["inventory"];

export async function inventoryRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/inventory/demands",
    { schema: { tags, querystring: registerQuery, response: { 200: registerView } } },
    async (request) => service.listRegister(db, requireActor(request), request.query, request.lang),
  );

  app.post(
    "/api/inventory/demands",
    { schema: { tags, body: demandInput, response: { 201: demandDetail } } },
    async (request, reply) => {
      const created = await demands.createDemand(db, requireActor(request), request.body, request.lang);
      reply.code(201);
      return created;
    },
  );

  app.get(
    "/api/inventory/demands/:id",
    { schema: { tags, params: idParams, response: { 200: demandDetail } } },
    async (request) => demands.demandDetail(db, requireActor(request), request.params.id, request.lang),
  );

  app.patch(
    "/api/inventory/demands/:id",
    { schema: { tags, params: idParams, body: demandPatch, response: { 200: demandDetail } } },
    async (request) =>
      demands.updateDemand(db, requireActor(request), request.params.id, request.body, request.lang),
  );

  app.post(
    "/api/inventory/demands/:id/estimates",
    { schema: { tags, params: idParams, body: estimateInput, response: { 200: estimatesView } } },
    async (request) =>
      demands.estimateDemand(db, requireActor(request), request.params.id, request.body.minutes),
  );

  app.post(
    "/api/inventory/demands/:id/uses",
    { schema: { tags, params: idParams, body: useInput, response: { 201: createdView } } },
    async (request, reply) => {
      const use = await demands.recordUse(db, requireActor(request), request.params.id, request.body);
      reply.code(201);
      return use;
    },
  );

  app.put(
    "/api/inventory/demands/:id/analysis",
    { schema: { tags, params: idParams, body: analysisFields, response: { 200: analysisView } } },
    async (request) => demands.saveAnalysis(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/inventory/demands/:id/analysis/transition",
    { schema: { tags, params: idParams, body: analysisTransitionInput, response: { 200: analysisView } } },
    async (request) => demands.transitionAnalysis(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/inventory/demands/:id/analysis/comments",
    { schema: { tags, params: idParams, body: commentInput, response: { 201: createdView } } },
    async (request, reply) => {
      const comment = await demands.commentOnAnalysis(
        db,
        requireActor(request),
        request.params.id,
        request.body.body,
      );
      reply.code(201);
      return comment;
    },
  );

  app.post(
    "/api/inventory/demands/:id/retirements",
    { schema: { tags, params: idParams, body: retirementInput, response: { 201: retirementView } } },
    async (request, reply) => {
      const proposal = await demands.proposeRetirement(
        db,
        requireActor(request),
        request.params.id,
        request.body.reason,
      );
      reply.code(201);
      return proposal;
    },
  );

  app.post(
    "/api/inventory/retirements/:id/decision",
    { schema: { tags, params: idParams, body: retirementDecisionInput, response: { 200: retirementView } } },
    async (request) => demands.decideRetirement(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/api/inventory/burden",
    { schema: { tags, querystring: burdenQuery, response: { 200: burdenView } } },
    async (request) => service.burden(db, requireActor(request), request.query, request.lang),
  );

  app.get(
    "/api/inventory/profile",
    { schema: { tags, querystring: unitQuery, response: { 200: profileView } } },
    async (request) => service.profile(db, requireActor(request), request.query.unitId),
  );

  app.get("/api/inventory/flags", { schema: { tags, response: { 200: flagsView } } }, async (request) =>
    service.flags(db, requireActor(request)),
  );

  app.get(
    "/api/inventory/freed",
    { schema: { tags, querystring: unitQuery, response: { 200: freedView } } },
    async (request) => service.freed(db, requireActor(request), request.query.unitId),
  );

  app.get("/api/inventory/mine", { schema: { tags, response: { 200: myDemandsView } } }, async (request) =>
    service.myDemands(db, requireActor(request), request.lang),
  );

  app.get("/api/inventory/settings", { schema: { tags, response: { 200: settingsView } } }, async (request) =>
    service.settings(db, requireActor(request)),
  );

  app.patch(
    "/api/inventory/settings",
    { schema: { tags, body: settingsPatch, response: { 200: settingsView } } },
    async (request) => service.updateSettings(db, requireActor(request), request.body),
  );
}
