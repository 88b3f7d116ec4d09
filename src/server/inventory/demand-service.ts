// A demand's life: proposed as new or registered as existing, changed, estimated by the people
// who report, used, weighed in a consequence analysis, decided, and retired. Each operation asks
// the policy, loads, lets model.ts judge, and writes with its audit entry in one transaction.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, type Lang, notFound, type Text } from "../core/errors.ts";
import { enforce, type Verdict } from "../core/verdict.ts";
import * as org from "../org/service.ts";
import {
  type AnalysisStatus,
  analysisDecisionReason,
  analysisEditable,
  analysisTransition,
  annualBurden,
  canActivate,
  canComment,
  canProposeRetirement,
  dateOfUse,
  dateOnly,
  demandChangeable,
  demandCodeFree,
  demandProblem,
  existingDemandStart,
  isDecision,
  missingAnalysisFields,
  reporterUnitIds,
  retirementDecision,
} from "./model.ts";
import * as policy from "./policy.ts";
import type {
  AnalysisFields,
  AnalysisTransitionInput,
  DemandFields,
  DemandInput,
  DemandPatch,
  RetirementDecisionInput,
  UseInput,
} from "./schemas.ts";
import { demandNotFound, lockedDemand, recordDemandUse, visibleDemand } from "./service.ts";
import type { DemandRow, NewDemand } from "./store.ts";
import * as store from "./store.ts";
import {
  analysisOf,
  asImported,
  type ChainContext,
  detail,
  estimateSummary,
  loadChain,
  toBurdenDemand,
} from "./views.ts";

const DEMAND = "inventory_demand";

// ---- proposing, registering and changing a demand

/**
 * A new demand starts as a draft that must pass the consequence analysis; an existing one — in
 * force when the inventory is taken — is registered as active, and audited as such.
 */
export async function createDemand(db: Db, actor: Actor, input: DemandInput, lang: Lang) {
  authorize(policy.manageDemands(actor));
  const { existing = false, ...fields } = input;
  checkFields(await loadChain(db, actor.tenantId), fields);
  if (existing) enforce(existingDemandStart(fields.startDate, dateOnly(new Date())), "body.startDate");
  await checkCode(db, actor.tenantId, fields.code);
  const row = await auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertDemand(tx, {
        ...toColumns(fields),
        tenantId: actor.tenantId,
        status: existing ? "active" : "draft",
        existing,
        activatedAt: existing ? new Date() : null,
        createdBy: actor.personId,
      }),
    (row) => ({
      action: existing ? "inventory.demand.register" : "inventory.demand.propose",
      targetType: DEMAND,
      targetId: row.id,
      summary: existing
        ? {
            sv: `Registrerade befintligt krav: ${row.title}`,
            en: `Registered an existing demand: ${row.title}`,
          }
        : { sv: `Föreslog nytt krav: ${row.title}`, en: `Proposed a new demand: ${row.title}` },
    }),
  );
  return detail(db, actor, row, lang);
}

export async function demandDetail(db: Db, actor: Actor, demandId: string, lang: Lang) {
  return detail(db, actor, await visibleDemand(db, actor, demandId), lang);
}

/** Changes a demand's fields, or puts a draft in force (`status: "active"`) once it has passed the gate. */
export async function updateDemand(db: Db, actor: Actor, demandId: string, patch: DemandPatch, lang: Lang) {
  await visibleDemand(db, actor, demandId);
  authorize(policy.manageDemands(actor));
  const { status, ...changes } = patch;
  const activating = status === "active";
  const context = await loadChain(db, actor.tenantId);
  const row = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const current = await lockedDemand(tx, actor, demandId);
      enforce(demandChangeable(current.status));
      const merged = { ...fromColumns(current), ...changes };
      checkFields(context, merged);
      if (changes.code !== undefined) await checkCode(tx, actor.tenantId, changes.code, current.id);
      if (activating) {
        const analysis = await store.getAnalysis(tx, current.id);
        enforce(
          canActivate(
            {
              status: current.status,
              requiredByLaw: merged.requiredByLaw ?? false,
              legalReference: merged.legalReference ?? null,
            },
            analysis?.status ?? null,
          ),
        );
      }
      return store.updateDemand(tx, current.id, {
        ...toColumns(merged),
        ...(activating ? { status: "active", activatedAt: new Date() } : {}),
      });
    },
    (updated) => ({
      action: activating ? "inventory.demand.activate" : "inventory.demand.update",
      targetType: DEMAND,
      targetId: updated.id,
      summary: activating
        ? { sv: `Satte kravet ${updated.title} i kraft`, en: `Put the demand ${updated.title} into force` }
        : { sv: `Ändrade kravet ${updated.title}`, en: `Changed the demand ${updated.title}` },
      details: { changed: Object.keys(patch) },
    }),
  );
  return detail(db, actor, row, lang);
}

