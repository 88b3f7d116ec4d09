import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKind } from "../testing/db.ts";
import { connectPostgres, type Database, queryRows } from "./db.ts";
import {
  backoffSeconds,
  enqueueDueSchedules,
  enqueueJob,
  ensureSchedule,
  getJob,
  JobWorker,
  PermanentJobError,
  recoverStaleJobs,
} from "./jobs.ts";
import { job, jobSchedule } from "./tables.ts";

const open: Database[] = [];
async function database() {
  const created = await createTestDatabase();
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const database of open.splice(0).reverse()) await database.close();
});

const worker = (
  db: Database["db"],
  handlers: ConstructorParameters<typeof JobWorker>[0]["handlers"],
  workerId = "test",
) => new JobWorker({ db, handlers, workerId, pollMs: 20 });

describe("backoff", () => {
  it("doubles with each attempt and is capped at an hour", () => {
    expect([1, 2, 3].map(backoffSeconds)).toEqual([10, 20, 40]);
    expect(backoffSeconds(30)).toBe(3600);
  });
});

describe("job worker", () => {
  it("runs a job, records progress and stores the result", async () => {
    const { db } = await database();
    const queued = await enqueueJob(db, { kind: "count", payload: { to: 3 } });
    const seen: number[] = [];
    const ran = await worker(db, {
      count: async ({ job: row, progress }) => {
        const { to } = row.payload as { to: number };
        for (let done = 1; done <= to; done++) {
          await progress(done, to, `steg ${done}`);
          seen.push((await getJob(db, row.id))?.progress ?? -1);
        }
        return { counted: to };
      },
    }).runOnce();
    expect(ran).toBe(true);
    expect(seen).toEqual([1, 2, 3]);
    const finished = await getJob(db, queued.id);
    expect(finished).toMatchObject({
      status: "succeeded",
      attempts: 1,
      result: { counted: 3 },
      progressLabel: "steg 3",
    });
    expect(finished?.finishedAt).toBeInstanceOf(Date);
  });

  it("retries a failing job later with backoff, then gives up after its attempts", async () => {
    const { db } = await database();
    const queued = await enqueueJob(db, { kind: "flaky", maxAttempts: 2 });
    const w = worker(db, {
      flaky: async () => {
        throw new Error("tillfälligt fel");
      },
    });
    await w.runOnce();
    const afterFirst = await getJob(db, queued.id);
    expect(afterFirst).toMatchObject({ status: "queued", attempts: 1, lastError: "tillfälligt fel" });
    expect(afterFirst?.runAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await w.runOnce()).toBe(false); // not due yet

    await db
      .update(job)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(job.id, queued.id));
    await w.runOnce();
    expect(await getJob(db, queued.id)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("fails at once on a permanent error or an unknown kind", async () => {
    const { db } = await database();
    const bad = await enqueueJob(db, { kind: "bad" });
    const unknown = await enqueueJob(db, { kind: "nobody-handles-this" });
    const w = worker(db, {
      bad: async () => {
        throw new PermanentJobError("felaktig nyttolast");
      },
    });
    await w.runOnce();
    await w.runOnce();
    expect(await getJob(db, bad.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await getJob(db, unknown.id))?.lastError).toContain("nobody-handles-this");
  });

  it("re-queues a job whose server died, or fails it when its attempts are used", async () => {
    const { db } = await database();
    const retried = await enqueueJob(db, { kind: "k", maxAttempts: 3 });
    const exhausted = await enqueueJob(db, { kind: "k", maxAttempts: 1 });
    const fresh = await enqueueJob(db, { kind: "k" });
    const stale = sql`now() - interval '10 minutes'`;
    await db
      .update(job)
      .set({ status: "running", attempts: 1, heartbeatAt: stale })
      .where(eq(job.id, retried.id));
    await db
      .update(job)
      .set({ status: "running", attempts: 1, heartbeatAt: stale })
      .where(eq(job.id, exhausted.id));
    await db
      .update(job)
      .set({ status: "running", attempts: 1, heartbeatAt: sql`now()` })
      .where(eq(job.id, fresh.id));

    expect(await recoverStaleJobs(db, 60)).toBe(2);
    expect(await getJob(db, retried.id)).toMatchObject({ status: "queued", lockedBy: null });
    expect(await getJob(db, exhausted.id)).toMatchObject({ status: "failed" });
    expect(await getJob(db, fresh.id)).toMatchObject({ status: "running" });
  });

  it("enqueues each due run of a recurring job once, however many instances ask", async () => {
    const { db } = await database();
    await ensureSchedule(db, { name: "påminnelser", kind: "remind", intervalSeconds: 3600 });
    await ensureSchedule(db, { name: "påminnelser", kind: "remind", intervalSeconds: 3600 }); // a second start
    const counts = await Promise.all([
      enqueueDueSchedules(db),
      enqueueDueSchedules(db),
      enqueueDueSchedules(db),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const jobs = await db.select().from(job).where(eq(job.kind, "remind"));
    expect(jobs).toHaveLength(1);
    expect(jobs[0].scheduleName).toBe("påminnelser");
    const [schedule] = await db.select().from(jobSchedule);
    expect(schedule.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("finishes the running job before stop() resolves", async () => {
    const { db } = await database();
    const queued = await enqueueJob(db, { kind: "slow" });
    let release = () => {};
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const w = worker(db, {
      slow: async () => {
        release();
        await new Promise((resolve) => setTimeout(resolve, 200));
        return "klar";
      },
    });
    w.start();
    await started;
    await w.stop();
    expect(await getJob(db, queued.id)).toMatchObject({ status: "succeeded", result: "klar" });
  });
});

describe.skipIf(testDatabaseKind() !== "postgres")("two instances on one PostgreSQL", () => {
  it("never run the same job twice", async () => {
    const first = (await database()) as Database & { url?: string };
    const second = await connectPostgres(first.url as string, 5);
    open.push(second);
    const total = 120;
    for (let n = 0; n < total; n++) await enqueueJob(first.db, { kind: "claim", payload: { n } });

    const runs: { n: number; by: string }[] = [];
    const handler =
      (by: string) =>
      async ({ job: row }: { job: { payload: unknown } }) => {
        runs.push({ n: (row.payload as { n: number }).n, by });
        await new Promise((resolve) => setTimeout(resolve, 2));
      };
    // Several claimers per instance, so claims really do race on the database.
    const instances = [first.db, second.db].flatMap((db, index) =>
      [0, 1, 2].map((lane) =>
        worker(db, { claim: handler(`instance-${index}`) }, `instance-${index}-${lane}`),
      ),
    );
    await Promise.all(
      instances.map(async (w) => {
        while (await w.runOnce()) {
          // drain
        }
      }),
    );

    const numbers = runs.map((run) => run.n).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: total }, (_, n) => n));
    expect(new Set(runs.map((run) => run.by)).size).toBe(2);
    const [{ count }] = await queryRows<{ count: number }>(
      first.db,
      sql`select count(*)::int as count from job where status <> 'succeeded'`,
    );
    expect(count).toBe(0);
  });
});
