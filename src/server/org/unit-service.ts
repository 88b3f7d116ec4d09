// The unit tree's use cases: list, show, create, and change a unit — renaming, relabelling,
// deactivating, or moving it with its whole subtree. Each checks the policy, then the model's
// rules, and writes with its audit entry in one transaction.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditAction, auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { notFound, type Text } from "../core/errors.ts";
import { enforce } from "../core/verdict.ts";
import {
  ancestorIds,
  kindLabelVerdict,
  moveVerdict,
  pathFor,
  storedKindLabel,
  type UnitKind,
  unitCodeVerdict,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { newUnit, unitPatch, unitQuery } from "./schemas.ts";
import * as store from "./store.ts";

export const unitNotFound: Text = { sv: "Enheten finns inte.", en: "The unit does not exist." };

/** A unit the actor may see, or 404 — the same answer whether it is hidden or missing. */
export async function visibleUnit(db: Db, actor: Actor, unitId: string): Promise<store.UnitRow> {
  const unit = await store.getUnit(db, actor.tenantId, unitId);
  if (!unit) throw notFound(unitNotFound);
  authorize(policy.viewUnit(actor, unit), unitNotFound);
  return unit;
}

/**
 * The unit tree as the person sees it, a level at a time (the tops of what they see, or one unit's
 * sub-units), or a search over it on the server — never the whole tenant, unless a page that has
 * not moved to the unit picker asks for `all`.
 */
export async function listUnits(db: Db, actor: Actor, query: z.infer<typeof unitQuery>) {
  const scope = policy.unitScope(actor);
  if (query.all === "true") return withChildCounts(await store.listUnits(db, actor.tenantId, scope));
  const parent = query.parentId ? await visibleUnit(db, actor, query.parentId) : null;
  if (query.q) {
    const search = { q: query.q, under: parent?.path, limit: query.limit };
    return withAncestors(db, actor, await store.searchNodes(db, actor.tenantId, scope, search));
  }
  if (parent) return store.childNodes(db, actor.tenantId, scope, parent.id);
  return store.rootNodes(db, actor.tenantId, scope, policy.unitRoots(actor));
}

function withChildCounts<Unit extends { id: string; parentId: string | null }>(units: Unit[]) {
  const children = new Map<string, number>();
  for (const unit of units)
    if (unit.parentId) children.set(unit.parentId, (children.get(unit.parentId) ?? 0) + 1);
  return units.map((unit) => ({ ...unit, childCount: children.get(unit.id) ?? 0 }));
}

/** Search hits with the names above them, read in one query for all hits. */
async function withAncestors(db: Db, actor: Actor, hits: store.UnitNode[]) {
  const ids = [...new Set(hits.flatMap((hit) => ancestorIds(hit.path)))];
  const names = new Map((await store.unitsByIds(db, actor.tenantId, ids)).map((row) => [row.id, row.name]));
  return hits.map((hit) => ({
    ...hit,
    ancestors: ancestorIds(hit.path).flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
  }));
}

/** A unit with the units above it, the sub-units the actor sees, its people and external actors. */
export async function unitDetail(db: Db, actor: Actor, unitId: string) {
  const unit = await visibleUnit(db, actor, unitId);
  const ids = ancestorIds(unit.path);
  const [above, children, people, actors] = await Promise.all([
    store.unitsByIds(db, unit.tenantId, ids),
    store.childUnits(db, actor.tenantId, unit.id),
    store.unitMembers(db, unit.id),
    store.unitActors(db, unit.id),
  ]);
  const byId = new Map(above.map((row) => [row.id, row]));
  return {
    ...unit,
    ancestors: ids.flatMap((id) => byId.get(id) ?? []),
    children: children.filter((child) => policy.viewUnit(actor, child).allowed),
    people,
    actors,
    canManage: policy.manageUnit(actor, unit).allowed,
  };
}

async function checkUnitCode(db: Db, tenantId: string, code: string | null | undefined, exceptId?: string) {
  if (!code) return;
  enforce(unitCodeVerdict(code, await store.unitCodeTaken(db, tenantId, code, exceptId)));
}

type NewUnitInput = z.infer<typeof newUnit>;

/** An administrator adds a unit at the top level or under one they see. */
export async function createUnit(db: Db, actor: Actor, input: NewUnitInput) {
  authorize(policy.manageOrg(actor));
  const parent = input.parentId ? await visibleUnit(db, actor, input.parentId) : null;
  enforce(kindLabelVerdict(input.kind, input.kindLabel), "body.kindLabel");
  await checkUnitCode(db, actor.tenantId, input.code);
  const id = randomUUID();
  return auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertUnit(tx, {
        id,
        tenantId: actor.tenantId,
        parentId: parent?.id ?? null,
        path: pathFor(parent?.path ?? null, id),
        name: input.name,
        kind: input.kind,
        kindLabel: storedKindLabel(input.kind, input.kindLabel),
        code: input.code ?? null,
      }),
    (row) => ({
      action: "unit.create",
      targetType: "unit",
      targetId: row.id,
      summary: { sv: `Skapade enheten ${row.name}`, en: `Created the unit ${row.name}` },
    }),
  );
}

