import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../core/access.ts";
import { auditAction } from "../core/audit.ts";
import { sendCsv } from "../core/csv.ts";
import { badRequest, type Lang } from "../core/errors.ts";
import { requireActor } from "../core/http.ts";
import {
  fingerprint,
  type ImportedDemand,
  planInventoryImport,
  readInventory,
  requesterKeyOf,
} from "./import-model.ts";
import { burdenLines, GROUP_BYS, totalOf } from "./model.ts";
import * as policy from "./policy.ts";
import { burden, inForce, loadChain, reportersLabel, requesterOf } from "./service.ts";
import type { DemandRow } from "./store.ts";
import * as store from "./store.ts";
import { loadRegister, requireVisibleUnit } from "./views.ts";

const tags = ["inventory"];

/** Importing an inventory kept in Excel, and exporting the register and burden tables as CSV. */
export async function inventoryCsvRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  app.post(
    "/api/inventory/import",
    {
      schema: {
        tags,
        body: z.object({ csv: z.string().min(1).max(5_000_000), commit: z.boolean().optional() }),
        response: {
          200: z.object({
            rows: z.number(),
            new: z.number(),
            changed: z.number(),
            unchanged: z.number(),
            committed: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageDemands(actor));
      const context = await loadChain(db, actor.tenantId);
      const lookup = {
        units: new Map(
          [...context.units.values()].flatMap((unit) => (unit.code ? [[unit.code, unit.id] as const] : [])),
        ),
        actors: new Map([...context.actors.values()].map((a) => [a.name.toLocaleLowerCase("sv-SE"), a.id])),
      };
      const { demands, errors } = readInventory(request.body.csv, lookup);
      if (errors.length)
        throw badRequest(
          {
            sv: `Filen har ${errors.length} felaktiga rader. Inget har sparats.`,
            en: `The file has ${errors.length} bad lines. Nothing was saved.`,
          },
          { lines: errors },
        );
      return db.transaction(async (tx) => {
        const existing = await store.listDemands(tx, actor.tenantId);
        const plan = planInventoryImport(
          demands,
          existing.map((row) => ({
            id: row.id,
            code: row.code,
            title: row.title,
            requesterKey: requesterKeyOf(requesterOfRow(row)),
            fingerprint: fingerprint(asImported(row)),
          })),
        );
        const summary = {
          rows: demands.length,
          new: plan.create.length,
          changed: plan.update.length,
          unchanged: plan.unchanged,
        };
        if (!request.body.commit) return { ...summary, committed: false };
        const columns = ({ line: _line, requester, ...demand }: ImportedDemand) => ({
          ...demand,
          requesterUnitId: "unitId" in requester ? requester.unitId : null,
          requesterActorId: "actorId" in requester ? requester.actorId : null,
        });
        // An imported inventory describes demands already in force.
        await store.insertDemands(
          tx,
          plan.create.map((demand) => ({
            ...columns(demand),
            tenantId: actor.tenantId,
            status: "active",
            existing: true,
            activatedAt: new Date(),
            createdBy: actor.personId,
          })),
        );
        for (const { id, demand } of plan.update) await store.updateDemand(tx, id, columns(demand));
        await auditAction(tx, actor, {
          action: "inventory.import",
          targetType: "inventory_demand",
          summary: `Importerade inventering: ${summary.new} nya, ${summary.changed} ändrade, ${summary.unchanged} oförändrade`,
          details: summary,
        });
        return { ...summary, committed: true };
      });
    },
  );

  app.get("/api/inventory/export/register.csv", { schema: { tags } }, async (request, reply) => {
    const actor = requireActor(request);
    const register = await loadRegister(db, actor.tenantId);
    const sv = request.lang === "sv";
    const header = sv
      ? [
          "Kod",
          "Titel",
          "Typ",
          "Syfte",
          "Status",
          "Beställare",
          "Uppgiftslämnare",
          "Antal",
          "Frekvens per år",
          "Per händelse",
          "Minuter",
          "Källa för minuter",
          "Timmar per år",
          "Kostnad per år (kr)",
          "Lagkrav",
          "Datafält",
          "Mottagare",
          "Beslut",
          "Senast använd",
          "Avvecklingskandidat",
          "Dubblett",
        ]
      : [
          "Code",
          "Title",
          "Kind",
          "Purpose",
          "Status",
          "Requester",
          "Reporters",
          "Count",
          "Times per year",
          "Per event",
          "Minutes",
          "Minutes from",
          "Hours per year",
          "Cost per year (SEK)",
          "Legal reference",
          "Data fields",
          "Recipients",
          "Decisions",
          "Last used",
          "Removal candidate",
          "Duplicate",
        ];
    const rows = register.rows.map((row) => {
      const lines = burdenLines(
        register.context.chain,
        register.context.settings,
        [register.burdenDemand(row)],
        { kind: "tenant" },
      );
      const total = totalOf(lines);
      const minutes = register.burdenDemand(row).minutes;
      return [
        row.code,
        row.title,
        row.kind,
        row.purpose,
        row.status,
        requesterOf(row, register.context).name,
        reportersLabel(row.reporters, register.context, request.lang),
        lines.reduce((sum, line) => sum + line.reporters, 0),
        row.frequencyPerYear,
        row.frequencyKind === "per_event",
        minutes,
        (register.estimates.get(row.id)?.length ?? 0) > 0
          ? sv
            ? "personalen"
            : "staff"
          : sv
            ? "analytikern"
            : "analyst",
        inForce(row) ? total.hours : 0,
        inForce(row) ? total.cost : 0,
        row.legalReference,
        row.dataFields.join(" | "),
        row.recipients,
        row.decisionsInformed,
        register.uses.get(row.id)?.lastUsedOn ?? null,
        register.removal.has(row.id),
        register.duplicated.has(row.id),
      ];
    });
    return sendCsv(reply, sv ? "uppfoljningskrav.csv" : "follow-up-demands.csv", [header, ...rows]);
  });

  app.get(
    "/api/inventory/export/burden.csv",
    {
      schema: {
        tags,
        querystring: z.object({
          unitId: z.uuid().optional(),
          groupBy: z.enum([...GROUP_BYS, "unit"]).default("requester"),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { unitId, groupBy } = request.query;
      if (unitId) await requireVisibleUnit(db, actor, unitId);
      const result = await burden(db, actor.tenantId, { unitId, groupBy }, request.lang);
      const text = labels(request.lang);
      return sendCsv(reply, `${text.file}-${groupBy}.csv`, [
        [text.group, text.hours, text.cost, text.share],
        ...result.groups.map((group) => [
          group.label,
          group.hours,
          group.cost,
          result.totalHours ? group.hours / result.totalHours : 0,
        ]),
        [text.total, result.totalHours, result.totalCost, 1],
      ]);
    },
  );
}

const labels = (lang: Lang) =>
  lang === "sv"
    ? {
        file: "uppfoljningens-kostnad",
        group: "Grupp",
        hours: "Timmar per år",
        cost: "Kostnad per år (kr)",
        share: "Andel",
        total: "Totalt",
      }
    : {
        file: "follow-up-burden",
        group: "Group",
        hours: "Hours per year",
        cost: "Cost per year (SEK)",
        share: "Share",
        total: "Total",
      };

const requesterOfRow = (row: DemandRow): ImportedDemand["requester"] =>
  row.requesterActorId ? { actorId: row.requesterActorId } : { unitId: row.requesterUnitId ?? "" };

/** A stored demand in the shape an import line takes, so the two can be compared. */
function asImported(row: DemandRow): Omit<ImportedDemand, "line"> {
  return {
    code: row.code,
    title: row.title,
    kind: row.kind as ImportedDemand["kind"],
    purpose: row.purpose as ImportedDemand["purpose"],
    requester: requesterOfRow(row),
    reporters: "roles" in row.reporters ? row.reporters : { population: row.reporters.population },
    frequencyKind: row.frequencyKind as ImportedDemand["frequencyKind"],
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
