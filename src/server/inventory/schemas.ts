// The inventory API's request and response shapes (zod): the routes validate and answer with
// them, the services type their inputs and views by them, and the web app derives its types from
// them (`Wire<typeof demandSummary>`), so the three cannot drift apart.
import { z } from "zod";
import { ROLES } from "../core/access.ts";
import { IMPORT_STATUSES, jobProgress } from "../core/imports.ts";
import {
  ANALYSIS_STATUSES,
  CONTROL_COMPONENTS,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  FREQUENCY_KINDS,
  GROUP_BYS,
  PURPOSES,
  REGISTER_FLAGS,
  RETIREMENT_STATUSES,
  TRUST_DIMENSIONS,
  TRUST_POSITIONS,
  USE_KINDS,
} from "./model.ts";

export const id = z.uuid();
export const idParams = z.object({ id });
export const role = z.enum(ROLES);
export const day = z.iso.date();
export const text = (max: number) => z.string().trim().max(max);
export const optionalText = (max = 4000) => text(max).nullish();

export const scopeReporters = z.object({
  roles: z.array(role).min(1).max(ROLES.length),
  unitIds: z.array(id).min(1).max(200),
});
export const populationReporters = z.object({
  population: z.number().int().min(1).max(10_000_000),
  role: role.nullish(),
  unitId: id.nullish(),
});
export const reporters = z.union([scopeReporters, populationReporters]);
export const requester = z.union([z.object({ unitId: id }), z.object({ actorId: id })]);
export const trust = z.partialRecord(z.enum(TRUST_DIMENSIONS), z.enum(TRUST_POSITIONS));

const demandFields = {
  code: text(50).min(1).nullish(),
  title: text(200).min(1),
  description: optionalText(),
  kind: z.enum(DEMAND_KINDS),
  purpose: z.enum(PURPOSES),
  controlComponent: z.enum(CONTROL_COMPONENTS).optional(),
  requester,
  reporters,
  frequencyKind: z.enum(FREQUENCY_KINDS).optional(),
  frequencyPerYear: z.number().min(0).max(100_000),
  minutesPerOccurrence: z.number().positive().max(100_000),
  hourlyCost: z.number().positive().max(100_000).nullish(),
  requiredByLaw: z.boolean().optional(),
  legalReference: optionalText(500),
  dataFields: z.array(text(200).min(1)).max(100).optional(),
  recipients: optionalText(),
  decisionsInformed: optionalText(),
  startDate: day.nullish(),
  endDate: day.nullish(),
  trust: trust.optional(),
};
export const demandInput = z.object({ ...demandFields, existing: z.boolean().optional() });
export const demandPatch = z
  .object(demandFields)
  .partial()
  .extend({ status: z.literal("active").optional() });
export type DemandInput = z.infer<typeof demandInput>;
export type DemandPatch = z.infer<typeof demandPatch>;
/** A demand's fields as the rules and the columns see them, whether it is new or changed. */
export type DemandFields = Omit<DemandInput, "existing">;

/** The register's filters, as the register page's address carries them. */
export const registerQuery = z.object({
  status: z.enum([...DEMAND_STATUSES, "all"]).optional(),
  kind: z.enum(DEMAND_KINDS).optional(),
  purpose: z.enum(PURPOSES).optional(),
  requester: z.string().max(100).optional(),
  unitId: id.optional(),
  q: z.string().trim().max(200).optional(),
  flag: z.enum(REGISTER_FLAGS).optional(),
});
export const burdenQuery = z.object({
  unitId: id.optional(),
  groupBy: z.enum([...GROUP_BYS, "unit"]).default("role"),
});
/** The burden as CSV is grouped by requester unless asked otherwise: who asks for the most. */
export const burdenCsvQuery = burdenQuery.extend({
  groupBy: z.enum([...GROUP_BYS, "unit"]).default("requester"),
});
export type BurdenQuery = z.infer<typeof burdenQuery>;

