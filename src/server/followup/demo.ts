// A full follow-up cycle in Exempelkommun: Ekbackens skola and Solgårdens äldreboende with their
// assignments, expectations agreed in dialogue (one with a disagreement that stays on record),
// entries before, during and after, upward requests answered, declined and overdue, and dialogue
// meetings with minutes. Written through the store, inside the demo seed's transaction.
import type { Db } from "../core/db.ts";
import * as org from "../org/service.ts";
import type {
  ActionState,
  Addressee,
  Agenda,
  DialoguePair,
  EntryKind,
  FollowupMethod,
  Phase,
} from "./model.ts";
import * as store from "./store.ts";

type Person = { id: string; name: string };
type Unit = { id: string; name: string };

const DAY = 86_400_000;

/** The school year the demo's expectations belong to: August to June around today. */
function schoolYear(today: Date) {
  const year = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return { periodStart: `${year}-08-01`, periodEnd: `${year + 1}-06-30` };
}

export async function seedFollowupDemo(db: Db, tenantId: string, today = new Date()) {
  const units = new Map((await org.chainUnits(db, tenantId)).map((unit) => [unit.code, unit]));
  const unit = (code: string): Unit & { path: string } => {
    const found = units.get(code);
    if (!found) throw new Error(`The demo unit ${code} is missing`);
    return found;
  };
  const holder = async (role: "manager" | "director" | "politician" | "employee", code: string) => {
    const [person] = await org.roleHolders(db, tenantId, role, [unit(code).id]);
    if (!person) throw new Error(`No ${role} in ${code}`);
    return person;
  };
  const staffOf = async (code: string) =>
    (await org.unitMembers(db, unit(code).id)).filter((member) => member.role === "employee");
  const ago = (days: number, hour = 9) => new Date(today.getTime() - days * DAY + (hour - 12) * 3_600_000);
  const period = schoolYear(today);

  // ---- Ekbackens skola
  const school = unit("GR-EK");
  const manager = await holder("manager", "GR-EK");
  const director = await holder("director", "UF");
  const politician = await holder("politician", "BUN");
  const teachers = [
    ...(await staffOf("GR-EK")),
    ...(await staffOf("GR-EK-1")),
    ...(await staffOf("GR-EK-2")),
  ];

  await store.saveAssignment(db, {
    unitId: school.id,
    tenantId,
    purpose:
      "Ge varje elev i förskoleklass till årskurs 9 en utbildning där de utvecklas så långt som möjligt, i en trygg skola.",
    citizens: "Omkring 420 elever och deras vårdnadshavare i Ekbacken och Norrby.",
    valueInTheMeeting:
      "Lärare som har tid att se varje elev, återkoppling som eleven förstår och en vuxen som följer upp när något inte fungerar.",
    frame:
      "Skollagen och läroplanen (Lgr22), nämndens mål för läsåret, en budget på 48 mnkr och skolans lokaler.",
    updatedBy: manager.id,
    updatedByName: manager.name,
  });

  const feedback = await agreedExpectation(db, tenantId, school, manager, {
    ...period,
    title: "Varje elev får återkoppling på sitt lärande minst varannan vecka",
    description:
      "Eleven vet vad den kan, vad nästa steg är och hur den tar det. Återkopplingen ges muntligt eller skriftligt i den form som passar ämnet.",
    assignmentLink: "Utbildning där varje elev utvecklas så långt som möjligt",
    method: "narrative",
    methodNote: "Arbetslagen berättar vid terminens slut hur det gick, med exempel från elever.",
    firstVersion: {
      title: "Varje elev får återkoppling på sitt lärande varje vecka",
      positions: [
        [
          teachers[0],
          false,
          "Varje vecka är inte rimligt i ämnen med en lektion i veckan. Varannan vecka går att hålla.",
        ],
        [teachers[1], false, "Instämmer – och låt oss själva välja formen."],
        [teachers[2], true, null],
      ],
    },
    positions: [
      [teachers[0], true, null],
      [teachers[1], true, null],
      [teachers[2], true, null],
      [
        teachers[3],
        false,
        "Jag håller inte med om att detta ska följas upp per elev; det blir dokumentation för dokumentationens skull.",
      ],
      [teachers[4], true, null],
    ],
    agreedDaysAgo: 70,
  });
  await agreedExpectation(db, tenantId, school, manager, {
    ...period,
    title: "Eleverna känner sig trygga i korridorer och på raster",
    description:
      "Alla elever ska kunna röra sig på skolan utan oro. Rastvärdar finns där eleverna säger att det behövs.",
    assignmentLink: "En trygg skola",
    method: "citizen_voice",
    methodNote: "Elevrådet gör en trygghetsvandring varje termin och berättar vad de ser.",
    positions: teachers.slice(0, 6).map((teacher) => [teacher, true, null] as const),
    agreedDaysAgo: 68,
  });
  const inDialogue = await store.insertExpectation(db, {
    tenantId,
    unitId: school.id,
    ...period,
    title: "Mindre tid till dokumentation som ingen läser",
    description:
      "Vi går igenom vad som dokumenteras i lärplattformen och slutar med det som inte används av elever, vårdnadshavare eller lärare.",
    method: "self_assessment",
    state: "dialogue",
    draftedBy: manager.id,
    draftedByName: manager.name,
    createdAt: ago(12),
  });
  await position(db, tenantId, inDialogue, teachers[5], true, "Äntligen. Börja med veckobreven.");

  await entries(db, tenantId, school, feedback.id, [
    [
      teachers[0],
      "before",
      "lesson",
      "Förra läsåret hann vi inte ge återkoppling i praktiska ämnen; vi planerar in det i schemat från start.",
      90,
    ],
    [
      teachers[1],
      "during",
      "good_example",
      "Kamratbedömning i åk 5 gav eleverna ett språk för sitt eget lärande – och sparade tid för mig.",
      40,
    ],
    [
      teachers[2],
      "during",
      "problem",
      "Återkopplingen ska också föras in i lärplattformen, det tar två timmar i veckan och ingen vårdnadshavare läser den.",
      35,
    ],
    [
      teachers[3],
      "during",
      "citizen_perspective",
      "En vårdnadshavare berättade att sonen för första gången vet vad han ska öva på i matte.",
      20,
    ],
    [
      manager,
      "during",
      "evidence",
      "Elevenkäten i oktober: 78 % av eleverna svarar att de vet hur de ligger till, mot 61 % i fjol.",
      14,
    ],
    [
      teachers[4],
      "after",
      "good_example",
      "Arbetslag 4–6 har gjort en gemensam mall för muntlig återkoppling som andra lag vill låna.",
      5,
    ],
  ]);

  await request(db, tenantId, school, manager, {
    title: "Ta bort den veckovisa närvarorapporten till förvaltningen",
    description:
      "Samma uppgifter finns redan i skolans system. Rapporten tar en timme i veckan för varje mentor.",
    addressee: "administration",
    daysAgo: 40,
    answer: {
      state: "accepted",
      by: director,
      afterHours: 52,
      reason: "Vi hämtar uppgifterna ur systemet från januari.",
    },
    afterwards: ["in_progress"],
  });
  await request(db, tenantId, school, manager, {
    title: "Fler speciallärartimmar i åk 1–3",
    description: "Läsförståelsen i åk 3 har sjunkit två år i rad. Vi behöver en speciallärare på halvtid.",
    addressee: "board",
    daysAgo: 55,
    answer: {
      state: "declined",
      by: politician,
      afterHours: 330,
      reason: "Ryms inte i årets budget; frågan tas med i budgetdialogen inför nästa år.",
    },
  });
  await request(db, tenantId, school, manager, {
    title: "Stöd för att rensa i lärplattformens dokumentation",
    description:
      "Vi behöver hjälp att se vilka fält som är obligatoriska enligt lag och vilka som är lokala beslut.",
    addressee: "support",
    daysAgo: 20,
    answer: { state: "accepted", by: await anyAnalyst(db, tenantId), afterHours: 26, reason: null },
  });
  await request(db, tenantId, school, teachers[2], {
    title: "Vikarier vid korttidsfrånvaro",
    description: "Lärare täcker för varandra flera gånger i veckan; det går ut över återkopplingen.",
    addressee: "administration",
    daysAgo: 24,
  });

  const autumn = await meeting(db, tenantId, unit("UF"), school, {
    pair: "director_managers",
    title: "Uppföljningsdialog hösten",
    heldDaysAgo: 45,
    participants: [director, manager],
    agenda: {
      review_actions: { minutes: "Första dialogen för läsåret; inga tidigare åtgärder." },
      good_examples: {
        lower: "Kamratbedömning i åk 5.",
        minutes: "Förvaltningen vill sprida exemplet till fler skolor.",
      },
      hindrances: {
        lower: "Dubbel dokumentation av närvaro och återkoppling.",
        minutes: "Närvarorapporten tas upp som begäran.",
      },
      citizen_voice: { lower: "Vårdnadshavare uppskattar tydligare återkoppling." },
      needs_both_ways: {
        upper: "Att skolan delar sina exempel i rektorsgruppen.",
        lower: "Färre rapporter och stöd med lärplattformen.",
      },
      agreements: {
        minutes: "Skolan skickar en begäran om närvarorapporten; förvaltningen svarar inom två veckor.",
      },
    },
    minutes: "Samtalet utgick från elevernas återkoppling. Vi var överens om att rapporteringen ska minska.",
  });
  await store.insertAction(
    db,
    {
      tenantId,
      unitId: school.id,
      dialogueId: autumn.id,
      title: "Visa kamratbedömningen i rektorsgruppen",
      addressee: "unit",
      state: "done",
      ownerId: manager.id,
      ownerName: manager.name,
      createdBy: director.id,
      createdByName: director.name,
      createdAt: ago(45, 15),
    },
    director.name,
  );
  await meeting(db, tenantId, unit("UF"), school, {
    pair: "director_managers",
    title: "Uppföljningsdialog vinter",
    heldDaysAgo: -10,
    participants: [director, manager],
    agenda: { needs_both_ways: { lower: "Svar om vikarier vid korttidsfrånvaro." } },
    minutes: null,
  });

  // ---- Solgårdens äldreboende
  const home = unit("SÄBO-SO");
  const homeManager = await holder("manager", "SÄBO-SO");
  const careDirector = await holder("director", "VOF");
  const carers = [...(await staffOf("SÄBO-SO")), ...(await staffOf("SÄBO-SO-1"))];
  await store.saveAssignment(db, {
    unitId: home.id,
    tenantId,
    purpose: "Ge de boende en trygg vardag där de bestämmer så mycket som möjligt själva.",
    citizens: "32 boende på fyra avdelningar och deras närstående.",
    valueInTheMeeting: "Tid att lyssna, kontinuitet i personalen och att den boendes egna vanor styr dagen.",
    frame: "Socialtjänstlagen, HSL, nämndens värdegrund för äldreomsorgen och enhetens budget.",
    updatedBy: homeManager.id,
    updatedByName: homeManager.name,
  });
  const meals = await agreedExpectation(db, tenantId, home, homeManager, {
    ...period,
    title: "Måltiden är dagens höjdpunkt för den som vill",
    description: "De boende väljer när och var de äter, och personalen sitter med vid bordet.",
    assignmentLink: "Den boendes egna vanor styr dagen",
    method: "citizen_voice",
    methodNote: "Vi frågar de boende och närstående vid boenderåden varje kvartal.",
    positions: carers.slice(0, 5).map((carer) => [carer, true, null] as const),
    agreedDaysAgo: 60,
  });
  await entries(db, tenantId, home, meals.id, [
    [
      carers[0],
      "during",
      "good_example",
      "Frukost mellan 7 och 11 har gett lugnare morgnar – färre larm och gladare boende.",
      30,
    ],
    [
      carers[1],
      "during",
      "problem",
      "Matvagnen kommer 11.15 oavsett när de boende vill äta; köket kan inte ändra tiden.",
      21,
    ],
    [
      carers[2],
      "after",
      "lesson",
      "När personalen äter med de boende blir det mindre spill och mer samtal.",
      7,
    ],
  ]);
  await request(db, tenantId, home, homeManager, {
    title: "Flexibla leveranstider från centralköket",
    description: "Vi behöver kunna hämta lunchen mellan 11 och 13 i stället för en fast tid.",
    addressee: "administration",
    daysAgo: 18,
    answer: {
      state: "accepted",
      by: careDirector,
      afterHours: 20,
      reason: "Vi prövar i tre månader från nästa månad.",
    },
  });
  await meeting(db, tenantId, home, unit("SÄBO-SO-1"), {
    pair: "manager_team",
    title: "Teamdialog Vitsippan",
    heldDaysAgo: 14,
    participants: [homeManager, ...carers.slice(0, 3)],
    agenda: {
      good_examples: { lower: "Fri frukost.", minutes: "Alla vill behålla den." },
      hindrances: { lower: "Fasta leveranstider från köket." },
      needs_both_ways: {
        lower: "Att chefen driver frågan om köket.",
        upper: "Att ni skriver ner vad de boende säger.",
      },
      agreements: { minutes: "Chefen skickar en begäran till förvaltningen om leveranstiderna." },
    },
    minutes: "Ett bra samtal om måltiderna. Teamet för anteckningar från boenderådet.",
  });
}

