// What the follow-up pages are shown, built from rows and the asking person's rights.
import type { z } from "zod";
import type { Actor } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import {
  type ActionState,
  type Addressee,
  AGENDA,
  agreementOf,
  canTakePosition,
  type DialoguePair,
  type EntryKind,
  type ExpectationState,
  type FollowupMethod,
  isOverdue,
  isUpwardRequest,
  type Phase,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { actionView, dialogueView, entryView, expectationView } from "./schemas.ts";
import type { ActionRow, DialogueRow, EntryRow, ExpectationRow } from "./store.ts";
import * as store from "./store.ts";

export type UnitRef = { id: string; tenantId: string; path: string; name: string };

const DAY = 24 * 60 * 60 * 1000;

/** Units by id with their paths and names, for the rows being shown. */
export async function unitsById(db: Db, tenantId: string, ids: string[]): Promise<Map<string, UnitRef>> {
  const units = await orgStore.unitsByIds(db, tenantId, [...new Set(ids)]);
  return new Map(units.map((unit) => [unit.id, unit]));
}

export async function expectationViews(
  db: Db,
  actor: Actor,
  rows: ExpectationRow[],
): Promise<z.infer<typeof expectationView>[]> {
  const ids = rows.map((row) => row.id);
  const [positions, versions, units] = await Promise.all([
    store.positionsOf(db, ids),
    store.versionsOf(db, ids),
    unitsById(
      db,
      actor.tenantId,
      rows.map((row) => row.unitId),
    ),
  ]);
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    const mine = positions.filter((p) => p.expectationId === row.id);
    const state = row.state as ExpectationState;
    const current = mine.filter((p) => p.version === row.version);
    return {
      ...row,
      unitName: unit?.name ?? "?",
      method: row.method as FollowupMethod,
      state,
      agreement: agreementOf(mine, row.version),
      positions: mine,
      versions: versions.filter((v) => v.expectationId === row.id),
      myPosition: current.find((p) => p.personId === actor.personId) ?? null,
      canEdit: !!unit && policy.draftExpectations(actor, unit).allowed && state !== "closed",
      canTakePosition: !!unit && canTakePosition(state) && policy.takePosition(actor, unit).allowed,
    };
  });
}

export function entryViewOf(row: EntryRow): z.infer<typeof entryView> {
  return { ...row, phase: row.phase as Phase, kind: row.kind as EntryKind };
}

export async function actionViews(
  db: Db,
  actor: Actor,
  rows: ActionRow[],
  now = new Date(),
): Promise<z.infer<typeof actionView>[]> {
  const [units, events] = await Promise.all([
    unitsById(
      db,
      actor.tenantId,
      rows.map((row) => row.unitId),
    ),
    store.eventsOf(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    const addressee = row.addressee as Addressee;
    const state = row.state as ActionState;
    return {
      ...row,
      unitName: unit?.name ?? "?",
      addressee,
      state,
      upward: isUpwardRequest(addressee),
      overdue: isOverdue({ state, addressee, createdAt: row.createdAt, answerDays: row.answerDays }, now),
      ageDays: Math.floor(((row.answeredAt ?? now).getTime() - row.createdAt.getTime()) / DAY),
      canAnswer: !!unit && policy.mayAnswer(actor, unit, addressee),
      history: events.filter((event) => event.actionId === row.id),
    };
  });
}

export async function dialogueViewOf(
  db: Db,
  actor: Actor,
  row: DialogueRow,
): Promise<z.infer<typeof dialogueView>> {
  const units = await unitsById(db, actor.tenantId, [row.upperUnitId, row.lowerUnitId]);
  const upper = units.get(row.upperUnitId);
  const lower = units.get(row.lowerUnitId);
  return {
    ...row,
    pair: row.pair as DialoguePair,
    status: row.status as "planned" | "held",
    upperUnitName: upper?.name ?? "?",
    lowerUnitName: lower?.name ?? "?",
    agenda: AGENDA.map((item) => ({
      item,
      upper: row.agenda[item]?.upper ?? null,
      lower: row.agenda[item]?.lower ?? null,
      minutes: row.agenda[item]?.minutes ?? null,
    })),
    canEdit: !!upper && !!lower && policy.prepareDialogue(actor, upper, lower).allowed,
  };
}
