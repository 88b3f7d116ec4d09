import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, authorize, visibleScopes } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, conflict, fieldError, notFound, type Text } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import type { Verdict } from "../core/verdict.ts";
import { recordDemandUse } from "../inventory/service.ts";
import * as inventoryStore from "../inventory/store.ts";
import * as orgStore from "../org/store.ts";
import {
  type ActionState,
  type Addressee,
  actionTransition,
  canEditText,
  checkPeriod,
  type ExpectationState,
  expectationTransition,
  isUpwardRequest,
  nextVersion,
  responsiveness,
  sideBySide,
} from "./model.ts";
import { invitationToDialogue, invitationToMeeting, noticeOfRequest } from "./notices.ts";
import * as policy from "./policy.ts";
import {
  actionInput,
  actionView,
  assignmentInput,
  assignmentView,
  dialogueInput,
  dialoguePatch,
  dialogueView,
  entryInput,
  entryView,
  expectationInput,
  expectationPatch,
  expectationView,
  id,
  idParams,
  responsivenessView,
  transitionInput,
} from "./schemas.ts";
import * as store from "./store.ts";
import { actionViews, dialogueViewOf, entryViewOf, expectationViews, type UnitRef } from "./views.ts";

const tags = ["followup"];
const unitQuery = z.object({ unitId: id.optional() });
const expectationNotFound = { sv: "Förväntan finns inte.", en: "The expectation does not exist." };
const actionNotFound = { sv: "Åtgärden finns inte.", en: "The action does not exist." };
const dialogueNotFound = { sv: "Dialogmötet finns inte.", en: "The dialogue meeting does not exist." };
const unitNotFound = { sv: "Enheten finns inte.", en: "The unit does not exist." };

