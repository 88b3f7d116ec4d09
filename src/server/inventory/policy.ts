// Who may do what in the follow-up inventory. The register itself is open to everyone in the
// tenant — seeing what follow-up costs and what it is used for is the point (öppenhet).
import {
  type Actor,
  allow,
  canSeeUnit,
  type Decision,
  decide,
  deny,
  hide,
  isSameTenant,
  type Role,
} from "../core/access.ts";
import { isScope, type Reporters } from "./model.ts";

const MANAGE: readonly Role[] = ["analyst", "admin"];
const DECIDE: readonly Role[] = ["director", "politician", "admin"];
const USE: readonly Role[] = ["manager", "director", "politician", "analyst", "admin"];

const holdsAny = (actor: Actor, roles: readonly Role[]) =>
  actor.roles.some((grant) => roles.includes(grant.role));

/**
 * The register — its demands, burden, trust profile, flags and freed hours — is open to everyone
 * in the tenant: seeing what follow-up costs and what it is used for is the point (öppenhet).
 * Burden for one unit follows the chain's visibility (`viewUnitBurden`).
 */
export const viewRegister = (_actor: Actor): Decision => allow;

/**
 * The hourly costs and working time behind the burden are shown to everyone in the tenant, like
 * the burden they price.
 */
export const viewSettings = (_actor: Actor): Decision => allow;

/** A demand of another tenant does not exist for the caller. */
export const viewDemand = (actor: Actor, target: { tenantId: string }): Decision =>
  isSameTenant(actor, target.tenantId) ? allow : hide;

/** Registering and editing demands and their analyses is the analysts' (and admins') work. */
export const manageDemands = (actor: Actor): Decision =>
  decide(
    holdsAny(actor, MANAGE),
    deny({
      sv: "Bara analytiker och administratörer får ändra i inventeringen.",
      en: "Only analysts and administrators may change the inventory.",
    }),
  );

/** Adopting a new demand or retiring one is a decision for the employer side: directors, the board, admins. */
export const decideDemands = (actor: Actor): Decision =>
  decide(
    holdsAny(actor, DECIDE),
    deny({
      sv: "Bara direktörer, politiker och administratörer får fatta beslut om krav.",
      en: "Only directors, politicians and administrators may decide on demands.",
    }),
  );

/** Those who use follow-up information record its uses. */
export const mayRecordUses = (actor: Actor): Decision =>
  decide(
    holdsAny(actor, USE),
    deny({
      sv: "Bara chefer, direktörer, politiker, analytiker och administratörer registrerar användning.",
      en: "Only managers, directors, politicians, analysts and administrators record uses.",
    }),
  );

/** Those who use follow-up information are the ones who notice that nobody does, and may propose to retire it. */
export const proposeRetirement = (actor: Actor): Decision =>
  decide(
    holdsAny(actor, USE),
    deny({
      sv: "Bara chefer, direktörer, politiker, analytiker och administratörer kan föreslå att ett krav avvecklas.",
      en: "Only managers, directors, politicians, analysts and administrators may propose to retire a demand.",
    }),
  );

/**
 * Everyone in the tenant may comment on an analysis out for consultation: it is the affected staff
 * who are consulted, and who is affected is wider than any role or unit (model.ts `canComment`
 * says when).
 */
export const commentOnAnalysis = (_actor: Actor): Decision => allow;

/** Burden for a unit follows the chain's visibility. */
export const viewUnitBurden = (
  actor: Actor,
  unit: { id: string; tenantId: string; path: string },
): Decision => (canSeeUnit(actor, unit) ? allow : hide);

/**
 * Only the people who report may say how long it takes them: someone holding one of the demand's
 * roles in one of its units (or below), or, for a population, its role in its unit.
 */
export function estimateDemand(
  actor: Actor,
  reporters: Reporters,
  unitPaths: ReadonlyMap<string, string>,
): Decision {
  return decide(
    isReporter(actor, reporters, unitPaths),
    deny({
      sv: "Bara de som rapporterar till kravet kan uppskatta tiden.",
      en: "Only the people who report for this demand can estimate its time.",
    }),
  );
}

export function isReporter(
  actor: Actor,
  reporters: Reporters,
  unitPaths: ReadonlyMap<string, string>,
): boolean {
  const within = (unitId: string | null | undefined, grantPath: string) => {
    if (!unitId) return true;
    const path = unitPaths.get(unitId);
    return path !== undefined && grantPath.startsWith(path);
  };
  if (isScope(reporters))
    return actor.roles.some(
      (grant) =>
        reporters.roles.includes(grant.role) &&
        reporters.unitIds.some((unitId) => within(unitId, grant.unitPath)),
    );
  return actor.roles.some(
    (grant) => (!reporters.role || grant.role === reporters.role) && within(reporters.unitId, grant.unitPath),
  );
}

/** Tenant settings (hourly costs, working time) are the administrators'. */
export const manageSettings = (actor: Actor): Decision =>
  decide(
    holdsAny(actor, ["admin"]),
    deny({
      sv: "Bara administratörer får ändra inställningarna.",
      en: "Only administrators may change settings.",
    }),
  );
