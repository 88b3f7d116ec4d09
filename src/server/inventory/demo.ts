// About sixty follow-up demands on Exempelkommun's education and elder-care chains, as an analyst
// would find them: national statistics, quality registers, inspections and state-grant reports,
// and the municipality's own monthly and tertial reports, budget follow-up and board indicators.
// Some have not been used for years (removal candidates), some ask the same people for the same
// data (duplicates), one new demand is out for consultation, and one has been retired.
import type { Role } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import type { ControlComponent, DemandKind, Purpose, TrustPlacement, UseKind } from "./model.ts";
import { burdenLines, TRUST_DIMENSIONS, totalOf } from "./model.ts";
import { loadChain, toBurdenDemand } from "./service.ts";
import * as store from "./store.ts";

type Spec = {
  title: string;
  kind: DemandKind;
  purpose: Purpose;
  component?: ControlComponent;
  /** A unit code of the chain, or the name of an external actor. */
  requester: string;
  roles: Role[];
  units: string[];
  perYear: number;
  minutes: number;
  perEvent?: boolean;
  law?: string;
  fields?: string[];
  decisions?: string;
  recipients?: string;
  /** Seven letters for Table 1's dimensions: t traditional, b both, r trust-based, - not placed. */
  trust?: string;
  /** Uses recorded in the last year; 0 makes an old demand a removal candidate. */
  uses?: number;
  since?: string;
  estimates?: number[];
};

/** Agencies that ask for follow-up, each related to the administration it asks. */
const NEW_AGENCIES = [
  { name: "Skolverket", kind: "state_agency", unit: "UF", relationship: "administration_supervisor" },
  { name: "Socialstyrelsen", kind: "state_agency", unit: "VOF", relationship: "administration_supervisor" },
  { name: "SCB", kind: "state_agency", unit: "UF", relationship: "administration_supervisor" },
  { name: "RKA (Kolada)", kind: "state_agency", unit: "KS", relationship: "administration_partner" },
  {
    name: "Senior alert",
    kind: "partner_organisation",
    unit: "SÄBO",
    relationship: "administration_partner",
  },
] as const;

const EDU = ["FS", "GR", "GY"];
const ELDER = ["HT", "SÄBO"];

