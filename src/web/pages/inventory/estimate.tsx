// "How long does this take you?" — the people who report answer in two clicks: choose a time,
// save. The median of their answers replaces the analyst's guess.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, post } from "../../api.ts";
import { useFormat } from "../../format.ts";
import type { Estimates, MyDemand } from "../../types.ts";
import { ErrorMessage, SuccessMessage, TextField } from "../../ui.tsx";
import { inventoryKeys } from "./keys.ts";

/** Times people can tell apart without a stopwatch, in minutes. */
const CHOICES = [5, 15, 30, 60, 120, 240, 480];

export function EstimatePrompt({
  demandId,
  title,
  mine,
  question,
}: {
  demandId: string;
  title: string;
  mine: number | null;
  /** The legend; the demand's page asks about "this", elsewhere the demand is named. */
  question?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const name = useId();
  const [choice, setChoice] = useState<string>(
    mine === null ? "" : CHOICES.includes(mine) ? String(mine) : "other",
  );
  const [other, setOther] = useState(mine !== null && !CHOICES.includes(mine) ? String(mine) : "");
  const minutes = choice === "other" ? Number(other.replace(",", ".")) : Number(choice);
  const valid = choice !== "" && Number.isFinite(minutes) && minutes > 0;
  const save = useMutation({
    mutationFn: () => post<Estimates>(`/api/inventory/demands/${demandId}/estimates`, { minutes }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });

  return (
    <form
      className="estimate"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) save.mutate();
      }}
    >
      <fieldset aria-describedby={`${name}-hint`}>
        <legend>{question ?? t("inventory.estimate.question", { title })}</legend>
        <p className="hint" id={`${name}-hint`}>
          {t("inventory.estimate.hint")}
        </p>
        <div className="choice-row">
          {CHOICES.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={name}
                value={value}
                checked={choice === String(value)}
                onChange={() => setChoice(String(value))}
              />
              {format.minutes(value)}
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name={name}
              value="other"
              checked={choice === "other"}
              onChange={() => setChoice("other")}
            />
            {t("inventory.estimate.other")}
          </label>
        </div>
        {choice === "other" ? (
          <TextField
            label={t("inventory.estimate.otherMinutes")}
            type="number"
            inputMode="decimal"
            min={1}
            step="any"
            className="short"
            value={other}
            onChange={setOther}
          />
        ) : null}
      </fieldset>
      <ErrorMessage error={save.error} fields={{ minutes: t("inventory.estimate.otherMinutes") }} />
      {save.data ? (
        <SuccessMessage>
          {t("inventory.estimate.thanks", {
            mine: format.minutes(save.data.mine ?? minutes),
            median: format.minutes(save.data.median ?? minutes),
            count: save.data.answers,
          })}
        </SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={!valid || save.isPending}>
        {mine === null ? t("inventory.estimate.save") : t("inventory.estimate.change")}
      </button>
    </form>
  );
}

/**
 * The prompt on the start page: the demands I report for that I have not yet put a time on.
 * Nothing shows for someone who reports for none.
 */
export function EstimatePromptList() {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useQuery({
    queryKey: inventoryKeys.mine,
    queryFn: () => get<MyDemand[]>("/api/inventory/mine"),
  });
  // Keep a demand in the list while the person is answering it, even after it counts as answered.
  const [shown, setShown] = useState<string[] | null>(null);
  if (!mine.data || mine.data.length === 0) return null;
  const open = mine.data.filter((demand) => demand.myEstimate === null);
  const ids = shown ?? open.slice(0, 3).map((demand) => demand.id);
  if (shown === null && ids.length) setShown(ids);
  const asked = ids.flatMap((id) => mine.data.find((demand) => demand.id === id) ?? []);
  const remaining = open.filter((demand) => !ids.includes(demand.id)).length;

  return (
    <section className="card estimate-list" aria-labelledby="estimate-heading">
      <h2 id="estimate-heading">{t("inventory.estimate.heading")}</h2>
      {asked.length === 0 ? (
        <p>{t("inventory.estimate.allDone", { count: mine.data.length })}</p>
      ) : (
        <>
          <p>{t("inventory.estimate.intro")}</p>
          <ul className="plain-list">
            {asked.map((demand) => (
              <li key={demand.id} className="estimate-item">
                <h3>
                  <Link to="/inventering/krav/$demandId" params={{ demandId: demand.id }}>
                    {demand.title}
                  </Link>
                </h3>
                <p className="muted">
                  {t("inventory.estimate.context", {
                    requester: demand.requester.name,
                    frequency: frequencyText(t, demand.frequencyKind, demand.frequencyPerYear, format.number),
                  })}
                </p>
                <EstimatePrompt demandId={demand.id} title={demand.title} mine={demand.myEstimate} />
              </li>
            ))}
          </ul>
          {remaining > 0 ? (
            <button
              type="button"
              className="button"
              onClick={() => setShown([...ids, ...open.filter((d) => !ids.includes(d.id)).map((d) => d.id)])}
            >
              {t("inventory.estimate.more", { count: remaining })}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** "12 gånger per år" or "vid behov, omkring 30 gånger per år". */
export function frequencyText(
  t: (key: string, options?: Record<string, unknown>) => string,
  kind: string,
  perYear: number,
  number: (value: number) => string,
) {
  const named = [1, 2, 3, 4, 12, 52].includes(perYear) && kind === "periodic";
  if (named) return t(`inventory.frequency.named.${perYear}`);
  // A triennial inspection is "once in three years", not "0.33 times a year".
  if (kind === "periodic" && perYear > 0 && perYear < 1)
    return t("inventory.frequency.rare", { years: number(1 / perYear) });
  return kind === "per_event"
    ? t("inventory.frequency.perEvent", { count: perYear, value: number(perYear) })
    : t("inventory.frequency.periodic", { count: perYear, value: number(perYear) });
}
