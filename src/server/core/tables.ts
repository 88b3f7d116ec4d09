import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Server-side sessions. The id is the SHA-256 of the cookie token, so a database read leaks no live cookie. */
export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    personId: uuid("person_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [index("session_person_idx").on(t.personId)],
);

/** One row per counted event (e.g. a failed login) for database-backed rate limits shared by all instances. */
export const rateLimitHit = pgTable(
  "rate_limit_hit",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamptz("at").notNull().defaultNow(),
  },
  (t) => [index("rate_limit_hit_key_at_idx").on(t.key, t.at)],
);

/** Append-only record of every mutation. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    at: timestamptz("at").notNull().defaultNow(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    /** Swedish; `summary_en` is the same in English (empty for entries written before it existed). */
    summary: text("summary").notNull(),
    summaryEn: text("summary_en"),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_tenant_at_idx").on(t.tenantId, t.at)],
);

/** Background work, claimed with FOR UPDATE SKIP LOCKED so two instances never run the same job. */
export const job = pgTable(
  "job",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id"),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAt: timestamptz("run_at").notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedAt: timestamptz("locked_at"),
    heartbeatAt: timestamptz("heartbeat_at"),
    progress: integer("progress").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    progressLabel: text("progress_label"),
    result: jsonb("result"),
    lastError: text("last_error"),
    scheduleName: text("schedule_name"),
    createdBy: uuid("created_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [
    index("job_claim_idx").on(t.status, t.runAt),
    index("job_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);

/** Recurring jobs: whichever instance first moves next_run_at forward enqueues the run. */
export const jobSchedule = pgTable("job_schedule", {
  name: text("name").primaryKey(),
  kind: text("kind").notNull(),
  payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
  intervalSeconds: integer("interval_seconds").notNull(),
  nextRunAt: timestamptz("next_run_at").notNull(),
});

/** Every message goes through the outbox; without SMTP it stays here for admins to read. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    status: text("status", { enum: ["pending", "sent", "kept", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    sentAt: timestamptz("sent_at"),
  },
  (t) => [index("mail_outbox_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export { timestamptz };
