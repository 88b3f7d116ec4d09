// Reading the CSV files people export from Excel and HR systems: UTF-8 with or without a
// byte-order mark, `;` or `,`, header names in Swedish or English. Errors are returned with
// their line numbers, never thrown, so an import can report every bad line at once.
import { parse } from "csv-parse/sync";
import type { Text } from "./errors.ts";

export type CsvLineError = { line: number; message: Text };

/** The separator is whichever of `;` and `,` the header line uses more; Swedish Excel writes `;`. */
export function detectDelimiter(text: string): ";" | "," {
  const header = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const count = (char: string) => header.split(char).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/**
 * Rows keyed by our column names, each with its line number (header = line 1). `columns` lists
 * the accepted header names per column, English first and Swedish second (compared without
 * case); columns named in `optional` may be missing.
 */
export function readCsvTable<K extends string>(
  text: string,
  columns: Record<K, readonly string[]>,
  optional: readonly K[] = [],
): { rows: ({ line: number } & Record<K, string>)[]; errors: CsvLineError[] } {
  const content = text.replace(/^\uFEFF/, "");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter: detectDelimiter(content),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errors: [{ line, message: { sv: "Filen är inte giltig CSV.", en: "The file is not valid CSV." } }],
    };
  }
  if (!records.length)
    return { rows: [], errors: [{ line: 1, message: { sv: "Filen är tom.", en: "The file is empty." } }] };

  const header = records[0].record.map((name) => name.toLowerCase().trim());
  const positions = {} as Record<K, number>;
  const missing: (readonly string[])[] = [];
  for (const [key, names] of Object.entries(columns) as [K, readonly string[]][]) {
    const index = header.findIndex((name) => names.includes(name));
    if (index === -1 && !optional.includes(key)) missing.push(names);
    positions[key] = index;
  }
  if (missing.length) {
    const sv = missing.map((names) => names[1] ?? names[0]).join(", ");
    const en = missing.map((names) => names[0]).join(", ");
    return {
      rows: [],
      errors: [{ line: 1, message: { sv: `Kolumn saknas: ${sv}.`, en: `Missing column: ${en}.` } }],
    };
  }
  const rows = records.slice(1).map(({ record, info }) => {
    const row = { line: info.lines } as { line: number } & Record<K, string>;
    for (const [key, index] of Object.entries(positions) as [K, number][])
      (row as Record<K, string>)[key] = index === -1 ? "" : (record[index] ?? "").trim();
    return row;
  });
  return { rows, errors: [] };
}
