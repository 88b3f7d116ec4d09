-- Row-level security: a second wall behind the application's tenant scoping (docs/security.md).
-- The application says, per connection, whose rows its current work may see: `tillit.tenant` is
-- a tenant's id while a signed-in person's request is handled, or '*' for the system's own work
-- (public routes, jobs, the command line, migrations). A connection that has not said — psql,
-- a report tool, a forgotten code path — sees no row and can write none. FORCE makes the rules
-- hold for the tables' owner too; only a superuser (or a role with BYPASSRLS) passes by them, so
-- the application must connect as an ordinary role (docs/operations.md).
CREATE FUNCTION tillit_may_see(row_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('tillit.tenant', true), '') IN ('*', row_tenant::text)
$$;
--> statement-breakpoint
ALTER TABLE "tenant" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "tenant" USING (tillit_may_see("id")) WITH CHECK (tillit_may_see("id"));
--> statement-breakpoint
ALTER TABLE "credential" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "credential" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "credential" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "auth_token" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "auth_token" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "auth_token" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "oidc_config" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "oidc_config" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "oidc_config" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "oidc_state" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "oidc_state" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "oidc_state" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "barometer_item" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_item" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_item" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "barometer_round" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_round" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_round" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "barometer_discussion" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_discussion" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_discussion" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "session" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "session" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "session" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "audit_log" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "job" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "job" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "job" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "mail_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "mail_outbox" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_assignment" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_assignment" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_assignment" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_expectation" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_expectation" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_expectation" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_position" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_position" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_position" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_entry" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_entry" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_entry" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_dialogue" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_dialogue" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_dialogue" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "followup_action" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_action" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_action" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_demand" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_demand" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_demand" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_estimate" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_estimate" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_estimate" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_use" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_use" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_use" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_analysis" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_analysis" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_analysis" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_analysis_comment" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_analysis_comment" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_analysis_comment" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "inventory_retirement" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inventory_retirement" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "inventory_retirement" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "unit" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "unit" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "unit" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "person" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "person" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "membership" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "membership" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "membership" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "actor" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "actor" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "actor" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "actor_relation" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "actor_relation" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "actor_relation" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "org_import" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "org_import" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "org_import" USING (tillit_may_see("tenant_id")) WITH CHECK (tillit_may_see("tenant_id"));
--> statement-breakpoint
ALTER TABLE "barometer_invitation" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_invitation" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_invitation" USING (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id")) WITH CHECK (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id"));
--> statement-breakpoint
ALTER TABLE "barometer_pool" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_pool" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_pool" USING (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id")) WITH CHECK (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id"));
--> statement-breakpoint
ALTER TABLE "barometer_round_unit" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_round_unit" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_round_unit" USING (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id")) WITH CHECK (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id"));
--> statement-breakpoint
ALTER TABLE "barometer_aggregate" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_aggregate" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_aggregate" USING (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id")) WITH CHECK (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id"));
--> statement-breakpoint
ALTER TABLE "barometer_comment" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "barometer_comment" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "barometer_comment" USING (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id")) WITH CHECK (EXISTS (SELECT 1 FROM "barometer_round" p WHERE p."id" = "round_id"));
--> statement-breakpoint
ALTER TABLE "followup_expectation_version" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_expectation_version" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_expectation_version" USING (EXISTS (SELECT 1 FROM "followup_expectation" p WHERE p."id" = "expectation_id")) WITH CHECK (EXISTS (SELECT 1 FROM "followup_expectation" p WHERE p."id" = "expectation_id"));
--> statement-breakpoint
ALTER TABLE "followup_action_event" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "followup_action_event" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_wall" ON "followup_action_event" USING (EXISTS (SELECT 1 FROM "followup_action" p WHERE p."id" = "action_id")) WITH CHECK (EXISTS (SELECT 1 FROM "followup_action" p WHERE p."id" = "action_id"));
