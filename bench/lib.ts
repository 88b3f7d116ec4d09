// Shared by the benchmarks: run on PGlite and on a fresh PostgreSQL database, build a generated
// tenant through the real HR import, and time requests by their median. Not a benchmark itself
// (bench/run.ts skips this file).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { connectPglite, connectPostgres, type Database } from "../src/server/core/db.ts";
import { generateOrg } from "../src/server/demo/synthetic.ts";
import { applyImport, prepareImport } from "../src/server/org/import-service.ts";
import * as orgStore from "../src/server/org/store.ts";

const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ??
  process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

/** Which databases to run on, e.g. BENCH_DATABASES=postgres. */
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");

export const seconds = (start: number) => (performance.now() - start) / 1000;
export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Runs `work` on embedded PGlite and on a new database on the local PostgreSQL (dropped afterwards). */
export async function onEachDatabase<T>(
  work: (database: Database, label: "PGlite" | "PostgreSQL") => Promise<T[]>,
) {
  const results: T[] = [];
  if (DATABASES.includes("pglite")) {
    const embedded = await connectPglite();
    await embedded.migrate();
    results.push(...(await work(embedded, "PGlite")));
    await embedded.close();
  }
  if (!DATABASES.includes("postgres")) return results;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!reachable) {
    console.log(`PostgreSQL at ${POSTGRES_URL} not reachable: skipped`);
    return results;
  }
  const name = `tillit_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const server = await connectPostgres(url.toString());
    await server.migrate();
    results.push(...(await work(server, "PostgreSQL")));
    await server.close();
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
  return results;
}

/** A tenant with a generated chain of `employees` people in `units` units, written by the HR import. */
export async function syntheticTenant(
  database: Database,
  options: { employees: number; units: number; seed: number },
) {
  const tenant = await orgStore.createTenant(database.db, {
    slug: `bench-${randomBytes(3).toString("hex")}`,
    name: "Benchkommun",
  });
  const files = generateOrg(options);
  const { id } = await prepareImport(database.db, {
    tenantId: tenant.id,
    createdBy: null,
    fullImport: true,
    ...files,
  });
  await applyImport(database.db, id);
  return tenant;
}

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
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
  return { first, median: at(0.5), p90: at(0.9) };
}
