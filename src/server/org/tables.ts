import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "../core/access.ts";
import { IMPORT_STATUSES } from "../core/imports.ts";
import { timestamptz } from "../core/tables.ts";
import type { ImportFailure, ImportPreview, ImportResult } from "./import-model.ts";
import { ACTOR_KINDS, TRUST_RELATIONSHIPS, UNIT_KINDS } from "./model.ts";

export const tenant = pgTable("tenant", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** One slice per module (`inventory`, `barometer`), each read and written only by its module. */
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/**
 * The unit tree. `path` is the materialised path of ids ("/root/…/self/"), so a subtree is one
 * indexed prefix match and moving a subtree is one UPDATE.
 */
export const unit = pgTable(
  "unit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    parentId: uuid("parent_id"),
    code: text("code"),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    kindLabel: text("kind_label"),
    path: text("path").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("unit_tenant_code_idx").on(t.tenantId, t.code),
    index("unit_tenant_path_idx").using("btree", t.tenantId, sql`${t.path} text_pattern_ops`),
    index("unit_parent_idx").on(t.parentId),
  ],
);

export const person = pgTable(
  "person",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    employeeNumber: text("employee_number"),
    name: text("name").notNull(),
    email: text("email"),
    active: boolean("active").notNull().default(true),
    deactivatedAt: timestamptz("deactivated_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("person_tenant_email_idx").on(t.tenantId, t.email),
    uniqueIndex("person_tenant_employee_number_idx").on(t.tenantId, t.employeeNumber),
    index("person_email_idx").on(t.email),
    // The people list in name order, a page at a time, read off the index instead of sorting the tenant.
    index("person_tenant_name_idx").on(t.tenantId, t.name, t.id),
    // The few deactivated people, found without scanning everyone (burden counts subtract them).
    index("person_inactive_idx").on(t.tenantId).where(sql`${t.active} = false`),
  ],
);

/** A person's role in a unit. Ended memberships are kept (ended_at) so history survives. */
export const membership = pgTable(
  "membership",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => person.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => unit.id),
    role: text("role", { enum: ROLES }).notNull(),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    endedAt: timestamptz("ended_at"),
  },
  (t) => [
    uniqueIndex("membership_active_idx").on(t.personId, t.unitId, t.role).where(sql`${t.endedAt} is null`),
    index("membership_unit_idx").on(t.unitId),
    index("membership_tenant_idx").on(t.tenantId),
  ],
);

/** External actors: supervisory authorities, partner organisations, state agencies, citizen groups. */
export const actor = pgTable("actor", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenant.id),
  name: text("name").notNull(),
  kind: text("kind", { enum: ACTOR_KINDS }).notNull(),
  description: text("description"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/** How an external actor relates to a unit: one of the seeds' five trust relationships. */
export const actorRelation = pgTable(
  "actor_relation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => actor.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => unit.id),
    relationship: text("relationship", { enum: TRUST_RELATIONSHIPS }).notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("actor_relation_unique_idx").on(t.actorId, t.unitId, t.relationship)],
);

/** An uploaded HR export: validated and previewed first, applied later by a job. */
export const orgImport = pgTable("org_import", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenant.id),
  createdBy: uuid("created_by"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  status: text("status", { enum: IMPORT_STATUSES }).notNull().default("previewed"),
  fullImport: boolean("full_import").notNull().default(false),
  unitsCsv: text("units_csv"),
  peopleCsv: text("people_csv"),
  preview: jsonb("preview").$type<ImportPreview>(),
  jobId: integer("job_id"),
  /** The counts written when it succeeded; the line errors (or the failure) when it failed. */
  result: jsonb("result").$type<ImportResult | ImportFailure>(),
});
