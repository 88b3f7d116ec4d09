// Administrators' views of the platform's own machinery: the audit log, the mail outbox, the jobs.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";

const page = lazyPages(() => import("./pages.ts"));

export const adminModule = defineModule({
  name: "admin",
  routes: [
    createRoute({
      getParentRoute: () => appLayout,
      path: "/admin/granskningslogg",
      component: page("AuditPage"),
    }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/utkorg", component: page("OutboxPage") }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/jobb", component: page("JobsPage") }),
  ],
  nav: [
    { to: "/admin/granskningslogg", label: "nav.audit", admin: true },
    { to: "/admin/utkorg", label: "nav.outbox", admin: true },
    { to: "/admin/jobb", label: "nav.jobs", admin: true },
  ],
});
