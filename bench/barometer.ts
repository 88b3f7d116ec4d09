// The trust barometer at scale: a generated tenant of 60,000 people with 24 rounds (six per board).
// Measures answers taken through the HTTP API per second, and the latency of results for a round's
// root and for a leaf unit, on PGlite and PostgreSQL. Prints the figures.
import { buildApp } from "../src/server/app.ts";
import { BANK } from "../src/server/barometer/bank.ts";
import type { RoleCategory } from "../src/server/barometer/model.ts";
import { invitationsFor, settingsOf } from "../src/server/barometer/rounds-service.ts";
import * as store from "../src/server/barometer/store.ts";
import { loadConfig } from "../src/server/core/config.ts";
import type { Database } from "../src/server/core/db.ts";
import { createRandom } from "../src/server/demo/random.ts";
import { chainUnits, mergeTenantSettings, roleHolders } from "../src/server/org/service.ts";
import { clientFor } from "../src/server/testing/app.ts";
import { onEachDatabase, seconds, syntheticTenant, timed } from "./lib.ts";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 60_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 4_000);
const ROUNDS_PER_BOARD = 6;
/** Respondents answering the open round through the API. */
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 1_000);
const CONCURRENCY = 8;
const ITEMS = BANK.filter((item) => item.kind === "scale")
  .slice(0, 11)
  .map((item) => item.id);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function bench(database: Database, label: string) {
  const db = database.db;
  let start = performance.now();
  const tenant = await syntheticTenant(database, { employees: EMPLOYEES, units: UNITS, seed: 7 });
  const settings = await settingsOf(db, tenant.id);
  const units = await chainUnits(db, tenant.id);
  const boards = units.filter((unit) => unit.path.split("/").filter(Boolean).length === 1);
  const [admin] = await roleHolders(db, tenant.id, "admin", "anywhere");
  await mergeTenantSettings(db, tenant.id, ["barometer"], { embargoDays: 0 });
  console.log(`${label}: tenant built in ${seconds(start).toFixed(1)} s`);

  // 23 closed rounds with counts written straight into the aggregates, as mixing would leave them.
  start = performance.now();
  const random = createRandom(11);
  let invitationsWritten = 0;
  for (const [b, board] of boards.entries()) {
    const invitations = await invitationsFor(db, tenant.id, board.path, settings.minGroupSize);
    for (let r = 0; r < ROUNDS_PER_BOARD; r++) {
      if (b === 0 && r === ROUNDS_PER_BOARD - 1) continue; // the open round, below
      const round = await store.insertRound(db, {
        tenantId: tenant.id,
        title: `Omgång ${r + 1} – ${board.name}`,
        unitId: board.id,
        itemIds: ITEMS,
        opensOn: day(-400 + r * 60),
        closesOn: day(-386 + r * 60),
        closedAt: new Date(Date.now() - (386 - r * 60) * 86_400_000),
        k: settings.minGroupSize,
      });
      const answered = invitations.map(() => random.next() < 0.75);
      await store.insertInvitations(
        db,
        invitations.map(({ email: _email, ...rest }, i) => ({
          ...rest,
          roundId: round.id,
          answered: answered[i],
        })),
      );
      invitationsWritten += invitations.length;
      const counts = new Map<
        string,
        { unitId: string; roleCategory: RoleCategory; itemId: string; counts: number[]; dontKnow: number }
      >();
      const bump = (unitId: string, roleCategory: RoleCategory, itemId: string, value: number | null) => {
        const key = `${unitId}|${roleCategory}|${itemId}`;
        const row = counts.get(key) ?? { unitId, roleCategory, itemId, counts: [0, 0, 0, 0, 0], dontKnow: 0 };
        if (value === null) row.dontKnow++;
        else row.counts[value - 1]++;
        counts.set(key, row);
      };
      invitations.forEach((invitation, i) => {
        if (!answered[i]) return;
        bump(invitation.answerUnitId, invitation.roleCategory, "*", 1);
        for (const itemId of ITEMS)
          bump(
            invitation.answerUnitId,
            invitation.roleCategory,
            itemId,
            random.next() < 0.05 ? null : random.int(1, 5),
          );
      });
      await store.saveCounts(
        db,
        [...counts.values()].map((row) => ({ ...row, roundId: round.id })),
      );
    }
  }
  const setupSeconds = seconds(start);
  console.log(`${label}: 23 closed rounds written in ${setupSeconds.toFixed(1)} s`);

  // The open round: answers through the API.
  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: "silent" }), demo: false }, database });
  await app.ready();
  const adminClient = await clientFor(app, { id: admin.id, tenantId: tenant.id });
  const created = await adminClient.post("/api/barometer/rounds", {
    title: "Öppen omgång",
    unitId: boards[0].id,
    itemIds: ITEMS,
    opensAt: day(0),
    closesAt: day(14),
  });
  if (created.statusCode !== 201) throw new Error(`Could not create the open round: ${created.body}`);
  const roundId = created.json().id as string;
  const invited = (await store.invitationsOf(db, roundId)).slice(0, RESPONDENTS);
  const clients = await Promise.all(
    invited.map((i) => clientFor(app, { id: i.personId, tenantId: tenant.id })),
  );
  const body = { answers: ITEMS.map((itemId, n) => ({ itemId, value: (n % 5) + 1 })) };
  start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < clients.length) {
        const client = clients[next++];
        const response = await client.post(`/api/barometer/rounds/${roundId}/responses`, body);
        if (response.statusCode !== 201) throw new Error(`Answer refused: ${response.body}`);
      }
    }),
  );
  const ingest = seconds(start);
  await adminClient.post(`/api/barometer/rounds/${roundId}/close`);

  // Results: a closed round's root and a leaf inside it.
  const closedRound = (await store.listRounds(db, tenant.id)).find(
    (round) => round.closedAt && round.unitId === boards[1].id,
  )!;
  const scope = units.filter((unit) => unit.path.startsWith(boards[1].path));
  const leaf = scope.find(
    (unit) => !scope.some((other) => other.path !== unit.path && other.path.startsWith(unit.path)),
  )!;
  const root = await timed(() => adminClient.get(`/api/barometer/rounds/${closedRound.id}/results`));
  const leafTime = await timed(() =>
    adminClient.get(`/api/barometer/rounds/${closedRound.id}/results?unitId=${leaf.id}`),
  );
  const overview = await timed(() => adminClient.get(`/api/barometer/rounds/${closedRound.id}/heatmap`), 10);
  await app.close();
  return [
    {
      database: label,
      "rounds (invitations)": `24 (${(invitationsWritten + invited.length).toLocaleString("sv-SE")}+)`,
      "setup s": setupSeconds.toFixed(1),
      "responses/s (API)": Math.round(invited.length / ingest),
      "answers/s (API)": Math.round((invited.length * ITEMS.length) / ingest),
      "results root ms (first)": `${root.median.toFixed(0)} (${root.first.toFixed(0)})`,
      "results leaf ms (first)": `${leafTime.median.toFixed(0)} (${leafTime.first.toFixed(0)})`,
      "root p90 ms": root.p90.toFixed(0),
      "heatmap ms": overview.median.toFixed(0),
      "scope units": scope.length,
    },
  ];
}

export async function run() {
  console.log(
    `\nTrust barometer: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units, 24 rounds; ${RESPONDENTS} answers through the API (${CONCURRENCY} at a time)`,
  );
  console.table(await onEachDatabase(bench));
}
