// Issue 17, point 3: the attack with a copy of the database. An attacker who can read every table at
// every moment — after each answer, as a replica or a stream of backups would let them — and, on
// PostgreSQL, every old row version in the data files (pageinspect), tries to tie what was answered
// to who answered. Every way in must narrow an answer to no fewer than k people (two for the
// round's last, closing batch), and the pending pool must hold nothing readable.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres, type Database, queryRows, sql } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import {
  addPerson,
  addUnit,
  clientFor,
  createTestApp,
  type TestApp,
  type TestPerson,
} from "../testing/app.ts";
import { testDatabaseKind } from "../testing/db.ts";

const K = 5;
let t: TestApp;
/** On PostgreSQL, the database as its superuser sees it: every row of every tenant, and the data files. */
let superuser: Database | null = null;
let director: TestPerson;
let area: { id: string; path: string };
/** Everyone invited, in the order they answer; school C (2 staff) is too small and is stored with the area. */
const people: TestPerson[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const tenant = await orgStore.createTenant(t.db, {
    slug: `da-${randomUUID().slice(0, 8)}`,
    name: "Attackkommun",
  });
  const administration = await addUnit(t.db, tenant.id, null, "Förvaltningen", "forvaltning");
  area = await addUnit(t.db, tenant.id, administration, "Grundskola", "verksamhetsomrade");
  for (const [name, staff] of [
    ["A", 7],
    ["B", 6],
    ["C", 2],
  ] as const) {
    const school = await addUnit(t.db, tenant.id, area, `Skola ${name}`, "enhet");
    people.push(await addPerson(t.db, tenant.id, `Chef ${name}`, [[school.id, "manager"]]));
    for (let n = 0; n < staff; n++)
      people.push(await addPerson(t.db, tenant.id, `Lärare ${name}${n}`, [[school.id, "employee"]]));
  }
  director = await addPerson(t.db, tenant.id, "Dora Direktör", [[administration.id, "director"]]);
  if (testDatabaseKind() === "postgres" && t.database.adminUrl) {
    superuser = await connectPostgres(t.database.adminUrl, 1);
    await superuser.db.execute(sql`create extension if not exists pageinspect`);
    // Keep every dead row version in the data files, as an attacker's copy might.
    for (const table of [
      "barometer_pool",
      "barometer_invitation",
      "barometer_aggregate",
      "barometer_comment",
    ])
      await superuser.db.execute(sql.raw(`alter table ${table} set (autovacuum_enabled = off)`));
  }
}, 60_000);
afterAll(async () => {
  await superuser?.close();
  await t.close();
});

/** What the attacker sees of the counts: respondents per stored group. */
async function respondentsPerGroup(roundId: string) {
  const rows = await queryRows<{ group: string; n: number }>(
    t.db,
    sql`select unit_id || '|' || role_category as "group", respondents as n
        from barometer_aggregate where round_id = ${roundId}`,
  );
  return new Map(rows.map((row) => [row.group, row.n]));
}

/** Groups whose respondents changed between two looks, and by how much. */
function changes(before: Map<string, number>, after: Map<string, number>) {
  return [...after].flatMap(([group, n]) => {
    const added = n - (before.get(group) ?? 0);
    return added ? [{ group, added }] : [];
  });
}

