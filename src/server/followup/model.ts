// The co-created follow-up cycle's rules as pure functions: the life of an expectation and of an
// action, who must answer an upward request and by when, and how responsive each level is.
// Seed 000: expectations stated, agreed in dialogue, followed up, and actions that "may just as
// well land on the employer's table as on the employee's".
import type { Text } from "../core/errors.ts";
import { ok, refuse, type Verdict } from "../core/verdict.ts";

// ---- expectations

export const EXPECTATION_STATES = ["draft", "dialogue", "agreed", "closed"] as const;
export type ExpectationState = (typeof EXPECTATION_STATES)[number];

/**
 * draft → dialogue (the staff see it) → agreed; an agreed expectation revised mid-period goes back
 * to dialogue as a new version; any open one may be closed when its period ends or it is withdrawn.
 */
const EXPECTATION_STEPS: Record<ExpectationState, readonly ExpectationState[]> = {
  draft: ["dialogue", "closed"],
  dialogue: ["agreed", "closed"],
  agreed: ["dialogue", "closed"],
  closed: [],
};

/** The states in words, for refusals and the audit log (never the code). */
export const EXPECTATION_NAMES: Record<ExpectationState, Text> = {
  draft: { sv: "utkast", en: "draft" },
  dialogue: { sv: "i dialog", en: "in dialogue" },
  agreed: { sv: "överenskommen", en: "agreed" },
  closed: { sv: "avslutad", en: "closed" },
};

export function expectationTransition(from: ExpectationState, to: ExpectationState): Verdict {
  if (EXPECTATION_STEPS[from].includes(to)) return ok;
  const { sv: svFrom, en: enFrom } = EXPECTATION_NAMES[from];
  const { sv: svTo, en: enTo } = EXPECTATION_NAMES[to];
  if (from === "draft" && to === "agreed")
    return refuse(
      "dialogue_first",
      "En förväntan måste ha varit i dialog med medarbetarna innan den blir överenskommen.",
      "An expectation must have been in dialogue with the staff before it is agreed.",
    );
  return refuse(
    "illegal_transition",
    `En förväntan kan inte gå från ${svFrom} till ${svTo}.`,
    `An expectation cannot go from ${enFrom} to ${enTo}.`,
  );
}

/** Staff take positions on the version in dialogue; the text may change only while it is open for dialogue. */
export const canTakePosition = (state: ExpectationState) => state === "dialogue";
const canEditText = (state: ExpectationState) => state === "draft" || state === "dialogue";

/**
 * A change to an expectation: its text only while it is open (or in the same step that reopens an
 * agreed one, which then makes one new version), its state only along the allowed steps. Asking for
 * the state it already has is no step.
 */
export function expectationChange(change: {
  from: ExpectationState;
  to?: ExpectationState;
  textChanged: boolean;
}): Verdict {
  const { from, to, textChanged } = change;
  const reopening = from === "agreed" && to === "dialogue";
  if (textChanged && !canEditText(from) && !reopening)
    return refuse(
      "reopen_to_change",
      "En överenskommen eller avslutad förväntan ändras genom att den öppnas för dialog igen.",
      "An agreed or closed expectation is changed by opening it for dialogue again.",
    );
  if (to === undefined || to === from) return ok;
  return expectationTransition(from, to);
}

/** Positions are taken on the version in dialogue, never on a draft nobody has been shown or on an agreed text. */
export function positionOpen(state: ExpectationState): Verdict {
  if (canTakePosition(state)) return ok;
  return refuse(
    "not_in_dialogue",
    "Man tar ställning medan förväntan är i dialog.",
    "Positions are taken while the expectation is in dialogue.",
  );
}

/** Disagreeing is worth something only with what is wrong: a "no" without a comment is refused. */
export function positionExplained(position: { agrees: boolean; comment?: string | null }): Verdict {
  if (position.agrees || position.comment?.trim()) return ok;
  return refuse("comment_required", "Krävs när du inte håller med.", "Required when you disagree.");
}

/** Whether someone has taken a position on this version: then changing its text makes a new version. */
export const answered = (positions: readonly { version: number }[], version: number) =>
  positions.some((position) => position.version === version);

/**
 * Positions belong to the version they answered. Reopening an agreed expectation starts a new
 * version; so does changing a text in dialogue that someone has already taken a position on.
 * A draft, or a text nobody has answered yet, keeps its version.
 */
