// The inventory out to Excel: the register and the burden as CSV files with headers in the reader's
// language. Importing an inventory kept in a spreadsheet is import-service.ts.
import { type Actor, authorize } from "../core/access.ts";
import type { CsvCell } from "../core/csv.ts";
import type { Db } from "../core/db.ts";
import type { Lang } from "../core/errors.ts";
import { annualBurden, burdenLines, inForce } from "./model.ts";
import * as policy from "./policy.ts";
import type { BurdenQuery } from "./schemas.ts";
import { burden } from "./service.ts";
import { loadRegister, reportersLabel, requesterOf } from "./views.ts";

/** A CSV file to send: its name and its rows, the header first. */
export type CsvFile = { filename: string; rows: CsvCell[][] };

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
