// The operator's use case in the chain: a new tenant with its root unit (the municipality) and its
// first administrator, all in one transaction with its audit entry. Nobody in any tenant may do
// this; only the installation's operator (the command line, or the operator's route and its own
// secret) holds an `Operator`. The account module adds the administrator's invitation to the same
// transaction (account/service.ts `createTenantWithAdmin`).
import { randomUUID } from "node:crypto";
import { recordAudit } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { enforce } from "../core/verdict.ts";
import { normaliseEmail, pathFor } from "./model.ts";
import * as store from "./store.ts";
import {
  type NewTenant,
  type Operator,
  operatorName,
  ROOT_UNIT,
  rootUnitName,
  slugFreeVerdict,
  slugVerdict,
  tenantCreatedSummary,
} from "./tenant-model.ts";
import * as tenantStore from "./tenant-store.ts";

export type CreatedTenant = {
  tenant: { id: string; slug: string; name: string };
  rootUnit: { id: string; name: string };
  admin: { id: string; tenantId: string; name: string; email: string };
};

/**
 * Creates the tenant, its root unit and its first administrator (the person and the admin role on
 * the root unit). A taken slug is a 409 and an invalid one a 400 naming `slug`; either way nothing
 * is written. `alsoInTransaction` runs inside the same transaction, after the administrator exists.
 */
export async function createTenant<T = undefined>(
  db: Db,
  operator: Operator,
  input: NewTenant,
  options: { alsoInTransaction?: (tx: Db, created: CreatedTenant) => Promise<T> } = {},
): Promise<CreatedTenant & { also: T | undefined }> {
  const slug = input.slug.trim();
  enforce(slugVerdict(slug), "body.slug");
  const name = input.name.trim();
  const unitName = rootUnitName(input);
  const admin = { name: input.adminName.trim(), email: normaliseEmail(input.adminEmail) };
  return db.transaction(async (tx) => {
    const tenant = await tenantStore.insertTenantIfFree(tx, { slug, name });
    enforce(slugFreeVerdict(slug, tenant === null));
    if (!tenant) throw new Error("unreachable: a taken slug was refused above");
    const unitId = randomUUID();
    const root = await store.insertUnit(tx, {
      id: unitId,
      tenantId: tenant.id,
      parentId: null,
      path: pathFor(null, unitId),
      name: unitName,
      kind: ROOT_UNIT.kind,
      kindLabel: ROOT_UNIT.kindLabel,
      code: null,
    });
    const person = await store.insertPerson(tx, {
      tenantId: tenant.id,
      name: admin.name,
      email: admin.email,
      employeeNumber: null,
    });
    await store.insertMembership(tx, {
      tenantId: tenant.id,
      personId: person.id,
      unitId: root.id,
      role: "admin",
    });
    const created: CreatedTenant = {
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      rootUnit: { id: root.id, name: root.name },
      admin: { id: person.id, tenantId: tenant.id, name: person.name, email: admin.email },
    };
    const also = await options.alsoInTransaction?.(tx, created);
    await recordAudit(tx, {
      tenantId: tenant.id,
      actorId: null,
      actorName: operatorName(operator),
      action: "tenant.create",
      targetType: "tenant",
      targetId: tenant.id,
      summary: tenantCreatedSummary({
        tenantName: tenant.name,
        slug: tenant.slug,
        unitName: root.name,
        adminName: person.name,
      }),
      details: { slug: tenant.slug, adminEmail: admin.email, ...operator },
    });
    return { ...created, also };
  });
}
