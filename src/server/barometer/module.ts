// The trust barometer in the application: its routes, the recurring job that keeps the rounds'
// clock, its demo rounds and its audit actions in words. Answering is not among the actions: it is
// never audited (docs/privacy.md).
import type { ServerModule } from "../core/module.ts";
import { seedBarometerDemo } from "./demo.ts";
import { ROUNDS_JOB_KIND, roundsJobHandler } from "./rounds-service.ts";
import { barometerRoutes } from "./routes.ts";

export const barometerModule: ServerModule = {
  name: "barometer",
  routes: [barometerRoutes],
  jobs: [
    {
      kind: ROUNDS_JOB_KIND,
      handler: ({ mailer, sealer }) => roundsJobHandler(mailer, sealer),
      every: { name: "barometer-rounds", intervalSeconds: 3600 },
    },
  ],
  demo: (db, { tenantId }) => seedBarometerDemo(db, tenantId),
  auditActions: {
    "barometer.item.create": {
      sv: "Lade till en fråga i tillitsbarometern",
      en: "Added a question to the trust barometer",
    },
    "barometer.settings.update": {
      sv: "Ändrade tillitsbarometerns inställningar",
      en: "Changed the trust barometer's settings",
    },
    "barometer.round.create": {
      sv: "Startade en omgång av tillitsbarometern",
      en: "Started a trust barometer round",
    },
    "barometer.round.close": {
      sv: "Stängde en omgång av tillitsbarometern",
      en: "Closed a trust barometer round",
    },
    "barometer.discussion.create": {
      sv: "Antecknade samtalet om resultaten",
      en: "Noted the conversation about the results",
    },
  },
};