export const estimateInput = z.object({ minutes: z.number().positive().max(100_000) });
export const useInput = z.object({
  kind: z.enum(USE_KINDS),
  description: text(2000).min(1),
  usedOn: day.optional(),
});
export type UseInput = z.infer<typeof useInput>;
export const analysisFields = z.object({
  purposeAndUsers: optionalText(),
  decisionsInformed: optionalText(),
  goalDisplacementRisk: optionalText(),
  discretionEffect: optionalText(),
  citizenValue: optionalText(),
  alternatives: optionalText(),
  staffConsulted: optionalText(),
});
export type AnalysisFields = z.infer<typeof analysisFields>;
export const analysisTransitionInput = z.object({
  to: z.enum(ANALYSIS_STATUSES),
  reason: optionalText(2000),
});
export type AnalysisTransitionInput = z.infer<typeof analysisTransitionInput>;
export const commentInput = z.object({ body: text(4000).min(1) });
export const retirementInput = z.object({ reason: text(2000).min(1) });
export const retirementDecisionInput = z.object({
  to: z.enum(["approved", "declined"]),
  reason: optionalText(2000),
});
export type RetirementDecisionInput = z.infer<typeof retirementDecisionInput>;
const amount = z.number().positive().max(100_000);
/**
 * A change to the inventory's slice of the tenant's settings (`settings.inventory`): only the keys
 * given change, each role's hourly cost on its own.
 */
