// What the inventory's pages are shown: a register loaded once per request, and the summary and
// detail of a demand built from it.
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import { type Lang, notFound } from "../core/errors.ts";
import * as orgStore from "../org/store.ts";
import {
  type AnalysisStatus,
  burdenLines,
  type DemandStatus,
  effectiveMinutes,
  median,
  missingAnalysisFields,
  totalOf,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { analysisView, demandDetail, retirementView } from "./schemas.ts";
import {
  flagsOf,
  focusOf,
  inForce,
  loadChain,
  reportersLabel,
  requesterOf,
  toBurdenDemand,
} from "./service.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";

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
    burdenDemand: (row: DemandRow) => toBurdenDemand(row, context, estimates.get(row.id)),
  };
}

export function summarise(register: Register, row: DemandRow, lang: Lang, unitId?: string) {
  const { context } = register;
  const lines = burdenLines(
    context.chain,
    context.settings,
    [register.burdenDemand(row)],
    focusOf(context, unitId),
  );
  const total = totalOf(lines);
  const use = register.uses.get(row.id);
  const unitIds =
    "unitIds" in row.reporters ? row.reporters.unitIds : row.reporters.unitId ? [row.reporters.unitId] : [];
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    kind: row.kind,
    purpose: row.purpose,
    controlComponent: row.controlComponent,
    status: row.status as DemandStatus,
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

export async function detail(
  db: Db,
  actor: Actor,
  row: DemandRow,
  lang: Lang,
): Promise<z.infer<typeof demandDetail>> {
  const register = await loadRegister(db, actor.tenantId);
  const paths = new Map([...register.context.units.values()].map((unit) => [unit.id, unit.path]));
  const [uses, analysis, retirements, estimates] = await Promise.all([
    store.usesOf(db, row.id),
    analysisOf(db, row.id),
    store.retirementsOf(db, row.id),
    estimateSummary(db, row.id, actor.personId),
  ]);
  const people = new Map(
    (
      await orgStore.peopleByIds(
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
    canEstimate: inForce(row) && policy.isReporter(actor, row.reporters, paths),
    canManage: policy.manageDemands(actor).allowed,
    canDecide: policy.decideDemands(actor).allowed,
    canRecordUse: policy.mayRecordUses(actor).allowed,
    uses: uses.map((use) => ({
      ...use,
      recordedByName: use.recordedBy ? (people.get(use.recordedBy) ?? null) : null,
    })),
    analysis,
    retirements: retirements as z.infer<typeof retirementView>[],
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
    status: row.status as AnalysisStatus,
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

const unitNotFound = { sv: "Enheten finns inte.", en: "The unit does not exist." };

/** A unit whose burden the actor may see; otherwise it does not exist for them. */
export async function requireVisibleUnit(db: Db, actor: Actor, unitId: string) {
  const unit = await orgStore.getUnit(db, actor.tenantId, unitId);
  if (!unit?.active) throw notFound(unitNotFound);
  authorize(policy.viewUnitBurden(actor, unit), unitNotFound);
}
