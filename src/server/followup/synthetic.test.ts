import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import { clientFor, createTestApp, type TestApp } from "../testing/app.ts";
import { syntheticTenant } from "../testing/synthetic.ts";
import { isOverdue, isUpwardRequest, responsiveness } from "./model.ts";
import { mayAnswer } from "./policy.ts";
import { generateFollowup } from "./synthetic.ts";
import { action, actionEvent, dialogue, entry, expectation, position } from "./tables.ts";

let t: TestApp;
const today = new Date("2026-11-15T12:00:00Z");

/** A small generated organisation, written by the real HR import as the benchmark's is. */
async function smallTenant(db: Db) {
  return (await syntheticTenant(db, { employees: 400, units: 60, seed: 7 })).id;
}

const rowsOf = async (db: Db, tenantId: string) =>
  db.select().from(action).where(eq(action.tenantId, tenantId)).orderBy(action.createdAt, action.title);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("the follow-up generator", () => {
  it("writes what it says, in every state and level, with open, overdue and answered requests", async () => {
    const tenantId = await smallTenant(t.db);
    const written = await generateFollowup(t.db, tenantId, { actions: 600, seed: 3, today });
    const counted = async (table: typeof action | typeof entry | typeof expectation | typeof dialogue) =>
      (await t.db.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId)))[0].n;
    expect(await counted(action)).toBe(600);
    expect(written.actions).toBe(600);
    expect(await counted(entry)).toBe(written.entries);
    expect(await counted(expectation)).toBe(written.expectations);
    expect(await counted(dialogue)).toBe(written.dialogues);
    expect(written.dialogues).toBeGreaterThan(0);
    const [{ n: positions }] = await t.db
      .select({ n: count() })
      .from(position)
      .where(eq(position.tenantId, tenantId));
    expect(positions).toBe(written.positions);
    const [{ n: events }] = await t.db
      .select({ n: count() })
      .from(actionEvent)
      .innerJoin(action, eq(action.id, actionEvent.actionId))
      .where(eq(action.tenantId, tenantId));
    expect(events).toBe(written.events);

    const rows = await rowsOf(t.db, tenantId);
    expect(new Set(rows.map((row) => row.state))).toEqual(
      new Set(["proposed", "accepted", "declined", "in_progress", "done", "evaluated"]),
    );
    expect(new Set(rows.map((row) => row.addressee))).toEqual(
      new Set(["unit", "manager", "administration", "board", "support"]),
    );
    const upward = rows.filter((row) => isUpwardRequest(row.addressee));
    expect(upward.filter((row) => row.state === "proposed").length).toBeGreaterThan(20);
    expect(upward.filter((row) => isOverdue(row, today)).length).toBeGreaterThan(5);
    expect(upward.filter((row) => row.answeredAt).length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(today.getTime());
      if (row.answeredAt) expect(row.answeredAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
      expect(row.state === "proposed").toBe(row.answeredAt === null);
    }
    const [{ n: linked }] = await t.db
      .select({ n: count() })
      .from(action)
      .where(and(eq(action.tenantId, tenantId), isNotNull(action.dialogueId)));
    expect(linked).toBeGreaterThan(0);
  });

  it("gives the same data for the same seed, under ids of each tenant's own", async () => {
    const [first, second] = [await smallTenant(t.db), await smallTenant(t.db)];
    await generateFollowup(t.db, first, { actions: 200, seed: 11, today });
    await generateFollowup(t.db, second, { actions: 200, seed: 11, today });
    const content = async (tenantId: string) =>
      (await rowsOf(t.db, tenantId)).map(({ title, state, addressee, createdAt, answeredAt }) => ({
        title,
        state,
        addressee,
        createdAt,
        answeredAt,
      }));
    expect(await content(second)).toEqual(await content(first));
    const ids = new Set((await rowsOf(t.db, first)).map((row) => row.id));
    expect((await rowsOf(t.db, second)).some((row) => ids.has(row.id))).toBe(false);
  });
});

