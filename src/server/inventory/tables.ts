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
import { IMPORT_STATUSES } from "../core/imports.ts";
import { timestamptz } from "../core/tables.ts";
import { actor, person, tenant, unit } from "../org/tables.ts";
import type { InventoryImportCounts, InventoryImportFailure, InventoryImportResult } from "./import-model.ts";
import {
  ANALYSIS_STATUSES,
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  FREQUENCY_KINDS,
  PURPOSES,
  RETIREMENT_STATUSES,
  type Reporters,
  type TrustPlacement,
  USE_KINDS,
} from "./model.ts";

/**
 * A follow-up demand (uppföljningskrav): who asks whom for what, how often, how long it takes and
 * what it is for. `reporters` holds either a scope (roles × units, each with its subtree) or a
 * population; unit ids in it are checked against the tenant on every write.
 */
export const demand = pgTable(
  "inventory_demand",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    code: text("code"),
    title: text("title").notNull(),
    description: text("description"),
    kind: text("kind", { enum: DEMAND_KINDS }).notNull(),
    purpose: text("purpose", { enum: PURPOSES }).notNull(),
    controlComponent: text("control_component", { enum: CONTROL_COMPONENTS }).notNull().default("followup"),
    requesterUnitId: uuid("requester_unit_id").references(() => unit.id),
    requesterActorId: uuid("requester_actor_id").references(() => actor.id),
    reporters: jsonb("reporters").$type<Reporters>().notNull(),
    frequencyKind: text("frequency_kind", { enum: FREQUENCY_KINDS }).notNull().default("periodic"),
    frequencyPerYear: doublePrecision("frequency_per_year").notNull(),
    minutesPerOccurrence: doublePrecision("minutes_per_occurrence").notNull(),
    hourlyCost: doublePrecision("hourly_cost"),
    requiredByLaw: boolean("required_by_law").notNull().default(false),
    legalReference: text("legal_reference"),
    dataFields: jsonb("data_fields").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    recipients: text("recipients"),
    decisionsInformed: text("decisions_informed"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    status: text("status", { enum: DEMAND_STATUSES }).notNull().default("draft"),
    /** Registered as already in force when the inventory was taken, rather than proposed as new. */
    existing: boolean("existing").notNull().default(false),
    trust: jsonb("trust").$type<TrustPlacement>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid("created_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    activatedAt: timestamptz("activated_at"),
  },
  (t) => [
    index("inventory_demand_tenant_idx").on(t.tenantId, t.status),
    uniqueIndex("inventory_demand_code_idx").on(t.tenantId, t.code),
  ],
);

/** A reporter's own answer to "how long does this take you?"; a new answer replaces the old. */
export const estimate = pgTable(
  "inventory_estimate",
  {
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demand.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => person.id),
    tenantId: uuid("tenant_id").notNull(),
    minutes: doublePrecision("minutes").notNull(),
    answeredAt: timestamptz("answered_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("inventory_estimate_pk").on(t.demandId, t.personId)],
);

/** One use of a demand's information: a decision, a dialogue, an action or a report. */
export const demandUse = pgTable(
  "inventory_use",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demand.id),
    kind: text("kind", { enum: USE_KINDS }).notNull(),
    description: text("description").notNull(),
    usedOn: date("used_on").notNull(),
    /** "manual", or the module that recorded it (e.g. "followup"). */
    source: text("source").notNull().default("manual"),
    recordedBy: uuid("recorded_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("inventory_use_demand_idx").on(t.demandId, t.usedOn)],
);

/** The context and consequence analysis of a proposed demand; one per demand. */
export const analysis = pgTable("inventory_analysis", {
  demandId: uuid("demand_id")
    .primaryKey()
    .references(() => demand.id),
  tenantId: uuid("tenant_id").notNull(),
  status: text("status", { enum: ANALYSIS_STATUSES }).notNull().default("draft"),
  purposeAndUsers: text("purpose_and_users"),
  decisionsInformed: text("decisions_informed"),
  goalDisplacementRisk: text("goal_displacement_risk"),
  discretionEffect: text("discretion_effect"),
  citizenValue: text("citizen_value"),
  alternatives: text("alternatives"),
  staffConsulted: text("staff_consulted"),
  decisionReason: text("decision_reason"),
  decidedBy: uuid("decided_by"),
  decidedByName: text("decided_by_name"),
  decidedAt: timestamptz("decided_at"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** Affected staff's comments during the consultation. */
export const analysisComment = pgTable(
  "inventory_analysis_comment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demand.id),
    personId: uuid("person_id").notNull(),
    personName: text("person_name").notNull(),
    body: text("body").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("inventory_analysis_comment_demand_idx").on(t.demandId)],
);

/** A proposal to retire a demand and its decision; the freed hours are kept as they were then. */
export const retirement = pgTable(
  "inventory_retirement",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demand.id),
    status: text("status", { enum: RETIREMENT_STATUSES }).notNull().default("proposed"),
    reason: text("reason").notNull(),
    proposedBy: uuid("proposed_by"),
    proposedByName: text("proposed_by_name"),
    proposedAt: timestamptz("proposed_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by"),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamptz("decided_at"),
    decisionReason: text("decision_reason"),
    freedHours: doublePrecision("freed_hours"),
    freedCost: doublePrecision("freed_cost"),
  },
  (t) => [
    index("inventory_retirement_demand_idx").on(t.demandId),
    uniqueIndex("inventory_retirement_open_idx").on(t.demandId).where(sql`${t.status} = 'proposed'`),
  ],
);

/** An uploaded inventory file: checked and previewed first, written later by a job (import-service.ts). */
export const inventoryImport = pgTable(
  "inventory_import",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenant.id),
    createdBy: uuid("created_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("previewed"),
    csv: text("csv").notNull(),
    preview: jsonb("preview").$type<InventoryImportCounts>().notNull(),
    jobId: integer("job_id"),
    /** The counts written when it succeeded; the line errors (or the failure) when it failed. */
    result: jsonb("result").$type<InventoryImportResult | InventoryImportFailure>(),
  },
  (t) => [index("inventory_import_tenant_idx").on(t.tenantId, t.createdAt)],
);
