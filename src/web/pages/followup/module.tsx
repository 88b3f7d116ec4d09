// Co-created follow-up: the start, a unit's follow-up, what waits on us, the chain's responsiveness
// and dialogue meetings (with a print view). A unit's page links to the unit's follow-up.
import { createRoute, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { appLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { unitSearch } from "../../search.ts";
import { DialoguePage } from "./dialogue.tsx";
import { DialoguesPage } from "./dialogues.tsx";
import en from "./locales/en.json";
import sv from "./locales/sv.json";
import { DialoguePrintPage } from "./print.tsx";
import { ResponsivenessPage } from "./responsiveness.tsx";
import { FollowupStartPage } from "./start.tsx";
import { FollowupUnitPage } from "./unit.tsx";
import { WaitingPage } from "./waiting.tsx";

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
    createRoute({ getParentRoute: () => appLayout, path: "/uppfoljning", component: FollowupStartPage }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/enhet/$unitId",
      component: FollowupUnitPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/vantar-pa-oss",
      component: WaitingPage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/svarstider",
      component: ResponsivenessPage,
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger",
      component: DialoguesPage,
      validateSearch: unitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger/$dialogueId",
      component: DialoguePage,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/uppfoljning/dialoger/$dialogueId/utskrift",
      component: DialoguePrintPage,
    }),
  ],
  nav: [{ to: "/uppfoljning", label: "followup.nav.main" }],
  locales: { sv, en },
  unitLink: UnitFollowupLink,
});
