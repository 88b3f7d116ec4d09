import { and, desc, eq, lte, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "./db.ts";
import { job, jobSchedule } from "./tables.ts";

export type JobRow = typeof job.$inferSelect;
export type JobContext = {
  db: Db;
  job: JobRow;
  /**
   * Records progress and refreshes the heartbeat. On PGlite a transaction held by the handler blocks
   * every other query, so call this between transactions, never inside one.
   */
  progress(done: number, total: number, label?: string): Promise<void>;
};
/** Does the job's work; the value it returns is stored as the job's result. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;
type Log = { info(object: object, message?: string): void; error(object: object, message?: string): void };

export async function enqueueJob(
  db: Db,
  input: {
    kind: string;
    tenantId?: string | null;
    payload?: unknown;
    createdBy?: string | null;
    runAt?: Date;
    maxAttempts?: number;
  },
): Promise<JobRow> {
  const [row] = await db
    .insert(job)
    .values({
      kind: input.kind,
      tenantId: input.tenantId ?? null,
      payload: input.payload ?? {},
      createdBy: input.createdBy ?? null,
      runAt: input.runAt ?? new Date(),
      maxAttempts: input.maxAttempts ?? 3,
    })
    .returning();
  return row;
}

export async function getJob(db: Db, id: number): Promise<JobRow | null> {
  const [row] = await db.select().from(job).where(eq(job.id, id));
  return row ?? null;
}

export async function listJobs(
  db: Db,
  filter: { tenantId?: string; status?: JobRow["status"]; limit: number },
): Promise<JobRow[]> {
  const conditions: SQL[] = [];
  if (filter.tenantId) conditions.push(eq(job.tenantId, filter.tenantId));
  if (filter.status) conditions.push(eq(job.status, filter.status));
  return db
    .select()
    .from(job)
    .where(and(...conditions))
    .orderBy(desc(job.id))
    .limit(filter.limit);
}

/** Declares a recurring job; calling it again (every start) keeps the schedule's next run. */
export async function ensureSchedule(
  db: Db,
  schedule: { name: string; kind: string; payload?: unknown; intervalSeconds: number; firstRunAt?: Date },
): Promise<void> {
  await db
    .insert(jobSchedule)
    .values({
      name: schedule.name,
      kind: schedule.kind,
      payload: schedule.payload ?? {},
      intervalSeconds: schedule.intervalSeconds,
      nextRunAt: schedule.firstRunAt ?? new Date(),
    })
    .onConflictDoUpdate({
      target: jobSchedule.name,
      set: {
        kind: schedule.kind,
        payload: schedule.payload ?? {},
        intervalSeconds: schedule.intervalSeconds,
      },
    });
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at an hour. */
export const backoffSeconds = (attempts: number): number => Math.min(3600, 5 * 2 ** attempts);

type ClaimedRow = { id: number };

/**
 * Claims the oldest due job. The sub-select's FOR UPDATE SKIP LOCKED makes concurrent claimers
 * on PostgreSQL pass over each other's rows, so no job is ever handed to two workers.
 */
async function claimNext(db: Db, workerId: string): Promise<JobRow | null> {
  const [claimed] = await queryRows<ClaimedRow>(
    db,
    sql`update job set status = 'running', locked_by = ${workerId}, locked_at = now(), heartbeat_at = now(),
          attempts = attempts + 1
        where id = (select id from job where status = 'queued' and run_at <= now()
                    order by run_at, id for update skip locked limit 1)
        returning id`,
  );
  return claimed ? getJob(db, Number(claimed.id)) : null;
}

/**
 * Running jobs whose heartbeat stopped — their process died — go back to the queue, or fail when
 * they have used their attempts. Returns how many were recovered.
 */
export async function recoverStaleJobs(db: Db, leaseSeconds: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update job set
          status = case when attempts >= max_attempts then 'failed' else 'queued' end,
          finished_at = case when attempts >= max_attempts then now() else null end,
          last_error = 'The server stopped while the job was running',
          locked_by = null, run_at = now()
        where status = 'running' and heartbeat_at < now() - make_interval(secs => ${leaseSeconds})
        returning id`,
  );
  return rows.length;
}

/** Enqueues the due runs of recurring jobs; the UPDATE … RETURNING lets exactly one instance win each run. */
export async function enqueueDueSchedules(db: Db): Promise<number> {
  const due = await db
    .update(jobSchedule)
    .set({ nextRunAt: sql`now() + make_interval(secs => ${jobSchedule.intervalSeconds})` })
    .where(lte(jobSchedule.nextRunAt, sql`now()`))
    .returning();
  for (const schedule of due) {
    await db.insert(job).values({
      kind: schedule.kind,
      payload: schedule.payload,
      scheduleName: schedule.name,
      maxAttempts: 1,
    });
  }
  return due.length;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/** Polls the queue and runs jobs one at a time; several workers (instances) may share one database. */
export class JobWorker {
  private readonly db: Db;
  private readonly handlers: Record<string, JobHandler>;
  private readonly workerId: string;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly log?: Log;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private lastRecovery = 0;

  constructor(options: {
    db: Db;
    handlers: Record<string, JobHandler>;
    workerId: string;
    pollMs?: number;
    leaseSeconds?: number;
    log?: Log;
  }) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.workerId = options.workerId;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.log = options.log;
  }

  start(): void {
    this.stopped = false;
    this.schedulePoll(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and runs at most one due job; true when one ran. */
  async runOnce(): Promise<boolean> {
    const claimed = await claimNext(this.db, this.workerId);
    if (!claimed) return false;
    await this.execute(claimed);
    return true;
  }

  private schedulePoll(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => this.schedulePoll(this.pollMs));
    }, delay);
    this.timer.unref();
  }

  private async poll() {
    try {
      if (Date.now() - this.lastRecovery > (this.leaseSeconds * 1000) / 2) {
        this.lastRecovery = Date.now();
        const recovered = await recoverStaleJobs(this.db, this.leaseSeconds);
        if (recovered) this.log?.info({ recovered }, "re-queued jobs whose worker stopped");
      }
      await enqueueDueSchedules(this.db);
      while (!this.stopped && (await this.runOnce())) {
        // keep draining due jobs before sleeping
      }
    } catch (error) {
      this.log?.error({ err: error }, "job poll failed");
    }
  }

  private async execute(row: JobRow) {
    const handler = this.handlers[row.kind];
    const heartbeat = setInterval(
      () => {
        this.db
          .update(job)
          .set({ heartbeatAt: new Date() })
          .where(eq(job.id, row.id))
          .catch(() => {});
      },
      (this.leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    try {
      if (!handler) throw new PermanentJobError(`No handler for job kind "${row.kind}"`);
      const result = await handler({
        db: this.db,
        job: row,
        progress: (done, total, label) => this.progress(row.id, done, total, label),
      });
      await this.db
        .update(job)
        .set({ status: "succeeded", result: result ?? null, finishedAt: new Date(), lockedBy: null })
        .where(eq(job.id, row.id));
    } catch (error) {
      await this.fail(row, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async progress(id: number, done: number, total: number, label?: string) {
    await this.db
      .update(job)
      .set({ progress: done, progressTotal: total, progressLabel: label ?? null, heartbeatAt: new Date() })
      .where(eq(job.id, id));
  }

  private async fail(row: JobRow, error: unknown) {
    const final = error instanceof PermanentJobError || row.attempts >= row.maxAttempts;
    this.log?.error(
      { jobId: row.id, kind: row.kind, err: error },
      final ? "job failed" : "job failed, will retry",
    );
    await this.db
      .update(job)
      .set(
        final
          ? { status: "failed", lastError: errorText(error), finishedAt: new Date(), lockedBy: null }
          : {
              status: "queued",
              lastError: errorText(error),
              lockedBy: null,
              runAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000),
            },
      )
      .where(eq(job.id, row.id));
  }
}

/** A failure that retrying cannot fix (bad payload, unknown kind): the job fails at once. */
export class PermanentJobError extends Error {}
