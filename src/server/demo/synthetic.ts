// A deterministic synthetic municipality of any size, written as the two HR import files. Used by
// `npm run tillit -- generate`, the import benchmark and the large-import tests.
import { asciiFold, FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { createRandom, type Random } from "./random.ts";

type SyntheticOptions = { employees: number; units: number; seed: number; domain?: string };
type SyntheticFiles = { unitsCsv: string; peopleCsv: string };
type Unit = { code: string; name: string; parent: string | null; kind: string };

/** `{p}` is a place name in the genitive ("Ekbackens"), `{n}` a place name as it is ("Ekbacken"). */
type AreaSpec = { name: string; units: string[]; teams: string[] };
type BoardSpec = { board: string; administration: string; areas: AreaSpec[] };

const BOARDS: BoardSpec[] = [
  {
    board: "Barn- och utbildningsnämnden",
    administration: "Utbildningsförvaltningen",
    areas: [
      {
        name: "Förskola",
        units: ["{p} förskola"],
        teams: ["Avdelning Humlan", "Avdelning Myran", "Avdelning Nyckelpigan", "Avdelning Ekorren"],
      },
      {
        name: "Grundskola",
        units: ["{p} skola", "{p} skola", "{p} fritidshem"],
        teams: ["Arbetslag F–3", "Arbetslag 4–6", "Arbetslag 7–9", "Elevhälsan"],
      },
      {
        name: "Gymnasium och vuxenutbildning",
        units: ["{p} gymnasium", "Vuxenutbildningen {n}"],
        teams: ["Programlag teknik", "Programlag vård", "Programlag ekonomi", "Språkintroduktion"],
      },
    ],
  },
  {
    board: "Vård- och omsorgsnämnden",
    administration: "Vård- och omsorgsförvaltningen",
    areas: [
      {
        name: "Hemtjänst",
        units: ["Hemtjänst {n}", "Nattpatrullen {n}"],
        teams: ["Grupp Norr", "Grupp Söder", "Grupp Öster", "Grupp Väster"],
      },
      {
        name: "Särskilt boende",
        units: ["{p} äldreboende", "{p} vård- och omsorgsboende"],
        teams: ["Avdelning Vitsippan", "Avdelning Blåklockan", "Avdelning Liljekonvaljen", "Nattlaget"],
      },
      {
        name: "Hälso- och sjukvård",
        units: ["Hemsjukvården {n}", "Rehab {n}"],
        teams: ["Sjuksköterskor", "Arbetsterapeuter", "Fysioterapeuter"],
      },
    ],
  },
  {
    board: "Socialnämnden",
    administration: "Socialförvaltningen",
    areas: [
      {
        name: "Individ- och familjeomsorg",
        units: ["Barn och unga {n}", "Vuxen och beroende {n}", "Ekonomiskt bistånd {n}"],
        teams: ["Mottagningen", "Utredning", "Uppföljning"],
      },
      {
        name: "Funktionsstöd",
        units: ["Gruppbostaden {n}", "Daglig verksamhet {n}", "Personlig assistans {n}"],
        teams: ["Dagpersonal", "Kvällspersonal", "Helgpersonal"],
      },
    ],
  },
  {
    board: "Kultur- och fritidsnämnden",
    administration: "Kultur- och fritidsförvaltningen",
    areas: [
      {
        name: "Fritid",
        units: ["Fritidsgården {n}", "{p} idrottshall"],
        teams: ["Fritidsledare", "Driftlaget"],
      },
      {
        name: "Bibliotek och kultur",
        units: ["{p} bibliotek", "Kulturskolan {n}"],
        teams: ["Barn och unga"],
      },
    ],
  },
];

const PLACES = [
  "Ekbacken",
  "Björkdalen",
  "Solgården",
  "Lingonet",
  "Tallbacken",
  "Strandvägen",
  "Norrgården",
  "Kvarnbyn",
  "Hagen",
  "Ängen",
  "Åsen",
  "Linnégården",
  "Gläntan",
  "Sjöängen",
  "Furuhöjden",
  "Lärkan",
  "Mossen",
  "Källbacken",
  "Bäckadalen",
  "Örnäset",
];
const GENITIVE = PLACES.map((place) => (/[sxz]$/.test(place) ? place : `${place}s`));
/** Large municipalities split each area by district. */
const DISTRICTS = ["norra", "södra", "östra", "västra"];

type Area = { code: string; spec: AreaSpec };

/** The municipality at the root, as a large one's HR export names it. */
const MUNICIPALITY = "Synteby kommun";

/**
 * The unit tree as deep as a large municipality's chain — kommun → nämnd → förvaltning → område
 * (an administration split by district) → verksamhetsområde → enhet → arbetslag, seven levels —
 * then units and teams up to the count.
 */
function buildUnits(count: number, random: Random): Unit[] {
  const units: Unit[] = [];
  const add = (unit: Unit) => {
    if (units.length >= count) return false;
    units.push(unit);
    return true;
  };
  const boards = BOARDS.slice(0, count >= 500 ? 4 : 3);
  const districts = Math.min(DISTRICTS.length, Math.max(1, Math.ceil(count / 1000)));
  add({ code: "K1", name: MUNICIPALITY, parent: null, kind: "kommun" });
  for (const [i, b] of boards.entries())
    add({ code: `N${i + 1}`, name: b.board, parent: "K1", kind: "nämnd" });
  for (const [i, b] of boards.entries())
    add({ code: `F${i + 1}`, name: b.administration, parent: `N${i + 1}`, kind: "förvaltning" });
  for (const i of boards.keys())
    for (let d = 0; d < districts; d++)
      add({
        code: `O${i + 1}-${d + 1}`,
        name: `Område ${DISTRICTS[d]}`,
        parent: `F${i + 1}`,
        kind: "avdelning",
      });
  const areas: Area[] = [];
  for (const [i, b] of boards.entries()) {
    let n = 0;
    for (const spec of b.areas) {
      for (let d = 0; d < districts; d++) {
        const code = `V${i + 1}-${++n}`;
        const name = districts > 1 ? `${spec.name} ${DISTRICTS[d]}` : spec.name;
        if (add({ code, name, parent: `O${i + 1}-${d + 1}`, kind: "verksamhetsområde" }))
          areas.push({ code, spec });
      }
    }
  }

  let serial = 0;
  while (units.length < count) {
    serial++;
    const area = random.pick(areas);
    const place = random.int(0, PLACES.length - 1);
    const template = random.pick(area.spec.units);
    const name = `${template.replace("{p}", GENITIVE[place]).replace("{n}", PLACES[place])} ${serial}`;
    const code = `E${serial}`;
    add({ code, name, parent: area.code, kind: "enhet" });
    // About half the units are split into teams.
    const teams = random.next() < 0.5 ? 0 : random.int(1, Math.min(3, area.spec.teams.length));
    for (let t = 0; t < teams; t++)
      add({ code: `A${serial}-${t + 1}`, name: area.spec.teams[t], parent: code, kind: "arbetslag" });
  }
  return units;
}

/**
 * Pure and deterministic: the same arguments always give the same two files, with exactly
 * `units` units and `employees` distinct employee numbers. Parents come before their children.
 */
export function generateOrg({
  employees,
  units: unitCount,
  seed,
  domain = "syntetisk.se",
}: SyntheticOptions): SyntheticFiles {
  const random = createRandom(seed);
  const units = buildUnits(unitCount, random);
  const workplaces = units.filter((u) => u.kind === "enhet" || u.kind === "arbetslag");
  const staffed = (workplaces.length ? workplaces : units).map((u) => u.code);
  const folded = (names: readonly string[]) => names.map(asciiFold);
  const firstFolded = folded(FIRST_NAMES);
  const lastFolded = folded(LAST_NAMES);

  const lines: string[] = ["employee_number;name;email;unit_code;role"];
  let number = 100000;
  const person = (unit: string, role: string) => {
    number++;
    const first = random.int(0, FIRST_NAMES.length - 1);
    const last = random.int(0, LAST_NAMES.length - 1);
    const head = `${number};${FIRST_NAMES[first]} ${LAST_NAMES[last]};${firstFolded[first]}.${lastFolded[last]}.${number}@${domain}`;
    lines.push(`${head};${unit};${role}`);
    // About one in thirty also works in a second unit.
    if (staffed.length > 1 && random.next() < 0.03) {
      let index = random.int(0, staffed.length - 1);
      if (staffed[index] === unit) index = (index + 1) % staffed.length;
      lines.push(`${head};${staffed[index]};medarbetare`);
    }
  };

  const office = units.find((u) => u.kind === "förvaltning")?.code ?? units[0].code;
  const leaders: [string, string][] = [
    ...units.filter((u) => u.kind === "förvaltning").map((u): [string, string] => [u.code, "direktör"]),
    ...units
      .filter((u) => u.kind === "nämnd")
      .flatMap((u): [string, string][] => [0, 1, 2].map(() => [u.code, "politiker"])),
    [office, "admin"],
    [office, "admin"],
    [office, "analytiker"],
    [office, "analytiker"],
    // Area and operations managers lead the levels between the administration and the workplaces.
    ...units
      .filter((u) => u.kind === "avdelning" || u.kind === "verksamhetsområde")
      .map((u): [string, string] => [u.code, "chef"]),
    ...staffed.map((code): [string, string] => [code, "chef"]),
  ];
  for (const [unit, role] of leaders.slice(0, employees)) person(unit, role);
  while (number - 100000 < employees) person(random.pick(staffed), "medarbetare");

  const unitLines = ["code;name;parent_code;kind"];
  for (const u of units) unitLines.push(`${u.code};${u.name};${u.parent ?? ""};${u.kind}`);
  return { unitsCsv: `${unitLines.join("\n")}\n`, peopleCsv: `${lines.join("\n")}\n` };
}
