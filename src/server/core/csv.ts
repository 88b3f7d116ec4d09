// CSV for people who open it in Excel: UTF-8 with a byte-order mark, `;` between fields, Swedish
// decimal commas, and a guard against formula injection (a cell that starts with = + - @ or a
// control character gets a leading apostrophe, so a spreadsheet shows it as text).
import type { FastifyReply } from "fastify";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const numberFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2, useGrouping: false });

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number")
    return Number.isFinite(value) ? numberFormat.format(value).replace("−", "-") : "";
  if (typeof value === "boolean") return value ? "ja" : "nej";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** Sends a CSV file as a download. */
export function sendCsv(reply: FastifyReply, filename: string, rows: readonly (readonly CsvCell[])[]) {
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename.replace(/[^\w.-]+/g, "_")}"`)
    .send(toCsv(rows));
}
