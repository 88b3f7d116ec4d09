import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { connectPglite, connectPostgres, type Database, pgliteDatabase } from "../core/db.ts";

// Starting PGlite costs seconds; a migrated template per test worker is cloned instead.
let pgliteTemplate: Promise<PGlite> | null = null;
async function migratedPgliteClone(): Promise<Database> {
  pgliteTemplate ??= connectPglite().then(async (template) => {
    await template.migrate();
    return (template.db as unknown as { $client: PGlite }).$client;
  });
  const clone = (await (await pgliteTemplate).clone()) as PGlite;
  return pgliteDatabase(clone);
}

/** The ordinary role the application connects as on PostgreSQL, so row-level security applies to it. */
export const APP_ROLE = "tillit_app";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server at TEST_DATABASE_URL (dropped again on close). `npm test` runs the suite
 * both ways. On PostgreSQL the database belongs to an ordinary role and the tests connect as it,
 * as a deployment should: the tenant wall (row-level security) holds in every test. `adminUrl`
 * reaches the same database as the server's superuser, for the tests that read its data files.
 */
export async function createTestDatabase(): Promise<Database & { url?: string; adminUrl?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createPostgresDatabase(serverUrl) : migratedPgliteClone();
}

/**
 * A new, migrated database on the PostgreSQL server at `serverUrl`, owned by and connected as
 * APP_ROLE (dropped again on close). The benchmarks use it too, so they pay row-level security
 * as a deployment does.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  poolSize = 5,
): Promise<Database & { url: string; adminUrl: string }> {
  const name = `tillit_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(
      `do $$ begin create role ${APP_ROLE} login; exception when duplicate_object or unique_violation then null; end $$`,
    );
    await client.query(`create database ${name} owner ${APP_ROLE}`);
  });
  const adminUrl = databaseUrlFor(serverUrl, name);
  const url = databaseUrlFor(serverUrl, name, APP_ROLE);
  const database = await connectPostgres(url, poolSize);
  await database.migrate();
  return {
    ...database,
    url,
    adminUrl,
    async close() {
      await database.close();
      await withAdminClient(serverUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

export const testDatabaseKind = (): "pglite" | "postgres" =>
  process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

function databaseUrlFor(serverUrl: string, name: string, user?: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
