// Continuous follow-up entries: good examples beside problems (always together), the lessons,
// citizens' perspectives and evidence, and the form that writes an entry before, during or after.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, get, post, query } from "../../api.ts";
import { useFormat } from "../../format.ts";
import {
  Checkbox,
  ErrorMessage,
  RadioGroup,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
  useFocusInvalid,
} from "../../ui.tsx";
import { ENTRY_KINDS, followupKeys, PHASES, Prose, TimeHint, useRefreshFollowup } from "./common.tsx";
import type { Entry, EntryKind, Expectation, Phase } from "./types.ts";

function EntryItem({
  entry,
  expectations,
  showKind = false,
}: {
  entry: Entry;
  expectations: Expectation[];
  showKind?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const expectation = entry.expectationId ? expectations.find((e) => e.id === entry.expectationId) : null;
  return (
    <li className={`fu-entry fu-entry-${entry.kind}`}>
      <p className="fu-entry-tags">
        {showKind ? <span className="badge fu-badge">{t(`followup.kinds.${entry.kind}`)}</span> : null}
        <span className="badge fu-badge fu-phase">{t(`followup.phases.${entry.phase}`)}</span>
        {entry.learningBank ? (
          <span className="badge fu-badge fu-bank">{t("followup.entries.inLearningBank")}</span>
        ) : null}
      </p>
      <Prose text={entry.body} />
      {entry.evidenceValue !== null ? (
        <p className="fu-evidence">
          {t("followup.entries.value")}: <strong>{format.number(entry.evidenceValue)}</strong>
        </p>
      ) : null}
      <p className="hint fu-entry-by">
        {entry.authorName ?? t("followup.unknownPerson")}, {format.moment(entry.createdAt)}
        {expectation ? ` · ${t("followup.entries.about", { title: expectation.title })}` : ""}
      </p>
    </li>
  );
}

/** Good examples and problems side by side: follow-up that only records failures teaches nothing. */
export function SideBySide({
  goodExamples,
  problems,
  expectations,
}: {
  goodExamples: Entry[];
  problems: Entry[];
  expectations: Expectation[];
}) {
  const { t } = useTranslation();
  const column = (kind: "good" | "problem", entries: Entry[]) => (
    <section className={`fu-column fu-column-${kind}`} aria-labelledby={`column-${kind}`}>
      <h3 id={`column-${kind}`}>
        {kind === "good" ? t("followup.entries.goodHeading") : t("followup.entries.problemHeading")}{" "}
        <span className="fu-count">({entries.length})</span>
      </h3>
      {entries.length ? (
        <ul className="fu-entries">
          {entries.map((entry) => (
            <EntryItem key={entry.id} entry={entry} expectations={expectations} />
          ))}
        </ul>
      ) : (
        <p className="muted">
          {kind === "good" ? t("followup.entries.noGood") : t("followup.entries.noProblems")}
        </p>
      )}
    </section>
  );
  return (
    <div className="fu-side-by-side">
      {column("good", goodExamples)}
      {column("problem", problems)}
    </div>
  );
}

/** The server's limit on an entry's text (followup/schemas.ts). */
const BODY_MAX = 4000;

const OTHER_KINDS: readonly EntryKind[] = ["lesson", "citizen_perspective", "evidence"];

/** What was learned, what citizens said and the evidence: the entries the two columns do not hold. */
export function OtherEntries({ unitId, expectations }: { unitId: string; expectations: Expectation[] }) {
  const { t } = useTranslation();
  const entries = useQuery({
    queryKey: followupKeys.entries(unitId),
    queryFn: () => get<Entry[]>(`/api/followup/entries${query({ unitId })}`),
  });
  if (entries.error) return <ErrorMessage error={entries.error} />;
  const others = (entries.data ?? []).filter((entry) => OTHER_KINDS.includes(entry.kind)).slice(0, 12);
  return (
    <section aria-labelledby="other-entries-heading">
      <h3 id="other-entries-heading">{t("followup.entries.otherHeading")}</h3>
      {others.length ? (
        <ul className="fu-entries fu-entries-other">
          {others.map((entry) => (
            <EntryItem key={entry.id} entry={entry} expectations={expectations} showKind />
          ))}
        </ul>
      ) : entries.data ? (
        <p className="muted">{t("followup.entries.noOther")}</p>
      ) : null}
    </section>
  );
}

/** An entry before, during or after: a good example, a problem, a lesson, a citizen's view or evidence. */
export function EntryForm({ unitId, expectations }: { unitId: string; expectations: Expectation[] }) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const [phase, setPhase] = useState<Phase>("during");
  const [kind, setKind] = useState<EntryKind | "">("");
  const [body, setBody] = useState("");
  const [expectationId, setExpectationId] = useState("");
  const [evidenceValue, setEvidenceValue] = useState("");
  const [learningBank, setLearningBank] = useState(false);
  const [kindError, setKindError] = useState<string | null>(null);
  const [saved, setSaved] = useState<EntryKind | null>(null);
  const save = useMutation({
    mutationFn: () =>
      post<Entry>("/api/followup/entries", {
        unitId,
        phase,
        kind,
        body,
        expectationId: expectationId || null,
        evidenceValue:
          kind === "evidence" && evidenceValue.trim() ? Number(evidenceValue.replace(",", ".")) : null,
        learningBank: kind === "good_example" ? learningBank : false,
      }),
    onSuccess: (entry) => {
      setSaved(entry.kind);
      setBody("");
      setEvidenceValue("");
      setLearningBank(false);
      void refresh();
    },
  });
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const open = expectations.filter((e) => e.state !== "closed");
  const labels = {
    kind: t("followup.entries.form.kind"),
    phase: t("followup.entries.form.phase"),
    body: t("followup.entries.form.body"),
    evidenceValue: t("followup.entries.form.value"),
    expectationId: t("followup.entries.form.expectation"),
    learningBank: t("followup.entries.form.learningBank"),
  };
  return (
    <form
      ref={formRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        if (!kind) {
          setKindError(t("followup.entries.form.chooseKind"));
          return;
        }
        save.mutate();
      }}
    >
      <TimeHint text={t("followup.entries.form.time")} />
      <RadioGroup
        legend={labels.kind}
        value={kind}
        options={ENTRY_KINDS.map((value) => ({
          value,
          label: t(`followup.kinds.${value}`),
          hint: t(`followup.kindHints.${value}`),
        }))}
        onChange={(value) => {
          setKind(value);
          setKindError(null);
        }}
        error={kindError ?? errors.kind}
      />
      <RadioGroup
        legend={labels.phase}
        hint={t("followup.entries.form.phaseHint")}
        value={phase}
        inline
        options={PHASES.map((value) => ({ value, label: t(`followup.phases.${value}`) }))}
        onChange={setPhase}
        error={errors.phase}
      />
      <TextAreaField
        label={labels.body}
        hint={kind ? t(`followup.entries.form.bodyHint.${kind}`) : t("followup.entries.form.bodyHintAny")}
        value={body}
        onChange={setBody}
        error={errors.body}
        maxLength={BODY_MAX}
        rows={4}
        required
      />
      {kind === "evidence" ? (
        <TextField
          label={labels.evidenceValue}
          hint={t("followup.entries.form.valueHint")}
          inputMode="decimal"
          value={evidenceValue}
          onChange={setEvidenceValue}
          error={errors.evidenceValue}
          className="fu-short"
        />
      ) : null}
      {open.length ? (
        <SelectField
          label={labels.expectationId}
          hint={t("followup.entries.form.expectationHint")}
          value={expectationId}
          onChange={setExpectationId}
          error={errors.expectationId}
          placeholder={t("followup.entries.form.wholeUnit")}
          allowEmpty
          options={open.map((expectation) => [expectation.id, expectation.title])}
        />
      ) : null}
      {kind === "good_example" ? (
        <Checkbox
          label={labels.learningBank}
          hint={t("followup.entries.form.learningBankHint")}
          checked={learningBank}
          onChange={setLearningBank}
        />
      ) : null}
      <ErrorMessage error={save.error} fields={labels} />
      {saved && !save.isPending ? (
        <SuccessMessage>{t(`followup.entries.form.saved.${saved}`)}</SuccessMessage>
      ) : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("followup.entries.form.submit")}
      </button>
    </form>
  );
}
