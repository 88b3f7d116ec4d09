// The register of follow-up demands: everything that is asked of the organisation, filtered, with
// what it all costs in hours and money at the foot of the table.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import type { DemandList } from "../../types.ts";
import {
  CaptionedTable,
  EmptyState,
  type Options,
  Page,
  QueryView,
  SelectField,
  TextField,
} from "../../ui.tsx";
import {
  DEMAND_KINDS,
  DEMAND_STATUSES,
  DemandTitleCell,
  InventoryNav,
  PURPOSES,
  useInventoryRights,
} from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

type RegisterSearch = {
  status?: string;
  kind?: string;
  purpose?: string;
  requester?: string;
  q?: string;
  flag?: string;
};

const oneOf = (value: unknown, allowed: readonly string[]) =>
  typeof value === "string" && allowed.includes(value) ? value : undefined;

export const registerSearch = (search: Record<string, unknown>): RegisterSearch => ({
  status: oneOf(search.status, [...DEMAND_STATUSES, "all"]),
  kind: oneOf(search.kind, DEMAND_KINDS),
  purpose: oneOf(search.purpose, PURPOSES),
  requester:
    typeof search.requester === "string" && /^(unit|actor):/.test(search.requester)
      ? search.requester
      : undefined,
  q: typeof search.q === "string" && search.q.trim() ? search.q : undefined,
  flag: oneOf(search.flag, ["removal", "duplicate"]),
});

