// Units × the seven guiding principles, as an HTML table: each cell shows its mean as a number and
// is tinted by it (light tints, so the number keeps its contrast); hidden cells say "Dolt" and why,
// in words. A short summary in text comes first, and every unit leads on to its own results.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { get, query } from "../../api.ts";
import { type Format, useFormat } from "../../format.ts";
import { CaptionedTable, Loading, Page } from "../../ui.tsx";
import { BarometerNav, barometerKeys, useRound, useThemeLabel } from "./common.tsx";
import { NoResults, useResultsUnit } from "./results.tsx";
import { type Heatmap, type HeatmapCell, isSuppressed } from "./types.ts";

/** Five bands of the 1–5 scale; the class sets a light tint behind dark text. */
const BANDS = [
  { below: 2.5, className: "heat-1" },
  { below: 3, className: "heat-2" },
  { below: 3.5, className: "heat-3" },
  { below: 4, className: "heat-4" },
  { below: Number.POSITIVE_INFINITY, className: "heat-5" },
] as const;
// Banded by the number as shown (one decimal), so 2,96 shown as "3,0" is not tinted as below 3.
const bandOf = (mean: number) => {
  const shown = Math.round(mean * 10) / 10;
  return BANDS.find((band) => shown < band.below)?.className ?? "heat-3";
};
const MARKERS = "abcdefgh";

export function HeatmapPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { roundId } = useParams({ from: "/app/tillitsbarometern/$roundId/karta" });
  const { enhet } = useSearch({ from: "/app/tillitsbarometern/$roundId/karta" });
  const round = useRound(roundId);
  const overview = useResultsUnit(roundId, enhet);
  const unitId = overview.data?.unit.id;
  const heatmap = useQuery({
    queryKey: barometerKeys.heatmap(roundId, unitId),
    enabled: Boolean(unitId),
    queryFn: () => get<Heatmap>(`/api/barometer/rounds/${roundId}/heatmap${query({ unitId })}`),
  });

  if (round.isPending || overview.isPending || (unitId && heatmap.isPending)) return <Loading />;
  const title = overview.data
    ? t("barometer.heatmap.title", { unit: overview.data.unit.name })
    : t("barometer.heatmap.titlePlain");
  const error = round.error ?? overview.error ?? heatmap.error;
  if (!round.data || !overview.data || !heatmap.data)
    return (
      <Page title={title}>
        <BarometerNav />
        <NoResults error={error} roundId={roundId} asked={Boolean(enhet)} />
      </Page>
    );
  const data = heatmap.data;
  const parent = overview.data.parent;
  return (
    <Page title={title} intro={round.data.title}>
      <BarometerNav />
      <nav aria-label={t("barometer.results.otherUnits")}>
        <ul className="button-row unit-path">
          {parent ? (
            <li>
              <Link to="/tillitsbarometern/$roundId/karta" params={{ roundId }} search={{ enhet: parent.id }}>
                {t("barometer.heatmap.up", { unit: parent.name })}
              </Link>
            </li>
          ) : null}
          <li>
            <Link
              to="/tillitsbarometern/$roundId/resultat"
              params={{ roundId }}
              search={{ enhet: overview.data.unit.id }}
            >
              {t("barometer.heatmap.toResults", { unit: overview.data.unit.name })}
            </Link>
          </li>
        </ul>
      </nav>
      {data.principles.length === 0 ? (
        <p className="notice notice-info">{t("barometer.heatmap.noPrinciples")}</p>
      ) : (
        <HeatmapTable roundId={roundId} data={data} format={format} focus={overview.data.unit.id} />
      )}
    </Page>
  );
}

