// Shared by the benchmarks: run on PGlite and on a fresh PostgreSQL database, build a generated
// tenant through the real HR import, serve the app on a real port, and time each request against
// a replay of the exact SQL it sent. Not a benchmark itself (bench/run.ts skips this file).
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { PGlite } from "@electric-sql/pglite";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/core/config.ts";
import { connectPglite, type Database, sql } from "../src/server/core/db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../src/server/core/http.ts";
import { createSession } from "../src/server/core/sessions.ts";
import { confineTo, inRequestScope } from "../src/server/core/tenant-wall.ts";
import { createPostgresDatabase } from "../src/server/testing/db.ts";
import { syntheticTenant as generatedTenant } from "../src/server/testing/synthetic.ts";

const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ??
  process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

/** Which databases to run on, e.g. BENCH_DATABASES=postgres. */
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");

export type DatabaseLabel = "PGlite" | "PostgreSQL";

export const seconds = (start: number) => (performance.now() - start) / 1000;
export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
/** The machine's load, printed beside figures: a shared 2-core machine can be busy with other work. */
export const machineLoad = () =>
  `load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")} on ${os.availableParallelism()} cores`;

/**
 * Runs `work` on embedded PGlite and on a new database on the local PostgreSQL (owned by the
 * application's ordinary role, so row-level security is paid as in a deployment; dropped afterwards).
 */
export async function onEachDatabase<T>(work: (database: Database, label: DatabaseLabel) => Promise<T[]>) {
  const results: T[] = [];
  if (DATABASES.includes("pglite")) {
    const embedded = await connectPglite();
    await embedded.migrate();
    results.push(...(await work(embedded, "PGlite")));
    await embedded.close();
  }
  if (!DATABASES.includes("postgres")) return results;
  if (!(await reachable(POSTGRES_URL))) {
    console.log(`PostgreSQL at ${POSTGRES_URL} not reachable: skipped`);
    return results;
  }
  const server = await createPostgresDatabase(POSTGRES_URL, 10);
  try {
    results.push(...(await work(server, "PostgreSQL")));
  } finally {
    await server.close();
  }
  return results;
}

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url });
  return client.connect().then(
    () => client.end().then(() => true),
    () => false,
  );
}

/** A tenant with a generated chain of `employees` people in `units` units, written by the HR import. */
export const syntheticTenant = (
  database: Database,
  options: { employees: number; units: number; seed: number },
) => generatedTenant(database.db, options);

/**
 * Runs `request` once cold and then `times` times after a few warm-up calls; returns the first
 * call's time, the median and the 90th percentile in ms.
 */
export async function timed(request: () => Promise<unknown>, times = 20) {
  const cold = performance.now();
  await request();
  const first = performance.now() - cold;
  for (let i = 0; i < 2; i++) await request();
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await request();
    durations.push(performance.now() - start);
  }
  return { first, median: percentile(durations, 0.5), p90: percentile(durations, 0.9) };
}

export function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Updates the planner's statistics after bulk writes, as autovacuum would within a minute or so
 * of them; without it, fresh tables look empty to the planner and a benchmark measures bad plans.
 */
export async function analyse(database: Database) {
  await database.db.execute(sql`analyze`);
}

// ---------------------------------------------------------------------------------------------
// Real HTTP

/** The app listening on a free local port, as `npm start` serves it (logs off, no demo, no jobs). */
export async function listeningApp(database: Database) {
  const config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    demo: false,
    sealKey: randomBytes(32).toString("base64"),
  };
  const app: FastifyInstance = await buildApp({ config, database });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the bench server has no port");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    app,
    origin,
    /** Headers of a signed-in person's requests: the session cookie and the CSRF token. */
    async signIn(who: { id: string; tenantId: string }) {
      const { token, csrfToken } = await createSession(
        database.db,
        { tenantId: who.tenantId, personId: who.id },
        { idleMinutes: 600, absoluteHours: 12 },
      );
      return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken, origin };
    },
    close: () => app.close(),
  };
}

