// The operator route's shapes: a new tenant with its first administrator, and what was created.
import { z } from "zod";
import { says } from "../core/refinements.ts";
import { normaliseEmail } from "../org/model.ts";
import { isValidSlug, SLUG_MAX_LENGTH, SLUG_RULE } from "../org/service.ts";

const name = z.string().trim().min(1).max(200);
const id = z.uuid();

export const newTenantBody = z.object({
  name,
  slug: z.string().trim().min(1).max(SLUG_MAX_LENGTH).refine(isValidSlug, says(SLUG_RULE)),
  adminEmail: z.email().max(254).transform(normaliseEmail),
  adminName: name,
  /** The root unit's name; the organisation's name when left out. */
  unitName: name.nullish(),
});

export const createdTenant = z.object({
  tenant: z.object({ id, slug: z.string(), name: z.string() }),
  rootUnit: z.object({ id, name: z.string() }),
  admin: z.object({ id, name: z.string(), email: z.string() }),
  /** Where the administrator's one-time invitation link went: by e-mail, or to the server's log. */
  invitation: z.enum(["mail", "log"]),
});
