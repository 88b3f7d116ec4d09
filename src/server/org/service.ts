// The governance chain as other modules see it. Modules read the chain and the tenant through
// these functions — never through org's store or tables — and change the tenant's settings only
// through their own slice. org's writes to units, people and memberships stay inside org (its
// use cases, the HR import, the CLI) so that every change to the chain is checked and audited
// there; the account module adds a person through `createPerson`, the demo its actors below.
import type { Db } from "../core/db.ts";
import type { ActorKind, TrustRelationship } from "./model.ts";
import type { ActorRow } from "./store.ts";
import * as store from "./store.ts";

export {
  type ActorRow,
  activeMembership,
  activePeopleByEmail,
  actorOf,
  chainUnits,
  findPersonBy,
  getActor,
  getPerson,
  getTenant,
  getTenantBySlug,
  getUnit,
  listActors,
  listTenants,
  listUnits,
  loadActor,
  memberCounts,
  membershipsUnder,
  mergeTenantSettings,
  type PersonRow,
  peopleByIds,
  peopleWithEmail,
  roleGrants,
  roleHolders,
  type TenantRow,
  type UnitRow,
  type UnitScope,
  unitIdsWithin,
  unitMembers,
  unitsByIds,
} from "./store.ts";

// ---- for the account module: a person is created with their account in one step

export { type CreatePersonOptions, createPerson, type NewPersonInput } from "./people-service.ts";
export { newPerson as newPersonSchema, personDetail as personDetailSchema } from "./schemas.ts";
export type { PersonDetail } from "./views.ts";

// ---- for the operator: a new tenant with its root unit and first administrator

export { isValidSlug, type NewTenant, type Operator, SLUG_MAX_LENGTH, SLUG_RULE } from "./tenant-model.ts";
export { type CreatedTenant, createTenant } from "./tenant-service.ts";

// ---- for demo data

type DemoActor = {
  name: string;
  kind: ActorKind;
  description: string | null;
  relations: { unitId: string; relationship: TrustRelationship; note: string | null }[];
};

/**
 * Adds an external actor with its relations to the demo tenant. Demo steps write inside the seed's
 * transaction, unaudited — nobody did this, the demo was born with it.
 */
export async function addDemoActor(db: Db, tenantId: string, demo: DemoActor): Promise<ActorRow> {
  const created = await store.insertActor(db, {
    tenantId,
    name: demo.name,
    kind: demo.kind,
    description: demo.description,
  });
  for (const relation of demo.relations)
    await store.insertRelation(db, { tenantId, actorId: created.id, ...relation });
  return created;
}
