import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../core/db.ts";
import { createSession } from "../core/sessions.ts";
import { addPerson, createOrgFixture } from "./app.ts";
import { createTestDatabase } from "./db.ts";
import { changedTables, tableDigest } from "./digest.ts";

let database: Database;
let one: Awaited<ReturnType<typeof createOrgFixture>>;
let two: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  database = await createTestDatabase();
  one = await createOrgFixture(database.db);
  two = await createOrgFixture(database.db);
});
afterAll(() => database.close());

describe("tableDigest", () => {
  it("is the same when nothing changed, and covers every table", async () => {
    const before = await tableDigest(database.db);
    expect(await tableDigest(database.db)).toEqual(before);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["person", "unit", "audit_log", "job"]));
    expect(before).not.toHaveProperty("session");
    expect(before).not.toHaveProperty("rate_limit_hit");
  });

  it("sees an insert, an update and a delete", async () => {
    const db = database.db;
    let before = await tableDigest(db);
    const added = await addPerson(db, one.tenant.id, "Ny Person");
    expect(changedTables(before, await tableDigest(db))).toEqual(["person"]);

    before = await tableDigest(db);
    await db.execute(sql`update person set name = 'Ändrad' where id = ${added.id}`);
    expect(changedTables(before, await tableDigest(db))).toEqual(["person"]);

    before = await tableDigest(db);
    await db.execute(sql`delete from person where id = ${added.id}`);
    expect(changedTables(before, await tableDigest(db))).toEqual(["person"]);
  });

  it("scoped to a tenant, sees that tenant's changes and not another's", async () => {
    const db = database.db;
    const before = await tableDigest(db, { tenantId: two.tenant.id });
    await db.execute(sql`update unit set name = 'Annat namn' where id = ${one.units.school.id}`);
    expect(changedTables(before, await tableDigest(db, { tenantId: two.tenant.id }))).toEqual([]);
    await db.execute(sql`update unit set name = 'Annat namn' where id = ${two.units.school.id}`);
    expect(changedTables(before, await tableDigest(db, { tenantId: two.tenant.id }))).toEqual(["unit"]);
  });

  it("leaves out sessions, which every request touches", async () => {
    const before = await tableDigest(database.db);
    const everything = await tableDigest(database.db, { ignore: [] });
    await createSession(
      database.db,
      { tenantId: one.tenant.id, personId: one.people.admin.id },
      { idleMinutes: 60, absoluteHours: 12 },
    );
    expect(changedTables(before, await tableDigest(database.db))).toEqual([]);
    expect(changedTables(everything, await tableDigest(database.db, { ignore: [] }))).toEqual(["session"]);
  });
});
