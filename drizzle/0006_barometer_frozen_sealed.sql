CREATE TABLE "barometer_round_unit" (
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "barometer_round_unit_round_id_unit_id_pk" PRIMARY KEY("round_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "barometer_pool" ALTER COLUMN "answers" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "barometer_pool" ADD COLUMN "sealed" text;--> statement-breakpoint
ALTER TABLE "barometer_round" ADD COLUMN "embargo_days" integer;--> statement-breakpoint
ALTER TABLE "barometer_round" ADD COLUMN "comment_min_group_size" integer;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD CONSTRAINT "barometer_round_unit_round_id_barometer_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."barometer_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Rounds closed before this migration: their embargo and comment threshold as the settings say
-- now, and their units as the tree is now (the closest to "as at closing" that is still known).
UPDATE "barometer_round" r SET
	"embargo_days" = coalesce((t."settings"->'barometer'->>'embargoDays')::integer, 7),
	"comment_min_group_size" = greatest(r."k", coalesce((t."settings"->'barometer'->>'commentMinGroupSize')::integer, 10))
FROM "tenant" t WHERE t."id" = r."tenant_id" AND r."closed_at" IS NOT NULL;--> statement-breakpoint
INSERT INTO "barometer_round_unit" ("round_id", "unit_id", "name", "path")
SELECT r."id", u."id", u."name", u."path"
FROM "barometer_round" r
JOIN "unit" scope ON scope."id" = r."unit_id"
JOIN "unit" u ON u."tenant_id" = r."tenant_id" AND u."active" AND u."path" LIKE scope."path" || '%'
WHERE r."closed_at" IS NOT NULL;
