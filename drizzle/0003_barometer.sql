CREATE TABLE "barometer_aggregate" (
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role_category" text NOT NULL,
	"item_id" text NOT NULL,
	"counts" jsonb DEFAULT '[0,0,0,0,0]'::jsonb NOT NULL,
	"dont_know" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "barometer_aggregate_round_id_unit_id_role_category_item_id_pk" PRIMARY KEY("round_id","unit_id","role_category","item_id")
);
--> statement-breakpoint
CREATE TABLE "barometer_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "barometer_item" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"kind" text NOT NULL,
	"scale" text,
	"sv" text NOT NULL,
	"en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "barometer_discussion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"notes" text NOT NULL,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "barometer_invitation" (
	"round_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"answer_unit_id" uuid NOT NULL,
	"role_category" text NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "barometer_invitation_round_id_person_id_pk" PRIMARY KEY("round_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "barometer_pool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role_category" text NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "barometer_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_ids" jsonb NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"k" integer NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"invited_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "barometer_aggregate" ADD CONSTRAINT "barometer_aggregate_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_comment" ADD CONSTRAINT "barometer_comment_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_item" ADD CONSTRAINT "barometer_item_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_discussion" ADD CONSTRAINT "barometer_discussion_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_invitation" ADD CONSTRAINT "barometer_invitation_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_pool" ADD CONSTRAINT "barometer_pool_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_round" ADD CONSTRAINT "barometer_round_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_round" ADD CONSTRAINT "barometer_round_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;