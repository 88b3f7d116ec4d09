// The inventory's operations: loads what the pure rules need, applies them, and checks every
// reference a demand makes against the tenant before anything is written.
import type { Role } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import { badRequest, type Lang } from "../core/errors.ts";
import * as orgStore from "../org/store.ts";
import {
  type BurdenDemand,
  type BurdenLine,
  buildChain,
  burdenLines,
  type Chain,
  type DemandKind,
  type DemandStatus,
  effectiveMinutes,
  type Focus,
  findDuplicates,
  type GroupBy,
  groupBurden,
  type InventorySettings,
  inventorySettings,
  isRemovalCandidate,
  isScope,
  type Purpose,
  peopleInFocus,
  perPerson,
  type Reporters,
  totalOf,
  type UseKind,
} from "./model.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";

// ---- the chain and the register, loaded once per request

export type ChainContext = {
  chain: Chain;
  units: Map<string, { id: string; path: string; name: string; code: string | null }>;
  actors: Map<string, { id: string; name: string }>;
  settings: InventorySettings;
};

export async function loadChain(db: Db, tenantId: string): Promise<ChainContext> {
  const [units, counts, actors, tenant] = await Promise.all([
    orgStore.chainUnits(db, tenantId),
    orgStore.memberCounts(db, tenantId),
    orgStore.listActors(db, tenantId),
    orgStore.getTenant(db, tenantId),
  ]);
  const direct = new Map<string, Partial<Record<Role, number>>>();
  for (const { unitId, role, n } of counts) direct.set(unitId, { ...direct.get(unitId), [role]: n });
  return {
    chain: buildChain(units, direct),
    units: new Map(units.map((unit) => [unit.id, unit])),
    actors: new Map(actors.map((actor) => [actor.id, { id: actor.id, name: actor.name }])),
    settings: inventorySettings((tenant?.settings as { inventory?: unknown } | undefined)?.inventory),
  };
}

const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

/** In force today: active, started, not ended. */
export function inForce(
  row: Pick<DemandRow, "status" | "startDate" | "endDate">,
  today = new Date(),
): boolean {
  const day = dateOnly(today);
  return (
    row.status === "active" &&
    (!row.startDate || row.startDate <= day) &&
    (!row.endDate || row.endDate >= day)
  );
}

export function requesterOf(
  row: Pick<DemandRow, "requesterActorId" | "requesterUnitId">,
  context: ChainContext,
) {
  if (row.requesterActorId) {
    const actor = context.actors.get(row.requesterActorId);
    return { type: "actor" as const, id: row.requesterActorId, name: actor?.name ?? "?" };
  }
  const unit = row.requesterUnitId ? context.units.get(row.requesterUnitId) : undefined;
  return { type: "unit" as const, id: row.requesterUnitId ?? "", name: unit?.name ?? "?" };
}

export function toBurdenDemand(
  row: store.BurdenRow,
  context: ChainContext,
  estimates: number[] = [],
): BurdenDemand {
  const requester = requesterOf(row, context);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as DemandKind,
    purpose: row.purpose as Purpose,
    requesterKey: `${requester.type}:${requester.id}`,
    requesterLabel: requester.name,
    reporters: row.reporters,
    frequencyPerYear: row.frequencyPerYear,
    minutes: effectiveMinutes(row.minutesPerOccurrence, estimates).minutes,
    hourlyCost: row.hourlyCost,
  };
}

/** The focus of a burden question: a unit's subtree, or the whole tenant. */
export function focusOf(context: ChainContext, unitId?: string | null): Focus {
  const unit = unitId ? context.chain.units.get(unitId) : undefined;
  return unit ? { kind: "subtree", unit } : { kind: "tenant" };
}

// ---- burden

export type BurdenQuery = { unitId?: string | null; groupBy: GroupBy | "unit" };

