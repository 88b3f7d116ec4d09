// From results to dialogue: the team writes down what it talked about, and turns what it wants
// changed into actions in the follow-up module — addressed to itself or to any level above.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, post } from "../../api.ts";
import { useFormat } from "../../format.ts";
import { ErrorMessage, RadioGroup, SuccessMessage, TextAreaField, TextField } from "../../ui.tsx";
import { followupKeys } from "../followup/common.tsx";
import { barometerKeys } from "./common.tsx";
import type { Overview } from "./types.ts";

/** The server's limits on the texts (barometer/schemas.ts, followup/schemas.ts). */
const NOTES_MAX = 8000;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;

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
      await queryClient.invalidateQueries({ queryKey: barometerKeys.overviews(roundId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setEmpty(!notes.trim());
    if (notes.trim()) save.mutate();
  };
  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("barometer.discussion.notesHeading")}</h3>
      <TextAreaField
        label={t("barometer.discussion.notes")}
        hint={t("barometer.discussion.notesHint")}
        error={empty ? t("barometer.discussion.notesEmpty") : fieldErrors(save.error).notes}
        rows={5}
        maxLength={NOTES_MAX}
        value={notes}
        onChange={setNotes}
      />
      <ErrorMessage error={save.error} fields={{ notes: t("barometer.discussion.notes") }} />
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
      await queryClient.invalidateQueries({ queryKey: followupKeys.all });
    },
  });
  const errors = fieldErrors(create.error);
  const labels = {
    title: t("barometer.action.title"),
    description: t("barometer.action.description"),
    addressee: t("barometer.action.addressee"),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(!title.trim());
    if (title.trim()) create.mutate();
  };
  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("barometer.action.heading")}</h3>
      <p className="hint">{t("barometer.action.intro")}</p>
      <TextField
        label={labels.title}
        hint={t("barometer.action.titleHint")}
        error={empty ? t("barometer.action.titleEmpty") : errors.title}
        required
        maxLength={TITLE_MAX}
        value={title}
        onChange={setTitle}
      />
      <TextAreaField
        label={labels.description}
        error={errors.description}
        maxLength={DESCRIPTION_MAX}
        value={description}
        onChange={setDescription}
      />
      <RadioGroup
        legend={labels.addressee}
        error={errors.addressee}
        value={addressee}
        onChange={setAddressee}
        options={ADDRESSEES.map((value) => ({
          value,
          label: t(`barometer.action.addressees.${value}`),
          hint: t(`barometer.action.addresseeHints.${value}`),
        }))}
      />
      <ErrorMessage error={create.error} fields={labels} />
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
