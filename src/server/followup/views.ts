// What the follow-up pages are shown, built from rows and the asking person's rights.
import type { z } from "zod";
import type { Actor } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import * as org from "../org/service.ts";
import { AGENDA, ageDays, agreementOf, canTakePosition, isOverdue, isUpwardRequest } from "./model.ts";
import * as policy from "./policy.ts";
import type {
  actionsPage,
  actionView,
  dialogueDetailView,
  dialogueView,
  expectationView,
  unitPageView,
} from "./schemas.ts";
import type { ActionRow, DialogueRow, ExpectationRow } from "./store.ts";
import * as store from "./store.ts";

export type UnitRef = { id: string; tenantId: string; path: string; name: string };
export type ExpectationView = z.infer<typeof expectationView>;
export type ActionView = z.infer<typeof actionView>;
export type ActionsPage = z.infer<typeof actionsPage>;
export type DialogueView = z.infer<typeof dialogueView>;
export type DialogueDetail = z.infer<typeof dialogueDetailView>;
export type UnitPage = z.infer<typeof unitPageView>;

/**
 * Units by id with their paths and names, for the rows being shown; those the caller has already
 * (the unit whose page this is) are not asked for again.
 */
async function unitsById(
  db: Db,
  tenantId: string,
  ids: string[],
  known: readonly UnitRef[] = [],
): Promise<Map<string, UnitRef>> {
  const byId = new Map(known.map((unit) => [unit.id, unit]));
  const missing = [...new Set(ids)].filter((id) => !byId.has(id));
  if (missing.length) for (const unit of await org.unitsByIds(db, tenantId, missing)) byId.set(unit.id, unit);
  return byId;
}

export async function expectationViews(
  db: Db,
  actor: Actor,
  rows: ExpectationRow[],
  known: readonly UnitRef[] = [],
): Promise<ExpectationView[]> {
  const ids = rows.map((row) => row.id);
  const [positions, versions, units] = await Promise.all([
    store.positionsOf(db, ids),
    store.versionsOf(db, ids),
    unitsById(
      db,
      actor.tenantId,
      rows.map((row) => row.unitId),
      known,
    ),
  ]);
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    const mine = positions.filter((p) => p.expectationId === row.id);
    const current = mine.filter((p) => p.version === row.version);
    return {
      ...row,
      unitName: unit?.name ?? "?",
      agreement: agreementOf(mine, row.version),
      positions: mine,
      versions: versions.filter((v) => v.expectationId === row.id),
      myPosition: current.find((p) => p.personId === actor.personId) ?? null,
      canEdit: !!unit && policy.draftExpectations(actor, unit).allowed && row.state !== "closed",
      canTakePosition: !!unit && canTakePosition(row.state) && policy.takePosition(actor, unit).allowed,
    };
  });
}

export async function actionViews(
  db: Db,
  actor: Actor,
  rows: ActionRow[],
  now = new Date(),
  known: readonly UnitRef[] = [],
): Promise<ActionView[]> {
  const [units, events] = await Promise.all([
    unitsById(
      db,
      actor.tenantId,
      rows.map((row) => row.unitId),
      known,
    ),
    store.eventsOf(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    return {
      ...row,
      unitName: unit?.name ?? "?",
      upward: isUpwardRequest(row.addressee),
      overdue: isOverdue(row, now),
      ageDays: ageDays(row, now),
      canAnswer: !!unit && policy.mayAnswer(actor, unit, row.addressee),
      history: events.filter((event) => event.actionId === row.id),
    };
  });
}

export async function dialogueViewOf(db: Db, actor: Actor, row: DialogueRow): Promise<DialogueView> {
  const [view] = await dialogueViewsOf(db, actor, [row]);
  return view;
}

/** Meetings as views, their units read once for the whole list (not once per meeting). */
export async function dialogueViewsOf(db: Db, actor: Actor, rows: DialogueRow[]): Promise<DialogueView[]> {
  const units = await unitsById(
    db,
    actor.tenantId,
    rows.flatMap((row) => [row.upperUnitId, row.lowerUnitId]),
  );
  return rows.map((row) => {
    const upper = units.get(row.upperUnitId);
    const lower = units.get(row.lowerUnitId);
    return {
      ...row,
      upperUnitName: upper?.name ?? "?",
      lowerUnitName: lower?.name ?? "?",
      agenda: AGENDA.map((item) => ({
        item,
        upper: row.agenda[item]?.upper ?? null,
        lower: row.agenda[item]?.lower ?? null,
        minutes: row.agenda[item]?.minutes ?? null,
      })),
      canWrite:
        upper && lower
          ? policy.dialogueSides(actor, row, upper, lower)
          : { upper: false, lower: false, meeting: false },
    };
  });
}
