// The trust barometer's use cases, one function per thing a person does: read the bank and add a
// question, read and change the settings, start, read, answer and close a round, read its results
// and note the team's conversation about them. Each checks the policy, enforces the model's rules
// and writes in one transaction with its audit entry — except answering, which is never audited:
// an entry would tie a person to the moment they answered (docs/privacy.md).
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { fieldError, type Lang, notFound } from "../core/errors.ts";
import type { Sealer } from "../core/seal.ts";
import { enforce } from "../core/verdict.ts";
import { getUnit, mergeTenantSettings, unitsByIds } from "../org/service.ts";
import type { BankItem } from "./bank.ts";
import {
  type Answer,
  answeringVerdict,
  answersVerdict,
  type BarometerSettings,
  closeVerdict,
  type FieldVerdict,
  MAX_ITEMS,
  roundDraftVerdict,
  roundPhase,
  settingsChange,
} from "./model.ts";
import * as policy from "./policy.ts";
import { resultsContext, roundNotFound } from "./results-service.ts";
import {
  closeAndCount,
  invitationsFor,
  itemKindsOf,
  itemsOf,
  type MailMode,
  openRound,
  settingsOf,
  takeAnswers,
  today,
} from "./rounds-service.ts";
import type { newItem, newRound } from "./schemas.ts";
import type { InvitationRow, RoundRow } from "./store.ts";
import * as store from "./store.ts";
import { type ItemView, itemViewOf, type RoundSummary, roundSummaryOf } from "./views.ts";

export {
  exportRoundResults,
  type ResultsQuery,
  roundHeatmap,
  roundOverview,
  roundResults,
} from "./results-service.ts";

/** A rule about one field of the request body becomes a 400 beside that field. */
function enforceBody(verdict: FieldVerdict): void {
  if (!verdict.ok) enforce(verdict, `body.${verdict.field}`);
}

// ---- the question bank

export async function listItems(db: Db, actor: Actor, lang: Lang): Promise<ItemView[]> {
  authorize(policy.viewBank(actor));
  const items = await itemsOf(db, actor.tenantId);
  return items.map((item) => itemViewOf(item, lang));
}

type NewItem = z.output<typeof newItem>;

/** A tenant's own question beside the bank's; custom scale questions use the agree scale. */
export async function addItem(db: Db, actor: Actor, input: NewItem): Promise<{ id: string }> {
  authorize(policy.manageItems(actor));
  return auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.insertCustomItem(tx, {
        id: `custom.${randomUUID()}`,
        tenantId: actor.tenantId,
        ...input,
        scale: input.kind === "scale" ? "agree" : null,
      });
      return { id: row.id };
    },
    (item) => ({
      action: "barometer.item.create",
      targetType: "barometer_item",
      targetId: item.id,
      summary: {
        sv: `Lade till en egen fråga i tillitsbarometern: ${input.sv}`,
        en: `Added a question of the organisation's own to the trust barometer: ${input.en}`,
      },
    }),
  );
}

// ---- settings

export async function getSettings(db: Db, actor: Actor): Promise<BarometerSettings> {
  authorize(policy.viewSettings(actor));
  return settingsOf(db, actor.tenantId);
}

/**
 * Changes some of the settings. Only the fields given are merged into the tenant's barometer slice,
 * in one UPDATE that holds the tenant's row: a concurrent change of another field, or of another
 * module's settings, survives. The rules are checked on the settings as they are inside the
 * transaction, so a refused change writes nothing.
 */
export async function changeSettings(
  db: Db,
  actor: Actor,
  patch: Partial<BarometerSettings>,
): Promise<BarometerSettings> {
  authorize(policy.manageSettings(actor));
  return auditedTransaction(
    db,
    actor,
    async (tx) => {
      enforceBody(settingsChange(await settingsOf(tx, actor.tenantId), patch));
      await mergeTenantSettings(tx, actor.tenantId, ["barometer"], patch);
      return settingsOf(tx, actor.tenantId);
    },
    (settings) => ({
      action: "barometer.settings.update",
      targetType: "tenant",
      targetId: actor.tenantId,
      summary: {
        sv: `Ändrade tillitsbarometerns inställningar: minsta gruppstorlek ${settings.minGroupSize}, gräns för fritextsvar ${settings.commentMinGroupSize}, karenstid ${settings.embargoDays} dagar`,
        en: `Changed the trust barometer's settings: minimum group size ${settings.minGroupSize}, threshold for comments ${settings.commentMinGroupSize}, embargo ${settings.embargoDays} days`,
      },
    }),
  );
}

