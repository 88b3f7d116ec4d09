// The trust barometer: rounds, starting one, the settings, answering, results and the heatmap. On the
// start page it tells the person about a round they are asked to answer.
import { createRoute } from "@tanstack/react-router";
import { appLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import { HeatmapPage } from "./heatmap.tsx";
import { OpenRoundNotice } from "./home-notice.tsx";
import en from "./locales/en.json";
import sv from "./locales/sv.json";
import { NewRoundPage } from "./new-round.tsx";
import { ResultsPage } from "./results.tsx";
import { RoundPage, RoundsPage } from "./rounds.tsx";
import { SettingsPage } from "./settings.tsx";

export const barometerModule = defineModule({
  name: "barometer",
  routes: [
    createRoute({ getParentRoute: () => appLayout, path: "/tillitsbarometern", component: RoundsPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/tillitsbarometern/ny", component: NewRoundPage }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/installningar",
      component: SettingsPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId",
      component: RoundPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId/resultat",
      component: ResultsPage,
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId/karta",
      component: HeatmapPage,
      validateSearch: unitSearch,
    }),
  ],
  nav: [{ to: "/tillitsbarometern", label: "barometer.nav.main" }],
  locales: { sv, en },
  home: { notice: OpenRoundNotice },
});
