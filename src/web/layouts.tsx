// The three layout routes every page hangs under: the root, pages anyone may open, and pages for
// signed-in people. Modules import these to declare their routes; the router (router.tsx) puts
// them together from the manifest (modules.ts). This file knows no module — only the app's own
// page for an address that leads nowhere.
import { createRootRouteWithContext, createRoute, Outlet, redirect } from "@tanstack/react-router";
import { fetchMe, ME_KEY } from "./auth.ts";
import { Layout } from "./layout.tsx";
import type { RouterContext } from "./module.ts";
import { NotFoundPage } from "./pages/core/static.tsx";
import { queryClient } from "./query-client.ts";

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => <Outlet />,
  notFoundComponent: () => (
    <Layout publicPage>
      <NotFoundPage />
    </Layout>
  ),
});

/** Pages anyone may open, signed in or not. */
export const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "public",
  component: () => (
    <Layout publicPage>
      <Outlet />
    </Layout>
  ),
});

/** Pages for signed-in people; others are sent to the login page, and back here after it. */
export const appLayout = createRoute({
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
