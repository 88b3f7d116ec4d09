// The context and consequence analysis (kontext- och konsekvensanalys) a new demand goes through
// before it may take effect: drafted by the analyst, put to consultation with the staff it lands
// on, decided with a reason by a director, politician or administrator.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, patch, post, put } from "../../api.ts";
import type { Format } from "../../format.ts";
import type { Analysis, AnalysisFields, AnalysisStatus, DemandDetail } from "../../types.ts";
import { ErrorMessage, RadioGroup, SuccessMessage, TextAreaField } from "../../ui.tsx";
import { ANALYSIS_FIELDS } from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

/** The server's limits on the texts (inventory/schemas.ts). */
const ANSWER_MAX = 4000;
const COMMENT_MAX = 4000;
const REASON_MAX = 2000;

const STEPS: AnalysisStatus[] = ["draft", "consultation", "adopted"];

export function AnalysisSection({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  const analysis = demand.analysis;
  const status: AnalysisStatus = analysis?.status ?? "draft";
  const editable =
    demand.canManage && demand.status === "draft" && (status === "draft" || status === "consultation");
  const decided = status === "adopted" || status === "rejected";
  const step = status === "rejected" ? 2 : STEPS.indexOf(status);

  return (
    <section aria-labelledby="analysis-heading" className="analysis">
      <h2 id="analysis-heading">{t("inventory.analysis.heading")}</h2>
      <p>{t("inventory.analysis.intro")}</p>
      <ol className="steps" aria-label={t("inventory.analysis.stepsLabel")}>
        {[
          t("inventory.analysis.step.draft"),
          t("inventory.analysis.step.consultation"),
          t("inventory.analysis.step.decision"),
        ].map((label, index) => (
          <li
            key={label}
            className={index < step ? "done" : index === step ? "current" : undefined}
            aria-current={index === step ? "step" : undefined}
          >
            {label}
          </li>
        ))}
      </ol>
      <p className="analysis-status">
        <strong>{t("inventory.analysis.statusLabel")}</strong>{" "}
        <span className={`badge badge-analysis-${status}`}>{t(`inventory.analysis.status.${status}`)}</span>
      </p>
      <p>
        {t("inventory.analysis.burden", {
          hours: format.hours(demand.hours),
          cost: format.money(demand.cost),
          count: demand.reporterCount,
          reporters: format.whole(demand.reporterCount),
        })}
      </p>

      {decided && analysis ? <DecisionShown analysis={analysis} format={format} /> : null}

      {editable ? (
        <AnalysisForm key={status} demand={demand} status={status} />
      ) : analysis ? (
        <AnalysisAnswers analysis={analysis} />
      ) : (
        <p className="muted">{t("inventory.analysis.notStarted")}</p>
      )}

      {status === "consultation" && analysis ? (
        <Consultation demand={demand} analysis={analysis} format={format} />
      ) : null}
      {status === "consultation" && demand.canDecide && analysis ? (
        <DecisionForm demand={demand} analysis={analysis} />
      ) : null}
      {demand.status === "draft" && demand.canManage ? <Activate demand={demand} /> : null}
    </section>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
}

const fieldsOf = (analysis: Analysis | null): Record<keyof AnalysisFields, string> =>
  Object.fromEntries(ANALYSIS_FIELDS.map((field) => [field, analysis?.[field] ?? ""])) as Record<
    keyof AnalysisFields,
    string
  >;

/** The analysis questions by field, in words. */
function useAnalysisLabels(): Record<keyof AnalysisFields, string> {
  const { t } = useTranslation();
  return Object.fromEntries(
    ANALYSIS_FIELDS.map((field) => [field, t(`inventory.analysis.fields.${field}`)]),
  ) as Record<keyof AnalysisFields, string>;
}

function AnalysisForm({ demand, status }: { demand: DemandDetail; status: AnalysisStatus }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [values, setValues] = useState(fieldsOf(demand.analysis));
  const body = () =>
    Object.fromEntries(
      ANALYSIS_FIELDS.map((field) => [field, values[field].trim() || null]),
    ) as AnalysisFields;
  const save = useMutation({
    mutationFn: () => put<Analysis>(`/api/inventory/demands/${demand.id}/analysis`, body()),
    onSuccess: () => void invalidate(),
  });
  const transition = useMutation({
    mutationFn: async (to: "consultation" | "draft") => {
      // What is on the screen is what the staff are asked about: save it first.
      if (to === "consultation") await put(`/api/inventory/demands/${demand.id}/analysis`, body());
      return post<Analysis>(`/api/inventory/demands/${demand.id}/analysis/transition`, { to });
    },
    onSuccess: () => void invalidate(),
  });
  const labels = useAnalysisLabels();
  const errors = fieldErrors(save.error ?? transition.error);
  return (
    <form
      className="form analysis-form"
      noValidate
      aria-labelledby="analysis-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h3 id="analysis-form-heading">{t("inventory.analysis.questions")}</h3>
      {ANALYSIS_FIELDS.map((field) => (
        <TextAreaField
          key={field}
          label={labels[field]}
          hint={t(`inventory.analysis.hints.${field}`)}
          error={errors[field]}
          maxLength={ANSWER_MAX}
          value={values[field]}
          onChange={(value) => setValues({ ...values, [field]: value })}
        />
      ))}
      <ErrorMessage error={save.error ?? transition.error} fields={labels} />
      {save.isSuccess && !save.isPending ? <SuccessMessage>{t("common.saved")}</SuccessMessage> : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {t("inventory.analysis.save")}
        </button>
        {status === "draft" ? (
          <button
            type="button"
            className="button primary"
            disabled={transition.isPending}
            onClick={() => transition.mutate("consultation")}
          >
            {t("inventory.analysis.toConsultation")}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={transition.isPending}
            onClick={() => transition.mutate("draft")}
          >
            {t("inventory.analysis.backToDraft")}
          </button>
        )}
      </div>
      {status === "draft" ? <p className="hint">{t("inventory.analysis.consultationHelp")}</p> : null}
    </form>
  );
}

function AnalysisAnswers({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  return (
    <dl className="answers">
      {ANALYSIS_FIELDS.map((field) => (
        <div key={field}>
          <dt>{t(`inventory.analysis.fields.${field}`)}</dt>
          <dd className={analysis[field] ? "prewrap" : "muted"}>
            {analysis[field] || t("inventory.analysis.unanswered")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Consultation({
  demand,
  analysis,
  format,
}: {
  demand: DemandDetail;
  analysis: Analysis;
  format: Format;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [body, setBody] = useState("");
  const [tried, setTried] = useState(false);
  const comment = useMutation({
    mutationFn: () => post(`/api/inventory/demands/${demand.id}/analysis/comments`, { body: body.trim() }),
    onSuccess: () => {
      setBody("");
      setTried(false);
      void invalidate();
    },
  });
  return (
    <section aria-labelledby="consultation-heading" className="consultation">
      <h3 id="consultation-heading">
        {t("inventory.analysis.commentsHeading", { count: analysis.comments.length })}
      </h3>
      <p>{t("inventory.analysis.consultationIntro")}</p>
      {analysis.comments.length ? (
        <ul className="comments">
          {analysis.comments.map((item) => (
            <li key={item.id}>
              <p className="comment-meta">
                <strong>{item.personName}</strong> · {format.moment(item.createdAt)}
              </p>
              <p className="prewrap">{item.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("inventory.analysis.noComments")}</p>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (body.trim()) comment.mutate();
        }}
      >
        <TextAreaField
          label={t("inventory.analysis.comment")}
          hint={t("inventory.analysis.commentHint")}
          error={
            tried && !body.trim() ? t("inventory.analysis.commentRequired") : fieldErrors(comment.error).body
          }
          required
          maxLength={COMMENT_MAX}
          value={body}
          onChange={setBody}
        />
        <ErrorMessage error={comment.error} fields={{ body: t("inventory.analysis.comment") }} />
        {comment.isSuccess ? <SuccessMessage>{t("inventory.analysis.commentSaved")}</SuccessMessage> : null}
        <button type="submit" className="button" disabled={comment.isPending}>
          {t("inventory.analysis.sendComment")}
        </button>
      </form>
    </section>
  );
}

function DecisionForm({ demand, analysis }: { demand: DemandDetail; analysis: Analysis }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [to, setTo] = useState<"adopted" | "rejected" | "">("");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: () =>
      post<Analysis>(`/api/inventory/demands/${demand.id}/analysis/transition`, {
        to,
        reason: reason.trim(),
      }),
    onSuccess: () => void invalidate(),
  });
  const reasonMissing = tried && !reason.trim();
  const errors = fieldErrors(decide.error);
  const analysisLabels = useAnalysisLabels();
  // A decision on an analysis with unanswered questions names them ("analysis.citizenValue").
  const decisionLabels = {
    to: t("inventory.analysis.decisionQuestion"),
    reason: t("inventory.analysis.reason"),
    ...Object.fromEntries(
      Object.entries(analysisLabels).map(([field, label]) => [`analysis.${field}`, label]),
    ),
  };
  return (
    <form
      className="form decision card"
      noValidate
      aria-labelledby="decision-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (to && reason.trim()) decide.mutate();
      }}
    >
      <h3 id="decision-heading">{t("inventory.analysis.decisionHeading")}</h3>
      {analysis.missing.length ? (
        <div className="notice notice-info">
          <p>{t("inventory.analysis.missingIntro")}</p>
          <ul>
            {analysis.missing.map((field) => (
              <li key={field}>{t(`inventory.analysis.fields.${field}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <RadioGroup
        legend={t("inventory.analysis.decisionQuestion")}
        error={tried && !to ? t("inventory.analysis.chooseDecision") : errors.to}
        value={to}
        onChange={setTo}
        options={[
          { value: "adopted", label: t("inventory.analysis.adopt") },
          { value: "rejected", label: t("inventory.analysis.reject") },
        ]}
      />
      <TextAreaField
        label={t("inventory.analysis.reason")}
        hint={t("inventory.analysis.reasonHint")}
        error={reasonMissing ? t("inventory.analysis.reasonRequired") : errors.reason}
        maxLength={REASON_MAX}
        value={reason}
        onChange={setReason}
      />
      <ErrorMessage error={decide.error} fields={decisionLabels} />
      <button type="submit" className="button primary" disabled={decide.isPending}>
        {t("inventory.analysis.decide")}
      </button>
    </form>
  );
}

function DecisionShown({ analysis, format }: { analysis: Analysis; format: Format }) {
  const { t } = useTranslation();
  return (
    <div className={`notice ${analysis.status === "adopted" ? "notice-success" : "notice-error"}`}>
      <p>
        <strong>
          {t(`inventory.analysis.decided.${analysis.status}`, {
            name: analysis.decidedByName ?? t("inventory.unknownPerson"),
            when: analysis.decidedAt ? format.moment(analysis.decidedAt) : "",
          })}
        </strong>
      </p>
      {analysis.decisionReason ? (
        <p className="prewrap">
          {t("inventory.analysis.reasonShown")} {analysis.decisionReason}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Making a draft take effect. The server refuses unless the analysis is adopted (or the demand is a
 * legal requirement with its reference), and its reason is shown as it comes.
 */
function Activate({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const activate = useMutation({
    mutationFn: () => patch(`/api/inventory/demands/${demand.id}`, { status: "active" }),
    onSuccess: () => void invalidate(),
  });
  return (
    <div className="activate card">
      <h3>{t("inventory.analysis.activateHeading")}</h3>
      <p>{t("inventory.analysis.activateHelp")}</p>
      <ErrorMessage error={activate.error} />
      <button
        type="button"
        className="button"
        disabled={activate.isPending}
        onClick={() => activate.mutate()}
      >
        {t("inventory.analysis.activate")}
      </button>
    </div>
  );
}
