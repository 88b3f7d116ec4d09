// What a server module hands the application: its routes, its background jobs, its demo data and
// the words for its audit actions. `src/server/modules.ts` lists every module once; app.ts,
// main.ts and the demo seed read that list, so a new module is its folder plus one line there.
// Tables need no line: drizzle-kit reads every `src/server/*/tables.ts`.
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.ts";
import type { Db } from "./db.ts";
import type { Text } from "./errors.ts";
import type { JobHandler } from "./jobs.ts";
import type { Mailer } from "./mail.ts";
import type { Sealer } from "./seal.ts";

/** What a job handler may need besides its job: built once per process in main.ts. */
export type JobDeps = { db: Db; config: Config; mailer: Mailer; sealer: Sealer };

export type ModuleJob = {
  kind: string;
  handler: (deps: JobDeps) => JobHandler;
  /** Set for recurring jobs: enqueued by whichever instance first advances the schedule. */
  every?: { name: string; intervalSeconds: number };
};

/**
 * Demo data for the demo tenant. Steps run in the manifest's order after the chain and the demo
 * accounts exist, inside the seed's one transaction — so a step writes through the `db` it gets.
 */
export type DemoStep = (db: Db, demo: { tenantId: string; log: (message: string) => void }) => Promise<void>;

export type ServerModule = {
  name: string;
  routes: ((app: FastifyInstance) => Promise<void>)[];
  jobs?: ModuleJob[];
  demo?: DemoStep;
  /** The module's audit actions in words, for the audit log's readers (`inventory.demand.propose` → …). */
  auditActions?: Record<string, Text>;
};

/** Every module's audit actions in words, for the audit log's readers. */
export const auditActionsOf = (modules: readonly ServerModule[]): Record<string, Text> =>
  Object.assign({}, ...modules.map((module) => module.auditActions ?? {}));