/** What a demand must pass beyond its schema, answered as a 400 naming the field. */
function checkFields(context: ChainContext, fields: DemandFields): void {
  const problem = demandProblem(fields, context);
  if (problem) enforce(problem.verdict, `body.${problem.field}`);
}

async function checkCode(db: Db, tenantId: string, code: string | null | undefined, exceptId?: string) {
  if (code) enforce(demandCodeFree(await store.demandCodeTaken(db, tenantId, code, exceptId)), "body.code");
}

function toColumns(fields: DemandFields) {
  const { requester, ...rest } = fields;
  return {
    ...rest,
    requesterUnitId: "unitId" in requester ? requester.unitId : null,
    requesterActorId: "actorId" in requester ? requester.actorId : null,
    controlComponent: fields.controlComponent ?? "followup",
    frequencyKind: fields.frequencyKind ?? "periodic",
    dataFields: fields.dataFields ?? [],
    trust: fields.trust ?? {},
    requiredByLaw: fields.requiredByLaw ?? false,
  } satisfies Partial<NewDemand>;
}

/** A stored demand's fields: what an import compares, and the texts and judgements only the form writes. */
function fromColumns(row: DemandRow): DemandFields {
  return {
    ...asImported(row),
    description: row.description,
    controlComponent: row.controlComponent,
    // All of the reporters as stored (the import's shape leaves a population's role and unit out).
    reporters: row.reporters,
    trust: row.trust,
  };
}

// ---- estimates and uses

/**
 * A reporter's own answer to "how long does this take you?"; a new answer replaces the old. Not
 * audited: it is the person's own answer, kept with the demand and shown only as a median.
 */
export async function estimateDemand(db: Db, actor: Actor, demandId: string, minutes: number) {
  const row = await visibleDemand(db, actor, demandId);
  const units = await org.unitsByIds(db, actor.tenantId, reporterUnitIds(row.reporters));
  const paths = new Map(units.map((unit) => [unit.id, unit.path]));
  authorize(policy.estimateDemand(actor, row.reporters, paths));
  await store.saveEstimate(db, {
    tenantId: actor.tenantId,
    demandId: row.id,
    personId: actor.personId,
    minutes,
  });
  return estimateSummary(db, row.id, actor.personId);
}

/** Records by hand that the demand's information was used — in a decision, a dialogue, an action or a report. */
export async function recordUse(db: Db, actor: Actor, demandId: string, input: UseInput) {
  const row = await visibleDemand(db, actor, demandId);
  authorize(policy.mayRecordUses(actor));
  enforce(dateOfUse(input.usedOn, dateOnly(new Date())), "body.usedOn");
  const description = input.description.slice(0, 80);
  const use = await auditedTransaction(
    db,
    actor,
    (tx) =>
      recordDemandUse(tx, {
        tenantId: actor.tenantId,
        demandId: row.id,
        ...input,
        source: "manual",
        recordedBy: actor.personId,
      }),
    {
      action: "inventory.use.record",
      targetType: DEMAND,
      targetId: row.id,
      summary: {
        sv: `Registrerade användning av ${row.title}: ${description}`,
        en: `Recorded a use of ${row.title}: ${description}`,
      },
    },
  );
  return { id: use.id };
}

// ---- the consequence analysis

