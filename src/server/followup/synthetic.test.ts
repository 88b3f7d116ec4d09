import { randomBytes } from "node:crypto";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../core/db.ts";
import { generateOrg } from "../demo/synthetic.ts";
import { applyImport, prepareImport } from "../org/import-service.ts";
import * as orgStore from "../org/store.ts";
import { createTestApp, type TestApp } from "../testing/app.ts";
import { isOverdue, isUpwardRequest } from "./model.ts";
import { generateFollowup } from "./synthetic.ts";
import { action, actionEvent, dialogue, entry, expectation, position } from "./tables.ts";

let t: TestApp;
const today = new Date("2026-11-15T12:00:00Z");

/** A small generated organisation, written by the real HR import as the benchmark's is. */
async function smallTenant(db: Db) {
  const tenant = await orgStore.createTenant(db, {
    slug: `syn-${randomBytes(3).toString("hex")}`,
    name: "Syntetkommun",
  });
  const files = generateOrg({ employees: 400, units: 60, seed: 7 });
  const { id } = await prepareImport(db, {
    tenantId: tenant.id,
    createdBy: null,
    fullImport: true,
    ...files,
  });
  await applyImport(db, id);
  return tenant.id;
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
