// Actions to any level of the chain. One addressed above the unit is an upward request: the level
// it reaches is told by mail, must answer (accept, or decline and say why), and its time to answer
// is the chain's responsiveness.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { fieldError, notFound, type Text } from "../core/errors.ts";
import type { Mailer } from "../core/mail.ts";
import { enforce } from "../core/verdict.ts";
import * as org from "../org/service.ts";
import { dialogueNotFound } from "./dialogue-service.ts";
import {
  ACTION_NAMES,
  ADDRESSEE_NAMES,
  ANSWER_DAYS_DEFAULT,
  actionTransition,
  isAnswer,
  isUpwardRequest,
  type Responsiveness,
  responsiveness,
  stepRecord,
} from "./model.ts";
import { noticeOfRequest } from "./notices.ts";
import * as policy from "./policy.ts";
import type { ActionInput, ActionsQuery, TransitionInput, UnitQuery } from "./schemas.ts";
import * as store from "./store.ts";
import { unitOrField, unitRef, unitsAsked } from "./unit-service.ts";
import { type ActionView, actionViews } from "./views.ts";

type Mode = Mailer["mode"];

const actionNotFound: Text = { sv: "Åtgärden finns inte.", en: "The action does not exist." };
const personNotFound: Text = { sv: "Personen finns inte.", en: "The person does not exist." };

/** A unit's actions (with its subtree), or — `waiting` — the upward requests the actor must answer. */
export async function listActions(db: Db, actor: Actor, query: ActionsQuery): Promise<ActionView[]> {
  if (query.waiting === "true") {
    authorize(policy.viewWaiting(actor));
    return actionViews(db, actor, await waitingOn(db, actor));
  }
  authorize(policy.listFollowup(actor));
  const unitIds = await unitsAsked(db, actor, query.unitId, "subtree");
  return actionViews(db, actor, await store.actionsOf(db, actor.tenantId, { unitIds }));
}

