// The governance chain: the unit tree, a unit, people, and the HR import (an administrator's page).
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

const page = lazyPages(() => import("./pages.ts"));

export const orgModule = defineModule({
  name: "org",
  routes: [
    createRoute({ getParentRoute: () => appLayout, path: "/enheter", component: page("UnitsPage") }),
    createRoute({ getParentRoute: () => appLayout, path: "/enheter/$unitId", component: page("UnitPage") }),
    createRoute({ getParentRoute: () => appLayout, path: "/personer", component: page("PeoplePage") }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/personer/$personId",
      component: page("PersonPage"),
    }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/import", component: page("ImportPage") }),
  ],
  nav: [
    { to: "/enheter", label: "nav.units" },
    { to: "/personer", label: "nav.people" },
    { to: "/admin/import", label: "nav.import", admin: true },
  ],
  locales: { sv, en },
});
