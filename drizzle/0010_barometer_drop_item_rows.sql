ALTER TABLE "barometer_aggregate" DROP CONSTRAINT "barometer_aggregate_round_id_unit_id_role_category_item_id_pk";--> statement-breakpoint
ALTER TABLE "barometer_aggregate" ADD CONSTRAINT "barometer_aggregate_round_id_unit_id_role_category_pk" PRIMARY KEY("round_id","unit_id","role_category");--> statement-breakpoint
ALTER TABLE "barometer_aggregate" DROP COLUMN "item_id";--> statement-breakpoint
ALTER TABLE "barometer_aggregate" DROP COLUMN "counts";--> statement-breakpoint
ALTER TABLE "barometer_aggregate" DROP COLUMN "dont_know";