export function nextVersion(
  change: { from: ExpectationState; to: ExpectationState; textChanged: boolean; answered: boolean },
  version: number,
): number {
  if (change.from === "agreed" && change.to === "dialogue") return version + 1;
  if (change.from === "dialogue" && change.textChanged && change.answered) return version + 1;
  return version;
}

export type Position = { personId: string; agrees: boolean; comment: string | null; version: number };

/** The agreement record: who agreed and who did not on the current version. Disagreement stays visible. */
export function agreementOf(positions: readonly Position[], version: number) {
  const current = positions.filter((position) => position.version === version);
  return {
    agree: current.filter((position) => position.agrees).length,
    disagree: current.filter((position) => !position.agrees).length,
    participants: current.length,
  };
}

export const FOLLOWUP_METHODS = [
  "narrative",
  "self_assessment",
  "indicator",
  "peer_review",
  "citizen_voice",
  "other",
] as const;
export type FollowupMethod = (typeof FOLLOWUP_METHODS)[number];

/** A demand from the inventory is an indicator: it is chosen only as the method "indicator". */
export function indicatorChoice(method: FollowupMethod): Verdict {
  if (method === "indicator") return ok;
  return refuse(
    "indicator_only",
    "Ett krav ur inventeringen väljs bara när metoden är indikator.",
    "A demand from the inventory is chosen only when the method is an indicator.",
  );
}

// ---- entries

export const ENTRY_KINDS = ["good_example", "problem", "lesson", "citizen_perspective", "evidence"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_KIND_NAMES: Record<EntryKind, Text> = {
  good_example: { sv: "gott exempel", en: "good example" },
  problem: { sv: "problem", en: "problem" },
  lesson: { sv: "lärdom", en: "lesson" },
  citizen_perspective: { sv: "medborgarens perspektiv", en: "citizen's perspective" },
  evidence: { sv: "belägg", en: "evidence" },
};

/** The learning bank collects what others can copy: good examples, nothing else. */
export function learningBankEntry(entry: { kind: EntryKind; learningBank?: boolean }): Verdict {
  if (!entry.learningBank || entry.kind === "good_example") return ok;
  return refuse(
    "good_examples_only",
    "Bara goda exempel kan märkas för lärbanken.",
    "Only good examples can be marked for the learning bank.",
  );
}

export const PHASES = ["before", "during", "after"] as const;
export type Phase = (typeof PHASES)[number];

/** An entry view always shows good examples beside problems, newest first in each column. */
export function sideBySide<T extends { kind: EntryKind; createdAt: Date }>(
  entries: readonly T[],
  limit = 10,
) {
  const newest = (kind: EntryKind) =>
    entries
      .filter((entry) => entry.kind === kind)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit);
  return { goodExamples: newest("good_example"), problems: newest("problem") };
}

// ---- actions

export const ACTION_STATES = [
  "proposed",
  "accepted",
  "declined",
  "in_progress",
  "done",
  "evaluated",
] as const;
export type ActionState = (typeof ACTION_STATES)[number];

const ACTION_STEPS: Record<ActionState, readonly ActionState[]> = {
  proposed: ["accepted", "declined"],
  accepted: ["in_progress", "done"],
  declined: [],
  in_progress: ["done"],
  done: ["evaluated"],
  evaluated: [],
};

/** The states in words, for refusals and the audit log (never the code). */
export const ACTION_NAMES: Record<ActionState, Text> = {
  proposed: { sv: "föreslagen", en: "proposed" },
  accepted: { sv: "accepterad", en: "accepted" },
  declined: { sv: "avböjd", en: "declined" },
  in_progress: { sv: "pågående", en: "in progress" },
  done: { sv: "klar", en: "done" },
  evaluated: { sv: "utvärderad", en: "evaluated" },
};

/** proposed → accepted | declined (with a reason) → in progress → done → evaluated. */
export function actionTransition(from: ActionState, to: ActionState, reason?: string | null): Verdict {
  if (!ACTION_STEPS[from].includes(to)) {
    const { sv: svFrom, en: enFrom } = ACTION_NAMES[from];
    const { sv: svTo, en: enTo } = ACTION_NAMES[to];
    return refuse(
      "illegal_transition",
      `En åtgärd kan inte gå från ${svFrom} till ${svTo}.`,
      `An action cannot go from ${enFrom} to ${enTo}.`,
    );
  }
  if (to === "declined" && !reason?.trim())
    return refuse("reason_required", "Den som avböjer måste säga varför.", "Whoever declines must say why.");
  return ok;
}