/** Writes the analysis's answers while the demand is a draft and the analysis undecided. */
export async function saveAnalysis(db: Db, actor: Actor, demandId: string, fields: AnalysisFields) {
  await visibleDemand(db, actor, demandId);
  authorize(policy.manageDemands(actor));
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await lockedDemand(tx, actor, demandId);
      const current = await store.getAnalysis(tx, row.id);
      enforce(analysisEditable(row.status, current?.status ?? null));
      await store.saveAnalysis(tx, { demandId: row.id, tenantId: actor.tenantId, ...fields });
      return row;
    },
    (row) => ({
      action: "inventory.analysis.update",
      targetType: DEMAND,
      targetId: row.id,
      summary: {
        sv: `Uppdaterade konsekvensanalysen för ${row.title}`,
        en: `Updated the consequence analysis for ${row.title}`,
      },
    }),
  );
  return savedAnalysis(db, demandId);
}

const requiredAnswer: Text = {
  sv: "Frågan behöver besvaras innan analysen beslutas.",
  en: "The question needs an answer before the analysis is decided.",
};

/**
 * Moves the analysis along its flow. Adopting or rejecting it is a decision — by the employer
 * side, with every question answered and a reason — and decides the demand too: adopted puts it
 * in force, rejected ends it for good.
 */
export async function transitionAnalysis(
  db: Db,
  actor: Actor,
  demandId: string,
  { to, reason }: AnalysisTransitionInput,
) {
  await visibleDemand(db, actor, demandId);
  const deciding = isDecision(to);
  authorize(deciding ? policy.decideDemands(actor) : policy.manageDemands(actor));
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await lockedDemand(tx, actor, demandId);
      const current = await store.getAnalysis(tx, row.id);
      enforce(analysisTransition(current?.status ?? "draft", to));
      if (deciding) {
        const missing = missingAnalysisFields(current ?? {});
        if (missing.length)
          throw badRequest(
            { sv: "Analysen har obesvarade frågor.", en: "The analysis has unanswered questions." },
            missing.map((field) => ({ path: `analysis.${field}`, message: requiredAnswer })),
          );
        enforce(analysisDecisionReason(to, reason), "body.reason");
      }
      await store.saveAnalysis(tx, {
        demandId: row.id,
        tenantId: actor.tenantId,
        status: to,
        ...(deciding
          ? {
              decisionReason: reason,
              decidedBy: actor.personId,
              decidedByName: actor.name,
              decidedAt: new Date(),
            }
          : {}),
      });
      if (deciding)
        await store.updateDemand(
          tx,
          row.id,
          to === "adopted" ? { status: "active", activatedAt: new Date() } : { status: "rejected" },
        );
      return row;
    },
    (row) => ({
      action: `inventory.analysis.${to}`,
      targetType: DEMAND,
      targetId: row.id,
      summary: analysisSummary(to, row.title, reason),
    }),
  );
  return savedAnalysis(db, demandId);
}

/** "Skickade konsekvensanalysen för X på samråd", with the decision's reason when there is one. */
function analysisSummary(to: AnalysisStatus, title: string, reason: string | null | undefined): Text {
  const because = reason ? ` (${reason.slice(0, 80)})` : "";
  const words: Record<AnalysisStatus, Text> = {
    draft: {
      sv: `Tog tillbaka konsekvensanalysen för ${title} från samråd`,
      en: `Took the consequence analysis for ${title} back from consultation`,
    },
    consultation: {
      sv: `Skickade konsekvensanalysen för ${title} på samråd`,
      en: `Put the consequence analysis for ${title} to consultation`,
    },
    adopted: {
      sv: `Beslutade att anta konsekvensanalysen för ${title}`,
      en: `Adopted the consequence analysis for ${title}`,
    },
    rejected: {
      sv: `Beslutade att avslå konsekvensanalysen för ${title}`,
      en: `Rejected the consequence analysis for ${title}`,
    },
  };
  return { sv: `${words[to].sv}${because}`, en: `${words[to].en}${because}` };
}

/**
 * A comment from the affected staff while the analysis is out for consultation. Not audited: the
 * comment itself is kept with the analysis under the commenter's name, and it changes nothing.
 */
