import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { SYSTEM, walledPool } from "./tenant-wall.ts";

export type Db = PgDatabase<PgQueryResultHKT>;
type DatabaseKind = "pglite" | "postgres";

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Applies the committed SQL migrations; on PostgreSQL under an advisory lock so instances can start together. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../drizzle");
// Any constant will do; it only has to be the same for every Tillit instance.
const MIGRATION_LOCK_KEY = 7_411_311;

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function connectPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = walledPool(new pg.Pool({ connectionString: url, max: poolSize }));
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        // Migrations are the system's work: they may read and change every tenant's rows.
        await client.query("select set_config('tillit.tenant', $1, false)", [SYSTEM]);
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite in one process. A lock file in the data directory refuses a second process, which
 * would otherwise open the same files and corrupt them. `dataDir` undefined means in memory.
 */
export async function connectPglite(dataDir?: string): Promise<Database> {
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = takeLockFile(path.join(dataDir, "tillit.lock"));
  }
  // pg_trgm: searches that match any part of a name are served by trigram indexes (migration 0013).
  const client = new PGlite({
    dataDir: dataDir ? path.join(dataDir, "pglite") : undefined,
    extensions: { pg_trgm },
  });
  await client.waitReady;
  return pgliteDatabase(client, releaseLock);
}

/** Wraps an open PGlite instance (tests clone a migrated one, which is faster than starting anew). */
export function pgliteDatabase(client: PGlite, releaseLock = () => {}): Database {
  return {
    db: drizzlePglite(client) as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

export function connectDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? connectPostgres(options.databaseUrl) : connectPglite(options.dataDir);
}

export class DataDirLockedError extends Error {}

function takeLockFile(lockPath: string): () => void {
  const holder = readLockHolder(lockPath);
  if (holder !== null && holder !== process.pid && isProcessAlive(holder)) {
    throw new DataDirLockedError(
      `The data directory is in use by another Tillit process (pid ${holder}). Stop it first, or set DATA_DIR to another directory.`,
    );
  }
  fs.writeFileSync(lockPath, String(process.pid));
  return () => {
    if (readLockHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
}

function readLockHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export { sql };

/**
 * Whether the database is embedded PGlite: one connection, so a query from outside a running
 * transaction waits for it to end (work that reports progress mid-transaction must not).
 */
export const isSingleConnection = (db: Db): boolean =>
  (db as unknown as { $client?: unknown }).$client instanceof PGlite;
