// What the inventory's pages are shown, built from store rows: the chain and the register loaded
// once per request, and from them the summary and detail of a demand, the burden and the flags.
// No rules about what may change live here — those are model.ts's — and no access decisions.
import type { z } from "zod";
import type { Actor, Role } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import type { Lang } from "../core/errors.ts";
import * as org from "../org/service.ts";
import type { ImportedDemand } from "./import-model.ts";
import {
  annualBurden,
  type BurdenDemand,
  type BurdenLine,
  type BurdenLoad,
  buildChain,
  burdenLines,
  type Chain,
  effectiveMinutes,
  type Focus,
  findDuplicates,
  type GroupBy,
  groupLoadLines,
  type InventorySettings,
  inForce,
  inventorySettings,
  isRemovalCandidate,
  isScope,
  loadLines,
  median,
  missingAnalysisFields,
  peopleInFocus,
  perPerson,
  type RegisterEntry,
  type Reporters,
  reporterUnitIds,
  totalOf,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { analysisView, BurdenQuery, demandDetail, demandSummary } from "./schemas.ts";
import type { BurdenRow, DemandRow } from "./store.ts";
import * as store from "./store.ts";

// ---- the chain, loaded once per request

export type ChainContext = {
  chain: Chain;
  units: Map<string, { id: string; path: string; name: string; code: string | null }>;
  actors: Map<string, { id: string; name: string }>;
  settings: InventorySettings;
};

export async function loadChain(db: Db, tenantId: string): Promise<ChainContext> {
  const [units, counts, actors, tenant] = await Promise.all([
    org.chainUnits(db, tenantId),
    org.memberCounts(db, tenantId),
    org.listActors(db, tenantId),
    org.getTenant(db, tenantId),
  ]);
  const direct = new Map<string, Partial<Record<Role, number>>>();
  for (const { unitId, role, n } of counts) direct.set(unitId, { ...direct.get(unitId), [role]: n });
  return {
    chain: buildChain(units, direct),
    units: new Map(units.map((unit) => [unit.id, unit])),
    actors: new Map(actors.map((actor) => [actor.id, { id: actor.id, name: actor.name }])),
    settings: settingsOf(tenant?.settings),
  };
}

/** The inventory's settings over the defaults, read from the tenant's settings. */
export function settingsOf(tenantSettings: unknown): InventorySettings {
  const slice =
    typeof tenantSettings === "object" && tenantSettings !== null && "inventory" in tenantSettings
      ? tenantSettings.inventory
      : undefined;
  return inventorySettings(slice);
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

export const requesterOfRow = (row: DemandRow): ImportedDemand["requester"] =>
  row.requesterActorId ? { actorId: row.requesterActorId } : { unitId: row.requesterUnitId ?? "" };

/** A stored demand in the shape an import line takes, so the two can be compared. */
export function asImported(row: DemandRow): Omit<ImportedDemand, "line"> {
  return {
    code: row.code,
    title: row.title,
    kind: row.kind,
    purpose: row.purpose,
    requester: requesterOfRow(row),
    reporters: "roles" in row.reporters ? row.reporters : { population: row.reporters.population },
    frequencyKind: row.frequencyKind,
    frequencyPerYear: row.frequencyPerYear,
    minutesPerOccurrence: row.minutesPerOccurrence,
    hourlyCost: row.hourlyCost,
    requiredByLaw: row.requiredByLaw,
    legalReference: row.legalReference,
    dataFields: row.dataFields,
    recipients: row.recipients,
    decisionsInformed: row.decisionsInformed,
    startDate: row.startDate,
    endDate: row.endDate,
  };
}

/** `unit:<id>` or `actor:<id>`: the key the register filters and groups requesters by. */
export function requesterKeyOf(
  row: Pick<DemandRow, "requesterActorId" | "requesterUnitId">,
  context: ChainContext,
) {
  const requester = requesterOf(row, context);
  return `${requester.type}:${requester.id}`;
}

export function toBurdenDemand(
  row: BurdenRow,
  context: ChainContext,
  estimates: number[] = [],
): BurdenDemand {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    purpose: row.purpose,
    requesterKey: requesterKeyOf(row, context),
    requesterLabel: requesterOf(row, context).name,
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

const roleLabel = (role: Role | "unspecified", lang: Lang) => ROLE_LABELS[lang][role];

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

// ---- burden

/**
 * The burden of the demands in force for a unit's subtree or the tenant, grouped one way, from the
 * store's sums of them (`store.burdenLoads`, summed by the same grouping).
 */
export function burdenView(context: ChainContext, loads: BurdenLoad[], query: BurdenQuery, lang: Lang) {
  const focus = focusOf(context, query.unitId);
  const lines = loadLines(context.chain, context.settings, loads, focus);
  const total = totalOf(lines);
  const people = peopleInFocus(context.chain, focus);
  const groups =
    query.groupBy === "unit"
      ? unitGroups(context, loads, focus, lang)
      : labelGroups(context, loads, lines, query.groupBy, lang);
  const { hours, shareOfWorkingTime } = perPerson(total.hours, people, context.settings);
  return {
    totalHours: total.hours,
    totalCost: total.cost,
    people,
    perPerson: { hours, shareOfWorkingTime },
    groups,
  };
}

function labelGroups(
  context: ChainContext,
  loads: BurdenLoad[],
  lines: (BurdenLine & { key: string })[],
  groupBy: GroupBy,
  lang: Lang,
) {
  const titles = new Map(loads.map((load) => [load.key, load.label]));
  const roleLabels: Readonly<Record<string, string>> = ROLE_LABELS[lang];
  const labelOf = (key: string) => {
    if (groupBy === "requester") return requesterLabelOf(key, context);
    if (groupBy === "demand") return titles.get(key);
    if (groupBy === "role") return roleLabels[key];
    return undefined;
  };
  return groupLoadLines(lines, groupBy).map((group) => ({
    ...group,
    label: labelOf(group.key) ?? group.key,
  }));
}

/** The name behind a requester key (`requesterKeyOf`), as `requesterOf` names it. */
function requesterLabelOf(key: string, context: ChainContext): string {
  const [type, id] = key.split(":");
  return requesterOf(
    type === "actor"
      ? { requesterActorId: id, requesterUnitId: null }
      : { requesterActorId: null, requesterUnitId: id },
    context,
  ).name;
}

/** The burden split over the focus's children (or the tenant's top units), plus the unit's own members. */
function unitGroups(context: ChainContext, loads: BurdenLoad[], focus: Focus, lang: Lang) {
  const parentPath = focus.kind === "tenant" ? "/" : focus.unit.path;
  const children = [...context.units.values()].filter(
    (unit) => unit.path.startsWith(parentPath) && unit.path.slice(parentPath.length).split("/").length === 2,
  );
  // Only what lands inside the focus can land on a child: the rest is left out before the
  // per-child sums (a mid-level unit's children would otherwise each go through the whole register).
  const inFocus = loads.filter(
    (load) => loadLines(context.chain, context.settings, [load], focus).length > 0,
  );
  const parts = children.map((unit) => {
    const total = totalOf(loadLines(context.chain, context.settings, inFocus, { kind: "subtree", unit }));
    return { key: unit.id, label: unit.name, ...total };
  });
  if (focus.kind !== "tenant") {
    const own = totalOf(
      loadLines(context.chain, context.settings, inFocus, { kind: "own", unit: focus.unit }),
    );
    parts.push({
      key: "own",
      label: lang === "sv" ? "Enhetens egna medarbetare" : "The unit's own staff",
      ...own,
    });
  }
  return parts.filter((part) => part.hours > 0).sort((a, b) => b.hours - a.hours);
}

// ---- flags

/** Removal candidates and duplicates among the demands in force. */
function flagsOf(
  context: ChainContext,
  rows: DemandRow[],
  uses: Map<string, { lastUsedOn: string | null; uses: number }>,
  estimates: Map<string, number[]>,
  today: Date,
) {
  const hours = new Map(
    rows.map((row) => [
      row.id,
      annualBurden(context.chain, context.settings, toBurdenDemand(row, context, estimates.get(row.id)), {
        kind: "tenant",
      }).hours,
    ]),
  );
  const removalCandidates = rows
    .filter((row) =>
      isRemovalCandidate(
        { status: row.status, frequencyPerYear: row.frequencyPerYear, inForceSince: inForceSince(row) },
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
      requesterKey: requesterKeyOf(row, context),
      reporters: row.reporters,
      dataFields: row.dataFields,
    })),
  ).map(({ demandIds, fields, roles, unitIds }) => ({
    demandIds,
    titles: [titles.get(demandIds[0]) ?? "", titles.get(demandIds[1]) ?? ""] satisfies [string, string],
    fields,
    roles,
    units: unitIds.map((id) => ({ id, name: context.units.get(id)?.name ?? "?" })),
  }));
  return { removalCandidates, duplicates };
}

/** A demand has been in force since its start date, its activation, or its registration. */
function inForceSince(row: DemandRow): Date {
  if (row.startDate) return new Date(`${row.startDate}T00:00:00Z`);
  return row.activatedAt ?? row.createdAt;
}

const lastUsed = (summary: { lastUsedOn: string | null } | undefined) =>
  summary?.lastUsedOn ? new Date(`${summary.lastUsedOn}T00:00:00Z`) : null;

// ---- the register

export type Register = Awaited<ReturnType<typeof loadRegister>>;

/** Everything the register's views need, loaded in one go. */
export async function loadRegister(db: Db, tenantId: string) {
  const [context, rows, uses, estimates] = await Promise.all([
    loadChain(db, tenantId),
    store.listDemands(db, tenantId),
    store.usageSummary(db, tenantId),
    store.estimatesByDemand(db, tenantId),
  ]);
  const today = new Date();
  const flags = flagsOf(
    context,
    rows.filter((row) => inForce(row, today)),
    uses,
    estimates,
    today,
  );
  return {
    context,
    rows,
    uses,
    estimates,
    flags,
    removal: new Set(flags.removalCandidates.map((item) => item.demandId)),
    duplicated: new Set(flags.duplicates.flatMap((item) => item.demandIds)),
    burdenDemand: (row: BurdenRow) => toBurdenDemand(row, context, estimates.get(row.id)),
  };
}

export type DemandSummary = z.infer<typeof demandSummary>;

/** A demand as the register lists it; with a unit, its reporters and burden are those inside that unit. */
export function summarise(register: Register, row: DemandRow, lang: Lang, unitId?: string): DemandSummary {
  const { context } = register;
  const lines = burdenLines(
    context.chain,
    context.settings,
    [register.burdenDemand(row)],
    focusOf(context, unitId),
  );
  const total = totalOf(lines);
  const use = register.uses.get(row.id);
  const unitIds = reporterUnitIds(row.reporters);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    kind: row.kind,
    purpose: row.purpose,
    controlComponent: row.controlComponent,
    status: row.status,
    existing: row.existing,
    requester: requesterOf(row, context),
    reporters: row.reporters,
    reportersLabel: reportersLabel(row.reporters, context, lang),
    reporterUnits: unitIds.map((unitId) => ({ id: unitId, name: context.units.get(unitId)?.name ?? "?" })),
    frequencyKind: row.frequencyKind,
    frequencyPerYear: row.frequencyPerYear,
    minutes: effectiveMinutes(row.minutesPerOccurrence, register.estimates.get(row.id) ?? []),
    reporterCount: lines.reduce((sum, line) => sum + line.reporters, 0),
    hours: total.hours,
    cost: total.cost,
    hoursPerMonth: total.hours / 12,
    requiredByLaw: row.requiredByLaw,
    legalReference: row.legalReference,
    decisionsInformed: row.decisionsInformed,
    recipients: row.recipients,
    lastUsedOn: use?.lastUsedOn ?? null,
    useCount: use?.uses ?? 0,
    removalCandidate: register.removal.has(row.id),
    duplicate: register.duplicated.has(row.id),
    startDate: row.startDate,
    endDate: row.endDate,
  };
}

