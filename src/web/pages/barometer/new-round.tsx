// Starting a round: its scope (a unit and everything under it), the days it is open, and at most
// twelve questions — with the time it takes to answer shown as they are chosen. The server has the
// last word on the limit; its refusal is shown by the field it concerns.
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, post } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import { type Format, todayInSweden, useFormat } from "../../format.ts";
import { indented, isWithin, treeOrder } from "../../tree.ts";
import type { Me, UnitListItem } from "../../types.ts";
import { CheckboxGroup, ErrorMessage, Loading, Page, SelectField, TextField } from "../../ui.tsx";
import { useUnits } from "../org/queries.ts";
import { BarometerNav, estimateSeconds, useBank, useSettings, useThemeLabel } from "./common.tsx";
import type { BarometerItem, RoundSummary } from "./types.ts";

const MAX_ITEMS = 12;
/** The server's limit on a round's name (barometer/schemas.ts). */
const TITLE_MAX = 200;
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

/** The units a person may start a round for: under their leading roles, or all they see if analyst or admin. */
function startableUnits(me: Me, units: UnitListItem[]) {
  const ordered = treeOrder(units);
  if (hasRole(me, "analyst") || hasRole(me, "admin")) return ordered;
  const leads = new Set(
    me.roles
      .filter((role) => ["manager", "director", "politician"].includes(role.role))
      .map((role) => role.unitId),
  );
  return ordered.filter(({ unit }) => isWithin(units, unit.id, leads));
}

export function NewRoundPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const themeLabel = useThemeLabel();
  const navigate = useNavigate();
  const me = useMe().data;
  const bank = useBank();
  const settings = useSettings();
  const units = useUnits();
  const options = useMemo(() => (me && units.data ? startableUnits(me, units.data) : []), [me, units.data]);

  const [title, setTitle] = useState("");
  const [unitId, setUnitId] = useState("");
  const [opensAt, setOpensAt] = useState(() => todayInSweden());
  const [closesAt, setClosesAt] = useState(() => todayInSweden(14));
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
  const labels = {
    title: t("barometer.new.name"),
    unitId: t("barometer.new.scope"),
    opensAt: t("barometer.new.opens"),
    closesAt: t("barometer.new.closes"),
    itemIds: t("barometer.new.itemsHeading"),
  };

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
  /** A theme's boxes change only that theme's questions. */
  const choose = (themeItems: BarometerItem[]) => (chosenInTheme: string[]) =>
    setChosen([...selected.filter((id) => !themeItems.some((item) => item.id === id)), ...chosenInTheme]);
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
          label={labels.title}
          hint={t("barometer.new.nameHint")}
          error={errors.title}
          required
          maxLength={TITLE_MAX}
          value={title}
          onChange={setTitle}
        />
        <SelectField
          label={labels.unitId}
          hint={t("barometer.new.scopeHint")}
          error={errors.unitId}
          value={scope}
          onChange={setUnitId}
          options={options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
        />
        <div className="field-pair">
          <TextField
            label={labels.opensAt}
            type="date"
            error={errors.opensAt}
            required
            value={opensAt}
            onChange={setOpensAt}
          />
          <TextField
            label={labels.closesAt}
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
            <CheckboxGroup
              key={theme}
              className="item-theme"
              legend={themeLabel(theme)}
              values={selected.filter((id) => themeItems.some((item) => item.id === id))}
              onChange={choose(themeItems)}
              options={themeItems.map((item) => ({
                value: item.id,
                label: (
                  <>
                    {item.text}
                    {item.kind === "text" ? (
                      <span className="muted"> {t("barometer.new.openQuestion")}</span>
                    ) : null}
                  </>
                ),
              }))}
            />
          ))}
          {errors.itemIds ? (
            <p className="field-error" id="items-error">
              {errors.itemIds}
            </p>
          ) : null}
        </section>

        <ItemTally count={selected.length} seconds={seconds} tooMany={tooMany} format={format} />
        <ErrorMessage error={create.error} fields={labels} />
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
  format: Format;
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
