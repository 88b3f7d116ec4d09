// Dialogue meetings between two levels of the chain: the list per unit, and the upper side's form
// that calls a meeting (which units, which pair, when, who takes part).
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { get, post, query } from "../../api.ts";
import { useMe } from "../../auth.ts";
import type { UnitDetail, UnitListItem } from "../../types.ts";
import { EmptyState, ErrorMessage, Loading, Page, TextField } from "../../ui.tsx";
import { indented, treeOrder } from "../inventory/common.tsx";
import {
  DIALOGUE_PAIRS,
  FOLLOWUP_KEY,
  FollowupNav,
  todayInSweden,
  UnitPicker,
  useFollowupFormat,
  useRefreshFollowup,
  useUnits,
} from "./common.tsx";
import { fieldErrors, RadioGroup, Select, TimeHint, useFocusInvalid } from "./forms.tsx";
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
    queryKey: [...FOLLOWUP_KEY, "dialogues", unitId ?? ""],
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
        <ErrorMessage error={dialogues.error} />
        {dialogues.isPending ? <Loading /> : null}
        {dialogues.data ? (
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
        ) : null}
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
  const format = useFollowupFormat();
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
    const inside = (unit: UnitListItem): boolean => {
      let parent = unit.parentId;
      for (let depth = 0; parent && depth < 50; depth++) {
        if (parent === upperUnitId) return true;
        parent = byId.get(parent)?.parentId ?? null;
      }
      return false;
    };
    return ordered.filter(({ unit }) => inside(unit));
  }, [upperUnitId, ordered, byId]);

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
      <Select
        label={t("followup.dialogues.form.upper")}
        hint={t("followup.dialogues.form.upperHint")}
        value={upperUnitId}
        onChange={(value) => {
          setUpper(value);
          setLower("");
          setPair(pairFor(byId.get(value)));
        }}
        error={errors.upperUnitId}
      >
        <option value="">{t("followup.dialogues.form.chooseUnit")}</option>
        {ordered
          .filter(({ unit }) => units.some((other) => other.parentId === unit.id))
          .map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {indented(unit.name, depth)}
            </option>
          ))}
      </Select>
      <Select
        label={t("followup.dialogues.form.lower")}
        hint={upperUnitId ? t("followup.dialogues.form.lowerHint") : t("followup.dialogues.form.lowerFirst")}
        value={lowerUnitId}
        onChange={setLower}
        error={errors.lowerUnitId}
      >
        <option value="">{t("followup.dialogues.form.chooseUnit")}</option>
        {below.map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {indented(unit.name, depth)}
          </option>
        ))}
      </Select>
      <RadioGroup
        legend={t("followup.dialogues.form.pair")}
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
        label={t("followup.dialogues.form.title")}
        hint={lowerName ? t("followup.dialogues.form.titleHint", { title: defaultTitle() }) : undefined}
        value={title}
        onChange={setTitle}
        error={errors.title}
        maxLength={200}
      />
      <TextField
        label={t("followup.dialogues.form.heldOn")}
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
      {create.error ? <ErrorMessage error={create.error} /> : null}
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
  const details = useQueries({
    queries: unitIds.map((unitId) => ({
      queryKey: ["unit", unitId],
      queryFn: () => get<UnitDetail>(`/api/units/${unitId}`),
    })),
  });
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...new Set([...value, id])] : value.filter((v) => v !== id));
  const seen = new Set<string>();
  const groups = details.flatMap((detail) => {
    if (!detail.data) return [];
    const people = detail.data.people
      .filter((person) => {
        if (seen.has(person.id)) return false;
        seen.add(person.id);
        return true;
      })
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    return [{ unit: detail.data, people }];
  });
  const others = extra.filter((person) => !seen.has(person.personId));
  return (
    <div className="fu-participants">
      {groups.map(({ unit, people }) => (
        <fieldset key={unit.id} className="fu-fieldset">
          <legend>{t("followup.dialogues.form.participantsFrom", { unit: unit.name })}</legend>
          {people.length ? (
            <div className="fu-choices fu-choices-columns">
              {people.map((person) => (
                <label key={person.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={value.includes(person.id)}
                    onChange={(e) => toggle(person.id, e.target.checked)}
                  />
                  <span>
                    {person.name} <span className="muted">({t(`roles.${person.role}`)})</span>
                  </span>
                </label>
              ))}
            </div>
          ) : (
            <p className="muted">{t("followup.dialogues.form.noPeople")}</p>
          )}
        </fieldset>
      ))}
      {others.length ? (
        <fieldset className="fu-fieldset">
          <legend>{t("followup.dialogues.form.otherParticipants")}</legend>
          <div className="fu-choices fu-choices-columns">
            {others.map((person) => (
              <label key={person.personId} className="checkbox">
                <input
                  type="checkbox"
                  checked={value.includes(person.personId)}
                  onChange={(e) => toggle(person.personId, e.target.checked)}
                />
                {person.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {details.map((detail, index) =>
        detail.error ? <ErrorMessage key={unitIds[index]} error={detail.error} /> : null,
      )}
      {unitIds.length ? null : <p className="hint">{t("followup.dialogues.form.participantsFirst")}</p>}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
