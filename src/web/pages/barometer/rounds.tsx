// The trust barometer's rounds: the list (what I am asked to answer first), and one round's page,
// where an invited person answers and everyone else sees what the round is and where its results are.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import { EmptyState, ErrorMessage, Page, QueryView, SuccessMessage } from "../../ui.tsx";
import { AnswerForm } from "./answer.tsx";
import {
  BarometerNav,
  barometerKeys,
  mayStartRounds,
  toAnswer,
  useRound,
  useRounds,
  useSettings,
} from "./common.tsx";
import type { RoundDetail, RoundSummary } from "./types.ts";

export function RoundsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const rounds = useRounds();
  const settings = useSettings();
  const list = rounds.data ?? [];
  const mine = list.filter(toAnswer);
  const running = list.filter((round) => round.phase !== "closed" && !toAnswer(round));
  const closed = list.filter((round) => round.phase === "closed");

  return (
    <Page title={t("barometer.rounds.title")} intro={t("barometer.rounds.intro")}>
      <BarometerNav />
      <QueryView query={rounds}>
        {(data) =>
          data.length ? null : (
            <EmptyState title={t("barometer.rounds.none")}>
              {mayStartRounds(me) ? (
                <Link to="/tillitsbarometern/ny">{t("barometer.rounds.startFirst")}</Link>
              ) : (
                t("barometer.rounds.noneHelp")
              )}
            </EmptyState>
          )
        }
      </QueryView>
      {mine.length ? (
        <section aria-labelledby="to-answer">
          <h2 id="to-answer">{t("barometer.rounds.toAnswer")}</h2>
          <RoundList rounds={mine} />
        </section>
      ) : null}
      {running.length ? (
        <section aria-labelledby="running">
          <h2 id="running">{t("barometer.rounds.running")}</h2>
          <RoundList rounds={running} />
        </section>
      ) : null}
      {closed.length ? (
        <section aria-labelledby="closed">
          <h2 id="closed">{t("barometer.rounds.closed")}</h2>
          <RoundList rounds={closed} />
        </section>
      ) : null}
      <section className="card about" aria-labelledby="barometer-about">
        <h2 id="barometer-about">{t("barometer.rounds.aboutHeading")}</h2>
        <p>{t("barometer.rounds.about1")}</p>
        <p>
          {t("barometer.rounds.about2", {
            k: settings.data?.minGroupSize ?? 5,
            comments: settings.data?.commentMinGroupSize ?? 10,
          })}
        </p>
        <p>{t("barometer.rounds.about3", { count: settings.data?.embargoDays ?? 7 })}</p>
      </section>
    </Page>
  );
}

