// What a module of the web app declares about itself; `modules.ts` lists them, and the router, the
// navigation, the start page and the translations are built from that list. A new module is its
// folder under pages/ with a `module.tsx`, and one line in `modules.ts`.
import { type AnyRoute, lazyRouteComponent, useRouteContext } from "@tanstack/react-router";
import type { ComponentType } from "react";
import type { Language } from "./i18n.ts";
import type { Me } from "./types.ts";

/** A module's translations: nested keys to texts, found under the module's name (`t("inventory.…")`). */
type LocaleBundle = { [key: string]: string | LocaleBundle };

/** A link in the main navigation. */
export type NavEntry = {
  to: string;
  /** Translation key of the link's text. */
  label: string;
  /** Listed with the administrators' pages, shown only to administrators. */
  admin?: boolean;
  /** Who else sees the link; everyone signed in when left out. */
  show?: (me: Me) => boolean;
};

export type WebModule = {
  /** The module's name; its translations are found under it. */
  name: string;
  /** Pages for signed-in people, as children of `appLayout` (layouts.tsx). */
  routes: readonly AnyRoute[];
  /** Pages anyone may open, as children of `publicLayout`. */
  publicRoutes?: readonly AnyRoute[];
  nav?: readonly NavEntry[];
  locales?: Record<Language, LocaleBundle>;
  /** What the module adds to the start page: a notice at the top, a section below the person's units. */
  home?: { notice?: ComponentType; section?: ComponentType };
  /** A link from a unit's page into the module's view of that unit. */
  unitLink?: ComponentType<{ unit: { id: string; name: string } }>;
};

/** Declares a module; keeps each route's own type, so the route tree knows every page's params and search. */
export const defineModule = <const Module extends WebModule>(module: Module): Module => module;

/**
 * What the router hands every page: the manifest of modules, so the navigation, the start page and a
 * unit's page can show what each module adds without importing the manifest (which imports them).
 */
export type RouterContext = { modules: readonly WebModule[] };

/** The modules, for the parts of a page that show what every module adds. */
export const useModules = (): readonly WebModule[] => useRouteContext({ from: "__root__" }).modules;

/**
 * A module's pages as route components that arrive on the first visit to any of them:
 * `lazyPages(() => import("./pages.ts"))` gives `page("DashboardPage")`. Each module's `pages.ts`
 * lists its pages, so they come as one chunk, and the first page of the app carries none of them.
 * The router loads the chunk before it shows the page, so no half-drawn page appears meanwhile.
 */
export const lazyPages =
  <Pages extends Record<string, unknown>>(pages: () => Promise<Pages>) =>
  <Name extends keyof Pages & string>(name: Name) =>
    lazyRouteComponent(pages, name);
