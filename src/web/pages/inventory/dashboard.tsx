// The burden of follow-up, for the whole organisation or one unit: by unit, role, requester,
// purpose and kind (each a chart with its table), per employee and as a share of working time;
// the trust profile; hours returned to core work; and the demands flagged for a second look.
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { BarChart } from "../../chart.tsx";
import { type Format, useFormat } from "../../format.ts";
import { indented } from "../../tree.ts";
import type { Burden, FreedHours, InventoryFlags, InventorySettings, TrustProfile } from "../../types.ts";
import { CaptionedTable, EmptyState, ErrorMessage, Page, QueryView, SelectField } from "../../ui.tsx";
import { useUnitOptions } from "../org/queries.ts";
import { InventoryNav, TRUST_DIMENSIONS } from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

const GROUPINGS = ["unit", "role", "requester", "purpose", "kind"] as const;
type Grouping = (typeof GROUPINGS)[number];
/** Bars beyond this many go only in the table; a chart of forty bars says nothing. */
const CHART_BARS = 12;

export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { enhet: unitId } = useSearch({ from: "/app/inventering/belastning" });
  const navigate = useNavigate({ from: "/inventering/belastning" });
  const units = useUnitOptions();
  const unitName = units.options.find(({ unit }) => unit.id === unitId)?.unit.name;
  const total = useQuery({
    queryKey: inventoryKeys.burden(unitId, "unit"),
    queryFn: () => get<Burden>(`/api/inventory/burden${query({ unitId, groupBy: "unit" })}`),
  });
  const scopeName = unitName ?? t("inventory.burden.wholeOrganisationInline");

  return (
    <>
      <InventoryNav />
      <Page title={t("inventory.burden.title")} intro={t("inventory.burden.intro")}>
        <div className="toolbar">
          <SelectField
            label={t("inventory.burden.unitPicker")}
            hint={t("inventory.burden.unitPickerHint")}
            value={unitId ?? ""}
            onChange={(enhet) => void navigate({ search: { enhet: enhet || undefined } })}
            placeholder={t("inventory.burden.wholeOrganisation")}
            allowEmpty
            options={units.options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
          />
        </div>
        <QueryView query={total}>
          {(data) =>
            data.totalHours === 0 ? (
              <EmptyState title={t("inventory.burden.empty", { scope: scopeName })}>
                {t("inventory.burden.emptyHelp")}
              </EmptyState>
            ) : (
              <>
                <Summary burden={data} scope={scopeName} format={format} />
                {GROUPINGS.map((grouping) => (
                  <Breakdown key={grouping} grouping={grouping} unitId={unitId} format={format} />
                ))}
                <Profile unitId={unitId} format={format} />
              </>
            )
          }
        </QueryView>
        <Freed unitId={unitId} format={format} />
        <Flags format={format} />
        <HowItIsCounted format={format} />
        <section aria-labelledby="export-heading">
          <h2 id="export-heading">{t("inventory.export.heading")}</h2>
          <p>
            <a href="/api/inventory/export/register.csv" download>
              {t("inventory.export.register")}
            </a>
          </p>
          <p id="export-burden">{t("inventory.export.burden", { scope: scopeName })}</p>
          <ul className="compact-list" aria-labelledby="export-burden">
            {GROUPINGS.map((grouping) => (
              <li key={grouping}>
                <a href={`/api/inventory/export/burden.csv${query({ unitId, groupBy: grouping })}`} download>
                  {t(`inventory.burden.heading.${grouping}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </Page>
    </>
  );
}

function Summary({ burden, scope, format }: { burden: Burden; scope: string; format: Format }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("inventory.burden.summaryHeading", { scope })}</h2>
      <dl className="stats">
        <div className="stat">
          <dt>{t("inventory.fields.hoursPerYear")}</dt>
          <dd>{format.hours(burden.totalHours)}</dd>
        </div>
        <div className="stat">
          <dt>{t("inventory.fields.costPerYear")}</dt>
          <dd>{format.money(burden.totalCost)}</dd>
        </div>
        <div className="stat">
          <dt>{t("inventory.burden.perPerson")}</dt>
          <dd>{format.hours(burden.perPerson.hours)}</dd>
        </div>
        <div className="stat">
          <dt>{t("inventory.burden.share")}</dt>
          <dd>{format.percent(burden.perPerson.shareOfWorkingTime)}</dd>
        </div>
      </dl>
      <p>
        {t("inventory.burden.summarySentence", {
          count: burden.people,
          people: format.whole(burden.people),
          hours: format.hours(burden.perPerson.hours),
          share: format.percent(burden.perPerson.shareOfWorkingTime),
        })}
      </p>
    </section>
  );
}

function useGroupLabel() {
  const { t } = useTranslation();
  return (grouping: Grouping, key: string, label: string) => {
    if (grouping === "purpose") return t(`inventory.purposes.${key}`, { defaultValue: label });
    if (grouping === "kind") return t(`inventory.kinds.${key}`, { defaultValue: label });
    if (grouping === "role")
      return key === "unspecified"
        ? t("inventory.burden.unspecifiedRole")
        : t(`roles.${key}`, { defaultValue: label });
    return label;
  };
}

/** One way of splitting the burden; the unit split shares its query with the page's totals. */
function Breakdown({ grouping, unitId, format }: { grouping: Grouping; unitId?: string; format: Format }) {
  const { t } = useTranslation();
  const groupLabel = useGroupLabel();
  const burden = useQuery({
    queryKey: inventoryKeys.burden(unitId, grouping),
    queryFn: () => get<Burden>(`/api/inventory/burden${query({ unitId, groupBy: grouping })}`),
  });
  const heading = t(`inventory.burden.heading.${grouping}`);
  const rows = useMemo(
    () =>
      (burden.data?.groups ?? []).map((group) => ({
        ...group,
        name: groupLabel(grouping, group.key, group.label),
      })),
    [burden.data, grouping, groupLabel],
  );
  const chartRows = rows.slice(0, CHART_BARS);
  const categories = useMemo(() => chartRows.map((row) => row.name), [chartRows]);
  const series = useMemo(
    () => [
      { name: t("inventory.fields.hoursPerYear"), values: chartRows.map((row) => Math.round(row.hours)) },
    ],
    [chartRows, t],
  );
  const id = `breakdown-${grouping}`;
  if (!burden.data) return burden.error ? <ErrorMessage error={burden.error} /> : null;
  const data = burden.data;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("inventory.burden.noGroups")}</p>
      ) : (
        <>
          {rows.length > CHART_BARS ? (
            <p className="hint">{t("inventory.burden.chartTop", { count: CHART_BARS })}</p>
          ) : null}
          <BarChart
            categories={categories}
            series={series}
            format={format.whole}
            table={
              <CaptionedTable caption={t(`inventory.burden.caption.${grouping}`)} className="numbers">
                <thead>
                  <tr>
                    <th scope="col" className="text">
                      {t(`inventory.burden.by.${grouping}`)}
                    </th>
                    <th scope="col">{t("inventory.fields.hoursPerYear")}</th>
                    <th scope="col">{t("inventory.burden.shareOfTotal")}</th>
                    <th scope="col">{t("inventory.fields.costPerYear")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        {grouping === "unit" && row.key !== "own" ? (
                          <Link to="/inventering/belastning" search={{ enhet: row.key }}>
                            {row.name}
                          </Link>
                        ) : (
                          row.name
                        )}
                      </th>
                      <td>{format.number(row.hours)}</td>
                      <td>{format.percent(data.totalHours ? row.hours / data.totalHours : 0)}</td>
                      <td>{format.money(row.cost)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("inventory.burden.total")}</th>
                    <td>{format.number(data.totalHours)}</td>
                    <td>{format.percent(1)}</td>
                    <td>{format.money(data.totalCost)}</td>
                  </tr>
                </tfoot>
              </CaptionedTable>
            }
          />
        </>
      )}
    </section>
  );
}

const POSITIONS = ["traditional", "both", "trust", "unplaced"] as const;
const POSITION_COLOURS = { traditional: "#a3231a", both: "#8a6d00", trust: "#1d6b37", unplaced: "#6b7784" };

function Profile({ unitId, format }: { unitId?: string; format: Format }) {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: inventoryKeys.profile(unitId),
    queryFn: () => get<TrustProfile>(`/api/inventory/profile${query({ unitId })}`),
  });
  const byDimension = useMemo(
    () => new Map((profile.data?.dimensions ?? []).map((row) => [row.dimension, row])),
    [profile.data],
  );
  const categories = useMemo(
    () => TRUST_DIMENSIONS.map((dimension) => t(`inventory.trust.dimensions.${dimension}.short`)),
    [t],
  );
  const series = useMemo(
    () =>
      POSITIONS.map((position) => ({
        name: t(`inventory.trust.positions.${position}`),
        color: POSITION_COLOURS[position],
        values: TRUST_DIMENSIONS.map(
          (dimension) => Math.round((byDimension.get(dimension)?.shares[position] ?? 0) * 1000) / 1000,
        ),
      })),
    [byDimension, t],
  );
  if (!profile.data) return profile.error ? <ErrorMessage error={profile.error} /> : null;
  const purpose = byDimension.get("purpose_learning");
  const examples = byDimension.get("good_examples");
  const placed = profile.data.dimensions.some((row) => row.shares.unplaced < 1);
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("inventory.profile.heading")}</h2>
      <p>{t("inventory.profile.intro")}</p>
      {placed && purpose && examples ? (
        <p className="key-figure">
          {t("inventory.profile.sentence", {
            accountability: format.percent(purpose.shares.traditional),
            examples: format.percent(examples.shares.trust + examples.shares.both),
          })}
        </p>
      ) : (
        <p className="muted">{t("inventory.profile.nonePlaced")}</p>
      )}
      <BarChart
        categories={categories}
        series={series}
        stacked
        max={1}
        format={format.percent}
        table={
          <CaptionedTable
            caption={t("inventory.profile.tableCaption", { hours: format.hours(profile.data.totalHours) })}
            className="numbers"
          >
            <thead>
              <tr>
                <th scope="col" className="text">
                  {t("inventory.profile.dimension")}
                </th>
                {POSITIONS.map((position) => (
                  <th scope="col" key={position}>
                    {t(`inventory.trust.positions.${position}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TRUST_DIMENSIONS.map((dimension) => (
                <tr key={dimension}>
                  <th scope="row">{t(`inventory.trust.dimensions.${dimension}.short`)}</th>
                  {POSITIONS.map((position) => (
                    <td key={position}>
                      {format.percent(byDimension.get(dimension)?.shares[position] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
        }
      />
    </section>
  );
}

function Freed({ unitId, format }: { unitId?: string; format: Format }) {
  const { t } = useTranslation();
  const freed = useQuery({
    queryKey: inventoryKeys.freed(unitId),
    queryFn: () => get<FreedHours>(`/api/inventory/freed${query({ unitId })}`),
  });
  if (!freed.data) return freed.error ? <ErrorMessage error={freed.error} /> : null;
  const data = freed.data;
  return (
    <section aria-labelledby="freed-heading">
      <h2 id="freed-heading">{t("inventory.freed.heading")}</h2>
      {data.demands.length === 0 ? (
        <EmptyState title={t("inventory.freed.none")}>{t("inventory.freed.noneHelp")}</EmptyState>
      ) : (
        <>
          <p className="key-figure">
            {t("inventory.freed.sentence", {
              hours: format.hours(data.soFarThisYear.hours),
              cost: format.money(data.soFarThisYear.cost),
            })}
          </p>
          <p>
            {t("inventory.freed.annual", {
              count: data.demands.length,
              hours: format.hours(data.annualHours),
              cost: format.money(data.annualCost),
            })}
          </p>
          <CaptionedTable caption={t("inventory.freed.tableLabel")} className="numbers">
            <thead>
              <tr>
                <th scope="col" className="text">
                  {t("inventory.fields.demand")}
                </th>
                <th scope="col">{t("inventory.freed.endDate")}</th>
                <th scope="col">{t("inventory.fields.hoursPerYear")}</th>
                <th scope="col">{t("inventory.fields.costPerYear")}</th>
              </tr>
            </thead>
            <tbody>
              {data.demands.map((demand) => (
                <tr key={demand.demandId}>
                  <th scope="row">
                    <Link to="/inventering/krav/$demandId" params={{ demandId: demand.demandId }}>
                      {demand.title}
                    </Link>
                  </th>
                  <td>{demand.endDate ? format.day(demand.endDate) : "—"}</td>
                  <td>{format.number(demand.annualHours)}</td>
                  <td>{format.money(demand.annualCost)}</td>
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
        </>
      )}
    </section>
  );
}

function Flags({ format }: { format: Format }) {
  const { t } = useTranslation();
  const flags = useQuery({
    queryKey: inventoryKeys.flags,
    queryFn: () => get<InventoryFlags>("/api/inventory/flags"),
  });
  if (!flags.data) return flags.error ? <ErrorMessage error={flags.error} /> : null;
  const { removalCandidates, duplicates } = flags.data;
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">{t("inventory.flags.listHeading")}</h2>
      <p>{t("inventory.flags.listIntro")}</p>
      <h3>{t("inventory.flags.removalHeading", { count: removalCandidates.length })}</h3>
      {removalCandidates.length ? (
        <CaptionedTable caption={t("inventory.flags.removal")} className="numbers" showTitle={false}>
          <thead>
            <tr>
              <th scope="col" className="text">
                {t("inventory.fields.demand")}
              </th>
              <th scope="col">{t("inventory.fields.lastUsed")}</th>
              <th scope="col">{t("inventory.fields.hoursPerYear")}</th>
            </tr>
          </thead>
          <tbody>
            {removalCandidates.map((item) => (
              <tr key={item.demandId}>
                <th scope="row">
                  <Link to="/inventering/krav/$demandId" params={{ demandId: item.demandId }}>
                    {item.title}
                  </Link>
                </th>
                <td>{item.lastUsedOn ? format.day(item.lastUsedOn) : t("inventory.flags.never")}</td>
                <td>{format.number(item.hours)}</td>
              </tr>
            ))}
          </tbody>
        </CaptionedTable>
      ) : (
        <p className="muted">{t("inventory.flags.noRemoval")}</p>
      )}
      <h3>{t("inventory.flags.duplicateHeading", { count: duplicates.length })}</h3>
      {duplicates.length ? (
        <ul className="plain-list duplicates">
          {duplicates.map((item) => (
            <li key={item.demandIds.join()} className="card">
              <p>
                <Link to="/inventering/krav/$demandId" params={{ demandId: item.demandIds[0] }}>
                  {item.titles[0]}
                </Link>{" "}
                {t("inventory.flags.and")}{" "}
                <Link to="/inventering/krav/$demandId" params={{ demandId: item.demandIds[1] }}>
                  {item.titles[1]}
                </Link>
              </p>
              <p className="muted">
                {t("inventory.flags.overlap", {
                  fields: item.fields.join(", "),
                  roles: item.roles
                    .map((role) => (role ? t(`roles.${role}`) : t("inventory.burden.unspecifiedRole")))
                    .join(", "),
                  units:
                    item.units.map((unit) => unit.name).join(", ") ||
                    t("inventory.burden.wholeOrganisationInline"),
                })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("inventory.flags.noDuplicates")}</p>
      )}
    </section>
  );
}

/** The model and the prices behind every figure on the page, so nobody has to take them on trust. */
function HowItIsCounted({ format }: { format: Format }) {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: inventoryKeys.settings,
    queryFn: () => get<InventorySettings>("/api/inventory/settings"),
  });
  if (!settings.data) return null;
  const costs = Object.entries(settings.data.hourlyCost);
  return (
    <details className="card how-counted">
      <summary>{t("inventory.burden.howHeading")}</summary>
      <p>{t("inventory.burden.howModel")}</p>
      <p>
        {t("inventory.burden.howWorkingTime", {
          hours: format.whole(settings.data.annualWorkingHours),
          fallback: format.money(settings.data.defaultHourlyCost),
        })}
      </p>
      <CaptionedTable caption={t("inventory.burden.howCosts")} className="numbers">
        <thead>
          <tr>
            <th scope="col" className="text">
              {t("inventory.burden.by.role")}
            </th>
            <th scope="col">{t("inventory.fields.hourlyCost")}</th>
          </tr>
        </thead>
        <tbody>
          {costs.map(([role, cost]) => (
            <tr key={role}>
              <th scope="row">{t(`roles.${role}`)}</th>
              <td>{format.money(cost)}</td>
            </tr>
          ))}
        </tbody>
      </CaptionedTable>
    </details>
  );
}
