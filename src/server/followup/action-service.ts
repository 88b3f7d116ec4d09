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
  stepRecord,
  UPWARD_ADDRESSEES,
} from "./model.ts";
import { noticeOfRequest } from "./notices.ts";
import * as policy from "./policy.ts";
import type { ActionInput, ActionsQuery, TransitionInput, UnitQuery } from "./schemas.ts";
import * as store from "./store.ts";
import { unitOrField, unitRef, unitScopeAsked } from "./unit-service.ts";
import { type ActionsPage, type ActionView, actionViews, type UnitRef } from "./views.ts";

type Mode = Mailer["mode"];

const actionNotFound: Text = { sv: "Åtgärden finns inte.", en: "The action does not exist." };
const personNotFound: Text = { sv: "Personen finns inte.", en: "The person does not exist." };

/**
 * A page of the actions of a unit's subtree (or of every unit the actor sees), newest first; or —
 * `waiting` — of the open upward requests the actor's level must answer, oldest first. Filters,
 * order and counts are the database's: nothing but the page is loaded.
 */
export async function listActions(db: Db, actor: Actor, query: ActionsQuery): Promise<ActionsPage> {
  const now = new Date();
  const page = { after: query.after, limit: query.limit, now };
  if (query.waiting === "true") {
    authorize(policy.viewWaiting(actor));
    const filter = {
      units: "all" as const,
      states: ["proposed" as const],
      answerable: await answerableUnits(db, actor),
    };
    return pageOf(
      db,
      actor,
      await store.actionPage(db, actor.tenantId, filter, { ...page, oldestFirst: true }),
      now,
    );
  }
  authorize(policy.listFollowup(actor));
  const filter = {
    units: await unitScopeAsked(db, actor, query.unitId, "subtree"),
    states: query.state ? [query.state] : undefined,
    direction: query.direction,
  };
  return pageOf(
    db,
    actor,
    await store.actionPage(db, actor.tenantId, filter, { ...page, oldestFirst: false }),
    now,
  );
}

/**
 * Per level, the units with open requests where the actor answers that level (`policy.mayAnswer`):
 * only the units that have open requests are looked up, not the subtrees the actor answers for.
 */
async function answerableUnits(db: Db, actor: Actor): Promise<store.ActionFilter["answerable"]> {
  const units = await org.unitsByIds(
    db,
    actor.tenantId,
    await store.unitsWithOpenRequests(db, actor.tenantId),
  );
  return Object.fromEntries(
    UPWARD_ADDRESSEES.map((level) => [
      level,
      units.filter((unit) => policy.mayAnswer(actor, unit, level)).map((unit) => unit.id),
    ]),
  );
}

async function pageOf(
  db: Db,
  actor: Actor,
  page: Awaited<ReturnType<typeof store.actionPage>>,
  now: Date,
): Promise<ActionsPage> {
  return {
    items: await actionViews(db, actor, page.rows, now),
    total: page.total,
    overdue: page.overdue,
    next: page.more ? (page.rows.at(-1)?.id ?? null) : null,
  };
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
  return viewOf(db, actor, row, unit);
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
  return viewOf(db, actor, row, unit);
}

/**
 * How quickly each level answers the requests of the asked unit's subtree, or of every unit the actor
 * sees: `model.responsiveness`, summed in the database.
 */
export async function responsivenessOf(db: Db, actor: Actor, query: UnitQuery): Promise<Responsiveness[]> {
  authorize(policy.viewResponsiveness(actor));
  const units = await unitScopeAsked(db, actor, query.unitId, "subtree");
  const levels = new Map(
    (await store.responsivenessByLevel(db, actor.tenantId, units)).map((row) => [row.level, row]),
  );
  return UPWARD_ADDRESSEES.flatMap((level) => levels.get(level) ?? []);
}

/** The answer to a change of one action, whose unit the use case has already loaded. */
async function viewOf(db: Db, actor: Actor, row: store.ActionRow, unit: UnitRef): Promise<ActionView> {
  const [view] = await actionViews(db, actor, [row], new Date(), [unit]);
  return view;
}