/** A demand's line in the register as its filters see it, with the summary it is listed as. */
export function registerEntry(
  register: Register,
  row: DemandRow,
  summary: DemandSummary,
): RegisterEntry & { summary: DemandSummary } {
  return {
    status: row.status,
    kind: row.kind,
    purpose: row.purpose,
    requesterKey: requesterKeyOf(row, register.context),
    text: `${row.title} ${row.code ?? ""} ${row.description ?? ""}`,
    reporterCount: summary.reporterCount,
    removalCandidate: summary.removalCandidate,
    duplicate: summary.duplicate,
    summary,
  };
}

/** Unit id → path, for deciding who reports for a demand. */
export const unitPathsOf = (context: ChainContext) =>
  new Map([...context.units.values()].map((unit) => [unit.id, unit.path]));

export async function detail(
  db: Db,
  actor: Actor,
  row: DemandRow,
  lang: Lang,
): Promise<z.infer<typeof demandDetail>> {
  const register = await loadRegister(db, actor.tenantId);
  const [uses, analysis, retirements, estimates] = await Promise.all([
    store.usesOf(db, row.id),
    analysisOf(db, row.id),
    store.retirementsOf(db, row.id),
    estimateSummary(db, row.id, actor.personId),
  ]);
  const people = new Map(
    (
      await org.peopleByIds(
        db,
        actor.tenantId,
        uses.flatMap((use) => use.recordedBy ?? []),
      )
    ).map((p) => [p.id, p.name]),
  );
  const titles = new Map(register.rows.map((other) => [other.id, other.title]));
  return {
    ...summarise(register, row, lang),
    description: row.description,
    dataFields: row.dataFields,
    hourlyCost: row.hourlyCost,
    minutesPerOccurrence: row.minutesPerOccurrence,
    trust: row.trust,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
    estimates,
    canEstimate: inForce(row) && policy.isReporter(actor, row.reporters, unitPathsOf(register.context)),
    canManage: policy.manageDemands(actor).allowed,
    canDecide: policy.decideDemands(actor).allowed,
    canRecordUse: policy.mayRecordUses(actor).allowed,
    uses: uses.map((use) => ({
      ...use,
      recordedByName: use.recordedBy ? (people.get(use.recordedBy) ?? null) : null,
    })),
    analysis,
    retirements,
    duplicates: register.flags.duplicates
      .filter((duplicate) => duplicate.demandIds.includes(row.id))
      .map((duplicate) => {
        const other = duplicate.demandIds[0] === row.id ? duplicate.demandIds[1] : duplicate.demandIds[0];
        return { demandId: other, title: titles.get(other) ?? "", fields: duplicate.fields };
      }),
  };
}

export async function analysisOf(db: Db, demandId: string): Promise<z.infer<typeof analysisView> | null> {
  const row = await store.getAnalysis(db, demandId);
  if (!row) return null;
  const comments = await store.commentsOf(db, demandId);
  return {
    ...row,
    missing: missingAnalysisFields(row),
    comments: comments.map(({ id, personName, body, createdAt }) => ({ id, personName, body, createdAt })),
  };
}

export async function estimateSummary(db: Db, demandId: string, personId: string) {
  const rows = await store.estimatesOf(db, demandId);
  return {
    answers: rows.length,
    median: median(rows.map((row) => row.minutes)),
    mine: rows.find((row) => row.personId === personId)?.minutes ?? null,
  };
}
