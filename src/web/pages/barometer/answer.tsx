// Answering a round: every question is a fieldset whose legend is the question, the scale's five
// steps and "don't know" are ordinary radio buttons (Tab between questions, arrows within one), and
// the open question is a plain textarea. Missing answers are listed at the top with links to them.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { post } from "../../api.ts";
import { useFormat } from "../../format.ts";
import { Counter, ErrorMessage } from "../../ui.tsx";
import { barometerKeys } from "./common.tsx";
import type { BarometerSettings, RoundDetail } from "./types.ts";

/** The server's limit on an answer to the open question (barometer/schemas.ts); the box stops there. */
const TEXT_MAX = 2000;

type Answer = { itemId: string; value: number | null } | { itemId: string; text: string };
/** "dk" is don't know; "" not answered yet. */
type Choice = "" | "1" | "2" | "3" | "4" | "5" | "dk";

export function AnswerForm({
  round,
  settings,
  onAnswered,
}: {
  round: RoundDetail;
  settings: BarometerSettings | undefined;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const formId = useId();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const scaleItems = round.items.filter((item) => item.kind === "scale");
  const answeredCount =
    scaleItems.filter((item) => choices[item.id]).length +
    round.items.filter((item) => item.kind === "text" && texts[item.id]?.trim()).length;

  const submit = useMutation({
    mutationFn: () =>
      post(`/api/barometer/rounds/${round.id}/responses`, {
        answers: round.items.flatMap((item): Answer[] => {
          if (item.kind === "text") {
            const text = texts[item.id]?.trim();
            return text ? [{ itemId: item.id, text }] : [];
          }
          const choice = choices[item.id];
          return [{ itemId: item.id, value: choice === "dk" ? null : Number(choice) }];
        }),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: barometerKeys.all });
      onAnswered();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const unanswered = scaleItems.filter((item) => !choices[item.id]).map((item) => item.id);
    setMissing(unanswered);
    if (unanswered.length) {
      // The list of what is missing gets focus, so the person hears it and can jump to each question.
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    submit.mutate();
  };

  const number = (itemId: string) => round.items.findIndex((item) => item.id === itemId) + 1;
  const questionId = (itemId: string) => `${formId}-q${number(itemId)}`;

  return (
    <form className="survey" onSubmit={onSubmit} noValidate>
      {missing.length ? (
        <div className="notice notice-error" ref={summary} tabIndex={-1} role="alert">
          <h2>{t("barometer.answer.missingHeading", { count: missing.length })}</h2>
          <ul>
            {missing.map((itemId) => (
              <li key={itemId}>
                <a
                  href={`#${questionId(itemId)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(questionId(itemId))?.querySelector("input")?.focus();
                  }}
                >
                  {t("barometer.answer.progress", { current: number(itemId), total: round.items.length })}:{" "}
                  {round.items.find((item) => item.id === itemId)?.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {round.items.map((item, index) => {
        const progress = t("barometer.answer.progress", { current: index + 1, total: round.items.length });
        const id = questionId(item.id);
        if (item.kind === "text")
          return (
            <div key={item.id} className="question" id={id}>
              <label htmlFor={`${id}-text`} className="question-label">
                <span className="question-number">{progress}</span>
                <span className="question-text">{item.text}</span>
              </label>
              <p className="hint" id={`${id}-hint`}>
                {t("barometer.answer.textHint", { count: settings?.commentMinGroupSize ?? 10 })}{" "}
                {t("form.limit", { max: format.whole(TEXT_MAX) })}
              </p>
              <textarea
                id={`${id}-text`}
                rows={4}
                maxLength={TEXT_MAX}
                aria-describedby={`${id}-hint ${id}-counter`}
                value={texts[item.id] ?? ""}
                onChange={(event) => setTexts({ ...texts, [item.id]: event.target.value })}
              />
              <Counter id={`${id}-counter`} length={(texts[item.id] ?? "").length} max={TEXT_MAX} />
            </div>
          );
        const isMissing = missing.includes(item.id) && !choices[item.id];
        const options: [Choice, string][] = [
          ...(item.scaleLabels ?? []).map((label, step): [Choice, string] => [
            String(step + 1) as Choice,
            label,
          ]),
          ["dk", item.dontKnow],
        ];
        return (
          <fieldset
            key={item.id}
            className="question"
            id={id}
            aria-describedby={isMissing ? `${id}-error` : undefined}
          >
            <legend>
              <span className="question-number">{progress}</span>
              <span className="question-text">{item.text}</span>
            </legend>
            {isMissing ? (
              <p className="field-error" id={`${id}-error`}>
                {t("barometer.answer.chooseOne")}
              </p>
            ) : null}
            <div className="scale">
              {options.map(([value, label]) => (
                <label key={value} className={value === "dk" ? "scale-step dont-know" : "scale-step"}>
                  <input
                    type="radio"
                    name={id}
                    value={value}
                    checked={choices[item.id] === value}
                    onChange={() => setChoices({ ...choices, [item.id]: value })}
                  />
                  {value === "dk" ? null : <span className="scale-value">{value}</span>}
                  <span className="scale-label">{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="survey-submit">
        <p className="muted">
          {t("barometer.answer.answered", { count: answeredCount, total: round.items.length })}
        </p>
        <ErrorMessage error={submit.error} fields={{ answers: t("barometer.answer.answers") }} />
        <button type="submit" className="button primary" disabled={submit.isPending}>
          {submit.isPending ? t("barometer.answer.sending") : t("barometer.answer.submit")}
        </button>
        <p className="hint">{t("barometer.answer.once", { date: format.day(round.closesOn) })}</p>
      </div>
    </form>
  );
}