// ---- rounds

/** Every round of the tenant the caller may see: those they are invited to and those of units they see. */
export async function listRounds(db: Db, actor: Actor): Promise<RoundSummary[]> {
  const [rows, bank] = await Promise.all([store.listRounds(db, actor.tenantId), bankOf(db, actor)]);
  // Every round's unit and the caller's invitations in one query each, not two per round.
  const [scopes, invitations] = await Promise.all([
    unitsByIds(db, actor.tenantId, [...new Set(rows.map((row) => row.unitId))]),
    store.invitationsOfPerson(
      db,
      rows.map((row) => row.id),
      actor.personId,
    ),
  ]);
  const scopeOf = new Map(scopes.map((scope) => [scope.id, scope]));
  const invitationOf = new Map(invitations.map((invitation) => [invitation.roundId, invitation]));
  return rows.flatMap((row) => {
    const summary = summaryIfVisible(
      actor,
      row,
      scopeOf.get(row.unitId),
      invitationOf.get(row.id) ?? null,
      bank,
    );
    return summary ? [summary] : [];
  });
}

type NewRound = z.output<typeof newRound>;

/**
 * Starts a round over a unit's subtree: checks its questions and dates, invites everyone with a
 * role in the scope (each with the unit their answer will be stored with) and, when it opens
 * today, sends the invitations. The round keeps today's minimum group size as its k.
 */
export async function startRound(
  db: Db,
  actor: Actor,
  input: NewRound,
  mode: MailMode,
): Promise<RoundSummary> {
  const unit = await getUnit(db, actor.tenantId, input.unitId);
  if (unit) authorize(policy.startRound(actor, unit));
  const bank = await itemsOf(db, actor.tenantId);
  enforceBody(roundDraftVerdict(input, new Set(bank.map((item) => item.id)), today()));
  if (!unit?.active)
    throw fieldError("body.unitId", { sv: "Enheten finns inte.", en: "The unit does not exist." });
  const settings = await settingsOf(db, actor.tenantId);
  const invitees = await invitationsFor(db, actor.tenantId, unit.path, settings.minGroupSize);
  const values = {
    tenantId: actor.tenantId,
    title: input.title,
    unitId: unit.id,
    itemIds: input.itemIds,
    opensOn: input.opensAt,
    closesOn: input.closesAt,
    k: settings.minGroupSize,
    createdBy: actor.personId,
    createdByName: actor.name,
  };
  const row = await auditedTransaction(
    db,
    actor,
    (tx) => openRound(tx, values, invitees, mode),
    (round) => ({
      action: "barometer.round.create",
      targetType: "barometer_round",
      targetId: round.id,
      summary: {
        sv: `Startade omgången ${round.title} för ${unit.name}, öppen ${round.opensOn}–${round.closesOn}`,
        en: `Started the round ${round.title} for ${unit.name}, open ${round.opensOn}–${round.closesOn}`,
      },
    }),
  );
  return summaryOf(db, actor, row);
}

/** A round with its questions in the caller's language, for answering or reading about it. */
export async function getRound(db: Db, actor: Actor, roundId: string, lang: Lang) {
  const row = await store.getRound(db, actor.tenantId, roundId);
  if (!row) throw notFound(roundNotFound);
  const bank = await bankOf(db, actor);
  const summary = await visibleSummary(db, actor, row, bank);
  if (!summary) throw notFound(roundNotFound);
  return {
    ...summary,
    maxItems: MAX_ITEMS,
    items: row.itemIds.flatMap((itemId) => {
      const item = bank.get(itemId);
      return item ? [itemViewOf(item, lang)] : [];
    }),
  };
}

/** Closes a round before its closing day: what is left in the pool is counted, results exist from now. */
export async function closeRound(
  db: Db,
  actor: Actor,
  roundId: string,
  sealer: Sealer,
): Promise<RoundSummary> {
  const found = await store.getRound(db, actor.tenantId, roundId);
  if (!found || !(await visibleSummary(db, actor, found, await bankOf(db, actor))))
    throw notFound(roundNotFound);
  authorize(policy.closeRound(actor, found));
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const locked = await store.lockRound(tx, actor.tenantId, found.id);
      if (!locked) throw notFound(roundNotFound);
      enforce(closeVerdict(locked));
      return closeAndCount(tx, locked, sealer);
    },
    (closed) => ({
      action: "barometer.round.close",
      targetType: "barometer_round",
      targetId: closed.id,
      summary: { sv: `Stängde omgången ${closed.title}`, en: `Closed the round ${closed.title}` },
    }),
  );
  return summaryOf(db, actor, row);
}