export async function commentOnAnalysis(db: Db, actor: Actor, demandId: string, body: string) {
  const row = await visibleDemand(db, actor, demandId);
  authorize(policy.commentOnAnalysis(actor));
  const analysis = await store.getAnalysis(db, row.id);
  enforce(canComment(analysis?.status ?? null));
  const comment = await store.insertComment(db, {
    tenantId: actor.tenantId,
    demandId: row.id,
    personId: actor.personId,
    personName: actor.name,
    body,
  });
  return { id: comment.id };
}

/** The analysis as it stands after a change, which made sure it exists. */
async function savedAnalysis(db: Db, demandId: string) {
  const analysis = await analysisOf(db, demandId);
  if (!analysis) throw notFound(demandNotFound);
  return analysis;
}

// ---- retirement

/** Proposes to retire a demand in force; the decision is someone else's. */
export async function proposeRetirement(db: Db, actor: Actor, demandId: string, reason: string) {
  await visibleDemand(db, actor, demandId);
  authorize(policy.proposeRetirement(actor));
  const { proposal } = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await lockedDemand(tx, actor, demandId);
      enforce(canProposeRetirement(row.status, (await store.openRetirement(tx, row.id)) !== null));
      const proposal = await store.insertRetirement(tx, {
        tenantId: actor.tenantId,
        demandId: row.id,
        reason,
        proposedBy: actor.personId,
        proposedByName: actor.name,
      });
      return { row, proposal };
    },
    ({ row }) => ({
      action: "inventory.retirement.propose",
      targetType: DEMAND,
      targetId: row.id,
      summary: { sv: `Föreslog att ${row.title} avvecklas`, en: `Proposed to retire ${row.title}` },
    }),
  );
  return proposal;
}

/**
 * Approves or declines a retirement proposal. Approving ends the demand today and keeps the hours
 * and money it frees for the whole tenant, as they were on the day of the decision.
 */
export async function decideRetirement(
  db: Db,
  actor: Actor,
  proposalId: string,
  { to, reason }: RetirementDecisionInput,
) {
  authorize(policy.decideDemands(actor));
  const context = await loadChain(db, actor.tenantId);
  const { decided } = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const proposal = await store.getRetirement(tx, actor.tenantId, proposalId);
      if (!proposal) throw notFound({ sv: "Förslaget finns inte.", en: "The proposal does not exist." });
      const verdict = retirementDecision(proposal, to, reason ?? null);
      enforce(verdict, reasonField(verdict));
      const row = await lockedDemand(tx, actor, proposal.demandId);
      const freed = to === "approved" ? await freedByRetiring(tx, context, row) : null;
      if (to === "approved")
        await store.updateDemand(tx, row.id, { status: "retired", endDate: dateOnly(new Date()) });
      const decided = await store.decideRetirement(tx, proposal.id, {
        status: to,
        decidedBy: actor.personId,
        decidedByName: actor.name,
        decidedAt: new Date(),
        decisionReason: reason ?? null,
        freedHours: freed?.hours ?? null,
        freedCost: freed?.cost ?? null,
      });
      return { row, decided };
    },
    ({ row }) => ({
      action: `inventory.retirement.${to}`,
      targetType: DEMAND,
      targetId: row.id,
      summary:
        to === "approved"
          ? { sv: `Beslutade att avveckla ${row.title}`, en: `Decided to retire ${row.title}` }
          : {
              sv: `Avslog förslaget att avveckla ${row.title}`,
              en: `Declined the proposal to retire ${row.title}`,
            },
    }),
  );
  return decided;
}

/** What the demand costs the whole tenant a year — what retiring it frees — with the staff's estimates. */
async function freedByRetiring(tx: Db, context: ChainContext, row: DemandRow) {
  const estimates = (await store.estimatesOf(tx, row.id)).map((estimate) => estimate.minutes);
  return annualBurden(context.chain, context.settings, toBurdenDemand(row, context, estimates), {
    kind: "tenant",
  });
}

/** A missing reason is the field the person must fill in; any other refusal is about the proposal's state. */
const reasonField = (verdict: Verdict) =>
  !verdict.ok && verdict.refusal.code === "reason_required" ? "body.reason" : undefined;
