// Shapes of the follow-up API, as the pages receive them: derived from the server's own schemas
// (src/server/followup/schemas.ts), with dates as ISO strings.
import type { z } from "zod";
import type {
  ActionState,
  Addressee,
  AgendaItem,
  DialoguePair,
  EntryKind,
  ExpectationState,
  FollowupMethod,
  Phase,
} from "../../../server/followup/model.ts";
import type {
  actionsPage,
  actionView,
  assignmentView,
  dialogueDetailView,
  dialogueView,
  entryView,
  expectationInput,
  expectationView,
  positionView,
  responsivenessView,
  unitPageView,
} from "../../../server/followup/schemas.ts";
import type { Wire } from "../../wire.ts";

export type {
  ActionState,
  Addressee,
  AgendaItem,
  DialoguePair,
  EntryKind,
  ExpectationState,
  FollowupMethod,
  Phase,
};

export type Assignment = Wire<typeof assignmentView>;
export type Position = Wire<typeof positionView>;
export type Expectation = Wire<typeof expectationView>;
/** The expectation form's state: every field of the request but the unit, each present (null when empty). */
export type ExpectationInput = Required<Omit<z.input<typeof expectationInput>, "unitId">>;
export type Entry = Wire<typeof entryView>;
export type Action = Wire<typeof actionView>;
export type ActionsPage = Wire<typeof actionsPage>;
export type UnitFollowup = Wire<typeof unitPageView>;
export type Responsiveness = Wire<typeof responsivenessView>[number];
export type Dialogue = Wire<typeof dialogueView>;
export type AgendaNotes = Dialogue["agenda"][number];
export type DialogueDetail = Wire<typeof dialogueDetailView>;
