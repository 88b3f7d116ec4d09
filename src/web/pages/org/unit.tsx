// One unit: where it sits in the chain, its people, the units under it, its external actors, what
// each module offers for it, and the administrators' forms.
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useModules } from "../../module.ts";
import { byName } from "../../tree.ts";
import type { UnitDetail } from "../../types.ts";
import { Breadcrumb, CaptionedTable, EmptyState, Page, QueryView, useKindLabel } from "../../ui.tsx";
import { useUnit } from "./queries.ts";
import { EditUnitForm, MoveUnitForm, NewPersonForm, NewUnitForm } from "./unit-forms.tsx";

/** Roles listed first are the ones people look for first on a unit page. */
const ROLE_ORDER = ["manager", "director", "politician", "analyst", "admin", "whistle_handler", "employee"];

export function UnitPage() {
  const { t } = useTranslation();
  const { unitId } = useParams({ from: "/app/enheter/$unitId" });
  const unit = useUnit(unitId);
  return (
    <QueryView
      query={unit}
      notFound={{ title: t("unit.notFound"), back: <Link to="/enheter">{t("unit.backToTree")}</Link> }}
    >
      {(data) => <UnitView data={data} />}
    </QueryView>
  );
}

function UnitView({ data }: { data: UnitDetail }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const modules = useModules();
  const people = [...data.people].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byName(a, b),
  );
  return (
    <>
      <Breadcrumb label={t("unit.breadcrumb")}>
        <li>
          <Link to="/enheter">{t("nav.units")}</Link>
        </li>
        {data.ancestors.map((ancestor) => (
          <li key={ancestor.id}>
            <Link to="/enheter/$unitId" params={{ unitId: ancestor.id }}>
              {ancestor.name}
            </Link>
          </li>
        ))}
      </Breadcrumb>
      <Page title={data.name}>
        <p className="muted">
          {kindLabel(data)}
          {data.code ? ` · ${t("fields.code")} ${data.code}` : ""}
          {data.active ? "" : ` · ${t("common.inactive")}`}
        </p>

        {modules.map(({ name, unitLink: UnitLink }) =>
          UnitLink ? <UnitLink key={name} unit={{ id: data.id, name: data.name }} /> : null,
        )}

        <section aria-labelledby="people-heading">
          <h2 id="people-heading">{t("unit.people", { count: people.length })}</h2>
          {people.length ? (
            <CaptionedTable caption={t("unit.people", { count: people.length })} showTitle={false}>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("fields.email")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.membershipId}>
                    <td>
                      <Link to="/personer/$personId" params={{ personId: person.id }}>
                        {person.name}
                      </Link>
                    </td>
                    <td>{t(`roles.${person.role}`)}</td>
                    <td>{person.email}</td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          ) : (
            <EmptyState title={t("unit.noPeople")}>
              {data.canManage ? t("unit.noPeopleAdmin") : null}
            </EmptyState>
          )}
        </section>

        <section aria-labelledby="children-heading">
          <h2 id="children-heading">{t("unit.children", { count: data.children.length })}</h2>
          {data.children.length ? (
            <ul className="compact-list">
              {data.children.map((child) => (
                <li key={child.id}>
                  <Link to="/enheter/$unitId" params={{ unitId: child.id }}>
                    {child.name}
                  </Link>{" "}
                  <span className="muted">
                    {kindLabel(child)}
                    {child.active ? "" : ` · ${t("common.inactive")}`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("unit.noChildren")}</p>
          )}
        </section>

        <section aria-labelledby="actors-heading">
          <h2 id="actors-heading">{t("unit.actors")}</h2>
          {data.actors.length ? (
            <ul className="compact-list">
              {data.actors.map((actor) => (
                <li key={actor.relationId}>
                  <strong>{actor.name}</strong> — {t(`relationships.${actor.relationship}`)}
                  {actor.note ? <span className="muted"> ({actor.note})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("unit.noActors")}</p>
          )}
        </section>

        {data.canManage ? (
          <section aria-labelledby="manage-heading" className="manage">
            <h2 id="manage-heading">{t("unit.manage")}</h2>
            <details className="card">
              <summary>{t("unit.addPerson")}</summary>
              <NewPersonForm unitId={data.id} />
            </details>
            <details className="card">
              <summary>{t("unit.newChild")}</summary>
              <NewUnitForm parentId={data.id} />
            </details>
            <details className="card">
              <summary>{t("unit.edit")}</summary>
              <EditUnitForm key={`${data.id}-${data.name}-${data.active}`} unit={data} />
            </details>
            <details className="card">
              <summary>{t("unit.moveHeading")}</summary>
              <MoveUnitForm key={data.id} unit={data} />
            </details>
          </section>
        ) : null}
      </Page>
    </>
  );
}
