// Expectations agreed in dialogue: the employer side drafts them, opens them for dialogue (the staff
// are invited), the staff take positions on each version, and a revision reopens the dialogue.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, fieldError, notFound } from "../core/errors.ts";
import type { Mailer } from "../core/mail.ts";
import { enforce } from "../core/verdict.ts";
import { demandExists, recordDemandUse } from "../inventory/service.ts";
import {
  answered,
  checkPeriod,
  EXPECTATION_NAMES,
  expectationChange,
  type FollowupMethod,
  indicatorChoice,
  nextVersion,
  positionExplained,
  positionOpen,
} from "./model.ts";
import { invitationToDialogue } from "./notices.ts";
import * as policy from "./policy.ts";
import type { ExpectationInput, ExpectationPatch, PositionInput, UnitQuery } from "./schemas.ts";
import * as store from "./store.ts";
import { expectationNotFound, unitOrField, unitsAsked, visibleUnit } from "./unit-service.ts";
import { type ExpectationView, expectationViews } from "./views.ts";

type Mode = Mailer["mode"];

export async function listExpectations(db: Db, actor: Actor, query: UnitQuery): Promise<ExpectationView[]> {
  authorize(policy.listFollowup(actor));
  const unitIds = await unitsAsked(db, actor, query.unitId, "unit");
  return expectationViews(db, actor, await store.expectationsOf(db, actor.tenantId, unitIds));
}

/** The employer side drafts an expectation for a unit and a period; nobody else sees a draft's dialogue yet. */
export async function draftExpectation(
  db: Db,
  actor: Actor,
  input: ExpectationInput,
): Promise<ExpectationView> {
  const unit = await unitOrField(db, actor, input.unitId, "body.unitId");
  authorize(policy.draftExpectations(actor, unit));
  enforce(checkPeriod(input.periodStart, input.periodEnd), "body.periodEnd");
  await checkDemand(db, actor, input.demandId, input.method);
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.insertExpectation(tx, {
        ...input,
        tenantId: actor.tenantId,
        draftedBy: actor.personId,
        draftedByName: actor.name,
      });
      await linkIndicator(tx, actor, row);
      return row;
    },
    (row) => ({
      action: "followup.expectation.draft",
      targetType: "followup_expectation",
      targetId: row.id,
      summary: {
        sv: `Utkast till förväntan för ${unit.name}: ${row.title}`,
        en: `Drafted an expectation for ${unit.name}: ${row.title}`,
      },
    }),
  );
  return viewOf(db, actor, row);
}

/**
 * Revises an expectation's text and/or moves it a step. A text someone has answered gets a new
 * version (their positions stay with the one they answered); opening it for dialogue invites the staff.
 */
export async function changeExpectation(
  db: Db,
  actor: Actor,
  expectationId: string,
  input: ExpectationPatch,
  mode: Mode,
): Promise<ExpectationView> {
  const { state: asked, ...changes } = input;
  const found = await store.getExpectation(db, actor.tenantId, expectationId);
  if (!found) throw notFound(expectationNotFound);
  const unit = await visibleUnit(db, actor, found.unitId, expectationNotFound);
  authorize(policy.draftExpectations(actor, unit));
  await checkDemand(db, actor, changes.demandId, changes.method ?? found.method);
  const textChanged = Object.keys(changes).length > 0;
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const current = await store.lockExpectation(tx, actor.tenantId, found.id);
      if (!current) throw notFound(expectationNotFound);
      enforce(expectationChange({ from: current.state, to: asked, textChanged }));
      enforce(
        checkPeriod(changes.periodStart ?? current.periodStart, changes.periodEnd ?? current.periodEnd),
        "body.periodEnd",
      );
      const to = asked ?? current.state;
      const moved = to !== current.state;
      const positions = await store.positionsOf(tx, [current.id]);
      const version = nextVersion(
        { from: current.state, to, textChanged, answered: answered(positions, current.version) },
        current.version,
      );
      const updated = await store.updateExpectation(tx, current.id, {
        ...changes,
        state: to,
        version,
        ...(moved && to === "agreed" ? { agreedAt: new Date(), agreedByName: actor.name } : {}),
      });
      if (textChanged || version !== current.version) await store.saveVersion(tx, updated, actor.name);
      if (changes.demandId) await linkIndicator(tx, actor, updated);
      if (moved && to === "dialogue") await invitationToDialogue(tx, mode, actor, unit, updated);
      return { updated, moved };
    },
    ({ updated, moved }) => ({
      action: moved ? `followup.expectation.${updated.state}` : "followup.expectation.update",
      targetType: "followup_expectation",
      targetId: updated.id,
      summary: moved
        ? {
            sv: `Förväntan är nu ${EXPECTATION_NAMES[updated.state].sv}: ${updated.title}`,
            en: `The expectation is now ${EXPECTATION_NAMES[updated.state].en}: ${updated.title}`,
          }
        : { sv: `Ändrade förväntan: ${updated.title}`, en: `Changed the expectation: ${updated.title}` },
    }),
  );
  return viewOf(db, actor, row.updated);
}

