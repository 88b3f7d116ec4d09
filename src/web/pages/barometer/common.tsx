// What the trust barometer's pages share: the query keys and queries, the sub-navigation, the
// themes' names, and who may start rounds or change the settings.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import type { Me } from "../../types.ts";
import { SubNav } from "../../ui.tsx";
import type { BarometerItem, BarometerSettings, RoundDetail, RoundSummary } from "./types.ts";

/** The barometer's query keys; every key starts with "barometer" (`barometerKeys.all`). */
export const barometerKeys = {
  all: ["barometer"] as const,
  rounds: ["barometer", "rounds"] as const,
  round: (roundId: string) => ["barometer", "round", roundId] as const,
  settings: ["barometer", "settings"] as const,
  items: ["barometer", "items"] as const,
  overviews: (roundId: string) => ["barometer", "overview", roundId] as const,
  overview: (roundId: string, asked: string | undefined, candidates: string) =>
    ["barometer", "overview", roundId, asked ?? "mine", candidates] as const,
  heatmap: (roundId: string, unitId: string | undefined) =>
    ["barometer", "heatmap", roundId, unitId] as const,
};

/** Seconds per question, as the server estimates them (src/server/barometer/model.ts). */
const SECONDS_PER_SCALE_ITEM = 10;
const SECONDS_PER_TEXT_ITEM = 60;
export const estimateSeconds = (items: readonly { kind: "scale" | "text" }[]) =>
  items.reduce(
    (sum, item) => sum + (item.kind === "text" ? SECONDS_PER_TEXT_ITEM : SECONDS_PER_SCALE_ITEM),
    0,
  );

/** A round the person is asked to answer now. */
export const toAnswer = (round: RoundSummary) => round.phase === "open" && round.invited && !round.answered;

export const useRounds = () =>
  useQuery({ queryKey: barometerKeys.rounds, queryFn: () => get<RoundSummary[]>("/api/barometer/rounds") });

export const useRound = (roundId: string) =>
  useQuery({
    queryKey: barometerKeys.round(roundId),
    queryFn: () => get<RoundDetail>(`/api/barometer/rounds/${roundId}`),
  });

export const useSettings = () =>
  useQuery({
    queryKey: barometerKeys.settings,
    queryFn: () => get<BarometerSettings>("/api/barometer/settings"),
    staleTime: 60_000,
  });

export const useBank = () =>
  useQuery({
    queryKey: barometerKeys.items,
    queryFn: () => get<BarometerItem[]>("/api/barometer/items"),
    staleTime: 60_000,
  });

/** Rounds are started by managers, directors and politicians for their part of the chain, and by analysts and admins. */
export const mayStartRounds = (me: Me | null | undefined) =>
  Boolean(
    me?.roles.some((role) => ["manager", "director", "politician", "analyst", "admin"].includes(role.role)),
  );

/** The theme's name: the seven principles and the other groups of questions. */
export function useThemeLabel() {
  const { t } = useTranslation();
  return (theme: string) => t(`barometer.themes.${theme}`, { defaultValue: theme });
}

export function BarometerNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const links = [
    { to: "/tillitsbarometern", label: t("barometer.nav.rounds") },
    ...(mayStartRounds(me) ? [{ to: "/tillitsbarometern/ny", label: t("barometer.nav.new") }] : []),
    ...(hasRole(me, "admin")
      ? [{ to: "/tillitsbarometern/installningar", label: t("barometer.nav.settings") }]
      : []),
  ];
  // Someone who can only answer and read results has one page here: no menu for it.
  if (links.length < 2) return null;
  return <SubNav label={t("barometer.nav.label")} links={links} />;
}