/** The register's burden in force today, for a unit's subtree or the tenant, grouped one way. */
export async function burden(db: Db, tenantId: string, query: BurdenQuery, lang: Lang = "sv") {
  const [context, rows, estimates] = await Promise.all([
    loadChain(db, tenantId),
    store.burdenRows(db, tenantId),
    store.estimatesByDemand(db, tenantId),
  ]);
  const demands = rows
    .filter((row) => inForce(row))
    .map((row) => toBurdenDemand(row, context, estimates.get(row.id)));
  return burdenOf(context, demands, query, lang);
}

export function burdenOf(context: ChainContext, demands: BurdenDemand[], query: BurdenQuery, lang: Lang) {
  const focus = focusOf(context, query.unitId);
  const lines = burdenLines(context.chain, context.settings, demands, focus);
  const total = totalOf(lines);
  const people = peopleInFocus(context.chain, focus);
  const groups =
    query.groupBy === "unit"
      ? unitGroups(context, demands, focus, lang)
      : labelGroups(demands, lines, query.groupBy, lang);
  return {
    totalHours: total.hours,
    totalCost: total.cost,
    people,
    perPerson: (({ hours, shareOfWorkingTime }) => ({ hours, shareOfWorkingTime }))(
      perPerson(total.hours, people, context.settings),
    ),
    groups,
  };
}

function labelGroups(demands: BurdenDemand[], lines: BurdenLine[], groupBy: GroupBy, lang: Lang) {
  const byId = new Map(demands.map((demand) => [demand.id, demand]));
  const requesterLabels = new Map(demands.map((demand) => [demand.requesterKey, demand.requesterLabel]));
  return groupBurden(lines, byId, groupBy).map((group) => ({
    ...group,
    label:
      groupBy === "requester"
        ? (requesterLabels.get(group.key) ?? group.key)
        : groupBy === "demand"
          ? (byId.get(group.key)?.title ?? group.key)
          : groupBy === "role"
            ? roleLabel(group.key, lang)
            : group.key,
  }));
}

/** The burden split over the focus's children (or the tenant's top units), plus the unit's own members. */
function unitGroups(context: ChainContext, demands: BurdenDemand[], focus: Focus, lang: Lang) {
  const parentPath = focus.kind === "tenant" ? "/" : focus.unit.path;
  const children = [...context.units.values()].filter(
    (unit) => unit.path.startsWith(parentPath) && unit.path.slice(parentPath.length).split("/").length === 2,
  );
  const parts = children.map((unit) => {
    const total = totalOf(burdenLines(context.chain, context.settings, demands, { kind: "subtree", unit }));
    return { key: unit.id, label: unit.name, ...total };
  });
  if (focus.kind !== "tenant") {
    const own = totalOf(
      burdenLines(context.chain, context.settings, demands, { kind: "own", unit: focus.unit }),
    );
    parts.push({
      key: "own",
      label: lang === "sv" ? "Enhetens egna medarbetare" : "The unit's own staff",
      ...own,
    });
  }
  return parts.filter((part) => part.hours > 0).sort((a, b) => b.hours - a.hours);
}

const ROLE_LABELS: Record<Lang, Record<Role | "unspecified", string>> = {
  sv: {
    employee: "medarbetare",
    manager: "chefer",
    director: "direktörer",
    politician: "politiker",
    analyst: "analytiker",
    admin: "administratörer",
    whistle_handler: "visselblåsarhandläggare",
    unspecified: "ej angiven roll",
  },
  en: {
    employee: "employees",
    manager: "managers",
    director: "directors",
    politician: "politicians",
    analyst: "analysts",
    admin: "administrators",
    whistle_handler: "whistleblowing handlers",
    unspecified: "role not given",
  },
};

export const roleLabel = (role: string, lang: Lang) =>
  ROLE_LABELS[lang][role as Role | "unspecified"] ?? role;

