// On the start page: "you have an open pulse survey", for each round the person is invited to,
// has not answered and that is open now. Nothing shows otherwise.
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format.ts";
import { toAnswer, useRounds } from "./common.tsx";

export function OpenRoundNotice() {
  const { t } = useTranslation();
  const format = useFormat();
  const rounds = useRounds();
  const open = (rounds.data ?? []).filter(toAnswer);
  if (open.length === 0) return null;
  return (
    <section className="notice notice-info open-round" aria-labelledby="open-round-heading">
      <h2 id="open-round-heading">{t("barometer.home.heading", { count: open.length })}</h2>
      <ul className="plain-list">
        {open.map((round) => (
          <li key={round.id}>
            <p>
              <Link to="/tillitsbarometern/$roundId" params={{ roundId: round.id }}>
                {t("barometer.home.answer", { title: round.title })}
              </Link>
            </p>
            <p className="muted">
              {t("barometer.home.meta", {
                time: format.duration(round.estimatedSeconds),
                date: format.day(round.closesOn),
              })}
            </p>
          </li>
        ))}
      </ul>
      <p>{t("barometer.home.anonymous")}</p>
    </section>
  );
}
