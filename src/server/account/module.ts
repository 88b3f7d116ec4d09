import type { ServerModule } from "../core/module.ts";
import { authRoutes } from "./routes.ts";

export const accountModule: ServerModule = {
  name: "account",
  routes: [authRoutes],
  auditActions: {
    "auth.login": { sv: "Loggade in", en: "Signed in" },
    "auth.logout": { sv: "Loggade ut", en: "Signed out" },
    "auth.login_failed": { sv: "Misslyckad inloggning", en: "Failed sign-in" },
    "auth.sso_failed": { sv: "Misslyckad single sign-on", en: "Failed single sign-on" },
    "account.password_changed": { sv: "Bytte lösenord", en: "Changed password" },
    "account.invite_sent": { sv: "Skickade inbjudan", en: "Sent an invitation" },
    "account.invite_accepted": { sv: "Tog emot inbjudan", en: "Accepted an invitation" },
    "account.reset_requested": { sv: "Bad om nytt lösenord", en: "Asked for a password reset" },
    "account.password_reset": { sv: "Återställde lösenord", en: "Reset a password" },
    "sso.create": { sv: "Skapade single sign-on", en: "Set up single sign-on" },
    "sso.update": { sv: "Ändrade single sign-on", en: "Changed single sign-on" },
  },
};
