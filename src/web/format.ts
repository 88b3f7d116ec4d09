// Numbers, money, durations and dates the way Swedish readers expect them (en-GB in English), in
// Swedish time — one formatter for the whole app, so the same day never shows in two styles.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const TIME_ZONE = "Europe/Stockholm";

/** A calendar day ("2026-05-07") is read at noon, so no time zone can move it to the day before. */
const asDate = (value: string | Date) =>
  typeof value === "string" && value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);

/** Today in Sweden as YYYY-MM-DD (sv-SE writes dates that way), optionally some days ahead. */
export function todayInSweden(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE }).format(date);
}

const formatters = new Map<string, Format>();

export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  // Every field and table cell asks for a formatter: the ones of a language are made once.
  return useMemo(() => {
    const made = formatters.get(locale);
    if (made) return made;
    const format = makeFormat(locale, t);
    formatters.set(locale, format);
    return format;
  }, [locale, t]);
}

type Translate = ReturnType<typeof useTranslation>["t"];

function makeFormat(locale: string, t: Translate) {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const fixedDecimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const signed = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const sek = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "SEK",
    maximumFractionDigits: 0,
  });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const percentFine = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: TIME_ZONE });
  const moment = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  });
  const month = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: TIME_ZONE });
  /** Small numbers keep a decimal, so 0.4 hours is not shown as 0. */
  const number = (value: number) => (Math.abs(value) < 10 ? oneDecimal : whole).format(value);
  return {
    number,
    whole: (value: number) => whole.format(value),
    /** A mean on a 1–5 scale: always one decimal, so 3.0 and 3.04 look alike. */
    mean: (value: number) => fixedDecimal.format(value),
    /** A difference, with its sign. */
    signed: (value: number) => signed.format(value),
    money: (value: number) => sek.format(value),
    /** A share of 1; below one per cent a decimal, so a small share is not shown as 0 %. */
    percent: (share: number) => (share > 0 && share < 0.01 ? percentFine : percent).format(share),
    hours: (value: number) => t("format.hours", { value: number(value) }),
    minutes: (value: number) => {
      if (value < 60) return t("format.minutes", { value: number(value) });
      const hours = Math.floor(value / 60);
      const rest = Math.round(value % 60);
      return rest
        ? t("format.hoursMinutes", { hours: whole.format(hours), minutes: rest })
        : t("format.hours", { value: whole.format(hours) });
    },
    /** A time to answer in seconds, as people say it: "2 min 30 s". */
    duration: (seconds: number) => {
      const minutes = Math.floor(seconds / 60);
      const rest = seconds % 60;
      if (minutes === 0) return t("format.seconds", { count: rest });
      if (rest === 0) return t("format.minutesLong", { count: minutes });
      return t("format.minutesSeconds", { minutes, seconds: rest });
    },
    days: (value: number) => t("format.days", { count: value, value: whole.format(value) }),
    /** Hours as days with one decimal: requests are answered in days. */
    inDays: (hours: number) => oneDecimal.format(hours / 24),
    daysShort: (days: number) => t("format.daysShort", { value: oneDecimal.format(days) }),
    /** A calendar day ("2026-05-07") or a moment, as the day it is in Sweden. */
    day: (value: string | Date) => day.format(asDate(value)),
    /** A moment with its time of day in Sweden. */
    moment: (value: string | Date) => moment.format(new Date(value)),
    /** The month of a day, for a series of rounds: "maj 2026". */
    month: (value: string | Date) => month.format(asDate(value)),
  };
}

export type Format = ReturnType<typeof makeFormat>;
