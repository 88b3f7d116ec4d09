// SQL for creating a tenant. The slug is claimed by the insert itself, so two operators creating the
// same slug at once get one tenant and one refusal, never a unique-index error (a 500).
import type { Db } from "../core/db.ts";
import type { TenantRow } from "./store.ts";
import { tenant } from "./tables.ts";

/** The new tenant, or null when its slug is taken (also by a transaction that commits first). */
export async function insertTenantIfFree(
  db: Db,
  values: { slug: string; name: string },
): Promise<TenantRow | null> {
  const [row] = await db
    .insert(tenant)
    .values(values)
    .onConflictDoNothing({ target: tenant.slug })
    .returning();
  return row ?? null;
}
