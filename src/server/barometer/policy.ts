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
import { inEmbargo, revealsEmbargoedTeams } from "./model.ts";

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

/** What a unit's figures hold, for one viewer, during the embargo (see `revealsEmbargoedTeams`). */
export type EmbargoedAnswers = { hidden: number; cover: number };

/**
 * The unit's answers as one viewer meets them: those stored at the unit itself (`cover`), and those
 * stored at teams below it that are not the viewer's own (`hidden`). `direct` holds the answers
 * stored at each unit; `subtree` is the unit with every unit below it.
 */
export function embargoedAnswers(
  actor: Actor,
  unit: UnitRef,
  subtree: readonly UnitRef[],
  direct: ReadonlyMap<string, number>,
): EmbargoedAnswers {
  const answers = { hidden: 0, cover: 0 };
  for (const below of subtree) {
    const n = direct.get(below.id) ?? 0;
    if (below.id === unit.id) answers.cover += n;
    else if (!isOwnUnit(actor, below)) answers.hidden += n;
  }
  return answers;
}

/**
 * The team first: during the embargo only the unit's own people see its results, and not even they
 * when the unit's figures are mostly answers of teams below that they are not part of — those
 * teams see theirs first too. Afterwards the chain above sees them as well. `answers` is asked for
 * only during the embargo.
 */
export function viewResults(
  actor: Actor,
  unit: UnitRef,
  round: { closedAt: Date | null; k: number },
  embargoDays: number,
  now: Date,
  answers: () => EmbargoedAnswers,
): Decision {
  const embargo = round.closedAt !== null && inEmbargo(round.closedAt, embargoDays, now);
  if (isOwnUnit(actor, unit))
    return embargo && revealsEmbargoedTeams(answers(), round.k)
      ? deny({
          sv: "Resultaten består till största delen av svar från team under enheten, och de ser sina resultat först. De visas här när karenstiden har gått ut.",
          en: "The results are mostly answers from teams below the unit, and they see their results first. They are shown here when the embargo has ended.",
        })
      : allow;
  if (!canSeeUnit(actor, unit)) return hide;
  if (embargo)
    return deny({
      sv: "Teamet ser sina resultat först. Kedjan ovanför ser dem när karenstiden har gått ut.",
      en: "The team sees its results first. The chain above sees them when the embargo has ended.",
    });
  return allow;
}

/**
 * The actor as the round saw the organisation when it closed: each role held in a unit of the
 * round's frozen tree carries that unit's path at closing, so a team that has moved since keeps
 * its own results and a unit moved in later does not gain someone else's.
 */
export function asAtClosing(actor: Actor, pathAtClosing: ReadonlyMap<string, string>): Actor {
  return {
    ...actor,
    roles: actor.roles.map((grant) => ({
      ...grant,
      unitPath: pathAtClosing.get(grant.unitId) ?? grant.unitPath,
    })),
  };
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
