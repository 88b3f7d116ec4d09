// Kills the real server with SIGKILL while a round's answers are arriving, then starts it again with
// the same seal key (issue 17, point 3: an acknowledged answer is never lost). Every answer that got
// a 201 must be marked answered; every answered invitation must have its answer either counted or
// sealed in the pool — nothing half-written — and closing the round after the restart must open the
// pool with the key and count them all (but the one answer closing may hold back). Runs against the
// embedded database and, in the PostgreSQL pass, against PostgreSQL.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Db, queryRows } from "../core/db.ts";
import { createSession } from "../core/sessions.ts";
import { addPerson, addUnit } from "../testing/app.ts";
import { prepareTenant, serverForSuite, serverTargets, sessionCall } from "../testing/server-process.ts";

const UNITS = 4;
const STAFF_PER_UNIT = 8;
const MANAGERS_PER_UNIT = 2;
/** Acknowledgements to wait for before the kill: the rest are still on their way. */
const KILL_AFTER = 15;
const ITEMS = ["tillit.1", "handlingsutrymme.1", "oppen.hjalp"];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Who answered, what is counted and what still waits in the pool, as the database holds it. */
async function tally(db: Db, roundId: string) {
  const [row] = await queryRows<{ answered: number; counted: number; pooled: number; unsealed: number }>(
    db,
    sql`select
      (select count(*) from barometer_invitation where round_id = ${roundId} and answered)::int as answered,
      (select coalesce(sum(respondents), 0) from barometer_aggregate
         where round_id = ${roundId})::int as counted,
      (select count(*) from barometer_pool where round_id = ${roundId})::int as pooled,
      (select count(*) from barometer_pool where round_id = ${roundId} and (sealed is null or answers is not null))::int as unsealed`,
  );
  const answeredPeople = await queryRows<{ person_id: string }>(
    db,
    sql`select person_id from barometer_invitation where round_id = ${roundId} and answered`,
  );
  return { ...row, answeredPeople: new Set(answeredPeople.map((r) => r.person_id)) };
}

describe.each(serverTargets)(
  "barometer answers when the server is killed by SIGKILL on %s",
  (_, makeTarget) => {
    // The same key before and after the crash, as an installation keeps it.
    const suite = serverForSuite(makeTarget, { TILLIT_SEAL_KEY: randomBytes(32).toString("base64") });

    it("loses no acknowledged answer and half-writes none", async () => {
      const { target, port, server } = suite;
      const { setup, tenant, board, admin } = await prepareTenant(target, "Svarskommun", "Anna Admin");
      const people = [];
      for (let u = 0; u < UNITS; u++) {
        const unit = await addUnit(setup.db, tenant.id, board, `Enhet ${u}`, "enhet", `E${u}`);
        for (let n = 0; n < STAFF_PER_UNIT + MANAGERS_PER_UNIT; n++)
          people.push(
            await addPerson(setup.db, tenant.id, `Person ${u} ${n}`, [
              [unit.id, n < MANAGERS_PER_UNIT ? "manager" : "employee"],
            ]),
          );
      }
      const sessionOf = (person: { id: string }) =>
        createSession(
          setup.db,
          { tenantId: tenant.id, personId: person.id },
          { idleMinutes: 60, absoluteHours: 12 },
        );
      const adminCall = sessionCall(port, await sessionOf(admin));
      const respondents = [];
      for (const person of people)
        respondents.push({ id: person.id, call: sessionCall(port, await sessionOf(person)) });
      await setup.close();

      await server.start();
      const started = await adminCall("POST", "/api/barometer/rounds", {
        title: "Krasch",
        unitId: board.id,
        itemIds: ITEMS,
        opensAt: day(0),
        closesAt: day(14),
      });
      expect(started.status).toBe(201);
      const { id: roundId } = (await started.json()) as { id: string };

      // Everyone answers at once; the server is killed after the first KILL_AFTER acknowledgements.
      const acknowledged = new Set<string>();
      const otherStatuses: number[] = [];
      let killed: Promise<void> | null = null;
      await Promise.allSettled(
        respondents.map(async ({ id, call }, index) => {
          const response = await call("POST", `/api/barometer/rounds/${roundId}/responses`, {
            answers: [
              { itemId: "tillit.1", value: 1 + (index % 5) },
              { itemId: "handlingsutrymme.1", value: index % 3 === 0 ? null : 1 + (index % 4) },
              { itemId: "oppen.hjalp", text: `Svar ${index}` },
            ],
          });
          if (response.status === 201) acknowledged.add(id);
          else otherStatuses.push(response.status);
          if (acknowledged.size >= KILL_AFTER) killed ??= server.kill();
        }),
      );
      await (killed ?? server.kill());
      expect(otherStatuses).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
      // The kill came while answers were still arriving.
      expect(acknowledged.size).toBeLessThan(respondents.length);

      const afterCrash = await server.inspect((db) => tally(db, roundId));
      for (const id of acknowledged) expect(afterCrash.answeredPeople.has(id)).toBe(true);
      expect(afterCrash.answered).toBeGreaterThanOrEqual(acknowledged.size);
      expect(afterCrash.counted + afterCrash.pooled).toBe(afterCrash.answered);
      expect(afterCrash.unsealed).toBe(0);

      // Started again with the same key: closing opens the pool and counts what waited in it.
      await server.start();
      const closed = await adminCall("POST", `/api/barometer/rounds/${roundId}/close`, {});
      expect(closed.status).toBe(200);
      await server.kill();
      const afterClose = await server.inspect((db) => tally(db, roundId));
      expect(afterClose.answered).toBe(afterCrash.answered);
      expect(afterClose.pooled).toBeLessThanOrEqual(1);
      expect(afterClose.counted + afterClose.pooled).toBe(afterClose.answered);
      console.info(
        `${target.kind}: ${acknowledged.size} acknowledged, ${afterCrash.answered} answered at the kill ` +
          `(${afterCrash.counted} counted, ${afterCrash.pooled} sealed in the pool); after closing ` +
          `${afterClose.counted} counted, ${afterClose.pooled} held back`,
      );
      // A fresh embedded database and two server starts take most of the time; on a loaded 2-core
      // machine they alone can pass the default minute.
    }, 240_000);
  },
);