/** The co-created follow-up cycle over HTTP. */
export async function followupRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const mode = () => app.mailer.mode;

  // ---- a unit's follow-up page

  app.get(
    "/api/followup/units/:id",
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            unit: z.object({ id, name: z.string() }),
            assignment: assignmentView.nullable(),
            canEditAssignment: z.boolean(),
            canWrite: z.boolean(),
            expectations: z.array(expectationView),
            goodExamples: z.array(entryView),
            problems: z.array(entryView),
            actions: z.array(actionView),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await visibleUnit(db, actor, request.params.id);
      const [assignment, expectations, entries, actions] = await Promise.all([
        store.getAssignment(db, unit.id),
        store.expectationsOf(db, actor.tenantId, [unit.id]),
        store.entriesOf(db, actor.tenantId, { unitIds: [unit.id], limit: 200 }),
        store.actionsOf(db, actor.tenantId, { unitIds: [unit.id] }),
      ]);
      const sides = sideBySide(entries.map(entryViewOf));
      return {
        unit: { id: unit.id, name: unit.name },
        assignment,
        canEditAssignment: policy.draftExpectations(actor, unit).allowed,
        canWrite: policy.writeForUnit(actor, unit).allowed,
        expectations: await expectationViews(db, actor, expectations),
        ...sides,
        actions: await actionViews(db, actor, actions),
      };
    },
  );

  app.put(
    "/api/followup/units/:id/assignment",
    { schema: { tags, params: idParams, body: assignmentInput, response: { 200: assignmentView } } },
    async (request) => {
      const actor = requireActor(request);
      const unit = await visibleUnit(db, actor, request.params.id);
      authorize(policy.draftExpectations(actor, unit));
      return db.transaction(async (tx) => {
        const row = await store.saveAssignment(tx, {
          unitId: unit.id,
          tenantId: actor.tenantId,
          ...request.body,
          updatedBy: actor.personId,
          updatedByName: actor.name,
        });
        await audit(
          tx,
          actor,
          "followup.assignment.update",
          "unit",
          unit.id,
          `Uppdaterade uppdraget för ${unit.name}`,
        );
        return row;
      });
    },
  );

  // ---- expectations

  app.get(
    "/api/followup/expectations",
    { schema: { tags, querystring: unitQuery, response: { 200: z.array(expectationView) } } },
    async (request) => {
      const actor = requireActor(request);
      const unitIds = await unitsAsked(db, actor, request.query.unitId, "unit");
      return expectationViews(db, actor, await store.expectationsOf(db, actor.tenantId, unitIds));
    },
  );

  app.post(
    "/api/followup/expectations",
    { schema: { tags, body: expectationInput, response: { 201: expectationView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const unit = await unitOrField(db, actor, request.body.unitId, "body.unitId");
      authorize(policy.draftExpectations(actor, unit));
      refuseAsField(checkPeriod(request.body.periodStart, request.body.periodEnd), "body.periodEnd");
      await checkDemand(db, actor, request.body.demandId, request.body.method);
      const row = await db.transaction(async (tx) => {
        const row = await store.insertExpectation(tx, {
          ...request.body,
          tenantId: actor.tenantId,
          draftedBy: actor.personId,
          draftedByName: actor.name,
        });
        await linkIndicator(tx, actor, row);
        await audit(
          tx,
          actor,
          "followup.expectation.draft",
          "followup_expectation",
          row.id,
          `Utkast till förväntan för ${unit.name}: ${row.title}`,
        );
        return row;
      });
      reply.code(201);
      return (await expectationViews(db, actor, [row]))[0];
    },
  );

  app.patch(
    "/api/followup/expectations/:id",
    { schema: { tags, params: idParams, body: expectationPatch, response: { 200: expectationView } } },
    async (request) => {
      const actor = requireActor(request);
      const { state: to, ...changes } = request.body;
      const found = await store.getExpectation(db, actor.tenantId, request.params.id);
      if (!found) throw notFound(expectationNotFound);
      const unit = await visibleUnit(db, actor, found.unitId, expectationNotFound);
      authorize(policy.draftExpectations(actor, unit));
      await checkDemand(db, actor, changes.demandId, changes.method ?? found.method);
      const row = await db.transaction(async (tx) => {
        const current = await store.lockExpectation(tx, actor.tenantId, found.id);
        if (!current) throw notFound(expectationNotFound);
        const state = current.state as ExpectationState;
        const textChanged = Object.keys(changes).length > 0;
        const reopening = state === "agreed" && to === "dialogue";
        if (textChanged && !canEditText(state) && !reopening)
          throw conflict({
            sv: "En överenskommen eller avslutad förväntan ändras genom att den öppnas för dialog igen.",
            en: "An agreed or closed expectation is changed by opening it for dialogue again.",
          });
        if (to && to !== state) refuse(expectationTransition(state, to));
        refuseAsField(
          checkPeriod(changes.periodStart ?? current.periodStart, changes.periodEnd ?? current.periodEnd),
          "body.periodEnd",
        );
        const answered = (await store.positionsOf(tx, [current.id])).some(
          (p) => p.version === current.version,
        );
        const version = nextVersion({ from: state, to: to ?? state, textChanged, answered }, current.version);
        const revising = version !== current.version;
        const updated = await store.updateExpectation(tx, current.id, {
          ...changes,
          ...(to ? { state: to } : {}),
          version,
          ...(to === "agreed" ? { agreedAt: new Date(), agreedByName: actor.name } : {}),
        });
        if (textChanged || revising) await store.saveVersion(tx, updated, actor.name);
        if (changes.demandId) await linkIndicator(tx, actor, updated);
        if (to === "dialogue") await invitationToDialogue(tx, mode(), actor, unit, updated);
        await audit(
          tx,
          actor,
          to ? `followup.expectation.${to}` : "followup.expectation.update",
          "followup_expectation",
          current.id,
          `${to ? `Förväntan → ${to}` : "Ändrade förväntan"}: ${updated.title}`,
        );
        return updated;
      });
      return (await expectationViews(db, actor, [row]))[0];
    },
  );

  app.post(
    "/api/followup/expectations/:id/positions",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ agrees: z.boolean(), comment: z.string().trim().max(4000).nullish() }),
        response: { 200: expectationView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const found = await store.getExpectation(db, actor.tenantId, request.params.id);
      if (!found) throw notFound(expectationNotFound);
      const unit = await visibleUnit(db, actor, found.unitId, expectationNotFound);
      authorize(policy.takePosition(actor, unit));
      if (!request.body.agrees && !request.body.comment?.trim())
        throw badRequest({ sv: "Säg vad du inte håller med om.", en: "Say what you disagree with." }, [
          {
            path: "body.comment",
            message: { sv: "Krävs när du inte håller med.", en: "Required when you disagree." },
          },
        ]);
      await db.transaction(async (tx) => {
        const current = await store.lockExpectation(tx, actor.tenantId, found.id);
        if (current?.state !== "dialogue")
          throw conflict({
            sv: "Man tar ställning medan förväntan är i dialog.",
            en: "Positions are taken while the expectation is in dialogue.",
          });
        await store.savePosition(tx, {
          tenantId: actor.tenantId,
          expectationId: current.id,
          version: current.version,
          personId: actor.personId,
          personName: actor.name,
          agrees: request.body.agrees,
          comment: request.body.comment ?? null,
        });
        await audit(
          tx,
          actor,
          "followup.expectation.position",
          "followup_expectation",
          current.id,
          `${request.body.agrees ? "Håller med" : "Håller inte med"}: ${current.title}`,
        );
      });
      const row = await store.getExpectation(db, actor.tenantId, found.id);
      return (await expectationViews(db, actor, [row!]))[0];
    },
  );

  // ---- entries

  app.get(
    "/api/followup/entries",
    {
      schema: {
        tags,
        querystring: z.object({ unitId: id.optional(), expectationId: id.optional() }),
        response: { 200: z.array(entryView) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unitIds = await unitsAsked(db, actor, request.query.unitId, "unit");
      const rows = await store.entriesOf(db, actor.tenantId, {
        unitIds,
        expectationId: request.query.expectationId,
        limit: 500,
      });
      return rows.map(entryViewOf);
    },
  );

  app.post(
    "/api/followup/entries",
    { schema: { tags, body: entryInput, response: { 201: entryView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const unit = await unitOrField(db, actor, request.body.unitId, "body.unitId");
      authorize(policy.writeForUnit(actor, unit));
      if (request.body.expectationId) {
        const expectation = await store.getExpectation(db, actor.tenantId, request.body.expectationId);
        if (expectation?.unitId !== unit.id) throw fieldError("body.expectationId", expectationNotFound);
      }
      if (request.body.learningBank && request.body.kind !== "good_example")
        throw fieldError("body.learningBank", {
          sv: "Bara goda exempel kan märkas för lärbanken.",
          en: "Only good examples can be marked for the learning bank.",
        });
      const row = await db.transaction(async (tx) => {
        const row = await store.insertEntry(tx, {
          ...request.body,
          tenantId: actor.tenantId,
          authorId: actor.personId,
          authorName: actor.name,
        });
        await audit(
          tx,
          actor,
          "followup.entry.create",
          "followup_entry",
          row.id,
          `Uppföljning (${row.kind}) för ${unit.name}`,
        );
        return row;
      });
      reply.code(201);
      return entryViewOf(row);
    },
  );

  // ---- actions

  app.get(
    "/api/followup/actions",
    {
      schema: {
        tags,
        querystring: z.object({ unitId: id.optional(), waiting: z.enum(["true", "false"]).optional() }),
        response: { 200: z.array(actionView) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.query.waiting === "true") return actionViews(db, actor, await waitingOn(db, actor));
      const unitIds = await unitsAsked(db, actor, request.query.unitId, "subtree");
      return actionViews(db, actor, await store.actionsOf(db, actor.tenantId, { unitIds }));
    },
  );

  app.post(
    "/api/followup/actions",
    { schema: { tags, body: actionInput, response: { 201: actionView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      const unit = await unitOrField(db, actor, body.unitId, "body.unitId");
      authorize(policy.writeForUnit(actor, unit));
      const owner = body.ownerId ? await orgStore.getPerson(db, actor.tenantId, body.ownerId) : null;
      if (body.ownerId && !owner?.active)
        throw fieldError("body.ownerId", { sv: "Personen finns inte.", en: "The person does not exist." });
      if (body.addressee === "external") {
        const external = body.externalActorId
          ? await orgStore.getActor(db, actor.tenantId, body.externalActorId)
          : null;
        if (!external)
          throw fieldError("body.externalActorId", {
            sv: "Välj den externa aktören.",
            en: "Choose the external actor.",
          });
      }
      if (body.entryId) {
        const source = await store.getEntry(db, actor.tenantId, body.entryId);
        if (source?.unitId !== unit.id)
          throw fieldError("body.entryId", {
            sv: "Anteckningen finns inte.",
            en: "The entry does not exist.",
          });
      }
      if (body.dialogueId) {
        const meeting = await store.getDialogue(db, actor.tenantId, body.dialogueId);
        if (!meeting || (meeting.lowerUnitId !== unit.id && meeting.upperUnitId !== unit.id))
          throw fieldError("body.dialogueId", dialogueNotFound);
      }
      const row = await db.transaction(async (tx) => {
        const row = await store.insertAction(
          tx,
          {
            tenantId: actor.tenantId,
            unitId: unit.id,
            title: body.title,
            description: body.description ?? null,
            addressee: body.addressee,
            addresseeActorId: body.externalActorId ?? null,
            entryId: body.entryId ?? null,
            dialogueId: body.dialogueId ?? null,
            ownerId: owner?.id ?? null,
            ownerName: owner?.name ?? null,
            dueOn: body.dueOn ?? null,
            answerDays: body.answerDays ?? 14,
            createdBy: actor.personId,
            createdByName: actor.name,
          },
          actor.name,
        );
        if (isUpwardRequest(body.addressee)) await noticeOfRequest(tx, mode(), actor, unit, row);
        await audit(
          tx,
          actor,
          "followup.action.create",
          "followup_action",
          row.id,
          `Åtgärd till ${body.addressee} från ${unit.name}: ${row.title}`,
        );
        return row;
      });
      reply.code(201);
      return (await actionViews(db, actor, [row]))[0];
    },
  );

  app.post(
    "/api/followup/actions/:id/transition",
    { schema: { tags, params: idParams, body: transitionInput, response: { 200: actionView } } },
    async (request) => {
      const actor = requireActor(request);
      const { to, reason } = request.body;
      const found = await store.getAction(db, actor.tenantId, request.params.id);
      if (!found) throw notFound(actionNotFound);
      const unit = await unitRef(db, actor.tenantId, found.unitId);
      const addressee = found.addressee as Addressee;
      const answering = to === "accepted" || to === "declined";
      authorize(
        answering
          ? policy.answerAction(actor, unit, addressee)
          : policy.progressAction(actor, unit, addressee, found.ownerId),
        actionNotFound,
      );
      const row = await db.transaction(async (tx) => {
        const current = await store.lockAction(tx, actor.tenantId, found.id);
        if (!current) throw notFound(actionNotFound);
        const verdict = actionTransition(current.state as ActionState, to, reason);
        if (!verdict.ok && verdict.refusal.code === "reason_required") refuseAsField(verdict, "body.reason");
        refuse(verdict);
        const updated = await store.moveAction(
          tx,
          current,
          to,
          {
            ...(answering ? { answeredAt: new Date(), answeredByName: actor.name } : {}),
            ...(to === "declined" ? { declineReason: reason } : {}),
            ...(to === "evaluated" ? { evaluation: reason ?? null } : {}),
          },
          { reason: reason ?? null, byName: actor.name },
        );
        await audit(
          tx,
          actor,
          `followup.action.${to}`,
          "followup_action",
          current.id,
          `Åtgärd → ${to}: ${current.title}`,
        );
        return updated;
      });
      return (await actionViews(db, actor, [row]))[0];
    },
  );

  app.get(
    "/api/followup/responsiveness",
    { schema: { tags, querystring: unitQuery, response: { 200: responsivenessView } } },
    async (request) => {
      const actor = requireActor(request);
      const unitIds = await unitsAsked(db, actor, request.query.unitId, "subtree");
      const rows = await store.requestTimings(db, actor.tenantId, unitIds);
      return responsiveness(rows.map((row) => ({ ...row, addressee: row.addressee as Addressee })));
    },
  );

  // ---- dialogue meetings

  app.get(
    "/api/followup/dialogues",
    { schema: { tags, querystring: unitQuery, response: { 200: z.array(dialogueView) } } },
    async (request) => {
      const actor = requireActor(request);
      const unitIds = await unitsAsked(db, actor, request.query.unitId, "subtree");
      const rows = await store.dialoguesOf(db, actor.tenantId, unitIds);
      return Promise.all(rows.map((row) => dialogueViewOf(db, actor, row)));
    },
  );

  app.get(
    "/api/followup/dialogues/:id",
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: dialogueView.extend({
            previous: z.object({ id, title: z.string(), heldOn: z.string() }).nullable(),
            previousActions: z.array(actionView),
            actions: z.array(actionView),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await visibleDialogue(db, actor, request.params.id);
      const previous = await store.previousDialogue(db, row);
      const [previousActions, actions] = await Promise.all([
        previous ? store.actionsOf(db, actor.tenantId, { dialogueId: previous.id }) : [],
        store.actionsOf(db, actor.tenantId, { dialogueId: row.id }),
      ]);
      return {
        ...(await dialogueViewOf(db, actor, row)),
        previous: previous ? { id: previous.id, title: previous.title, heldOn: previous.heldOn } : null,
        previousActions: await actionViews(db, actor, previousActions),
        actions: await actionViews(db, actor, actions),
      };
    },
  );

  app.post(
    "/api/followup/dialogues",
    { schema: { tags, body: dialogueInput, response: { 201: dialogueView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      const upper = await unitOrField(db, actor, body.upperUnitId, "body.upperUnitId");
      const lower = await unitOrField(db, actor, body.lowerUnitId, "body.lowerUnitId");
      if (!lower.path.startsWith(upper.path) || lower.id === upper.id)
        throw fieldError("body.lowerUnitId", {
          sv: "Den undre enheten måste ligga under den övre i styrkedjan.",
          en: "The lower unit must lie below the upper one in the chain.",
        });
      authorize(policy.callDialogue(actor, lower));
      const participants = await participantsOf(db, actor.tenantId, body.participantIds ?? []);
      const row = await db.transaction(async (tx) => {
        const row = await store.insertDialogue(tx, {
          tenantId: actor.tenantId,
          upperUnitId: upper.id,
          lowerUnitId: lower.id,
          pair: body.pair,
          title: body.title,
          heldOn: body.heldOn,
          participants: participants.map(({ id: personId, name }) => ({ personId, name })),
          createdBy: actor.personId,
        });
        await invitationToMeeting(tx, mode(), actor, participants, {
          title: row.title,
          heldOn: row.heldOn,
          upper: upper.name,
          lower: lower.name,
        });
        await audit(
          tx,
          actor,
          "followup.dialogue.create",
          "followup_dialogue",
          row.id,
          `Kallade till dialogmöte: ${row.title}`,
        );
        return row;
      });
      reply.code(201);
      return dialogueViewOf(db, actor, row);
    },
  );

  app.patch(
    "/api/followup/dialogues/:id",
    { schema: { tags, params: idParams, body: dialoguePatch, response: { 200: dialogueView } } },
    async (request) => {
      const actor = requireActor(request);
      const found = await visibleDialogue(db, actor, request.params.id);
      const [upper, lower] = await Promise.all([
        unitRef(db, actor.tenantId, found.upperUnitId),
        unitRef(db, actor.tenantId, found.lowerUnitId),
      ]);
      authorize(policy.prepareDialogue(actor, upper, lower));
      const { agenda, participantIds, ...changes } = request.body;
      const participants = participantIds ? await participantsOf(db, actor.tenantId, participantIds) : null;
      const row = await db.transaction(async (tx) => {
        const current = await store.lockDialogue(tx, actor.tenantId, found.id);
        if (!current) throw notFound(dialogueNotFound);
        const merged = { ...current.agenda };
        for (const [item, notes] of Object.entries(agenda ?? {}))
          merged[item] = {
            ...merged[item],
            ...Object.fromEntries(Object.entries(notes ?? {}).filter(([, v]) => v !== undefined)),
          };
        const updated = await store.updateDialogue(tx, current.id, {
          ...changes,
          agenda: merged,
          ...(participants
            ? { participants: participants.map(({ id: personId, name }) => ({ personId, name })) }
            : {}),
        });
        await audit(
          tx,
          actor,
          "followup.dialogue.update",
          "followup_dialogue",
          current.id,
          `Skrev i dialogmötet: ${current.title}`,
        );
        return updated;
      });
      return dialogueViewOf(db, actor, row);
    },
  );
}

// ---- helpers

function audit(db: Db, actor: Actor, action: string, targetType: string, targetId: string, summary: string) {
  return auditAction(db, actor, { action, targetType, targetId, summary });
}

function refuse(verdict: Verdict) {
  if (!verdict.ok) throw conflict(verdict.refusal, { code: verdict.refusal.code });
}

function refuseAsField(verdict: Verdict, path: string) {
  if (!verdict.ok) throw fieldError(path, verdict.refusal);
}

async function unitRef(db: Db, tenantId: string, unitId: string): Promise<UnitRef> {
  const unit = await orgStore.getUnit(db, tenantId, unitId);
  if (!unit) throw notFound(unitNotFound);
  return unit;
}

async function visibleUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  missing: Text = unitNotFound,
): Promise<UnitRef> {
  const unit = await orgStore.getUnit(db, actor.tenantId, unitId);
  if (!unit) throw notFound(missing);
  authorize(policy.viewUnit(actor, unit), missing);
  return unit;
}

/** A unit named in a body: unknown or invisible → 400 on that field, so nothing is written. */
async function unitOrField(db: Db, actor: Actor, unitId: string, path: string): Promise<UnitRef> {
  const unit = await orgStore.getUnit(db, actor.tenantId, unitId);
  if (!unit?.active || !policy.viewUnit(actor, unit).allowed) throw fieldError(path, unitNotFound);
  return unit;
}

/** The units a list covers: the asked unit (or its subtree), or every unit the actor sees. */
async function unitsAsked(db: Db, actor: Actor, unitId: string | undefined, reach: "unit" | "subtree") {
  if (unitId) {
    const unit = await visibleUnit(db, actor, unitId);
    if (reach === "unit") return [unit.id];
    const subtree = await orgStore.listUnits(db, actor.tenantId, {
      all: false,
      subtrees: [unit.path],
      units: [],
    });
    return subtree.map((u) => u.id);
  }
  const units = await orgStore.listUnits(db, actor.tenantId, visibleScopes(actor));
  return units.map((u) => u.id);
}

async function visibleDialogue(db: Db, actor: Actor, dialogueId: string) {
  const row = await store.getDialogue(db, actor.tenantId, dialogueId);
  if (!row) throw notFound(dialogueNotFound);
  const [upper, lower] = await Promise.all([
    unitRef(db, actor.tenantId, row.upperUnitId),
    unitRef(db, actor.tenantId, row.lowerUnitId),
  ]);
  const participant = row.participants.some((p) => p.personId === actor.personId);
  if (!participant && !policy.viewUnit(actor, lower).allowed && !policy.viewUnit(actor, upper).allowed)
    throw notFound(dialogueNotFound);
  return row;
}

async function participantsOf(db: Db, tenantId: string, ids: string[]) {
  const people = await Promise.all(ids.map((personId) => orgStore.getPerson(db, tenantId, personId)));
  const missing = people.findIndex((person) => !person?.active);
  if (missing >= 0)
    throw fieldError(`body.participantIds.${missing}`, {
      sv: "Personen finns inte.",
      en: "The person does not exist.",
    });
  return [...new Map(people.flatMap((person) => (person ? [[person.id, person] as const] : []))).values()];
}

/** An indicator must be a demand of the tenant's inventory. */
async function checkDemand(db: Db, actor: Actor, demandId: string | null | undefined, method: string) {
  if (!demandId) return;
  if (method !== "indicator")
    throw fieldError("body.demandId", {
      sv: "Ett krav ur inventeringen väljs bara när metoden är indikator.",
      en: "A demand from the inventory is chosen only when the method is an indicator.",
    });
  if (!(await inventoryStore.getDemand(db, actor.tenantId, demandId)))
    throw fieldError("body.demandId", {
      sv: "Kravet finns inte i inventeringen.",
      en: "The demand is not in the inventory.",
    });
}

/** Choosing an indicator from the inventory is a use of it: the inventory learns what it serves. */
async function linkIndicator(db: Db, actor: Actor, row: store.ExpectationRow) {
  if (!row.demandId || row.method !== "indicator") return;
  await recordDemandUse(db, {
    tenantId: actor.tenantId,
    demandId: row.demandId,
    kind: "dialogue",
    description: `Valdes som indikator för förväntan "${row.title}"`,
    source: "followup",
    recordedBy: actor.personId,
  });
}

/** Open upward requests the actor's level must answer, oldest first. */
async function waitingOn(db: Db, actor: Actor) {
  const open = await store.actionsOf(db, actor.tenantId, { states: ["proposed"] });
  const upward = open.filter((row) => isUpwardRequest(row.addressee as Addressee));
  const units = await orgStore.unitsByIds(db, actor.tenantId, [...new Set(upward.map((row) => row.unitId))]);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return upward
    .filter((row) => {
      const unit = byId.get(row.unitId);
      return !!unit && policy.mayAnswer(actor, unit, row.addressee as Addressee);
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
