import type { ServerModule } from "../core/module.ts";
import { seedBarometerDemo } from "./demo.ts";
import { barometerRoutes } from "./routes.ts";
import { ROUNDS_JOB_KIND, roundsJobHandler } from "./service.ts";

export const barometerModule: ServerModule = {
  name: "barometer",
  routes: [barometerRoutes],
  jobs: [
    {
      kind: ROUNDS_JOB_KIND,
      handler: ({ mailer }) => roundsJobHandler(mailer),
      every: { name: "barometer-rounds", intervalSeconds: 3600 },
    },
  ],
  demo: (db, { tenantId }) => seedBarometerDemo(db, tenantId),
};
