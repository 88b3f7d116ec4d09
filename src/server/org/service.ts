// The governance chain as other modules see it. Modules read the chain and the tenant through
// these functions — never through org's store or tables — and change the tenant's settings only
// through their own slice. org's writes to units, people and memberships stay inside org (its
// routes, the HR import, the CLI) so that every change to the chain is checked and audited there.
export {
  type ActorRow,
  activeMembership,
  activePeopleByEmail,
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
  unitMembers,
  unitsByIds,
} from "./store.ts";
