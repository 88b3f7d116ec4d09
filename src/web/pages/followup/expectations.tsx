// Expectations agreed in dialogue: each with its state, how it is followed up, who agrees and who
// does not (dissent stays visible, with its words), its versions; the staff's agree/disagree form;
// the employer side's draft → dialogue → agreement controls; and the form that drafts or revises one.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, get, patch, post } from "../../api.ts";
import { type Format, todayInSweden, useFormat } from "../../format.ts";
import type { DemandList } from "../../types.ts";
import {
  ErrorMessage,
  RadioGroup,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
  useFocusInvalid,
} from "../../ui.tsx";
import { inventoryKeys } from "../inventory/keys.ts";
import { ExpectationBadge, FOLLOWUP_METHODS, Prose, TimeHint, useRefreshFollowup } from "./common.tsx";
import type { Expectation, ExpectationInput, ExpectationState, FollowupMethod, Position } from "./types.ts";

/** The server's limits on an expectation's texts (followup/schemas.ts). */
const LIMITS = {
  title: 200,
  description: 4000,
  assignmentLink: 1000,
  methodNote: 2000,
  comment: 4000,
} as const;

export function ExpectationCard({ expectation }: { expectation: Expectation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const current = expectation.positions.filter((p) => p.version === expectation.version);
  const dissent = current.filter((p) => !p.agrees);
  const comments = current.filter((p) => p.agrees && p.comment);
  return (
    <article className="card fu-expectation" aria-labelledby={`${id}-title`}>
      <div className="fu-card-head">
        <h3 id={`${id}-title`}>{expectation.title}</h3>
        <span className="fu-badges">
          <ExpectationBadge state={expectation.state} />
          <span className="badge fu-badge">
            {t("followup.expectations.version", { version: expectation.version })}
          </span>
        </span>
      </div>
      <p className="muted fu-facts-line">
        {t("followup.expectations.period", {
          from: format.day(expectation.periodStart),
          to: format.day(expectation.periodEnd),
        })}{" "}
        · {t("followup.expectations.method")}: {t(`followup.methods.${expectation.method}`)}
      </p>
      <Prose text={expectation.description} />
      <dl className="fu-meta">
        {expectation.assignmentLink ? (
          <div>
            <dt>{t("followup.expectations.assignmentLink")}</dt>
            <dd>{expectation.assignmentLink}</dd>
          </div>
        ) : null}
        {expectation.methodNote ? (
          <div>
            <dt>{t("followup.expectations.methodNote")}</dt>
            <dd>{expectation.methodNote}</dd>
          </div>
        ) : null}
        {expectation.draftedByName ? (
          <div>
            <dt>{t("followup.expectations.draftedBy")}</dt>
            <dd>{expectation.draftedByName}</dd>
          </div>
        ) : null}
      </dl>

      <Agreement expectation={expectation} format={format} />
      {dissent.length ? (
        <div className="fu-dissent">
          <h4>{t("followup.expectations.dissentHeading", { count: dissent.length })}</h4>
          <PositionList positions={dissent} />
        </div>
      ) : null}
      {comments.length ? (
        <div className="fu-comments">
          <h4>{t("followup.expectations.commentsHeading")}</h4>
          <PositionList positions={comments} />
        </div>
      ) : null}

      {expectation.canTakePosition ? <PositionForm expectation={expectation} /> : null}
      {expectation.canEdit ? <EmployerControls expectation={expectation} /> : null}
      <VersionHistory expectation={expectation} format={format} />
    </article>
  );
}

/** The agreement record of the version now in force: counts, a bar, and who recorded it. */
function Agreement({ expectation, format }: { expectation: Expectation; format: Format }) {
  const { t } = useTranslation();
  const { agree, disagree, participants } = expectation.agreement;
  const earlierDissent = expectation.positions.filter(
    (p) => p.version !== expectation.version && !p.agrees,
  ).length;
  return (
    <div className="fu-agreement">
      <p className="fu-agreement-text">
        {participants
          ? t("followup.expectations.agreement", {
              version: expectation.version,
              agree,
              disagree,
              count: participants,
            })
          : expectation.state === "draft"
            ? t("followup.expectations.notYetInDialogue")
            : t("followup.expectations.noPositions", { version: expectation.version })}
      </p>
      {participants ? (
        <div className="fu-bar" aria-hidden="true">
          <span className="fu-bar-agree" style={{ flexGrow: agree }} />
          <span className="fu-bar-disagree" style={{ flexGrow: disagree }} />
        </div>
      ) : null}
      {earlierDissent ? (
        <p className="fu-earlier-dissent">
          {t("followup.expectations.earlierDissent", { count: earlierDissent })}
        </p>
      ) : null}
      {expectation.state === "agreed" && expectation.agreedAt ? (
        <p className="fu-agreed">
          {t("followup.expectations.agreedBy", {
            name: expectation.agreedByName ?? t("followup.unknownPerson"),
            when: format.moment(expectation.agreedAt),
          })}
        </p>
      ) : null}
    </div>
  );
}

function PositionList({ positions }: { positions: Position[] }) {
  const { t } = useTranslation();
  return (
    <ul className="fu-positions">
      {positions.map((position) => (
        <li key={`${position.personId}-${position.version}`}>
          <span className="fu-position-name">{position.personName}</span>{" "}
          <span className={position.agrees ? "fu-agrees" : "fu-disagrees"}>
            {position.agrees ? t("followup.expectations.agrees") : t("followup.expectations.disagrees")}
          </span>
          {position.comment ? <Prose text={position.comment} className="fu-position-comment" /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Earlier versions and the positions taken on them: nothing said in the dialogue disappears. */
function VersionHistory({ expectation, format }: { expectation: Expectation; format: Format }) {
  const { t } = useTranslation();
  const earlier = expectation.versions.filter((v) => v.version !== expectation.version);
  const earlierPositions = expectation.positions.filter((p) => p.version !== expectation.version);
  if (!earlier.length && !earlierPositions.length) return null;
  const versions = [...expectation.versions].sort((a, b) => b.version - a.version);
  return (
    <details className="fu-versions">
      <summary>{t("followup.expectations.versions", { count: expectation.versions.length })}</summary>
      <ol reversed className="fu-version-list">
        {versions.map((version) => {
          const positions = expectation.positions.filter((p) => p.version === version.version);
          return (
            <li key={version.version}>
              <p className="fu-version-title">
                <strong>{t("followup.expectations.version", { version: version.version })}:</strong>{" "}
                {version.title}
              </p>
              <Prose text={version.description} className="muted" />
              <p className="hint">
                {t("followup.expectations.versionBy", {
                  name: version.changedByName ?? t("followup.unknownPerson"),
                  when: format.moment(version.createdAt),
                  method: t(`followup.methods.${version.method}`, { defaultValue: version.method }),
                })}
              </p>
              {positions.length ? <PositionList positions={positions} /> : null}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/** A member of the unit agrees or disagrees with the version in dialogue; disagreeing needs words. */
function PositionForm({ expectation }: { expectation: Expectation }) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const mine = expectation.myPosition;
  const [agrees, setAgrees] = useState<"yes" | "no" | "">(mine ? (mine.agrees ? "yes" : "no") : "");
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      post<Expectation>(`/api/followup/expectations/${expectation.id}/positions`, {
        agrees: agrees === "yes",
        comment: comment.trim() || null,
      }),
    onSuccess: () => {
      setSaved(true);
      void refresh();
    },
  });
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const labels = {
    agrees: t("followup.expectations.positionLegend", { title: expectation.title }),
    comment: t("followup.expectations.comment"),
  };
  return (
    <form
      ref={formRef}
      className="form fu-form fu-position-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        if (!agrees) {
          setChoiceError(t("followup.expectations.chooseFirst"));
          return;
        }
        setChoiceError(null);
        save.mutate();
      }}
    >
      <h4>{t("followup.expectations.yourPosition", { version: expectation.version })}</h4>
      {mine ? (
        <p className="fu-mine">
          {mine.agrees ? t("followup.expectations.youAgreed") : t("followup.expectations.youDisagreed")}
        </p>
      ) : null}
      <RadioGroup
        legend={labels.agrees}
        value={agrees}
        inline
        options={[
          { value: "yes", label: t("followup.expectations.iAgree") },
          { value: "no", label: t("followup.expectations.iDisagree") },
        ]}
        onChange={(value) => {
          setAgrees(value);
          setChoiceError(null);
        }}
        error={choiceError ?? errors.agrees}
      />
      <TextAreaField
        label={labels.comment}
        hint={
          agrees === "no"
            ? t("followup.expectations.commentRequired")
            : t("followup.expectations.commentHint")
        }
        value={comment}
        onChange={setComment}
        error={errors.comment}
        maxLength={LIMITS.comment}
        required={agrees === "no"}
      />
      <ErrorMessage error={save.error} fields={labels} />
      {saved && !save.isPending ? (
        <SuccessMessage>{t("followup.expectations.positionSaved")}</SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {mine ? t("followup.expectations.changePosition") : t("followup.expectations.savePosition")}
      </button>
    </form>
  );
}

/** The employer side's steps: to dialogue, record the agreement, reopen for revision, close. */
function EmployerControls({ expectation }: { expectation: Expectation }) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const formId = useId();
  const move = useMutation({
    mutationFn: (state: ExpectationState) =>
      patch<Expectation>(`/api/followup/expectations/${expectation.id}`, { state }),
    onMutate: () => setMessage(null),
    onSuccess: (_, state) => {
      setMessage(t(`followup.expectations.movedTo.${state}`));
      setClosing(false);
      void refresh();
    },
  });
  const state = expectation.state;
  const editable = state === "draft" || state === "dialogue";
  return (
    <div className="fu-employer">
      <h4>{t("followup.expectations.employerHeading")}</h4>
      <p className="hint">{t(`followup.expectations.employerHint.${state}`)}</p>
      <div className="button-row">
        {state === "draft" ? (
          <button
            type="button"
            className="button primary"
            disabled={move.isPending}
            onClick={() => move.mutate("dialogue")}
          >
            {t("followup.expectations.toDialogue")}
          </button>
        ) : null}
        {state === "dialogue" ? (
          <button
            type="button"
            className="button primary"
            disabled={move.isPending}
            onClick={() => move.mutate("agreed")}
          >
            {t("followup.expectations.recordAgreement")}
          </button>
        ) : null}
        {state === "agreed" ? (
          <button
            type="button"
            className="button"
            disabled={move.isPending}
            onClick={() => move.mutate("dialogue")}
          >
            {t("followup.expectations.reopen")}
          </button>
        ) : null}
        {editable ? (
          <button
            type="button"
            className="button"
            aria-expanded={editing}
            aria-controls={formId}
            onClick={() => setEditing(!editing)}
          >
            {state === "draft" ? t("followup.expectations.editDraft") : t("followup.expectations.revise")}
          </button>
        ) : null}
        <button type="button" className="button" aria-expanded={closing} onClick={() => setClosing(!closing)}>
          {t("followup.expectations.close")}
        </button>
      </div>
      {closing ? (
        <div className="notice notice-info fu-confirm">
          <p>{t("followup.expectations.closeConfirm")}</p>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              disabled={move.isPending}
              onClick={() => move.mutate("closed")}
            >
              {t("followup.expectations.closeNow")}
            </button>
            <button type="button" className="button" onClick={() => setClosing(false)}>
              {t("followup.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorMessage error={move.error} />
      {message && !move.isPending ? <SuccessMessage>{message}</SuccessMessage> : null}
      {editing && editable ? (
        <div id={formId} className="fu-edit">
          <ExpectationForm
            unitId={expectation.unitId}
            expectation={expectation}
            onSaved={() => {
              setEditing(false);
              setMessage(t("followup.expectations.form.revised"));
            }}
          />
        </div>
      ) : null}
    </div>
  );
}

const emptyInput = (): ExpectationInput => ({
  periodStart: todayInSweden(),
  periodEnd: todayInSweden(364),
  title: "",
  description: "",
  assignmentLink: null,
  method: "narrative",
  methodNote: null,
  demandId: null,
});

/** Drafts a new expectation, or revises one in draft or dialogue (sending only what changed). */
export function ExpectationForm({
  unitId,
  expectation,
  onSaved,
}: {
  unitId: string;
  expectation?: Expectation;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const original: ExpectationInput = expectation
    ? {
        periodStart: expectation.periodStart,
        periodEnd: expectation.periodEnd,
        title: expectation.title,
        description: expectation.description,
        assignmentLink: expectation.assignmentLink,
        method: expectation.method,
        methodNote: expectation.methodNote,
        demandId: expectation.demandId,
      }
    : emptyInput();
  const [input, setInput] = useState<ExpectationInput>(original);
  const [saved, setSaved] = useState<string | null>(null);
  const set = <K extends keyof ExpectationInput>(key: K, value: ExpectationInput[K]) =>
    setInput((current) => ({ ...current, [key]: value }));
  const demands = useQuery({
    // The register's own list (demands in force), shared with its page.
    queryKey: inventoryKeys.demands({}),
    queryFn: () => get<DemandList>("/api/inventory/demands"),
    enabled: input.method === "indicator",
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...input,
        assignmentLink: input.assignmentLink?.trim() || null,
        methodNote: input.methodNote?.trim() || null,
        demandId: input.method === "indicator" ? input.demandId || null : null,
      };
      if (!expectation) return post<Expectation>("/api/followup/expectations", { unitId, ...body });
      const changes = Object.fromEntries(
        Object.entries(body).filter(([key, value]) => value !== original[key as keyof ExpectationInput]),
      );
      return patch<Expectation>(`/api/followup/expectations/${expectation.id}`, changes);
    },
    onSuccess: (result) => {
      setSaved(result.title);
      if (!expectation) setInput(emptyInput());
      void refresh();
      onSaved?.();
    },
  });
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const revising = expectation?.state === "dialogue";
  const labels = {
    title: t("followup.expectations.form.title"),
    description: t("followup.expectations.form.description"),
    assignmentLink: t("followup.expectations.form.assignmentLink"),
    periodStart: t("followup.expectations.form.periodStart"),
    periodEnd: t("followup.expectations.form.periodEnd"),
    method: t("followup.expectations.form.method"),
    demandId: t("followup.expectations.form.demand"),
    methodNote: t("followup.expectations.form.methodNote"),
  };
  return (
    <form
      ref={formRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        save.mutate();
      }}
    >
      {revising ? (
        <p className="notice notice-info">{t("followup.expectations.form.revisionNote")}</p>
      ) : (
        <TimeHint text={t("followup.expectations.form.time")} />
      )}
      <TextField
        label={labels.title}
        hint={t("followup.expectations.form.titleHint")}
        value={input.title}
        onChange={(value) => set("title", value)}
        error={errors.title}
        maxLength={LIMITS.title}
        required
      />
      <TextAreaField
        label={labels.description}
        hint={t("followup.expectations.form.descriptionHint")}
        value={input.description}
        onChange={(value) => set("description", value)}
        error={errors.description}
        maxLength={LIMITS.description}
        rows={4}
        required
      />
      <TextField
        label={labels.assignmentLink}
        hint={t("followup.expectations.form.assignmentLinkHint")}
        value={input.assignmentLink ?? ""}
        onChange={(value) => set("assignmentLink", value)}
        error={errors.assignmentLink}
        maxLength={LIMITS.assignmentLink}
      />
      <div className="fu-two-fields">
        <TextField
          label={labels.periodStart}
          type="date"
          value={input.periodStart}
          onChange={(value) => set("periodStart", value)}
          error={errors.periodStart}
          required
        />
        <TextField
          label={labels.periodEnd}
          type="date"
          value={input.periodEnd}
          onChange={(value) => set("periodEnd", value)}
          error={errors.periodEnd}
          required
        />
      </div>
      <RadioGroup
        legend={labels.method}
        hint={t("followup.expectations.form.methodHint")}
        value={input.method}
        options={FOLLOWUP_METHODS.map((value) => ({
          value,
          label: t(`followup.methods.${value}`),
          hint: t(`followup.methodHints.${value}`),
        }))}
        onChange={(value: FollowupMethod) => set("method", value)}
        error={errors.method}
      />
      {input.method === "indicator" ? (
        <SelectField
          label={labels.demandId}
          hint={
            demands.data && !demands.data.demands.length
              ? t("followup.expectations.form.noDemands")
              : t("followup.expectations.form.demandHint")
          }
          value={input.demandId ?? ""}
          onChange={(value) => set("demandId", value || null)}
          error={errors.demandId}
          placeholder={t("followup.expectations.form.noDemand")}
          allowEmpty
          options={(demands.data?.demands ?? []).map((demand) => [
            demand.id,
            demand.code ? `${demand.code} – ${demand.title}` : demand.title,
          ])}
        />
      ) : null}
      <TextAreaField
        label={labels.methodNote}
        hint={t("followup.expectations.form.methodNoteHint")}
        value={input.methodNote ?? ""}
        onChange={(value) => set("methodNote", value)}
        error={errors.methodNote}
        maxLength={LIMITS.methodNote}
        rows={2}
      />
      <ErrorMessage error={save.error} fields={labels} />
      {saved && !save.isPending ? (
        <SuccessMessage>
          {expectation
            ? t("followup.expectations.form.revised")
            : t("followup.expectations.form.drafted", { title: saved })}
        </SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {expectation
          ? revising
            ? t("followup.expectations.form.saveRevision")
            : t("followup.expectations.form.saveDraft")
          : t("followup.expectations.form.create")}
      </button>
    </form>
  );
}
