// The platform's own background work, registered like a module's: mail delivery and housekeeping
// (expired sessions, old rate-limit counters). Core knows no module; this is core's own entry.
import { sessionPolicy } from "./http.ts";
import { MAIL_JOB_KIND, mailJobHandler } from "./mail.ts";
import type { ServerModule } from "./module.ts";
import { purgeHitsOlderThan } from "./rate-limit.ts";
import { purgeExpiredSessions } from "./sessions.ts";

export const platformModule: ServerModule = {
  name: "platform",
  routes: [],
  jobs: [
    {
      kind: MAIL_JOB_KIND,
      handler: ({ mailer }) => mailJobHandler(mailer),
      every: { name: "mail-delivery", intervalSeconds: 30 },
    },
    {
      kind: "core.housekeeping",
      handler:
        ({ config }) =>
        async ({ db }) => {
          await purgeExpiredSessions(db, sessionPolicy(config));
          await purgeHitsOlderThan(db, 24 * 3_600_000);
          return { ok: true };
        },
      every: { name: "housekeeping", intervalSeconds: 3600 },
    },
  ],
};
