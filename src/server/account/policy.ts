// Who may do what with accounts. Logging in, asking for a reset link and using a link have no actor
// yet: they are public, and what guards them is the password, the link's secret and the rate limits.
import {
  type Actor,
  allow,
  type Decision,
  decide,
  deny,
  guardedRolesOf,
  hasRole,
  hide,
  isSameTenant,
  mayTouchGuarded,
  type Role,
} from "../core/access.ts";

const adminsOnlySso = {
  sv: "Bara administratörer kan ändra inloggningen med single sign-on.",
  en: "Only administrators can manage single sign-on.",
};
const adminsOnlyInvite = {
  sv: "Bara administratörer kan bjuda in personer.",
  en: "Only administrators can invite people.",
};
const adminsOnlyAccounts = {
  sv: "Bara administratörer kan lägga till personer med konton.",
  en: "Only administrators can add people with accounts.",
};

/** Everyone signed in sees who they are and changes their own password: their session is the permission. */
export const manageOwnAccount = (_actor: Actor): Decision => allow;

/** The tenant's single sign-on settings are the administrators' business. */
export const manageSso = (actor: Actor): Decision => decide(hasRole(actor, "admin"), deny(adminsOnlySso));

const guardedByOthers = {
  sv: "En visselblåsarhandläggare kan bara få en ny lösenordslänk av en annan handläggare, inte av en administratör.",
  en: "A whistleblowing handler can be sent a new password link only by another handler, not by an administrator.",
};

/**
 * Invitations (a link that sets a new password) go out from the person's own tenant's administrators;
 * other tenants' people do not exist. A person holding a guarded role (model.ts) is sent one only by
 * another holder of each such role, so no administrator can take their account over.
 */
export function invitePerson(
  actor: Actor,
  person: { id: string; tenantId: string; roles: readonly { role: Role }[] },
): Decision {
  if (!isSameTenant(actor, person.tenantId)) return hide;
  if (!guardedRolesOf(person.roles).length) return decide(hasRole(actor, "admin"), deny(adminsOnlyInvite));
  return decide(mayTouchGuarded(actor, person), deny(guardedByOthers));
}

/** A new person with a password or an invitation is added by an administrator, as any person is. */
export const createAccount = (actor: Actor): Decision =>
  decide(hasRole(actor, "admin"), deny(adminsOnlyAccounts));
