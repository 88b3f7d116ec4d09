// A unit's follow-up: its page, its assignment and its entries — and the one way every follow-up use
// case finds the units it is about (seen along the chain, or named in a body and checked there).
import { type Actor, authorize, visibleScopes } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { fieldError, notFound, type Text } from "../core/errors.ts";
import { enforce } from "../core/verdict.ts";
import * as org from "../org/service.ts";
import { ENTRY_KIND_NAMES, learningBankEntry, sideBySide } from "./model.ts";
import * as policy from "./policy.ts";
import type { AssignmentInput, EntriesQuery, EntryInput } from "./schemas.ts";
import * as store from "./store.ts";
import { actionViews, expectationViews, type UnitPage, type UnitRef } from "./views.ts";

export const unitNotFound: Text = { sv: "Enheten finns inte.", en: "The unit does not exist." };
export const expectationNotFound: Text = {
  sv: "Förväntan finns inte.",
  en: "The expectation does not exist.",
};

// ---- the units a use case is about

/** A unit of the tenant, whoever asks; for rows already found through a visible unit. */
export async function unitRef(db: Db, tenantId: string, unitId: string): Promise<UnitRef> {
  const unit = await org.getUnit(db, tenantId, unitId);
  if (!unit) throw notFound(unitNotFound);
  return unit;
}

/** A unit the actor sees; `missing` is what the caller was looking for, so a hidden unit reads the same. */
export async function visibleUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  missing: Text = unitNotFound,
): Promise<UnitRef> {
  const unit = await org.getUnit(db, actor.tenantId, unitId);
  if (!unit) throw notFound(missing);
  authorize(policy.viewUnit(actor, unit), missing);
  return unit;
}

/** A unit named in a body: unknown, closed or invisible → 400 on that field, so nothing is written. */
export async function unitOrField(db: Db, actor: Actor, unitId: string, path: string): Promise<UnitRef> {
  const unit = await org.getUnit(db, actor.tenantId, unitId);
  if (!unit?.active || !policy.viewUnit(actor, unit).allowed) throw fieldError(path, unitNotFound);
  return unit;
}

/**
 * The units a list covers: the asked unit (or its subtree), or every unit the actor sees. Callers
 * check their list's policy first.
 */
export async function unitsAsked(
  db: Db,
  actor: Actor,
  unitId: string | undefined,
  reach: "unit" | "subtree",
): Promise<string[]> {
  if (!unitId) return org.unitIdsWithin(db, actor.tenantId, visibleScopes(actor));
  const unit = await visibleUnit(db, actor, unitId);
  if (reach === "unit") return [unit.id];
  return org.unitIdsWithin(db, actor.tenantId, { all: false, subtrees: [unit.path], units: [] });
}

/**
 * The units a list covers, as `unitsAsked`, but "all" when that is every unit of the tenant: a
 * tenant-wide reader's list is then filtered by tenant alone, without loading the unit tree.
 */
export async function unitScopeAsked(
  db: Db,
  actor: Actor,
  unitId: string | undefined,
  reach: "unit" | "subtree",
): Promise<store.UnitsCovered> {
  if (!unitId && visibleScopes(actor).all) return "all";
  return unitsAsked(db, actor, unitId, reach);
}

// ---- the unit's page

/** Everything the unit's follow-up page shows, with what the actor may do there. */
export async function unitPage(db: Db, actor: Actor, unitId: string): Promise<UnitPage> {
  const unit = await visibleUnit(db, actor, unitId);
  const [assignment, expectations, entries, actions] = await Promise.all([
    store.getAssignment(db, unit.id),
    store.expectationsOf(db, actor.tenantId, [unit.id]),
    store.entriesOf(db, actor.tenantId, { unitIds: [unit.id], limit: 200 }),
    store.actionsOf(db, actor.tenantId, { unitId: unit.id }),
  ]);
  return {
    unit: { id: unit.id, name: unit.name },
    assignment,
    canEditAssignment: policy.draftExpectations(actor, unit).allowed,
    canWrite: policy.writeForUnit(actor, unit).allowed,
    expectations: await expectationViews(db, actor, expectations, [unit]),
    ...sideBySide(entries),
    actions: await actionViews(db, actor, actions, new Date(), [unit]),
  };
}

// ---- the assignment

/** The employer side writes the unit's assignment; the expectations are drafted against it. */
export async function saveAssignment(
  db: Db,
  actor: Actor,
  unitId: string,
  input: AssignmentInput,
): Promise<store.AssignmentRow> {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(policy.draftExpectations(actor, unit));
  return auditedTransaction(
    db,
    actor,
    (tx) =>
      store.saveAssignment(tx, {
        unitId: unit.id,
        tenantId: actor.tenantId,
        ...input,
        updatedBy: actor.personId,
        updatedByName: actor.name,
      }),
    {
      action: "followup.assignment.update",
      targetType: "unit",
      targetId: unit.id,
      summary: {
        sv: `Uppdaterade uppdraget för ${unit.name}`,
        en: `Updated the assignment of ${unit.name}`,
      },
    },
  );
}

// ---- entries

export async function listEntries(db: Db, actor: Actor, query: EntriesQuery) {
  authorize(policy.listFollowup(actor));
  const unitIds = await unitsAsked(db, actor, query.unitId, "unit");
  return store.entriesOf(db, actor.tenantId, { unitIds, expectationId: query.expectationId, limit: 500 });
}

/** An entry is written by the unit's people or the employer side, about one of the unit's expectations if any. */
export async function writeEntry(db: Db, actor: Actor, input: EntryInput) {
  const unit = await unitOrField(db, actor, input.unitId, "body.unitId");
  authorize(policy.writeForUnit(actor, unit));
  if (input.expectationId) {
    const expectation = await store.getExpectation(db, actor.tenantId, input.expectationId);
    if (expectation?.unitId !== unit.id) throw fieldError("body.expectationId", expectationNotFound);
  }
  enforce(learningBankEntry(input), "body.learningBank");
  return auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertEntry(tx, {
        ...input,
        tenantId: actor.tenantId,
        authorId: actor.personId,
        authorName: actor.name,
      }),
    (written) => ({
      action: "followup.entry.create",
      targetType: "followup_entry",
      targetId: written.id,
      summary: {
        sv: `Uppföljning (${ENTRY_KIND_NAMES[written.kind].sv}) för ${unit.name}`,
        en: `Follow-up entry (${ENTRY_KIND_NAMES[written.kind].en}) for ${unit.name}`,
      },
    }),
  );
}
