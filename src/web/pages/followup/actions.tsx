// Actions on any level of the chain: a card with the action's state and the next steps the person
// may take (accept or decline only for the addressed level; a decline needs a reason), actions
// grouped by the level they are addressed to, and the form for a new action or upward request.
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, post } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { useFormat } from "../../format.ts";
import { byName } from "../../tree.ts";
import {
  ErrorMessage,
  RadioGroup,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
  useFocusInvalid,
} from "../../ui.tsx";
import { useActors, useUnit } from "../org/queries.ts";
import {
  ACTION_STATES,
  ActionBadge,
  ADDRESSEES,
  actionTransition,
  isUpwardRequest,
  OverdueBadge,
  Prose,
  STATE_ORDER,
  TimeHint,
  useEmployerSide,
  useRefreshFollowup,
} from "./common.tsx";
import type { Action, ActionState, Addressee, Entry } from "./types.ts";

type Heading = "h2" | "h3" | "h4";

/** The server's limits on an action's texts (followup/schemas.ts). */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;
const REASON_MAX = 2000;

/** One action: what it asks, of whom, how long it has waited, what happened, and what can happen next. */
export function ActionCard({
  action,
  heading = "h3",
  showUnit = false,
  onMoved,
}: {
  action: Action;
  heading?: Heading;
  showUnit?: boolean;
  /** Told when a step is taken, for pages where the action then leaves the list. */
  onMoved?: (action: Action, to: ActionState) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const H = heading;
  const waiting = action.state === "proposed";
  return (
    <article
      className={`fu-action${action.overdue ? " fu-action-overdue" : ""}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="fu-action-head">
        <H id={`${id}-title`} className="fu-action-title">
          {action.title}
        </H>
        <span className="fu-badges">
          <ActionBadge action={action} />
          {action.overdue ? <OverdueBadge /> : null}
        </span>
      </div>
      {showUnit ? (
        <p className="fu-from">
          {t("followup.actions.fromUnit")}{" "}
          <Link to="/uppfoljning/enhet/$unitId" params={{ unitId: action.unitId }}>
            {action.unitName}
          </Link>
        </p>
      ) : null}
      <Prose text={action.description} />
      <dl className="fu-meta">
        <div>
          <dt>{t("followup.actions.addressedTo")}</dt>
          <dd>{t(`followup.addressees.${action.addressee}`)}</dd>
        </div>
        <div>
          <dt>{t("followup.actions.proposedBy")}</dt>
          <dd>
            {action.createdByName ?? t("followup.unknownPerson")}, {format.moment(action.createdAt)}
          </dd>
        </div>
        {action.upward ? (
          <div>
            <dt>{waiting ? t("followup.actions.waited") : t("followup.actions.answered")}</dt>
            <dd>
              {waiting
                ? t("followup.actions.waitedDays", {
                    days: format.days(action.ageDays),
                    answerDays: format.days(action.answerDays),
                  })
                : action.answeredAt
                  ? t("followup.actions.answeredAfter", {
                      name: action.answeredByName ?? t("followup.unknownPerson"),
                      days: format.days(action.ageDays),
                    })
                  : "–"}
            </dd>
          </div>
        ) : null}
        {action.ownerName ? (
          <div>
            <dt>{t("followup.actions.owner")}</dt>
            <dd>{action.ownerName}</dd>
          </div>
        ) : null}
        {action.dueOn ? (
          <div>
            <dt>{t("followup.actions.dueOn")}</dt>
            <dd>{format.day(action.dueOn)}</dd>
          </div>
        ) : null}
      </dl>
      {action.declineReason ? (
        <div className="fu-reason">
          <p className="fu-reason-label">{t("followup.actions.declineReason")}</p>
          <Prose text={action.declineReason} />
        </div>
      ) : null}
      {action.evaluation ? (
        <div className="fu-reason fu-evaluation">
          <p className="fu-reason-label">{t("followup.actions.evaluation")}</p>
          <Prose text={action.evaluation} />
        </div>
      ) : null}
      <ActionSteps action={action} onMoved={onMoved} />
      {action.history.length > 1 ? (
        <details className="fu-history">
          <summary>{t("followup.actions.history", { count: action.history.length })}</summary>
          <ol>
            {action.history.map((event) => (
              <li key={`${event.at}-${event.toState}`}>
                {format.moment(event.at)}:{" "}
                {t(`followup.actionStates.${event.toState}`, { defaultValue: event.toState })}
                {event.byName ? ` – ${event.byName}` : ""}
                {event.reason ? ` (${event.reason})` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

const ANSWERING: readonly ActionState[] = ["accepted", "declined"];
/** Steps that need words: a decline must say why; an evaluation says what came of it. */
const NEEDS_TEXT: readonly ActionState[] = ["declined", "evaluated"];

/** The next steps the server's state machine allows, offered only to whoever may take them. */
function ActionSteps({
  action,
  onMoved,
}: {
  action: Action;
  onMoved?: (action: Action, to: ActionState) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const employer = useEmployerSide();
  const refresh = useRefreshFollowup();
  const [asking, setAsking] = useState<ActionState | null>(null);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<ActionState | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const formId = useId();
  const move = useMutation({
    mutationFn: (input: { to: ActionState; reason?: string }) =>
      post<Action>(`/api/followup/actions/${action.id}/transition`, input),
    onSuccess: (_, input) => {
      setAsking(null);
      setReason("");
      setDone(input.to);
      onMoved?.(action, input.to);
      void refresh();
    },
  });
  const canProgress = action.canAnswer || action.ownerId === me?.id || employer(action.unitId);
  const steps = ACTION_STATES.filter((to) => actionTransition(action.state, to, "–").ok).filter((to) =>
    ANSWERING.includes(to) ? action.canAnswer : canProgress,
  );
  const errors = fieldErrors(move.error);
  const formRef = useFocusInvalid(move.error);
  const reasonLabel = asking ? t(`followup.actions.reasonLabel.${asking}`, { title: action.title }) : "";

  if (!steps.length)
    return done ? <SuccessMessage>{t(`followup.actions.movedTo.${done}`)}</SuccessMessage> : null;
  return (
    <div className="fu-steps">
      {done ? <SuccessMessage>{t(`followup.actions.movedTo.${done}`)}</SuccessMessage> : null}
      <div className="button-row">
        {steps.map((to) =>
          NEEDS_TEXT.includes(to) ? (
            <button
              key={to}
              type="button"
              className="button"
              aria-expanded={asking === to}
              aria-controls={formId}
              onClick={() => {
                setAsking(asking === to ? null : to);
                setReasonMissing(false);
                move.reset();
                // Focus the text the step asks for once it is shown.
                setTimeout(() => reasonRef.current?.focus(), 0);
              }}
            >
              {t(`followup.actions.step.${to}`)}
            </button>
          ) : (
            <button
              key={to}
              type="button"
              className={to === "accepted" || to === "done" ? "button primary" : "button"}
              disabled={move.isPending}
              onClick={() => {
                setAsking(null);
                move.mutate({ to });
              }}
            >
              {t(`followup.actions.step.${to}`)}
            </button>
          ),
        )}
      </div>
      {asking ? (
        <form
          ref={formRef}
          id={formId}
          className="form fu-form fu-step-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (asking === "declined" && !reason.trim()) {
              setReasonMissing(true);
              reasonRef.current?.focus();
              return;
            }
            move.mutate({ to: asking, reason: reason.trim() || undefined });
          }}
        >
          <TextAreaField
            ref={reasonRef}
            label={reasonLabel}
            hint={t(`followup.actions.reasonHint.${asking}`)}
            error={reasonMissing ? t("followup.actions.reasonRequired") : errors.reason}
            required={asking === "declined"}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(value) => {
              setReason(value);
              setReasonMissing(false);
            }}
          />
          <ErrorMessage error={move.error} fields={{ reason: reasonLabel }} />
          <div className="button-row">
            <button type="submit" className="button primary" disabled={move.isPending}>
              {t(`followup.actions.confirm.${asking}`)}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t("followup.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {asking ? null : <ErrorMessage error={move.error} />}
    </div>
  );
}

/** Actions grouped by the level they are addressed to, open ones first in each group. */
export function ActionsByAddressee({ actions }: { actions: Action[] }) {
  const { t } = useTranslation();
  const groups = ADDRESSEES.map((addressee) => ({
    addressee,
    actions: actions
      .filter((action) => action.addressee === addressee)
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.createdAt.localeCompare(a.createdAt)),
  })).filter((group) => group.actions.length);
  return (
    <div className="fu-groups">
      {groups.map((group) => (
        <section key={group.addressee} className="fu-group" aria-labelledby={`group-${group.addressee}`}>
          <h3 id={`group-${group.addressee}`}>
            {t(`followup.addresseeGroups.${group.addressee}`)}{" "}
            <span className="muted fu-count">({group.actions.length})</span>
          </h3>
          <ul className="fu-cards">
            {group.actions.map((action) => (
              <li key={action.id}>
                <ActionCard action={action} heading="h4" />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type UnitChoice = { id: string; name: string };

/**
 * A new action or upward request ("what do we need from you?"), from a unit's page or as a decision
 * in a dialogue meeting.
 */
export function NewActionForm({
  units,
  entries = [],
  dialogueId,
  intro,
  submitLabel,
}: {
  /** The unit(s) the action may belong to; the first is chosen to begin with. */
  units: UnitChoice[];
  entries?: Entry[];
  dialogueId?: string;
  intro?: string;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const [unitId, setUnitId] = useState(units[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [addressee, setAddressee] = useState<Addressee | "">("");
  const [externalActorId, setExternalActorId] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [answerDays, setAnswerDays] = useState("14");
  const [entryId, setEntryId] = useState("");
  const [sent, setSent] = useState<Action | null>(null);
  const unit = useUnit(unitId);
  const actors = useActors(addressee === "external");
  const upward = addressee !== "" && isUpwardRequest(addressee);
  const create = useMutation({
    mutationFn: () =>
      post<Action>("/api/followup/actions", {
        unitId,
        title,
        description: description.trim() || null,
        addressee: addressee || undefined,
        externalActorId: addressee === "external" ? externalActorId || null : null,
        ownerId: ownerId || null,
        dueOn: dueOn || null,
        answerDays: upward ? Number(answerDays) || undefined : undefined,
        entryId: entryId || null,
        dialogueId: dialogueId ?? null,
      }),
    onSuccess: (action) => {
      setSent(action);
      setTitle("");
      setDescription("");
      setAddressee("");
      setExternalActorId("");
      setOwnerId("");
      setDueOn("");
      setAnswerDays("14");
      setEntryId("");
      void refresh();
    },
  });
  const errors = fieldErrors(create.error);
  const createRef = useFocusInvalid(create.error);
  const labels = {
    unitId: t("followup.actions.form.unit"),
    title: t("followup.actions.form.title"),
    description: t("followup.actions.form.description"),
    addressee: t("followup.actions.form.addressee"),
    externalActorId: t("followup.actions.form.externalActor"),
    answerDays: t("followup.actions.form.answerDays"),
    ownerId: t("followup.actions.form.owner"),
    dueOn: t("followup.actions.form.dueOn"),
    entryId: t("followup.actions.form.entry"),
  };
  // A person with two roles in the unit is one owner to choose.
  const people = [...new Map((unit.data?.people ?? []).map((person) => [person.id, person])).values()].sort(
    byName,
  );

  return (
    <form
      ref={createRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSent(null);
        create.mutate();
      }}
    >
      {intro ? <p className="fu-form-intro">{intro}</p> : null}
      <TimeHint text={t("followup.actions.form.time")} />
      {units.length > 1 ? (
        <RadioGroup
          legend={labels.unitId}
          hint={t("followup.actions.form.unitHint")}
          value={unitId}
          options={units.map((choice) => ({ value: choice.id, label: choice.name }))}
          onChange={(value) => {
            setUnitId(value);
            setOwnerId("");
          }}
          error={errors.unitId}
        />
      ) : null}
      <TextField
        label={labels.title}
        hint={t("followup.actions.form.titleHint")}
        value={title}
        onChange={setTitle}
        error={errors.title}
        maxLength={TITLE_MAX}
        required
      />
      <TextAreaField
        label={labels.description}
        hint={t("followup.actions.form.descriptionHint")}
        value={description}
        onChange={setDescription}
        error={errors.description}
        maxLength={DESCRIPTION_MAX}
      />
      <RadioGroup
        legend={labels.addressee}
        hint={t("followup.actions.form.addresseeHint")}
        value={addressee}
        options={ADDRESSEES.map((value) => ({
          value,
          label: t(`followup.addressees.${value}`),
          hint: t(`followup.addresseeHints.${value}`),
        }))}
        onChange={setAddressee}
        error={errors.addressee}
      />
      {addressee === "external" ? (
        <SelectField
          label={labels.externalActorId}
          value={externalActorId}
          onChange={setExternalActorId}
          error={errors.externalActorId}
          placeholder={t("followup.actions.form.chooseActor")}
          allowEmpty
          options={(actors.data ?? []).map((actor) => [actor.id, actor.name])}
        />
      ) : null}
      {upward ? (
        <TextField
          label={labels.answerDays}
          hint={t("followup.actions.form.answerDaysHint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          value={answerDays}
          onChange={setAnswerDays}
          error={errors.answerDays}
          className="fu-short"
        />
      ) : null}
      <SelectField
        label={labels.ownerId}
        hint={t("followup.actions.form.ownerHint")}
        value={ownerId}
        onChange={setOwnerId}
        error={errors.ownerId}
        placeholder={t("followup.actions.form.noOwner")}
        allowEmpty
        options={people.map((person) => [person.id, person.name])}
      />
      <TextField
        label={labels.dueOn}
        hint={t("followup.actions.form.dueOnHint")}
        type="date"
        value={dueOn}
        onChange={setDueOn}
        error={errors.dueOn}
        className="fu-short"
      />
      {entries.length ? (
        <SelectField
          label={labels.entryId}
          hint={t("followup.actions.form.entryHint")}
          value={entryId}
          onChange={setEntryId}
          error={errors.entryId}
          placeholder={t("followup.actions.form.noEntry")}
          allowEmpty
          options={entries.map((entry) => [
            entry.id,
            `${t(`followup.kinds.${entry.kind}`)}: ${entry.body.length > 80 ? `${entry.body.slice(0, 80)}…` : entry.body}`,
          ])}
        />
      ) : null}
      <ErrorMessage error={create.error} fields={labels} />
      {sent ? (
        <SuccessMessage>
          {sent.upward
            ? t("followup.actions.form.sentUpward", {
                title: sent.title,
                to: t(`followup.addressees.${sent.addressee}`),
                days: sent.answerDays,
              })
            : t("followup.actions.form.sent", { title: sent.title })}
        </SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={create.isPending}>
        {submitLabel ??
          (upward ? t("followup.actions.form.submitUpward") : t("followup.actions.form.submit"))}
      </button>
    </form>
  );
}
