// The co-created follow-up cycle over HTTP: each handler validates with the module's schemas, calls
// one use case of `service.ts` as the signed-in actor and shapes the answer.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../core/http.ts";
import {
  actionInput,
  actionsPage,
  actionsQuery,
  actionView,
  assignmentInput,
  assignmentView,
  dialogueDetailView,
  dialogueInput,
  dialoguePatch,
  dialogueView,
  entriesQuery,
  entryInput,
  entryView,
  expectationInput,
  expectationPatch,
  expectationView,
  idParams,
  positionInput,
  responsivenessView,
  transitionInput,
  unitPageView,
  unitQuery,
} from "./schemas.ts";
import * as service from "./service.ts";

const tags = ["followup"];

export async function followupRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  // ---- a unit's follow-up page

  app.get(
    "/api/followup/units/:id",
    { schema: { tags, params: idParams, response: { 200: unitPageView } } },
    (request) => service.unitPage(db, requireActor(request), request.params.id),
  );

  app.put(
    "/api/followup/units/:id/assignment",
    { schema: { tags, params: idParams, body: assignmentInput, response: { 200: assignmentView } } },
    (request) => service.saveAssignment(db, requireActor(request), request.params.id, request.body),
  );

  // ---- expectations

  app.get(
    "/api/followup/expectations",
    { schema: { tags, querystring: unitQuery, response: { 200: z.array(expectationView) } } },
    (request) => service.listExpectations(db, requireActor(request), request.query),
  );

  app.post(
    "/api/followup/expectations",
    { schema: { tags, body: expectationInput, response: { 201: expectationView } } },
    async (request, reply) => {
      const created = await service.draftExpectation(db, requireActor(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    "/api/followup/expectations/:id",
    { schema: { tags, params: idParams, body: expectationPatch, response: { 200: expectationView } } },
    (request) =>
      service.changeExpectation(db, requireActor(request), request.params.id, request.body, app.mailer.mode),
  );

  app.post(
    "/api/followup/expectations/:id/positions",
    { schema: { tags, params: idParams, body: positionInput, response: { 200: expectationView } } },
    (request) => service.takePosition(db, requireActor(request), request.params.id, request.body),
  );

  // ---- entries

  app.get(
    "/api/followup/entries",
    { schema: { tags, querystring: entriesQuery, response: { 200: z.array(entryView) } } },
    (request) => service.listEntries(db, requireActor(request), request.query),
  );

  app.post(
    "/api/followup/entries",
    { schema: { tags, body: entryInput, response: { 201: entryView } } },
    async (request, reply) => {
      const created = await service.writeEntry(db, requireActor(request), request.body);
      return reply.code(201).send(created);
    },
  );

  // ---- actions

  app.get(
    "/api/followup/actions",
    { schema: { tags, querystring: actionsQuery, response: { 200: actionsPage } } },
    (request) => service.listActions(db, requireActor(request), request.query),
  );

  app.post(
    "/api/followup/actions",
    { schema: { tags, body: actionInput, response: { 201: actionView } } },
    async (request, reply) => {
      const created = await service.proposeAction(db, requireActor(request), request.body, app.mailer.mode);
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/api/followup/actions/:id/transition",
    { schema: { tags, params: idParams, body: transitionInput, response: { 200: actionView } } },
    (request) => service.moveAction(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/api/followup/responsiveness",
    { schema: { tags, querystring: unitQuery, response: { 200: responsivenessView } } },
    (request) => service.responsivenessOf(db, requireActor(request), request.query),
  );

  // ---- dialogue meetings

  app.get(
    "/api/followup/dialogues",
    { schema: { tags, querystring: unitQuery, response: { 200: z.array(dialogueView) } } },
    (request) => service.listDialogues(db, requireActor(request), request.query),
  );

  app.get(
    "/api/followup/dialogues/:id",
    { schema: { tags, params: idParams, response: { 200: dialogueDetailView } } },
    (request) => service.dialogueDetail(db, requireActor(request), request.params.id),
  );

  app.post(
    "/api/followup/dialogues",
    { schema: { tags, body: dialogueInput, response: { 201: dialogueView } } },
    async (request, reply) => {
      const created = await service.callDialogue(db, requireActor(request), request.body, app.mailer.mode);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    "/api/followup/dialogues/:id",
    { schema: { tags, params: idParams, body: dialoguePatch, response: { 200: dialogueView } } },
    (request) => service.writeDialogue(db, requireActor(request), request.params.id, request.body),
  );
}
