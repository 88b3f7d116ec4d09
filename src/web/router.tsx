// The router, built from the manifest of modules: every module's pages under the public or the
// signed-in layout; the manifest itself goes to the pages through the router's context.
import { createRouter } from "@tanstack/react-router";
import { appLayout, publicLayout, rootRoute } from "./layouts.tsx";
import type { WebModule } from "./module.ts";
import { modules } from "./modules.ts";

type Module = (typeof modules)[number];
type Routes<Key extends "routes" | "publicRoutes"> = Module extends infer Each
  ? Each extends { [key in Key]: readonly (infer Route)[] }
    ? Route
    : never
  : never;

/**
 * Every module's routes of one kind, each keeping its own type, so links and params stay checked
 * against the real paths (`flatMap` over modules of different shapes would infer `unknown`).
 */
const routesOf = <Key extends "routes" | "publicRoutes">(key: Key) =>
  modules.flatMap((module: WebModule) => module[key] ?? []) as Routes<Key>[];

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren(routesOf("publicRoutes")),
  appLayout.addChildren(routesOf("routes")),
]);

export const router = createRouter({ routeTree, scrollRestoration: true, context: { modules } });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
