// "Vad landar på min enhet": for a first-line manager, every demand that lands on the unit —
// including those whose scope covers it from above — its hours per month, who asks, and what it
// is used for.
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { BarChart } from "../../chart.tsx";
import { type Format, useFormat } from "../../format.ts";
import type { Burden, DemandList, Me } from "../../types.ts";
import { CaptionedTable, EmptyState, ErrorMessage, Loading, Page, SelectField } from "../../ui.tsx";
import { DemandTitleCell, InventoryNav } from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

/** The units the person manages; someone who manages none sees the units they belong to. */
function myUnits(me: Me): { id: string; name: string }[] {
  const managed = me.roles.filter((role) => role.role === "manager");
  const chosen = managed.length ? managed : me.roles;
  const seen = new Map<string, string>();
  for (const role of chosen) seen.set(role.unitId, role.unitName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function MyUnitPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe().data;
  const search = useSearch({ from: "/app/inventering/min-enhet" });
  const navigate = useNavigate({ from: "/inventering/min-enhet" });
  const units = me ? myUnits(me) : [];
  const unit = units.find((candidate) => candidate.id === search.enhet) ?? units[0];

  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.myUnit.title")} intro={t("inventory.myUnit.intro")}>
        {!unit ? (
          <EmptyState title={t("inventory.myUnit.noUnit")}>{t("inventory.myUnit.noUnitHelp")}</EmptyState>
        ) : (
          <>
            {units.length > 1 ? (
              <div className="toolbar">
                <SelectField
                  label={t("inventory.myUnit.pick")}
                  value={unit.id}
                  onChange={(enhet) => void navigate({ search: { enhet } })}
                  options={units.map((candidate) => [candidate.id, candidate.name])}
                />
              </div>
            ) : null}
            <UnitLoad key={unit.id} unit={unit} format={format} />
          </>
        )}
      </Page>
    </>
  );
}

function UnitLoad({ unit, format }: { unit: { id: string; name: string }; format: Format }) {
  const { t } = useTranslation();
  const demands = useQuery({
    queryKey: inventoryKeys.demands({ unitId: unit.id }),
    queryFn: () => get<DemandList>(`/api/inventory/demands${query({ unitId: unit.id })}`),
  });
  const burden = useQuery({
    queryKey: inventoryKeys.burden(unit.id, "requester"),
    queryFn: () => get<Burden>(`/api/inventory/burden${query({ unitId: unit.id, groupBy: "requester" })}`),
  });
  const sorted = useMemo(
    () => [...(demands.data?.demands ?? [])].sort((a, b) => b.hoursPerMonth - a.hoursPerMonth),
    [demands.data],
  );
  const groups = burden.data?.groups ?? [];
  const categories = useMemo(() => groups.map((group) => group.label), [groups]);
  const series = useMemo(
    () => [
      {
        name: t("inventory.fields.hoursPerMonth"),
        values: groups.map((group) => Math.round(group.hours / 12)),
      },
    ],
    [groups, t],
  );

  if (demands.isPending) return <Loading />;
  if (demands.error) return <ErrorMessage error={demands.error} />;
  if (!sorted.length)
    return (
      <>
        <h2>{t("inventory.myUnit.heading", { unit: unit.name })}</h2>
        <EmptyState title={t("inventory.myUnit.empty", { unit: unit.name })}>
          {t("inventory.myUnit.emptyHelp")}
        </EmptyState>
      </>
    );
  const totals = demands.data.totals;
  return (
    <>
      <section aria-labelledby="load-heading">
        <h2 id="load-heading">{t("inventory.myUnit.heading", { unit: unit.name })}</h2>
        <dl className="stats">
          <div className="stat">
            <dt>{t("inventory.myUnit.demands")}</dt>
            <dd>{format.whole(totals.count)}</dd>
          </div>
          <div className="stat">
            <dt>{t("inventory.fields.hoursPerMonth")}</dt>
            <dd>{format.hours(totals.hours / 12)}</dd>
          </div>
          <div className="stat">
            <dt>{t("inventory.fields.hoursPerYear")}</dt>
            <dd>{format.hours(totals.hours)}</dd>
          </div>
          <div className="stat">
            <dt>{t("inventory.fields.costPerYear")}</dt>
            <dd>{format.money(totals.cost)}</dd>
          </div>
        </dl>
        {burden.data && burden.data.people > 0 ? (
          <p>
            {t("inventory.burden.summarySentence", {
              count: burden.data.people,
              people: format.whole(burden.data.people),
              hours: format.hours(burden.data.perPerson.hours),
              share: format.percent(burden.data.perPerson.shareOfWorkingTime),
            })}
          </p>
        ) : null}
        <p>
          <Link to="/inventering/belastning" search={{ enhet: unit.id }}>
            {t("inventory.myUnit.fullBurden", { unit: unit.name })}
          </Link>
        </p>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("inventory.myUnit.listHeading")}</h2>
        <CaptionedTable
          caption={t("inventory.myUnit.tableLabel", { unit: unit.name })}
          className="my-unit-table"
          showTitle={false}
        >
          <thead>
            <tr>
              <th scope="col">{t("inventory.fields.demand")}</th>
              <th scope="col" className="num">
                {t("inventory.fields.hoursPerMonth")}
              </th>
              <th scope="col">{t("inventory.fields.requester")}</th>
              <th scope="col">{t("inventory.myUnit.usedFor")}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((demand) => (
              <tr key={demand.id}>
                <DemandTitleCell demand={demand} note={demand.reportersLabel} />
                <td className="num">{format.number(demand.hoursPerMonth)}</td>
                <td>{demand.requester.name}</td>
                <td>
                  {demand.decisionsInformed ?? (
                    <span className="muted">{t("inventory.myUnit.noDecisions")}</span>
                  )}
                  <span className="cell-note">
                    {demand.lastUsedOn
                      ? t("inventory.myUnit.lastUsed", {
                          date: format.day(demand.lastUsedOn),
                          count: demand.useCount,
                        })
                      : t("inventory.myUnit.neverUsed")}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("inventory.register.total", { count: totals.count })}</th>
              <td className="num">{format.number(totals.hours / 12)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </CaptionedTable>
      </section>

      {groups.length ? (
        <section aria-labelledby="who-heading">
          <h2 id="who-heading">{t("inventory.myUnit.whoAsks")}</h2>
          <BarChart
            categories={categories}
            series={series}
            format={format.whole}
            table={
              <CaptionedTable
                caption={t("inventory.myUnit.whoAsksCaption", { unit: unit.name })}
                className="numbers"
              >
                <thead>
                  <tr>
                    <th scope="col" className="text">
                      {t("inventory.fields.requester")}
                    </th>
                    <th scope="col">{t("inventory.fields.hoursPerMonth")}</th>
                    <th scope="col">{t("inventory.fields.costPerYear")}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((group) => (
                    <tr key={group.key}>
                      <th scope="row">{group.label}</th>
                      <td>{format.number(group.hours / 12)}</td>
                      <td>{format.money(group.cost)}</td>
                    </tr>
                  ))}
                </tbody>
              </CaptionedTable>
            }
          />
        </section>
      ) : null}
    </>
  );
}
