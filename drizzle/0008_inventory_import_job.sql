CREATE TABLE "inventory_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"csv" text NOT NULL,
	"preview" jsonb NOT NULL,
	"job_id" integer,
	"result" jsonb
);
--> statement-breakpoint
ALTER TABLE "inventory_import" ADD CONSTRAINT "inventory_import_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_import_tenant_idx" ON "inventory_import" USING btree ("tenant_id","created_at");--> statement-breakpoint
ALTER TABLE "inventory_import" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "inventory_import" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_import" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
