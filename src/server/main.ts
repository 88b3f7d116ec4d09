import pino from "pino";
import { buildApp } from "./app.ts";
import { loadConfig } from "./core/config.ts";
import { connectDatabase, DataDirLockedError } from "./core/db.ts";
import { ensureSchedule, JobWorker } from "./core/jobs.ts";
import { createMailer } from "./core/mail.ts";
import { createSealer, sealKeyOf } from "./core/seal.ts";
import { seedDemo } from "./demo/seed.ts";
import { MODULES } from "./modules.ts";

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
  const sealer = createSealer(sealKeyOf(config));
  const app = await buildApp({ config, database, mailer, sealer, logger: { level: config.logLevel } });
  const jobs = MODULES.flatMap((module) => module.jobs ?? []);
  const worker = new JobWorker({
    db: database.db,
    workerId: config.workerId,
    leaseSeconds: config.jobLeaseSeconds,
    pollMs: config.jobPollMs,
    log,
    handlers: Object.fromEntries(
      jobs.map((job) => [job.kind, job.handler({ db: database.db, config, mailer, sealer })]),
    ),
  });
  for (const job of jobs) {
    if (job.every) await ensureSchedule(database.db, { ...job.every, kind: job.kind });
  }
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
