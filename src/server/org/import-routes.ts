// SCAFFOLD — replaced by the import work.
import type { FastifyInstance } from "fastify";
import type { JobHandler } from "../core/jobs.ts";
export const ORG_IMPORT_JOB_KIND = "org.import";
export async function importRoutes(_app: FastifyInstance) {}
export const orgImportJobHandler: JobHandler = async () => {
  throw new Error("not built");
};
