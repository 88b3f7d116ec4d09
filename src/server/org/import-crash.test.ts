// Kills the real server with SIGKILL in the middle of a large import, then starts it again: the
// database must hold no half import, and the job must be retried to completion. Runs against the
// embedded database (the default of `npm start`) and, in the PostgreSQL pass, against PostgreSQL.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, queryRows } from "../core/db.ts";
import { getJob } from "../core/jobs.ts";
import { createSession } from "../core/sessions.ts";
import { generateOrg } from "../demo/synthetic.ts";
import {
  prepareTenant,
  type ServerTarget,
  serverForSuite,
  serverTargets,
  sessionCall,
  until,
} from "../testing/server-process.ts";

const EMPLOYEES = 20_000;

/** Resolves once the import is writing rows inside its transaction. */
const untilWriting = {
  // Progress is written on another connection while the import's transaction is open.
  async postgres(target: ServerTarget, jobId: number) {
    const database = await target.open();
    await until("the import to be writing", async () => {
      const job = await getJob(database.db, jobId);
      return job?.status === "running" && job.progress > 0 && job.progressLabel !== "checking";
    });
    await database.close();
  },
  // PGlite has one connection: while the import's transaction is open even the health check
  // waits. The import checks the files again inside its transaction, so the first stall is the
  // transaction; 0.7 s later it is writing (at 20,000 people it stays open about 3 s here — if
  // it has committed by the kill, the counts below differ and the test fails rather than passes).
  async pglite(_target: ServerTarget, _jobId: number, port: number) {
    await until("the server to stall on the import", async () => {
      const answered = await fetch(`http://127.0.0.1:${port}/api/health`, {
        signal: AbortSignal.timeout(400),
      }).then(
        () => true,
        () => false,
      );
      return !answered;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
  },
};

describe.each(serverTargets)("an import killed by SIGKILL on %s", (_, makeTarget) => {
  const suite = serverForSuite(makeTarget, { JOB_LEASE_SECONDS: "3", JOB_POLL_MS: "100" });

  it("leaves nothing half-written and completes the import after a restart", async () => {
    const { target, port, server } = suite;
    const { setup, tenant, admin: importer } = await prepareTenant(target, "Kraschkommun", "Imma Import");
    const session = await createSession(
      setup.db,
      { tenantId: tenant.id, personId: importer.id },
      { idleMinutes: 60, absoluteHours: 12 },
    );
    await setup.close();
    const call = sessionCall(port, session);
    const counts = (db: Database["db"]) =>
      queryRows<{ units: number; people: number; memberships: number }>(
        db,
        sql`select (select count(*) from unit)::int as units, (select count(*) from person)::int as people,
                   (select count(*) from membership)::int as memberships`,
      ).then((rows) => rows[0]);
    const before = await server.inspect(counts);

    await server.start();
    const files = generateOrg({ employees: EMPLOYEES, units: 1_500, seed: 42 });
    const upload = await call("POST", "/api/org/imports", { ...files, fullImport: false });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const commit = await call("POST", `/api/org/imports/${id}/commit`, {});
    expect(commit.status).toBe(202);
    const { jobId } = (await commit.json()) as { jobId: number };

    await untilWriting[target.kind](target, jobId, port);
    await server.kill();

    await server.inspect(async (db) => {
      expect(await counts(db)).toEqual(before);
      expect((await getJob(db, jobId))?.status).toBe("running"); // its server is gone; nobody has noticed yet
    });

    await server.start();
    await until("the retried import", async () => {
      const status = (await (await call("GET", `/api/org/imports/${id}`)).json()) as { status: string };
      return ["succeeded", "failed"].includes(status.status);
    });
    await server.kill();
    await server.inspect(async (db) => {
      const job = await getJob(db, jobId);
      expect(job).toMatchObject({ status: "succeeded", attempts: 2 });
      const after = await counts(db);
      expect(after.people).toBe(before.people + EMPLOYEES);
      expect(after.units).toBe(before.units + 1_500);
    });
  }, 300_000); // a fresh PGlite data directory and two server starts take long on a loaded machine
});
