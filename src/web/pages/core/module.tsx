// The app's own pages: the start page, which shows what each module adds to it, and the
// accessibility statement.
import { createRoute } from "@tanstack/react-router";
import { appLayout, publicLayout } from "../../layouts.tsx";
import { defineModule } from "../../module.ts";
import { HomePage } from "./home.tsx";
import { AccessibilityPage } from "./static.tsx";

export const coreModule = defineModule({
  name: "core",
  routes: [createRoute({ getParentRoute: () => appLayout, path: "/", component: HomePage })],
  publicRoutes: [
    createRoute({
      getParentRoute: () => publicLayout,
      path: "/tillganglighet",
      component: AccessibilityPage,
    }),
  ],
  nav: [{ to: "/", label: "nav.home" }],
});
