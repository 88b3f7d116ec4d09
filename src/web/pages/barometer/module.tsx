// The trust barometer: rounds, starting one, the settings, answering, results and the heatmap. On the
// start page it tells the person about a round they are asked to answer.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import { OpenRoundNotice } from "./home-notice.tsx";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

const page = lazyPages(() => import("./pages.ts"));

export const barometerModule = defineModule({
  name: "barometer",
  routes: [
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern",
      component: page("RoundsPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/ny",
      component: page("NewRoundPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/installningar",
      component: page("SettingsPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId",
      component: page("RoundPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId/resultat",
      component: page("ResultsPage"),
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId/karta",
      component: page("HeatmapPage"),
      validateSearch: unitSearch,
    }),
  ],
  nav: [{ to: "/tillitsbarometern", label: "barometer.nav.main" }],
  locales: { sv, en },
  home: { notice: OpenRoundNotice },
});