type ExpectationSeed = {
  periodStart: string;
  periodEnd: string;
  title: string;
  description: string;
  assignmentLink: string;
  method: FollowupMethod;
  methodNote: string;
  firstVersion?: { title: string; positions: (readonly [Person, boolean, string | null])[] };
  positions: (readonly [Person, boolean, string | null])[];
  agreedDaysAgo: number;
};

/** An expectation taken through dialogue to agreement, with an earlier version when given. */
async function agreedExpectation(
  db: Db,
  tenantId: string,
  unit: Unit,
  manager: Person,
  seed: ExpectationSeed,
) {
  const created = new Date(Date.now() - (seed.agreedDaysAgo + 20) * DAY);
  let row = await store.insertExpectation(db, {
    tenantId,
    unitId: unit.id,
    periodStart: seed.periodStart,
    periodEnd: seed.periodEnd,
    title: seed.firstVersion?.title ?? seed.title,
    description: seed.description,
    assignmentLink: seed.assignmentLink,
    method: seed.method,
    methodNote: seed.methodNote,
    state: "dialogue",
    draftedBy: manager.id,
    draftedByName: manager.name,
    createdAt: created,
  });
  if (seed.firstVersion) {
    for (const [person, agrees, comment] of seed.firstVersion.positions)
      await position(db, tenantId, row, person, agrees, comment);
    row = await store.updateExpectation(db, row.id, { title: seed.title, version: 2 });
    await store.saveVersion(db, row, manager.name);
  }
  for (const [person, agrees, comment] of seed.positions)
    await position(db, tenantId, row, person, agrees, comment);
  return store.updateExpectation(db, row.id, {
    state: "agreed",
    agreedAt: new Date(Date.now() - seed.agreedDaysAgo * DAY),
    agreedByName: manager.name,
  });
}

