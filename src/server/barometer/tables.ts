// The trust barometer's tables. The design that keeps answers apart from people is written down in
// docs/privacy.md: who has answered lives in `invitation`; what was answered waits in `pool`
// (no person, no time) only until k answers of the round can be mixed, and then exists only as
// counts in `aggregate` and as free-text comments without any link to a person or a time.
import { sql } from "drizzle-orm";
import { boolean, date, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "../core/tables.ts";
import { tenant, unit } from "../org/tables.ts";
import { SCALES, THEMES } from "./bank.ts";
import { type Answer, ITEM_KINDS, ROLE_CATEGORIES, SUPPRESSION_REASONS } from "./model.ts";

/** A tenant's own questions beside the bank. */
export const customItem = pgTable("barometer_item", {
  id: text("id").primaryKey(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenant.id),
  theme: text("theme", { enum: THEMES }).notNull(),
  kind: text("kind", { enum: ITEM_KINDS }).notNull(),
  scale: text("scale", { enum: SCALES }),
  sv: text("sv").notNull(),
  en: text("en").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

export const round = pgTable("barometer_round", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenant.id),
  title: text("title").notNull(),
  unitId: uuid("unit_id")
    .notNull()
    .references(() => unit.id),
  itemIds: jsonb("item_ids").$type<string[]>().notNull(),
  opensOn: date("opens_on").notNull(),
  closesOn: date("closes_on").notNull(),
  closedAt: timestamptz("closed_at"),
  /** The minimum group size when the round was created; answers are mixed in batches of this size. */
  k: integer("k").notNull(),
  /** The embargo and the threshold for comments as they were at closing: a later change of the settings never alters a closed round. */
  embargoDays: integer("embargo_days"),
  commentMinGroupSize: integer("comment_min_group_size"),
  createdBy: uuid("created_by"),
  createdByName: text("created_by_name"),
  invitedAt: timestamptz("invited_at"),
  remindedAt: timestamptz("reminded_at"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/**
 * Everyone invited to a round, with the unit and role category their answer will carry. `answered`
 * is the only trace of taking part: no time, nothing shared with what was answered.
 */
export const invitation = pgTable(
  "barometer_invitation",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => round.id),
    personId: uuid("person_id").notNull(),
    answerUnitId: uuid("answer_unit_id").notNull(),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
    answered: boolean("answered").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.personId] })],
);

/**
 * Answers waiting to be mixed, per stored group (unit × role category): no person, no time, and the
 * answers sealed with a key kept outside the database (core/seal.ts). A group's rows are deleted as
 * soon as k of them are counted together. `answers` holds only rows written before sealing existed.
 */
export const pool = pgTable("barometer_pool", {
  id: uuid("id").primaryKey().defaultRandom(),
  roundId: uuid("round_id")
    .notNull()
    .references(() => round.id),
  unitId: uuid("unit_id").notNull(),
  roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
  sealed: text("sealed"),
  answers: jsonb("answers").$type<Answer[]>(),
});

/**
 * A closed round's units as they were when it closed, each with its results as the publication plan
 * leaves them: its results are read on this tree, from these rows, for ever — moving, merging or
 * renaming units later changes nothing that was published, and no view sums anything again.
 * Rows written before results were stored have no `figures`; they are filled on first reading.
 */
export const roundUnit = pgTable(
  "barometer_round_unit",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => round.id),
    unitId: uuid("unit_id").notNull(),
    name: text("name").notNull(),
    path: text("path").notNull(),
    /** Respondents stored with the unit itself (both role categories), for the team-first rule. */
    stored: integer("stored").notNull().default(0),
    /** People invited in the unit's subtree. */
    invited: integer("invited"),
    /** Respondents in the unit's subtree when published; null when hidden, `respondentsHidden` says why. */
    respondents: integer("respondents"),
    respondentsHidden: text("respondents_hidden", { enum: SUPPRESSION_REASONS }),
    /** Whether the subtree is large enough for its free-text comments to be shown. */
    comments: boolean("comments").notNull().default(false),
    /** The subtree's published figures per role category and item (`encodeCells` in model.ts). */
    figures: integer("figures").array(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

/**
 * The counts of one stored group (round × unit × role category): its respondents, and for each item
 * of the round, in the round's order, how many chose 1, 2, 3, 4, 5 and "don't know" (six numbers per
 * item, see `ITEM_WIDTH` in model.ts). One row per group: every change to it is one batch of answers.
 */
export const aggregate = pgTable(
  "barometer_aggregate",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => round.id),
    unitId: uuid("unit_id").notNull(),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
    respondents: integer("respondents").notNull().default(0),
    itemCounts: integer("item_counts").array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId, t.roleCategory] })],
);

/** Free-text answers: a random id, the stored unit and the item — nothing else. */
export const comment = pgTable("barometer_comment", {
  id: uuid("id").primaryKey().defaultRandom(),
  roundId: uuid("round_id")
    .notNull()
    .references(() => round.id),
  unitId: uuid("unit_id").notNull(),
  itemId: text("item_id").notNull(),
  body: text("body").notNull(),
});

/** What a team discussed about its results; its actions live in the follow-up module. */
export const discussion = pgTable("barometer_discussion", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  roundId: uuid("round_id")
    .notNull()
    .references(() => round.id),
  unitId: uuid("unit_id").notNull(),
  notes: text("notes").notNull(),
  createdByName: text("created_by_name"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
