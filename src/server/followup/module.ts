import type { ServerModule } from "../core/module.ts";
import { seedFollowupDemo } from "./demo.ts";
import { REMINDER_JOB_KIND, reminderJobHandler } from "./notices.ts";
import { followupRoutes } from "./routes.ts";

export const followupModule: ServerModule = {
  name: "followup",
  routes: [followupRoutes],
  jobs: [
    {
      kind: REMINDER_JOB_KIND,
      handler: ({ mailer }) => reminderJobHandler(mailer),
      every: { name: "followup-reminders", intervalSeconds: 6 * 3600 },
    },
  ],
  demo: (db, { tenantId }) => seedFollowupDemo(db, tenantId),
};