/** Accepting or declining answers the action (the clock of responsiveness stops); later steps carry it out. */
export const isAnswer = (to: ActionState) => to === "accepted" || to === "declined";

/** What a step records on the action besides its state: who answered and when, why it was declined, how it went. */
export function stepRecord(to: ActionState, reason: string | null | undefined, byName: string, now: Date) {
  return {
    ...(isAnswer(to) ? { answeredAt: now, answeredByName: byName } : {}),
    ...(to === "declined" ? { declineReason: reason } : {}),
    ...(to === "evaluated" ? { evaluation: reason ?? null } : {}),
  };
}

/** Where on the chain an action is addressed. */
export const ADDRESSEES = ["unit", "manager", "administration", "board", "support", "external"] as const;
export type Addressee = (typeof ADDRESSEES)[number];

/** Each level in words, as "a request to …" names it. */
export const ADDRESSEE_NAMES: Record<Addressee, Text> = {
  unit: { sv: "enheten", en: "the unit" },
  manager: { sv: "chefen", en: "the manager" },
  administration: { sv: "förvaltningen", en: "the administration" },
  board: { sv: "nämnden", en: "the board" },
  support: { sv: "stödfunktionen", en: "the support function" },
  external: { sv: "den externa aktören", en: "the external actor" },
};

/** The levels above a unit: a request to one of them is an upward request, which it must answer. */
export const UPWARD_ADDRESSEES = [
  "manager",
  "administration",
  "board",
  "support",
] as const satisfies readonly Addressee[];
export type UpwardAddressee = (typeof UPWARD_ADDRESSEES)[number];

/** An upward request: addressed to a level above the unit, which must answer it. */
export const isUpwardRequest = (addressee: Addressee): addressee is UpwardAddressee =>
  (UPWARD_ADDRESSEES as readonly Addressee[]).includes(addressee);

export const ANSWER_DAYS_DEFAULT = 14;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** An upward request not answered within its answer time is overdue. */
export function isOverdue(
  action: { state: ActionState; addressee: Addressee; createdAt: Date; answerDays: number },
  now: Date,
) {
  return (
    isUpwardRequest(action.addressee) &&
    action.state === "proposed" &&
    now.getTime() - action.createdAt.getTime() > action.answerDays * DAY
  );
}

/** Whole days an action has waited for its answer, or waited until it was answered. */
export function ageDays(action: { createdAt: Date; answeredAt: Date | null }, now: Date) {
  return Math.floor(((action.answeredAt ?? now).getTime() - action.createdAt.getTime()) / DAY);
}

/** Remind about an overdue request at most once a week. */
export function reminderDue(lastRemindedAt: Date | null, now: Date) {
  return lastRemindedAt === null || now.getTime() - lastRemindedAt.getTime() >= 7 * DAY;
}

// ---- responsiveness

type RequestTiming = { addressee: Addressee; createdAt: Date; answeredAt: Date | null };

export type Responsiveness = {
  level: Addressee;
  answered: number;
  open: number;
  medianHours: number | null;
  p90Hours: number | null;
};

/**
 * The q-quantile of sorted values by linear interpolation between closest ranks (q = 0.5 is the
 * usual median).
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/**
 * Per addressed level: how many requests were answered and are open, and the median and 90th
 * percentile hours to answer. The rule; `store.responsivenessByLevel` sums it in the database for a
 * whole tenant and is tested against it (synthetic.test.ts).
 */
export function responsiveness(requests: readonly RequestTiming[]): Responsiveness[] {
  const byLevel = new Map<Addressee, { hours: number[]; open: number }>();
  for (const request of requests) {
    if (!isUpwardRequest(request.addressee)) continue;
    const level = byLevel.get(request.addressee) ?? { hours: [], open: 0 };
    if (request.answeredAt)
      level.hours.push((request.answeredAt.getTime() - request.createdAt.getTime()) / HOUR);
    else level.open += 1;
    byLevel.set(request.addressee, level);
  }
  return ADDRESSEES.flatMap((level) => {
    const found = byLevel.get(level);
    if (!found) return [];
    const sorted = found.hours.sort((a, b) => a - b);
    return [
      {
        level,
        answered: sorted.length,
        open: found.open,
        medianHours: quantile(sorted, 0.5),
        p90Hours: quantile(sorted, 0.9),
      },
    ];
  });
}

