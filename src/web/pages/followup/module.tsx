// Co-created follow-up: the start, a unit's follow-up, what waits on us, the chain's responsiveness
// and dialogue meetings (with a print view). A unit's page links to the unit's follow-up.
import { createRoute, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { appLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

const page = lazyPages(() => import("./pages.ts"));

function UnitFollowupLink({ unit }: { unit: { id: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <p className="unit-followup-link">
      <Link to="/uppfoljning/enhet/$unitId" params={{ unitId: unit.id }}>
        {t("followup.unitLink", { unit: unit.name })}
      </Link>
      <span className="hint"> – {t("followup.unitLinkHelp")}</span>
    </p>
  );
}

export const followupModule = defineModule({
  name: "followup",
  routes: [
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning",
      component: page("FollowupStartPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/enhet/$unitId",
      component: page("FollowupUnitPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/vantar-pa-oss",
      component: page("WaitingPage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/svarstider",
      component: page("ResponsivenessPage"),
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger",
      component: page("DialoguesPage"),
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger/$dialogueId",
      component: page("DialoguePage"),
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger/$dialogueId/utskrift",
      component: page("DialoguePrintPage"),
    }),
  ],
  nav: [{ to: "/uppfoljning", label: "followup.nav.main" }],
  locales: { sv, en },
  unitLink: UnitFollowupLink,
});
