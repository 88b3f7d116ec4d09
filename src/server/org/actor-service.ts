// External actors — supervisory authorities, partners, state agencies, citizen groups — and how
// they relate to units through the five trust relationships.
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { notFound, type Text } from "../core/errors.ts";
import { enforce } from "../core/verdict.ts";
import { newRelationVerdict } from "./model.ts";
import * as policy from "./policy.ts";
import type { actorBody, actorPatch, newRelation } from "./schemas.ts";
import * as store from "./store.ts";
import { visibleUnit } from "./unit-service.ts";

const actorNotFound: Text = { sv: "Aktören finns inte.", en: "The actor does not exist." };
const relationNotFound: Text = { sv: "Relationen finns inte.", en: "The relationship does not exist." };

async function existingActor(db: Db, actor: Actor, actorId: string): Promise<store.ActorRow> {
  const found = await store.getActor(db, actor.tenantId, actorId);
  if (!found) throw notFound(actorNotFound);
  return found;
}

/** Every external actor of the tenant, with the relations to units the reader sees. */
export async function listActors(db: Db, actor: Actor) {
  authorize(policy.viewActors(actor));
  const actors = await store.listActors(db, actor.tenantId);
  return actors.map((row) => ({
    ...row,
    relations: row.relations.filter(
      (relation) =>
        policy.viewUnit(actor, { id: relation.unitId, tenantId: actor.tenantId, path: relation.unitPath })
          .allowed,
    ),
  }));
}

type ActorInput = z.infer<typeof actorBody>;

export async function createActor(db: Db, actor: Actor, input: ActorInput) {
  authorize(policy.manageOrg(actor));
  const created = await auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertActor(tx, { tenantId: actor.tenantId, ...input, description: input.description ?? null }),
    (row) => ({
      action: "actor.create",
      targetType: "actor",
      targetId: row.id,
      summary: {
        sv: `Lade till den externa aktören ${row.name}`,
        en: `Added the external actor ${row.name}`,
      },
    }),
  );
  return { ...created, relations: [] };
}

type ActorChanges = z.infer<typeof actorPatch>;

export async function updateActor(db: Db, actor: Actor, actorId: string, input: ActorChanges) {
  authorize(policy.manageOrg(actor));
  const existing = await existingActor(db, actor, actorId);
  return auditedTransaction(db, actor, (tx) => store.updateActor(tx, existing.id, input), {
    action: "actor.update",
    targetType: "actor",
    targetId: existing.id,
    summary: { sv: `Ändrade ${existing.name}`, en: `Changed ${existing.name}` },
    details: input,
  });
}

type RelationInput = z.infer<typeof newRelation>;

/** Relates an external actor to a unit the reader sees, once per trust relationship. */
export async function relateActor(db: Db, actor: Actor, actorId: string, input: RelationInput) {
  authorize(policy.manageOrg(actor));
  const external = await existingActor(db, actor, actorId);
  const unit = await visibleUnit(db, actor, input.unitId);
  enforce(newRelationVerdict(await store.relationExists(db, external.id, unit.id, input.relationship)));
  return auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertRelation(tx, {
        tenantId: actor.tenantId,
        actorId: external.id,
        unitId: unit.id,
        relationship: input.relationship,
        note: input.note ?? null,
      }),
    {
      action: "actor.relate",
      targetType: "actor",
      targetId: external.id,
      summary: {
        sv: `Knöt ${external.name} till ${unit.name}`,
        en: `Related ${external.name} to ${unit.name}`,
      },
    },
  );
}

export async function unrelateActor(db: Db, actor: Actor, actorId: string, relationId: string) {
  authorize(policy.manageOrg(actor));
  const external = await existingActor(db, actor, actorId);
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      if (!(await store.deleteRelation(tx, external.id, relationId))) throw notFound(relationNotFound);
    },
    {
      action: "actor.unrelate",
      targetType: "actor",
      targetId: external.id,
      summary: {
        sv: `Tog bort en relation för ${external.name}`,
        en: `Removed a relationship of ${external.name}`,
      },
    },
  );
}
