-- People search matches any part of a name, e-mail or employee number (ILIKE '%…%'), which no
-- b-tree can serve: at 60,000 people it read the whole table. Trigram indexes serve it.
-- pg_trgm is a trusted extension (PostgreSQL 13+), so the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "person_name_trgm_idx" ON "person" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "person_email_trgm_idx" ON "person" USING gin ("email" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "person_employee_number_trgm_idx" ON "person" USING gin ("employee_number" gin_trgm_ops);
