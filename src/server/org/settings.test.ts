// Tenant settings are one JSON document with a slice per module. Changes merge into their slice in
// one UPDATE, so changes made at the same time — by two modules or two people — all survive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/db.ts";
import { getTenant, mergeTenantSettings } from "./service.ts";
import * as store from "./store.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function newTenant(slug: string) {
  return store.createTenant(database.db, { slug, name: slug });
}

describe("tenant settings", () => {
  it("keeps both of two concurrent changes to different modules' slices", async () => {
    const tenant = await newTenant("two-modules");
    await Promise.all([
      mergeTenantSettings(database.db, tenant.id, ["inventory"], { annualWorkingHours: 1600 }),
      mergeTenantSettings(database.db, tenant.id, ["barometer"], { minimumGroupSize: 7 }),
    ]);
    expect((await getTenant(database.db, tenant.id))?.settings).toEqual({
      inventory: { annualWorkingHours: 1600 },
      barometer: { minimumGroupSize: 7 },
    });
  });

  it("keeps every one of many concurrent changes to keys of one slice, nested ones included", async () => {
    const tenant = await newTenant("one-slice");
    await mergeTenantSettings(database.db, tenant.id, ["inventory"], { defaultHourlyCost: 500 });
    const roles = ["employee", "manager", "director", "politician", "analyst", "admin"];
    await Promise.all(
      roles.map((role, index) =>
        mergeTenantSettings(database.db, tenant.id, ["inventory", "hourlyCost"], { [role]: 400 + index }),
      ),
    );
    const settings = (await getTenant(database.db, tenant.id))?.settings;
    expect(settings).toEqual({
      inventory: {
        defaultHourlyCost: 500,
        hourlyCost: Object.fromEntries(roles.map((role, index) => [role, 400 + index])),
      },
    });
  });

  it("replaces a key's value and leaves the other keys and tenants alone", async () => {
    const tenant = await newTenant("replace");
    const other = await newTenant("untouched");
    await mergeTenantSettings(database.db, tenant.id, ["barometer"], {
      minimumGroupSize: 5,
      reminders: true,
    });
    await mergeTenantSettings(database.db, tenant.id, ["barometer"], { minimumGroupSize: 8 });
    expect((await getTenant(database.db, tenant.id))?.settings).toEqual({
      barometer: { minimumGroupSize: 8, reminders: true },
    });
    expect((await getTenant(database.db, other.id))?.settings).toEqual({});
  });
});
