ALTER TABLE "barometer_aggregate" ADD COLUMN "respondents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "barometer_aggregate" ADD COLUMN "item_counts" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "stored" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "invited" integer;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "respondents" integer;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "respondents_hidden" text;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "comments" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ADD COLUMN "figures" integer[];--> statement-breakpoint
-- One row per group instead of one per group and item: each "*" row takes its group's counts of
-- every item of the round, in the round's order (1–5 and don't know), and the item rows go.
UPDATE "barometer_aggregate" a SET
  "respondents" = (a."counts"->>0)::int,
  "item_counts" = coalesce((
    SELECT array_agg(c.n ORDER BY i.ord, c.ord)
    FROM jsonb_array_elements_text(r."item_ids") WITH ORDINALITY AS i(item_id, ord)
    LEFT JOIN "barometer_aggregate" x ON x."round_id" = a."round_id" AND x."unit_id" = a."unit_id"
      AND x."role_category" = a."role_category" AND x."item_id" = i.item_id
    CROSS JOIN LATERAL unnest(ARRAY[
      coalesce((x."counts"->>0)::int, 0), coalesce((x."counts"->>1)::int, 0), coalesce((x."counts"->>2)::int, 0),
      coalesce((x."counts"->>3)::int, 0), coalesce((x."counts"->>4)::int, 0), coalesce(x."dont_know", 0)
    ]) WITH ORDINALITY AS c(n, ord)
  ), '{}')
FROM "barometer_round" r WHERE r."id" = a."round_id" AND a."item_id" = '*';
--> statement-breakpoint
DELETE FROM "barometer_aggregate" WHERE "item_id" <> '*';
