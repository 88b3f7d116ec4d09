// What the barometer's routes answer with, built from rows: a question in the reader's language,
// a round as a person sees it, and the CSV export's lines. Pure; the services load the rows.
import type { z } from "zod";
import type { CsvCell } from "../core/csv.ts";
import type { Lang } from "../core/errors.ts";
import { type BankItem, DONT_KNOW, SCALE_LABELS } from "./bank.ts";
import { type Category, closeVerdict, estimatedSeconds, roundPhase } from "./model.ts";
import type { itemResult, itemView, roundSummary } from "./schemas.ts";
import type { InvitationRow, RoundRow } from "./store.ts";

export type ItemView = z.output<typeof itemView>;
export type RoundSummary = z.output<typeof roundSummary>;
type ItemResult = z.output<typeof itemResult>;

/** A question as shown to a person: in their language, with its scale's words. */
export const itemViewOf = (item: BankItem, lang: Lang): ItemView => ({
  ...item,
  text: item[lang],
  scaleLabels: item.kind === "scale" ? SCALE_LABELS[item.scale ?? "agree"][lang] : null,
  dontKnow: DONT_KNOW[lang],
  custom: item.id.startsWith("custom."),
});

/** What a person sees of a round: its phase today, its length, and their own part in it. */
export function roundSummaryOf(
  row: RoundRow,
  seen: {
    unitName: string;
    bank: ReadonlyMap<string, BankItem>;
    invitation: InvitationRow | null;
    mayClose: boolean;
    today: string;
  },
): RoundSummary {
  return {
    id: row.id,
    title: row.title,
    unitId: row.unitId,
    unitName: seen.unitName,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    phase: roundPhase(row, seen.today),
    closedAt: row.closedAt,
    itemCount: row.itemIds.length,
    estimatedSeconds: estimatedSeconds(row.itemIds.flatMap((itemId) => seen.bank.get(itemId) ?? [])),
    invited: seen.invitation !== null,
    answered: seen.invitation?.answered ?? false,
    canClose: seen.mayClose && closeVerdict(row).ok,
    createdByName: row.createdByName,
    minGroupSize: row.k,
  };
}

// ---- the CSV export

export const csvHeader = (lang: Lang): string[] =>
  lang === "sv"
    ? [
        "Enhet",
        "Grupp",
        "Fråga",
        "Antal svar",
        "Medelvärde",
        "1",
        "2",
        "3",
        "4",
        "5",
        "Vet inte",
        "Dolt, skäl",
      ]
    : [
        "Unit",
        "Group",
        "Question",
        "Answers",
        "Mean",
        "1",
        "2",
        "3",
        "4",
        "5",
        "Don't know",
        "Hidden, reason",
      ];

/** One group's figures for one question, or its reason for being hidden in the last column. */
export const csvLine = (
  unitName: string,
  category: Category,
  question: string,
  result: ItemResult,
): CsvCell[] =>
  "suppressed" in result
    ? [unitName, category, question, null, null, null, null, null, null, null, null, result.reason]
    : [unitName, category, question, result.n, result.mean, ...result.distribution, result.dontKnow, null];
