import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { hasRole, useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import { useModules } from "../../module.ts";
import { EmptyState, Page, useKindLabel } from "../../ui.tsx";
import { useUnit, useUnitLevel } from "../org/queries.ts";

/**
 * "Min enhet": where I belong in the governance chain, and what I can do from here — with what each
 * module has for me (a survey to answer, a time to estimate).
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const modules = useModules();
  if (!me) return null;

  return (
    <Page
      title={t("home.title")}
      intro={t("home.intro", { name: me.name.split(" ")[0], tenant: me.tenantName })}
    >
      {modules.map(({ name, home }) => (home?.notice ? <home.notice key={name} /> : null))}
      {me.roles.length === 0 ? (
        <EmptyState title={t("home.noRoles")}>{t("home.noRolesHelp")}</EmptyState>
      ) : (
        <ul className="card-grid">
          {me.roles.map((role) => (
            <RoleCard key={`${role.unitId}-${role.role}`} role={role} />
          ))}
        </ul>
      )}
      {modules.map(({ name, home }) => (home?.section ? <home.section key={name} /> : null))}
      <section className="card about" aria-labelledby="about-heading">
        <h2 id="about-heading">{t("home.aboutHeading")}</h2>
        <p>{t("home.about1")}</p>
        <p>{t("home.about2")}</p>
        <p>{t("home.about3")}</p>
      </section>
      {hasRole(me, "admin") ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t("home.adminHeading")}</h2>
          <ul className="compact-list">
            <li>
              <Link to="/admin/import">{t("home.adminImport")}</Link>
            </li>
            <li>
              <Link to="/personer">{t("home.adminPeople")}</Link>
            </li>
            <li>
              <Link to="/admin/utkorg">{t("home.adminOutbox")}</Link>
            </li>
            <li>
              <Link to="/admin/inloggning">{t("home.adminSso")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

type Role = NonNullable<ReturnType<typeof useMe>["data"]>["roles"][number];

/**
 * A role with its unit and the units right below it: the unit as its page shows it (shared with
 * that page's cache) and one level of the tree, never the whole tenant's tree.
 */
function RoleCard({ role }: { role: Role }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kindLabel = useKindLabel();
  const unit = useUnit(role.unitId).data;
  const below = useUnitLevel(role.unitId);
  const children = (below.data ?? []).filter((child) => child.active);
  const peopleCount = new Set(unit?.people.map((person) => person.id)).size;
  return (
    <li className="card unit-card">
      <p className="eyebrow">{t(`roles.${role.role}`)}</p>
      <h2>
        <Link to="/enheter/$unitId" params={{ unitId: role.unitId }}>
          {role.unitName}
        </Link>
      </h2>
      {unit ? (
        <p className="muted">
          {kindLabel(unit)} · {t("home.people", { count: peopleCount, formatted: format.whole(peopleCount) })}
        </p>
      ) : null}
      <p>{t(`home.roleHelp.${role.role}`)}</p>
      {children.length ? (
        <>
          <h3>{t("home.below")}</h3>
          <ul className="compact-list">
            {children.slice(0, 8).map((child) => (
              <li key={child.id}>
                <Link to="/enheter/$unitId" params={{ unitId: child.id }}>
                  {child.name}
                </Link>{" "}
                <span className="muted">({format.whole(child.peopleCount)})</span>
              </li>
            ))}
          </ul>
          {children.length > 8 ? (
            <Link to="/enheter/$unitId" params={{ unitId: role.unitId }}>
              {t("home.allBelow", { count: children.length })}
            </Link>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
