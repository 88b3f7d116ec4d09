// Administrators' views of the platform's own machinery: the audit log, the mail outbox, the jobs.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { AuditPage } from "./audit.tsx";
import { JobsPage } from "./jobs.tsx";
import { OutboxPage } from "./outbox.tsx";

export const adminModule = defineModule({
  name: "admin",
  routes: [
    createRoute({ getParentRoute: () => appLayout, path: "/admin/granskningslogg", component: AuditPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/utkorg", component: OutboxPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/jobb", component: JobsPage }),
  ],
  nav: [
    { to: "/admin/granskningslogg", label: "nav.audit", admin: true },
    { to: "/admin/utkorg", label: "nav.outbox", admin: true },
    { to: "/admin/jobb", label: "nav.jobs", admin: true },
  ],
});
