import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendAccountLink, setPassword } from "../account/service.ts";
import { type Actor, authorize, ROLES } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, conflict, notFound } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import { destroySessionsOf } from "../core/sessions.ts";
import {
  ACTOR_KINDS,
  canMoveUnder,
  normaliseEmail,
  pathFor,
  TRUST_RELATIONSHIPS,
  UNIT_KINDS,
} from "./model.ts";
import * as policy from "./policy.ts";
import * as store from "./store.ts";

const id = z.uuid();
const idParams = z.object({ id });
const roleSchema = z.enum(ROLES);
const unitKind = z.enum(UNIT_KINDS);
const name = z.string().trim().min(1).max(200);
const optionalText = z.string().trim().max(2000).nullish();
const email = z.email().max(254).transform(normaliseEmail);

const unitSummary = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string().nullable(),
  code: z.string().nullable(),
  active: z.boolean(),
});
const unitListItem = unitSummary.extend({ peopleCount: z.number() });
const roleView = z.object({ membershipId: id, unitId: id, unitName: z.string(), role: roleSchema });
const personView = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(roleView),
});
const personDetail = personView.extend({ deactivatedAt: z.date().nullable(), canManage: z.boolean() });
const unitDetail = unitSummary.extend({
  ancestors: z.array(z.object({ id, name: z.string(), kind: z.string(), kindLabel: z.string().nullable() })),
  children: z.array(unitSummary.pick({ id: true, name: true, kind: true, kindLabel: true, active: true })),
  people: z.array(
    z.object({ id, name: z.string(), email: z.string().nullable(), role: roleSchema, membershipId: id }),
  ),
  actors: z.array(
    z.object({
      relationId: id,
      actorId: id,
      name: z.string(),
      kind: z.string(),
      relationship: z.string(),
      note: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});
const actorView = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  relations: z.array(
    z.object({ id, unitId: id, unitName: z.string(), relationship: z.string(), note: z.string().nullable() }),
  ),
});

const unitNotFound = { sv: "Enheten finns inte.", en: "The unit does not exist." };
const personNotFound = { sv: "Personen finns inte.", en: "The person does not exist." };

/** The governance chain over HTTP: units, people, roles and external actors. */
export async function orgRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/units",
    {
      schema: {
        tags: ["org"],
        querystring: z.object({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.array(unitListItem) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return store.listUnits(db, actor.tenantId, policy.unitScope(actor), request.query.q || undefined);
    },
  );

  app.get(
    "/api/units/:id",
    { schema: { tags: ["org"], params: idParams, response: { 200: unitDetail } } },
    async (request) => {
      const actor = requireActor(request);
      const unit = await visibleUnit(db, actor, request.params.id);
      const [ancestors, children, people, actors] = await Promise.all([
        ancestorsOf(db, unit),
        store.childUnits(db, actor.tenantId, unit.id),
        store.unitMembers(db, unit.id),
        store.unitActors(db, unit.id),
      ]);
      return {
        ...unit,
        ancestors,
        children: children.filter((child) => policy.viewUnit(actor, child).allowed),
        people: people.map((member) => ({ ...member, role: roleSchema.parse(member.role) })),
        actors,
        canManage: policy.manageUnit(actor, unit).allowed,
      };
    },
  );

  app.post(
    "/api/units",
    {
      schema: {
        tags: ["org"],
        body: z.object({
          name,
          parentId: id.nullable(),
          kind: unitKind,
          kindLabel: z.string().trim().min(1).max(100).nullish(),
          code: z.string().trim().min(1).max(50).nullish(),
        }),
        response: { 201: unitSummary },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const body = request.body;
      const parent = body.parentId ? await visibleUnit(db, actor, body.parentId) : null;
      checkKindLabel(body.kind, body.kindLabel);
      await checkUnitCode(db, actor.tenantId, body.code ?? null);
      const unitId = randomUUID();
      const created = await db.transaction(async (tx) => {
        const row = await store.insertUnit(tx, {
          id: unitId,
          tenantId: actor.tenantId,
          parentId: parent?.id ?? null,
          path: pathFor(parent?.path ?? null, unitId),
          name: body.name,
          kind: body.kind,
          kindLabel: body.kind === "custom" ? (body.kindLabel ?? null) : null,
          code: body.code ?? null,
        });
        await audit(tx, actor, "unit.create", "unit", row.id, `Skapade enheten ${row.name}`);
        return row;
      });
      reply.code(201);
      return created;
    },
  );

  app.patch(
    "/api/units/:id",
    {
      schema: {
        tags: ["org"],
        params: idParams,
        body: z
          .object({
            name: name.optional(),
            kind: unitKind.optional(),
            kindLabel: z.string().trim().min(1).max(100).nullish(),
            code: z.string().trim().min(1).max(50).nullish(),
            parentId: id.nullish(),
            active: z.boolean().optional(),
          })
          .refine((body) => Object.keys(body).length > 0, { message: "Nothing to change." }),
        response: { 200: unitSummary },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await visibleUnit(db, actor, request.params.id);
      authorize(policy.manageUnit(actor, unit));
      const { parentId, ...changes } = request.body;
      const kind = changes.kind ?? unit.kind;
      if (changes.kind || changes.kindLabel !== undefined)
        checkKindLabel(kind, changes.kindLabel ?? unit.kindLabel);
      if (changes.code) await checkUnitCode(db, actor.tenantId, changes.code, unit.id);
      const newParent = parentId ? await visibleUnit(db, actor, parentId) : null;
      if (parentId !== undefined && !canMoveUnder(unit.path, newParent?.path ?? null)) {
        throw badRequest(
          {
            sv: "En enhet kan inte flyttas in under sig själv eller någon av sina underenheter.",
            en: "A unit cannot be moved under itself or one of its own sub-units.",
          },
          [{ path: "body.parentId", message: "cycle" }],
        );
      }
      return db.transaction(async (tx) => {
        if (parentId !== undefined && parentId !== unit.parentId) {
          await store.moveSubtree(tx, unit, newParent?.id ?? null, pathFor(newParent?.path ?? null, unit.id));
          await audit(
            tx,
            actor,
            "unit.move",
            "unit",
            unit.id,
            `Flyttade ${unit.name} till ${newParent?.name ?? "toppnivån"}`,
          );
        }
        const updated = await store.updateUnit(tx, unit.id, {
          ...changes,
          kindLabel: kind === "custom" ? (changes.kindLabel ?? unit.kindLabel) : null,
        });
        if (Object.keys(changes).length) {
          await audit(tx, actor, "unit.update", "unit", unit.id, `Ändrade ${unit.name}`, changes);
        }
        return updated;
      });
    },
  );

  app.get(
    "/api/people",
    {
      schema: {
        tags: ["org"],
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          unitId: id.optional(),
          role: roleSchema.optional(),
          includeInactive: z.enum(["true", "false"]).default("false"),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(personView) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { includeInactive, ...query } = request.query;
      if (query.unitId) await visibleUnit(db, actor, query.unitId);
      const result = await store.listPeople(db, actor.tenantId, policy.unitScope(actor), {
        ...query,
        q: query.q || undefined,
        includeInactive: includeInactive === "true",
      });
      return { total: result.total, items: result.items.map(toPersonView) };
    },
  );

  app.get(
    "/api/people/:id",
    { schema: { tags: ["org"], params: idParams, response: { 200: personDetail } } },
    async (request) => {
      const actor = requireActor(request);
      const person = await visiblePerson(db, actor, request.params.id);
      return personDetailOf(db, actor, person);
    },
  );

  app.post(
    "/api/people",
    {
      schema: {
        tags: ["org"],
        body: z.object({
          name,
          email,
          unitId: id,
          role: roleSchema,
          employeeNumber: z.string().trim().min(1).max(50).nullish(),
          password: z.string().min(10).max(200).optional(),
          invite: z.boolean().default(false),
        }),
        response: { 201: personDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const body = request.body;
      const unit = await visibleUnit(db, actor, body.unitId);
      await checkPersonUnique(db, actor.tenantId, {
        email: body.email,
        employeeNumber: body.employeeNumber ?? null,
      });
      const created = await db.transaction(async (tx) => {
        const row = await store.insertPerson(tx, {
          tenantId: actor.tenantId,
          name: body.name,
          email: body.email,
          employeeNumber: body.employeeNumber ?? null,
        });
        await store.insertMembership(tx, {
          tenantId: actor.tenantId,
          personId: row.id,
          unitId: unit.id,
          role: body.role,
        });
        if (body.password)
          await setPassword(tx, { tenantId: actor.tenantId, personId: row.id }, body.password);
        await audit(
          tx,
          actor,
          "person.create",
          "person",
          row.id,
          `Lade till ${row.name} som ${body.role} i ${unit.name}`,
        );
        return row;
      });
      if (body.invite) await sendAccountLink(app, created, "invite");
      reply.code(201);
      return personDetailOf(db, actor, created);
    },
  );

  app.patch(
    "/api/people/:id",
    {
      schema: {
        tags: ["org"],
        params: idParams,
        body: z
          .object({
            name: name.optional(),
            email: email.nullish(),
            employeeNumber: z.string().trim().min(1).max(50).nullish(),
            active: z.boolean().optional(),
          })
          .refine((body) => Object.keys(body).length > 0, { message: "Nothing to change." }),
        response: { 200: personDetail },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const person = await visiblePerson(db, actor, request.params.id);
      authorize(policy.manageOrg(actor));
      const body = request.body;
      if (body.active === false && person.id === actor.personId) {
        throw badRequest({ sv: "Du kan inte inaktivera dig själv.", en: "You cannot deactivate yourself." });
      }
      await checkPersonUnique(db, actor.tenantId, body, person.id);
      const deactivation =
        body.active === undefined || body.active === person.active
          ? {}
          : {
              deactivatedAt: body.active ? null : new Date(),
            };
      const updated = await db.transaction(async (tx) => {
        const row = await store.updatePerson(tx, person.id, { ...body, ...deactivation });
        const action =
          body.active === false
            ? "person.deactivate"
            : body.active === true
              ? "person.reactivate"
              : "person.update";
        await audit(tx, actor, action, "person", person.id, `${describeAction(action)} ${person.name}`, body);
        return row;
      });
      if (body.active === false) await destroySessionsOf(db, person.id);
      return personDetailOf(db, actor, updated);
    },
  );

  app.post(
    "/api/people/:id/roles",
    {
      schema: {
        tags: ["org"],
        params: idParams,
        body: z.object({ unitId: id, role: roleSchema }),
        response: { 201: personDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const person = await visiblePerson(db, actor, request.params.id);
      authorize(policy.manageOrg(actor));
      const unit = await visibleUnit(db, actor, request.body.unitId);
      if (await store.activeMembership(db, person.id, unit.id, request.body.role)) {
        throw conflict({
          sv: "Personen har redan den rollen i enheten.",
          en: "The person already has that role in the unit.",
        });
      }
      await db.transaction(async (tx) => {
        await store.insertMembership(tx, {
          tenantId: actor.tenantId,
          personId: person.id,
          unitId: unit.id,
          role: request.body.role,
        });
        await audit(
          tx,
          actor,
          "membership.create",
          "person",
          person.id,
          `Gav ${person.name} rollen ${request.body.role} i ${unit.name}`,
        );
      });
      reply.code(201);
      return personDetailOf(db, actor, person);
    },
  );

  app.delete(
    "/api/people/:id/roles/:membershipId",
    { schema: { tags: ["org"], params: z.object({ id, membershipId: id }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const person = await visiblePerson(db, actor, request.params.id);
      authorize(policy.manageOrg(actor));
      const membership = await store.getMembership(db, person.id, request.params.membershipId);
      if (!membership || membership.endedAt)
        throw notFound({ sv: "Rollen finns inte.", en: "The role does not exist." });
      await db.transaction(async (tx) => {
        await store.endMembership(tx, membership.id);
        await audit(
          tx,
          actor,
          "membership.end",
          "person",
          person.id,
          `Avslutade rollen ${membership.role} för ${person.name}`,
        );
      });
      reply.code(204);
      return null;
    },
  );

  app.get(
    "/api/actors",
    { schema: { tags: ["org"], response: { 200: z.array(actorView) } } },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.viewActors(actor));
      const actors = await store.listActors(db, actor.tenantId);
      return actors.map((row) => ({
        ...row,
        relations: row.relations.filter(
          (relation) =>
            policy.viewUnit(actor, {
              ...relation,
              id: relation.unitId,
              tenantId: actor.tenantId,
              path: relation.unitPath,
            }).allowed,
        ),
      }));
    },
  );

  const actorBody = z.object({ name, kind: z.enum(ACTOR_KINDS), description: optionalText });

  app.post(
    "/api/actors",
    { schema: { tags: ["org"], body: actorBody, response: { 201: actorView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const created = await db.transaction(async (tx) => {
        const row = await store.insertActor(tx, {
          tenantId: actor.tenantId,
          ...request.body,
          description: request.body.description ?? null,
        });
        await audit(tx, actor, "actor.create", "actor", row.id, `Lade till den externa aktören ${row.name}`);
        return row;
      });
      reply.code(201);
      return { ...created, relations: [] };
    },
  );

  app.patch(
    "/api/actors/:id",
    {
      schema: {
        tags: ["org"],
        params: idParams,
        body: actorBody.partial(),
        response: { 200: actorView.omit({ relations: true }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const existing = await store.getActor(db, actor.tenantId, request.params.id);
      if (!existing) throw notFound({ sv: "Aktören finns inte.", en: "The actor does not exist." });
      return db.transaction(async (tx) => {
        const row = await store.updateActor(tx, existing.id, request.body);
        await audit(tx, actor, "actor.update", "actor", row.id, `Ändrade ${existing.name}`, request.body);
        return row;
      });
    },
  );

  app.post(
    "/api/actors/:id/relations",
    {
      schema: {
        tags: ["org"],
        params: idParams,
        body: z.object({ unitId: id, relationship: z.enum(TRUST_RELATIONSHIPS), note: optionalText }),
        response: {
          201: z.object({
            id,
            actorId: id,
            unitId: id,
            relationship: z.string(),
            note: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const external = await store.getActor(db, actor.tenantId, request.params.id);
      if (!external) throw notFound({ sv: "Aktören finns inte.", en: "The actor does not exist." });
      const unit = await visibleUnit(db, actor, request.body.unitId);
      if (await store.relationExists(db, external.id, unit.id, request.body.relationship)) {
        throw conflict({ sv: "Relationen finns redan.", en: "The relationship already exists." });
      }
      const relation = await db.transaction(async (tx) => {
        const row = await store.insertRelation(tx, {
          tenantId: actor.tenantId,
          actorId: external.id,
          unitId: unit.id,
          relationship: request.body.relationship,
          note: request.body.note ?? null,
        });
        await audit(
          tx,
          actor,
          "actor.relate",
          "actor",
          external.id,
          `Knöt ${external.name} till ${unit.name}`,
        );
        return row;
      });
      reply.code(201);
      return relation;
    },
  );

  app.delete(
    "/api/actors/:id/relations/:relationId",
    { schema: { tags: ["org"], params: z.object({ id, relationId: id }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageOrg(actor));
      const external = await store.getActor(db, actor.tenantId, request.params.id);
      if (!external) throw notFound({ sv: "Aktören finns inte.", en: "The actor does not exist." });
      await db.transaction(async (tx) => {
        const removed = await store.deleteRelation(tx, external.id, request.params.relationId);
        if (!removed)
          throw notFound({ sv: "Relationen finns inte.", en: "The relationship does not exist." });
        await audit(
          tx,
          actor,
          "actor.unrelate",
          "actor",
          external.id,
          `Tog bort en relation för ${external.name}`,
        );
      });
      reply.code(204);
      return null;
    },
  );
}

async function visibleUnit(db: Db, actor: Actor, unitId: string) {
  const unit = await store.getUnit(db, actor.tenantId, unitId);
  if (!unit) throw notFound(unitNotFound);
  authorize(policy.viewUnit(actor, unit), unitNotFound);
  return unit;
}

async function visiblePerson(db: Db, actor: Actor, personId: string) {
  const person = await store.getPerson(db, actor.tenantId, personId);
  if (!person) throw notFound(personNotFound);
  authorize(policy.viewPerson(actor, person, await store.everUnitPaths(db, person.id)), personNotFound);
  return person;
}

async function ancestorsOf(db: Db, unit: store.UnitRow) {
  const ids = unit.path.split("/").filter(Boolean).slice(0, -1);
  const rows = await store.unitsByIds(db, unit.tenantId, ids);
  return ids.flatMap((ancestorId) => rows.filter((row) => row.id === ancestorId));
}

async function personDetailOf(db: Db, actor: Actor, person: store.PersonRow) {
  const roles = (await store.membershipsOf(db, [person.id])).get(person.id) ?? [];
  return {
    ...toPersonView({ ...person, roles }),
    deactivatedAt: person.deactivatedAt,
    canManage: policy.manageOrg(actor).allowed,
  };
}

function toPersonView(row: store.PersonRow & { roles: store.MembershipView[] }) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    employeeNumber: row.employeeNumber,
    active: row.active,
    roles: row.roles.map(({ membershipId, unitId, unitName, role }) => ({
      membershipId,
      unitId,
      unitName,
      role,
    })),
  };
}

function checkKindLabel(kind: string, kindLabel: string | null | undefined) {
  if (kind === "custom" && !kindLabel) {
    throw badRequest({ sv: "En egen nivå behöver en benämning.", en: "A custom level needs a label." }, [
      { path: "body.kindLabel", message: "required" },
    ]);
  }
}

async function checkUnitCode(db: Db, tenantId: string, code: string | null, exceptId?: string) {
  if (code && (await store.unitCodeTaken(db, tenantId, code, exceptId))) {
    throw conflict({
      sv: `Enhetskoden ${code} används redan.`,
      en: `The unit code ${code} is already in use.`,
    });
  }
}

async function checkPersonUnique(
  db: Db,
  tenantId: string,
  values: { email?: string | null; employeeNumber?: string | null },
  exceptId?: string,
) {
  const taken = await store.personConflicts(db, tenantId, values, exceptId);
  if (taken.email)
    throw conflict({ sv: "E-postadressen används redan.", en: "The email address is already in use." });
  if (taken.employeeNumber) {
    throw conflict({ sv: "Anställningsnumret används redan.", en: "The employee number is already in use." });
  }
}

const describeAction = (action: string) =>
  ({ "person.deactivate": "Inaktiverade", "person.reactivate": "Återaktiverade" })[action] ?? "Ändrade";

function audit(
  db: Db,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string,
  summary: string,
  details?: unknown,
) {
  return auditAction(db, actor, { action, targetType, targetId, summary, details });
}
