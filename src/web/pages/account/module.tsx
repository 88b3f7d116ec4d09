// Accounts: signing in, a forgotten password, the link an invitation or reset opens, my account, and
// the organisation's single sign-on (an administrator's page).
import { createRoute } from "@tanstack/react-router";
import { appLayout, publicLayout } from "../../layouts.tsx";
import { defineModule, lazyPages } from "../../module.ts";
import { ForgotPasswordPage, LoginPage, loginSearch, TokenPage } from "./public.tsx";

const page = lazyPages(() => import("./pages.ts"));

export const accountModule = defineModule({
  name: "account",
  routes: [
    createRoute({ getParentRoute: () => appLayout, path: "/konto", component: page("AccountPage") }),
    createRoute({ getParentRoute: () => appLayout, path: "/admin/inloggning", component: page("SsoPage") }),
  ],
  publicRoutes: [
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
    createRoute({ getParentRoute: () => publicLayout, path: "/konto/$token", component: TokenPage }),
  ],
  nav: [{ to: "/admin/inloggning", label: "nav.sso", admin: true }],
});
