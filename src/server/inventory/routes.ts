import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { badRequest, conflict, fieldError, notFound } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import * as orgStore from "../org/store.ts";
import { checkCode, checkDemand, fromColumns, refuseUnless, toColumns, unitNotFound } from "./checks.ts";
import {
  ANALYSIS_STATUSES,
  type AnalysisStatus,
  analysisTransition,
  burdenLines,
  canActivate,
  DEMAND_KINDS,
  DEMAND_STATUSES,
  type DemandStatus,
  freedSoFar,
  GROUP_BYS,
  missingAnalysisFields,
  PURPOSES,
  type Reporters,
  retirementDecision,
  totalOf,
  trustProfile,
  USE_KINDS,
} from "./model.ts";
import * as policy from "./policy.ts";
import {
  analysisView,
  burdenView,
  day,
  demandDetail,
  demandInput,
  demandPatch,
  demandSummary,
  id,
  idParams,
  money,
  optionalText,
  profileView,
  retirementView,
  role,
  settingsView,
  text,
  unitQuery,
} from "./schemas.ts";
import {
  burden,
  type ChainContext,
  dateOnly,
  focusOf,
  inForce,
  loadChain,
  recordDemandUse,
  requesterOf,
  toBurdenDemand,
} from "./service.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";
import { analysisOf, detail, estimateSummary, loadRegister, requireVisibleUnit, summarise } from "./views.ts";

// ---- schemas

const demandNotFound = { sv: "Kravet finns inte.", en: "The demand does not exist." };
const tags = ["inventory"];

