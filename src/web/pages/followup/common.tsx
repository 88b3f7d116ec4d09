// What the follow-up pages share: formats, the module's navigation, the badges that name a state,
// the query keys the pages refresh together, and who holds the employer side over a unit.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { useMe } from "../../auth.ts";
import type { Me, Role, UnitListItem } from "../../types.ts";
import { Field } from "../../ui.tsx";
import { indented, useUnitOptions } from "../inventory/common.tsx";
import type { Action, ActionState, ExpectationState } from "./types.ts";

export {
  ACTION_STATES,
  ADDRESSEES,
  AGENDA,
  actionTransition,
  DIALOGUE_PAIRS,
  ENTRY_KINDS,
  FOLLOWUP_METHODS,
  isUpwardRequest,
  PHASES,
} from "../../../server/followup/model.ts";

const TIME_ZONE = "Europe/Stockholm";

/** Dates, times and numbers as Swedish readers expect them (en-GB in English), in Swedish time. */
export function useFollowupFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: TIME_ZONE });
    const moment = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: TIME_ZONE,
    });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const number = (value: number) => (Math.abs(value) < 10 ? decimal : whole).format(value);
    return {
      /** A calendar day (YYYY-MM-DD) as a date in Sweden. */
      day: (value: string) => day.format(new Date(`${value}T12:00:00Z`)),
      moment: (value: string) => moment.format(new Date(value)),
      number,
      whole: (value: number) => whole.format(value),
      days: (value: number) => t("followup.format.days", { count: value, value: whole.format(value) }),
      /** A time in hours as days with one decimal: requests are answered in days. */
      inDays: (hours: number) => decimal.format(hours / 24),
      daysShort: (days: number) => t("followup.format.daysShort", { value: decimal.format(days) }),
    };
  }, [locale, t]);
}
export type FollowupFormat = ReturnType<typeof useFollowupFormat>;

/** Today as YYYY-MM-DD in Sweden, for date fields' defaults. */
export function todayInSweden(offsetDays = 0) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE }).format(date);
}

/** The roles that answer requests from below (policy.ts's ANSWERING_ROLE); others have nothing waiting on them. */
const ANSWERING_ROLES: readonly Role[] = ["manager", "director", "politician", "analyst"];
export const answersRequests = (me: Me | null | undefined) =>
  !!me?.roles.some((role) => ANSWERING_ROLES.includes(role.role));

/** The follow-up module's own pages, shown above each of them. */
export function FollowupNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const links: [string, string][] = [
    ["/uppfoljning", t("followup.nav.start")],
    ...(answersRequests(me)
      ? [["/uppfoljning/vantar-pa-oss", t("followup.nav.waiting")] as [string, string]]
      : []),
    ["/uppfoljning/svarstider", t("followup.nav.responsiveness")],
    ["/uppfoljning/dialoger", t("followup.nav.dialogues")],
  ];
  return (
    <nav className="sub-nav fu-nav no-print" aria-label={t("followup.nav.label")}>
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <Link
              to={to}
              activeOptions={{ exact: to === "/uppfoljning" }}
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

export function ExpectationBadge({ state }: { state: ExpectationState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge fu-badge fu-expectation-${state}`}>
      {t(`followup.expectationStates.${state}`)}
    </span>
  );
}

export function ActionBadge({ action }: { action: Pick<Action, "state" | "upward"> }) {
  const { t } = useTranslation();
  const label =
    action.state === "proposed" && action.upward
      ? t("followup.actionStates.awaitingAnswer")
      : t(`followup.actionStates.${action.state}`);
  return <span className={`badge fu-badge fu-action-${action.state}`}>{label}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="badge fu-badge fu-overdue">{t("followup.actions.overdue")}</span>;
}

/** Every follow-up query: a change anywhere refreshes the unit page, the lists and the figures. */
export const FOLLOWUP_KEY = ["followup"] as const;

export function useRefreshFollowup() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: FOLLOWUP_KEY }), [queryClient]);
}

export function useUnits() {
  return useQuery({ queryKey: ["units", ""], queryFn: () => get<UnitListItem[]>("/api/units") });
}

const EMPLOYER_ROLES: readonly Role[] = ["manager", "director", "politician"];

/**
 * Whether the signed-in person holds a manager, director or board role on a unit or above it, as
 * the server's policy says (the server checks again). Used to offer the steps that carry an action on.
 */
export function useEmployerSide() {
  const me = useMe().data;
  const units = useUnits();
  return useCallback(
    (unitId: string) => {
      if (!me) return false;
      const held = new Set(me.roles.filter((r) => EMPLOYER_ROLES.includes(r.role)).map((r) => r.unitId));
      const parents = new Map((units.data ?? []).map((unit) => [unit.id, unit.parentId]));
      let current: string | null | undefined = unitId;
      for (let depth = 0; current && depth < 50; depth++) {
        if (held.has(current)) return true;
        current = parents.get(current);
      }
      return false;
    },
    [me, units.data],
  );
}

/** The order an action list is read in: what needs doing first, finished last. */
export const STATE_ORDER: Record<ActionState, number> = {
  proposed: 0,
  accepted: 1,
  in_progress: 2,
  done: 3,
  evaluated: 4,
  declined: 5,
};

/** Text that keeps the writer's line breaks. */
export function Prose({ text, className }: { text: string | null | undefined; className?: string }) {
  if (!text) return null;
  return <p className={`fu-prewrap ${className ?? ""}`.trim()}>{text}</p>;
}

/** A unit to narrow a page to, or the whole of what the person sees. */
export function UnitPicker({
  value,
  onChange,
  label,
  hint,
  allLabel,
}: {
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
  label: string;
  hint?: string;
  allLabel: string;
}) {
  const units = useUnitOptions();
  return (
    <Field label={label} hint={hint}>
      {(props) => (
        <select
          {...props}
          value={value ?? ""}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">{allLabel}</option>
          {units.options.map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {indented(unit.name, depth)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The `?enhet=` search parameter the module's lists are narrowed by. */
export type UnitSearch = { enhet?: string };
export const unitSearch = (search: Record<string, unknown>): UnitSearch => ({
  enhet: typeof search.enhet === "string" && /^[0-9a-f-]{36}$/i.test(search.enhet) ? search.enhet : undefined,
});
