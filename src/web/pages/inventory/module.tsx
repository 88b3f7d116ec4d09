// The follow-up inventory: the register of demands, one demand and its form, the burden, what lands
// on my unit, and import/export. On the start page it asks reporters how long their demands take.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import { EstimatePromptList } from "./estimate.tsx";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

const page = lazyPages(() => import("./pages.ts"));

import { registerSearch } from "./register.tsx";

export const inventoryModule = defineModule({
  name: "inventory",
  routes: [
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering",
      component: page("RegisterPage"),
      validateSearch: registerSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/nytt",
      component: page("NewDemandPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/krav/$demandId",
      component: page("DemandPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/krav/$demandId/andra",
      component: page("EditDemandPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/belastning",
      component: page("DashboardPage"),
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/min-enhet",
      component: page("MyUnitPage"),
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/import",
      component: page("InventoryImportPage"),
    }),
  ],
  nav: [{ to: "/inventering", label: "inventory.nav.main" }],
  locales: { sv, en },
  home: { section: EstimatePromptList },
});
