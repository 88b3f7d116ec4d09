import pino from "pino";
import { buildApp } from "./app.ts";
import { ROUNDS_JOB_KIND, roundsJobHandler } from "./barometer/service.ts";
import { loadConfig } from "./core/config.ts";
import { connectDatabase, DataDirLockedError } from "./core/db.ts";
import { sessionPolicy } from "./core/http.ts";
import { ensureSchedule, JobWorker } from "./core/jobs.ts";
import { createMailer, MAIL_JOB_KIND, mailJobHandler } from "./core/mail.ts";
import { purgeHitsOlderThan } from "./core/rate-limit.ts";
import { purgeExpiredSessions } from "./core/sessions.ts";
import { seedDemo } from "./demo/seed.ts";
import { REMINDER_JOB_KIND, reminderJobHandler } from "./followup/notices.ts";
import { ORG_IMPORT_JOB_KIND, orgImportJobHandler } from "./org/import-routes.ts";

const HOUSEKEEPING_JOB_KIND = "core.housekeeping";

/** Reads configuration, migrates, seeds the demo on a first embedded start, runs jobs and serves. */
async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const database = await connectDatabase(config).catch((error) => {
    if (error instanceof DataDirLockedError) {
      log.fatal(error.message);
      process.exit(1);
    }
    throw error;
  });
  await database.migrate();
  if (database.kind === "pglite" && config.demo) {
    const demo = await seedDemo(database.db, { log: (message: string) => log.info(message) });
    if (demo.created) log.info("Seeded the demo organisation Exempelkommun (password tillit-demo)");
  }

  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp({ config, database, mailer, logger: { level: config.logLevel } });
  const worker = new JobWorker({
    db: database.db,
    workerId: config.workerId,
    leaseSeconds: config.jobLeaseSeconds,
    pollMs: config.jobPollMs,
    log,
    handlers: {
      [ORG_IMPORT_JOB_KIND]: orgImportJobHandler,
      [MAIL_JOB_KIND]: mailJobHandler(mailer),
      [REMINDER_JOB_KIND]: reminderJobHandler(mailer),
      [ROUNDS_JOB_KIND]: roundsJobHandler(mailer),
      [HOUSEKEEPING_JOB_KIND]: async () => {
        await purgeExpiredSessions(database.db, sessionPolicy(config));
        await purgeHitsOlderThan(database.db, 24 * 3_600_000);
        return { ok: true };
      },
    },
  });
  await ensureSchedule(database.db, { name: "mail-delivery", kind: MAIL_JOB_KIND, intervalSeconds: 30 });
  await ensureSchedule(database.db, {
    name: "housekeeping",
    kind: HOUSEKEEPING_JOB_KIND,
    intervalSeconds: 3600,
  });
  await ensureSchedule(database.db, {
    name: "followup-reminders",
    kind: REMINDER_JOB_KIND,
    intervalSeconds: 6 * 3600,
  });
  await ensureSchedule(database.db, {
    name: "barometer-rounds",
    kind: ROUNDS_JOB_KIND,
    intervalSeconds: 3600,
  });
  worker.start();

  await app.listen({ port: config.port, host: config.host });
  log.info(`Tillit is running on http://${config.host}:${config.port} (database: ${database.kind})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests and jobs`);
    await app.close();
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