describe("answers cannot be tied to people with a copy of the database", () => {
  const marks = new Map<string, string>();
  let roundId: string;
  const mixedAlong: { group: string; added: number }[][] = [];
  let atClosing: { group: string; added: number }[] = [];

  beforeAll(async () => {
    const asDirector = await clientFor(t.app, director);
    const today = new Date().toISOString().slice(0, 10);
    const started = await asDirector.post("/api/barometer/rounds", {
      title: "Attacken",
      unitId: area.id,
      itemIds: ["tillit.1", "handlingsutrymme.1", "oppen.hjalp"],
      opensAt: today,
      closesAt: today,
    });
    expect(started.statusCode).toBe(201);
    roundId = started.json().id;
    let seen = await respondentsPerGroup(roundId);
    for (const [index, person] of people.entries()) {
      const mark = `MARK${randomBytes(6).toString("hex")}`;
      marks.set(person.id, mark);
      const answered = await (await clientFor(t.app, person)).post(
        `/api/barometer/rounds/${roundId}/responses`,
        {
          answers: [
            { itemId: "tillit.1", value: (index % 5) + 1 },
            { itemId: "handlingsutrymme.1", value: null },
            { itemId: "oppen.hjalp", text: `${mark} svar nummer ${index}` },
          ],
        },
      );
      expect(answered.statusCode).toBe(201);
      const now = await respondentsPerGroup(roundId);
      mixedAlong.push(changes(seen, now));
      seen = now;
    }
    expect((await asDirector.post(`/api/barometer/rounds/${roundId}/close`)).statusCode).toBe(200);
    atClosing = changes(seen, await respondentsPerGroup(roundId));
  });

  it("changes the counts only k answers of one group at a time while the round is open", () => {
    const batches = mixedAlong.filter((change) => change.length > 0);
    // A: 7 staff → one batch; B: 6 staff → one batch. Nothing else reaches k before closing.
    expect(batches).toHaveLength(2);
    for (const change of batches) {
      expect(change).toHaveLength(1);
      expect(change[0].added).toBeGreaterThanOrEqual(K);
    }
  });

  it("counts the rest at closing up the tree, never one answer alone, and loses none", async () => {
    expect(atClosing.length).toBeGreaterThan(0);
    for (const change of atClosing) expect(change.added).toBeGreaterThanOrEqual(2);
    // The remainders (A: 2 staff, B: 1 staff, C's 2 staff, three managers) all climb to the area.
    expect(atClosing.every((change) => change.group.startsWith(area.id))).toBe(true);
    const total = [...(await respondentsPerGroup(roundId)).values()].reduce((a, b) => a + b, 0);
    const held = await queryRows(t.db, sql`select id from barometer_pool where round_id = ${roundId}`);
    expect(total + held.length).toBe(people.length);
    expect(held.length).toBeLessThanOrEqual(1);
  });

  it("keeps no person, time or readable answer beside what was answered", async () => {
    const ids = new Set([...people, director].map((person) => person.id));
    for (const table of [
      "barometer_aggregate",
      "barometer_comment",
      "barometer_pool",
      "barometer_round_unit",
    ]) {
      const columns = await queryRows<{ column_name: string; data_type: string }>(
        t.db,
        sql`select column_name, data_type from information_schema.columns where table_name = ${table}`,
      );
      expect(columns.length, table).toBeGreaterThan(0);
      expect(
        columns.filter(
          (c) =>
            c.data_type.includes("timestamp") || c.data_type === "date" || c.column_name.includes("person"),
        ),
        table,
      ).toEqual([]);
      const rows = await queryRows<Record<string, unknown>>(t.db, sql.raw(`select * from ${table}`));
      for (const row of rows)
        for (const value of Object.values(row)) expect(ids.has(String(value)), table).toBe(false);
    }
  });

  it("writes each batch's comments in one transaction, in an order that is not the answering order", async () => {
    const comments = await queryRows<{ tx: string; body: string }>(
      t.db,
      sql`select xmin::text as tx, body from barometer_comment where round_id = ${roundId} order by ctid`,
    );
    expect(comments).toHaveLength(people.length); // nobody's answer was held back in this round
    const byTransaction = new Map<string, number[]>();
    for (const comment of comments) {
      const index = Number(comment.body.split("nummer ")[1]);
      byTransaction.set(comment.tx, [...(byTransaction.get(comment.tx) ?? []), index]);
    }
    // Three transactions wrote comments: A's batch, B's batch and the closing one.
    expect(byTransaction.size).toBe(3);
    for (const indexes of byTransaction.values()) expect(indexes.length).toBeGreaterThanOrEqual(2);
    const inAnsweringOrder = [...byTransaction.values()].filter((indexes) =>
      indexes.every((index, i) => i === 0 || indexes[i - 1] < index),
    );
    // The chance that all three batches come out in the order they were answered is below 1 in 10^5.
    expect(inAnsweringOrder.length).toBeLessThan(3);
  });

  it.runIf(testDatabaseKind() === "postgres")(
    "finds, in every row version of the data files, no pending answer in clear and no batch smaller than k",
    async () => {
      // Every tuple, live or dead, of the pool and the invitations, with the transactions that wrote
      // and deleted it: what a copy of the data files holds until VACUUM reclaims it.
      const files = superuser;
      if (!files) throw new Error("The data files are read as the database's superuser, which is missing.");
      const tuples = (table: string) =>
        queryRows<{ xmin: string; xmax: string; data: string }>(
          files.db,
          sql.raw(`select t_xmin::text as xmin, t_xmax::text as xmax, encode(t_data, 'escape') as data
                   from generate_series(0, (pg_relation_size('${table}') / 8192)::int - 1) as page,
                        lateral heap_page_items(get_raw_page('${table}', page))
                   where t_data is not null`),
        );
      const pool = await tuples("barometer_pool");
      const invitations = await tuples("barometer_invitation");
      expect(pool.length).toBeGreaterThanOrEqual(people.length - 1); // the dead versions are really there
      for (const tuple of pool) {
        for (const mark of marks.values()) expect(tuple.data).not.toContain(mark);
        expect(tuple.data).not.toContain("itemId");
      }
      // The one link the files keep: an invitation marked answered and the pool row written by the
      // same transaction. It leads to a sealed row, and from there only to the batch it was counted
      // in — which holds at least k answers, or at least two in the closing transaction.
      const answering = new Set(invitations.map((tuple) => tuple.xmin));
      const batchSizes = new Map<string, number>();
      for (const tuple of pool) {
        expect(answering.has(tuple.xmin)).toBe(true);
        if (tuple.xmax !== "0") batchSizes.set(tuple.xmax, (batchSizes.get(tuple.xmax) ?? 0) + 1);
      }
      expect(batchSizes.size).toBe(3);
      for (const size of batchSizes.values()) expect(size).toBeGreaterThanOrEqual(2);
      expect([...batchSizes.values()].filter((size) => size < K)).toEqual([]);
      // Comments were all written by those batch transactions (the k-th answer's own transaction
      // counts its batch, so it is one of the batch's k, no more).
      const commentTransactions = await queryRows<{ tx: string }>(
        t.db,
        sql`select distinct xmin::text as tx from barometer_comment where round_id = ${roundId}`,
      );
      for (const { tx } of commentTransactions) expect(batchSizes.has(tx)).toBe(true);
    },
  );
});
