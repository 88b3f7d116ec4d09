import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { post, setCsrfToken } from "./api.ts";
import { hasRole, useMe } from "./auth.ts";
import { type NavEntry, useModules } from "./module.ts";
import type { Me } from "./types.ts";
import { Loading } from "./ui.tsx";

/** Header, navigation and footer around every page; pages for signed-in people wait for the session. */
export function Layout({ children, publicPage = false }: { children: ReactNode; publicPage?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const signedIn = me.data ?? null;

  // The app routes check the session before they load; this covers a session that ends while open.
  const content = !publicPage && !signedIn ? <Loading /> : children;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            Tillit
            {signedIn ? <span className="brand-tenant">{signedIn.tenantName}</span> : null}
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {signedIn ? <UserMenu me={signedIn} /> : null}
          </div>
        </div>
        {signedIn ? <MainNav me={signedIn} /> : null}
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {content}
      </main>
      <footer className="site-footer">
        <p>
          {t("layout.footer")} · <Link to="/tillganglighet">{t("layout.accessibility")}</Link>
        </p>
      </footer>
    </div>
  );
}

/** The modules' links: everyone's first, then the administrators' pages for administrators. */
function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const nav = useModules().flatMap((module) => module.nav ?? []);
  const shown = (entry: NavEntry) => !entry.show || entry.show(me);
  const links = nav.filter((entry) => !entry.admin && shown(entry));
  const adminLinks = hasRole(me, "admin") ? nav.filter((entry) => entry.admin && shown(entry)) : [];
  return (
    <nav className="main-nav" aria-label={t("nav.label")}>
      <ul>
        {links.map((entry) => (
          <li key={entry.to}>
            <Link
              to={entry.to}
              activeOptions={{ exact: entry.to === "/" }}
              activeProps={{ "aria-current": "page", className: "active" }}
            >
              {t(entry.label)}
            </Link>
          </li>
        ))}
      </ul>
      {adminLinks.length ? (
        <ul aria-label={t("nav.adminLabel")} className="admin-nav">
          {adminLinks.map((entry) => (
            <li key={entry.to}>
              <Link to={entry.to} activeProps={{ "aria-current": "page", className: "active" }}>
                {t(entry.label)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </nav>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === "en" ? "sv" : "en";
  const queryClient = useQueryClient();
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={async () => {
        await i18n.changeLanguage(other);
        // Server messages are in the chosen language too: fetch again.
        await queryClient.invalidateQueries();
      }}
    >
      {t("layout.otherLanguage")}
    </button>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => post("/api/auth/logout"),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      // A full load: nothing of the previous person's pages stays in memory.
      window.location.assign("/logga-in");
    },
  });
  return (
    <div className="user-menu">
      <Link to="/konto" className="user-name">
        {me.name}
      </Link>
      <button
        type="button"
        className="link-button"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        {t("layout.logout")}
      </button>
    </div>
  );
}
