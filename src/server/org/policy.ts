// Who may see and change the governance chain: pure decisions over the actor and the target.
import {
  type Actor,
  allow,
  canSeeUnit,
  type Decision,
  decide,
  deny,
  hasRole,
  hide,
  isSameTenant,
  mayTouchGuarded,
  type Role,
  TENANT_WIDE_ROLES,
  visibleScopes,
} from "../core/access.ts";
import { ancestorIds } from "./model.ts";
import type { UnitScope } from "./store.ts";

type UnitRef = { id: string; tenantId: string; path: string };

const adminOnly = {
  sv: "Bara administratörer får ändra organisationen.",
  en: "Only administrators may change the organisation.",
};

/**
 * What the unit tree and the people list show the actor. Everyone in the tenant may list them —
 * the chain is how people find each other — but only the part their roles open.
 */
export const unitScope = (actor: Actor): UnitScope => visibleScopes(actor);

/**
 * Where the actor's tree starts: the tenant's top level for those who see the whole chain, else
 * each unit they hold a role in whose parent they cannot see (a unit inside another one they see
 * is found by opening that one).
 */
export function unitRoots(actor: Actor): string[] | "top" {
  if (visibleScopes(actor).all) return "top";
  const roots = actor.roles.filter((grant) => {
    const above = ancestorIds(grant.unitPath);
    const parentId = above.at(-1);
    if (!parentId) return true;
    return !canSeeUnit(actor, { tenantId: actor.tenantId, id: parentId, path: `/${above.join("/")}/` });
  });
  return [...new Set(roots.map((grant) => grant.unitId))];
}

/** A unit the actor cannot see answers 404, so nobody can probe another unit's existence. */
export const viewUnit = (actor: Actor, unit: UnitRef): Decision => (canSeeUnit(actor, unit) ? allow : hide);

/** Units, people, roles, external actors and HR imports are changed by the tenant's administrators. */
export const manageOrg = (actor: Actor): Decision => decide(hasRole(actor, "admin"), deny(adminOnly));

/** Changing something inside a unit: it must exist for the actor (404 otherwise), then admins only. */
export function manageUnit(actor: Actor, unit: UnitRef): Decision {
  if (!isSameTenant(actor, unit.tenantId)) return hide;
  return manageOrg(actor);
}

/**
 * A person is visible to themselves, to tenant-wide roles, and to whoever can see one of the units
 * the person belongs (or, if deactivated, belonged) to.
 */
export function viewPerson(
  actor: Actor,
  person: { id: string; tenantId: string },
  unitPaths: string[],
): Decision {
  if (!isSameTenant(actor, person.tenantId)) return hide;
  if (actor.personId === person.id) return allow;
  if (TENANT_WIDE_ROLES.some((role) => hasRole(actor, role))) return allow;
  const visible = unitPaths.some((path) =>
    canSeeUnit(actor, { tenantId: person.tenantId, path, id: idOf(path) }),
  );
  return visible ? allow : hide;
}

/** External actors (supervisors, partners) are part of the chain everyone in the tenant can read. */
export const viewActors = (_actor: Actor): Decision => allow;

const idOf = (path: string) => path.split("/").filter(Boolean).at(-1) ?? "";

const guardedByOthers = {
  sv: "Hur en visselblåsarhandläggare loggar in, och själva rollen, ändras bara av en annan handläggare.",
  en: "How a whistleblowing case handler signs in, and the role itself, is changed only by another handler.",
};

/**
 * Changing a guarded person's e-mail or employee number (what a reset link and single sign-on go by),
 * or ending their guarded role, is left to another holder of that role: an administrator could
 * otherwise point the account at an address of their own and take it over.
 */
export const changeGuardedPerson = (
  actor: Actor,
  person: { id: string; roles: readonly { role: Role }[] },
): Decision => decide(mayTouchGuarded(actor, person), deny(guardedByOthers));
