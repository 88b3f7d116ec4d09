// Starting a round: its scope (a unit and everything under it), the days it is open, and at most
// twelve questions — with the time it takes to answer shown as they are chosen. The server has the
// last word on the limit; its refusal is shown by the field it concerns.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, get, post } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import type { Me, UnitListItem } from "../../types.ts";
import { ErrorMessage, Field, Loading, Page, TextField } from "../../ui.tsx";
import {
  BarometerNav,
  estimateSeconds,
  indented,
  treeOrder,
  useBank,
  useFormat,
  useSettings,
  useThemeLabel,
} from "./common.tsx";
import type { BarometerItem, RoundSummary } from "./types.ts";

const MAX_ITEMS = 12;
/** One question per guiding principle, psychological safety, the hours question and the open question. */
const SUGGESTED = [
  "tillit.1",
  "medborgarfokus.1",
  "helhetssyn.1",
  "handlingsutrymme.1",
  "stod.2",
  "kunskap.1",
  "oppenhet.1",
  "trygghet.1",
  "borda.timmar",
  "oppen.hjalp",
];

const isoDay = (date: Date) => {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
};

/** The units a person may start a round for: under their leading roles, or all they see if analyst or admin. */
function startableUnits(me: Me, units: UnitListItem[]) {
  const ordered = treeOrder(units);
  if (hasRole(me, "analyst") || hasRole(me, "admin")) return ordered;
  const leads = new Set(
    me.roles
      .filter((role) => ["manager", "director", "politician"].includes(role.role))
      .map((role) => role.unitId),
  );
  const parent = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const under = (id: string | null): boolean => (id ? leads.has(id) || under(parent.get(id) ?? null) : false);
  return ordered.filter(({ unit }) => under(unit.id));
}

function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const found: Record<string, string> = {};
  for (const issue of error.details as { path?: string; message?: string }[]) {
    const field = issue.path?.replace(/^body\./, "").split(".")[0];
    if (field && issue.message && !found[field]) found[field] = issue.message;
  }
  return found;
}

