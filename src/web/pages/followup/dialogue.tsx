// One dialogue meeting: the review of the last meeting's actions first, then the agenda built on the
// principles with both sides' preparation and the minutes, decisions that become actions, and the
// meeting's own record. A print view for the board's files is one link away.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, get, patch } from "../../api.ts";
import { useFormat } from "../../format.ts";
import {
  Breadcrumb,
  EmptyState,
  ErrorMessage,
  Page,
  QueryView,
  SuccessMessage,
  TextAreaField,
  TextField,
  useFocusInvalid,
} from "../../ui.tsx";
import { ActionCard, NewActionForm } from "./actions.tsx";
import { FollowupNav, followupKeys, Prose, useRefreshFollowup } from "./common.tsx";
import { Participants } from "./dialogues.tsx";
import type { AgendaItem, AgendaNotes, Dialogue, DialogueDetail } from "./types.ts";

/** The server's limits on a meeting's texts (followup/schemas.ts). */
const LIMITS = { title: 200, preparation: 4000, itemMinutes: 8000, minutes: 20_000 } as const;

export function useDialogue(dialogueId: string) {
  return useQuery({
    queryKey: followupKeys.dialogue(dialogueId),
    queryFn: () => get<DialogueDetail>(`/api/followup/dialogues/${dialogueId}`),
  });
}

export function DialoguePage() {
  const { t } = useTranslation();
  const { dialogueId } = useParams({ from: "/app/uppfoljning/dialoger/$dialogueId" });
  const dialogue = useDialogue(dialogueId);
  return (
    <>
      <FollowupNav />
      <QueryView
        query={dialogue}
        notFound={{
          title: t("followup.dialogue.notFound"),
          back: <Link to="/uppfoljning/dialoger">{t("followup.dialogue.back")}</Link>,
        }}
      >
        {(data) => <DialogueView data={data} />}
      </QueryView>
    </>
  );
}