describe("the actions of a generated tenant, listed and summed in the database", () => {
  let tenantId: string;
  let rows: Awaited<ReturnType<typeof rowsOf>>;
  const as = async (role: "admin" | "director" | "politician" | "analyst") => {
    const [person] = await orgStore.roleHolders(t.db, tenantId, role, "anywhere");
    return { person, client: await clientFor(t.app, { id: person.id, tenantId }) };
  };
  type Page = {
    items: { id: string; createdAt: string }[];
    total: number;
    overdue: number;
    next: string | null;
  };
  /** Every page of a list, following `next`. */
  const allPages = async (client: Awaited<ReturnType<typeof as>>["client"], path: string) => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const response = await client.get(
        `${path}${path.includes("?") ? "&" : "?"}limit=200${after ? `&after=${after}` : ""}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      pages.push(response.json());
      after = pages.at(-1)?.next ?? null;
    } while (after);
    return pages;
  };

  beforeAll(async () => {
    tenantId = await smallTenant(t.db);
    await generateFollowup(t.db, tenantId, { actions: 500, seed: 5, today: new Date() });
    rows = await rowsOf(t.db, tenantId);
  });

  it("pages through the whole tenant newest first, each action once, with the count on every page", async () => {
    const { client } = await as("admin");
    const pages = await allPages(client, "/api/followup/actions");
    expect(pages.length).toBe(3);
    expect(pages.every((page) => page.total === 500 && page.items.length <= 200)).toBe(true);
    const ids = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    const times = pages.flatMap((page) => page.items.map((item) => Date.parse(item.createdAt)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const overdue = rows.filter((row) => isOverdue(row, new Date())).length;
    expect(pages[0].overdue).toBe(overdue);
  });

  it("filters by state and direction in the query", async () => {
    const { client } = await as("admin");
    const pages = await allPages(client, "/api/followup/actions?state=proposed&direction=upward");
    const expected = rows.filter((row) => row.state === "proposed" && isUpwardRequest(row.addressee));
    expect(pages[0].total).toBe(expected.length);
    expect(new Set(pages.flatMap((page) => page.items.map((item) => item.id)))).toEqual(
      new Set(expected.map((row) => row.id)),
    );
    const other = (await client.get("/api/followup/actions?direction=other&limit=1")).json();
    expect(other.total).toBe(rows.filter((row) => !isUpwardRequest(row.addressee)).length);
  });

  it.each(["director", "politician", "analyst"] as const)(
    "lists for a %s exactly the open requests their level answers, oldest first",
    async (role) => {
      const { person, client } = await as(role);
      const roles = await orgStore.roleGrants(t.db, person.id);
      const actor = { personId: person.id, tenantId, name: person.name, email: person.email, roles };
      const units = new Map((await orgStore.listUnits(t.db, tenantId, { all: true })).map((u) => [u.id, u]));
      const expected = rows
        .filter((row) => row.state === "proposed" && isUpwardRequest(row.addressee))
        .filter((row) => mayAnswer(actor, { ...units.get(row.unitId)!, tenantId }, row.addressee));
      const pages = await allPages(client, "/api/followup/actions?waiting=true");
      const listed = pages.flatMap((page) => page.items);
      expect(expected.length).toBeGreaterThan(0);
      expect(new Set(listed.map((item) => item.id))).toEqual(new Set(expected.map((row) => row.id)));
      expect(pages[0].total).toBe(expected.length);
      const times = listed.map((item) => Date.parse(item.createdAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    },
  );

  it("sums responsiveness as the model's rule does", async () => {
    const { client } = await as("admin");
    const summed = (await client.get("/api/followup/responsiveness")).json();
    const rule = responsiveness(rows);
    expect(summed.map((row: { level: string }) => row.level)).toEqual(rule.map((row) => row.level));
    for (const [i, row] of rule.entries()) {
      expect(summed[i]).toMatchObject({ level: row.level, answered: row.answered, open: row.open });
      expect(summed[i].medianHours).toBeCloseTo(row.medianHours ?? Number.NaN, 6);
      expect(summed[i].p90Hours).toBeCloseTo(row.p90Hours ?? Number.NaN, 6);
    }
  });

  it("refuses a page size over 200 and a cursor that is not an id, naming the field", async () => {
    const { client } = await as("admin");
    const large = await client.get("/api/followup/actions?limit=201");
    expect(large.statusCode).toBe(400);
    expect(JSON.stringify(large.json().error.details)).toContain("limit");
    const cursor = await client.get("/api/followup/actions?after=nope");
    expect(cursor.statusCode).toBe(400);
    expect(JSON.stringify(cursor.json().error.details)).toContain("after");
  });
});
