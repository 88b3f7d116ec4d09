// The account API's shapes (zod): login and sessions, passwords, invitation and reset links,
// single sign-on, and a new person with their account.
import { z } from "zod";
import { ROLES } from "../core/access.ts";
import { normaliseEmail } from "../org/model.ts";
import { newPersonSchema } from "../org/service.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./model.ts";

const email = z.email().max(254).transform(normaliseEmail);
/** Any string up to the cap: a login must not reveal the password policy, and old passwords may be shorter. */
const anyPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const loginBody = z.object({ email, password: anyPassword });
export const passwordChange = z.object({ currentPassword: anyPassword, newPassword });
export const resetRequest = z.object({ email });
export const tokenParams = z.object({ token: z.string().min(10).max(200) });
export const linkPassword = z.object({ password: newPassword });
export const personParams = z.object({ id: z.uuid() });

export const me = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  tenantId: z.uuid(),
  tenantName: z.string(),
  roles: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), role: z.enum(ROLES) })),
  csrfToken: z.string(),
});

export const tokenInfo = z.object({
  purpose: z.enum(["invite", "reset"]),
  name: z.string(),
  email: z.string().nullable(),
});

/** A new person in the chain, with a password chosen for them or an invitation to choose one. */
export const newPersonWithAccount = newPersonSchema.extend({
  password: newPassword.optional(),
  invite: z.boolean().default(false),
});

// ---- single sign-on

const matchBy = z.enum(["email", "employee_number"]);

export const ssoProviders = z.object({
  providers: z.array(z.object({ tenantSlug: z.string(), tenantName: z.string() })),
});
export const ssoStartParams = z.object({ tenantSlug: z.string().min(1).max(100) });
export const ssoCallbackQuery = z.looseObject({
  state: z.string().max(500).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
});

export const ssoSettings = z.object({
  configured: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  matchBy,
  employeeNumberClaim: z.string(),
  enabled: z.boolean(),
  redirectUri: z.string(),
});
export const ssoSettingsBody = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().max(2000).optional(),
  matchBy,
  employeeNumberClaim: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/)
    .default("employee_number"),
  enabled: z.boolean(),
});
