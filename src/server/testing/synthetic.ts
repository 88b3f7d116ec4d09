// A generated organisation written by the real HR import: the benchmarks' tenant and the tenant
// the generators' tests run on.
import { randomBytes } from "node:crypto";
import type { Db } from "../core/db.ts";
import { generateOrg } from "../demo/synthetic.ts";
import { applyImport, prepareImport } from "../org/import-service.ts";
import * as orgStore from "../org/store.ts";

/** A new tenant with a generated chain of `employees` people in `units` units. */
export async function syntheticTenant(db: Db, options: { employees: number; units: number; seed: number }) {
  const tenant = await orgStore.createTenant(db, {
    slug: `syn-${randomBytes(3).toString("hex")}`,
    name: "Syntetkommun",
  });
  const { id } = await prepareImport(db, {
    tenantId: tenant.id,
    createdBy: null,
    fullImport: true,
    ...generateOrg(options),
  });
  await applyImport(db, id);
  return tenant;
}
