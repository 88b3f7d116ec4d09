import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fingerprint,
  isCalendarDate,
  type Lookup,
  parseSwedishNumber,
  planInventoryImport,
  readInventory,
  requesterKeyOf,
} from "./import-model.ts";

const lookup: Lookup = {
  units: new Map([
    ["GR", "u-gr"],
    ["GR-EK", "u-ek"],
    ["UF", "u-uf"],
  ]),
  actors: new Map([["skolverket", "a-sv"]]),
};
const HEADER =
  "Kod;Titel;Typ;Syfte;Beställare;Roller;Enheter;Antal;Frekvens;Per händelse;Minuter;Lagkrav;Datafält";

describe("reading an inventory CSV", () => {
  it("reads Swedish headers, words, decimal commas and both kinds of reporters", () => {
    const csv = `\uFEFF${HEADER}\nD1;Frånvarorapport;rapport;ansvarsutkrävande;UF;chef, medarbetare;GR;;12;nej;7,5;;Ogiltig frånvaro|Närvaro\nD2;Dokumentation;dokumentation;lagkrav;Skolverket;;;20;52;;360;SoL 11 kap.;\n`;
    const { demands, errors } = readInventory(csv, lookup);
    expect(errors).toEqual([]);
    expect(demands[0]).toMatchObject({
      line: 2,
      code: "D1",
      kind: "report",
      purpose: "accountability",
      requester: { unitId: "u-uf" },
      reporters: { roles: ["manager", "employee"], unitIds: ["u-gr"] },
      minutesPerOccurrence: 7.5,
      dataFields: ["Ogiltig frånvaro", "Närvaro"],
    });
    expect(demands[1]).toMatchObject({
      requester: { actorId: "a-sv" },
      reporters: { population: 20 },
      requiredByLaw: true,
    });
  });

  it("accepts English headers, words and commas as separator", () => {
    const csv =
      "title,kind,purpose,requester,roles,units,frequency,minutes\nReport,report,learning,GR,manager,GR-EK,2,60\n";
    expect(readInventory(csv, lookup).demands[0]).toMatchObject({ kind: "report", purpose: "learning" });
  });

  it("accepts the example file the import page shows, in Swedish and in English", () => {
    for (const lang of ["sv", "en"]) {
      const locale = JSON.parse(
        fs.readFileSync(
          path.join(import.meta.dirname, `../../web/pages/inventory/locales/${lang}.json`),
          "utf8",
        ),
      );
      const { demands, errors } = readInventory(locale.import.exampleText, lookup);
      expect(errors, lang).toEqual([]);
      expect(demands, lang).toHaveLength(1);
    }
  });

  it("names every bad line with its number and reason, and gives nothing to write", () => {
    const csv = [
      HEADER,
      "D1;Bra;rapport;lärande;UF;chef;GR;;12;nej;30;;",
      "D2;Noll minuter;rapport;lärande;UF;chef;GR;;12;nej;0;;",
      "D3;Okänd enhet;rapport;lärande;UF;chef;XX;;12;nej;30;;",
      "D4;Frekvens noll;rapport;lärande;UF;rektor;GR;;0;nej;30;;",
      "D1;Samma kod;rapport;lärande;Okänd myndighet;chef;GR;;1;nej;30;;",
    ].join("\n");
    const { demands, errors } = readInventory(csv, lookup);
    expect(demands).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0].message.sv).toBe("Minuter måste vara ett tal större än 0.");
    expect(errors[1].message.en).toBe("Unknown unit code: XX.");
    expect(errors[2].message.sv).toMatch(/minst en gång per år; okänd roll: rektor/);
    expect(errors[3].message.sv).toMatch(/^Beställaren "Okänd myndighet".*rad 2/);
  });

  it("reports a missing column once, on the header line", () => {
    expect(readInventory("Titel;Typ\nA;rapport\n", lookup).errors).toEqual([
      { line: 1, message: expect.objectContaining({ sv: expect.stringContaining("Kolumn saknas") }) },
    ]);
  });

  it("reads numbers as Swedish Excel writes them", () => {
    expect(parseSwedishNumber("1 234,5")).toBe(1234.5);
    expect(parseSwedishNumber("12")).toBe(12);
    expect(parseSwedishNumber("tolv")).toBeNull();
  });
});

describe("re-importing", () => {
  const line = (code: string, minutes: number) =>
    `${code};Rapport ${code};rapport;lärande;UF;chef;GR;;12;nej;${minutes};;`;

  it("updates what is there, matched by code or by title and requester, and never duplicates (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 20 }),
        (numbers) => {
          const csv = [HEADER, ...numbers.map((n) => line(`D${n}`, n))].join("\n");
          const { demands } = readInventory(csv, lookup);
          const first = planInventoryImport(demands, []);
          expect(first.create).toHaveLength(numbers.length);
          // What the first import would have stored, as the store would report it.
          const stored = first.create.map((d, i) => ({
            id: `id${i}`,
            code: d.code,
            title: d.title,
            requesterKey: requesterKeyOf(d.requester),
            fingerprint: fingerprint(d),
          }));
          const again = planInventoryImport(demands, stored);
          expect(again).toEqual({ create: [], update: [], unchanged: numbers.length });
        },
      ),
    );
  });

  it("finds a changed line by its title when the code is new to the file", () => {
    const [stored] = readInventory([HEADER, line("D1", 30)].join("\n"), lookup).demands;
    const existing = [
      {
        id: "x",
        code: null,
        title: stored.title,
        requesterKey: requesterKeyOf(stored.requester),
        fingerprint: "old",
      },
    ];
    const { demands } = readInventory([HEADER, line("D1", 45)].join("\n"), lookup);
    expect(planInventoryImport(demands, existing).update.map((u) => u.id)).toEqual(["x"]);
  });
});

describe("dates in a file", () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

  it("accepts every day of the calendar and no day past its month's end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${year}-${pad(month)}-${pad(day)}`;
          expect(isCalendarDate(text)).toBe(day <= daysIn(year, month));
        },
      ),
    );
  });

  it("refuses what only looks like a date", () => {
    for (const text of [
      "2026-02-30",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "01-02-2026",
      "2026-02-28T00:00",
    ])
      expect(isCalendarDate(text), text).toBe(false);
    expect(isCalendarDate("2024-02-29")).toBe(true);
  });
});
