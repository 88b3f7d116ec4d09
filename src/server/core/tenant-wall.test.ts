// Issue 17, point 8: row-level security as a second wall behind the application's tenant scoping.
// Every table that holds a tenant's rows has the wall; a connection that has not said whose rows it
// may see reads nothing and writes nothing; the application's connections, inside a signed-in
// person's request, see their tenant's rows only — even for a query without any tenant filter.
import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unit } from "../org/tables.ts";
import { addUnit, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { testDatabaseKind } from "../testing/db.ts";
import { queryRows, sql } from "./db.ts";
import { confineTo, inRequestScope } from "./tenant-wall.ts";

/** Tables that belong to no tenant: the recurring jobs' clock, login throttling by address, migrations. */
const UNWALLED = new Set(["job_schedule", "rate_limit_hit", "__drizzle_migrations"]);

let t: TestApp;
let tenants: string[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = [];
  for (const name of ["Vägg A", "Vägg B"]) {
    const fixture = await createOrgFixture(t.db, `wall-${randomUUID().slice(0, 8)}`);
    await addUnit(t.db, fixture.tenant.id, null, name);
    tenants.push(fixture.tenant.id);
  }
});
afterAll(() => t.close());

describe("the tenant wall", () => {
  it("stands on every table that holds a tenant's rows, for their owner too", async () => {
    const tables = await queryRows<{ name: string; walled: boolean; forced: boolean }>(
      t.db,
      sql`select c.relname as name, c.relrowsecurity as walled, c.relforcerowsecurity as forced
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`,
    );
    expect(tables.length).toBeGreaterThan(30);
    const open = tables.filter((table) => !UNWALLED.has(table.name) && !(table.walled && table.forced));
    expect(open.map((table) => table.name)).toEqual([]);
  });

  it.runIf(testDatabaseKind() === "postgres")(
    "lets a connection that has not said whose rows it may see read nothing and write nothing",
    async () => {
      const client = new pg.Client({ connectionString: t.database.url });
      await client.connect();
      try {
        const units = async () => Number((await client.query("select count(*) as n from unit")).rows[0].n);
        expect(await units()).toBe(0);
        await expect(
          client.query(
            "insert into unit (tenant_id, name, kind, path) values ($1, 'Smuggel', 'enhet', '/x/')",
            [tenants[0]],
          ),
        ).rejects.toThrow(/row-level security/);
        await client.query("select set_config('tillit.tenant', $1, false)", [tenants[0]]);
        const seen = await client.query("select distinct tenant_id from unit");
        expect(seen.rows.map((row) => row.tenant_id)).toEqual([tenants[0]]);
        await client.query("select set_config('tillit.tenant', '*', false)");
        expect(await units()).toBeGreaterThanOrEqual(2);
      } finally {
        await client.end();
      }
    },
  );

  it.runIf(testDatabaseKind() === "postgres")(
    "confines a signed-in person's request to their tenant, even for a query with no tenant filter",
    async () => {
      const unfiltered = () =>
        t.db.select({ tenantId: unit.tenantId, n: count() }).from(unit).groupBy(unit.tenantId);
      const inRequestOf = (tenantId: string) =>
        new Promise<{ tenantId: string; n: number }[]>((resolve, reject) =>
          inRequestScope(() => {
            confineTo(tenantId);
            unfiltered().then(resolve, reject);
          }),
        );
      for (const tenantId of tenants)
        expect((await inRequestOf(tenantId)).map((row) => row.tenantId)).toEqual([tenantId]);
      // The system's own work (outside a signed-in request) still sees every tenant.
      const all = (await unfiltered()).map((row) => row.tenantId);
      expect(all).toEqual(expect.arrayContaining(tenants));
    },
  );
});
