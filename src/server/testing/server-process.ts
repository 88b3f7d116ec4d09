// The real server as a child process, for the tests that kill it (SIGKILL) and start it again, and
// for the one that runs several instances on one database: a free port, waiting for a condition,
// the database it runs on (embedded PGlite in a temporary DATA_DIR, or a fresh PostgreSQL database
// when TEST_DATABASE_URL is set) and a signed-in client over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { connectPglite, connectPostgres, type Database } from "../core/db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../core/http.ts";
import * as orgStore from "../org/store.ts";
import { addPerson, addUnit } from "./app.ts";
import { createTestDatabase } from "./db.ts";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
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

/**
 * Where the server keeps its data, and how the test looks at it between runs. `env` holds the
 * installation's settings, its seal key too: every server started on the target gets the same key,
 * so answers sealed by one (or before a kill) open in another (or after it). No key file on disk.
 */
export type ServerTarget = {
  kind: "postgres" | "pglite";
  env: NodeJS.ProcessEnv;
  /** The database as the test sees it; PGlite can only be opened while the server is down. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

const newSealKey = () => randomBytes(32).toString("base64");

/**
 * A new database owned by the ordinary role the servers connect as, so the tenant wall (row-level
 * security) holds for them as in a deployment; the test's own connections work as the system ('*').
 */
export async function postgresTarget(): Promise<ServerTarget> {
  const database = await createTestDatabase();
  const url = database.url as string;
  return {
    kind: "postgres",
    env: { DATABASE_URL: url, TILLIT_SEAL_KEY: newSealKey() },
    open: () => connectPostgres(url, 2),
    cleanup: () => database.close(),
  };
}

function pgliteTarget(): ServerTarget {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-crash-"));
  return {
    kind: "pglite",
    env: { DATA_DIR: dataDir, DATABASE_URL: "", TILLIT_SEAL_KEY: newSealKey() },
    open: () => connectPglite(dataDir),
    async cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each pass of the suite tests its own kind of database: `describe.each(serverTargets)`. */
export const serverTargets: [string, () => Promise<ServerTarget> | ServerTarget][] = onPostgres
  ? [["PostgreSQL", postgresTarget]]
  : [["embedded PGlite", pgliteTarget]];

/** `npm start`'s server on `target`, started and killed by the test. */
export function serverProcess(target: ServerTarget, port: number, env: NodeJS.ProcessEnv = {}) {
  let server: ChildProcess | null = null;
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

type Instance = { port: number; server: ReturnType<typeof serverProcess> };

/**
 * For one `describe` pass: the target made and `count` instances of the server prepared on it, each
 * on a port of its own with its own WORKER_ID, as an installation behind a load balancer runs them;
 * after the tests every instance is killed and the target cleaned up. Set once `beforeAll` has run.
 */
export function instancesForSuite(
  makeTarget: () => Promise<ServerTarget> | ServerTarget,
  count: number,
  env: NodeJS.ProcessEnv = {},
) {
  const suite = { instances: [] as Instance[] } as { target: ServerTarget; instances: Instance[] };
  beforeAll(async () => {
    suite.target = await makeTarget();
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    suite.instances = ports.map((port, n) => ({
      port,
      server: serverProcess(suite.target, port, { WORKER_ID: `instance-${n}`, ...env }),
    }));
  });
  afterAll(async () => {
    await Promise.all(suite.instances.map(({ server }) => server.kill()));
    await suite.target?.cleanup();
  });
  return suite;
}

/** One instance for one `describe` pass (see `instancesForSuite`). */
export function serverForSuite(
  makeTarget: () => Promise<ServerTarget> | ServerTarget,
  env: NodeJS.ProcessEnv = {},
) {
  const suite = instancesForSuite(makeTarget, 1, env);
  return {
    get target() {
      return suite.target;
    },
    get port() {
      return suite.instances[0].port;
    },
    get server() {
      return suite.instances[0].server;
    },
  };
}

/**
 * Opens the target's database (the server must be down on PGlite), migrates it and adds a tenant
 * with its board and an administrator there. The caller adds what it needs and closes `setup`.
 */
export async function prepareTenant(target: ServerTarget, tenantName: string, adminName: string) {
  const setup = await target.open();
  await setup.migrate();
  return { setup, ...(await addTenant(setup.db, tenantName, adminName)) };
}

/** A tenant with its board (code KS) and an administrator on it. */
export async function addTenant(db: Database["db"], tenantName: string, adminName: string) {
  const slug = tenantName.toLowerCase();
  const tenant = await orgStore.createTenant(db, { slug, name: tenantName });
  const board = await addUnit(db, tenant.id, null, "Kommunstyrelsen", "namnd", "KS");
  const admin = await addPerson(db, tenant.id, adminName, [[board.id, "admin"]]);
  return { tenant, board, admin };
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
