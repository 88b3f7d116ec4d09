// The follow-up inventory: the register of demands, one demand and its form, the burden, what lands
// on my unit, and import/export. On the start page it asks reporters how long their demands take.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import { DashboardPage } from "./dashboard.tsx";
import { DemandPage } from "./demand.tsx";
import { EditDemandPage, NewDemandPage } from "./demand-form.tsx";
import { EstimatePromptList } from "./estimate.tsx";
import { InventoryImportPage } from "./import-csv.tsx";
import en from "./locales/en.json";
import sv from "./locales/sv.json";
import { MyUnitPage } from "./my-unit.tsx";
import { RegisterPage, registerSearch } from "./register.tsx";

export const inventoryModule = defineModule({
  name: "inventory",
  routes: [
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering",
      component: RegisterPage,
      validateSearch: registerSearch,
    }),
    createRoute({ getParentRoute: () => appLayout, path: "/inventering/nytt", component: NewDemandPage }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/krav/$demandId",
      component: DemandPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/krav/$demandId/andra",
      component: EditDemandPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/belastning",
      component: DashboardPage,
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/min-enhet",
      component: MyUnitPage,
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/import",
      component: InventoryImportPage,
    }),
  ],
  nav: [{ to: "/inventering", label: "inventory.nav.main" }],
  locales: { sv, en },
  home: { section: EstimatePromptList },
});