/** One GET over HTTP (Node's fetch keeps the connection alive); fails loudly on anything but 200. */
export async function getOk(origin: string, path: string, headers: Record<string, string>) {
  const response = await fetch(origin + path, { headers });
  const body = await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`GET ${path} → ${response.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return body.byteLength;
}

// ---------------------------------------------------------------------------------------------
// The SQL a request sends, recorded at the driver and replayed

type Statement = { text: string; values: unknown[] };
type QueryFunction = (...args: unknown[]) => Promise<unknown>;

/**
 * Records every statement the app sends to the database while `recording` is on, at the driver
 * (node-postgres' Client, or the PGlite instance and the transactions it hands out), so what is
 * replayed is exactly what went over the wire, tenant declarations included.
 */
export function sqlRecorder(database: Database) {
  let recording: Statement[] | null = null;
  const note = (config: unknown, values: unknown) => {
    if (!recording) return;
    if (typeof config === "string") recording.push({ text: config, values: (values as unknown[]) ?? [] });
    else {
      const query = config as { text: string; values?: unknown[] };
      recording.push({ text: query.text, values: query.values ?? (values as unknown[]) ?? [] });
    }
  };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const restore =
    database.kind === "postgres" ? recordNodePostgres(note) : recordPglite(client as PGlite, note);
  return {
    /** Runs `work` and returns it with the statements it sent. */
    async capture<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
      recording = [];
      try {
        const result = await work();
        return { result, statements: recording };
      } finally {
        recording = null;
      }
    },
    /** Sends `statements` again in order, as the request's tenant, on one connection; returns ms. */
    replay: (statements: Statement[], tenantId: string) =>
      database.kind === "postgres"
        ? replayOnPool(client as pg.Pool, statements, tenantId)
        : replayOnPglite(client as PGlite, statements),
    restore,
  };
}

function recordNodePostgres(note: (config: unknown, values: unknown) => void) {
  const prototype = pg.Client.prototype as unknown as { query: QueryFunction };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    note(args[0], args[1]);
    return original.apply(this, args);
  };
  return () => {
    prototype.query = original;
  };
}

function recordPglite(client: PGlite, note: (config: unknown, values: unknown) => void) {
  const instance = client as unknown as { query: QueryFunction; transaction: QueryFunction };
  const query = instance.query.bind(client);
  const transaction = instance.transaction.bind(client);
  instance.query = (...args) => {
    note(args[0], args[1]);
    return query(...args);
  };
  instance.transaction = (work) =>
    transaction((tx: { query: QueryFunction }) => {
      const txQuery = tx.query;
      tx.query = (...args) => {
        note(args[0], args[1]);
        return txQuery(...args);
      };
      return (work as (tx: unknown) => Promise<unknown>)(tx);
    });
  return () => {
    instance.query = query;
    instance.transaction = transaction;
  };
}

async function replayOnPool(pool: pg.Pool, statements: Statement[], tenantId: string) {
  // The walled pool declares the tenant when the connection is taken, as it does for the request.
  const client = await new Promise<pg.PoolClient>((resolve, reject) =>
    inRequestScope(() => {
      confineTo(tenantId);
      pool.connect().then(resolve, reject);
    }),
  );
  try {
    const start = performance.now();
    for (const { text, values } of statements) await client.query({ text, values, rowMode: "array" });
    return performance.now() - start;
  } finally {
    client.release();
  }
}

async function replayOnPglite(client: PGlite, statements: Statement[]) {
  const start = performance.now();
  for (const { text, values } of statements) await client.query(text, values, { rowMode: "array" });
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------
// A view measured: the route over HTTP, alternated request by request with its own SQL

export type ViewFigures = {
  first: number;
  p50: number;
  p95: number;
  sqlP50: number;
  /** Route ÷ its own SQL at the median; the overhead of the app around its queries. */
  ratio: number;
  statements: number;
  bytes: number;
};

/**
 * The first request (cold for this route in this process), then `times` rounds of: the request
 * over HTTP while its SQL is recorded, then that SQL replayed. Alternating keeps the two under the
 * same load, so their ratio means something on a shared machine.
 */
export async function measureView(
  server: { origin: string },
  recorder: ReturnType<typeof sqlRecorder>,
  view: { path: string; headers: Record<string, string>; tenantId: string },
  times = Number(process.env.BENCH_TIMES ?? 30),
): Promise<ViewFigures> {
  const get = () => getOk(server.origin, view.path, view.headers);
  const firstStart = performance.now();
  const bytes = await get();
  const first = performance.now() - firstStart;
  const route: number[] = [];
  const sql: number[] = [];
  let statements = 0;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const captured = await recorder.capture(get);
    route.push(performance.now() - start);
    statements = captured.statements.length;
    sql.push(await recorder.replay(captured.statements, view.tenantId));
  }
  const p50 = percentile(route, 0.5);
  const sqlP50 = percentile(sql, 0.5);
  return { first, p50, p95: percentile(route, 0.95), sqlP50, ratio: p50 / sqlP50, statements, bytes };
}