const SPECS: Spec[] = [
  // ---- education, national
  {
    title: "Personalstatistik till SCB (lärarregistret)",
    kind: "report",
    purpose: "legal_requirement",
    requester: "SCB",
    roles: ["manager"],
    units: EDU,
    perYear: 1,
    minutes: 240,
    law: "Förordning (2001:100) om den officiella statistiken",
    fields: ["Personal per skola", "Lärarlegitimation"],
    recipients: "SCB, Skolverket",
    decisions: "Nationell statistik; används inte lokalt",
    trust: "tttttt-",
  },
  {
    title: "Elevstatistik per den 15 oktober",
    kind: "report",
    purpose: "legal_requirement",
    requester: "SCB",
    roles: ["manager"],
    units: ["GR", "GY"],
    perYear: 1,
    minutes: 180,
    law: "Förordning (2001:100) om den officiella statistiken",
    fields: ["Antal elever"],
    trust: "ttttttt",
  },
  {
    title: "Betygsrapportering åk 6 och 9",
    kind: "report",
    purpose: "legal_requirement",
    requester: "Skolverket",
    roles: ["employee"],
    units: ["GR"],
    perYear: 2,
    minutes: 60,
    law: "Skolförordningen 6 kap.",
    fields: ["Betyg per elev"],
    decisions: "Skolans analys av måluppfyllelse",
    trust: "bttbtbt",
    estimates: [45, 90, 60, 75],
  },
  {
    title: "Inrapportering av nationella provresultat",
    kind: "report",
    purpose: "accountability",
    requester: "Skolverket",
    roles: ["employee"],
    units: ["GR"],
    perYear: 1,
    minutes: 120,
    fields: ["Provresultat"],
    trust: "ttttttt",
  },
  {
    title: "Frånvarostatistik till Skolverket",
    kind: "indicator",
    purpose: "accountability",
    requester: "Skolverket",
    roles: ["manager"],
    units: ["GR"],
    perYear: 2,
    minutes: 90,
    fields: ["Ogiltig frånvaro"],
    trust: "ttttttt",
  },
  {
    title: "Underlag till Skolinspektionens regelbundna tillsyn",
    kind: "audit",
    purpose: "legal_requirement",
    requester: "Skolinspektionen",
    roles: ["manager"],
    units: ["GR", "GY"],
    perYear: 0.33,
    minutes: 960,
    perEvent: true,
    law: "Skollagen 26 kap.",
    decisions: "Skolans åtgärder efter tillsynen",
    trust: "tttbtbt",
  },
  {
    title: "Skolenkäten – medverkan och information",
    kind: "survey",
    purpose: "accountability",
    requester: "Skolinspektionen",
    roles: ["manager"],
    units: ["GR", "GY"],
    perYear: 0.5,
    minutes: 90,
    trust: "tbtttrt",
  },
  {
    title: "Barn och grupper i förskolan (SCB)",
    kind: "report",
    purpose: "legal_requirement",
    requester: "SCB",
    roles: ["manager"],
    units: ["FS"],
    perYear: 1,
    minutes: 150,
    law: "Förordning (2001:100) om den officiella statistiken",
    fields: ["Barngruppsstorlek", "Antal barn per avdelning"],
    trust: "ttttttt",
  },
  {
    title: "Kolada: nyckeltal förskola",
    kind: "indicator",
    purpose: "citizen_information",
    requester: "RKA (Kolada)",
    roles: ["manager"],
    units: ["FS"],
    perYear: 1,
    minutes: 120,
    fields: ["Barngruppsstorlek"],
    trust: "tttt-bt",
  },
  {
    title: "Statsbidrag Likvärdig skola – ansökan och redovisning",
    kind: "state_grant",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "Skolverket",
    roles: ["manager"],
    units: ["GR"],
    perYear: 1,
    minutes: 300,
    law: "Förordning (2021:1300) om statsbidrag för ökad likvärdighet",
    decisions: "Fördelning av bidraget mellan skolor",
    trust: "ttttttt",
  },
  {
    title: "Statsbidrag Lågstadiesatsningen – redovisning",
    kind: "state_grant",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "Skolverket",
    roles: ["manager"],
    units: ["GR"],
    perYear: 1,
    minutes: 180,
    trust: "ttttttt",
  },
  {
    title: "Statsbidrag Mindre barngrupper – redovisning",
    kind: "state_grant",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "Skolverket",
    roles: ["manager"],
    units: ["FS"],
    perYear: 1,
    minutes: 240,
    fields: ["Barngruppsstorlek"],
    trust: "ttttttt",
  },
  // ---- education, internal
  {
    title: "Månadsrapport om frånvaro till förvaltningen",
    kind: "report",
    purpose: "accountability",
    requester: "UF",
    roles: ["manager"],
    units: ["GR", "GY"],
    perYear: 12,
    minutes: 45,
    fields: ["Ogiltig frånvaro"],
    recipients: "Förvaltningsledningen",
    trust: "ttttttt",
    uses: 0,
    since: "2019-08-01",
  },
  {
    title: "Veckovis närvarorapport",
    kind: "documentation",
    purpose: "accountability",
    requester: "GR",
    roles: ["employee"],
    units: ["GR"],
    perYear: 38,
    minutes: 15,
    fields: ["Närvaro per lektion"],
    trust: "ttttttb",
    uses: 0,
    since: "2020-08-01",
    estimates: [20, 25, 15, 30, 20],
  },
  {
    title: "Tertialrapport till barn- och utbildningsnämnden",
    kind: "report",
    purpose: "accountability",
    requester: "BUN",
    roles: ["manager"],
    units: EDU,
    perYear: 2,
    minutes: 240,
    recipients: "Barn- och utbildningsnämnden",
    decisions: "Nämndens prognos och eventuella åtgärder",
    trust: "ttttttt",
  },
  {
    title: "Bidrag till årsredovisning och verksamhetsberättelse",
    kind: "report",
    purpose: "citizen_information",
    requester: "UF",
    roles: ["manager"],
    units: EDU,
    perYear: 1,
    minutes: 480,
    recipients: "Kommunfullmäktige, medborgare",
    decisions: "Årsredovisningen",
    trust: "bbtbtbt",
  },
  {
    title: "Månatlig budgetuppföljning",
    kind: "report",
    purpose: "resource_allocation",
    component: "administration",
    requester: "UF",
    roles: ["manager"],
    units: EDU,
    perYear: 12,
    minutes: 60,
    decisions: "Prognos och åtgärder vid underskott",
    trust: "ttttttb",
  },
  {
    title: "Systematiskt kvalitetsarbete – kvalitetsrapport",
    kind: "report",
    purpose: "learning",
    requester: "BUN",
    roles: ["manager"],
    units: EDU,
    perYear: 1,
    minutes: 960,
    law: "Skollagen 4 kap. 3–6 §§",
    decisions: "Nämndens prioriteringar för nästa läsår",
    trust: "bbbbbbb",
    estimates: [1200, 900, 1500],
  },
  {
    title: "Anmälan om kränkande behandling till huvudmannen",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "BUN",
    roles: ["employee", "manager"],
    units: ["GR"],
    perYear: 6,
    minutes: 30,
    perEvent: true,
    law: "Skollagen 6 kap. 10 §",
    decisions: "Utredning och åtgärder för eleven",
    trust: "bbbtbbb",
  },
  {
    title: "Pedagogisk dokumentation i förskolan",
    kind: "documentation",
    purpose: "learning",
    requester: "FS",
    roles: ["employee"],
    units: ["FS"],
    perYear: 40,
    minutes: 30,
    decisions: "Planering av undervisningen",
    trust: "rrbbrbr",
  },
  {
    title: "Individuella utvecklingsplaner (IUP)",
    kind: "documentation",
    purpose: "learning",
    requester: "GR",
    roles: ["employee"],
    units: ["GR"],
    perYear: 2,
    minutes: 60,
    trust: "bbbbtrb",
  },
  {
    title: "Nämndens egna indikatorer för måluppfyllelse",
    kind: "indicator",
    purpose: "accountability",
    requester: "BUN",
    roles: ["manager"],
    units: EDU,
    perYear: 2,
    minutes: 90,
    fields: ["Andel elever med godkända betyg"],
    trust: "ttttttt",
    uses: 0,
    since: "2018-01-01",
  },
  {
    title: "Veckobrev till vårdnadshavare i lärplattformen",
    kind: "documentation",
    purpose: "citizen_information",
    requester: "UF",
    roles: ["employee"],
    units: ["GR"],
    perYear: 38,
    minutes: 30,
    trust: "tbttbrt",
    uses: 0,
    since: "2021-01-01",
    estimates: [40, 30, 45],
  },
  {
    title: "Internkontrollplan – rapportering",
    kind: "audit",
    purpose: "accountability",
    requester: "BUN",
    roles: ["manager"],
    units: EDU,
    perYear: 2,
    minutes: 120,
    trust: "ttttttt",
  },
  {
    title: "Underlag till uppföljningsdialog",
    kind: "meeting",
    purpose: "learning",
    requester: "UF",
    roles: ["manager"],
    units: EDU,
    perYear: 2,
    minutes: 120,
    decisions: "Åtgärder på båda nivåer",
    trust: "rrrrrbr",
  },
  {
    title: "Kollegial granskning – Intern insyn",
    kind: "audit",
    purpose: "learning",
    component: "culture",
    requester: "UF",
    roles: ["manager", "employee"],
    units: ["GR"],
    perYear: 1,
    minutes: 240,
    decisions: "Skolornas utvecklingsplaner",
    trust: "rrrrrbr",
  },
  // ---- elder care, national
  {
    title: "Öppna jämförelser – äldreomsorg",
    kind: "indicator",
    purpose: "citizen_information",
    requester: "Socialstyrelsen",
    roles: ["manager"],
    units: ELDER,
    perYear: 1,
    minutes: 180,
    fields: ["Andel med genomförandeplan"],
    recipients: "Socialstyrelsen, medborgare",
    trust: "tbtttbt",
  },
  {
    title: "Brukarundersökningen Vad tycker de äldre om äldreomsorgen?",
    kind: "survey",
    purpose: "citizen_information",
    requester: "Socialstyrelsen",
    roles: ["manager"],
    units: ELDER,
    perYear: 1,
    minutes: 240,
    decisions: "Enheternas förbättringsarbete",
    trust: "bbtttrt",
  },
  {
    title: "Senior alert – riskbedömningar",
    kind: "quality_register",
    purpose: "learning",
    requester: "Senior alert",
    roles: ["employee"],
    units: ["SÄBO"],
    perYear: 4,
    minutes: 20,
    fields: ["Fallrisk", "Trycksår", "Undernäring"],
    decisions: "Förebyggande åtgärder för den enskilde",
    trust: "bbbbbbr",
    estimates: [15, 25, 20, 20],
  },
  {
    title: "BPSD-registret",
    kind: "quality_register",
    purpose: "learning",
    requester: "Region Exempellän",
    roles: ["employee"],
    units: ["SÄBO"],
    perYear: 4,
    minutes: 45,
    trust: "rbbbbbr",
  },
  {
    title: "Svenska palliativregistret",
    kind: "quality_register",
    purpose: "learning",
    requester: "Region Exempellän",
    roles: ["employee"],
    units: ["SÄBO"],
    perYear: 10,
    minutes: 30,
    perEvent: true,
    trust: "bbbbbbt",
  },
  {
    title: "IVO:s tillsyn av särskilt boende – underlag",
    kind: "audit",
    purpose: "legal_requirement",
    requester: "Inspektionen för vård och omsorg (IVO)",
    roles: ["manager"],
    units: ["SÄBO"],
    perYear: 0.5,
    minutes: 600,
    perEvent: true,
    law: "SoL 13 kap.",
    trust: "tttbttt",
  },
  {
    title: "Statsbidrag Äldreomsorgslyftet – redovisning",
    kind: "state_grant",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "Socialstyrelsen",
    roles: ["manager"],
    units: ELDER,
    perYear: 1,
    minutes: 240,
    trust: "ttttttt",
  },
  {
    title: "Statsbidrag för ökad bemanning – redovisning",
    kind: "state_grant",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "Socialstyrelsen",
    roles: ["manager"],
    units: ELDER,
    perYear: 1,
    minutes: 180,
    fields: ["Bemanning per boende"],
    trust: "ttttttt",
  },
  {
    title: "Kolada: nyckeltal äldreomsorg",
    kind: "indicator",
    purpose: "citizen_information",
    requester: "RKA (Kolada)",
    roles: ["manager"],
    units: ["HT"],
    perYear: 1,
    minutes: 90,
    fields: ["Personalkontinuitet"],
    trust: "tttttbt",
  },
  {
    title: "Punktprevalensmätning av trycksår",
    kind: "quality_register",
    purpose: "learning",
    requester: "Region Exempellän",
    roles: ["employee"],
    units: ["HSL"],
    perYear: 1,
    minutes: 60,
    fields: ["Trycksår"],
    trust: "bbbbbbt",
  },
  // ---- elder care, internal
  {
    title: "Lex Sarah-rapport",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "VON",
    roles: ["employee", "manager"],
    units: ELDER,
    perYear: 6,
    minutes: 90,
    perEvent: true,
    law: "SoL 14 kap. 3 §",
    decisions: "Utredning och anmälan till IVO vid allvarliga missförhållanden",
    trust: "bbbtbbb",
  },
  {
    title: "Avvikelserapportering enligt HSL",
    kind: "documentation",
    purpose: "learning",
    requester: "VOF",
    roles: ["employee"],
    units: ["HSL", "SÄBO"],
    perYear: 24,
    minutes: 20,
    perEvent: true,
    law: "Patientsäkerhetslagen 3 kap.",
    decisions: "Förbättringar i rutiner",
    trust: "rbbbbbr",
  },
  {
    title: "Genomförandeplaner",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "VOF",
    roles: ["employee"],
    units: ELDER,
    perYear: 2,
    minutes: 60,
    law: "SOSFS 2014:5",
    fields: ["Genomförandeplan per brukare"],
    decisions: "Hur insatsen utförs för den enskilde",
    trust: "bbrbbrb",
  },
  {
    title: "Social dokumentation i journalen",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "VOF",
    roles: ["employee"],
    units: ELDER,
    perYear: 220,
    minutes: 15,
    law: "SoL 11 kap. 5 §",
    trust: "bbbbbbr",
    estimates: [20, 15, 25, 20, 30, 15],
  },
  {
    title: "Tidsregistrering i hemtjänsten",
    kind: "compensation_model",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "VOF",
    roles: ["employee"],
    units: ["HT"],
    perYear: 220,
    minutes: 10,
    fields: ["Utförd tid per besök"],
    decisions: "Ersättning till utföraren",
    trust: "ttttttb",
    estimates: [12, 15, 10, 20],
  },
  {
    title: "Månadsrapport beviljad och utförd tid",
    kind: "compensation_model",
    purpose: "resource_allocation",
    component: "rewards",
    requester: "VOF",
    roles: ["manager"],
    units: ["HT"],
    perYear: 12,
    minutes: 120,
    fields: ["Utförd tid per besök"],
    trust: "ttttttt",
  },
  {
    title: "Månadsrapport om kvalitetsindikatorer",
    kind: "report",
    purpose: "accountability",
    requester: "VOF",
    roles: ["manager"],
    units: ELDER,
    perYear: 12,
    minutes: 60,
    fields: ["Andel med genomförandeplan", "Fallskador"],
    trust: "ttttttt",
    uses: 0,
    since: "2020-01-01",
  },
  {
    title: "Mätning av personalkontinuitet",
    kind: "indicator",
    purpose: "accountability",
    requester: "VOF",
    roles: ["manager"],
    units: ["HT"],
    perYear: 2,
    minutes: 180,
    fields: ["Personalkontinuitet"],
    trust: "tbtttbt",
  },
  {
    title: "Patientsäkerhetsberättelse",
    kind: "report",
    purpose: "legal_requirement",
    requester: "VON",
    roles: ["manager"],
    units: ["HSL"],
    perYear: 1,
    minutes: 960,
    law: "Patientsäkerhetslagen 3 kap. 10 §",
    trust: "bbbbbbt",
  },
  {
    title: "Mätning av nattfasta",
    kind: "indicator",
    purpose: "accountability",
    requester: "VOF",
    roles: ["employee"],
    units: ["SÄBO"],
    perYear: 2,
    minutes: 30,
    trust: "ttttttt",
    uses: 0,
    since: "2019-01-01",
  },
  {
    title: "Läkemedelsgenomgångar – dokumentation",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "HSL",
    roles: ["employee"],
    units: ["HSL"],
    perYear: 12,
    minutes: 30,
    law: "HSLF-FS 2017:37",
    trust: "bbbbbbb",
  },
  {
    title: "Vård- och omsorgsnämndens indikatorer (tertial)",
    kind: "indicator",
    purpose: "accountability",
    requester: "VON",
    roles: ["manager"],
    units: ELDER,
    perYear: 3,
    minutes: 120,
    trust: "ttttttt",
    uses: 0,
    since: "2018-01-01",
  },
  {
    title: "Internkontroll av läkemedelshantering (stickprov)",
    kind: "audit",
    purpose: "accountability",
    requester: "VON",
    roles: ["manager"],
    units: ["SÄBO"],
    perYear: 2,
    minutes: 120,
    trust: "tttbttt",
  },
  {
    title: "Boenderåd – brukardialog",
    kind: "meeting",
    purpose: "citizen_information",
    component: "culture",
    requester: "VOF",
    roles: ["manager"],
    units: ["SÄBO"],
    perYear: 4,
    minutes: 90,
    decisions: "Förändringar i vardagen på boendet",
    trust: "rrrrrrr",
  },
  {
    title: "Kollegialt lärande i hemtjänstens team",
    kind: "meeting",
    purpose: "learning",
    component: "culture",
    requester: "VOF",
    roles: ["employee"],
    units: ["HT"],
    perYear: 10,
    minutes: 60,
    trust: "rrrrrbr",
  },
  {
    title: "Tertialrapport till vård- och omsorgsnämnden",
    kind: "report",
    purpose: "accountability",
    requester: "VON",
    roles: ["manager"],
    units: ELDER,
    perYear: 2,
    minutes: 240,
    trust: "ttttttt",
  },
  {
    title: "Månatlig budgetuppföljning äldreomsorg",
    kind: "report",
    purpose: "resource_allocation",
    component: "administration",
    requester: "VOF",
    roles: ["manager"],
    units: ELDER,
    perYear: 12,
    minutes: 60,
    trust: "ttttttb",
  },
  {
    title: "Kommungemensam medarbetarenkät",
    kind: "survey",
    purpose: "learning",
    component: "culture",
    requester: "KS",
    roles: ["employee"],
    units: ["UF", "VOF"],
    perYear: 1,
    minutes: 25,
    trust: "bbbbbbt",
  },
  {
    title: "Handlingsplan efter medarbetarenkäten",
    kind: "documentation",
    purpose: "learning",
    requester: "KS",
    roles: ["manager"],
    units: ["UF", "VOF"],
    perYear: 1,
    minutes: 180,
    trust: "bbbbbbt",
    uses: 0,
    since: "2019-01-01",
  },
  {
    title: "Rapport om sjukfrånvaro till HR",
    kind: "report",
    purpose: "resource_allocation",
    component: "administration",
    requester: "KS",
    roles: ["manager"],
    units: ["UF", "VOF"],
    perYear: 12,
    minutes: 30,
    fields: ["Sjukfrånvaro"],
    trust: "ttttttt",
  },
  {
    title: "Delårsrapport – personalnyckeltal",
    kind: "report",
    purpose: "accountability",
    requester: "UF",
    roles: ["manager"],
    units: EDU,
    perYear: 2,
    minutes: 60,
    fields: ["Sjukfrånvaro"],
    trust: "ttttttt",
  },
  {
    title: "Tillbudsrapportering arbetsmiljö",
    kind: "documentation",
    purpose: "legal_requirement",
    requester: "KS",
    roles: ["employee", "manager"],
    units: ["UF", "VOF"],
    perYear: 2,
    minutes: 20,
    perEvent: true,
    law: "AFS 2001:1",
    trust: "bbbbbbb",
  },
];

