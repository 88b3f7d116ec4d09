import { forbidden, notFound, type Text } from "./errors.ts";

export const ROLES = [
  "employee",
  "manager",
  "director",
  "politician",
  "analyst",
  "admin",
  "whistle_handler",
] as const;
export type Role = (typeof ROLES)[number];

/** A role the actor holds in a unit; the unit's materialised path makes subtree checks pure. */
export type RoleGrant = { unitId: string; unitPath: string; role: Role };

/** The logged-in person a request acts as. Built once per request from the session. */
export type Actor = {
  personId: string;
  tenantId: string;
  name: string;
  email: string | null;
  roles: RoleGrant[];
};

/**
 * A policy decision. Modules' policy.ts files return these; routes pass them to `authorize`.
 * `hide` answers 404 so that a denied caller cannot tell whether the thing exists.
 */
export type Decision = { allowed: true } | { allowed: false; hide: boolean; reason?: Text };

export const allow: Decision = { allowed: true };
export const deny = (reason?: Text): Decision => ({ allowed: false, hide: false, reason });
export const hide: Decision = { allowed: false, hide: true };

/** Throws for a refusal; `missing` is the text the route gives for a thing that does not exist, so a hidden one reads the same. */
export function authorize(decision: Decision, missing?: Text): void {
  if (decision.allowed) return;
  throw decision.hide ? notFound(missing) : forbidden(decision.reason);
}

export const decide = (condition: boolean, otherwise: Decision = deny()): Decision =>
  condition ? allow : otherwise;

/** Roles whose holders see the whole subtree below the unit where they hold the role. */
const SUBTREE_ROLES: readonly Role[] = ["manager", "director", "politician"];
/** Staff functions that see the whole tenant's governance chain. */
export const TENANT_WIDE_ROLES: readonly Role[] = ["admin", "analyst"];

export const hasRole = (actor: Actor, role: Role): boolean =>
  actor.roles.some((grant) => grant.role === role);

export const isSameTenant = (actor: Actor, tenantId: string): boolean => actor.tenantId === tenantId;

/** True when the actor holds one of `roles` in the unit at `unitPath` or in any unit above it. */
export function holdsRoleOver(actor: Actor, unitPath: string, roles: readonly Role[]): boolean {
  return actor.roles.some((grant) => roles.includes(grant.role) && unitPath.startsWith(grant.unitPath));
}

/**
 * The governance chain's default visibility: tenant-wide roles see everything, managers,
 * directors and politicians their subtrees, everyone their own units. Modules that must keep
 * something from admins (whistleblowing, individual answers) write their own rule instead.
 */
export function canSeeUnit(actor: Actor, unit: { tenantId: string; path: string; id: string }): boolean {
  if (!isSameTenant(actor, unit.tenantId)) return false;
  if (TENANT_WIDE_ROLES.some((role) => hasRole(actor, role))) return true;
  if (holdsRoleOver(actor, unit.path, SUBTREE_ROLES)) return true;
  return actor.roles.some((grant) => grant.unitId === unit.id);
}

/**
 * The unit path prefixes whose subtrees the actor sees, or "all". Used to push visibility into SQL
 * so lists are filtered in the database rather than after loading the whole tenant.
 */
export function visibleScopes(
  actor: Actor,
): { all: true } | { all: false; subtrees: string[]; units: string[] } {
  if (TENANT_WIDE_ROLES.some((role) => hasRole(actor, role))) return { all: true };
  const subtrees = actor.roles
    .filter((grant) => SUBTREE_ROLES.includes(grant.role))
    .map((grant) => grant.unitPath);
  const units = actor.roles.map((grant) => grant.unitId);
  return { all: false, subtrees: [...new Set(subtrees)], units: [...new Set(units)] };
}

/**
 * Roles whose holders an administrator must never be able to take over: an administrator who could
 * send such a person a new password link could read what only the role may read (whistleblowing
 * cases). Their links are sent by another holder of the role, and the holder is told.
 */
export const GUARDED_ROLES: readonly Role[] = ["whistle_handler"];

/** The guarded roles among a person's roles (none for most people). */
export const guardedRolesOf = (roles: readonly { role: Role }[]): Role[] =>
  GUARDED_ROLES.filter((guarded) => roles.some((grant) => grant.role === guarded));

/**
 * Whether the actor may change how a person with guarded roles signs in (e-mail, employee number, a
 * new password) or take such a role away: only another holder of each guarded role the person has.
 * Anyone may do it for a person without guarded roles, as far as their other rights go.
 */
export function mayTouchGuarded(
  actor: Actor,
  person: { id: string; roles: readonly { role: Role }[] },
): boolean {
  const guarded = guardedRolesOf(person.roles);
  if (!guarded.length) return true;
  return actor.personId !== person.id && guarded.every((role) => hasRole(actor, role));
}
