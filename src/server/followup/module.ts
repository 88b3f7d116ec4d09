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
  auditActions: {
    "followup.assignment.update": { sv: "Uppdaterade uppdraget", en: "Updated the assignment" },
    "followup.expectation.draft": { sv: "Skrev utkast till förväntan", en: "Drafted an expectation" },
    "followup.expectation.update": { sv: "Ändrade förväntan", en: "Changed an expectation" },
    "followup.expectation.dialogue": {
      sv: "Öppnade förväntan för dialog",
      en: "Opened an expectation for dialogue",
    },
    "followup.expectation.agreed": {
      sv: "Markerade förväntan som överenskommen",
      en: "Marked an expectation agreed",
    },
    "followup.expectation.closed": { sv: "Avslutade förväntan", en: "Closed an expectation" },
    "followup.expectation.position": {
      sv: "Tog ställning till förväntan",
      en: "Took a position on an expectation",
    },
    "followup.entry.create": { sv: "Skrev en uppföljning", en: "Wrote a follow-up entry" },
    "followup.action.create": { sv: "Föreslog åtgärd", en: "Proposed an action" },
    "followup.action.accepted": { sv: "Accepterade åtgärd", en: "Accepted an action" },
    "followup.action.declined": { sv: "Avböjde åtgärd", en: "Declined an action" },
    "followup.action.in_progress": { sv: "Påbörjade åtgärd", en: "Started an action" },
    "followup.action.done": { sv: "Markerade åtgärd som klar", en: "Marked an action done" },
    "followup.action.evaluated": { sv: "Utvärderade åtgärd", en: "Evaluated an action" },
    "followup.dialogue.create": { sv: "Kallade till dialogmöte", en: "Called a dialogue meeting" },
    "followup.dialogue.update": { sv: "Skrev i dialogmöte", en: "Wrote in a dialogue meeting" },
  },
};
