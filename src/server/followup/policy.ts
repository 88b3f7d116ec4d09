// Who may do what in the follow-up cycle. Everything is about one unit: its members take part in
// the dialogue and write entries; the employer side above it (its manager, director, board)
// drafts expectations; each addressed level answers the requests that reach it.
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
  type Role,
} from "../core/access.ts";
import type { Text } from "../core/errors.ts";
import { type Addressee, DIALOGUE_PARTS, type DialoguePart } from "./model.ts";

type UnitRef = { id: string; tenantId: string; path: string };

/** The employer side of a unit: its manager and the director and board above it. */
const EMPLOYER: readonly Role[] = ["manager", "director", "politician"];

/** Follow-up of a unit is seen along the chain, as the unit itself is. */
export const viewUnit = (actor: Actor, unit: UnitRef): Decision => (canSeeUnit(actor, unit) ? allow : hide);

/**
 * Everyone in the tenant lists follow-up — expectations, entries, actions, meetings — of the units
 * they see: the dialogue is meant to be open along the chain. Which units is the chain's visibility
 * (`visibleScopes`), applied in the query; a list names no unit the actor could not open.
 */
export const listFollowup = (_actor: Actor): Decision => allow;

/**
 * Everyone in the tenant sees how quickly the levels above the units they see answer: the staff
 * who send requests up must be able to see whether the chain answers them.
 */
export const viewResponsiveness = (_actor: Actor): Decision => allow;

/**
 * Everyone in the tenant sees what waits on them: the list holds only the requests whose addressed
 * level the actor answers (`mayAnswer`), so it is empty for whoever answers none.
 */
export const viewWaiting = (_actor: Actor): Decision => allow;

/** Members of the unit, or of a team inside it. */
const isMember = (actor: Actor, unit: UnitRef) =>
  actor.tenantId === unit.tenantId && actor.roles.some((grant) => grant.unitPath.startsWith(unit.path));

const isEmployerSide = (actor: Actor, unit: UnitRef) =>
  actor.tenantId === unit.tenantId && holdsRoleOver(actor, unit.path, EMPLOYER);

/** The assignment and the expectations are drafted by the employer side. */
export function draftExpectations(actor: Actor, unit: UnitRef): Decision {
  if (!canSeeUnit(actor, unit)) return hide;
  return decide(
    isEmployerSide(actor, unit),
    deny({
      sv: "Förväntningar formuleras av arbetsgivarsidan: enhetens chef, direktören eller nämnden.",
      en: "Expectations are drafted by the employer side: the unit's manager, the director or the board.",
    }),
  );
}

/** Staff take positions on their own unit's expectations (and the employer side may too). */
export function takePosition(actor: Actor, unit: UnitRef): Decision {
  if (!canSeeUnit(actor, unit)) return hide;
  return decide(
    isMember(actor, unit) || isEmployerSide(actor, unit),
    deny({
      sv: "Bara enhetens egna medarbetare och chefer tar ställning till dess förväntningar.",
      en: "Only the unit's own staff and managers take positions on its expectations.",
    }),
  );
}

/** Entries and actions come from the unit's people and the employer side above it. */
export const writeForUnit = takePosition;

/** The role that answers an action addressed to each level. */
export const ANSWERING_ROLE: Record<Addressee, Role> = {
  unit: "manager",
  manager: "manager",
  administration: "director",
  board: "politician",
  support: "analyst",
  external: "manager",
};

/**
 * Whoever holds the addressed level's role over the unit answers; support functions are
 * tenant-wide staff, so any analyst answers requests to support.
 */
export function mayAnswer(actor: Actor, unit: UnitRef, addressee: Addressee): boolean {
  if (actor.tenantId !== unit.tenantId) return false;
  const role = ANSWERING_ROLE[addressee];
  if (addressee === "support") return hasRole(actor, role);
  return holdsRoleOver(actor, unit.path, [role]);
}

export function answerAction(actor: Actor, unit: UnitRef, addressee: Addressee): Decision {
  if (!canSeeUnit(actor, unit) && !mayAnswer(actor, unit, addressee)) return hide;
  return decide(
    mayAnswer(actor, unit, addressee),
    deny({
      sv: "Bara den nivå som åtgärden riktas till kan svara på den.",
      en: "Only the level the action is addressed to can answer it.",
    }),
  );
}