// ---- dialogue meetings

/** The agenda of a dialogue meeting, built on the principles of seed 004. */
export const AGENDA = [
  "review_actions",
  "good_examples",
  "hindrances",
  "citizen_voice",
  "needs_both_ways",
  "agreements",
] as const;
export type AgendaItem = (typeof AGENDA)[number];

export const DIALOGUE_PAIRS = ["board_administration", "director_managers", "manager_team"] as const;
export type DialoguePair = (typeof DIALOGUE_PAIRS)[number];
export const DIALOGUE_STATUSES = ["planned", "held"] as const;

/** What each side prepared for an agenda item, and what was said (null: emptied). */
export type AgendaNotes = { upper?: string | null; lower?: string | null; minutes?: string | null };
export type Agenda = Partial<Record<AgendaItem, AgendaNotes>>;

/** A meeting is held between a unit and one above it in the chain (paths make that a prefix test). */
export function dialogueLevels(
  upper: { id: string; path: string },
  lower: { id: string; path: string },
): Verdict {
  if (lower.id !== upper.id && lower.path.startsWith(upper.path)) return ok;
  return refuse(
    "lower_below_upper",
    "Den undre enheten måste ligga under den övre i styrkedjan.",
    "The lower unit must lie below the upper one in the chain.",
  );
}

/**
 * Both sides write in the same agenda: a change replaces only the notes it names, so the upper side
 * saving its preparation leaves the lower side's untouched. A note sent as null is emptied.
 */
export function mergeAgenda(current: Agenda, patch: Agenda): Agenda {
  const merged = { ...current };
  for (const item of AGENDA) {
    const notes = patch[item];
    if (!notes) continue;
    const given = Object.entries(notes).filter(([, value]) => value !== undefined);
    merged[item] = { ...merged[item], ...Object.fromEntries(given) };
  }
  return merged;
}

/**
 * What a change to a meeting writes, seen from who may write it: each side its own preparation, and
 * the meeting's own record — participants, title, date, status and minutes, also an agenda item's —
 * belongs to whoever chairs it. Only what differs from the meeting as it stands counts, so a form
 * that sends back the other side's unchanged note writes nothing of theirs.
 */
export const DIALOGUE_PARTS = ["upper", "lower", "meeting"] as const;
export type DialoguePart = (typeof DIALOGUE_PARTS)[number];

type Meeting = {
  title: string;
  heldOn: string;
  status: (typeof DIALOGUE_STATUSES)[number];
  participants: readonly { personId: string }[];
  agenda: Agenda;
  minutes: string | null;
};
export type MeetingChange = Partial<Omit<Meeting, "participants" | "agenda">> & {
  participantIds?: readonly string[];
  agenda?: Agenda;
};

const NOTE_PART: Record<keyof AgendaNotes, DialoguePart> = {
  upper: "upper",
  lower: "lower",
  minutes: "meeting",
};

const differs = <T>(given: T | undefined, current: T) => given !== undefined && given !== current;

export function dialogueParts(current: Meeting, change: MeetingChange): Set<DialoguePart> {
  const parts = new Set<DialoguePart>();
  for (const item of AGENDA)
    for (const [note, part] of Object.entries(NOTE_PART) as [keyof AgendaNotes, DialoguePart][]) {
      const given = change.agenda?.[item]?.[note];
      if (given !== undefined && (given ?? null) !== (current.agenda[item]?.[note] ?? null)) parts.add(part);
    }
  const participants = change.participantIds && [...new Set(change.participantIds)];
  const meetingChanged =
    differs(change.title, current.title) ||
    differs(change.heldOn, current.heldOn) ||
    differs(change.status, current.status) ||
    differs(change.minutes, current.minutes) ||
    (!!participants && participants.join() !== current.participants.map((person) => person.personId).join());
  if (meetingChanged) parts.add("meeting");
  return parts;
}

export function checkPeriod(startsOn: string, endsOn: string): Verdict {
  if (endsOn < startsOn)
    return refuse("dates_reversed", "Perioden slutar innan den börjar.", "The period ends before it starts.");
  return ok;
}
