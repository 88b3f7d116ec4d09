// Who may do what with accounts. Logging in, asking for a reset link and using a link have no actor
// yet: they are public, and what guards them is the password, the link's secret and the rate limits.
import {
  type Actor,
  allow,
  type Decision,
  decide,
  deny,
  hasRole,
  hide,
  isSameTenant,
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

/** Invitations go out from the person's own tenant's administrators; other tenants' people do not exist. */
export function invitePerson(actor: Actor, person: { tenantId: string }): Decision {
  if (!isSameTenant(actor, person.tenantId)) return hide;
  return decide(hasRole(actor, "admin"), deny(adminsOnlyInvite));
}

/** A new person with a password or an invitation is added by an administrator, as any person is. */
export const createAccount = (actor: Actor): Decision =>
  decide(hasRole(actor, "admin"), deny(adminsOnlyAccounts));
