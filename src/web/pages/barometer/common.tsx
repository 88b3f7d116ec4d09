// What the trust barometer's pages share: the queries, number and date formats, the sub-navigation
// and a captioned table, and who may start rounds or change the settings.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import type { Me, UnitListItem } from "../../types.ts";
import { TableWrap } from "../../ui.tsx";
import type { BarometerItem, BarometerSettings, RoundDetail, RoundSummary } from "./types.ts";

const TIME_ZONE = "Europe/Stockholm";

/** Seconds per question, as the server estimates them (src/server/barometer/model.ts). */
export const SECONDS_PER_SCALE_ITEM = 10;
export const SECONDS_PER_TEXT_ITEM = 60;
export const estimateSeconds = (items: readonly { kind: "scale" | "text" }[]) =>
  items.reduce(
    (sum, item) => sum + (item.kind === "text" ? SECONDS_PER_TEXT_ITEM : SECONDS_PER_SCALE_ITEM),
    0,
  );

/** A round the person is asked to answer now. */
export const toAnswer = (round: RoundSummary) => round.phase === "open" && round.invited && !round.answered;

export const ROUNDS_KEY = ["barometer", "rounds"] as const;

export const useRounds = () =>
  useQuery({ queryKey: ROUNDS_KEY, queryFn: () => get<RoundSummary[]>("/api/barometer/rounds") });

export const useRound = (roundId: string) =>
  useQuery({
    queryKey: ["barometer", "round", roundId],
    queryFn: () => get<RoundDetail>(`/api/barometer/rounds/${roundId}`),
  });

export const useSettings = () =>
  useQuery({
    queryKey: ["barometer", "settings"],
    queryFn: () => get<BarometerSettings>("/api/barometer/settings"),
    staleTime: 60_000,
  });

export const useBank = () =>
  useQuery({
    queryKey: ["barometer", "items"],
    queryFn: () => get<BarometerItem[]>("/api/barometer/items"),
    staleTime: 60_000,
  });

/** Rounds are started by managers, directors and politicians for their part of the chain, and by analysts and admins. */
export const mayStartRounds = (me: Me | null | undefined) =>
  Boolean(
    me?.roles.some((role) => ["manager", "director", "politician", "analyst", "admin"].includes(role.role)),
  );

export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  return useMemo(() => {
    const mean = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: TIME_ZONE });
    const moment = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: TIME_ZONE,
    });
    return {
      mean: (value: number) => mean.format(value),
      signed: (value: number) => signed.format(value),
      whole: (value: number) => whole.format(value),
      percent: (share: number) => percent.format(share),
      /** A date-only value ("2026-05-07") or a moment, as the day it is in Sweden. */
      day: (value: string | Date) =>
        day.format(
          typeof value === "string" && value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value),
        ),
      moment: (value: string | Date) => moment.format(new Date(value)),
      duration: (seconds: number) => {
        const minutes = Math.floor(seconds / 60);
        const rest = seconds % 60;
        if (minutes === 0) return t("barometer.format.seconds", { count: rest });
        if (rest === 0) return t("barometer.format.minutes", { count: minutes });
        return t("barometer.format.minutesSeconds", { minutes, seconds: rest });
      },
    };
  }, [locale, t]);
}

export type Format = ReturnType<typeof useFormat>;

/** The theme's name: the seven principles and the other groups of questions. */
export function useThemeLabel() {
  const { t } = useTranslation();
  return (theme: string) => t(`barometer.themes.${theme}`, { defaultValue: theme });
}

export function BarometerNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const links: [string, string][] = [["/tillitsbarometern", t("barometer.nav.rounds")]];
  if (mayStartRounds(me)) links.push(["/tillitsbarometern/ny", t("barometer.nav.new")]);
  if (hasRole(me, "admin")) links.push(["/tillitsbarometern/installningar", t("barometer.nav.settings")]);
  if (links.length < 2) return null;
  return (
    <nav className="sub-nav" aria-label={t("barometer.nav.label")}>
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <Link
              to={to}
              activeOptions={{ exact: true }}
              activeProps={{ "aria-current": "page", className: "active" }}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A table with a visible title that stays put when the table scrolls sideways, and a real caption. */
export function CaptionedTable({
  caption,
  className,
  children,
  note,
}: {
  caption: string;
  className?: string;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <TableWrap label={caption}>
      <p className="table-title" aria-hidden="true">
        {caption}
      </p>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
      {note ? <p className="table-note">{note}</p> : null}
    </TableWrap>
  );
}

/** Units in tree order with their depth, for a <select>. */
export function treeOrder(units: UnitListItem[]) {
  const active = units.filter((unit) => unit.active);
  const ids = new Set(active.map((unit) => unit.id));
  const children = new Map<string | null, UnitListItem[]>();
  for (const unit of active) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: { unit: UnitListItem; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "sv"))) {
      ordered.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

export const indented = (name: string, depth: number) => `${"\u00a0\u00a0".repeat(depth)}${name}`;
