// The trust barometer over HTTP: each route validates its request with the shapes of schemas.ts,
// calls one use case of service.ts and shapes the answer. No route returns an individual answer.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendCsv } from "../core/csv.ts";
import { requireActor } from "../core/http.ts";
import {
  accepted,
  created,
  discussionCreated,
  heatmap,
  idParams,
  itemResult,
  itemView,
  newDiscussion,
  newItem,
  newRound,
  overview,
  responses,
  resultsQuery,
  roundDetail,
  roundSummary,
  settingsPatch,
  settingsView,
  unitQuery,
} from "./schemas.ts";
import * as service from "./service.ts";

const tags = ["barometer"];

export async function barometerRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get("/api/barometer/items", { schema: { tags, response: { 200: z.array(itemView) } } }, (request) =>
    service.listItems(db, requireActor(request), request.lang),
  );

  app.post(
    "/api/barometer/items",
    { schema: { tags, body: newItem, response: { 201: created } } },
    async (request, reply) => {
      const item = await service.addItem(db, requireActor(request), request.body);
      reply.code(201);
      return item;
    },
  );

  app.get("/api/barometer/settings", { schema: { tags, response: { 200: settingsView } } }, (request) =>
    service.getSettings(db, requireActor(request)),
  );

  app.patch(
    "/api/barometer/settings",
    { schema: { tags, body: settingsPatch, response: { 200: settingsView } } },
    (request) => service.changeSettings(db, requireActor(request), request.body),
  );

  app.get(
    "/api/barometer/rounds",
    { schema: { tags, response: { 200: z.array(roundSummary) } } },
    (request) => service.listRounds(db, requireActor(request)),
  );

  app.post(
    "/api/barometer/rounds",
    { schema: { tags, body: newRound, response: { 201: roundSummary } } },
    async (request, reply) => {
      const round = await service.startRound(db, requireActor(request), request.body, app.mailer.mode);
      reply.code(201);
      return round;
    },
  );

  app.get(
    "/api/barometer/rounds/:id",
    { schema: { tags, params: idParams, response: { 200: roundDetail } } },
    (request) => service.getRound(db, requireActor(request), request.params.id, request.lang),
  );

  app.post(
    "/api/barometer/rounds/:id/close",
    { schema: { tags, params: idParams, response: { 200: roundSummary } } },
    (request) => service.closeRound(db, requireActor(request), request.params.id, app.sealer),
  );

  app.post(
    "/api/barometer/rounds/:id/responses",
    { schema: { tags, params: idParams, body: responses, response: { 201: accepted } } },
    async (request, reply) => {
      const result = await service.submitAnswers(
        db,
        requireActor(request),
        request.params.id,
        request.body.answers,
        app.sealer,
      );
      reply.code(201);
      return result;
    },
  );

  app.get(
    "/api/barometer/rounds/:id/results",
    { schema: { tags, params: idParams, querystring: resultsQuery, response: { 200: z.array(itemResult) } } },
    (request) =>
      service.roundResults(db, requireActor(request), request.params.id, request.query, request.lang),
  );

  app.get(
    "/api/barometer/rounds/:id/overview",
    { schema: { tags, params: idParams, querystring: unitQuery, response: { 200: overview } } },
    (request) =>
      service.roundOverview(db, requireActor(request), request.params.id, request.query.unitId, request.lang),
  );

  app.get(
    "/api/barometer/rounds/:id/heatmap",
    { schema: { tags, params: idParams, querystring: unitQuery, response: { 200: heatmap } } },
    (request) =>
      service.roundHeatmap(db, requireActor(request), request.params.id, request.query.unitId, request.lang),
  );

  app.get(
    "/api/barometer/rounds/:id/export.csv",
    { schema: { tags, params: idParams, querystring: unitQuery } },
    async (request, reply) => {
      const { filename, lines } = await service.exportRoundResults(
        db,
        requireActor(request),
        request.params.id,
        request.query.unitId,
        request.lang,
      );
      return sendCsv(reply, filename, lines);
    },
  );

  app.post(
    "/api/barometer/rounds/:id/discussions",
    { schema: { tags, params: idParams, body: newDiscussion, response: { 201: discussionCreated } } },
    async (request, reply) => {
      const discussion = await service.noteDiscussion(
        db,
        requireActor(request),
        request.params.id,
        request.body,
      );
      reply.code(201);
      return discussion;
    },
  );
}
