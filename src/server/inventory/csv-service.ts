// The inventory in and out of Excel: importing an inventory the analysts kept in a spreadsheet
// (read and checked whole by import-model.ts before anything is written), and the register and
// the burden as CSV files with headers in the reader's language.
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { CsvCell } from "../core/csv.ts";
import type { Db } from "../core/db.ts";
import { badRequest, type Lang } from "../core/errors.ts";
import {
  fingerprint,
  type ImportedDemand,
  type Lookup,
  planInventoryImport,
  readInventory,
  requesterKeyOf,
} from "./import-model.ts";
import { annualBurden, burdenLines, inForce } from "./model.ts";
import * as policy from "./policy.ts";
import type { BurdenQuery, ImportInput } from "./schemas.ts";
import { burden } from "./service.ts";
import * as store from "./store.ts";
import {
  asImported,
  type ChainContext,
  loadChain,
  loadRegister,
  reportersLabel,
  requesterOf,
  requesterOfRow,
} from "./views.ts";

/** A CSV file to send: its name and its rows, the header first. */
export type CsvFile = { filename: string; rows: CsvCell[][] };

// ---- import

/** At most this many bad lines go back to the person; the count is always given. */
const ERRORS_SHOWN = 500;

/**
 * Reads the file whole and answers what it would do (new, changed, unchanged); with `commit`, does
 * it — in one transaction with its audit entry, so a failure leaves the register as it was.
 */
export async function importInventory(db: Db, actor: Actor, { csv, commit }: ImportInput) {
  authorize(policy.manageDemands(actor));
  const { demands, errors } = readInventory(csv, lookupOf(await loadChain(db, actor.tenantId)));
  // The same shape as the HR import's refusal: the first lines at fault and how many there are.
  if (errors.length)
    throw badRequest(
      {
        sv: `Filen har fel på ${errors.length} ${errors.length === 1 ? "rad" : "rader"}. Inget har sparats.`,
        en: `The file has errors on ${errors.length} ${errors.length === 1 ? "line" : "lines"}. Nothing was saved.`,
      },
      { errors: errors.slice(0, ERRORS_SHOWN), total: errors.length },
    );
  if (!commit) return { ...(await planFor(db, actor.tenantId, demands)).counts, committed: false };
  const counts = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const { plan, counts } = await planFor(tx, actor.tenantId, demands);
      // An imported inventory describes demands already in force.
      await store.insertDemands(
        tx,
        plan.create.map((demand) => ({
          ...columnsOf(demand),
          tenantId: actor.tenantId,
          status: "active",
          existing: true,
          activatedAt: new Date(),
          createdBy: actor.personId,
        })),
      );
      for (const { id, demand } of plan.update) await store.updateDemand(tx, id, columnsOf(demand));
      return counts;
    },
    (counts) => ({
      action: "inventory.import",
      targetType: "inventory_demand",
      summary: {
        sv: `Importerade inventering: ${counts.new} nya, ${counts.changed} ändrade, ${counts.unchanged} oförändrade`,
        en: `Imported an inventory: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`,
      },
      details: counts,
    }),
  );
  return { ...counts, committed: true };
}

/** The file's units by code and actors by name, as the tenant has them. */
function lookupOf(context: ChainContext): Lookup {
  return {
    units: new Map(
      [...context.units.values()].flatMap((unit) => (unit.code ? [[unit.code, unit.id] as const] : [])),
    ),
    actors: new Map([...context.actors.values()].map((a) => [a.name.toLocaleLowerCase("sv-SE"), a.id])),
  };
}

/** What the file would change in the register as it is now. */
async function planFor(db: Db, tenantId: string, demands: ImportedDemand[]) {
  const existing = await store.listDemands(db, tenantId);
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
  return {
    plan,
    counts: {
      rows: demands.length,
      new: plan.create.length,
      changed: plan.update.length,
      unchanged: plan.unchanged,
    },
  };
}

const columnsOf = ({ line: _line, requester, ...demand }: ImportedDemand) => ({
  ...demand,
  requesterUnitId: "unitId" in requester ? requester.unitId : null,
  requesterActorId: "actorId" in requester ? requester.actorId : null,
});

// ---- exports

const REGISTER_HEADER: Record<Lang, string[]> = {
  sv: [
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
  ],
  en: [
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
  ],
};

const MINUTES_FROM: Record<Lang, Record<"staff" | "analyst", string>> = {
  sv: { staff: "personalen", analyst: "analytikern" },
  en: { staff: "staff", analyst: "analyst" },
};

/** The whole register, one line per demand, with its burden for the tenant when it is in force. */
export async function registerCsv(db: Db, actor: Actor, lang: Lang): Promise<CsvFile> {
  authorize(policy.viewRegister(actor));
  const register = await loadRegister(db, actor.tenantId);
  const { context } = register;
  const rows = register.rows.map((row): CsvCell[] => {
    const demand = register.burdenDemand(row);
    const lines = burdenLines(context.chain, context.settings, [demand], { kind: "tenant" });
    const total = annualBurden(context.chain, context.settings, demand, { kind: "tenant" });
    const estimated = (register.estimates.get(row.id)?.length ?? 0) > 0;
    return [
      row.code,
      row.title,
      row.kind,
      row.purpose,
      row.status,
      requesterOf(row, context).name,
      reportersLabel(row.reporters, context, lang),
      lines.reduce((sum, line) => sum + line.reporters, 0),
      row.frequencyPerYear,
      row.frequencyKind === "per_event",
      demand.minutes,
      MINUTES_FROM[lang][estimated ? "staff" : "analyst"],
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
  return {
    filename: lang === "sv" ? "uppfoljningskrav.csv" : "follow-up-demands.csv",
    rows: [REGISTER_HEADER[lang], ...rows],
  };
}

const BURDEN_LABELS: Record<Lang, Record<"file" | "group" | "hours" | "cost" | "share" | "total", string>> = {
  sv: {
    file: "uppfoljningens-kostnad",
    group: "Grupp",
    hours: "Timmar per år",
    cost: "Kostnad per år (kr)",
    share: "Andel",
    total: "Totalt",
  },
  en: {
    file: "follow-up-burden",
    group: "Group",
    hours: "Hours per year",
    cost: "Cost per year (SEK)",
    share: "Share",
    total: "Total",
  },
};

/** The burden grouped one way, each group's share of the total, and the total. */
export async function burdenCsv(db: Db, actor: Actor, query: BurdenQuery, lang: Lang): Promise<CsvFile> {
  const result = await burden(db, actor, query, lang);
  const text = BURDEN_LABELS[lang];
  return {
    filename: `${text.file}-${query.groupBy}.csv`,
    rows: [
      [text.group, text.hours, text.cost, text.share],
      ...result.groups.map((group) => [
        group.label,
        group.hours,
        group.cost,
        result.totalHours ? group.hours / result.totalHours : 0,
      ]),
      [text.total, result.totalHours, result.totalCost, 1],
    ],
  };
}
