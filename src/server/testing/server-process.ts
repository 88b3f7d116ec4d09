// The real server as a child process, for the tests that kill it (SIGKILL) and start it again: a free
// port, waiting for a condition, the database it runs on (embedded PGlite in a temporary DATA_DIR,
// or a fresh PostgreSQL database when TEST_DATABASE_URL is set) and a signed-in client over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { connectPglite, connectPostgres, type Database } from "../core/db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../core/http.ts";
import * as orgStore from "../org/store.ts";
import { addPerson, addUnit } from "./app.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, "../../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every 50 ms until it answers something truthy (a thrown error counts as not yet). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => null);
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Where the server keeps its data, and how the test looks at it between runs. */
export type ServerTarget = {
  kind: "postgres" | "pglite";
  env: NodeJS.ProcessEnv;
  /** The database as the test sees it; PGlite can only be opened while the server is down. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

async function postgresTarget(): Promise<ServerTarget> {
  const name = `tillit_crash_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    env: { DATABASE_URL: url.toString() },
    open: () => connectPostgres(url.toString(), 2),
    async cleanup() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

function pgliteTarget(): ServerTarget {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-crash-"));
  return {
    kind: "pglite",
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    open: () => connectPglite(dataDir),
    async cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each pass of the suite tests its own kind of database: `describe.each(serverTargets)`. */
export const serverTargets: [string, () => Promise<ServerTarget> | ServerTarget][] = serverUrl
  ? [["PostgreSQL", postgresTarget]]
  : [["embedded PGlite", pgliteTarget]];

/** `npm start`'s server on `target`, started and killed by the test. */
export function serverProcess(target: ServerTarget, port: number, env: NodeJS.ProcessEnv = {}) {
  let server: ChildProcess | null = null;
  // One key for every start, so answers sealed before a kill open after it; never a key file on disk.
  const sealKey = randomBytes(32).toString("base64");
  return {
    async start() {
      server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
        cwd: root,
        env: {
          ...process.env,
          ...target.env,
          PORT: String(port),
          TILLIT_DEMO: "off",
          LOG_LEVEL: "error",
          TILLIT_SEAL_KEY: sealKey,
          ...env,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      await until("the server", async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok);
    },
    async kill() {
      server?.kill("SIGKILL");
      if (server && server.exitCode === null) await new Promise((resolve) => server?.once("exit", resolve));
      server = null;
    },
    /** Opens the database for the test, runs `work`, and closes it again. */
    async inspect<T>(work: (db: Database["db"]) => Promise<T>): Promise<T> {
      const database = await target.open();
      try {
        return await work(database.db);
      } finally {
        await database.close();
      }
    },
  };
}

/**
 * For one `describe` pass: the target made and a free port found before its tests, the server
 * killed and the target cleaned up after them. The fields are set once `beforeAll` has run.
 */
export function serverForSuite(
  makeTarget: () => Promise<ServerTarget> | ServerTarget,
  env: NodeJS.ProcessEnv = {},
) {
  const suite = {} as { target: ServerTarget; port: number; server: ReturnType<typeof serverProcess> };
  beforeAll(async () => {
    suite.target = await makeTarget();
    suite.port = await freePort();
    suite.server = serverProcess(suite.target, suite.port, env);
  });
  afterAll(async () => {
    await suite.server?.kill();
    await suite.target?.cleanup();
  });
  return suite;
}

/**
 * Opens the target's database (the server must be down on PGlite), migrates it and adds a tenant
 * with its board and an administrator there. The caller adds what it needs and closes `setup`.
 */
export async function prepareTenant(target: ServerTarget, tenantName: string, adminName: string) {
  const setup = await target.open();
  await setup.migrate();
  const slug = tenantName.toLowerCase();
  const tenant = await orgStore.createTenant(setup.db, { slug, name: tenantName });
  const board = await addUnit(setup.db, tenant.id, null, "Kommunstyrelsen", "namnd", "KS");
  const admin = await addPerson(setup.db, tenant.id, adminName, [[board.id, "admin"]]);
  return { setup, tenant, board, admin };
}

/** Requests as the web app sends them: the session cookie and the CSRF header. */
export const sessionCall =
  (port: number, session: { token: string; csrfToken: string }) =>
  (method: string, url: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        [CSRF_HEADER]: session.csrfToken,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
