// The governance chain: the unit tree, a unit, people, and the HR import (an administrator's page).
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { ImportPage } from "./import.tsx";
import { PeoplePage, PersonPage } from "./people.tsx";
import { UnitPage } from "./unit.tsx";
import { UnitsPage } from "./units.tsx";

export const orgModule = defineModule({
  name: "org",
  routes: [
    createRoute({ getParentRoute: () => appLayout, path: "/enheter", component: UnitsPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/enheter/$unitId", component: UnitPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/personer", component: PeoplePage }),
    createRoute({ getParentRoute: () => appLayout, path: "/personer/$personId", component: PersonPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/import", component: ImportPage }),
  ],
  nav: [
    { to: "/enheter", label: "nav.units" },
    { to: "/personer", label: "nav.people" },
    { to: "/admin/import", label: "nav.import", admin: true },
  ],
});
