// The trust barometer at scale, through real HTTP on a listening server: a generated tenant of
// 60,000 people (4,000 units) with 23 closed rounds written as closing leaves them, then a round
// opened for a board of ~15,000 people, answered by 20 respondents at a time (each its own session,
// fetch keeping connections alive), and closed. Prints, per database: opening time (without and with
// the invitation mail), surveys/s, closing time, the first request of each results view, and the
// bytes of each barometer table.
import { BANK } from "../src/server/barometer/bank.ts";
import { writeClosedRounds } from "../src/server/barometer/synthetic.ts";
import { type Database, queryRows, sql } from "../src/server/core/db.ts";
import { chainUnits, mergeTenantSettings, roleHolders } from "../src/server/org/service.ts";
import { analyse, listeningApp, machineLoad, onEachDatabase, seconds, syntheticTenant } from "./lib.ts";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 60_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 4_000);
const ROUNDS_PER_BOARD = 6;
/** Respondents answering the open round through the API. */
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 3_000);
const CONCURRENCY = 20;
/** Eleven scale questions and one free-text question: twelve answers per survey. */
const ITEMS = [
  ...BANK.filter((item) => item.kind === "scale")
    .slice(0, 11)
    .map((item) => item.id),
  BANK.find((item) => item.kind === "text")?.id ?? "oppen.hjalp",
];
const TABLES = [
  "barometer_invitation",
  "barometer_pool",
  "barometer_aggregate",
  "barometer_comment",
  "barometer_round_unit",
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function send(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const response = await fetch(origin + path, {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function timedMs<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function tableBytes(database: Database) {
  const rows = await queryRows<{ table: string; bytes: string }>(
    database.db,
    sql`select relname as "table", pg_total_relation_size(oid)::text as bytes from pg_class
        where relname in ${sql.raw(`(${TABLES.map((t) => `'${t}'`).join(",")})`)}`,
  );
  return Object.fromEntries(rows.map((row) => [row.table, Math.round(Number(row.bytes) / 1024 / 1024)]));
}

async function bench(database: Database, label: string) {
  const db = database.db;
  let start = performance.now();
  const tenant = await syntheticTenant(database, { employees: EMPLOYEES, units: UNITS, seed: 7 });
  const units = await chainUnits(db, tenant.id);
  // The boards: the units under the municipality (or the top units, when there are several).
  const depth = (unit: { path: string }) => unit.path.split("/").filter(Boolean).length;
  const tops = units.filter((unit) => depth(unit) === 1);
  const boards = tops.length === 1 ? units.filter((unit) => depth(unit) === 2) : tops;
  const [admin] = await roleHolders(db, tenant.id, "admin", "anywhere");
  await mergeTenantSettings(db, tenant.id, ["barometer"], { embargoDays: 0 });
  console.log(`${label}: tenant built in ${seconds(start).toFixed(1)} s`);

  start = performance.now();
  const closed = await writeClosedRounds(db, tenant.id, {
    scopes: boards,
    rounds: ROUNDS_PER_BOARD,
    itemIds: ITEMS,
  });
  console.log(`${label}: ${closed.rounds.length} closed rounds written in ${seconds(start).toFixed(1)} s`);
  await analyse(database);

  const server = await listeningApp(database);
  const asAdmin = await server.signIn({ id: admin.id, tenantId: tenant.id });
  const draft = { unitId: boards[0].id, itemIds: ITEMS, closesAt: day(14) };
  // Opening: invitations only (the round opens tomorrow), then a round opening today with its mail.
  const [, openingMs] = await timedMs(() =>
    send(server.origin, "POST", "/api/barometer/rounds", asAdmin, {
      ...draft,
      title: "I morgon",
      opensAt: day(1),
    }),
  );
  const [open, openingWithMailMs] = await timedMs(() =>
    send(server.origin, "POST", "/api/barometer/rounds", asAdmin, {
      ...draft,
      title: "Öppen",
      opensAt: day(0),
    }),
  );
  const invited = await queryRows<{ person_id: string }>(
    db,
    sql`select person_id from barometer_invitation where round_id = ${open.id} limit ${RESPONDENTS}`,
  );
  const respondents: Record<string, string>[] = [];
  for (const row of invited)
    respondents.push(await server.signIn({ id: row.person_id, tenantId: tenant.id }));
  const survey = (n: number) => ({
    answers: ITEMS.map((itemId, i) =>
      i === ITEMS.length - 1 ? { itemId, text: `Svar ${n}` } : { itemId, value: ((n + i) % 5) + 1 },
    ),
  });
  let next = 0;
  const [, answeringMs] = await timedMs(() =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < respondents.length) {
          const n = next++;
          await send(
            server.origin,
            "POST",
            `/api/barometer/rounds/${open.id}/responses`,
            respondents[n],
            survey(n),
          );
        }
      }),
    ),
  );
  const [, closingMs] = await timedMs(() =>
    send(server.origin, "POST", `/api/barometer/rounds/${open.id}/close`, asAdmin),
  );

  // The first request of each view of a closed round, in a process that has never read it.
  const round = closed.rounds[closed.rounds.length - 1];
  const scope = units.filter((unit) => unit.path.startsWith(boards[boards.length - 1].path));
  const leaf = scope.find(
    (unit) => !scope.some((other) => other.path !== unit.path && other.path.startsWith(unit.path)),
  );
  const firstOf = async (path: string) =>
    (await timedMs(() => send(server.origin, "GET", path, asAdmin)))[1].toFixed(0);
  const views = {
    "overview first ms": await firstOf(`/api/barometer/rounds/${round.id}/overview`),
    "results first ms": await firstOf(`/api/barometer/rounds/${round.id}/results`),
    "leaf overview first ms": await firstOf(`/api/barometer/rounds/${round.id}/overview?unitId=${leaf?.id}`),
    "heatmap first ms": await firstOf(`/api/barometer/rounds/${round.id}/heatmap`),
  };
  await server.close();
  const bytes = await tableBytes(database);
  console.log(`${label}: MiB per table`, bytes, machineLoad());
  return [
    {
      database: label,
      "invited (open round)": closed.rounds[0]?.invited ?? 0,
      "opening ms": openingMs.toFixed(0),
      "opening + mail ms": openingWithMailMs.toFixed(0),
      "surveys/s (HTTP, 20 at a time)": Math.round(respondents.length / (answeringMs / 1000)),
      "closing ms (HTTP)": closingMs.toFixed(0),
      "slowest synthetic closing ms": closed.slowestClosing.toFixed(0),
      ...views,
      "barometer MiB": Object.values(bytes).reduce((a, b) => a + b, 0),
    },
  ];
}

export async function run() {
  console.log(
    `\nTrust barometer: ${EMPLOYEES.toLocaleString("sv-SE")} people, ${UNITS.toLocaleString("sv-SE")} units, ${ROUNDS_PER_BOARD} rounds per board; ${RESPONDENTS} surveys of ${ITEMS.length} answers through HTTP (${CONCURRENCY} at a time); ${machineLoad()}`,
  );
  console.table(await onEachDatabase(bench));
}