function HeatmapTable({
  roundId,
  data,
  format,
  focus,
}: {
  roundId: string;
  data: Heatmap;
  format: Format;
  focus: string;
}) {
  const { t } = useTranslation();
  const themeLabel = useThemeLabel();
  const reasons = [
    ...new Set(
      data.rows.flatMap((row) => row.cells.flatMap((cell) => (isSuppressed(cell) ? [cell.reason] : []))),
    ),
  ];
  const marker = (reason: string) => MARKERS[reasons.indexOf(reason)] ?? "*";
  const cells = data.rows.flatMap((row) => row.cells);
  const hidden = cells.filter((cell) => isSuppressed(cell)).length;

  return (
    <>
      <Summary data={data} focus={focus} format={format} hidden={hidden} total={cells.length} />
      <CaptionedTable caption={t("barometer.heatmap.caption")} className="numbers heatmap">
        <thead>
          <tr>
            <th scope="col" className="text">
              {t("barometer.heatmap.unit")}
            </th>
            {data.principles.map((theme) => (
              <th scope="col" key={theme}>
                {themeLabel(theme)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.unitId} className={row.unitId === focus ? "heat-focus" : undefined}>
              <th scope="row">
                <Link
                  to="/tillitsbarometern/$roundId/resultat"
                  params={{ roundId }}
                  search={{ enhet: row.unitId }}
                >
                  {row.name}
                </Link>
                {row.unitId === focus ? (
                  <span className="heat-whole">{t("barometer.heatmap.whole")}</span>
                ) : (
                  <Link
                    className="heat-drill"
                    to="/tillitsbarometern/$roundId/karta"
                    params={{ roundId }}
                    search={{ enhet: row.unitId }}
                  >
                    {t("barometer.heatmap.drill")}
                    <span className="visually-hidden"> {row.name}</span>
                  </Link>
                )}
              </th>
              {row.cells.map((cell) => (
                <HeatCell key={cell.theme} cell={cell} format={format} marker={marker} />
              ))}
            </tr>
          ))}
        </tbody>
      </CaptionedTable>
      <div className="heat-legend">
        <h2 className="visually-hidden">{t("barometer.heatmap.legendHeading")}</h2>
        <p className="heat-line">{t("barometer.heatmap.legend")}</p>
        <ul className="heat-scale" aria-label={t("barometer.heatmap.bands")}>
          <li className="heat-1">{t("barometer.heatmap.band1")}</li>
          <li className="heat-2">{t("barometer.heatmap.band2")}</li>
          <li className="heat-3">{t("barometer.heatmap.band3")}</li>
          <li className="heat-4">{t("barometer.heatmap.band4")}</li>
          <li className="heat-5">{t("barometer.heatmap.band5")}</li>
          <li className="heat-hidden">{t("barometer.heatmap.bandHidden")}</li>
        </ul>
        {reasons.length ? (
          <dl className="heat-reasons">
            {reasons.map((reason) => (
              <div key={reason}>
                <dt>
                  {t("barometer.hidden")}
                  <sup>{marker(reason)}</sup>
                </dt>
                <dd>{reason.replace(/^(Döljs|Hidden):\s*/, "– ")}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </>
  );
}

function HeatCell({
  cell,
  format,
  marker,
}: {
  cell: HeatmapCell;
  format: Format;
  marker: (reason: string) => string;
}) {
  const { t } = useTranslation();
  if (isSuppressed(cell))
    return (
      <td className="heat-hidden">
        {t("barometer.hidden")}
        <sup aria-hidden="true">{marker(cell.reason)}</sup>
        <span className="visually-hidden">: {cell.reason}</span>
      </td>
    );
  if (cell.mean === null) return <td className="heat-none">–</td>;
  return <td className={bandOf(cell.mean)}>{format.mean(cell.mean)}</td>;
}

/** The table in a few sentences: the unit's strongest and weakest principle, and how much is hidden. */
function Summary({
  data,
  focus,
  format,
  hidden,
  total,
}: {
  data: Heatmap;
  focus: string;
  format: Format;
  hidden: number;
  total: number;
}) {
  const { t } = useTranslation();
  const themeLabel = useThemeLabel();
  const row = data.rows.find((candidate) => candidate.unitId === focus);
  const shown = (row?.cells ?? []).flatMap((cell) =>
    !isSuppressed(cell) && cell.mean !== null ? [{ theme: cell.theme, mean: cell.mean }] : [],
  );
  const sorted = [...shown].sort((a, b) => b.mean - a.mean);
  return (
    <div className="heat-summary">
      {row && sorted.length >= 2 ? (
        <p className="heat-line">
          {t("barometer.heatmap.summary", {
            unit: row.name,
            high: themeLabel(sorted[0].theme),
            highMean: format.mean(sorted[0].mean),
            low: themeLabel(sorted[sorted.length - 1].theme),
            lowMean: format.mean(sorted[sorted.length - 1].mean),
          })}
        </p>
      ) : null}
      <p className="heat-line">
        {t("barometer.heatmap.rows", { count: data.rows.length })}{" "}
        {hidden
          ? t("barometer.heatmap.hiddenCount", { count: hidden, total })
          : t("barometer.heatmap.noneHidden")}
      </p>
    </div>
  );
}