type UnitChanges = z.infer<typeof unitPatch>;

/**
 * Changes a unit and, when `parentId` is given, moves it with its subtree. Moves of one tenant wait
 * for each other and check the tree as it is then, so two moves at once cannot make a cycle.
 * A move and a change are two audit entries, as they are two things to look up later.
 */
export async function updateUnit(db: Db, actor: Actor, unitId: string, input: UnitChanges) {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(policy.manageUnit(actor, unit));
  const { parentId, ...changes } = input;
  const kind: UnitKind = changes.kind ?? unit.kind;
  const kindLabel = changes.kindLabel ?? unit.kindLabel;
  if (changes.kind || changes.kindLabel !== undefined)
    enforce(kindLabelVerdict(kind, kindLabel), "body.kindLabel");
  await checkUnitCode(db, actor.tenantId, changes.code, unit.id);
  const newParent = parentId ? await visibleUnit(db, actor, parentId) : null;
  const moving = parentId !== undefined;
  if (moving) enforce(moveVerdict(unit.path, newParent?.path ?? null), "body.parentId");

  return db.transaction(async (tx) => {
    if (moving && parentId !== unit.parentId) await moveUnit(tx, actor, unit, newParent?.id ?? null);
    const row = await store.updateUnit(tx, unit.id, {
      ...changes,
      kindLabel: storedKindLabel(kind, kindLabel),
    });
    if (Object.keys(changes).length) {
      await auditAction(tx, actor, {
        action: "unit.update",
        targetType: "unit",
        targetId: unit.id,
        summary: { sv: `Ändrade ${unit.name}`, en: `Changed ${unit.name}` },
        details: changes,
      });
    }
    return row;
  });
}

/** Moves inside the caller's transaction, under the tenant's tree lock, against the tree as it is now. */
async function moveUnit(tx: Db, actor: Actor, unit: store.UnitRow, newParentId: string | null) {
  await store.lockUnitTree(tx, unit.tenantId);
  const current = await store.getUnit(tx, unit.tenantId, unit.id);
  const parent = newParentId ? await store.getUnit(tx, unit.tenantId, newParentId) : null;
  if (!current || (newParentId && !parent)) throw notFound(unitNotFound);
  enforce(moveVerdict(current.path, parent?.path ?? null), "body.parentId");
  await store.moveSubtree(tx, current, parent?.id ?? null, pathFor(parent?.path ?? null, current.id));
  await auditAction(tx, actor, {
    action: "unit.move",
    targetType: "unit",
    targetId: unit.id,
    summary: {
      sv: `Flyttade ${unit.name} till ${parent?.name ?? "toppnivån"}`,
      en: `Moved ${unit.name} to ${parent?.name ?? "the top level"}`,
    },
  });
}
