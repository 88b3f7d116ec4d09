CREATE TABLE "followup_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"entry_id" uuid,
	"dialogue_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"addressee" text NOT NULL,
	"addressee_unit_id" uuid,
	"addressee_actor_id" uuid,
	"owner_id" uuid,
	"owner_name" text,
	"due_on" date,
	"state" text DEFAULT 'proposed' NOT NULL,
	"decline_reason" text,
	"answer_days" integer DEFAULT 14 NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"last_reminded_at" timestamp with time zone,
	"evaluation" text,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_action_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_assignment" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"citizens" text,
	"value_in_the_meeting" text,
	"frame" text,
	"updated_by" uuid,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_dialogue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"upper_unit_id" uuid NOT NULL,
	"lower_unit_id" uuid NOT NULL,
	"pair" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agenda" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"minutes" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"expectation_id" uuid,
	"phase" text NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"evidence_value" double precision,
	"learning_bank" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_expectation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"assignment_link" text,
	"method" text NOT NULL,
	"method_note" text,
	"demand_id" uuid,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"drafted_by" uuid,
	"drafted_by_name" text,
	"agreed_at" timestamp with time zone,
	"agreed_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_expectation_version" (
	"expectation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"method" text NOT NULL,
	"method_note" text,
	"changed_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_position" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"expectation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"agrees" boolean NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "followup_action" ADD CONSTRAINT "followup_action_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_action" ADD CONSTRAINT "followup_action_entry_id_followup_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."followup_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_action" ADD CONSTRAINT "followup_action_dialogue_id_followup_dialogue_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."followup_dialogue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_action" ADD CONSTRAINT "followup_action_addressee_unit_id_unit_id_fk" FOREIGN KEY ("addressee_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_action_event" ADD CONSTRAINT "followup_action_event_action_id_followup_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."followup_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_assignment" ADD CONSTRAINT "followup_assignment_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_assignment" ADD CONSTRAINT "followup_assignment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_dialogue" ADD CONSTRAINT "followup_dialogue_upper_unit_id_unit_id_fk" FOREIGN KEY ("upper_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_dialogue" ADD CONSTRAINT "followup_dialogue_lower_unit_id_unit_id_fk" FOREIGN KEY ("lower_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_entry" ADD CONSTRAINT "followup_entry_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_entry" ADD CONSTRAINT "followup_entry_expectation_id_followup_expectation_id_fk" FOREIGN KEY ("expectation_id") REFERENCES "public"."followup_expectation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_expectation" ADD CONSTRAINT "followup_expectation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_expectation" ADD CONSTRAINT "followup_expectation_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_expectation_version" ADD CONSTRAINT "followup_expectation_version_expectation_id_followup_expectation_id_fk" FOREIGN KEY ("expectation_id") REFERENCES "public"."followup_expectation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_position" ADD CONSTRAINT "followup_position_expectation_id_followup_expectation_id_fk" FOREIGN KEY ("expectation_id") REFERENCES "public"."followup_expectation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followup_action_unit_idx" ON "followup_action" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "followup_action_addressee_idx" ON "followup_action" USING btree ("addressee_unit_id","state");--> statement-breakpoint
CREATE INDEX "followup_action_event_action_idx" ON "followup_action_event" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "followup_dialogue_lower_idx" ON "followup_dialogue" USING btree ("lower_unit_id","held_on");--> statement-breakpoint
CREATE INDEX "followup_entry_unit_idx" ON "followup_entry" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "followup_expectation_unit_idx" ON "followup_expectation" USING btree ("unit_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_expectation_version_pk" ON "followup_expectation_version" USING btree ("expectation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_position_once_idx" ON "followup_position" USING btree ("expectation_id","version","person_id");