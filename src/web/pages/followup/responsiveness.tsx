// The chain's responsiveness: how fast each addressed level answers the requests from below —
// median and 90th percentile time to answer, answered and still open — as a chart with its table.
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { BarChart, CHART_COLOURS } from "../../chart.tsx";
import { useFormat } from "../../format.ts";
import { CaptionedTable, EmptyState, Page, QueryView } from "../../ui.tsx";
import { useUnits } from "../org/queries.ts";
import { FollowupNav, followupKeys, UnitPicker } from "./common.tsx";
import type { Responsiveness } from "./types.ts";

/** Hours to days with one decimal, for the chart's bars. */
const days = (hours: number | null) => Math.round(((hours ?? 0) / 24) * 10) / 10;

export function ResponsivenessPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { enhet: unitId } = useSearch({ from: "/app/uppfoljning/svarstider" });
  const navigate = useNavigate({ from: "/uppfoljning/svarstider" });
  const units = useUnits();
  const unitName = units.data?.find((unit) => unit.id === unitId)?.name;
  const scope = unitName ?? t("followup.responsiveness.everything");
  const rows = useQuery({
    queryKey: followupKeys.responsiveness(unitId),
    queryFn: () => get<Responsiveness[]>(`/api/followup/responsiveness${query({ unitId })}`),
  });
  const answered = useMemo(() => (rows.data ?? []).filter((row) => row.answered > 0), [rows.data]);
  const categories = useMemo(() => answered.map((row) => t(`followup.levels.${row.level}`)), [answered, t]);
  const series = useMemo(
    () => [
      {
        name: t("followup.responsiveness.medianSeries"),
        values: answered.map((row) => days(row.medianHours)),
        color: CHART_COLOURS[0],
      },
      {
        name: t("followup.responsiveness.p90Series"),
        values: answered.map((row) => days(row.p90Hours)),
        color: CHART_COLOURS[1],
      },
    ],
    [answered, t],
  );
  const caption = t("followup.responsiveness.tableCaption", { scope });
  const table = (
    <CaptionedTable caption={caption} className="numbers fu-table">
      <thead>
        <tr>
          <th scope="col" className="fu-text">
            {t("followup.responsiveness.level")}
          </th>
          <th scope="col">{t("followup.responsiveness.answered")}</th>
          <th scope="col">{t("followup.responsiveness.open")}</th>
          <th scope="col">{t("followup.responsiveness.median")}</th>
          <th scope="col">{t("followup.responsiveness.p90")}</th>
        </tr>
      </thead>
      <tbody>
        {(rows.data ?? []).map((row) => (
          <tr key={row.level}>
            <th scope="row" className="fu-text">
              {t(`followup.levels.${row.level}`)}
            </th>
            <td>{format.whole(row.answered)}</td>
            <td>{format.whole(row.open)}</td>
            <td>{row.medianHours === null ? "–" : format.inDays(row.medianHours)}</td>
            <td>{row.p90Hours === null ? "–" : format.inDays(row.p90Hours)}</td>
          </tr>
        ))}
      </tbody>
    </CaptionedTable>
  );

  return (
    <>
      <FollowupNav />
      <Page title={t("followup.responsiveness.title")} intro={t("followup.responsiveness.intro")}>
        <div className="toolbar">
          <UnitPicker
            label={t("followup.responsiveness.unitPicker")}
            hint={t("followup.responsiveness.unitPickerHint")}
            allLabel={t("followup.responsiveness.everythingOption")}
            value={unitId}
            onChange={(enhet) => void navigate({ search: { enhet } })}
          />
        </div>
        <QueryView query={rows}>
          {(data) =>
            data.length ? (
              <section aria-labelledby="levels-heading">
                <h2 id="levels-heading">{t("followup.responsiveness.heading", { scope })}</h2>
                {answered.length ? (
                  <BarChart categories={categories} series={series} format={format.daysShort} table={table} />
                ) : (
                  <>
                    <p className="muted">{t("followup.responsiveness.noneAnswered")}</p>
                    {table}
                  </>
                )}
                <div className="fu-explain">
                  <h3>{t("followup.responsiveness.howHeading")}</h3>
                  <p>{t("followup.responsiveness.how")}</p>
                </div>
              </section>
            ) : (
              <EmptyState title={t("followup.responsiveness.emptyTitle", { scope })}>
                {t("followup.responsiveness.emptyHelp")}
              </EmptyState>
            )
          }
        </QueryView>
      </Page>
    </>
  );
}
