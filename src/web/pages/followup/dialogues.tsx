// Dialogue meetings between two levels of the chain: the list per unit, and the upper side's form
// that calls a meeting (which units, which pair, when, who takes part).
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, get, post, query } from "../../api.ts";
import { useMe } from "../../auth.ts";
import { todayInSweden, useFormat } from "../../format.ts";
import { byName, indented, isWithin, treeOrder } from "../../tree.ts";
import type { UnitListItem } from "../../types.ts";
import {
  CheckboxGroup,
  EmptyState,
  ErrorMessage,
  Page,
  QueryView,
  RadioGroup,
  SelectField,
  TextField,
  useFocusInvalid,
} from "../../ui.tsx";
import { unitQuery, useUnits } from "../org/queries.ts";
import {
  DIALOGUE_PAIRS,
  FollowupNav,
  followupKeys,
  TimeHint,
  UnitPicker,
  useRefreshFollowup,
} from "./common.tsx";
import type { Dialogue, DialoguePair } from "./types.ts";

export function DialoguesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { enhet: unitId } = useSearch({ from: "/app/uppfoljning/dialoger" });
  const navigate = useNavigate({ from: "/uppfoljning/dialoger" });
  const units = useUnits();
  const unitName = units.data?.find((unit) => unit.id === unitId)?.name;
  const scope = unitName ?? t("followup.dialogues.everything");
  const dialogues = useQuery({
    queryKey: followupKeys.dialogues(unitId),
    queryFn: () => get<Dialogue[]>(`/api/followup/dialogues${query({ unitId })}`),
  });
  const today = todayInSweden();
  const list = dialogues.data ?? [];
  const planned = list.filter((d) => d.status === "planned").sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const held = list.filter((d) => d.status === "held");
  const mayCall = !!me?.roles.some(
    (r) => r.role === "manager" || r.role === "director" || r.role === "politician",
  );

  return (
    <>
      <FollowupNav />
      <Page title={t("followup.dialogues.title")} intro={t("followup.dialogues.intro")}>
        <div className="toolbar">
          <UnitPicker
            label={t("followup.dialogues.unitPicker")}
            hint={t("followup.dialogues.unitPickerHint")}
            allLabel={t("followup.dialogues.everything")}
            value={unitId}
            onChange={(enhet) => void navigate({ search: { enhet } })}
          />
        </div>
        <QueryView query={dialogues}>
          {() =>
            list.length ? (
              <>
                <section aria-labelledby="planned-heading">
                  <h2 id="planned-heading">{t("followup.dialogues.planned", { count: planned.length })}</h2>
                  {planned.length ? (
                    <DialogueList dialogues={planned} today={today} />
                  ) : (
                    <p className="muted">{t("followup.dialogues.nonePlanned")}</p>
                  )}
                </section>
                <section aria-labelledby="held-heading">
                  <h2 id="held-heading">{t("followup.dialogues.held", { count: held.length })}</h2>
                  {held.length ? (
                    <DialogueList dialogues={held} today={today} />
                  ) : (
                    <p className="muted">{t("followup.dialogues.noneHeld")}</p>
                  )}
                </section>
              </>
            ) : (
              <EmptyState title={t("followup.dialogues.emptyTitle", { scope })}>
                {mayCall ? t("followup.dialogues.emptyCaller") : t("followup.dialogues.emptyOther")}
              </EmptyState>
            )
          }
        </QueryView>
        {mayCall && units.data ? (
          <section aria-labelledby="new-dialogue-heading" className="card">
            <h2 id="new-dialogue-heading">{t("followup.dialogues.newHeading")}</h2>
            <NewDialogueForm key={unitId ?? ""} units={units.data} defaultLower={unitId} />
          </section>
        ) : null}
      </Page>
    </>
  );
}