export function NewRoundPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const themeLabel = useThemeLabel();
  const navigate = useNavigate();
  const me = useMe().data;
  const bank = useBank();
  const settings = useSettings();
  const units = useQuery({ queryKey: ["units", ""], queryFn: () => get<UnitListItem[]>("/api/units") });
  const options = useMemo(() => (me && units.data ? startableUnits(me, units.data) : []), [me, units.data]);

  const [title, setTitle] = useState("");
  const [unitId, setUnitId] = useState("");
  const [opensAt, setOpensAt] = useState(() => isoDay(new Date()));
  const [closesAt, setClosesAt] = useState(() => isoDay(new Date(Date.now() + 14 * 86_400_000)));
  const [chosen, setChosen] = useState<string[] | null>(null);

  const items = bank.data ?? [];
  const selected = chosen ?? SUGGESTED.filter((id) => items.some((item) => item.id === id));
  const selectedItems = items.filter((item) => selected.includes(item.id));
  const seconds = estimateSeconds(selectedItems);
  const scope = unitId || options[0]?.unit.id || "";

  const create = useMutation({
    mutationFn: () =>
      post<RoundSummary>("/api/barometer/rounds", {
        title: title.trim(),
        unitId: scope,
        // In the bank's order, which groups the questions by theme.
        itemIds: items.filter((item) => selected.includes(item.id)).map((item) => item.id),
        opensAt,
        closesAt,
      }),
    onSuccess: (round) => navigate({ to: "/tillitsbarometern/$roundId", params: { roundId: round.id } }),
  });
  const errors = fieldErrors(create.error);

  const themes = useMemo(() => {
    const grouped = new Map<string, BarometerItem[]>();
    for (const item of items) grouped.set(item.theme, [...(grouped.get(item.theme) ?? []), item]);
    return [...grouped.entries()];
  }, [items]);

  if (!me) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...selected, id] : selected.filter((other) => other !== id));
  const tooMany = selected.length > MAX_ITEMS;

  return (
    <Page title={t("barometer.new.title")} intro={t("barometer.new.intro")}>
      <BarometerNav />
      {bank.isPending || units.isPending ? <Loading /> : null}
      <ErrorMessage error={bank.error ?? units.error} />
      {units.data && options.length === 0 ? (
        <p className="notice notice-info">{t("barometer.new.noUnits")}</p>
      ) : null}
      <form className="form new-round" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("barometer.new.name")}
          hint={t("barometer.new.nameHint")}
          error={errors.title}
          required
          maxLength={200}
          value={title}
          onChange={setTitle}
        />
        <Field label={t("barometer.new.scope")} hint={t("barometer.new.scopeHint")} error={errors.unitId}>
          {(props) => (
            <select {...props} value={scope} onChange={(event) => setUnitId(event.target.value)}>
              {options.map(({ unit, depth }) => (
                <option key={unit.id} value={unit.id}>
                  {indented(unit.name, depth)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field-pair">
          <TextField
            label={t("barometer.new.opens")}
            type="date"
            error={errors.opensAt}
            required
            value={opensAt}
            onChange={setOpensAt}
          />
          <TextField
            label={t("barometer.new.closes")}
            type="date"
            error={errors.closesAt}
            required
            value={closesAt}
            onChange={setClosesAt}
          />
        </div>

        <section className="form-section item-picker" aria-labelledby="items-heading">
          <h2 id="items-heading">{t("barometer.new.itemsHeading")}</h2>
          <p className="hint">
            {t("barometer.new.itemsHint", { max: MAX_ITEMS, k: settings.data?.minGroupSize ?? 5 })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => setChosen(SUGGESTED.filter((id) => items.some((item) => item.id === id)))}
            >
              {t("barometer.new.suggested")}
            </button>
            <button type="button" className="button" onClick={() => setChosen([])}>
              {t("barometer.new.clear")}
            </button>
          </div>
          <ItemTally count={selected.length} seconds={seconds} tooMany={tooMany} format={format} live />
          {themes.map(([theme, themeItems]) => (
            <fieldset key={theme} className="item-theme">
              <legend>{themeLabel(theme)}</legend>
              {themeItems.map((item) => (
                <label key={item.id} className="checkbox item-choice">
                  <input
                    type="checkbox"
                    checked={selected.includes(item.id)}
                    onChange={(event) => toggle(item.id, event.target.checked)}
                  />
                  <span>
                    {item.text}
                    {item.kind === "text" ? (
                      <span className="muted"> {t("barometer.new.openQuestion")}</span>
                    ) : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
          {errors.itemIds ? (
            <p className="field-error" id="items-error">
              {errors.itemIds}
            </p>
          ) : null}
        </section>

        <ItemTally count={selected.length} seconds={seconds} tooMany={tooMany} format={format} />
        <ErrorMessage error={create.error} />
        <button type="submit" className="button primary" disabled={create.isPending || !scope}>
          {t("barometer.new.submit")}
        </button>
      </form>
    </Page>
  );
}

/** How many questions are chosen and how long answering takes; the first one is read out as it changes. */
function ItemTally({
  count,
  seconds,
  tooMany,
  format,
  live = false,
}: {
  count: number;
  seconds: number;
  tooMany: boolean;
  format: ReturnType<typeof useFormat>;
  live?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={tooMany ? "tally notice notice-warn" : "tally"} aria-live={live ? "polite" : undefined}>
      <p>
        <strong>{t("barometer.new.tally", { count, max: MAX_ITEMS })}</strong>{" "}
        {t("barometer.new.estimate", { time: format.duration(seconds) })}
      </p>
      {tooMany ? <p>{t("barometer.new.tooMany", { max: MAX_ITEMS })}</p> : null}
      {!tooMany && seconds > 180 ? <p>{t("barometer.new.tooLong")}</p> : null}
    </div>
  );
}
