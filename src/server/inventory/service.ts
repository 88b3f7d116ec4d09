// The inventory's use cases for the register as a whole — the list and its filters, burden, trust
// profile, flags, freed hours, a reporter's own demands, the settings — and what other modules
// call: `recordDemandUse` and `demandExists`. A demand's own life (proposal, analysis, decision,
// retirement) is in demand-service.ts, the CSV import and exports in csv-service.ts.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, type Lang, notFound, type Text } from "../core/errors.ts";
import * as org from "../org/service.ts";
import {
  dateOnly,
  filterRegister,
  freedHours,
  groupLoadLines,
  type InventorySettings,
  inForce,
  loadLines,
  type RegisterFilter,
  totalOf,
  trustProfile,
  type UseKind,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { BurdenQuery, SettingsPatch } from "./schemas.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";
import {
  burdenView,
  type ChainContext,
  focusOf,
  loadChain,
  loadRegister,
  registerEntry,
  settingsOf,
  summarise,
  toBurdenDemand,
  unitPathsOf,
} from "./views.ts";

export const demandNotFound: Text = { sv: "Kravet finns inte.", en: "The demand does not exist." };
const unitNotFound: Text = { sv: "Enheten finns inte.", en: "The unit does not exist." };

// ---- access: what the actor may see, or it does not exist for them

/** The demand, if the actor may see it; otherwise it does not exist for them. */
export async function visibleDemand(db: Db, actor: Actor, demandId: string): Promise<DemandRow> {
  const row = await store.getDemand(db, actor.tenantId, demandId);
  if (!row) throw notFound(demandNotFound);
  authorize(policy.viewDemand(actor, row), demandNotFound);
  return row;
}

/** The demand locked for the rest of the transaction, so two changes to it cannot cross. */
export async function lockedDemand(tx: Db, actor: Actor, demandId: string): Promise<DemandRow> {
  const row = await store.lockDemand(tx, actor.tenantId, demandId);
  if (!row) throw notFound(demandNotFound);
  return row;
}

/** A unit whose burden the actor may see; otherwise it does not exist for them. */
export function visibleUnit(context: ChainContext, actor: Actor, unitId: string): void {
  const unit = context.units.get(unitId);
  if (!unit) throw notFound(unitNotFound);
  authorize(policy.viewUnitBurden(actor, { ...unit, tenantId: actor.tenantId }), unitNotFound);
}

// ---- the register

/** The register filtered as asked, each demand's burden inside the asked-about unit, and the totals. */
export async function listRegister(db: Db, actor: Actor, filter: RegisterFilter, lang: Lang) {
  authorize(policy.viewRegister(actor));
  const register = await loadRegister(db, actor.tenantId);
  if (filter.unitId) visibleUnit(register.context, actor, filter.unitId);
  const entries = register.rows.map((row) =>
    registerEntry(register, row, summarise(register, row, lang, filter.unitId)),
  );
  const demands = filterRegister(entries, filter).map((entry) => entry.summary);
  return { demands, totals: { count: demands.length, ...totalOf(demands) } };
}

/** The demands in force the actor reports for, with the actor's own estimate of each. */
export async function myDemands(db: Db, actor: Actor, lang: Lang) {
  authorize(policy.viewRegister(actor));
  const [register, mine] = await Promise.all([
    loadRegister(db, actor.tenantId),
    store.myEstimates(db, actor.personId),
  ]);
  const paths = unitPathsOf(register.context);
  return register.rows
    .filter((row) => inForce(row) && policy.isReporter(actor, row.reporters, paths))
    .map((row) => ({ ...summarise(register, row, lang), myEstimate: mine.get(row.id) ?? null }));
}

/** The burden in force today, for a unit's subtree or the tenant, grouped one way. */
export async function burden(db: Db, actor: Actor, query: BurdenQuery, lang: Lang) {
  authorize(policy.viewRegister(actor));
  // The demands are summed in the database (store.burdenLoads): this is the page that must stay
  // fast for thousands of demands over tens of thousands of people.
  const [context, loads] = await Promise.all([
    loadChain(db, actor.tenantId),
    store.burdenLoads(db, actor.tenantId, { today: dateOnly(new Date()), groupBy: query.groupBy }),
  ]);
  if (query.unitId) visibleUnit(context, actor, query.unitId);
  return burdenView(context, loads, query, lang);
}

/** Where follow-up in force sits on the seven trust dimensions, weighted by its hours in the focus. */
export async function profile(db: Db, actor: Actor, unitId: string | undefined) {
  authorize(policy.viewRegister(actor));
  const today = dateOnly(new Date());
  const [context, loads, placements] = await Promise.all([
    loadChain(db, actor.tenantId),
    store.burdenLoads(db, actor.tenantId, { today, groupBy: "demand" }),
    store.placementsInForce(db, actor.tenantId, today),
  ]);
  if (unitId) visibleUnit(context, actor, unitId);
  const lines = loadLines(context.chain, context.settings, loads, focusOf(context, unitId));
  const hours = new Map(groupLoadLines(lines, "demand").map((group) => [group.key, group.hours]));
  return trustProfile(hours, placements);
}

/** Removal candidates and duplicates over the whole register in force today. */
export async function flags(db: Db, actor: Actor) {
  authorize(policy.viewRegister(actor));
  return (await loadRegister(db, actor.tenantId)).flags;
}

/** What the retired demands give back inside the focus, a year and so far this year. */
export async function freed(db: Db, actor: Actor, unitId: string | undefined) {
  authorize(policy.viewRegister(actor));
  // Only the retired demands: the register in force and its flags are not needed here.
  const [context, rows, estimates] = await Promise.all([
    loadChain(db, actor.tenantId),
    store.listDemands(db, actor.tenantId, ["retired"]),
    store.estimatesByDemand(db, actor.tenantId),
  ]);
  if (unitId) visibleUnit(context, actor, unitId);
  const retired = rows.map((row) => ({
    demand: toBurdenDemand(row, context, estimates.get(row.id)),
    endDate: row.endDate,
  }));
  return freedHours(context.chain, context.settings, retired, focusOf(context, unitId), new Date());
}

// ---- settings

export async function settings(db: Db, actor: Actor): Promise<InventorySettings> {
  authorize(policy.viewSettings(actor));
  return settingsOf((await org.getTenant(db, actor.tenantId))?.settings);
}

/**
 * Changes the inventory's slice of the tenant's settings. Each key is merged into what is stored
 * in the UPDATE itself (each role's hourly cost on its own), so two administrators — or another
 * module changing its own slice — at the same moment both keep their change.
 */
export async function updateSettings(db: Db, actor: Actor, patch: SettingsPatch): Promise<InventorySettings> {
  authorize(policy.manageSettings(actor));
  const { hourlyCost, ...rest } = patch;
  return auditedTransaction(
    db,
    actor,
    async (tx) => {
      if (Object.keys(rest).length) await org.mergeTenantSettings(tx, actor.tenantId, ["inventory"], rest);
      if (hourlyCost)
        await org.mergeTenantSettings(tx, actor.tenantId, ["inventory", "hourlyCost"], hourlyCost);
      return settingsOf((await org.getTenant(tx, actor.tenantId))?.settings);
    },
    {
      action: "inventory.settings.update",
      targetType: "tenant",
      targetId: actor.tenantId,
      summary: {
        sv: "Ändrade inventeringens inställningar (timkostnader, arbetstid)",
        en: "Changed the inventory's settings (hourly costs, working time)",
      },
      details: patch,
    },
  );
}

// ---- what other modules call

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
 * is followed up with an indicator from the inventory; the demand must belong to the tenant. It
 * writes through the `db` it is given, so the caller's transaction and audit entry cover it.
 */
export async function recordDemandUse(db: Db, use: DemandUse) {
  const row = await store.getDemand(db, use.tenantId, use.demandId);
  if (!row) throw badRequest(demandNotFound, [{ path: "demandId", message: demandNotFound }]);
  return store.insertUse(db, { ...use, usedOn: use.usedOn ?? dateOnly(new Date()) });
}

/** Whether the demand is in the tenant's inventory: other modules check a reference before storing it. */
export async function demandExists(db: Db, tenantId: string, demandId: string): Promise<boolean> {
  return (await store.getDemand(db, tenantId, demandId)) !== null;
}