/** After an answer, the work is carried by the answering level or the unit itself. */
export function progressAction(
  actor: Actor,
  unit: UnitRef,
  addressee: Addressee,
  ownerId: string | null,
): Decision {
  if (!canSeeUnit(actor, unit) && !mayAnswer(actor, unit, addressee)) return hide;
  return decide(
    actor.personId === ownerId || mayAnswer(actor, unit, addressee) || isEmployerSide(actor, unit),
    deny({
      sv: "Bara åtgärdens ägare, den nivå den riktas till eller enhetens chef kan föra den vidare.",
      en: "Only the action's owner, the addressed level or the unit's manager can move it on.",
    }),
  );
}

/**
 * A dialogue meeting is called by the upper side: whoever leads the upper unit (its manager, the
 * director or the board above it). Leading the lower unit is not enough, or a manager could call a
 * meeting in the director's name and chair it.
 */
export function callDialogue(actor: Actor, upper: UnitRef): Decision {
  if (!canSeeUnit(actor, upper)) return hide;
  return decide(
    isEmployerSide(actor, upper),
    deny({
      sv: "Dialogmöten kallas av den övre nivån: chef, direktör eller nämnd.",
      en: "Dialogue meetings are called by the upper level: manager, director or board.",
    }),
  );
}

/**
 * A meeting is read by its participants and by whoever sees either of its units; for anyone else it
 * does not exist.
 */
export function viewDialogue(
  actor: Actor,
  meeting: { participants: readonly { personId: string }[] },
  upper: UnitRef,
  lower: UnitRef,
): Decision {
  const participant = meeting.participants.some((person) => person.personId === actor.personId);
  return participant || canSeeUnit(actor, lower) || canSeeUnit(actor, upper) ? allow : hide;
}

type MeetingRef = { createdBy: string | null };

/**
 * What the actor writes in a meeting, part by part. The upper side is whoever leads the upper unit
 * (a role over it, not a place below it: the lower unit lies inside the upper one too); the lower
 * side is the lower unit's own people, its manager included. The meeting itself — participants,
 * date, status and minutes — is kept by its convenor or whoever leads the upper unit, never by the
 * lower side alone: otherwise the unit a director meets could rewrite the director's meeting.
 */
export function dialogueSides(
  actor: Actor,
  meeting: MeetingRef,
  upper: UnitRef,
  lower: UnitRef,
): Record<DialoguePart, boolean> {
  const upperSide = isEmployerSide(actor, upper);
  return {
    upper: upperSide,
    lower: isMember(actor, lower),
    meeting: upperSide || (actor.personId === meeting.createdBy && actor.tenantId === upper.tenantId),
  };
}

const PART_REFUSALS: Record<DialoguePart, Text> = {
  upper: {
    sv: "Den övre sidans förberedelse skrivs av den som leder den övre enheten.",
    en: "The upper side's preparation is written by whoever leads the upper unit.",
  },
  lower: {
    sv: "Den undre sidans förberedelse skrivs av den undre enhetens egna medarbetare och chef.",
    en: "The lower side's preparation is written by the lower unit's own staff and manager.",
  },
  meeting: {
    sv: "Deltagare, datum, status och anteckningar från mötet ändras av den som kallade till mötet eller leder den övre enheten.",
    en: "The participants, date, status and minutes are changed by whoever called the meeting or leads the upper unit.",
  },
};

/** May the actor write in the meeting at all: one of its sides, or whoever keeps it. */
export function prepareDialogue(actor: Actor, meeting: MeetingRef, upper: UnitRef, lower: UnitRef): Decision {
  const sides = dialogueSides(actor, meeting, upper, lower);
  if (DIALOGUE_PARTS.some((part) => sides[part])) return allow;
  if (!canSeeUnit(actor, lower) && !canSeeUnit(actor, upper)) return hide;
  return deny({
    sv: "Bara mötets två sidor förbereder och skriver i dialogmötet.",
    en: "Only the meeting's two sides prepare and write in the dialogue meeting.",
  });
}

/** A change to a meeting is allowed when the actor may write every part it changes (`dialogueParts`). */
export function writeDialogue(
  actor: Actor,
  meeting: MeetingRef,
  upper: UnitRef,
  lower: UnitRef,
  parts: Iterable<DialoguePart>,
): Decision {
  const entry = prepareDialogue(actor, meeting, upper, lower);
  if (!entry.allowed) return entry;
  const sides = dialogueSides(actor, meeting, upper, lower);
  const refused = [...parts].find((part) => !sides[part]);
  return refused ? deny(PART_REFUSALS[refused]) : allow;
}

/** The decisions taken in a meeting are part of its minutes: recorded by whoever keeps the meeting. */
export function recordDecision(actor: Actor, meeting: MeetingRef, upper: UnitRef, lower: UnitRef): Decision {
  return writeDialogue(actor, meeting, upper, lower, ["meeting"]);
}
