// Dialogue meetings between two levels of the chain: called by the upper side, prepared by both in
// one agenda, minuted, and reviewed at the next meeting through the actions decided in this one.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { fieldError, notFound, type Text } from "../core/errors.ts";
import type { Mailer } from "../core/mail.ts";
import { enforce } from "../core/verdict.ts";
import * as org from "../org/service.ts";
import { dialogueLevels, dialogueParts, mergeAgenda } from "./model.ts";
import { invitationToMeeting } from "./notices.ts";
import * as policy from "./policy.ts";
import type { DialogueInput, DialoguePatch, UnitQuery } from "./schemas.ts";
import * as store from "./store.ts";
import { unitOrField, unitRef, unitsAsked } from "./unit-service.ts";
import {
  actionViews,
  type DialogueDetail,
  type DialogueView,
  dialogueViewOf,
  dialogueViewsOf,
} from "./views.ts";

type Mode = Mailer["mode"];

export const dialogueNotFound: Text = {
  sv: "Dialogmötet finns inte.",
  en: "The dialogue meeting does not exist.",
};

/** Meetings whose lower unit is the asked unit's subtree, or any unit the actor sees. */
export async function listDialogues(db: Db, actor: Actor, query: UnitQuery): Promise<DialogueView[]> {
  authorize(policy.listFollowup(actor));
  const unitIds = await unitsAsked(db, actor, query.unitId, "subtree");
  const rows = await store.dialoguesOf(db, actor.tenantId, unitIds);
  return dialogueViewsOf(db, actor, rows);
}

/** A meeting with its decisions, and the meeting before it between the same units with the actions to review. */
export async function dialogueDetail(db: Db, actor: Actor, dialogueId: string): Promise<DialogueDetail> {
  const { row } = await visibleDialogue(db, actor, dialogueId);
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
}

/** The upper side calls a meeting with a unit below it; the participants are invited by mail. */
export async function callDialogue(
  db: Db,
  actor: Actor,
  input: DialogueInput,
  mode: Mode,
): Promise<DialogueView> {
  const upper = await unitOrField(db, actor, input.upperUnitId, "body.upperUnitId");
  const lower = await unitOrField(db, actor, input.lowerUnitId, "body.lowerUnitId");
  enforce(dialogueLevels(upper, lower), "body.lowerUnitId");
  authorize(policy.callDialogue(actor, upper));
  const participants = await participantsOf(db, actor.tenantId, input.participantIds ?? []);
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.insertDialogue(tx, {
        tenantId: actor.tenantId,
        upperUnitId: upper.id,
        lowerUnitId: lower.id,
        pair: input.pair,
        title: input.title,
        heldOn: input.heldOn,
        participants: participants.map(({ id: personId, name }) => ({ personId, name })),
        createdBy: actor.personId,
      });
      await invitationToMeeting(tx, mode, actor, participants, {
        title: row.title,
        heldOn: row.heldOn,
        upper: upper.name,
        lower: lower.name,
      });
      return row;
    },
    (row) => ({
      action: "followup.dialogue.create",
      targetType: "followup_dialogue",
      targetId: row.id,
      summary: {
        sv: `Kallade till dialogmöte: ${row.title}`,
        en: `Called a dialogue meeting: ${row.title}`,
      },
    }),
  );
  return dialogueViewOf(db, actor, row);
}

/**
 * Each side writes its own preparation; whoever keeps the meeting writes the minutes, the
 * participants, the date and the status. What a change writes is judged against the meeting as it
 * stands under the lock, so a side never overwrites what the other wrote meanwhile.
 */
export async function writeDialogue(
  db: Db,
  actor: Actor,
  dialogueId: string,
  input: DialoguePatch,
): Promise<DialogueView> {
  const { row: found, upper, lower } = await visibleDialogue(db, actor, dialogueId);
  authorize(policy.prepareDialogue(actor, found, upper, lower));
  const { agenda, participantIds, ...changes } = input;
  const participants = participantIds ? await participantsOf(db, actor.tenantId, participantIds) : null;
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const current = await store.lockDialogue(tx, actor.tenantId, found.id);
      if (!current) throw notFound(dialogueNotFound);
      authorize(policy.writeDialogue(actor, current, upper, lower, dialogueParts(current, input)));
      return store.updateDialogue(tx, current.id, {
        ...changes,
        agenda: mergeAgenda(current.agenda, agenda ?? {}),
        ...(participants
          ? { participants: participants.map(({ id: personId, name }) => ({ personId, name })) }
          : {}),
      });
    },
    (updated) => ({
      action: "followup.dialogue.update",
      targetType: "followup_dialogue",
      targetId: updated.id,
      summary: {
        sv: `Skrev i dialogmötet: ${found.title}`,
        en: `Wrote in the dialogue meeting: ${found.title}`,
      },
    }),
  );
  return dialogueViewOf(db, actor, row);
}

/** A meeting the actor may read, with its two units; for anyone else it does not exist. */
async function visibleDialogue(db: Db, actor: Actor, dialogueId: string) {
  const row = await store.getDialogue(db, actor.tenantId, dialogueId);
  if (!row) throw notFound(dialogueNotFound);
  const [upper, lower] = await Promise.all([
    unitRef(db, actor.tenantId, row.upperUnitId),
    unitRef(db, actor.tenantId, row.lowerUnitId),
  ]);
  authorize(policy.viewDialogue(actor, row, upper, lower), dialogueNotFound);
  return { row, upper, lower };
}

/** The people invited: active people of the tenant, each once; an unknown one is named by its place in the list. */
async function participantsOf(db: Db, tenantId: string, ids: string[]) {
  const people = await Promise.all(ids.map((personId) => org.getPerson(db, tenantId, personId)));
  const missing = people.findIndex((person) => !person?.active);
  if (missing >= 0)
    throw fieldError(`body.participantIds.${missing}`, {
      sv: "Personen finns inte.",
      en: "The person does not exist.",
    });
  return [...new Map(people.flatMap((person) => (person ? [[person.id, person] as const] : []))).values()];
}
