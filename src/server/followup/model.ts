// The co-created follow-up cycle's rules as pure functions: the life of an expectation and of an
// action, who must answer an upward request and by when, and how responsive each level is.
// Seed 000: expectations stated, agreed in dialogue, followed up, and actions that "may just as
// well land on the employer's table as on the employee's".
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

const EXPECTATION_NAMES: Record<ExpectationState, [string, string]> = {
  draft: ["utkast", "draft"],
  dialogue: ["i dialog", "in dialogue"],
  agreed: ["överenskommen", "agreed"],
  closed: ["avslutad", "closed"],
};

export function expectationTransition(from: ExpectationState, to: ExpectationState): Verdict {
  if (EXPECTATION_STEPS[from].includes(to)) return ok;
  const [svFrom, enFrom] = EXPECTATION_NAMES[from];
  const [svTo, enTo] = EXPECTATION_NAMES[to];
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
export const canEditText = (state: ExpectationState) => state === "draft" || state === "dialogue";

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

// ---- entries

export const ENTRY_KINDS = ["good_example", "problem", "lesson", "citizen_perspective", "evidence"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
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

const ACTION_NAMES: Record<ActionState, [string, string]> = {
  proposed: ["föreslagen", "proposed"],
  accepted: ["accepterad", "accepted"],
  declined: ["avböjd", "declined"],
  in_progress: ["pågående", "in progress"],
  done: ["klar", "done"],
  evaluated: ["utvärderad", "evaluated"],
};

/** proposed → accepted | declined (with a reason) → in progress → done → evaluated. */
export function actionTransition(from: ActionState, to: ActionState, reason?: string | null): Verdict {
  if (!ACTION_STEPS[from].includes(to)) {
    const [svFrom, enFrom] = ACTION_NAMES[from];
    const [svTo, enTo] = ACTION_NAMES[to];
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

/** Where on the chain an action is addressed. */
export const ADDRESSEES = ["unit", "manager", "administration", "board", "support", "external"] as const;
export type Addressee = (typeof ADDRESSEES)[number];

/** An upward request: addressed to a level above the unit, which must answer it. */
export const isUpwardRequest = (addressee: Addressee) =>
  addressee === "manager" ||
  addressee === "administration" ||
  addressee === "board" ||
  addressee === "support";

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

/** Remind about an overdue request at most once a week. */
export function reminderDue(lastRemindedAt: Date | null, now: Date) {
  return lastRemindedAt === null || now.getTime() - lastRemindedAt.getTime() >= 7 * DAY;
}

// ---- responsiveness

export type RequestTiming = { addressee: Addressee; createdAt: Date; answeredAt: Date | null };

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

/** Per addressed level: how many requests were answered and are open, and the median and 90th percentile hours to answer. */
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

export function checkPeriod(startsOn: string, endsOn: string): Verdict {
  if (endsOn < startsOn)
    return refuse("dates_reversed", "Perioden slutar innan den börjar.", "The period ends before it starts.");
  return ok;
}
