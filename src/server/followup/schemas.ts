// The follow-up API's request and response shapes (zod). The web app derives its types from these
// (`src/web/pages/followup/types.ts`), so a field changed here is changed there.
import { z } from "zod";
import {
  ACTION_STATES,
  ADDRESSEES,
  AGENDA,
  DIALOGUE_PAIRS,
  DIALOGUE_STATUSES,
  ENTRY_KINDS,
  EXPECTATION_STATES,
  FOLLOWUP_METHODS,
  PHASES,
} from "./model.ts";

const id = z.uuid();
export const idParams = z.object({ id });
const day = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1);
const optionalText = (max = 4000) => text(max).nullish();

/** Lists cover one unit (or its subtree) when asked, else every unit the actor sees. */
export const unitQuery = z.object({ unitId: id.optional() });
export const entriesQuery = unitQuery.extend({ expectationId: id.optional() });
/**
 * A page of actions: a unit's subtree (or every unit the actor sees), narrowed by state and by
 * direction (`upward`: requests to a level above the unit; `other`: the rest), newest first; or —
 * `waiting=true` — the open upward requests the actor's level must answer, oldest first. `after` is
 * the `next` of the page before.
 */
export const actionsQuery = unitQuery.extend({
  waiting: z.enum(["true", "false"]).optional(),
  state: z.enum(ACTION_STATES).optional(),
  direction: z.enum(["upward", "other"]).optional(),
  after: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const expectationInput = z.object({
  unitId: id,
  periodStart: day,
  periodEnd: day,
  title: required(200),
  description: required(4000),
  assignmentLink: optionalText(1000),
  method: z.enum(FOLLOWUP_METHODS),
  methodNote: optionalText(2000),
  demandId: id.nullish(),
});
export const expectationPatch = expectationInput
  .omit({ unitId: true })
  .partial()
  .extend({ state: z.enum(EXPECTATION_STATES).optional() });

export const positionInput = z.object({
  agrees: z.boolean(),
  comment: z.string().trim().max(4000).nullish(),
});
export const positionView = z.object({
  personId: id,
  personName: z.string(),
  agrees: z.boolean(),
  comment: z.string().nullable(),
  version: z.number(),
  createdAt: z.date(),
});
export const expectationView = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  title: z.string(),
  description: z.string(),
  assignmentLink: z.string().nullable(),
  method: z.enum(FOLLOWUP_METHODS),
  methodNote: z.string().nullable(),
  demandId: id.nullable(),
  state: z.enum(EXPECTATION_STATES),
  version: z.number(),
  draftedByName: z.string().nullable(),
  agreedAt: z.date().nullable(),
  agreedByName: z.string().nullable(),
  agreement: z.object({ agree: z.number(), disagree: z.number(), participants: z.number() }),
  positions: z.array(positionView),
  versions: z.array(
    z.object({
      version: z.number(),
      title: z.string(),
      description: z.string(),
      method: z.string(),
      changedByName: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  myPosition: positionView.nullable(),
  canEdit: z.boolean(),
  canTakePosition: z.boolean(),
});

export const entryInput = z.object({
  unitId: id,
  expectationId: id.nullish(),
  phase: z.enum(PHASES),
  kind: z.enum(ENTRY_KINDS),
  body: required(4000),
  evidenceValue: z.number().finite().nullish(),
  learningBank: z.boolean().optional(),
});
export const entryView = z.object({
  id,
  unitId: id,
  expectationId: id.nullable(),
  phase: z.enum(PHASES),
  kind: z.enum(ENTRY_KINDS),
  body: z.string(),
  evidenceValue: z.number().nullable(),
  learningBank: z.boolean(),
  authorName: z.string().nullable(),
  createdAt: z.date(),
});

export const actionInput = z.object({
  unitId: id,
  title: required(200),
  description: optionalText(),
  addressee: z.enum(ADDRESSEES),
  externalActorId: id.nullish(),
  entryId: id.nullish(),
  dialogueId: id.nullish(),
  ownerId: id.nullish(),
  dueOn: day.nullish(),
  answerDays: z.number().int().min(1).max(90).optional(),
});
export const actionView = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  addressee: z.enum(ADDRESSEES),
  upward: z.boolean(),
  entryId: id.nullable(),
  dialogueId: id.nullable(),
  ownerId: id.nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(ACTION_STATES),
  declineReason: z.string().nullable(),
  answerDays: z.number(),
  answeredAt: z.date().nullable(),
  answeredByName: z.string().nullable(),
  overdue: z.boolean(),
  ageDays: z.number(),
  evaluation: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
  canAnswer: z.boolean(),
  history: z.array(
    z.object({
      fromState: z.string().nullable(),
      toState: z.string(),
      reason: z.string().nullable(),
      byName: z.string().nullable(),
      at: z.date(),
    }),
  ),
});
/** One page of a list of actions, with how many the whole list holds and how many of them are overdue. */
export const actionsPage = z.object({
  items: z.array(actionView),
  total: z.number(),
  overdue: z.number(),
  /** The `after` that gives the next page; null on the last. */
  next: id.nullable(),
});
export const transitionInput = z.object({ to: z.enum(ACTION_STATES), reason: optionalText(2000) });

const agendaNotes = z.object({
  upper: optionalText(4000),
  lower: optionalText(4000),
  minutes: optionalText(8000),
});
export const dialogueInput = z.object({
  upperUnitId: id,
  lowerUnitId: id,
  pair: z.enum(DIALOGUE_PAIRS),
  title: required(200),
  heldOn: day,
  participantIds: z.array(id).max(200).optional(),
});
export const dialoguePatch = z.object({
  title: required(200).optional(),
  heldOn: day.optional(),
  participantIds: z.array(id).max(200).optional(),
  agenda: z.partialRecord(z.enum(AGENDA), agendaNotes).optional(),
  minutes: optionalText(20_000),
  status: z.enum(DIALOGUE_STATUSES).optional(),
});
const agendaNotesView = z.object({
  item: z.enum(AGENDA),
  upper: z.string().nullable(),
  lower: z.string().nullable(),
  minutes: z.string().nullable(),
});
export const dialogueView = z.object({
  id,
  upperUnitId: id,
  upperUnitName: z.string(),
  lowerUnitId: id,
  lowerUnitName: z.string(),
  pair: z.enum(DIALOGUE_PAIRS),
  title: z.string(),
  heldOn: z.string(),
  status: z.enum(DIALOGUE_STATUSES),
  participants: z.array(z.object({ personId: id, name: z.string() })),
  agenda: z.array(agendaNotesView),
  minutes: z.string().nullable(),
  /** What the reader may write: each side its preparation, the meeting's keeper its minutes and facts. */
  canWrite: z.object({ upper: z.boolean(), lower: z.boolean(), meeting: z.boolean() }),
});
/** A meeting with the actions decided in it and those of the meeting before, reviewed first. */
export const dialogueDetailView = dialogueView.extend({
  previous: z.object({ id, title: z.string(), heldOn: z.string() }).nullable(),
  previousActions: z.array(actionView),
  actions: z.array(actionView),
});

export const responsivenessView = z.array(
  z.object({
    level: z.enum(ADDRESSEES),
    answered: z.number(),
    open: z.number(),
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
  }),
);

export const assignmentInput = z.object({
  purpose: required(4000),
  citizens: optionalText(),
  valueInTheMeeting: optionalText(),
  frame: optionalText(),
});
export const assignmentView = assignmentInput.extend({
  citizens: z.string().nullable(),
  valueInTheMeeting: z.string().nullable(),
  frame: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.date(),
});

/** A unit's follow-up page: its assignment, expectations, good examples beside problems, and actions. */
export const unitPageView = z.object({
  unit: z.object({ id, name: z.string() }),
  assignment: assignmentView.nullable(),
  canEditAssignment: z.boolean(),
  canWrite: z.boolean(),
  expectations: z.array(expectationView),
  goodExamples: z.array(entryView),
  problems: z.array(entryView),
  actions: z.array(actionView),
});

// What each operation receives, as its service names it.
export type UnitQuery = z.infer<typeof unitQuery>;
export type EntriesQuery = z.infer<typeof entriesQuery>;
export type ActionsQuery = z.infer<typeof actionsQuery>;
export type AssignmentInput = z.infer<typeof assignmentInput>;
export type ExpectationInput = z.infer<typeof expectationInput>;
export type ExpectationPatch = z.infer<typeof expectationPatch>;
export type PositionInput = z.infer<typeof positionInput>;
export type EntryInput = z.infer<typeof entryInput>;
export type ActionInput = z.infer<typeof actionInput>;
export type TransitionInput = z.infer<typeof transitionInput>;
export type DialogueInput = z.infer<typeof dialogueInput>;
export type DialoguePatch = z.infer<typeof dialoguePatch>;
