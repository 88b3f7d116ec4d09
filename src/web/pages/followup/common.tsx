// What the follow-up pages share: the module's navigation, the badges that name a state, the query
// keys the pages refresh together, who answers requests and who holds the employer side over a unit.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../auth.ts";
import { indented, isWithin } from "../../tree.ts";
import type { Me, Role } from "../../types.ts";
import { SelectField, SubNav } from "../../ui.tsx";
import { useUnitOptions, useUnits } from "../org/queries.ts";
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

/**
 * The follow-up's query keys. Every key starts with "followup": a change anywhere refreshes the
 * unit page, the lists and the figures (`followupKeys.all`).
 */
export const followupKeys = {
  all: ["followup"] as const,
  unit: (unitId: string) => ["followup", "unit", unitId] as const,
  entries: (unitId: string) => ["followup", "entries", unitId] as const,
  /** The requests waiting on the reader's level, page by page. */
  waiting: ["followup", "waiting", "list"] as const,
  /** Only how many wait and how many of them are overdue, for the start page. */
  waitingCount: ["followup", "waiting", "count"] as const,
  responsiveness: (unitId: string | undefined) => ["followup", "responsiveness", unitId ?? ""] as const,
  dialogues: (unitId: string | undefined) => ["followup", "dialogues", unitId ?? ""] as const,
  dialogue: (dialogueId: string) => ["followup", "dialogue", dialogueId] as const,
};

export function useRefreshFollowup() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: followupKeys.all }), [queryClient]);
}

/** The roles that answer requests from below (policy.ts's ANSWERING_ROLE); others have nothing waiting on them. */
const ANSWERING_ROLES: readonly Role[] = ["manager", "director", "politician", "analyst"];
export const answersRequests = (me: Me | null | undefined) =>
  !!me?.roles.some((role) => ANSWERING_ROLES.includes(role.role));

/** The follow-up module's own pages, shown above each of them. */
export function FollowupNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const links = [
    { to: "/uppfoljning", label: t("followup.nav.start") },
    ...(answersRequests(me)
      ? [{ to: "/uppfoljning/vantar-pa-oss", label: t("followup.nav.waiting"), exact: false }]
      : []),
    { to: "/uppfoljning/svarstider", label: t("followup.nav.responsiveness"), exact: false },
    { to: "/uppfoljning/dialoger", label: t("followup.nav.dialogues"), exact: false },
  ];
  return <SubNav label={t("followup.nav.label")} links={links} className="fu-nav no-print" />;
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
      return isWithin(units.data ?? [], unitId, held);
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

/** "Takes about N minutes": every form says what it costs (trust by design). */
export function TimeHint({ text }: { text: string }) {
  return <p className="fu-time">{text}</p>;
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
    <SelectField
      label={label}
      hint={hint}
      value={value ?? ""}
      onChange={(unitId) => onChange(unitId || undefined)}
      placeholder={allLabel}
      allowEmpty
      options={units.options.map(({ unit, depth }) => [unit.id, indented(unit.name, depth)])}
    />
  );
}