/** "chefer, medarbetare · Hemtjänst, Särskilt boende" or "20 personer (medarbetare)". */
export function reportersLabel(reporters: Reporters, context: ChainContext, lang: Lang): string {
  if (isScope(reporters)) {
    const units = reporters.unitIds.map((id) => context.units.get(id)?.name ?? "?");
    return `${reporters.roles.map((role) => roleLabel(role, lang)).join(", ")} · ${units.join(", ")}`;
  }
  const who = lang === "sv" ? "personer" : "people";
  const details = [
    reporters.role ? roleLabel(reporters.role, lang) : null,
    reporters.unitId ? context.units.get(reporters.unitId)?.name : null,
  ].filter(Boolean);
  return `${reporters.population} ${who}${details.length ? ` (${details.join(", ")})` : ""}`;
}

// ---- flags

/** Removal candidates and duplicates over the whole register in force today. */
export async function flags(db: Db, tenantId: string, today = new Date()) {
  const [context, rows, uses, estimates] = await Promise.all([
    loadChain(db, tenantId),
    store.listDemands(db, tenantId, ["active"]),
    store.usageSummary(db, tenantId),
    store.estimatesByDemand(db, tenantId),
  ]);
  return flagsOf(
    context,
    rows.filter((row) => inForce(row, today)),
    uses,
    estimates,
    today,
  );
}

export function flagsOf(
  context: ChainContext,
  rows: DemandRow[],
  uses: Map<string, { lastUsedOn: string | null; uses: number }>,
  estimates: Map<string, number[]>,
  today: Date,
) {
  const hours = new Map(
    rows.map((row) => [
      row.id,
      totalOf(
        burdenLines(context.chain, context.settings, [toBurdenDemand(row, context, estimates.get(row.id))], {
          kind: "tenant",
        }),
      ).hours,
    ]),
  );
  const removalCandidates = rows
    .filter((row) =>
      isRemovalCandidate(
        {
          status: row.status as DemandStatus,
          frequencyPerYear: row.frequencyPerYear,
          inForceSince: inForceSince(row),
        },
        lastUsed(uses.get(row.id)),
        today,
      ),
    )
    .map((row) => ({
      demandId: row.id,
      title: row.title,
      lastUsedOn: uses.get(row.id)?.lastUsedOn ?? null,
      hours: hours.get(row.id) ?? 0,
    }))
    .sort((a, b) => b.hours - a.hours);
  const titles = new Map(rows.map((row) => [row.id, row.title]));
  const duplicates = findDuplicates(
    context.chain,
    rows.map((row) => ({
      id: row.id,
      requesterKey: `${requesterOf(row, context).type}:${requesterOf(row, context).id}`,
      reporters: row.reporters,
      dataFields: row.dataFields,
    })),
  ).map((duplicate) => ({
    ...duplicate,
    titles: duplicate.demandIds.map((id) => titles.get(id) ?? "") as [string, string],
    units: duplicate.unitIds.map((id) => ({ id, name: context.units.get(id)?.name ?? "?" })),
  }));
  return { removalCandidates, duplicates };
}

/** A demand has been in force since its start date, its activation, or its registration. */
export function inForceSince(row: DemandRow): Date {
  if (row.startDate) return new Date(`${row.startDate}T00:00:00Z`);
  return row.activatedAt ?? row.createdAt;
}

const lastUsed = (summary: { lastUsedOn: string | null } | undefined) =>
  summary?.lastUsedOn ? new Date(`${summary.lastUsedOn}T00:00:00Z`) : null;

// ---- uses recorded by other modules

export type DemandUse = {
  tenantId: string;
  demandId: string;
  kind: UseKind;
  description: string;
  usedOn?: string;
  /** "manual", or the module that recorded it, e.g. "followup". */
  source: string;
  recordedBy: string | null;
};

/**
 * Records that a demand's information was used. Other modules call this when, say, an expectation
 * is followed up with an indicator from the inventory; the demand must belong to the tenant.
 */
export async function recordDemandUse(db: Db, use: DemandUse) {
  const row = await store.getDemand(db, use.tenantId, use.demandId);
  if (!row)
    throw badRequest({ sv: "Kravet finns inte.", en: "The demand does not exist." }, [
      { path: "demandId", message: "unknown demand" },
    ]);
  return store.insertUse(db, { ...use, usedOn: use.usedOn ?? dateOnly(new Date()) });
}

export { dateOnly };
