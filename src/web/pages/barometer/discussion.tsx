// From results to dialogue: the team writes down what it talked about, and turns what it wants
// changed into actions in the follow-up module — addressed to itself or to any level above.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, post } from "../../api.ts";
import { ErrorMessage, Field, SuccessMessage, TextField } from "../../ui.tsx";
import { useFormat } from "./common.tsx";
import type { Overview } from "./types.ts";

/** The levels an action can be addressed to from here (an external actor needs the follow-up pages). */
const ADDRESSEES = ["unit", "manager", "administration", "board", "support"] as const;
type Addressee = (typeof ADDRESSEES)[number];
type CreatedAction = { id: string; title: string; addressee: Addressee };

export function Discussion({ roundId, overview }: { roundId: string; overview: Overview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">{t("barometer.discussion.heading")}</h2>
      <p>{t("barometer.discussion.intro")}</p>
      <ul className="prompts">
        <li>{t("barometer.discussion.prompt1")}</li>
        <li>{t("barometer.discussion.prompt2")}</li>
        <li>{t("barometer.discussion.prompt3")}</li>
      </ul>
      {overview.discussions.length ? (
        <>
          <h3>{t("barometer.discussion.earlier")}</h3>
          <ul className="comments">
            {overview.discussions.map((discussion) => (
              <li key={discussion.id}>
                <p className="comment-meta">
                  {discussion.createdByName ?? t("barometer.discussion.someone")} ·{" "}
                  {format.moment(discussion.createdAt)}
                </p>
                <p className="prewrap">{discussion.notes}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {overview.canDiscuss ? (
        <>
          <NotesForm roundId={roundId} unitId={overview.unit.id} />
          <ActionForm unitId={overview.unit.id} unitName={overview.unit.name} />
        </>
      ) : (
        <p className="muted">{t("barometer.discussion.notYours")}</p>
      )}
    </section>
  );
}

function NotesForm({ roundId, unitId }: { roundId: string; unitId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [notes, setNotes] = useState("");
  const [saved, setSaved] = useState(false);
  const [empty, setEmpty] = useState(false);
  const save = useMutation({
    mutationFn: () => post(`/api/barometer/rounds/${roundId}/discussions`, { unitId, notes: notes.trim() }),
    onSuccess: async () => {
      setNotes("");
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["barometer", "overview", roundId] });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setEmpty(!notes.trim());
    if (notes.trim()) save.mutate();
  };
  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("barometer.discussion.notesHeading")}</h3>
      <Field
        label={t("barometer.discussion.notes")}
        hint={t("barometer.discussion.notesHint")}
        error={empty ? t("barometer.discussion.notesEmpty") : null}
      >
        {(props) => (
          <textarea
            {...props}
            rows={5}
            maxLength={8000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      {saved ? (
        <SuccessMessage>
          <p>{t("barometer.discussion.saved")}</p>
        </SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("barometer.discussion.save")}
      </button>
    </form>
  );
}

function ActionForm({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [addressee, setAddressee] = useState<Addressee>("unit");
  const [created, setCreated] = useState<CreatedAction[]>([]);
  const [empty, setEmpty] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      post<CreatedAction>("/api/followup/actions", {
        unitId,
        title: title.trim(),
        description: description.trim() || null,
        addressee,
      }),
    onSuccess: async (action) => {
      setCreated([...created, { id: action.id, title: action.title, addressee: action.addressee }]);
      setTitle("");
      setDescription("");
      await queryClient.invalidateQueries({ queryKey: ["followup"] });
    },
  });
  const titleError = empty
    ? t("barometer.action.titleEmpty")
    : create.error instanceof ApiError &&
        Array.isArray(create.error.details) &&
        (create.error.details as { path?: string }[]).some((issue) => issue.path === "body.title")
      ? create.error.message
      : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(!title.trim());
    if (title.trim()) create.mutate();
  };
  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("barometer.action.heading")}</h3>
      <p className="hint">{t("barometer.action.intro")}</p>
      <TextField
        label={t("barometer.action.title")}
        hint={t("barometer.action.titleHint")}
        error={titleError}
        required
        maxLength={200}
        value={title}
        onChange={setTitle}
      />
      <Field label={t("barometer.action.description")}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t("barometer.action.addressee")}</legend>
        <div className="addressees">
          {ADDRESSEES.map((value) => (
            <label key={value} className="addressee">
              <input
                type="radio"
                name={`${id}-addressee`}
                value={value}
                checked={addressee === value}
                onChange={() => setAddressee(value)}
                aria-describedby={`${id}-${value}-hint`}
              />
              <span>
                <span className="addressee-name">{t(`barometer.action.addressees.${value}`)}</span>
                <span className="hint" id={`${id}-${value}-hint`}>
                  {t(`barometer.action.addresseeHints.${value}`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={titleError ? null : create.error} />
      {created.length ? (
        <SuccessMessage>
          <p>{t("barometer.action.created", { count: created.length, unit: unitName })}</p>
          <ul>
            {created.map((action) => (
              <li key={action.id}>
                {action.title} – {t(`barometer.action.addressees.${action.addressee}`)}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/uppfoljning/enhet/$unitId" params={{ unitId }}>
              {t("barometer.action.seeAll", { unit: unitName })}
            </Link>
          </p>
        </SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("barometer.action.submit")}
      </button>
    </form>
  );
}
