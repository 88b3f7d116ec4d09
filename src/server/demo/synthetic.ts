// A deterministic synthetic municipality of any size, written as the two HR import files. Used by
// `npm run tillit -- generate`, the import benchmark and the large-import tests.
import { asciiFold, FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { createRandom } from "./random.ts";

export type SyntheticOptions = { employees: number; units: number; seed: number; domain?: string };
type Unit = { code: string; name: string; parent: string | null; kind: string };

const BOARDS = [
  "Barn- och utbildningsnämnden",
  "Vård- och omsorgsnämnden",
  "Socialnämnden",
  "Kultur- och fritidsnämnden",
];
const ADMINISTRATIONS = [
  "Utbildningsförvaltningen",
  "Vård- och omsorgsförvaltningen",
  "Socialförvaltningen",
  "Kultur- och fritidsförvaltningen",
];
const AREAS = [
  "Förskola",
  "Grundskola",
  "Gymnasium",
  "Hemtjänst",
  "Särskilt boende",
  "Individ- och familjeomsorg",
  "Funktionsstöd",
  "Fritid",
];
const UNIT_NAMES = [
  "skola",
  "förskola",
  "äldreboende",
  "hemtjänstgrupp",
  "gruppbostad",
  "fritidsgård",
  "bibliotek",
];
const PLACES = [
  "Ekbacken",
  "Björkdalen",
  "Solgården",
  "Lingonet",
  "Tallbacken",
  "Strand",
  "Norrgården",
  "Kvarnby",
  "Hagen",
  "Ängen",
  "Åsen",
  "Linné",
];

/** The unit tree: boards, one administration each, areas under them, then units and teams up to the count. */
function buildUnits(count: number, random: ReturnType<typeof createRandom>): Unit[] {
  const units: Unit[] = [];
  const add = (unit: Unit) => units.length < count && units.push(unit);
  const boards = Math.max(1, Math.min(BOARDS.length, Math.round(count / 1000) + 3));
  const areas: string[] = [];
  for (let b = 0; b < boards; b++) add({ code: `N${b + 1}`, name: BOARDS[b], parent: null, kind: "nämnd" });
  for (let b = 0; b < boards; b++)
    add({ code: `F${b + 1}`, name: ADMINISTRATIONS[b], parent: `N${b + 1}`, kind: "förvaltning" });
  for (let b = 0; b < boards; b++) {
    for (let a = 0; a < 2; a++) {
      const code = `V${b + 1}-${a + 1}`;
      if (
        add({
          code,
          name: `${AREAS[(b * 2 + a) % AREAS.length]} ${b + 1}`,
          parent: `F${b + 1}`,
          kind: "verksamhetsområde",
        })
      )
        areas.push(code);
    }
  }
  const parents = areas.length ? areas : units.map((u) => u.code);
  let serial = 0;
  while (units.length < count) {
    serial++;
    const code = `E${serial}`;
    const place = PLACES[serial % PLACES.length];
    add({
      code,
      name: `${place}s ${UNIT_NAMES[serial % UNIT_NAMES.length]} ${serial}`,
      parent: random.pick(parents),
      kind: "enhet",
    });
    const teams = random.int(0, 2);
    for (let t = 1; t <= teams; t++)
      add({ code: `A${serial}-${t}`, name: `Arbetslag ${serial}:${t}`, parent: code, kind: "arbetslag" });
  }
  return units;
}

/** Deterministic for a seed: the same arguments always give the same two files. */
export function generateOrg({
  employees,
  units: unitCount,
  seed,
  domain = "syntetisk.se",
}: SyntheticOptions) {
  const random = createRandom(seed);
  const units = buildUnits(unitCount, random);
  const workplaces = units.filter((u) => u.kind === "enhet" || u.kind === "arbetslag");
  const staffed = workplaces.length ? workplaces : units;
  const lines: string[] = ["employee_number;name;email;unit_code;role"];
  let number = 100000;
  const person = (unit: string, role: string) => {
    number++;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const line = `${number};${first} ${last};${asciiFold(`${first}.${last}`)}.${number}@${domain};${unit}`;
    lines.push(`${line};${role}`);
    // About one in thirty also works in a second unit.
    if (staffed.length > 1 && random.next() < 0.033)
      lines.push(`${line.replace(/;[^;]*$/, `;${random.pick(staffed).code}`)};medarbetare`);
  };
  const leaders: [string, string][] = [
    ...units.filter((u) => u.kind === "förvaltning").map((u): [string, string] => [u.code, "direktör"]),
    ...units
      .filter((u) => u.kind === "nämnd")
      .flatMap((u): [string, string][] => [0, 1, 2].map(() => [u.code, "politiker"])),
    [units[0].code, "admin"],
    [units[0].code, "analytiker"],
    ...staffed.map((u): [string, string] => [u.code, "chef"]),
  ];
  for (const [unit, role] of leaders.slice(0, employees)) person(unit, role);
  while (number - 100000 < employees) person(random.pick(staffed).code, "medarbetare");

  const unitsCsv = [
    "code;name;parent_code;kind",
    ...units.map((u) => `${u.code};${u.name};${u.parent ?? ""};${u.kind}`),
  ].join("\n");
  return { unitsCsv: `${unitsCsv}\n`, peopleCsv: `${lines.join("\n")}\n` };
}