function DialogueView({ data }: { data: DialogueDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dialogueId = data.id;
  const notes = (item: AgendaItem) =>
    data.agenda.find((entry) => entry.item === item) ?? { item, upper: null, lower: null, minutes: null };

  return (
    <>
      <Breadcrumb label={t("followup.breadcrumb")}>
        <li>
          <Link to="/uppfoljning/dialoger" search={{ enhet: data.lowerUnitId }}>
            {t("followup.dialogue.listFor", { unit: data.lowerUnitName })}
          </Link>
        </li>
      </Breadcrumb>
      <Page title={data.title}>
        <MeetingFacts dialogue={data} />
        <ul className="fu-links">
          <li>
            <Link to="/uppfoljning/dialoger/$dialogueId/utskrift" params={{ dialogueId }}>
              {t("followup.dialogue.printLink")}
            </Link>
          </li>
          <li>
            <Link to="/uppfoljning/enhet/$unitId" params={{ unitId: data.lowerUnitId }}>
              {t("followup.dialogue.unitLink", { unit: data.lowerUnitName })}
            </Link>
          </li>
        </ul>
        {data.canWrite.meeting ? <StatusControl dialogue={data} /> : null}

        <section aria-labelledby="item-review_actions" className="fu-agenda-item">
          <h2 id="item-review_actions">
            <span className="fu-item-number">1.</span> {t("followup.agenda.review_actions.title")}
          </h2>
          <p className="fu-question">{t("followup.agenda.review_actions.question")}</p>
          {data.previous ? (
            <p>
              {t("followup.dialogue.previousMeeting")}{" "}
              <Link to="/uppfoljning/dialoger/$dialogueId" params={{ dialogueId: data.previous.id }}>
                {data.previous.title}
              </Link>{" "}
              ({format.day(data.previous.heldOn)})
            </p>
          ) : null}
          {data.previousActions.length ? (
            <ul className="fu-cards">
              {data.previousActions.map((action) => (
                <li key={action.id}>
                  <ActionCard action={action} heading="h3" />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState
              title={
                data.previous ? t("followup.dialogue.noPreviousActions") : t("followup.dialogue.firstMeeting")
              }
            >
              {t("followup.dialogue.reviewHelp")}
            </EmptyState>
          )}
          <AgendaNotesBlock dialogue={data} notes={notes("review_actions")} />
        </section>

        {(["good_examples", "hindrances", "citizen_voice", "needs_both_ways"] as const).map((item, index) => (
          <section key={item} aria-labelledby={`item-${item}`} className="fu-agenda-item">
            <h2 id={`item-${item}`}>
              <span className="fu-item-number">{index + 2}.</span> {t(`followup.agenda.${item}.title`)}
            </h2>
            <p className="fu-question">{t(`followup.agenda.${item}.question`)}</p>
            <p className="hint fu-principle">{t(`followup.agenda.${item}.principle`)}</p>
            <AgendaNotesBlock dialogue={data} notes={notes(item)} />
          </section>
        ))}

        <section aria-labelledby="item-agreements" className="fu-agenda-item">
          <h2 id="item-agreements">
            <span className="fu-item-number">6.</span> {t("followup.agenda.agreements.title")}
          </h2>
          <p className="fu-question">{t("followup.agenda.agreements.question")}</p>
          <p className="hint fu-principle">{t("followup.agenda.agreements.principle")}</p>
          <AgendaNotesBlock dialogue={data} notes={notes("agreements")} />
          <h3>
            {t("followup.dialogue.decisions")} <span className="fu-count">({data.actions.length})</span>
          </h3>
          {data.actions.length ? (
            <ul className="fu-cards">
              {data.actions.map((action) => (
                <li key={action.id}>
                  <ActionCard action={action} heading="h4" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("followup.dialogue.noDecisions")}</p>
          )}
          {data.canWrite.meeting ? (
            <details className="card fu-new">
              <summary>{t("followup.dialogue.newDecision")}</summary>
              <NewActionForm
                units={[
                  { id: data.lowerUnitId, name: data.lowerUnitName },
                  { id: data.upperUnitId, name: data.upperUnitName },
                ]}
                dialogueId={data.id}
                intro={t("followup.dialogue.newDecisionIntro")}
                submitLabel={t("followup.dialogue.saveDecision")}
              />
            </details>
          ) : null}
        </section>

        <MinutesSection dialogue={data} />
        {data.canWrite.meeting ? (
          <details className="card fu-new">
            <summary>{t("followup.dialogue.editMeeting")}</summary>
            <EditMeetingForm dialogue={data} />
          </details>
        ) : null}
      </Page>
    </>
  );
}

export function MeetingFacts({ dialogue }: { dialogue: Dialogue }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts fu-meeting-facts">
      <dt>{t("followup.dialogue.date")}</dt>
      <dd>
        {format.day(dialogue.heldOn)}{" "}
        <span className={`badge fu-badge fu-meeting-${dialogue.status}`}>
          {t(`followup.dialogueStatus.${dialogue.status}`)}
        </span>
      </dd>
      <dt>{t("followup.dialogue.betweenLabel")}</dt>
      <dd>
        {t("followup.dialogues.between", { upper: dialogue.upperUnitName, lower: dialogue.lowerUnitName })} (
        {t(`followup.pairs.${dialogue.pair}`)})
      </dd>
      <dt>{t("followup.dialogue.participants")}</dt>
      <dd>
        {dialogue.participants.length
          ? dialogue.participants.map((p) => p.name).join(", ")
          : t("followup.dialogue.noParticipants")}
      </dd>
    </dl>
  );
}

function useSaveDialogue(dialogueId: string) {
  const refresh = useRefreshFollowup();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      patch<Dialogue>(`/api/followup/dialogues/${dialogueId}`, body),
    onSuccess: () => void refresh(),
  });
}

function StatusControl({ dialogue }: { dialogue: Dialogue }) {
  const { t } = useTranslation();
  const save = useSaveDialogue(dialogue.id);
  const next = dialogue.status === "planned" ? "held" : "planned";
  return (
    <div className="fu-status-control">
      <button
        type="button"
        className={next === "held" ? "button primary" : "button"}
        disabled={save.isPending}
        onClick={() => save.mutate({ status: next })}
      >
        {next === "held" ? t("followup.dialogue.markHeld") : t("followup.dialogue.markPlanned")}
      </button>
      <ErrorMessage error={save.error} />
    </div>
  );
}

/** Both sides' preparation and the minutes of one agenda item, and the form that writes the reader's part of them. */
function AgendaNotesBlock({ dialogue, notes }: { dialogue: Dialogue; notes: AgendaNotes }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const formId = useId();
  const empty = t("followup.dialogue.nothingYet");
  return (
    <div className="fu-notes">
      <div className="fu-prep-grid">
        <div className="fu-prep">
          <h3 className="fu-note-heading">
            {t("followup.dialogue.prepFrom", { unit: dialogue.upperUnitName })}
          </h3>
          {notes.upper ? <Prose text={notes.upper} /> : <p className="muted">{empty}</p>}
        </div>
        <div className="fu-prep">
          <h3 className="fu-note-heading">
            {t("followup.dialogue.prepFrom", { unit: dialogue.lowerUnitName })}
          </h3>
          {notes.lower ? <Prose text={notes.lower} /> : <p className="muted">{empty}</p>}
        </div>
      </div>
      <div className="fu-minutes">
        <h3 className="fu-note-heading">{t("followup.dialogue.minutesOfItem")}</h3>
        {notes.minutes ? <Prose text={notes.minutes} /> : <p className="muted">{empty}</p>}
      </div>
      {Object.values(dialogue.canWrite).some(Boolean) ? (
        <>
          <button
            type="button"
            className="button fu-write"
            aria-expanded={editing}
            aria-controls={formId}
            onClick={() => setEditing(!editing)}
          >
            {t("followup.dialogue.writeItem", { item: t(`followup.agenda.${notes.item}.title`) })}
          </button>
          {editing ? (
            <div id={formId}>
              <AgendaNotesForm dialogue={dialogue} notes={notes} onSaved={() => setEditing(false)} />
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** Each side writes its own preparation, whoever keeps the meeting the minutes: the form has the reader's fields only. */
function AgendaNotesForm({
  dialogue,
  notes,
  onSaved,
}: {
  dialogue: Dialogue;
  notes: AgendaNotes;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState({
    upper: notes.upper ?? "",
    lower: notes.lower ?? "",
    minutes: notes.minutes ?? "",
  });
  const save = useSaveDialogue(dialogue.id);
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const item = t(`followup.agenda.${notes.item}.title`);
  const fields = [
    {
      note: "upper",
      may: dialogue.canWrite.upper,
      label: t("followup.dialogue.prepFromLabel", { unit: dialogue.upperUnitName, item }),
      maxLength: LIMITS.preparation,
    },
    {
      note: "lower",
      may: dialogue.canWrite.lower,
      label: t("followup.dialogue.prepFromLabel", { unit: dialogue.lowerUnitName, item }),
      maxLength: LIMITS.preparation,
    },
    {
      note: "minutes",
      may: dialogue.canWrite.meeting,
      label: t("followup.dialogue.minutesLabel", { item }),
      hint: t("followup.dialogue.minutesHint"),
      maxLength: LIMITS.itemMinutes,
    },
  ] as const;
  const writable = fields.filter((field) => field.may);
  const labels = Object.fromEntries(
    writable.map((field) => [`agenda.${notes.item}.${field.note}`, field.label]),
  );
  return (
    <form
      ref={formRef}
      className="form fu-form fu-notes-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const written = writable.map((field) => [field.note, texts[field.note].trim() || null]);
        save.mutate({ agenda: { [notes.item]: Object.fromEntries(written) } }, { onSuccess: onSaved });
      }}
    >
      {writable.map((field) => (
        <TextAreaField
          key={field.note}
          label={field.label}
          hint={"hint" in field ? field.hint : undefined}
          value={texts[field.note]}
          onChange={(value) => setTexts((current) => ({ ...current, [field.note]: value }))}
          error={errors[`agenda.${notes.item}.${field.note}`]}
          maxLength={field.maxLength}
        />
      ))}
      <ErrorMessage error={save.error} fields={labels} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t("followup.dialogue.saveItem")}
        </button>
        <button type="button" className="button" onClick={onSaved}>
          {t("followup.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The meeting's own record beyond the agenda items. */
function MinutesSection({ dialogue }: { dialogue: Dialogue }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(dialogue.minutes ?? "");
  const [saved, setSaved] = useState(false);
  const save = useSaveDialogue(dialogue.id);
  const formRef = useFocusInvalid(save.error);
  return (
    <section aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("followup.dialogue.minutesHeading")}</h2>
      {dialogue.canWrite.meeting ? (
        <form
          ref={formRef}
          className="form fu-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            save.mutate({ minutes: minutes.trim() || null }, { onSuccess: () => setSaved(true) });
          }}
        >
          <TextAreaField
            label={t("followup.dialogue.minutesField")}
            hint={t("followup.dialogue.minutesFieldHint")}
            value={minutes}
            onChange={setMinutes}
            error={fieldErrors(save.error).minutes}
            maxLength={LIMITS.minutes}
            rows={5}
          />
          <ErrorMessage error={save.error} fields={{ minutes: t("followup.dialogue.minutesField") }} />
          {saved && !save.isPending ? (
            <SuccessMessage>{t("followup.dialogue.minutesSaved")}</SuccessMessage>
          ) : null}
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t("followup.dialogue.saveMinutes")}
          </button>
        </form>
      ) : dialogue.minutes ? (
        <Prose text={dialogue.minutes} />
      ) : (
        <p className="muted">{t("followup.dialogue.nothingYet")}</p>
      )}
    </section>
  );
}

function EditMeetingForm({ dialogue }: { dialogue: Dialogue }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(dialogue.title);
  const [heldOn, setHeldOn] = useState(dialogue.heldOn);
  const [participantIds, setParticipants] = useState(dialogue.participants.map((p) => p.personId));
  const [saved, setSaved] = useState(false);
  const save = useSaveDialogue(dialogue.id);
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const labels = {
    title: t("followup.dialogues.form.title"),
    heldOn: t("followup.dialogues.form.heldOn"),
    participantIds: t("followup.dialogue.participants"),
  };
  return (
    <form
      ref={formRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate({ title, heldOn, participantIds }, { onSuccess: () => setSaved(true) });
      }}
    >
      <TextField
        label={labels.title}
        value={title}
        onChange={setTitle}
        error={errors.title}
        maxLength={LIMITS.title}
        required
      />
      <TextField
        label={labels.heldOn}
        type="date"
        value={heldOn}
        onChange={setHeldOn}
        error={errors.heldOn}
        className="fu-short"
        required
      />
      <Participants
        unitIds={[dialogue.upperUnitId, dialogue.lowerUnitId]}
        value={participantIds}
        onChange={setParticipants}
        error={errors.participantIds}
        extra={dialogue.participants}
      />
      <ErrorMessage error={save.error} fields={labels} />
      {saved && !save.isPending ? (
        <SuccessMessage>{t("followup.dialogue.meetingSaved")}</SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("followup.dialogue.saveMeeting")}
      </button>
    </form>
  );
}
