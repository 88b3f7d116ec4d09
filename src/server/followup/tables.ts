import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz } from "../core/tables.ts";
import { tenant, unit } from "../org/tables.ts";
import {
  ACTION_STATES,
  ADDRESSEES,
  type Agenda,
  ANSWER_DAYS_DEFAULT,
  DIALOGUE_PAIRS,
  DIALOGUE_STATUSES,
  ENTRY_KINDS,
  EXPECTATION_STATES,
  FOLLOWUP_METHODS,
  PHASES,
} from "./model.ts";

// Kinds and states are text columns typed by the model's lists (not SQL enums), so a read needs no
// cast and a new state needs no migration.

/** A unit's assignment (uppdrag): why it exists, for whom, what creates value, and its frame. */
export const assignment = pgTable("followup_assignment", {
  unitId: uuid("unit_id")
    .primaryKey()
    .references(() => unit.id),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenant.id),
  purpose: text("purpose").notNull(),
  citizens: text("citizens"),
  valueInTheMeeting: text("value_in_the_meeting"),
  frame: text("frame"),
  updatedBy: uuid("updated_by"),
  updatedByName: text("updated_by_name"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/**
 * An expectation (förväntan) for a unit and a period, drafted by the employer side and agreed in
 * dialogue. `version` counts revisions of the text; positions belong to a version.
 */
export const expectation = pgTable(
  "followup_expectation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => unit.id),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    assignmentLink: text("assignment_link"),
    method: text("method", { enum: FOLLOWUP_METHODS }).notNull(),
    methodNote: text("method_note"),
    /** The inventory demand used as indicator, when the method is "indicator". */
    demandId: uuid("demand_id"),
    state: text("state", { enum: EXPECTATION_STATES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    draftedBy: uuid("drafted_by"),
    draftedByName: text("drafted_by_name"),
    agreedAt: timestamptz("agreed_at"),
    agreedByName: text("agreed_by_name"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("followup_expectation_unit_idx").on(t.unitId, t.periodStart)],
);

/** Every version of an expectation's text, kept so the dialogue's history can be read. */
export const expectationVersion = pgTable(
  "followup_expectation_version",
  {
    expectationId: uuid("expectation_id")
      .notNull()
      .references(() => expectation.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    method: text("method", { enum: FOLLOWUP_METHODS }).notNull(),
    methodNote: text("method_note"),
    changedByName: text("changed_by_name"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("followup_expectation_version_pk").on(t.expectationId, t.version)],
);

/** A person's agreement or disagreement with one version, with a comment or proposed change. */
export const position = pgTable(
  "followup_position",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    expectationId: uuid("expectation_id")
      .notNull()
      .references(() => expectation.id),
    version: integer("version").notNull(),
    personId: uuid("person_id").notNull(),
    personName: text("person_name").notNull(),
    agrees: boolean("agrees").notNull(),
    comment: text("comment"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("followup_position_once_idx").on(t.expectationId, t.version, t.personId)],
);

/** A follow-up entry: a good example, a problem, a lesson, the citizen's perspective, or evidence. */
export const entry = pgTable(
  "followup_entry",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => unit.id),
    expectationId: uuid("expectation_id").references(() => expectation.id),
    phase: text("phase", { enum: PHASES }).notNull(),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull(),
    body: text("body").notNull(),
    evidenceValue: doublePrecision("evidence_value"),
    learningBank: boolean("learning_bank").notNull().default(false),
    authorId: uuid("author_id"),
    authorName: text("author_name"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("followup_entry_unit_idx").on(t.unitId, t.createdAt)],
);

/** A dialogue meeting (uppföljningsdialog) between two levels of the chain. */
export const dialogue = pgTable(
  "followup_dialogue",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    upperUnitId: uuid("upper_unit_id")
      .notNull()
      .references(() => unit.id),
    lowerUnitId: uuid("lower_unit_id")
      .notNull()
      .references(() => unit.id),
    pair: text("pair", { enum: DIALOGUE_PAIRS }).notNull(),
    title: text("title").notNull(),
    heldOn: date("held_on").notNull(),
    participants: jsonb("participants")
      .$type<{ personId: string; name: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Per agenda item: what the upper and the lower side prepared, and what was said. */
    agenda: jsonb("agenda").$type<Agenda>().notNull().default(sql`'{}'::jsonb`),
    minutes: text("minutes"),
    status: text("status", { enum: DIALOGUE_STATUSES }).notNull().default("planned"),
    createdBy: uuid("created_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("followup_dialogue_lower_idx").on(t.lowerUnitId, t.heldOn)],
);

/** An action (åtgärd) addressed to any level of the chain; upward requests must be answered. */
export const action = pgTable(
  "followup_action",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => unit.id),
    entryId: uuid("entry_id").references(() => entry.id),
    dialogueId: uuid("dialogue_id").references(() => dialogue.id),
    title: text("title").notNull(),
    description: text("description"),
    addressee: text("addressee", { enum: ADDRESSEES }).notNull(),
    /** The unit that must answer: the unit itself, or the one above holding the addressed level. */
    addresseeUnitId: uuid("addressee_unit_id").references(() => unit.id),
    addresseeActorId: uuid("addressee_actor_id"),
    ownerId: uuid("owner_id"),
    ownerName: text("owner_name"),
    dueOn: date("due_on"),
    state: text("state", { enum: ACTION_STATES }).notNull().default("proposed"),
    declineReason: text("decline_reason"),
    answerDays: integer("answer_days").notNull().default(ANSWER_DAYS_DEFAULT),
    answeredAt: timestamptz("answered_at"),
    answeredByName: text("answered_by_name"),
    lastRemindedAt: timestamptz("last_reminded_at"),
    evaluation: text("evaluation"),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("followup_action_unit_idx").on(t.unitId),
    index("followup_action_addressee_idx").on(t.addresseeUnitId, t.state),
    // A page of a tenant's list is read in this order, newest or oldest first (store.actionPage):
    // without it each page sorted all the tenant's actions (87 ms at 12,000 on a loaded machine).
    index("followup_action_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    // The open requests ("väntar på oss") and lists by state, in the same order.
    index("followup_action_tenant_state_idx").on(t.tenantId, t.state, t.createdAt, t.id),
  ],
);

/** Every step an action took, by whom and why. */
export const actionEvent = pgTable(
  "followup_action_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => action.id),
    fromState: text("from_state", { enum: ACTION_STATES }),
    toState: text("to_state", { enum: ACTION_STATES }).notNull(),
    reason: text("reason"),
    byName: text("by_name"),
    at: timestamptz("at").notNull().defaultNow(),
  },
  (t) => [index("followup_action_event_action_idx").on(t.actionId)],
);