/** Open upward requests the actor's level must answer, oldest first. */
async function waitingOn(db: Db, actor: Actor): Promise<store.ActionRow[]> {
  const open = await store.actionsOf(db, actor.tenantId, { states: ["proposed"] });
  const upward = open.filter((row) => isUpwardRequest(row.addressee));
  const units = await org.unitsByIds(db, actor.tenantId, [...new Set(upward.map((row) => row.unitId))]);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return upward
    .filter((row) => {
      const unit = byId.get(row.unitId);
      return !!unit && policy.mayAnswer(actor, unit, row.addressee);
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Proposes an action for a unit, from an entry or a dialogue meeting of that unit, with an owner of
 * the tenant; a request upward tells the level it reaches.
 */
export async function proposeAction(
  db: Db,
  actor: Actor,
  input: ActionInput,
  mode: Mode,
): Promise<ActionView> {
  const unit = await unitOrField(db, actor, input.unitId, "body.unitId");
  authorize(policy.writeForUnit(actor, unit));
  const owner = await ownerOf(db, actor, input.ownerId);
  await checkSources(db, actor, unit.id, input);
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.insertAction(
        tx,
        {
          tenantId: actor.tenantId,
          unitId: unit.id,
          title: input.title,
          description: input.description ?? null,
          addressee: input.addressee,
          addresseeActorId: input.externalActorId ?? null,
          entryId: input.entryId ?? null,
          dialogueId: input.dialogueId ?? null,
          ownerId: owner?.id ?? null,
          ownerName: owner?.name ?? null,
          dueOn: input.dueOn ?? null,
          answerDays: input.answerDays ?? ANSWER_DAYS_DEFAULT,
          createdBy: actor.personId,
          createdByName: actor.name,
        },
        actor.name,
      );
      if (isUpwardRequest(row.addressee)) await noticeOfRequest(tx, mode, actor, unit, row);
      return row;
    },
    (row) => ({
      action: "followup.action.create",
      targetType: "followup_action",
      targetId: row.id,
      summary: {
        sv: `Åtgärd till ${ADDRESSEE_NAMES[row.addressee].sv} från ${unit.name}: ${row.title}`,
        en: `Action to ${ADDRESSEE_NAMES[row.addressee].en} from ${unit.name}: ${row.title}`,
      },
    }),
  );
  return viewOf(db, actor, row);
}

/** The owner named in a body: an active person of the tenant, or 400 on the field. */
async function ownerOf(db: Db, actor: Actor, ownerId: string | null | undefined) {
  if (!ownerId) return null;
  const owner = await org.getPerson(db, actor.tenantId, ownerId);
  if (!owner?.active) throw fieldError("body.ownerId", personNotFound);
  return owner;
}

/**
 * What an action names must exist: the external actor it is addressed to, the unit's entry or meeting
 * it came from; a meeting's decision is recorded by whoever keeps that meeting.
 */
async function checkSources(db: Db, actor: Actor, unitId: string, input: ActionInput): Promise<void> {
  // Named at all, the actor must be the tenant's: an id is stored only once it is checked here.
  if (input.addressee === "external" || input.externalActorId) {
    const external = input.externalActorId
      ? await org.getActor(db, actor.tenantId, input.externalActorId)
      : null;
    if (!external)
      throw fieldError("body.externalActorId", {
        sv: "Välj den externa aktören.",
        en: "Choose the external actor.",
      });
  }
  if (input.entryId) {
    const source = await store.getEntry(db, actor.tenantId, input.entryId);
    if (source?.unitId !== unitId)
      throw fieldError("body.entryId", { sv: "Anteckningen finns inte.", en: "The entry does not exist." });
  }
  if (input.dialogueId) {
    const meeting = await store.getDialogue(db, actor.tenantId, input.dialogueId);
    if (!meeting || (meeting.lowerUnitId !== unitId && meeting.upperUnitId !== unitId))
      throw fieldError("body.dialogueId", dialogueNotFound);
    // A decision becomes part of the meeting's record, which only whoever keeps the meeting writes.
    const [upper, lower] = await Promise.all([
      unitRef(db, actor.tenantId, meeting.upperUnitId),
      unitRef(db, actor.tenantId, meeting.lowerUnitId),
    ]);
    authorize(policy.recordDecision(actor, meeting, upper, lower));
  }
}

/**
 * Moves an action a step: the addressed level answers (accepts, or declines with a reason), then
 * the owner, the addressed level or the unit's employer side carry it to done and evaluate it.
 */
export async function moveAction(
  db: Db,
  actor: Actor,
  actionId: string,
  input: TransitionInput,
): Promise<ActionView> {
  const { to, reason } = input;
  const found = await store.getAction(db, actor.tenantId, actionId);
  if (!found) throw notFound(actionNotFound);
  const unit = await unitRef(db, actor.tenantId, found.unitId);
  authorize(
    isAnswer(to)
      ? policy.answerAction(actor, unit, found.addressee)
      : policy.progressAction(actor, unit, found.addressee, found.ownerId),
    actionNotFound,
  );
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const current = await store.lockAction(tx, actor.tenantId, found.id);
      if (!current) throw notFound(actionNotFound);
      const verdict = actionTransition(current.state, to, reason);
      const missingReason = !verdict.ok && verdict.refusal.code === "reason_required";
      enforce(verdict, missingReason ? "body.reason" : undefined);
      return store.moveAction(tx, current, to, stepRecord(to, reason, actor.name, new Date()), {
        reason: reason ?? null,
        byName: actor.name,
      });
    },
    (moved) => ({
      action: `followup.action.${to}`,
      targetType: "followup_action",
      targetId: moved.id,
      summary: {
        sv: `Åtgärden är nu ${ACTION_NAMES[to].sv}: ${moved.title}`,
        en: `The action is now ${ACTION_NAMES[to].en}: ${moved.title}`,
      },
    }),
  );
  return viewOf(db, actor, row);
}

/** How quickly each level answers the requests of the asked unit's subtree, or of every unit the actor sees. */
export async function responsivenessOf(db: Db, actor: Actor, query: UnitQuery): Promise<Responsiveness[]> {
  authorize(policy.viewResponsiveness(actor));
  const unitIds = await unitsAsked(db, actor, query.unitId, "subtree");
  return responsiveness(await store.requestTimings(db, actor.tenantId, unitIds));
}

async function viewOf(db: Db, actor: Actor, row: store.ActionRow): Promise<ActionView> {
  const [view] = await actionViews(db, actor, [row]);
  return view;
}