export const settingsPatch = z.object({
  hourlyCost: z.partialRecord(role, amount).optional(),
  defaultHourlyCost: amount.optional(),
  annualWorkingHours: z.number().min(100).max(8784).optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatch>;
export const newInventoryImport = z.object({ csv: z.string().min(1).max(5_000_000) });
export type NewInventoryImport = z.infer<typeof newInventoryImport>;

export const money = z.number();
export const demandSummary = z.object({
  id,
  code: z.string().nullable(),
  title: z.string(),
  kind: z.enum(DEMAND_KINDS),
  purpose: z.enum(PURPOSES),
  controlComponent: z.enum(CONTROL_COMPONENTS),
  status: z.enum(DEMAND_STATUSES),
  existing: z.boolean(),
  requester: z.object({ type: z.enum(["unit", "actor"]), id: z.string(), name: z.string() }),
  reporters: z.union([scopeReporters, populationReporters]),
  reportersLabel: z.string(),
  reporterUnits: z.array(z.object({ id, name: z.string() })),
  frequencyKind: z.enum(FREQUENCY_KINDS),
  frequencyPerYear: z.number(),
  minutes: z.object({ minutes: z.number(), source: z.enum(["analyst", "staff"]), answers: z.number() }),
  reporterCount: z.number(),
  hours: z.number(),
  cost: money,
  hoursPerMonth: z.number(),
  requiredByLaw: z.boolean(),
  legalReference: z.string().nullable(),
  decisionsInformed: z.string().nullable(),
  recipients: z.string().nullable(),
  lastUsedOn: z.string().nullable(),
  useCount: z.number(),
  removalCandidate: z.boolean(),
  duplicate: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
export const analysisView = z.object({
  status: z.enum(ANALYSIS_STATUSES),
  purposeAndUsers: z.string().nullable(),
  decisionsInformed: z.string().nullable(),
  goalDisplacementRisk: z.string().nullable(),
  discretionEffect: z.string().nullable(),
  citizenValue: z.string().nullable(),
  alternatives: z.string().nullable(),
  staffConsulted: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  missing: z.array(z.string()),
  comments: z.array(z.object({ id, personName: z.string(), body: z.string(), createdAt: z.date() })),
});
export const retirementView = z.object({
  id,
  status: z.enum(RETIREMENT_STATUSES),
  reason: z.string(),
  proposedByName: z.string().nullable(),
  proposedAt: z.date(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionReason: z.string().nullable(),
  freedHours: z.number().nullable(),
  freedCost: z.number().nullable(),
});
export const estimatesView = z.object({
  answers: z.number(),
  median: z.number().nullable(),
  mine: z.number().nullable(),
});
export const demandDetail = demandSummary.extend({
  description: z.string().nullable(),
  dataFields: z.array(z.string()),
  hourlyCost: z.number().nullable(),
  minutesPerOccurrence: z.number(),
  trust,
  createdAt: z.date(),
  activatedAt: z.date().nullable(),
  estimates: estimatesView,
  canEstimate: z.boolean(),
  canManage: z.boolean(),
  canDecide: z.boolean(),
  canRecordUse: z.boolean(),
  uses: z.array(
    z.object({
      id,
      kind: z.enum(USE_KINDS),
      description: z.string(),
      usedOn: z.string(),
      source: z.string(),
      recordedByName: z.string().nullable(),
    }),
  ),
  analysis: analysisView.nullable(),
  retirements: z.array(retirementView),
  duplicates: z.array(z.object({ demandId: id, title: z.string(), fields: z.array(z.string()) })),
});
export const burdenView = z.object({
  totalHours: z.number(),
  totalCost: money,
  people: z.number(),
  perPerson: z.object({ hours: z.number(), shareOfWorkingTime: z.number() }),
  groups: z.array(z.object({ key: z.string(), label: z.string(), hours: z.number(), cost: money })),
});
const positionShares = z.object({
  traditional: z.number(),
  both: z.number(),
  trust: z.number(),
  unplaced: z.number(),
});
export const profileView = z.object({
  totalHours: z.number(),
  dimensions: z.array(
    z.object({ dimension: z.enum(TRUST_DIMENSIONS), hours: positionShares, shares: positionShares }),
  ),
});
export const settingsView = z.object({
  hourlyCost: z.object(
    Object.fromEntries(ROLES.map((r) => [r, z.number()])) as Record<(typeof ROLES)[number], z.ZodNumber>,
  ),
  defaultHourlyCost: z.number(),
  annualWorkingHours: z.number(),
});
export const unitQuery = z.object({ unitId: id.optional() });

export const registerView = z.object({
  demands: z.array(demandSummary),
  totals: z.object({ count: z.number(), hours: z.number(), cost: money }),
});
export const myDemandsView = z.array(demandSummary.extend({ myEstimate: z.number().nullable() }));
export const createdView = z.object({ id });
export const flagsView = z.object({
  removalCandidates: z.array(
    z.object({ demandId: id, title: z.string(), lastUsedOn: z.string().nullable(), hours: z.number() }),
  ),
  duplicates: z.array(
    z.object({
      demandIds: z.tuple([id, id]),
      titles: z.tuple([z.string(), z.string()]),
      fields: z.array(z.string()),
      roles: z.array(role.nullable()),
      units: z.array(z.object({ id, name: z.string() })),
    }),
  ),
});
export const freedView = z.object({
  annualHours: z.number(),
  annualCost: money,
  soFarThisYear: z.object({ hours: z.number(), cost: money }),
  demands: z.array(
    z.object({
      demandId: id,
      title: z.string(),
      endDate: z.string().nullable(),
      annualHours: z.number(),
      annualCost: money,
    }),
  ),
});
const importCounts = z.object({
  rows: z.number(),
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
});
export const preparedInventoryImport = z.object({ id: z.uuid(), preview: importCounts });
export const committedInventoryImport = z.object({ jobId: z.number() });
/** An import as the page following it polls it: its status, its job's progress, and what it wrote. */
export const inventoryImportDetail = z.object({
  id: z.uuid(),
  status: z.enum(IMPORT_STATUSES),
  createdAt: z.date(),
  preview: importCounts,
  /** The counts written, once it succeeded; the bad lines (`errors`, `total`) or `error` when it failed. */
  result: z
    .union([
      importCounts.extend({ completedAt: z.string() }),
      z.object({
        errors: z.array(z.object({ line: z.number(), message: z.string() })),
        total: z.number(),
      }),
      z.object({ error: z.string() }),
    ])
    .nullable(),
  jobId: z.number().nullable(),
  job: jobProgress.nullable(),
});
