// Shapes of the follow-up API's answers (src/server/followup/schemas.ts), as the pages receive them:
// dates arrive as ISO strings.
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

export type Assignment = {
  purpose: string;
  citizens: string | null;
  valueInTheMeeting: string | null;
  frame: string | null;
  updatedByName: string | null;
  updatedAt: string;
};

export type Position = {
  personId: string;
  personName: string;
  agrees: boolean;
  comment: string | null;
  version: number;
  createdAt: string;
};

export type Expectation = {
  id: string;
  unitId: string;
  unitName: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  description: string;
  assignmentLink: string | null;
  method: FollowupMethod;
  methodNote: string | null;
  demandId: string | null;
  state: ExpectationState;
  version: number;
  draftedByName: string | null;
  agreedAt: string | null;
  agreedByName: string | null;
  agreement: { agree: number; disagree: number; participants: number };
  positions: Position[];
  versions: {
    version: number;
    title: string;
    description: string;
    method: string;
    changedByName: string | null;
    createdAt: string;
  }[];
  myPosition: Position | null;
  canEdit: boolean;
  canTakePosition: boolean;
};

export type ExpectationInput = {
  periodStart: string;
  periodEnd: string;
  title: string;
  description: string;
  assignmentLink: string | null;
  method: FollowupMethod;
  methodNote: string | null;
  demandId: string | null;
};

export type Entry = {
  id: string;
  unitId: string;
  expectationId: string | null;
  phase: Phase;
  kind: EntryKind;
  body: string;
  evidenceValue: number | null;
  learningBank: boolean;
  authorName: string | null;
  createdAt: string;
};

export type Action = {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  description: string | null;
  addressee: Addressee;
  upward: boolean;
  entryId: string | null;
  dialogueId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  state: ActionState;
  declineReason: string | null;
  answerDays: number;
  answeredAt: string | null;
  answeredByName: string | null;
  overdue: boolean;
  ageDays: number;
  evaluation: string | null;
  createdByName: string | null;
  createdAt: string;
  canAnswer: boolean;
  history: {
    fromState: string | null;
    toState: string;
    reason: string | null;
    byName: string | null;
    at: string;
  }[];
};

export type UnitFollowup = {
  unit: { id: string; name: string };
  assignment: Assignment | null;
  canEditAssignment: boolean;
  canWrite: boolean;
  expectations: Expectation[];
  goodExamples: Entry[];
  problems: Entry[];
  actions: Action[];
};

export type Responsiveness = {
  level: Addressee;
  answered: number;
  open: number;
  medianHours: number | null;
  p90Hours: number | null;
};

export type AgendaNotes = {
  item: AgendaItem;
  upper: string | null;
  lower: string | null;
  minutes: string | null;
};

export type Dialogue = {
  id: string;
  upperUnitId: string;
  upperUnitName: string;
  lowerUnitId: string;
  lowerUnitName: string;
  pair: DialoguePair;
  title: string;
  heldOn: string;
  status: "planned" | "held";
  participants: { personId: string; name: string }[];
  agenda: AgendaNotes[];
  minutes: string | null;
  canEdit: boolean;
};

export type DialogueDetail = Dialogue & {
  previous: { id: string; title: string; heldOn: string } | null;
  previousActions: Action[];
  actions: Action[];
};
