// What the inventory's pages share: number and date formats, the module's own navigation,
// the flags a demand carries, and the shared look-ups of units and external actors.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { get } from "../../api.ts";
import { hasRole, useMe } from "../../auth.ts";
import type { DemandSummary, ExternalActor, Me, UnitListItem } from "../../types.ts";
import { TableWrap } from "../../ui.tsx";

export {
  ANALYSIS_STATUSES,
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  PURPOSES,
  REQUIRED_ANALYSIS_FIELDS,
  TRUST_DIMENSIONS,
  TRUST_POSITIONS,
  USE_KINDS,
} from "../../../server/inventory/model.ts";

/** The analysis questions in the order they are asked. */
export const ANALYSIS_FIELDS = [
  "purposeAndUsers",
  "decisionsInformed",
  "goalDisplacementRisk",
  "discretionEffect",
  "citizenValue",
  "alternatives",
  "staffConsulted",
] as const;

const TIME_ZONE = "Europe/Stockholm";

/** Numbers, money and dates the way Swedish readers expect them (en-GB in English). */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "sv-SE";
  return useMemo(() => {
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
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
    /** Small numbers keep a decimal, so 0.4 hours is not shown as 0. */
    const number = (value: number) => (Math.abs(value) < 10 ? oneDecimal : whole).format(value);
    return {
      number,
      whole: (value: number) => whole.format(value),
      hours: (value: number) => t("inventory.format.hours", { value: number(value) }),
      money: (value: number) => sek.format(value),
      percent: (share: number) => (share > 0 && share < 0.01 ? percentFine : percent).format(share),
      minutes: (value: number) => {
        if (value < 60) return t("inventory.format.minutes", { value: number(value) });
        const hours = Math.floor(value / 60);
        const rest = Math.round(value % 60);
        return rest
          ? t("inventory.format.hoursMinutes", { hours: whole.format(hours), minutes: rest })
          : t("inventory.format.hours", { value: whole.format(hours) });
      },
      /** A calendar day (YYYY-MM-DD) as a date in Sweden. */
      day: (value: string) => day.format(new Date(`${value}T12:00:00Z`)),
      moment: (value: string) => moment.format(new Date(value)),
    };
  }, [locale, t]);
}
export type Format = ReturnType<typeof useFormat>;

/** Who may change the register and who may decide, as the server's policy says (the server checks again). */
export function useInventoryRights(me: Me | null | undefined) {
  return {
    canManage: hasRole(me, "analyst") || hasRole(me, "admin"),
    canDecide: hasRole(me, "director") || hasRole(me, "politician") || hasRole(me, "admin"),
  };
}

/** The inventory's own pages, shown above each of them. */
export function InventoryNav() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { canManage } = useInventoryRights(me);
  const links: [string, string][] = [
    ["/inventering", t("inventory.nav.register")],
    ["/inventering/belastning", t("inventory.nav.burden")],
    ["/inventering/min-enhet", t("inventory.nav.myUnit")],
  ];
  if (canManage) links.push(["/inventering/import", t("inventory.nav.import")]);
  return (
    <nav className="sub-nav" aria-label={t("inventory.nav.label")}>
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

/** "Removal candidate", "duplicate" and the status when it is not the usual one. */
export function DemandBadges({
  demand,
  showStatus = false,
}: {
  demand: DemandSummary;
  showStatus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {showStatus || demand.status !== "active" ? (
        <span className={`badge badge-demand-${demand.status}`}>
          {t(`inventory.statuses.${demand.status}`)}
        </span>
      ) : null}
      {demand.removalCandidate ? (
        <span className="badge badge-flag">{t("inventory.flags.removalShort")}</span>
      ) : null}
      {demand.duplicate ? (
        <span className="badge badge-flag">{t("inventory.flags.duplicateShort")}</span>
      ) : null}
    </>
  );
}

/** Units the person can see, in tree order with their depth, for pickers. */
export function useUnitOptions() {
  const units = useQuery({ queryKey: ["units", ""], queryFn: () => get<UnitListItem[]>("/api/units") });
  const options = useMemo(() => treeOrder(units.data ?? []), [units.data]);
  return { ...units, options };
}

export function treeOrder(units: UnitListItem[]) {
  const active = units.filter((unit) => unit.active);
  const ids = new Set(active.map((unit) => unit.id));
  const children = new Map<string | null, UnitListItem[]>();
  for (const unit of active) {
    // A unit whose parent the person cannot see starts a tree of its own.
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

/** A unit's name indented by its depth, for an <option>. */
export const indented = (name: string, depth: number) => `${"\u00a0\u00a0".repeat(depth)}${name}`;

export function useActors() {
  return useQuery({ queryKey: ["actors"], queryFn: () => get<ExternalActor[]>("/api/actors") });
}

/** Field errors from a 400 answer, by the last part of their path ("body.reporters.unitIds.0" → "reporters"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const details = (error as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return {};
  const errors: Record<string, string> = {};
  for (const issue of details as { path?: string; message?: string }[]) {
    if (!issue.path || !issue.message) continue;
    const parts = issue.path.split(".").filter((part) => part !== "body" && !/^\d+$/.test(part));
    for (let i = parts.length; i > 0; i--) errors[parts.slice(0, i).join(".")] ??= issue.message;
  }
  return errors;
}

/**
 * A table in a scrollable region whose caption stays readable on a narrow screen: the caption is
 * shown above the region at the region's width (a real caption would be as wide as the table and
 * scroll out of sight), and kept as the table's caption for assistive technology.
 */
export function CaptionedTable({
  caption,
  className,
  children,
}: {
  caption: string;
  className?: string;
  children: ReactNode;
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
    </TableWrap>
  );
}
