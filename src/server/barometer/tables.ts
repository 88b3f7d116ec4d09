// The trust barometer's tables. The design that keeps answers apart from people is written down in
// docs/privacy.md: who has answered lives in `invitation`; what was answered waits in `pool`
// (no person, no time) only until k answers of the round can be mixed, and then exists only as
// counts in `aggregate` and as free-text comments without any link to a person or a time.
import { sql } from "drizzle-orm";
import { boolean, date, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "../core/tables.ts";
import { tenant, unit } from "../org/tables.ts";
import { SCALES, THEMES } from "./bank.ts";
import { type Answer, ITEM_KINDS, ROLE_CATEGORIES } from "./model.ts";

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
 * A closed round's units as they were when it closed: its results are read on this tree for ever,
 * so moving, merging or renaming units later changes nothing that was published.
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
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

/** Counts per round, stored unit, role category and item: how many chose 1–5 and "don't know". */
export const aggregate = pgTable(
  "barometer_aggregate",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => round.id),
    unitId: uuid("unit_id").notNull(),
    roleCategory: text("role_category", { enum: ROLE_CATEGORIES }).notNull(),
    /** An item id, or "*" for the number of respondents. */
    itemId: text("item_id").notNull(),
    counts: jsonb("counts").$type<number[]>().notNull().default(sql`'[0,0,0,0,0]'::jsonb`),
    dontKnow: integer("dont_know").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId, t.roleCategory, t.itemId] })],
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