/** The follow-up inventory over HTTP: the register, burden, trust profile, analysis and retirement. */
export async function inventoryRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.get(
    "/api/inventory/demands",
    {
      schema: {
        tags,
        querystring: z.object({
          status: z.enum([...DEMAND_STATUSES, "all"]).optional(),
          kind: z.enum(DEMAND_KINDS).optional(),
          purpose: z.enum(PURPOSES).optional(),
          requester: z.string().max(100).optional(),
          unitId: id.optional(),
          q: z.string().trim().max(200).optional(),
          flag: z.enum(["removal", "duplicate"]).optional(),
        }),
        response: {
          200: z.object({
            demands: z.array(demandSummary),
            totals: z.object({ count: z.number(), hours: z.number(), cost: money }),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { query } = request;
      const register = await loadRegister(db, actor.tenantId);
      if (query.unitId) await visibleUnit(register.context, actor, query.unitId);
      const statuses: readonly DemandStatus[] =
        query.status === "all" ? DEMAND_STATUSES : [query.status ?? "active"];
      const needle = query.q?.toLocaleLowerCase("sv-SE");
      const summaries = register.rows
        .filter((row) => statuses.includes(row.status as DemandStatus))
        .filter((row) => !query.kind || row.kind === query.kind)
        .filter((row) => !query.purpose || row.purpose === query.purpose)
        .filter(
          (row) =>
            !query.requester ||
            `${requesterOf(row, register.context).type}:${requesterOf(row, register.context).id}` ===
              query.requester,
        )
        .filter(
          (row) =>
            !needle ||
            `${row.title} ${row.code ?? ""} ${row.description ?? ""}`
              .toLocaleLowerCase("sv-SE")
              .includes(needle),
        )
        .map((row) => summarise(register, row, request.lang, query.unitId))
        .filter((summary) => !query.unitId || summary.reporterCount > 0)
        .filter((summary) => query.flag !== "removal" || summary.removalCandidate)
        .filter((summary) => query.flag !== "duplicate" || summary.duplicate);
      return {
        demands: summaries,
        totals: { count: summaries.length, ...totalOf(summaries) },
      };
    },
  );

  app.post(
    "/api/inventory/demands",
    { schema: { tags, body: demandInput, response: { 201: demandDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(policy.manageDemands(actor));
      const { existing, ...input } = request.body;
      const context = await loadChain(db, actor.tenantId);
      checkDemand(context, input);
      if (existing && input.startDate && input.startDate > dateOnly(new Date()))
        throw fieldError("body.startDate", {
          sv: "Ett krav som redan gäller kan inte börja i framtiden. Föreslå det som nytt krav i stället.",
          en: "A demand already in force cannot start in the future. Propose it as a new demand instead.",
        });
      await checkCode(db, actor.tenantId, input.code);
      const row = await db.transaction(async (tx) => {
        const row = await store.insertDemand(tx, {
          ...toColumns(input),
          tenantId: actor.tenantId,
          status: existing ? "active" : "draft",
          existing: existing ?? false,
          activatedAt: existing ? new Date() : null,
          createdBy: actor.personId,
        });
        await auditAction(tx, actor, {
          action: existing ? "inventory.demand.register" : "inventory.demand.propose",
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `${existing ? "Registrerade befintligt krav" : "Föreslog nytt krav"}: ${row.title}`,
        });
        return row;
      });
      reply.code(201);
      return detail(db, actor, row, request.lang);
    },
  );

  app.get(
    "/api/inventory/demands/:id",
    { schema: { tags, params: idParams, response: { 200: demandDetail } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await visibleDemand(db, actor, request.params.id);
      return detail(db, actor, row, request.lang);
    },
  );

  app.patch(
    "/api/inventory/demands/:id",
    { schema: { tags, params: idParams, body: demandPatch, response: { 200: demandDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await visibleDemand(db, actor, request.params.id);
      authorize(policy.manageDemands(actor));
      const { status, ...changes } = request.body;
      const context = await loadChain(db, actor.tenantId);
      const row = await db.transaction(async (tx) => {
        const current = await lockedDemand(tx, actor, request.params.id);
        if (current.status === "retired" || current.status === "rejected")
          throw conflict({
            sv: "Ett avslutat eller avslaget krav kan inte ändras.",
            en: "A retired or rejected demand cannot be changed.",
          });
        const merged = { ...fromColumns(current), ...changes };
        checkDemand(context, merged);
        if (changes.code !== undefined) await checkCode(tx, actor.tenantId, changes.code, current.id);
        if (status === "active") {
          const analysisRow = await store.getAnalysis(tx, current.id);
          refuseUnless(
            canActivate(
              {
                status: current.status as DemandStatus,
                requiredByLaw: merged.requiredByLaw ?? false,
                legalReference: merged.legalReference ?? null,
              },
              (analysisRow?.status as AnalysisStatus | undefined) ?? null,
            ),
          );
        }
        const updated = await store.updateDemand(tx, current.id, {
          ...toColumns(merged),
          ...(status === "active" ? { status: "active", activatedAt: new Date() } : {}),
        });
        await auditAction(tx, actor, {
          action: status === "active" ? "inventory.demand.activate" : "inventory.demand.update",
          targetType: "inventory_demand",
          targetId: current.id,
          summary: `${status === "active" ? "Satte i kraft" : "Ändrade"} krav: ${updated.title}`,
          details: { changed: Object.keys(request.body) },
        });
        return updated;
      });
      return detail(db, actor, row, request.lang);
    },
  );

  app.post(
    "/api/inventory/demands/:id/estimates",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ minutes: z.number().positive().max(100_000) }),
        response: {
          200: z.object({ answers: z.number(), median: z.number().nullable(), mine: z.number().nullable() }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await visibleDemand(db, actor, request.params.id);
      authorize(
        policy.estimateDemand(actor, row.reporters, await unitPaths(db, actor.tenantId, row.reporters)),
      );
      await store.saveEstimate(db, {
        tenantId: actor.tenantId,
        demandId: row.id,
        personId: actor.personId,
        minutes: request.body.minutes,
      });
      return estimateSummary(db, row.id, actor.personId);
    },
  );

  app.post(
    "/api/inventory/demands/:id/uses",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ kind: z.enum(USE_KINDS), description: text(2000).min(1), usedOn: day.optional() }),
        response: { 201: z.object({ id }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await visibleDemand(db, actor, request.params.id);
      authorize(policy.mayRecordUses(actor));
      if (request.body.usedOn && request.body.usedOn > dateOnly(new Date()))
        throw fieldError("body.usedOn", {
          sv: "Datumet ligger i framtiden.",
          en: "The date is in the future.",
        });
      const use = await db.transaction(async (tx) => {
        const use = await recordDemandUse(tx, {
          tenantId: actor.tenantId,
          demandId: row.id,
          ...request.body,
          source: "manual",
          recordedBy: actor.personId,
        });
        await auditAction(tx, actor, {
          action: "inventory.use.record",
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `Registrerade användning av ${row.title}: ${request.body.description.slice(0, 80)}`,
        });
        return use;
      });
      reply.code(201);
      return { id: use.id };
    },
  );

  const analysisFields = z.object({
    purposeAndUsers: optionalText(),
    decisionsInformed: optionalText(),
    goalDisplacementRisk: optionalText(),
    discretionEffect: optionalText(),
    citizenValue: optionalText(),
    alternatives: optionalText(),
    staffConsulted: optionalText(),
  });

  app.put(
    "/api/inventory/demands/:id/analysis",
    { schema: { tags, params: idParams, body: analysisFields, response: { 200: analysisView } } },
    async (request) => {
      const actor = requireActor(request);
      await visibleDemand(db, actor, request.params.id);
      authorize(policy.manageDemands(actor));
      await db.transaction(async (tx) => {
        const row = await lockedDemand(tx, actor, request.params.id);
        if (row.status !== "draft")
          throw conflict({
            sv: "Analysen görs innan kravet börjar gälla; kravet är inte längre ett utkast.",
            en: "The analysis is made before the demand takes effect; the demand is no longer a draft.",
          });
        const current = await store.getAnalysis(tx, row.id);
        if (current && current.status !== "draft" && current.status !== "consultation")
          throw conflict({ sv: "Analysen är redan beslutad.", en: "The analysis has already been decided." });
        await store.saveAnalysis(tx, { demandId: row.id, tenantId: actor.tenantId, ...request.body });
        await auditAction(tx, actor, {
          action: "inventory.analysis.update",
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `Uppdaterade konsekvensanalysen för ${row.title}`,
        });
      });
      return (await analysisOf(db, request.params.id))!;
    },
  );

  app.post(
    "/api/inventory/demands/:id/analysis/transition",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ to: z.enum(ANALYSIS_STATUSES), reason: optionalText(2000) }),
        response: { 200: analysisView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await visibleDemand(db, actor, request.params.id);
      const { to, reason } = request.body;
      const deciding = to === "adopted" || to === "rejected";
      authorize(deciding ? policy.decideDemands(actor) : policy.manageDemands(actor));
      await db.transaction(async (tx) => {
        const row = await lockedDemand(tx, actor, request.params.id);
        const current = await store.getAnalysis(tx, row.id);
        refuseUnless(analysisTransition((current?.status as AnalysisStatus | undefined) ?? "draft", to));
        if (deciding) {
          const missing = missingAnalysisFields(current ?? {});
          if (missing.length)
            throw badRequest(
              { sv: "Analysen har obesvarade frågor.", en: "The analysis has unanswered questions." },
              missing.map((field) => ({ path: `analysis.${field}`, message: "required" })),
            );
          if (!reason?.trim())
            throw fieldError("body.reason", {
              sv: "Motivera beslutet.",
              en: "Give the reason for the decision.",
            });
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
        await auditAction(tx, actor, {
          action: `inventory.analysis.${to}`,
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `Konsekvensanalysen för ${row.title}: ${to}${reason ? ` (${reason.slice(0, 80)})` : ""}`,
        });
      });
      return (await analysisOf(db, request.params.id))!;
    },
  );

  app.post(
    "/api/inventory/demands/:id/analysis/comments",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ body: text(4000).min(1) }),
        response: { 201: z.object({ id }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await visibleDemand(db, actor, request.params.id);
      const current = await store.getAnalysis(db, row.id);
      if (current?.status !== "consultation")
        throw conflict({
          sv: "Synpunkter lämnas medan analysen är ute på samråd.",
          en: "Comments are given while the analysis is in consultation.",
        });
      const comment = await store.insertComment(db, {
        tenantId: actor.tenantId,
        demandId: row.id,
        personId: actor.personId,
        personName: actor.name,
        body: request.body.body,
      });
      reply.code(201);
      return { id: comment.id };
    },
  );

  app.post(
    "/api/inventory/demands/:id/retirements",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ reason: text(2000).min(1) }),
        response: { 201: retirementView },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await visibleDemand(db, actor, request.params.id);
      authorize(policy.mayRecordUses(actor));
      const proposal = await db.transaction(async (tx) => {
        const row = await lockedDemand(tx, actor, request.params.id);
        if (row.status !== "active")
          throw conflict({
            sv: "Bara ett gällande krav kan avvecklas.",
            en: "Only a demand in force can be retired.",
          });
        if (await store.openRetirement(tx, row.id))
          throw conflict({
            sv: "Det finns redan ett förslag om avveckling som väntar på beslut.",
            en: "A retirement proposal is already waiting for a decision.",
          });
        const proposal = await store.insertRetirement(tx, {
          tenantId: actor.tenantId,
          demandId: row.id,
          reason: request.body.reason,
          proposedBy: actor.personId,
          proposedByName: actor.name,
        });
        await auditAction(tx, actor, {
          action: "inventory.retirement.propose",
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `Föreslog avveckling av ${row.title}`,
        });
        return proposal;
      });
      reply.code(201);
      return proposal as z.infer<typeof retirementView>;
    },
  );

  app.post(
    "/api/inventory/retirements/:id/decision",
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ to: z.enum(["approved", "declined"]), reason: optionalText(2000) }),
        response: { 200: retirementView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.decideDemands(actor));
      const { to, reason } = request.body;
      const context = await loadChain(db, actor.tenantId);
      return db.transaction(async (tx) => {
        const proposal = await store.getRetirement(tx, actor.tenantId, request.params.id);
        if (!proposal) throw notFound({ sv: "Förslaget finns inte.", en: "The proposal does not exist." });
        const verdict = retirementDecision({ status: proposal.status as "proposed" }, to, reason ?? null);
        if (!verdict.ok && verdict.refusal.code === "reason_required")
          throw fieldError("body.reason", verdict.refusal);
        refuseUnless(verdict);
        const row = await lockedDemand(tx, actor, proposal.demandId);
        const freed =
          to === "approved"
            ? totalOf(
                burdenLines(
                  context.chain,
                  context.settings,
                  [
                    toBurdenDemand(
                      row,
                      context,
                      (await store.estimatesOf(tx, row.id)).map((e) => e.minutes),
                    ),
                  ],
                  { kind: "tenant" },
                ),
              )
            : null;
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
        await auditAction(tx, actor, {
          action: `inventory.retirement.${to}`,
          targetType: "inventory_demand",
          targetId: row.id,
          summary: `${to === "approved" ? "Beslutade att avveckla" : "Avslog avveckling av"} ${row.title}`,
        });
        return decided as z.infer<typeof retirementView>;
      });
    },
  );

  app.get(
    "/api/inventory/burden",
    {
      schema: {
        tags,
        querystring: z.object({
          unitId: id.optional(),
          groupBy: z.enum([...GROUP_BYS, "unit"]).default("role"),
        }),
        response: { 200: burdenView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unitId, groupBy } = request.query;
      if (unitId) await requireVisibleUnit(db, actor, unitId);
      return burden(db, actor.tenantId, { unitId, groupBy }, request.lang);
    },
  );

  app.get(
    "/api/inventory/profile",
    { schema: { tags, querystring: unitQuery, response: { 200: profileView } } },
    async (request) => {
      const actor = requireActor(request);
      const register = await loadRegister(db, actor.tenantId);
      if (request.query.unitId) await visibleUnit(register.context, actor, request.query.unitId);
      const focus = focusOf(register.context, request.query.unitId);
      const inForceRows = register.rows.filter((row) => inForce(row));
      const lines = burdenLines(
        register.context.chain,
        register.context.settings,
        inForceRows.map((row) => register.burdenDemand(row)),
        focus,
      );
      const hours = new Map<string, number>();
      for (const line of lines) hours.set(line.demandId, (hours.get(line.demandId) ?? 0) + line.hours);
      return trustProfile(hours, new Map(inForceRows.map((row) => [row.id, row.trust])));
    },
  );

  app.get(
    "/api/inventory/flags",
    {
      schema: {
        tags,
        response: {
          200: z.object({
            removalCandidates: z.array(
              z.object({
                demandId: id,
                title: z.string(),
                lastUsedOn: z.string().nullable(),
                hours: z.number(),
              }),
            ),
            duplicates: z.array(
              z.object({
                demandIds: z.tuple([id, id]),
                titles: z.tuple([z.string(), z.string()]),
                fields: z.array(z.string()),
                roles: z.array(z.string().nullable()),
                units: z.array(z.object({ id, name: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const register = await loadRegister(db, actor.tenantId);
      return register.flags;
    },
  );

  app.get(
    "/api/inventory/freed",
    {
      schema: {
        tags,
        querystring: unitQuery,
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const register = await loadRegister(db, actor.tenantId);
      if (request.query.unitId) await visibleUnit(register.context, actor, request.query.unitId);
      const focus = focusOf(register.context, request.query.unitId);
      const today = new Date();
      const demands = register.rows
        .filter((row) => row.status === "retired")
        .map((row) => {
          const annual = totalOf(
            burdenLines(
              register.context.chain,
              register.context.settings,
              [register.burdenDemand(row)],
              focus,
            ),
          );
          return {
            demandId: row.id,
            title: row.title,
            endDate: row.endDate,
            annualHours: annual.hours,
            annualCost: annual.cost,
          };
        })
        .filter((item) => item.annualHours > 0);
      const soFar = demands.map((item) =>
        freedSoFar(
          { hours: item.annualHours, cost: item.annualCost },
          new Date(`${item.endDate ?? dateOnly(today)}T00:00:00Z`),
          today,
        ),
      );
      return {
        annualHours: demands.reduce((sum, item) => sum + item.annualHours, 0),
        annualCost: demands.reduce((sum, item) => sum + item.annualCost, 0),
        soFarThisYear: totalOf(soFar),
        demands,
      };
    },
  );

  app.get(
    "/api/inventory/mine",
    {
      schema: {
        tags,
        response: { 200: z.array(demandSummary.extend({ myEstimate: z.number().nullable() })) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const register = await loadRegister(db, actor.tenantId);
      const paths = new Map([...register.context.units.values()].map((unit) => [unit.id, unit.path]));
      const mine = await store.myEstimates(db, actor.personId);
      return register.rows
        .filter((row) => inForce(row) && policy.isReporter(actor, row.reporters, paths))
        .map((row) => ({ ...summarise(register, row, request.lang), myEstimate: mine.get(row.id) ?? null }));
    },
  );

  app.get(
    "/api/inventory/settings",
    { schema: { tags, response: { 200: settingsView } } },
    async (request) => {
      const actor = requireActor(request);
      return (await loadChain(db, actor.tenantId)).settings;
    },
  );

  app.patch(
    "/api/inventory/settings",
    {
      schema: {
        tags,
        body: z.object({
          hourlyCost: z.partialRecord(role, z.number().positive().max(100_000)).optional(),
          defaultHourlyCost: z.number().positive().max(100_000).optional(),
          annualWorkingHours: z.number().min(100).max(8784).optional(),
        }),
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageSettings(actor));
      return db.transaction(async (tx) => {
        const tenant = await orgStore.getTenant(tx, actor.tenantId);
        const settings = (tenant?.settings ?? {}) as { inventory?: { hourlyCost?: object } };
        const { hourlyCost, ...rest } = request.body;
        const inventory = {
          ...settings.inventory,
          ...rest,
          hourlyCost: { ...settings.inventory?.hourlyCost, ...hourlyCost },
        };
        await orgStore.updateTenantSettings(tx, actor.tenantId, { ...settings, inventory });
        await auditAction(tx, actor, {
          action: "inventory.settings.update",
          targetType: "tenant",
          targetId: actor.tenantId,
          summary: "Ändrade inventeringens inställningar (timkostnader, arbetstid)",
          details: request.body,
        });
        return (await loadChain(tx, actor.tenantId)).settings;
      });
    },
  );
}

// ---- access helpers

async function visibleDemand(db: Db, actor: Actor, demandId: string): Promise<DemandRow> {
  const row = await store.getDemand(db, actor.tenantId, demandId);
  if (!row) throw notFound(demandNotFound);
  authorize(policy.viewDemand(actor, row), demandNotFound);
  return row;
}

async function lockedDemand(db: Db, actor: Actor, demandId: string): Promise<DemandRow> {
  const row = await store.lockDemand(db, actor.tenantId, demandId);
  if (!row) throw notFound(demandNotFound);
  return row;
}

async function visibleUnit(context: ChainContext, actor: Actor, unitId: string) {
  const unit = context.units.get(unitId);
  if (!unit) throw notFound(unitNotFound);
  authorize(policy.viewUnitBurden(actor, { ...unit, tenantId: actor.tenantId }), unitNotFound);
}

async function unitPaths(db: Db, tenantId: string, reporters: Reporters) {
  const ids = "unitIds" in reporters ? reporters.unitIds : reporters.unitId ? [reporters.unitId] : [];
  const units = await orgStore.unitsByIds(db, tenantId, ids);
  return new Map(units.map((unit) => [unit.id, unit.path]));
}
