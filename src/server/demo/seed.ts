// The demo organisation Exempelkommun: a small Swedish municipality with three welfare boards,
// their administrations and units, about 450 people and seven demo accounts. The chain is built
// as HR files and applied with the real import, so the demo exercises the same code as a customer.
// Then every module's demo step from the manifest (`src/server/modules.ts`) runs in its order.
import { setPassword } from "../account/service.ts";
import { type Db, sql } from "../core/db.ts";
import type { DemoStep } from "../core/module.ts";
import { MODULES } from "../modules.ts";
import { applyImport, prepareImport } from "../org/import-service.ts";
import type { ActorKind, TrustRelationship } from "../org/model.ts";
import { addDemoActor } from "../org/service.ts";
import * as orgStore from "../org/store.ts";
import { asciiFold, FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { createRandom } from "./random.ts";

export const DEMO_TENANT = { slug: "exempelkommun", name: "Exempelkommun" };
export const DEMO_PASSWORD = "tillit-demo";
const DOMAIN = "exempelkommun.se";

/** The demo accounts, in the README's order: who they are and where they sit in the chain. */
export const DEMO_ACCOUNTS = [
  { email: `admin@${DOMAIN}`, name: "Eva Sandberg", role: "admin", unit: "KS" },
  { email: `chef@${DOMAIN}`, name: "Karin Lindqvist", role: "chef", unit: "GR-EK" },
  { email: `medarbetare@${DOMAIN}`, name: "Johan Ekström", role: "medarbetare", unit: "GR-EK" },
  { email: `direktor@${DOMAIN}`, name: "Anders Håkansson", role: "direktör", unit: "UF" },
  { email: `politiker@${DOMAIN}`, name: "Margareta Öberg", role: "politiker", unit: "BUN" },
  { email: `analytiker@${DOMAIN}`, name: "Sofia Nyström", role: "analytiker", unit: "KS" },
  { email: `visselblasning@${DOMAIN}`, name: "Lars Wikström", role: "visselblåsarhandläggare", unit: "KS" },
] as const;

type UnitLine = { code: string; name: string; parent: string | null; kind: string; staff?: number };

/** The chain: boards → administrations → areas → units → teams. `staff` = employees besides the chef. */
const UNITS: UnitLine[] = [
  { code: "KS", name: "Kommunstyrelsen", parent: null, kind: "nämnd" },
  { code: "BUN", name: "Barn- och utbildningsnämnden", parent: null, kind: "nämnd" },
  { code: "VON", name: "Vård- och omsorgsnämnden", parent: null, kind: "nämnd" },
  { code: "SN", name: "Socialnämnden", parent: null, kind: "nämnd" },
  { code: "UF", name: "Utbildningsförvaltningen", parent: "BUN", kind: "förvaltning" },
  { code: "VOF", name: "Vård- och omsorgsförvaltningen", parent: "VON", kind: "förvaltning" },
  { code: "SF", name: "Socialförvaltningen", parent: "SN", kind: "förvaltning" },
  { code: "FS", name: "Förskola", parent: "UF", kind: "verksamhetsområde" },
  { code: "GR", name: "Grundskola", parent: "UF", kind: "verksamhetsområde" },
  { code: "GY", name: "Gymnasium och vuxenutbildning", parent: "UF", kind: "verksamhetsområde" },
  { code: "HT", name: "Hemtjänst", parent: "VOF", kind: "verksamhetsområde" },
  { code: "SÄBO", name: "Särskilt boende", parent: "VOF", kind: "verksamhetsområde" },
  { code: "HSL", name: "Hälso- och sjukvård", parent: "VOF", kind: "verksamhetsområde" },
  { code: "IFO", name: "Individ- och familjeomsorg", parent: "SF", kind: "verksamhetsområde" },
  { code: "LSS", name: "Funktionsstöd", parent: "SF", kind: "verksamhetsområde" },
  { code: "FS-SO", name: "Solrosens förskola", parent: "FS", kind: "enhet", staff: 10 },
  { code: "FS-LI", name: "Lingonets förskola", parent: "FS", kind: "enhet", staff: 8 },
  { code: "FS-GL", name: "Gläntans förskola", parent: "FS", kind: "enhet", staff: 9 },
  { code: "FS-HA", name: "Hagens förskola", parent: "FS", kind: "enhet", staff: 7 },
  { code: "FS-SO-1", name: "Avdelning Humlan", parent: "FS-SO", kind: "arbetslag", staff: 4 },
  { code: "FS-SO-2", name: "Avdelning Myran", parent: "FS-SO", kind: "arbetslag", staff: 4 },
  { code: "GR-EK", name: "Ekbackens skola", parent: "GR", kind: "enhet", staff: 14 },
  { code: "GR-BJ", name: "Björkdalens skola", parent: "GR", kind: "enhet", staff: 16 },
  { code: "GR-ST", name: "Strandskolan", parent: "GR", kind: "enhet", staff: 13 },
  { code: "GR-NO", name: "Norrgårdens skola", parent: "GR", kind: "enhet", staff: 12 },
  { code: "GR-KV", name: "Kvarnbyskolan", parent: "GR", kind: "enhet", staff: 11 },
  { code: "GR-EK-1", name: "Arbetslag F–3", parent: "GR-EK", kind: "arbetslag", staff: 5 },
  { code: "GR-EK-2", name: "Arbetslag 4–6", parent: "GR-EK", kind: "arbetslag", staff: 5 },
  { code: "GR-EK-3", name: "Arbetslag 7–9", parent: "GR-EK", kind: "arbetslag", staff: 5 },
  { code: "GY-AL", name: "Almgymnasiet", parent: "GY", kind: "enhet", staff: 18 },
  { code: "GY-VUX", name: "Vuxenutbildningen", parent: "GY", kind: "enhet", staff: 8 },
  { code: "HT-N", name: "Hemtjänst Norra", parent: "HT", kind: "enhet", staff: 14 },
  { code: "HT-S", name: "Hemtjänst Södra", parent: "HT", kind: "enhet", staff: 13 },
  { code: "HT-C", name: "Hemtjänst Centrum", parent: "HT", kind: "enhet", staff: 12 },
  { code: "HT-NATT", name: "Nattpatrullen", parent: "HT", kind: "enhet", staff: 8 },
  { code: "SÄBO-SO", name: "Solgårdens äldreboende", parent: "SÄBO", kind: "enhet", staff: 16 },
  { code: "SÄBO-LI", name: "Linnégårdens äldreboende", parent: "SÄBO", kind: "enhet", staff: 15 },
  { code: "SÄBO-EK", name: "Ekhagens vård- och omsorgsboende", parent: "SÄBO", kind: "enhet", staff: 14 },
  { code: "SÄBO-SO-1", name: "Avdelning Vitsippan", parent: "SÄBO-SO", kind: "arbetslag", staff: 6 },
  { code: "SÄBO-SO-2", name: "Avdelning Blåklockan", parent: "SÄBO-SO", kind: "arbetslag", staff: 6 },
  { code: "HSL-SSK", name: "Kommunal hälso- och sjukvård", parent: "HSL", kind: "enhet", staff: 10 },
  { code: "IFO-BU", name: "Barn och unga", parent: "IFO", kind: "enhet", staff: 12 },
  { code: "IFO-VU", name: "Vuxen och beroende", parent: "IFO", kind: "enhet", staff: 9 },
  { code: "IFO-EB", name: "Ekonomiskt bistånd", parent: "IFO", kind: "enhet", staff: 10 },
  { code: "LSS-GB1", name: "Gruppbostaden Tallen", parent: "LSS", kind: "enhet", staff: 8 },
  { code: "LSS-GB2", name: "Gruppbostaden Linden", parent: "LSS", kind: "enhet", staff: 8 },
  { code: "LSS-DV", name: "Daglig verksamhet Verkstan", parent: "LSS", kind: "enhet", staff: 9 },
  { code: "LSS-PA", name: "Personlig assistans", parent: "LSS", kind: "enhet", staff: 12 },
];

/** Elected members per board, and staff roles held centrally. */
const POLITICIANS_PER_BOARD = 9;
const DIRECTORS: Record<string, number> = { UF: 1, VOF: 1, SF: 1 };

type PersonLine = { number: string; name: string; email: string; unit: string; role: string };

/** Builds the two HR files; deterministic, so every demo looks the same. */
function demoFiles(): { unitsCsv: string; peopleCsv: string } {
  const random = createRandom(2026);
  const people: PersonLine[] = [];
  const emails = new Set<string>(DEMO_ACCOUNTS.map((account) => account.email));
  let number = 10000;
  const newPerson = (unit: string, role: string) => {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const base = asciiFold(name.replace(" ", "."));
    let email = `${base}@${DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${DOMAIN}`;
    emails.add(email);
    people.push({ number: String(++number), name, email, unit, role });
  };
  for (const account of DEMO_ACCOUNTS) {
    people.push({
      number: String(++number),
      name: account.name,
      email: account.email,
      unit: account.unit,
      role: account.role,
    });
  }
  for (const board of ["KS", "BUN", "VON", "SN"]) {
    const already = people.filter((p) => p.unit === board && p.role === "politiker").length;
    for (let n = already; n < POLITICIANS_PER_BOARD; n++) newPerson(board, "politiker");
  }
  for (const [unit, count] of Object.entries(DIRECTORS)) {
    const already = people.filter((p) => p.unit === unit && p.role === "direktör").length;
    for (let n = already; n < count; n++) newPerson(unit, "direktör");
  }
  newPerson("KS", "analytiker");
  newPerson("UF", "analytiker");
  for (const unit of UNITS.filter((u) => u.staff !== undefined)) {
    if (!people.some((p) => p.unit === unit.code && p.role === "chef")) newPerson(unit.code, "chef");
    const already = people.filter((p) => p.unit === unit.code && p.role === "medarbetare").length;
    for (let n = already; n < (unit.staff ?? 0); n++) newPerson(unit.code, "medarbetare");
  }
  // Teachers also belong to their school's team: a second role line for some staff.
  const ekbacken = people.filter((p) => p.unit === "GR-EK" && p.role === "medarbetare");
  ekbacken.slice(1, 7).forEach((p, i) => {
    people.push({ ...p, unit: `GR-EK-${(i % 3) + 1}` });
  });

  const unitsCsv = [
    "kod;namn;överordnad_kod;typ",
    ...UNITS.map((u) => `${u.code};${u.name};${u.parent ?? ""};${u.kind}`),
  ].join("\n");
  const peopleCsv = [
    "anställningsnummer;namn;e-post;enhetskod;roll",
    ...people.map((p) => `${p.number};${p.name};${p.email};${p.unit};${p.role}`),
  ].join("\n");
  return { unitsCsv, peopleCsv };
}

type ActorSeed = {
  name: string;
  kind: ActorKind;
  description: string;
  relations: [string, TrustRelationship, string][];
};

const ACTORS: ActorSeed[] = [
  {
    name: "Inspektionen för vård och omsorg (IVO)",
    kind: "supervisory_authority",
    description: "Tillsyn över vård, omsorg och socialtjänst.",
    relations: [
      ["SÄBO", "administration_supervisor", "Tillsyn av särskilda boenden"],
      ["IFO", "administration_supervisor", "Tillsyn av barn- och ungdomsvården"],
    ],
  },
  {
    name: "Skolinspektionen",
    kind: "supervisory_authority",
    description: "Granskar skolor och förskolor.",
    relations: [["GR", "administration_supervisor", "Regelbunden tillsyn av grundskolan"]],
  },
  {
    name: "Region Exempellän",
    kind: "partner_organisation",
    description: "Regionen: primärvård och sjukhusvård.",
    relations: [
      ["HSL", "administration_partner", "Samverkan kring utskrivning från sjukhus"],
      ["HT", "administration_partner", "Samordnad individuell plan (SIP)"],
    ],
  },
  {
    name: "Försäkringskassan",
    kind: "state_agency",
    description: "Statlig myndighet för socialförsäkringar.",
    relations: [["IFO-EB", "administration_partner", "Samordning av ersättningar"]],
  },
  {
    name: "PRO Exempelkommun",
    kind: "citizen_group",
    description: "Pensionärsförening — brukarråd inom äldreomsorgen.",
    relations: [["VOF", "administration_citizen", "Brukarråd fyra gånger per år"]],
  },
  {
    name: "Föräldraföreningen Ekbacken",
    kind: "citizen_group",
    description: "Vårdnadshavare vid Ekbackens skola.",
    relations: [["GR-EK", "administration_citizen", "Föräldraråd"]],
  },
];

/** The modules' demo steps, in the manifest's order. */
export const moduleDemoSteps = (): DemoStep[] =>
  MODULES.flatMap((module) => (module.demo ? [module.demo] : []));

/**
 * Seeds Exempelkommun unless the tenant exists already. Everything happens in one transaction, so
 * a start that dies halfway leaves no half demo behind and the next start seeds it anew; an
 * advisory lock makes a second process that seeds at the same time wait and then find it done.
 */
export async function seedDemo(
  db: Db,
  options: { log?: (message: string) => void; steps?: DemoStep[] } = {},
): Promise<{ created: boolean }> {
  const log = options.log ?? (() => {});
  const steps = options.steps ?? moduleDemoSteps();
  if (await orgStore.getTenantBySlug(db, DEMO_TENANT.slug)) return { created: false };
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tillit:demo-seed'))`);
    if (await orgStore.getTenantBySlug(tx, DEMO_TENANT.slug)) return false;
    const tenant = await orgStore.createTenant(tx, DEMO_TENANT);

    const { unitsCsv, peopleCsv } = demoFiles();
    const prepared = await prepareImport(tx, {
      tenantId: tenant.id,
      createdBy: null,
      unitsCsv,
      peopleCsv,
      fullImport: false,
    });
    await applyImport(tx, prepared.id);
    log(`Exempelkommun: ${prepared.preview.units.new} units, ${prepared.preview.people.new} people`);

    for (const account of DEMO_ACCOUNTS) {
      const person = await orgStore.findPersonBy(tx, tenant.id, { email: account.email });
      if (!person) throw new Error(`The demo account ${account.email} was not imported`);
      await setPassword(tx, { tenantId: tenant.id, personId: person.id }, DEMO_PASSWORD);
    }
    await seedActors(tx, tenant.id);
    for (const step of steps) await step(tx, { tenantId: tenant.id, log });
    return true;
  });
  return { created };
}

async function seedActors(db: Db, tenantId: string) {
  const units = new Map((await orgStore.listUnits(db, tenantId, { all: true })).map((u) => [u.code, u.id]));
  for (const seed of ACTORS) {
    await addDemoActor(db, tenantId, {
      name: seed.name,
      kind: seed.kind,
      description: seed.description,
      relations: seed.relations.map(([code, relationship, note]) => {
        const unitId = units.get(code);
        if (!unitId) throw new Error(`The demo actor ${seed.name} names the unknown unit ${code}`);
        return { unitId, relationship, note };
      }),
    });
  }
}
