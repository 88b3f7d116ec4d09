// What a signed-in request costs the database before its route runs: one statement for the
// session, the person and their roles together (issue 11). Counted at the driver, so every
// statement the app sends is seen; on PostgreSQL the tenant wall's `set_config` declarations
// (core/tenant-wall.ts) are counted apart, as they belong to the pool, not to the request.
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "../core/db.ts";
import { hashToken } from "../core/sessions.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { testDatabaseKind } from "../testing/db.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
});
afterAll(() => t.close());

const DECLARATION = "set_config('tillit.tenant'";

/** The statements `work` sends, the tenant wall's declarations left out. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const spy =
    testDatabaseKind() === "postgres"
      ? vi.spyOn(pg.Client.prototype, "query")
      : vi.spyOn((t.db as unknown as { $client: PGlite }).$client, "query");
  try {
    await work();
    return spy.mock.calls
      .map(([statement]) =>
        typeof statement === "string" ? statement : String((statement as { text?: string }).text),
      )
      .filter((text) => !text.includes(DECLARATION));
  } finally {
    spy.mockRestore();
  }
}

describe("a signed-in request", () => {
  it("reads its session, person and roles in one statement", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    const anonymous = await statementsOf(() => t.app.inject({ method: "GET", url: "/api/health" }));
    const signedIn = await statementsOf(async () =>
      expect((await manager.get("/api/health")).statusCode).toBe(200),
    );
    expect(anonymous).toHaveLength(1);
    expect(signedIn).toHaveLength(2);
  });

  it("still takes one statement when it moves the session's last-seen forward", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    await t.db.execute(
      sql`update session set last_seen_at = now() - interval '2 minutes' where person_id = ${org.people.manager.id}`,
    );
    const signedIn = await statementsOf(async () =>
      expect((await manager.get("/api/health")).statusCode).toBe(200),
    );
    expect(signedIn).toHaveLength(2);
    const [{ seconds }] = await queryRows<{ seconds: number }>(
      t.db,
      sql`select extract(epoch from now() - last_seen_at) as seconds from session where id = ${hashToken(manager.token)}`,
    );
    expect(Number(seconds)).toBeLessThan(60);
  });

  it("knows the person's current roles with their units' paths", async () => {
    const director = await clientFor(t.app, org.people.director);
    const me = (await director.get("/api/auth/me")).json();
    expect(me.roles).toEqual([
      expect.objectContaining({ unitId: org.units.administration.id, role: "director" }),
    ]);
    expect((await director.get(`/api/units/${org.units.team.id}`)).statusCode).toBe(200);
    expect((await director.get(`/api/units/${org.units.board.id}`)).statusCode).toBe(404);
  });

  it("asks the database nothing outside the API (the web app's files are the same for everyone)", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    expect(await statementsOf(() => manager.get("/assets/none.js"))).toEqual([]);
  });
});
