// A unit's results in a closed round: response rate, each question's mean and distribution beside
// the level above and the whole round, the trend across rounds, the gap between how managers and
// staff see the same things, and the comments — every figure the server hid says so, and why. Then
// the team's own conversation about them, and actions addressed to any level.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, get, query } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { BarChart } from "../../chart.tsx";
import { type Format, useFormat } from "../../format.ts";
import { CaptionedTable, ErrorMessage, Loading, Page } from "../../ui.tsx";
import { BarometerNav, barometerKeys, useRound, useSettings } from "./common.tsx";
import { Discussion } from "./discussion.tsx";
import {
  type BarometerItem,
  type Heatmap,
  type ItemFigures,
  type ItemResult,
  isSuppressed,
  type Overview,
  type RoundDetail,
} from "./types.ts";

/** Colours for the five steps of a scale, low to high, each with ≥ 3:1 contrast against white. */
const STEP_COLOURS = ["#a3231a", "#c75300", "#6b7785", "#4a86c5", "#0b3a66"];

/**
 * The unit whose results to show: the one asked for; otherwise the person's own unit when it is in
 * the round (the team first), otherwise the round's whole scope.
 */
export function useResultsUnit(roundId: string, asked: string | undefined) {
  const me = useMe().data;
  const candidates = asked ? [asked] : [...(me?.roles.map((role) => role.unitId) ?? []), undefined];
  return useQuery({
    queryKey: barometerKeys.overview(roundId, asked, candidates.join(",")),
    enabled: Boolean(me),
    retry: false,
    queryFn: async () => {
      let lastError: unknown = null;
      for (const unitId of [...new Set(candidates)]) {
        try {
          return await get<Overview>(`/api/barometer/rounds/${roundId}/overview${query({ unitId })}`);
        } catch (error) {
          // Not in the round's scope: try the next candidate. Anything else is the answer.
          if (asked || !(error instanceof ApiError) || error.status !== 404) throw error;
          lastError = error;
        }
      }
      throw lastError;
    },
  });
}