export function RegisterPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe().data;
  const { canManage } = useInventoryRights(me);
  const search = useSearch({ from: "/app/inventering" });
  const navigate = useNavigate({ from: "/inventering" });
  const setFilter = (changes: Partial<RegisterSearch>) =>
    void navigate({ search: (previous: RegisterSearch) => ({ ...previous, ...changes }), replace: true });

  const register = useQuery({
    queryKey: inventoryKeys.demands(search),
    queryFn: () => get<DemandList>(`/api/inventory/demands${query({ ...search })}`),
    placeholderData: keepPreviousData,
  });
  // The requester filter offers those who actually ask something, in any status.
  const everything = useQuery({
    queryKey: inventoryKeys.demands({ status: "all" }),
    queryFn: () => get<DemandList>("/api/inventory/demands?status=all"),
  });
  const requesters = useMemo(() => {
    const seen = new Map<string, string>();
    for (const demand of everything.data?.demands ?? [])
      seen.set(`${demand.requester.type}:${demand.requester.id}`, demand.requester.name);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], "sv"));
  }, [everything.data]);

  const [text, setText] = useState(search.q ?? "");
  const [shownQuery, setShownQuery] = useState(search.q);
  if (search.q !== shownQuery) {
    // The address changed from outside (back button, a link): the search field follows it.
    setShownQuery(search.q);
    if ((search.q ?? "") !== text.trim()) setText(search.q ?? "");
  }
  useEffect(() => {
    // Search as the person types, once they pause.
    const timer = setTimeout(() => {
      if ((search.q ?? "") !== text.trim()) setFilter({ q: text.trim() || undefined });
    }, 300);
    return () => clearTimeout(timer);
  });

  const filtered = Object.values(search).some(Boolean);

  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.register.title")} intro={t("inventory.register.intro")}>
        {canManage ? (
          <p className="button-row">
            <Link to="/inventering/nytt" className="button primary">
              {t("inventory.register.new")}
            </Link>
            <a className="button" href="/api/inventory/export/register.csv" download>
              {t("inventory.export.register")}
            </a>
          </p>
        ) : (
          <p>
            <a href="/api/inventory/export/register.csv" download>
              {t("inventory.export.register")}
            </a>
          </p>
        )}

        <form
          className="filters card"
          aria-labelledby="filter-heading"
          onSubmit={(event) => {
            event.preventDefault();
            setFilter({ q: text.trim() || undefined });
          }}
        >
          <h2 id="filter-heading" className="visually-hidden">
            {t("inventory.register.filters")}
          </h2>
          <TextField
            label={t("inventory.register.search")}
            hint={t("inventory.register.searchHint")}
            type="search"
            value={text}
            onChange={setText}
          />
          <Select
            label={t("inventory.fields.status")}
            value={search.status ?? ""}
            onChange={(status) => setFilter({ status })}
            options={[
              ["", t("inventory.register.activeOnly")],
              ...DEMAND_STATUSES.filter((status) => status !== "active").map(
                (status) => [status, t(`inventory.statuses.${status}`)] as [string, string],
              ),
              ["all", t("inventory.register.allStatuses")],
            ]}
          />
          <Select
            label={t("inventory.fields.kind")}
            value={search.kind ?? ""}
            onChange={(kind) => setFilter({ kind })}
            options={[
              ["", t("inventory.register.allKinds")],
              ...DEMAND_KINDS.map((kind) => [kind, t(`inventory.kinds.${kind}`)] as [string, string]),
            ]}
          />
          <Select
            label={t("inventory.fields.purpose")}
            value={search.purpose ?? ""}
            onChange={(purpose) => setFilter({ purpose })}
            options={[
              ["", t("inventory.register.allPurposes")],
              ...PURPOSES.map((purpose) => [purpose, t(`inventory.purposes.${purpose}`)] as [string, string]),
            ]}
          />
          <Select
            label={t("inventory.fields.requester")}
            value={search.requester ?? ""}
            onChange={(requester) => setFilter({ requester })}
            options={[["", t("inventory.register.allRequesters")], ...requesters]}
          />
          <Select
            label={t("inventory.register.flag")}
            value={search.flag ?? ""}
            onChange={(flag) => setFilter({ flag })}
            options={[
              ["", t("inventory.register.noFlag")],
              ["removal", t("inventory.flags.removal")],
              ["duplicate", t("inventory.flags.duplicate")],
            ]}
          />
          {filtered ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setText("");
                void navigate({ search: {}, replace: true });
              }}
            >
              {t("inventory.register.clear")}
            </button>
          ) : null}
        </form>

        <QueryView query={register}>
          {(data) =>
            data.demands.length === 0 ? (
              filtered ? (
                <EmptyState title={t("inventory.register.noMatch")}>
                  {t("inventory.register.noMatchHelp")}
                </EmptyState>
              ) : (
                <EmptyState title={t("inventory.register.empty")}>
                  {canManage ? t("inventory.register.emptyManage") : t("inventory.register.emptyOther")}
                </EmptyState>
              )
            ) : (
              <>
                <p role="status" className="result-summary">
                  {t("inventory.register.summary", {
                    count: data.totals.count,
                    hours: format.hours(data.totals.hours),
                    cost: format.money(data.totals.cost),
                  })}
                </p>
                <CaptionedTable
                  caption={t("inventory.register.tableLabel")}
                  className="register-table"
                  showTitle={false}
                >
                  <thead>
                    <tr>
                      <th scope="col">{t("inventory.fields.demand")}</th>
                      <th scope="col" className="num">
                        {t("inventory.fields.hoursPerYear")}
                      </th>
                      <th scope="col" className="num">
                        {t("inventory.fields.cost")}
                      </th>
                      <th scope="col">{t("inventory.fields.requester")}</th>
                      <th scope="col">{t("inventory.fields.reporters")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.demands.map((demand) => (
                      <tr key={demand.id}>
                        <DemandTitleCell
                          demand={demand}
                          note={[
                            demand.code,
                            t(`inventory.kinds.${demand.kind}`),
                            t(`inventory.purposes.${demand.purpose}`),
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        />
                        <td className="num">{format.number(demand.hours)}</td>
                        <td className="num">{format.money(demand.cost)}</td>
                        <td>{demand.requester.name}</td>
                        <td>
                          {format.whole(demand.reporterCount)}
                          <span className="cell-note">{demand.reportersLabel}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t("inventory.register.total", { count: data.totals.count })}</th>
                      <td className="num">{format.number(data.totals.hours)}</td>
                      <td className="num">{format.money(data.totals.cost)}</td>
                      <td colSpan={2} />
                    </tr>
                  </tfoot>
                </CaptionedTable>
              </>
            )
          }
        </QueryView>
      </Page>
    </>
  );
}

/** A filter: its first option shows everything, and choosing it removes the filter. */
function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string | undefined) => void;
  options: Options;
}) {
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(chosen) => onChange(chosen || undefined)}
      options={options}
    />
  );
}
