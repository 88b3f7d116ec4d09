import type { ServerModule } from "../core/module.ts";
import { importRoutes, ORG_IMPORT_JOB_KIND, orgImportJobHandler } from "./import-routes.ts";
import { orgRoutes } from "./routes.ts";

export const orgModule: ServerModule = {
  name: "org",
  routes: [orgRoutes, importRoutes],
  jobs: [{ kind: ORG_IMPORT_JOB_KIND, handler: () => orgImportJobHandler }],
};