function position(
  db: Db,
  tenantId: string,
  row: store.ExpectationRow,
  person: Person,
  agrees: boolean,
  comment: string | null,
) {
  return store.savePosition(db, {
    tenantId,
    expectationId: row.id,
    version: row.version,
    personId: person.id,
    personName: person.name,
    agrees,
    comment,
  });
}

async function entries(
  db: Db,
  tenantId: string,
  unit: Unit,
  expectationId: string,
  lines: [Person, Phase, EntryKind, string, number][],
) {
  for (const [author, phase, kind, body, daysAgo] of lines)
    await store.insertEntry(db, {
      tenantId,
      unitId: unit.id,
      expectationId,
      phase,
      kind,
      body,
      learningBank: kind === "good_example",
      authorId: author.id,
      authorName: author.name,
      createdAt: new Date(Date.now() - daysAgo * DAY),
    });
}

type RequestSeed = {
  title: string;
  description: string;
  addressee: Addressee;
  daysAgo: number;
  answer?: { state: "accepted" | "declined"; by: Person; afterHours: number; reason: string | null };
  afterwards?: ActionState[];
};

/** An upward request, answered after the given hours or still open. */
async function request(db: Db, tenantId: string, unit: Unit, from: Person, seed: RequestSeed) {
  const createdAt = new Date(Date.now() - seed.daysAgo * DAY);
  let row = await store.insertAction(
    db,
    {
      tenantId,
      unitId: unit.id,
      title: seed.title,
      description: seed.description,
      addressee: seed.addressee,
      createdBy: from.id,
      createdByName: from.name,
      createdAt,
    },
    from.name,
  );
  if (!seed.answer) return row;
  const answeredAt = new Date(createdAt.getTime() + seed.answer.afterHours * 3_600_000);
  row = await store.moveAction(
    db,
    row,
    seed.answer.state,
    {
      answeredAt,
      answeredByName: seed.answer.by.name,
      declineReason: seed.answer.state === "declined" ? seed.answer.reason : null,
      ownerId: seed.answer.state === "accepted" ? seed.answer.by.id : null,
      ownerName: seed.answer.state === "accepted" ? seed.answer.by.name : null,
    },
    { reason: seed.answer.reason, byName: seed.answer.by.name, at: answeredAt },
  );
  for (const next of seed.afterwards ?? [])
    row = await store.moveAction(
      db,
      row,
      next,
      {},
      { reason: null, byName: seed.answer.by.name, at: new Date(answeredAt.getTime() + 7 * DAY) },
    );
  return row;
}

type MeetingSeed = {
  pair: DialoguePair;
  title: string;
  heldDaysAgo: number;
  participants: Person[];
  agenda: Agenda;
  minutes: string | null;
};

function meeting(db: Db, tenantId: string, upper: Unit, lower: Unit, seed: MeetingSeed) {
  const heldOn = new Date(Date.now() - seed.heldDaysAgo * DAY).toISOString().slice(0, 10);
  return store.insertDialogue(db, {
    tenantId,
    upperUnitId: upper.id,
    lowerUnitId: lower.id,
    pair: seed.pair,
    title: seed.title,
    heldOn,
    participants: seed.participants.map((person) => ({ personId: person.id, name: person.name })),
    agenda: seed.agenda,
    minutes: seed.minutes,
    status: seed.heldDaysAgo > 0 ? "held" : "planned",
  });
}

async function anyAnalyst(db: Db, tenantId: string): Promise<Person> {
  const [analyst] = await org.roleHolders(db, tenantId, "analyst", "anywhere");
  if (!analyst) throw new Error("The demo has no analyst");
  return analyst;
}
