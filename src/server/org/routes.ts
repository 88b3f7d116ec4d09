// The governance chain over HTTP: units, people, roles and external actors. Each handler validates,
// calls one use case and shapes the answer; the rules live in the services and the model. Creating
// a person (with a password or an invitation) is the account module's route.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../core/http.ts";
import * as actors from "./actor-service.ts";
import * as people from "./people-service.ts";
import {
  actorBody,
  actorPatch,
  actorSummary,
  actorView,
  idParams,
  membershipParams,
  newRelation,
  newRole,
  newUnit,
  peopleList,
  peopleQuery,
  personDetail,
  personPatch,
  relationParams,
  relationView,
  unitDetail,
  unitListItem,
  unitPatch,
  unitQuery,
  unitSummary,
} from "./schemas.ts";
import * as units from "./unit-service.ts";

const tags = ["org"];

export async function orgRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  // ---- units

  app.get(
    "/api/units",
    { schema: { tags, querystring: unitQuery, response: { 200: z.array(unitListItem) } } },
    (request) => units.listUnits(db, requireActor(request), request.query),
  );

  app.get(
    "/api/units/:id",
    { schema: { tags, params: idParams, response: { 200: unitDetail } } },
    (request) => units.unitDetail(db, requireActor(request), request.params.id),
  );

  app.post(
    "/api/units",
    { schema: { tags, body: newUnit, response: { 201: unitSummary } } },
    async (request, reply) => {
      const created = await units.createUnit(db, requireActor(request), request.body);
      reply.code(201);
      return created;
    },
  );

  app.patch(
    "/api/units/:id",
    { schema: { tags, params: idParams, body: unitPatch, response: { 200: unitSummary } } },
    (request) => units.updateUnit(db, requireActor(request), request.params.id, request.body),
  );

  // ---- people and their roles

  app.get(
    "/api/people",
    { schema: { tags, querystring: peopleQuery, response: { 200: peopleList } } },
    (request) => people.listPeople(db, requireActor(request), request.query),
  );

  app.get(
    "/api/people/:id",
    { schema: { tags, params: idParams, response: { 200: personDetail } } },
    (request) => people.personDetail(db, requireActor(request), request.params.id),
  );

  app.patch(
    "/api/people/:id",
    { schema: { tags, params: idParams, body: personPatch, response: { 200: personDetail } } },
    (request) => people.updatePerson(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/people/:id/roles",
    { schema: { tags, params: idParams, body: newRole, response: { 201: personDetail } } },
    async (request, reply) => {
      const person = await people.addRole(db, requireActor(request), request.params.id, request.body);
      reply.code(201);
      return person;
    },
  );

  app.delete(
    "/api/people/:id/roles/:membershipId",
    { schema: { tags, params: membershipParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const { id, membershipId } = request.params;
      await people.endRole(db, requireActor(request), id, membershipId);
      reply.code(204);
      return null;
    },
  );

  // ---- external actors

  app.get("/api/actors", { schema: { tags, response: { 200: z.array(actorView) } } }, (request) =>
    actors.listActors(db, requireActor(request)),
  );

  app.post(
    "/api/actors",
    { schema: { tags, body: actorBody, response: { 201: actorView } } },
    async (request, reply) => {
      const created = await actors.createActor(db, requireActor(request), request.body);
      reply.code(201);
      return created;
    },
  );

  app.patch(
    "/api/actors/:id",
    { schema: { tags, params: idParams, body: actorPatch, response: { 200: actorSummary } } },
    (request) => actors.updateActor(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/actors/:id/relations",
    { schema: { tags, params: idParams, body: newRelation, response: { 201: relationView } } },
    async (request, reply) => {
      const relation = await actors.relateActor(db, requireActor(request), request.params.id, request.body);
      reply.code(201);
      return relation;
    },
  );

  app.delete(
    "/api/actors/:id/relations/:relationId",
    { schema: { tags, params: relationParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const { id, relationId } = request.params;
      await actors.unrelateActor(db, requireActor(request), id, relationId);
      reply.code(204);
      return null;
    },
  );
}