export function ResultsPage() {
  const { t } = useTranslation();
  const { roundId } = useParams({ from: "/app/tillitsbarometern/$roundId/resultat" });
  const { enhet } = useSearch({ from: "/app/tillitsbarometern/$roundId/resultat" });
  const round = useRound(roundId);
  const overview = useResultsUnit(roundId, enhet);
  const unitId = overview.data?.unit.id;
  const heatmap = useQuery({
    queryKey: barometerKeys.heatmap(roundId, unitId),
    enabled: Boolean(unitId),
    queryFn: () => get<Heatmap>(`/api/barometer/rounds/${roundId}/heatmap${query({ unitId })}`),
  });

  if (round.isPending || overview.isPending) return <Loading />;
  const title = overview.data
    ? t("barometer.results.title", { unit: overview.data.unit.name })
    : t("barometer.results.titlePlain");
  if (!round.data || !overview.data)
    return (
      <Page title={title}>
        <BarometerNav />
        <NoResults error={round.error ?? overview.error} roundId={roundId} asked={Boolean(enhet)} />
      </Page>
    );
  const data = overview.data;
  const children = (heatmap.data?.rows ?? []).filter((row) => row.unitId !== data.unit.id);
  return (
    <Page title={title} intro={round.data.title}>
      <BarometerNav />
      <nav aria-label={t("barometer.results.otherUnits")}>
        <ul className="button-row unit-path">
          {data.parent ? (
            <li>
              <Link
                to="/tillitsbarometern/$roundId/resultat"
                params={{ roundId }}
                search={{ enhet: data.parent.id }}
              >
                {t("barometer.results.up", { unit: data.parent.name })}
              </Link>
            </li>
          ) : null}
          <li>
            <Link
              to="/tillitsbarometern/$roundId/karta"
              params={{ roundId }}
              search={{ enhet: data.unit.id }}
            >
              {t("barometer.results.toHeatmap")}
            </Link>
          </li>
          <li>
            <a
              href={`/api/barometer/rounds/${roundId}/export.csv${query({ unitId: data.unit.id })}`}
              download
            >
              {t("barometer.results.export")}
            </a>
          </li>
        </ul>
      </nav>
      <Embargo overview={data} />
      <Participation overview={data} />
      <div className="bar-results">
        <Results round={round.data} overview={data} />
      </div>
      {children.length ? (
        <section aria-labelledby="below-heading">
          <h2 id="below-heading">{t("barometer.results.below")}</h2>
          <ul className="compact-list">
            {children.map((child) => (
              <li key={child.unitId}>
                <Link
                  to="/tillitsbarometern/$roundId/resultat"
                  params={{ roundId }}
                  search={{ enhet: child.unitId }}
                >
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Discussion roundId={roundId} overview={data} />
    </Page>
  );
}

/** Not allowed yet (the team sees its results first), not in the round, or not closed: said kindly. */
export function NoResults({ error, roundId, asked }: { error: unknown; roundId: string; asked: boolean }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || ![403, 404, 409].includes(error.status))
    return <ErrorMessage error={error} />;
  return (
    <div className="notice notice-info">
      <h2>{t(`barometer.results.blocked.${error.status}`)}</h2>
      <p>{error.message}</p>
      {error.status === 403 ? <p>{t("barometer.results.blocked.why")}</p> : null}
      <p className="button-row">
        {asked ? (
          <Link to="/tillitsbarometern/$roundId/resultat" params={{ roundId }}>
            {t("barometer.results.blocked.own")}
          </Link>
        ) : null}
        <Link to="/tillitsbarometern/$roundId" params={{ roundId }}>
          {t("barometer.results.blocked.round")}
        </Link>
        <Link to="/tillitsbarometern">{t("barometer.round.back")}</Link>
      </p>
    </div>
  );
}

function Embargo({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!overview.embargoUntil || new Date(overview.embargoUntil) <= new Date()) return null;
  return (
    <p className="notice notice-info">
      {t("barometer.results.embargo", { unit: overview.unit.name, date: format.day(overview.embargoUntil) })}
    </p>
  );
}

function Participation({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participation = overview.participation;
  return (
    <section aria-labelledby="participation-heading">
      <h2 id="participation-heading" className="visually-hidden">
        {t("barometer.results.participation")}
      </h2>
      {isSuppressed(participation) ? (
        <p className="notice notice-info">
          <Hidden reason={participation.reason} />
        </p>
      ) : (
        <dl className="stats">
          <div className="stat">
            <dt>{t("barometer.results.respondents")}</dt>
            <dd>{format.whole(participation.respondents)}</dd>
          </div>
          <div className="stat">
            <dt>{t("barometer.results.invited")}</dt>
            <dd>{format.whole(participation.invited)}</dd>
          </div>
          <div className="stat">
            <dt>{t("barometer.results.rate")}</dt>
            <dd>{format.percent(participation.rate)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** "Dolt" and why, in words: a hidden figure never looks like a missing or a zero one. */
export function Hidden({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <span className="hidden-figure">
      <strong>{t("barometer.hidden")}</strong> – {reason.replace(/^(Döljs|Hidden):\s*/, "")}
    </span>
  );
}

type Numbered = { item: BarometerItem; number: number; label: string };

function Results({ round, overview }: { round: RoundDetail; overview: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const numbered: Numbered[] = round.items.map((item, index) => ({
    item,
    number: index + 1,
    label: `${index + 1}. ${item.text}`,
  }));
  const scale = numbered.filter(({ item }) => item.kind === "scale");
  const byId = (results: ItemResult[] | undefined) => new Map((results ?? []).map((r) => [r.itemId, r]));
  const own = byId(overview.items);
  const parent = byId(overview.parent?.items);
  const whole = byId(overview.whole.items);
  const showWhole = overview.whole.id !== overview.unit.id && overview.whole.id !== overview.parent?.id;
  const published = scale.filter(({ item }) => {
    const result = own.get(item.id);
    return result && !isSuppressed(result) && result.mean !== null;
  });
  const meanOf = (result: ItemResult | undefined) =>
    result && !isSuppressed(result) && result.mean !== null ? result.mean : Number.NaN;
  const cell = (result: ItemResult | undefined) => {
    if (!result) return <td>–</td>;
    if (isSuppressed(result))
      return (
        <td className="text">
          <Hidden reason={result.reason} />
        </td>
      );
    return <td>{result.mean === null ? t("barometer.results.allDontKnow") : format.mean(result.mean)}</td>;
  };
  const otherScales = scaleNotes(scale.map(({ item }) => item));

  return (
    <>
      <section aria-labelledby="means-heading">
        <h2 id="means-heading">{t("barometer.results.meansHeading")}</h2>
        <p className="hint">{t("barometer.results.meansHint")}</p>
        {published.length === 0 ? (
          <p className="notice notice-info">{t("barometer.results.nothingPublished")}</p>
        ) : null}
        <BarChart
          categories={published.map(({ label }) => label)}
          series={[
            { name: overview.unit.name, values: published.map(({ item }) => meanOf(own.get(item.id))) },
            ...(overview.parent
              ? [
                  {
                    name: overview.parent.name,
                    values: published.map(({ item }) => meanOf(parent.get(item.id))),
                  },
                ]
              : []),
            ...(showWhole
              ? [
                  {
                    name: overview.whole.name,
                    values: published.map(({ item }) => meanOf(whole.get(item.id))),
                  },
                ]
              : []),
          ]}
          max={5}
          format={format.mean}
          table={
            <CaptionedTable
              caption={t("barometer.results.meansCaption", { unit: overview.unit.name })}
              className="numbers results-table"
              note={otherScales}
            >
              <thead>
                <tr>
                  <th scope="col" className="text">
                    {t("barometer.results.question")}
                  </th>
                  <th scope="col">{t("barometer.results.answers")}</th>
                  <th scope="col">{overview.unit.name}</th>
                  {overview.parent ? <th scope="col">{overview.parent.name}</th> : null}
                  {showWhole ? <th scope="col">{overview.whole.name}</th> : null}
                </tr>
              </thead>
              <tbody>
                {scale.map(({ item, label }) => {
                  const result = own.get(item.id);
                  return (
                    <tr key={item.id}>
                      <th scope="row">{label}</th>
                      {result && isSuppressed(result) ? (
                        <td className="text" colSpan={2}>
                          <Hidden reason={result.reason} />
                        </td>
                      ) : (
                        <>
                          <td>{result ? format.whole(result.n) : "–"}</td>
                          {cell(result)}
                        </>
                      )}
                      {overview.parent ? cell(parent.get(item.id)) : null}
                      {showWhole ? cell(whole.get(item.id)) : null}
                    </tr>
                  );
                })}
              </tbody>
            </CaptionedTable>
          }
        />
      </section>

      <Distribution scale={scale} own={own} format={format} note={otherScales} />
      <Trend round={round} overview={overview} scale={scale} format={format} />
      <Gaps overview={overview} scale={scale} format={format} k={settings.data?.minGroupSize} />
      <Comments overview={overview} numbered={numbered} commentMin={settings.data?.commentMinGroupSize} />
    </>
  );
}

/** Which words the numbers 1 and 5 stand for, per scale used in the round. */
function scaleNotes(items: BarometerItem[]): ReactNode {
  const scales = new Map<string, string[]>();
  for (const item of items) if (item.scaleLabels) scales.set(item.scaleLabels.join("|"), item.scaleLabels);
  return [...scales.values()].map((labels) => `1 = ${labels[0]}, 5 = ${labels[4]}.`).join(" ");
}

function Distribution({
  scale,
  own,
  format,
  note,
}: {
  scale: Numbered[];
  own: Map<string, ItemResult>;
  format: Format;
  note: ReactNode;
}) {
  const { t } = useTranslation();
  const all = scale.map(({ item, label }) => ({ item, label, result: own.get(item.id) }));
  const rows = all.flatMap(({ item, label, result }) =>
    result && !isSuppressed(result) && result.n > 0 ? [{ item, label, result }] : [],
  );
  if (rows.length === 0) return null;
  const share = (result: ItemFigures, step: number) => (result.n ? result.distribution[step] / result.n : 0);
  const steps = [0, 1, 2, 3, 4];
  return (
    <section aria-labelledby="distribution-heading">
      <h2 id="distribution-heading">{t("barometer.results.distributionHeading")}</h2>
      <p className="hint">{t("barometer.results.distributionHint")}</p>
      <BarChart
        categories={rows.map(({ label }) => label)}
        stacked
        max={1}
        format={format.percent}
        series={steps.map((step) => ({
          name: String(step + 1),
          color: STEP_COLOURS[step],
          values: rows.map(({ result }) => share(result, step)),
        }))}
        table={
          <CaptionedTable
            caption={t("barometer.results.distributionCaption")}
            className="numbers results-table"
            note={note}
          >
            <thead>
              <tr>
                <th scope="col" className="text">
                  {t("barometer.results.question")}
                </th>
                {steps.map((step) => (
                  <th scope="col" key={step}>
                    {step + 1}
                  </th>
                ))}
                <th scope="col">{t("barometer.results.dontKnow")}</th>
                <th scope="col">{t("barometer.results.answers")}</th>
              </tr>
            </thead>
            <tbody>
              {all.map(({ item, label, result }) => (
                <tr key={item.id}>
                  <th scope="row">{label}</th>
                  {!result || isSuppressed(result) ? (
                    <td className="text" colSpan={7}>
                      {result ? <Hidden reason={result.reason} /> : "–"}
                    </td>
                  ) : (
                    <>
                      {steps.map((step) => (
                        <td key={step}>{format.percent(share(result, step))}</td>
                      ))}
                      <td>{format.whole(result.dontKnow)}</td>
                      <td>{format.whole(result.n)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
        }
      />
    </section>
  );
}

function Trend({
  round,
  overview,
  scale,
  format,
}: {
  round: RoundDetail;
  overview: Overview;
  scale: Numbered[];
  format: Format;
}) {
  const { t } = useTranslation();
  const rounds = [
    ...overview.trend,
    { roundId: round.id, title: round.title, closesOn: round.closesOn, items: overview.items },
  ].map((entry) => ({
    ...entry,
    label: format.month(entry.closesOn),
    byId: new Map(entry.items.map((result) => [result.itemId, result])),
  }));
  const meanOf = (result: ItemResult | undefined) =>
    result && !isSuppressed(result) && result.mean !== null ? result.mean : null;
  // Questions asked before, with at least two published means to compare.
  const compared = scale.filter(
    ({ item }) => rounds.filter((entry) => meanOf(entry.byId.get(item.id)) !== null).length >= 2,
  );
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t("barometer.results.trendHeading")}</h2>
      {overview.trend.length === 0 ? (
        <p>{t("barometer.results.trendFirst")}</p>
      ) : compared.length === 0 ? (
        <p>{t("barometer.results.trendNone")}</p>
      ) : (
        <BarChart
          categories={compared.map(({ label }) => label)}
          max={5}
          format={format.mean}
          series={rounds.map((entry) => ({
            name: entry.label,
            values: compared.map(({ item }) => meanOf(entry.byId.get(item.id)) ?? Number.NaN),
          }))}
          table={
            <CaptionedTable
              caption={t("barometer.results.trendCaption", { unit: overview.unit.name })}
              className="numbers results-table"
              note={rounds.map((entry) => `${entry.label}: ${entry.title}.`).join(" ")}
            >
              <thead>
                <tr>
                  <th scope="col" className="text">
                    {t("barometer.results.question")}
                  </th>
                  {rounds.map((entry) => (
                    <th scope="col" key={entry.roundId}>
                      {entry.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {compared.map(({ item, label }) => (
                  <tr key={item.id}>
                    <th scope="row">{label}</th>
                    {rounds.map((entry) => {
                      const result = entry.byId.get(item.id);
                      if (!result) return <td key={entry.roundId}>{t("barometer.results.notAsked")}</td>;
                      if (isSuppressed(result))
                        return (
                          <td key={entry.roundId} className="text">
                            <Hidden reason={result.reason} />
                          </td>
                        );
                      return (
                        <td key={entry.roundId}>
                          {result.mean === null
                            ? t("barometer.results.allDontKnow")
                            : format.mean(result.mean)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          }
        />
      )}
    </section>
  );
}

function Gaps({
  overview,
  scale,
  format,
  k,
}: {
  overview: Overview;
  scale: Numbered[];
  format: Format;
  k: number | undefined;
}) {
  const { t } = useTranslation();
  const labels = new Map(scale.map(({ item, label }) => [item.id, label]));
  const gaps = overview.gaps.filter((gap) => labels.has(gap.itemId));
  return (
    <section aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">{t("barometer.results.gapsHeading")}</h2>
      <p className="hint">{t("barometer.results.gapsHint")}</p>
      {gaps.length === 0 ? (
        <p>{t("barometer.results.gapsNone", { k: k ?? 5 })}</p>
      ) : (
        <BarChart
          categories={gaps.map((gap) => labels.get(gap.itemId) ?? gap.itemId)}
          max={5}
          format={format.mean}
          series={[
            { name: t("barometer.results.managers"), values: gaps.map((gap) => gap.managers) },
            { name: t("barometer.results.staff"), values: gaps.map((gap) => gap.staff) },
          ]}
          table={
            <CaptionedTable
              caption={t("barometer.results.gapsCaption", { unit: overview.unit.name })}
              className="numbers results-table"
            >
              <thead>
                <tr>
                  <th scope="col" className="text">
                    {t("barometer.results.question")}
                  </th>
                  <th scope="col">{t("barometer.results.managers")}</th>
                  <th scope="col">{t("barometer.results.staff")}</th>
                  <th scope="col">{t("barometer.results.gap")}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.map((gap) => (
                  <tr key={gap.itemId}>
                    <th scope="row">{labels.get(gap.itemId)}</th>
                    <td>{format.mean(gap.managers)}</td>
                    <td>{format.mean(gap.staff)}</td>
                    <td>
                      {format.signed(gap.gap)}
                      {Math.abs(gap.gap) >= 0.75 ? (
                        <span className="badge badge-gap">{t("barometer.results.bigGap")}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          }
        />
      )}
    </section>
  );
}

function Comments({
  overview,
  numbered,
  commentMin,
}: {
  overview: Overview;
  numbered: Numbered[];
  commentMin: number | undefined;
}) {
  const { t } = useTranslation();
  const textItems = numbered.filter(({ item }) => item.kind === "text");
  if (textItems.length === 0) return null;
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t("barometer.results.commentsHeading")}</h2>
      {overview.comments === null ? (
        <p className="notice notice-info">
          {t("barometer.results.commentsHidden", { count: commentMin ?? 10 })}
        </p>
      ) : (
        textItems.map(({ item, label }) => {
          const comments = (overview.comments ?? []).filter((comment) => comment.itemId === item.id);
          return (
            <div key={item.id}>
              <h3>{label}</h3>
              {comments.length === 0 ? (
                <p>{t("barometer.results.noComments")}</p>
              ) : (
                <>
                  <p className="hint">{t("barometer.results.commentsOrder", { count: comments.length })}</p>
                  <ul className="comments">
                    {comments.map((comment, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: comments have no ids and the list is replaced whole
                      <li key={index}>
                        <p>{comment.body}</p>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