const placement = (letters = "") =>
  Object.fromEntries(
    TRUST_DIMENSIONS.flatMap((dimension, i) => {
      const position = { t: "traditional", b: "both", r: "trust" }[letters[i] as "t" | "b" | "r"];
      return position ? [[dimension, position]] : [];
    }),
  ) as TrustPlacement;

const USE_TEXTS: [UseKind, string][] = [
  ["decision", "Underlag för nämndens beslut"],
  ["dialogue", "Diskuterades i uppföljningsdialogen"],
  ["report", "Sammanställdes i tertialrapporten"],
  ["action", "Ledde till en åtgärd på enheten"],
];

const DAY = 86_400_000;

export async function seedInventoryDemo(db: Db, tenantId: string, today = new Date()) {
  const units = new Map((await orgStore.chainUnits(db, tenantId)).map((unit) => [unit.code, unit.id]));
  for (const agency of NEW_AGENCIES) {
    const actor = await orgStore.insertActor(db, {
      tenantId,
      name: agency.name,
      kind: agency.kind,
      description: null,
    });
    const relatedUnit = units.get(agency.unit);
    if (relatedUnit)
      await orgStore.insertRelation(db, {
        tenantId,
        actorId: actor.id,
        unitId: relatedUnit,
        relationship: agency.relationship,
        note: null,
      });
  }
  const actors = new Map((await orgStore.listActors(db, tenantId)).map((actor) => [actor.name, actor.id]));
  const analyst = (await orgStore.roleHolders(db, tenantId, "analyst", "anywhere"))[0];
  const dayOf = (daysAgo: number) => new Date(today.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
  const unitId = (code: string) => {
    const id = units.get(code);
    if (!id) throw new Error(`The demo unit ${code} is missing`);
    return id;
  };
  const people = await orgStore.membershipsUnder(db, tenantId, "/");

  for (const [index, spec] of SPECS.entries()) {
    const requesterUnit = units.get(spec.requester);
    const requesterActor = requesterUnit ? undefined : actors.get(spec.requester);
    if (!requesterUnit && !requesterActor) throw new Error(`Unknown requester ${spec.requester}`);
    const row = await store.insertDemand(db, {
      tenantId,
      code: `D${String(index + 1).padStart(3, "0")}`,
      title: spec.title,
      kind: spec.kind,
      purpose: spec.purpose,
      controlComponent: spec.component ?? (spec.kind === "meeting" ? "culture" : "followup"),
      requesterUnitId: requesterUnit ?? null,
      requesterActorId: requesterActor ?? null,
      reporters: { roles: spec.roles, unitIds: spec.units.map(unitId) },
      frequencyKind: spec.perEvent ? "per_event" : "periodic",
      frequencyPerYear: spec.perYear,
      minutesPerOccurrence: spec.minutes,
      requiredByLaw: Boolean(spec.law),
      legalReference: spec.law ?? null,
      dataFields: spec.fields ?? [],
      recipients: spec.recipients ?? null,
      decisionsInformed: spec.decisions ?? null,
      startDate: spec.since ?? "2022-01-01",
      status: "active",
      existing: true,
      activatedAt: new Date(`${spec.since ?? "2022-01-01"}T00:00:00Z`),
      trust: placement(spec.trust),
      createdBy: analyst?.id ?? null,
    });
    const uses = spec.uses ?? 1 + (index % 3);
    for (let n = 0; n < uses; n++) {
      const [kind, description] = USE_TEXTS[(index + n) % USE_TEXTS.length];
      await store.insertUse(db, {
        tenantId,
        demandId: row.id,
        kind,
        description,
        usedOn: dayOf(20 + n * 97 + (index % 40)),
        recordedBy: analyst?.id ?? null,
      });
    }
    // Staff estimates from people who hold one of the roles in the reporting units.
    const reporters = people.filter(
      (m) =>
        spec.roles.includes(m.role as Role) &&
        spec.units.some((code) => m.unitPath.includes(`/${unitId(code)}/`)),
    );
    for (const [n, minutes] of (spec.estimates ?? []).entries()) {
      const person = reporters[(n * 7) % Math.max(1, reporters.length)];
      if (person)
        await store.saveEstimate(db, { tenantId, demandId: row.id, personId: person.personId, minutes });
    }
  }
  await proposedDemand(db, tenantId, unitId, analyst, people);
  await retiredDemand(db, tenantId, unitId, analyst, today);
}

type Analyst = { id: string; name: string } | undefined;

/** A new demand out for consultation, with staff's comments. */
async function proposedDemand(
  db: Db,
  tenantId: string,
  unitId: (code: string) => string,
  analyst: Analyst,
  people: { personId: string; name: string; unitPath: string; role: string }[],
) {
  const row = await store.insertDemand(db, {
    tenantId,
    code: "D900",
    title: "Daglig trivselmätning i hemtjänsten",
    description:
      "Förslag: varje medarbetare registrerar efter varje besök hur brukaren verkade trivas (1–5).",
    kind: "survey",
    purpose: "accountability",
    requesterUnitId: unitId("VOF"),
    reporters: { roles: ["employee"], unitIds: [unitId("HT")] },
    frequencyPerYear: 220,
    minutesPerOccurrence: 5,
    dataFields: ["Brukarens trivsel"],
    status: "draft",
    trust: placement("tttttbt"),
    createdBy: analyst?.id ?? null,
  });
  await store.saveAnalysis(db, {
    demandId: row.id,
    tenantId,
    status: "consultation",
    purposeAndUsers: "Förvaltningsledningen vill följa brukarnas trivsel veckovis.",
    decisionsInformed: "Oklart – möjligen fördelning av kvalitetsutvecklarnas tid.",
    goalDisplacementRisk: "Hög: siffran kan bli ett mål i sig och registreras slentrianmässigt.",
    discretionEffect: "Tar tid från besöket; personalen upplever kontroll snarare än stöd.",
    citizenValue: "Låg – brukarna tillfrågas inte själva.",
    alternatives: "Brukarundersökningen finns redan; boenderåd och samtal i teamen ger mer.",
    staffConsulted: "Hemtjänst Norra och Södra",
  });
  const carers = people
    .filter((m) => m.role === "employee" && m.unitPath.includes(`/${unitId("HT")}/`))
    .slice(0, 3);
  const comments = [
    "Fem minuter gånger åtta besök är fyrtio minuter om dagen. Den tiden tas från brukarna.",
    "Fråga brukarna själva i stället, t.ex. vid uppföljningen av genomförandeplanen.",
    "Vi har redan Brukarundersökningen. Vad ska den här siffran användas till?",
  ];
  for (const [n, carer] of carers.entries())
    await store.insertComment(db, {
      tenantId,
      demandId: row.id,
      personId: carer.personId,
      personName: carer.name,
      body: comments[n],
    });
}

/** A demand retired this year, with the hours it freed. */
async function retiredDemand(
  db: Db,
  tenantId: string,
  unitId: (code: string) => string,
  analyst: Analyst,
  today: Date,
) {
  const endedOn = new Date(today.getTime() - 120 * DAY);
  const row = await store.insertDemand(db, {
    tenantId,
    code: "D901",
    title: "Dubbelregistrering av insatstid i kalkylblad",
    kind: "documentation",
    purpose: "resource_allocation",
    requesterUnitId: unitId("HT"),
    reporters: { roles: ["employee"], unitIds: [unitId("HT")] },
    frequencyPerYear: 50,
    minutesPerOccurrence: 20,
    dataFields: ["Utförd tid per besök"],
    startDate: "2019-01-01",
    endDate: endedOn.toISOString().slice(0, 10),
    status: "retired",
    existing: true,
    trust: placement("ttttttt"),
    createdBy: analyst?.id ?? null,
  });
  const proposal = await store.insertRetirement(db, {
    tenantId,
    demandId: row.id,
    reason: "Samma uppgifter finns i tidsregistreringen; kalkylbladet läses inte av någon.",
    proposedBy: analyst?.id ?? null,
    proposedByName: analyst?.name ?? null,
    proposedAt: new Date(endedOn.getTime() - 14 * DAY),
  });
  const context = await loadChain(db, tenantId);
  const freed = totalOf(
    burdenLines(context.chain, context.settings, [toBurdenDemand(row, context)], { kind: "tenant" }),
  );
  await store.decideRetirement(db, proposal.id, {
    status: "approved",
    decidedByName: "Vård- och omsorgsförvaltningens ledningsgrupp",
    decidedAt: endedOn,
    decisionReason: "Avvecklas; tidsregistreringen räcker.",
    freedHours: freed.hours,
    freedCost: freed.cost,
  });
}
