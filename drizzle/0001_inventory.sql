CREATE TABLE "inventory_analysis" (
	"demand_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"purpose_and_users" text,
	"decisions_informed" text,
	"goal_displacement_risk" text,
	"discretion_effect" text,
	"citizen_value" text,
	"alternatives" text,
	"staff_consulted" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_analysis_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_demand" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text,
	"title" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"control_component" text DEFAULT 'followup' NOT NULL,
	"requester_unit_id" uuid,
	"requester_actor_id" uuid,
	"reporters" jsonb NOT NULL,
	"frequency_kind" text DEFAULT 'periodic' NOT NULL,
	"frequency_per_year" double precision NOT NULL,
	"minutes_per_occurrence" double precision NOT NULL,
	"hourly_cost" double precision,
	"required_by_law" boolean DEFAULT false NOT NULL,
	"legal_reference" text,
	"data_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipients" text,
	"decisions_informed" text,
	"start_date" date,
	"end_date" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"existing" boolean DEFAULT false NOT NULL,
	"trust" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inventory_use" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"used_on" date NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_estimate" (
	"demand_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"minutes" double precision NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_retirement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" uuid,
	"proposed_by_name" text,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"freed_hours" double precision,
	"freed_cost" double precision
);
--> statement-breakpoint
ALTER TABLE "inventory_analysis" ADD CONSTRAINT "inventory_analysis_demand_id_inventory_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."inventory_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_analysis_comment" ADD CONSTRAINT "inventory_analysis_comment_demand_id_inventory_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."inventory_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_demand" ADD CONSTRAINT "inventory_demand_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_demand" ADD CONSTRAINT "inventory_demand_requester_unit_id_unit_id_fk" FOREIGN KEY ("requester_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_demand" ADD CONSTRAINT "inventory_demand_requester_actor_id_actor_id_fk" FOREIGN KEY ("requester_actor_id") REFERENCES "public"."actor"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_use" ADD CONSTRAINT "inventory_use_demand_id_inventory_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."inventory_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_estimate" ADD CONSTRAINT "inventory_estimate_demand_id_inventory_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."inventory_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_estimate" ADD CONSTRAINT "inventory_estimate_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_retirement" ADD CONSTRAINT "inventory_retirement_demand_id_inventory_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."inventory_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_analysis_comment_demand_idx" ON "inventory_analysis_comment" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "inventory_demand_tenant_idx" ON "inventory_demand" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_demand_code_idx" ON "inventory_demand" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "inventory_use_demand_idx" ON "inventory_use" USING btree ("demand_id","used_on");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_estimate_pk" ON "inventory_estimate" USING btree ("demand_id","person_id");--> statement-breakpoint
CREATE INDEX "inventory_retirement_demand_idx" ON "inventory_retirement" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_retirement_open_idx" ON "inventory_retirement" USING btree ("demand_id") WHERE "inventory_retirement"."status" = 'proposed';