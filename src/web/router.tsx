import { createRootRoute, createRoute, createRouter, Outlet, redirect } from "@tanstack/react-router";
import { fetchMe, ME_KEY } from "./auth.ts";
import { Layout } from "./layout.tsx";
import { AccountPage } from "./pages/account.tsx";
import { ForgotPasswordPage, LoginPage, TokenPage } from "./pages/account-public.tsx";
import { AuditPage, JobsPage, OutboxPage } from "./pages/admin.tsx";
import { HeatmapPage } from "./pages/barometer/heatmap.tsx";
import { NewRoundPage } from "./pages/barometer/new-round.tsx";
import { unitSearch as barometerUnitSearch, ResultsPage } from "./pages/barometer/results.tsx";
import { RoundPage, RoundsPage } from "./pages/barometer/rounds.tsx";
import { SettingsPage as BarometerSettingsPage } from "./pages/barometer/settings.tsx";
import { unitSearch } from "./pages/followup/common.tsx";
import { DialoguePage } from "./pages/followup/dialogue.tsx";
import { DialoguesPage } from "./pages/followup/dialogues.tsx";
import { DialoguePrintPage } from "./pages/followup/print.tsx";
import { ResponsivenessPage } from "./pages/followup/responsiveness.tsx";
import { FollowupStartPage } from "./pages/followup/start.tsx";
import { FollowupUnitPage } from "./pages/followup/unit.tsx";
import { WaitingPage } from "./pages/followup/waiting.tsx";
import { HomePage } from "./pages/home.tsx";
import { ImportPage } from "./pages/import.tsx";
import { DashboardPage, dashboardSearch } from "./pages/inventory/dashboard.tsx";
import { DemandPage } from "./pages/inventory/demand.tsx";
import { EditDemandPage, NewDemandPage } from "./pages/inventory/demand-form.tsx";
import { InventoryImportPage } from "./pages/inventory/import-csv.tsx";
import { MyUnitPage, myUnitSearch } from "./pages/inventory/my-unit.tsx";
import { RegisterPage, registerSearch } from "./pages/inventory/register.tsx";
import { PeoplePage, PersonPage } from "./pages/people.tsx";
import { SsoPage } from "./pages/sso.tsx";
import { AccessibilityPage, NotFoundPage } from "./pages/static.tsx";
import { UnitPage } from "./pages/unit.tsx";
import { UnitsPage } from "./pages/units.tsx";
import { queryClient } from "./query-client.ts";

const rootRoute = createRootRoute({
  component: () => <Outlet />,
  notFoundComponent: () => (
    <Layout publicPage>
      <NotFoundPage />
    </Layout>
  ),
});

/** Pages anyone may open, signed in or not. */
const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "public",
  component: () => (
    <Layout publicPage>
      <Outlet />
    </Layout>
  ),
});
/** Pages for signed-in people; the layout sends others to the login page. */
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ location }) => {
    const me = await queryClient.ensureQueryData({ queryKey: ME_KEY, queryFn: fetchMe });
    if (!me)
      throw redirect({
        to: "/logga-in",
        search: { next: location.pathname === "/" ? undefined : location.href },
      });
  },
  component: () => (
    <Layout>
      <Outlet />
    </Layout>
  ),
});

const loginSearch = (search: Record<string, unknown>): { next?: string; fel?: string } => ({
  next: typeof search.next === "string" ? search.next : undefined,
  fel: typeof search.fel === "string" ? search.fel : undefined,
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([
    createRoute({
      getParentRoute: () => publicLayout,
      path: "/logga-in",
      component: LoginPage,
      validateSearch: loginSearch,
    }),
    createRoute({
      getParentRoute: () => publicLayout,
      path: "/glomt-losenord",
      component: ForgotPasswordPage,
    }),
    createRoute({
      getParentRoute: () => publicLayout,
      path: "/tillganglighet",
      component: AccessibilityPage,
    }),
    createRoute({ getParentRoute: () => publicLayout, path: "/konto/$token", component: TokenPage }),
  ]),
  appLayout.addChildren([
    createRoute({ getParentRoute: () => appLayout, path: "/", component: HomePage }),
    createRoute({ getParentRoute: () => appLayout, path: "/enheter", component: UnitsPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/enheter/$unitId", component: UnitPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/personer", component: PeoplePage }),
    createRoute({ getParentRoute: () => appLayout, path: "/personer/$personId", component: PersonPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/konto", component: AccountPage }),
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
      validateSearch: dashboardSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/min-enhet",
      component: MyUnitPage,
      validateSearch: myUnitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/inventering/import",
      component: InventoryImportPage,
    }),
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
    createRoute({ getParentRoute: () => appLayout, path: "/tillitsbarometern", component: RoundsPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/tillitsbarometern/ny", component: NewRoundPage }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/installningar",
      component: BarometerSettingsPage,
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
      validateSearch: barometerUnitSearch,
    }),
    createRoute({
      getParentRoute: () => appLayout,
      path: "/tillitsbarometern/$roundId/karta",
      component: HeatmapPage,
      validateSearch: barometerUnitSearch,
    }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/import", component: ImportPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/granskningslogg", component: AuditPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/utkorg", component: OutboxPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/jobb", component: JobsPage }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/inloggning", component: SsoPage }),
  ]),
]);

export const router = createRouter({ routeTree, scrollRestoration: true });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