function DialogueList({ dialogues, today }: { dialogues: Dialogue[]; today: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="fu-dialogue-list">
      {dialogues.map((dialogue) => (
        <li key={dialogue.id} className="fu-dialogue-item">
          <p className="fu-dialogue-date">
            {format.day(dialogue.heldOn)}
            {dialogue.status === "planned" && dialogue.heldOn < today ? (
              <span className="badge fu-badge fu-overdue">{t("followup.dialogues.notMarkedHeld")}</span>
            ) : null}
          </p>
          <h3 className="fu-dialogue-title">
            <Link to="/uppfoljning/dialoger/$dialogueId" params={{ dialogueId: dialogue.id }}>
              {dialogue.title}
            </Link>
          </h3>
          <p className="muted">
            {t("followup.dialogues.between", {
              upper: dialogue.upperUnitName,
              lower: dialogue.lowerUnitName,
            })}{" "}
            · {t(`followup.pairs.${dialogue.pair}`)} ·{" "}
            {t("followup.dialogues.participantCount", { count: dialogue.participants.length })}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The server's limit on a meeting's title (followup/schemas.ts). */
const TITLE_MAX = 200;

/** The pair a meeting most likely is, from the upper unit's place in the chain. */
function pairFor(unit: UnitListItem | undefined): DialoguePair {
  if (unit?.kind === "namnd") return "board_administration";
  if (unit?.kind === "forvaltning" || unit?.kind === "verksamhetsomrade") return "director_managers";
  return "manager_team";
}

function NewDialogueForm({ units, defaultLower }: { units: UnitListItem[]; defaultLower?: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const refresh = useRefreshFollowup();
  const ordered = useMemo(() => treeOrder(units), [units]);
  const byId = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  const initialUpper = defaultLower ? (byId.get(defaultLower)?.parentId ?? "") : "";
  const [upperUnitId, setUpper] = useState(initialUpper && byId.has(initialUpper) ? initialUpper : "");
  const [lowerUnitId, setLower] = useState(
    initialUpper && byId.has(initialUpper) ? (defaultLower ?? "") : "",
  );
  const [pair, setPair] = useState<DialoguePair | "">(
    initialUpper && byId.has(initialUpper) ? pairFor(byId.get(initialUpper)) : "",
  );
  const [title, setTitle] = useState("");
  const [heldOn, setHeldOn] = useState(todayInSweden(14));
  const [participantIds, setParticipants] = useState<string[]>(me ? [me.id] : []);

  /** Units below the chosen upper one, at any depth. */
  const below = useMemo(() => {
    if (!upperUnitId) return [];
    const upper = new Set([upperUnitId]);
    return ordered.filter(({ unit }) => unit.id !== upperUnitId && isWithin(units, unit.id, upper));
  }, [upperUnitId, ordered, units]);

  const create = useMutation({
    mutationFn: () =>
      post<Dialogue>("/api/followup/dialogues", {
        upperUnitId,
        lowerUnitId,
        pair: pair || undefined,
        title: title.trim() || defaultTitle(),
        heldOn,
        participantIds,
      }),
    onSuccess: (dialogue) => {
      void refresh();
      void navigate({ to: "/uppfoljning/dialoger/$dialogueId", params: { dialogueId: dialogue.id } });
    },
  });
  const errors = fieldErrors(create.error);
  const formRef = useFocusInvalid(create.error);
  const labels = {
    upperUnitId: t("followup.dialogues.form.upper"),
    lowerUnitId: t("followup.dialogues.form.lower"),
    pair: t("followup.dialogues.form.pair"),
    title: t("followup.dialogues.form.title"),
    heldOn: t("followup.dialogues.form.heldOn"),
    participantIds: t("followup.dialogue.participants"),
  };
  const lowerName = byId.get(lowerUnitId)?.name;
  const defaultTitle = () => (lowerName ? t("followup.dialogues.defaultTitle", { lower: lowerName }) : "");

  return (
    <form
      ref={formRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <TimeHint text={t("followup.dialogues.form.time")} />
      <SelectField
        label={labels.upperUnitId}
        hint={t("followup.dialogues.form.upperHint")}
        value={upperUnitId}
        onChange={(value) => {
          setUpper(value);
          setLower("");
          setPair(pairFor(byId.get(value)));
        }}
        error={errors.upperUnitId}
        placeholder={t("followup.dialogues.form.chooseUnit")}
        allowEmpty
        options={ordered
          .filter(({ unit }) => units.some((other) => other.parentId === unit.id))
          .map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
      />
      <SelectField
        label={labels.lowerUnitId}
        hint={upperUnitId ? t("followup.dialogues.form.lowerHint") : t("followup.dialogues.form.lowerFirst")}
        value={lowerUnitId}
        onChange={setLower}
        error={errors.lowerUnitId}
        placeholder={t("followup.dialogues.form.chooseUnit")}
        allowEmpty
        options={below.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
      />
      <RadioGroup
        legend={labels.pair}
        value={pair}
        options={DIALOGUE_PAIRS.map((value) => ({
          value,
          label: t(`followup.pairs.${value}`),
          hint: t(`followup.pairHints.${value}`),
        }))}
        onChange={setPair}
        error={errors.pair}
      />
      <TextField
        label={labels.title}
        hint={lowerName ? t("followup.dialogues.form.titleHint", { title: defaultTitle() }) : undefined}
        value={title}
        onChange={setTitle}
        error={errors.title}
        maxLength={TITLE_MAX}
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
        unitIds={[upperUnitId, lowerUnitId].filter(Boolean)}
        value={participantIds}
        onChange={setParticipants}
        error={errors.participantIds}
      />
      <ErrorMessage error={create.error} fields={labels} />
      <button type="submit" className="button primary" disabled={create.isPending}>
        {t("followup.dialogues.form.submit")}
      </button>
    </form>
  );
}

/** Check boxes for the people of the meeting's two units, one group per unit (each person once). */
export function Participants({
  unitIds,
  value,
  onChange,
  error,
  extra = [],
}: {
  unitIds: string[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | null;
  /** People already taking part who are not members of either unit. */
  extra?: { personId: string; name: string }[];
}) {
  const { t } = useTranslation();
  const details = useQueries({ queries: unitIds.map(unitQuery) });
  const seen = new Set<string>();
  const groups = details.flatMap((detail) => {
    if (!detail.data) return [];
    const people = detail.data.people
      .filter((person) => {
        if (seen.has(person.id)) return false;
        seen.add(person.id);
        return true;
      })
      .sort(byName);
    return [{ unit: detail.data, people }];
  });
  const others = extra.filter((person) => !seen.has(person.personId));
  // Each group changes only its own people; the others chosen stay chosen.
  const choose = (inGroup: string[]) => (chosen: string[]) =>
    onChange([...value.filter((id) => !inGroup.includes(id)), ...chosen]);
  return (
    <div className="fu-participants">
      {groups.map(({ unit, people }) =>
        people.length ? (
          <CheckboxGroup
            key={unit.id}
            legend={t("followup.dialogues.form.participantsFrom", { unit: unit.name })}
            columns
            values={value.filter((id) => people.some((person) => person.id === id))}
            onChange={choose(people.map((person) => person.id))}
            options={people.map((person) => ({
              value: person.id,
              label: (
                <>
                  {person.name} <span className="muted">({t(`roles.${person.role}`)})</span>
                </>
              ),
            }))}
          />
        ) : (
          <fieldset key={unit.id} className="choice-group">
            <legend>{t("followup.dialogues.form.participantsFrom", { unit: unit.name })}</legend>
            <p className="muted">{t("followup.dialogues.form.noPeople")}</p>
          </fieldset>
        ),
      )}
      {others.length ? (
        <CheckboxGroup
          legend={t("followup.dialogues.form.otherParticipants")}
          columns
          values={value.filter((id) => others.some((person) => person.personId === id))}
          onChange={choose(others.map((person) => person.personId))}
          options={others.map((person) => ({ value: person.personId, label: person.name }))}
        />
      ) : null}
      {details.map((detail, index) =>
        detail.error ? <ErrorMessage key={unitIds[index]} error={detail.error} /> : null,
      )}
      {unitIds.length ? null : <p className="hint">{t("followup.dialogues.form.participantsFirst")}</p>}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
