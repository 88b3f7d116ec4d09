// The tenant's anonymity and embargo settings for the trust barometer (administrators only). The
// server keeps the minimum group size at three or more and comments at or above it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, patch } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import { ErrorMessage, Page, QueryView, SuccessMessage, TextField } from "../../ui.tsx";
import { BarometerNav, barometerKeys, useSettings } from "./common.tsx";
import type { BarometerSettings } from "./types.ts";

type Key = keyof BarometerSettings;
const LIMITS: Record<Key, { min: number; max: number }> = {
  minGroupSize: { min: 3, max: 50 },
  commentMinGroupSize: { min: 3, max: 100 },
  embargoDays: { min: 0, max: 60 },
};
const KEYS = Object.keys(LIMITS) as Key[];

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const settings = useSettings();
  return (
    <Page title={t("barometer.settings.title")} intro={t("barometer.settings.intro")}>
      <BarometerNav />
      {!hasRole(me, "admin") ? (
        <p className="notice notice-info">{t("barometer.settings.adminOnly")}</p>
      ) : null}
      <QueryView query={settings}>
        {(data) => <SettingsForm current={data} readOnly={!hasRole(me, "admin")} />}
      </QueryView>
    </Page>
  );
}

function SettingsForm({ current, readOnly }: { current: BarometerSettings; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Key, string>>({
    minGroupSize: String(current.minGroupSize),
    commentMinGroupSize: String(current.commentMinGroupSize),
    embargoDays: String(current.embargoDays),
  });
  const [localErrors, setLocalErrors] = useState<Partial<Record<Key, string>>>({});
  const save = useMutation({
    mutationFn: (body: BarometerSettings) => patch<BarometerSettings>("/api/barometer/settings", body),
    onSuccess: (saved) => queryClient.setQueryData(barometerKeys.settings, saved),
  });
  const errors: Partial<Record<string, string>> = { ...fieldErrors(save.error), ...localErrors };
  const labels = Object.fromEntries(KEYS.map((key) => [key, t(`barometer.settings.${key}`)]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Key, string>> = {};
    const numbers = {} as BarometerSettings;
    for (const key of KEYS) {
      // An emptied field is no number (Number("") would quietly be 0, a zero-day embargo).
      const value = values[key].trim() === "" ? Number.NaN : Number(values[key]);
      const { min, max } = LIMITS[key];
      if (!Number.isInteger(value) || value < min || value > max)
        found[key] = t("barometer.settings.range", { min, max });
      numbers[key] = value;
    }
    if (
      !found.commentMinGroupSize &&
      !found.minGroupSize &&
      numbers.commentMinGroupSize < numbers.minGroupSize
    )
      found.commentMinGroupSize = t("barometer.settings.commentsBelowK");
    setLocalErrors(found);
    if (Object.keys(found).length === 0) save.mutate(numbers);
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {KEYS.map((key) => (
        <TextField
          key={key}
          label={labels[key]}
          hint={t(`barometer.settings.${key}Hint`, LIMITS[key])}
          error={errors[key] ?? null}
          type="number"
          inputMode="numeric"
          className="short"
          min={LIMITS[key].min}
          max={LIMITS[key].max}
          step={1}
          required
          readOnly={readOnly}
          value={values[key]}
          onChange={(value) => setValues({ ...values, [key]: value })}
        />
      ))}
      <ErrorMessage error={save.error} fields={labels} />
      {save.isSuccess && Object.keys(localErrors).length === 0 ? (
        <SuccessMessage>
          <p>{t("barometer.settings.saved")}</p>
        </SuccessMessage>
      ) : null}
      {readOnly ? null : (
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t("barometer.settings.save")}
        </button>
      )}
    </form>
  );
}