function RoundList({ rounds }: { rounds: RoundSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="plain-list round-list">
      {rounds.map((round) => (
        <li key={round.id} className="card round-card">
          <h3>
            <Link to="/tillitsbarometern/$roundId" params={{ roundId: round.id }}>
              {round.title}
            </Link>
          </h3>
          <p className="round-meta">
            <span className={`badge badge-round-${round.phase}`}>{t(`barometer.phase.${round.phase}`)}</span>{" "}
            {round.answered ? (
              <span className="badge badge-answered">{t("barometer.rounds.youAnswered")}</span>
            ) : null}
          </p>
          <p className="muted">
            {t("barometer.rounds.meta", {
              unit: round.unitName,
              opens: format.day(round.opensOn),
              closes: format.day(round.closesOn),
            })}
            {" · "}
            {t("barometer.rounds.questions", {
              count: round.itemCount,
              time: format.duration(round.estimatedSeconds),
            })}
          </p>
          {toAnswer(round) ? (
            <p>
              <Link
                className="button primary"
                to="/tillitsbarometern/$roundId"
                params={{ roundId: round.id }}
              >
                {t("barometer.rounds.answerNow")}
                <span className="visually-hidden">: {round.title}</span>
              </Link>
            </p>
          ) : null}
          {round.phase === "closed" && round.closedAt ? (
            <p className="button-row">
              <Link to="/tillitsbarometern/$roundId/resultat" params={{ roundId: round.id }}>
                {t("barometer.rounds.results")}
                <span className="visually-hidden">: {round.title}</span>
              </Link>
              <Link to="/tillitsbarometern/$roundId/karta" params={{ roundId: round.id }}>
                {t("barometer.rounds.heatmap")}
                <span className="visually-hidden">: {round.title}</span>
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function RoundPage() {
  const { t } = useTranslation();
  const { roundId } = useParams({ from: "/app/tillitsbarometern/$roundId" });
  const round = useRound(roundId);
  return (
    <QueryView
      query={round}
      notFound={{
        title: t("barometer.round.notFound"),
        back: <Link to="/tillitsbarometern">{t("barometer.round.back")}</Link>,
      }}
    >
      {(data) => <RoundView data={data} />}
    </QueryView>
  );
}

function RoundView({ data }: { data: RoundDetail }) {
  const settings = useSettings();
  const [justAnswered, setJustAnswered] = useState(false);
  if (justAnswered || (data.answered && data.phase !== "closed"))
    return <ThankYou round={data} fresh={justAnswered} />;

  const answering = toAnswer(data);
  return (
    <Page title={data.title}>
      <RoundFacts round={data} />
      {answering ? (
        <>
          <AnonymityNotice k={settings.data?.minGroupSize} />
          <AnswerForm round={data} settings={settings.data} onAnswered={() => setJustAnswered(true)} />
        </>
      ) : (
        <RoundStatus round={data} />
      )}
      {data.canClose ? <CloseRound round={data} /> : null}
    </Page>
  );
}

function RoundFacts({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts round-facts">
      <dt>{t("barometer.round.scope")}</dt>
      <dd>{round.unitName}</dd>
      <dt>{t("barometer.round.period")}</dt>
      <dd>
        {t("barometer.round.periodValue", {
          opens: format.day(round.opensOn),
          closes: format.day(round.closesOn),
        })}{" "}
        <span className={`badge badge-round-${round.phase}`}>{t(`barometer.phase.${round.phase}`)}</span>
      </dd>
      <dt>{t("barometer.round.time")}</dt>
      <dd>
        {t("barometer.round.timeValue", {
          count: round.items.length,
          time: format.duration(round.estimatedSeconds),
        })}
      </dd>
      {round.createdByName ? (
        <>
          <dt>{t("barometer.round.startedBy")}</dt>
          <dd>{round.createdByName}</dd>
        </>
      ) : null}
    </dl>
  );
}

function AnonymityNotice({ k }: { k: number | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="notice notice-info anonymity" aria-labelledby="anonymity-heading">
      <h2 id="anonymity-heading">{t("barometer.anonymity.heading")}</h2>
      <p>{t("barometer.anonymity.nobody")}</p>
      <p>{t("barometer.anonymity.groups", { k: k ?? 5 })}</p>
      <p>{t("barometer.anonymity.text")}</p>
    </section>
  );
}

function ThankYou({ round, fresh }: { round: RoundDetail; fresh: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  return (
    <Page title={fresh ? t("barometer.thanks.title") : round.title}>
      {fresh ? (
        <SuccessMessage>
          <p>{t("barometer.thanks.received", { title: round.title })}</p>
        </SuccessMessage>
      ) : null}
      <div className="notice notice-info">
        <p>{t("barometer.thanks.once")}</p>
        <p>
          {t("barometer.thanks.results", {
            date: format.day(round.closesOn),
            k: settings.data?.minGroupSize ?? 5,
          })}
        </p>
      </div>
      <RoundFacts round={round} />
      {round.phase === "closed" && round.closedAt ? <ResultLinks round={round} /> : null}
      <p>
        <Link to="/tillitsbarometern">{t("barometer.round.back")}</Link>
      </p>
    </Page>
  );
}

function ResultLinks({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  return (
    <p className="button-row">
      <Link
        className="button primary"
        to="/tillitsbarometern/$roundId/resultat"
        params={{ roundId: round.id }}
      >
        {t("barometer.rounds.results")}
      </Link>
      <Link className="button" to="/tillitsbarometern/$roundId/karta" params={{ roundId: round.id }}>
        {t("barometer.rounds.heatmap")}
      </Link>
    </p>
  );
}

/** What a person who is not answering sees: when it opens or closes, the questions, results, closing early. */
function RoundStatus({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {round.phase === "scheduled" ? (
        <p className="notice notice-info">
          {t("barometer.round.scheduled", { date: format.day(round.opensOn) })}
        </p>
      ) : null}
      {round.phase === "open" ? (
        <p className="notice notice-info">
          {round.invited
            ? t("barometer.round.openInvited")
            : t("barometer.round.openNotInvited", { date: format.day(round.closesOn) })}
        </p>
      ) : null}
      {round.phase === "closed" && !round.closedAt ? (
        <p className="notice notice-info">{t("barometer.round.closing")}</p>
      ) : null}
      {round.phase === "closed" && round.answered ? <p>{t("barometer.round.youAnswered")}</p> : null}
      {round.phase === "closed" && round.closedAt ? <ResultLinks round={round} /> : null}
      <h2>{t("barometer.round.questionsHeading")}</h2>
      <ol className="question-list">
        {round.items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ol>
      <p>
        <Link to="/tillitsbarometern">{t("barometer.round.back")}</Link>
      </p>
    </>
  );
}

/** Its owner closes a round early, after saying yes once more. */
function CloseRound({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const close = useMutation({
    mutationFn: () => post(`/api/barometer/rounds/${round.id}/close`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: barometerKeys.all }),
  });
  return (
    <section className="card close-round" aria-labelledby="close-heading">
      <h2 id="close-heading">{t("barometer.close.heading")}</h2>
      <p>{t("barometer.close.help")}</p>
      <ErrorMessage error={close.error} />
      {asking ? (
        <div className="button-row" role="group" aria-label={t("barometer.close.confirmLabel")}>
          <p className="confirm-text">{t("barometer.close.confirm")}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => close.mutate()}
            disabled={close.isPending}
          >
            {t("barometer.close.yes")}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)}>
            {t("barometer.close.no")}
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setAsking(true)}>
          {t("barometer.close.button")}
        </button>
      )}
    </section>
  );
}
