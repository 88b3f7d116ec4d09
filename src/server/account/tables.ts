import { boolean, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "../core/tables.ts";
import { person, tenant } from "../org/tables.ts";

/** Local password (argon2id), kept apart from the person so the org module never sees hashes. */
export const credential = pgTable("credential", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => person.id),
  tenantId: uuid("tenant_id").notNull(),
  passwordHash: text("password_hash").notNull(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** One-time links for invitations and password resets; only the SHA-256 of the token is stored. */
export const authToken = pgTable("auth_token", {
  id: text("id").primaryKey(),
  tenantId: uuid("tenant_id").notNull(),
  personId: uuid("person_id")
    .notNull()
    .references(() => person.id),
  purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
  expiresAt: timestamptz("expires_at").notNull(),
  usedAt: timestamptz("used_at"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/** Per-tenant OpenID Connect single sign-on. */
export const oidcConfig = pgTable("oidc_config", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenant.id),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  matchBy: text("match_by", { enum: ["email", "employee_number"] })
    .notNull()
    .default("email"),
  employeeNumberClaim: text("employee_number_claim").notNull().default("employee_number"),
  enabled: boolean("enabled").notNull().default(true),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** A started OIDC login: the PKCE verifier and nonce wait here for the callback. */
export const oidcState = pgTable("oidc_state", {
  state: text("state").primaryKey(),
  tenantId: uuid("tenant_id").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
