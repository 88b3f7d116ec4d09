// Who may do what with the trust barometer. Nobody — not an administrator either — can read an
// individual answer: there is no route for it and none is stored (see docs/privacy.md). These
// rules decide who sees aggregated results, and when.
import {
  type Actor,
  allow,
  canSeeUnit,
  type Decision,
  decide,
  deny,
  hasRole,
  hide,
  holdsRoleOver,
} from "../core/access.ts";
import { inEmbargo } from "./model.ts";

type UnitRef = { id: string; tenantId: string; path: string };

/** The unit's own people: anyone holding a role in it or in a team inside it. */
const isOwnUnit = (actor: Actor, unit: UnitRef) =>
  actor.tenantId === unit.tenantId && actor.roles.some((grant) => grant.unitPath.startsWith(unit.path));

/**
 * Everyone in the tenant reads the question bank: the questions are the same for all, and whoever
 * answers or starts a round needs to read them.
 */
export const viewBank = (_actor: Actor): Decision => allow;

/**
 * Everyone in the tenant reads the settings: the minimum group size is the promise of anonymity a
 * respondent relies on before answering, so it is shown to all.
 */
export const viewSettings = (_actor: Actor): Decision => allow;

/** A round is answered by those invited to it, each only through their own invitation. */
export const answerRound = (actor: Actor, invitation: { personId: string }): Decision =>
  decide(actor.personId === invitation.personId, hide);

/** Rounds are started by the employer side for its own part of the chain, or by analysts and admins. */
export function startRound(actor: Actor, unit: UnitRef): Decision {
  if (!canSeeUnit(actor, unit)) return hide;
  return decide(
    holdsRoleOver(actor, unit.path, ["manager", "director", "politician"]) ||
      hasRole(actor, "analyst") ||
      hasRole(actor, "admin"),
    deny({
      sv: "Omgångar startas av chefer, direktörer, politiker, analytiker eller administratörer.",
      en: "Rounds are started by managers, directors, politicians, analysts or administrators.",
    }),
  );
}

/** A round is seen by those invited to it and by those who see its unit. */
export const viewRound = (actor: Actor, scope: UnitRef, invited: boolean): Decision =>
  invited || canSeeUnit(actor, scope) ? allow : hide;

/** Only the one who started a round closes it early. */
export const closeRound = (actor: Actor, round: { createdBy: string | null }): Decision =>
  decide(
    actor.personId === round.createdBy,
    deny({
      sv: "Bara den som startade omgången kan stänga den.",
      en: "Only whoever started the round can close it.",
    }),
  );

/**
 * The team first: during the embargo only the unit's own people see its results; afterwards also
 * the chain above it.
 */
export function viewResults(
  actor: Actor,
  unit: UnitRef,
  round: { closedAt: Date | null },
  embargoDays: number,
  now: Date,
): Decision {
  if (isOwnUnit(actor, unit)) return allow;
  if (!canSeeUnit(actor, unit)) return hide;
  if (round.closedAt && inEmbargo(round.closedAt, embargoDays, now))
    return deny({
      sv: "Teamet ser sina resultat först. Kedjan ovanför ser dem när karenstiden har gått ut.",
      en: "The team sees its results first. The chain above sees them when the embargo has ended.",
    });
  return allow;
}

/** The team records what it discussed; so may its manager and those above. */
export const discussResults = (actor: Actor, unit: UnitRef): Decision =>
  decide(
    isOwnUnit(actor, unit) || holdsRoleOver(actor, unit.path, ["manager", "director", "politician"]),
    deny({
      sv: "Bara enhetens egna kan anteckna samtalet.",
      en: "Only the unit's own people can note the discussion.",
    }),
  );

export const manageSettings = (actor: Actor): Decision =>
  decide(
    hasRole(actor, "admin"),
    deny({
      sv: "Bara administratörer får ändra inställningarna.",
      en: "Only administrators may change settings.",
    }),
  );

export const manageItems = (actor: Actor): Decision =>
  decide(
    hasRole(actor, "admin") || hasRole(actor, "analyst"),
    deny({
      sv: "Bara analytiker och administratörer lägger till frågor.",
      en: "Only analysts and administrators add questions.",
    }),
  );