// ---- answering

/**
 * Takes one person's answers to a round they are invited to. Not audited, and nothing about the
 * answer is logged: the only trace is the invitation's `answered`, and the answers themselves wait
 * in the pool without the person until k of them are mixed into counts.
 */
export async function submitAnswers(
  db: Db,
  actor: Actor,
  roundId: string,
  answers: Answer[],
  sealer: Sealer,
) {
  return db.transaction(async (tx) => {
    // Held against closing; answers of other groups are taken side by side (takeAnswers).
    const row = await store.shareRound(tx, actor.tenantId, roundId);
    if (!row) throw notFound(roundNotFound);
    // Marked first, in the statement that finds the invitation: a second answer racing this one waits
    // for it and then finds nothing to mark. A refusal below undoes the mark with the transaction.
    const invitation = await store.markAnswered(tx, row.id, actor.personId);
    if (!invitation) {
      const known = await store.getInvitation(tx, row.id, actor.personId);
      // Not being invited looks the same as no such round.
      if (!known) throw notFound(roundNotFound);
      authorize(policy.answerRound(actor, known), roundNotFound);
      enforce(answeringVerdict(roundPhase(row, today()), known.answered));
    }
    if (!invitation) throw notFound(roundNotFound);
    authorize(policy.answerRound(actor, invitation), roundNotFound);
    enforce(answeringVerdict(roundPhase(row, today()), false));
    enforceBody(answersVerdict(row.itemIds, await itemKindsOf(tx, actor.tenantId, row.itemIds), answers));
    await takeAnswers(tx, row, invitation, answers, sealer);
    return { ok: true as const };
  });
}

// ---- the team's conversation about its results

type NewDiscussion = { unitId: string; notes: string };

/** Notes what a unit discussed about its results; its actions are then written in the follow-up module. */
export async function noteDiscussion(db: Db, actor: Actor, roundId: string, input: NewDiscussion) {
  const { row, unit } = await resultsContext(db, actor, roundId, input.unitId);
  authorize(policy.discussResults(actor, { id: unit.unitId, path: unit.path, tenantId: actor.tenantId }));
  return auditedTransaction(
    db,
    actor,
    async (tx) => {
      const created = await store.insertDiscussion(tx, {
        tenantId: actor.tenantId,
        roundId: row.id,
        unitId: unit.unitId,
        notes: input.notes,
        createdByName: actor.name,
      });
      return { id: created.id };
    },
    {
      action: "barometer.discussion.create",
      targetType: "barometer_round",
      targetId: row.id,
      summary: {
        sv: `Antecknade samtalet om ${row.title} för ${unit.name}`,
        en: `Noted the conversation about ${row.title} for ${unit.name}`,
      },
    },
  );
}

// ---- helpers

const bankOf = async (db: Db, actor: Actor) =>
  new Map((await itemsOf(db, actor.tenantId)).map((item) => [item.id, item]));

/** The round as the caller sees it, or null when they may not see it at all. */
async function visibleSummary(
  db: Db,
  actor: Actor,
  row: RoundRow,
  bank: ReadonlyMap<string, BankItem>,
): Promise<RoundSummary | null> {
  const [scope, invitation] = await Promise.all([
    getUnit(db, row.tenantId, row.unitId),
    store.getInvitation(db, row.id, actor.personId),
  ]);
  return summaryIfVisible(actor, row, scope ?? undefined, invitation, bank);
}

function summaryIfVisible(
  actor: Actor,
  row: RoundRow,
  scope: { id: string; tenantId: string; path: string; name: string } | undefined,
  invitation: InvitationRow | null,
  bank: ReadonlyMap<string, BankItem>,
): RoundSummary | null {
  if (!scope) throw notFound(roundNotFound);
  if (!policy.viewRound(actor, scope, invitation !== null).allowed) return null;
  return roundSummaryOf(row, {
    unitName: scope.name,
    bank,
    invitation,
    mayClose: policy.closeRound(actor, row).allowed,
    today: today(),
  });
}

/** The summary of a round the caller has just started or closed, which they can always see. */
async function summaryOf(db: Db, actor: Actor, row: RoundRow): Promise<RoundSummary> {
  const summary = await visibleSummary(db, actor, row, await bankOf(db, actor));
  if (!summary) throw notFound(roundNotFound);
  return summary;
}