/** A person agrees or disagrees (saying why) with the version in dialogue; taking it again replaces it. */
export async function takePosition(
  db: Db,
  actor: Actor,
  expectationId: string,
  input: PositionInput,
): Promise<ExpectationView> {
  const found = await store.getExpectation(db, actor.tenantId, expectationId);
  if (!found) throw notFound(expectationNotFound);
  const unit = await visibleUnit(db, actor, found.unitId, expectationNotFound);
  authorize(policy.takePosition(actor, unit));
  const explained = positionExplained(input);
  // Not `enforce`: the form shows this headline above and the rule's own words beside the comment.
  if (!explained.ok)
    throw badRequest({ sv: "Säg vad du inte håller med om.", en: "Say what you disagree with." }, [
      { path: "body.comment", message: { sv: explained.refusal.sv, en: explained.refusal.en } },
    ]);
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const current = await store.lockExpectation(tx, actor.tenantId, found.id);
      if (!current) throw notFound(expectationNotFound);
      enforce(positionOpen(current.state));
      await store.savePosition(tx, {
        tenantId: actor.tenantId,
        expectationId: current.id,
        version: current.version,
        personId: actor.personId,
        personName: actor.name,
        agrees: input.agrees,
        comment: input.comment ?? null,
      });
      return current;
    },
    (current) => ({
      action: "followup.expectation.position",
      targetType: "followup_expectation",
      targetId: current.id,
      summary: input.agrees
        ? {
            sv: `Håller med om förväntan: ${current.title}`,
            en: `Agrees with the expectation: ${current.title}`,
          }
        : {
            sv: `Håller inte med om förväntan: ${current.title}`,
            en: `Disagrees with the expectation: ${current.title}`,
          },
    }),
  );
  return viewOf(db, actor, row);
}

async function viewOf(db: Db, actor: Actor, row: store.ExpectationRow): Promise<ExpectationView> {
  const [view] = await expectationViews(db, actor, [row]);
  return view;
}

/** An indicator must be a demand of the tenant's inventory, chosen only with the method "indicator". */
async function checkDemand(
  db: Db,
  actor: Actor,
  demandId: string | null | undefined,
  method: FollowupMethod,
): Promise<void> {
  if (!demandId) return;
  enforce(indicatorChoice(method), "body.demandId");
  if (await demandExists(db, actor.tenantId, demandId)) return;
  throw fieldError("body.demandId", {
    sv: "Kravet finns inte i inventeringen.",
    en: "The demand is not in the inventory.",
  });
}

/** Choosing an indicator from the inventory is a use of it: the inventory learns what it serves. */
async function linkIndicator(db: Db, actor: Actor, row: store.ExpectationRow): Promise<void> {
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
