import { type Actor, type Decision, decide, deny, hasRole, hide, isSameTenant } from "../core/access.ts";

const adminsOnlySso = {
  sv: "Bara administratörer kan ändra inloggningen med single sign-on.",
  en: "Only administrators can manage single sign-on.",
};
const adminsOnlyInvite = {
  sv: "Bara administratörer kan bjuda in personer.",
  en: "Only administrators can invite people.",
};

/** The tenant's single sign-on settings are the administrators' business. */
export const manageSso = (actor: Actor): Decision => decide(hasRole(actor, "admin"), deny(adminsOnlySso));

/** Invitations go out from the person's own tenant's administrators; other tenants' people do not exist. */
export function invitePerson(actor: Actor, person: { tenantId: string }): Decision {
  if (!isSameTenant(actor, person.tenantId)) return hide;
  return decide(hasRole(actor, "admin"), deny(adminsOnlyInvite));
}
