// Trust barometer rounds in Exempelkommun: a spring and an autumn round for the education and the
// elder-care boards, already closed, with realistic patterns — managers rate their discretion
// higher than staff do, elder care spends more time on reporting that helps no one, and things
// improve a little from spring to autumn — and one open round in the education administration.
// Small units get too few answers and are suppressed in the results, as they must be.
import { randomUUID } from "node:crypto";
import type { Db } from "../core/db.ts";
import { createRandom, type Random } from "../demo/random.ts";
import { chainUnits, roleHolders } from "../org/service.ts";
import { shuffled } from "./model.ts";
import { closeWithAnswers, invitationsFor, settingsOf } from "./rounds-service.ts";
import * as store from "./store.ts";

const ITEMS = [
  "tillit.1",
  "medborgarfokus.1",
  "helhetssyn.1",
  "handlingsutrymme.1",
  "handlingsutrymme.2",
  "stod.2",
  "kunskap.1",
  "oppenhet.1",
  "kvv.vagar",
  "trygghet.1",
  "borda.timmar",
  "oppen.hjalp",
];

/** Typical answers on a 1–5 scale: staff, and how much higher managers answer. */
const BASE: Record<string, { staff: number; managerLift: number }> = {
  "tillit.1": { staff: 3.6, managerLift: 0.4 },
  "medborgarfokus.1": { staff: 3.9, managerLift: 0.2 },
  "helhetssyn.1": { staff: 3.2, managerLift: 0.5 },
  "handlingsutrymme.1": { staff: 2.9, managerLift: 1.2 },
  "handlingsutrymme.2": { staff: 2.6, managerLift: 1.3 },
  "stod.2": { staff: 2.7, managerLift: 0.6 },
  "kunskap.1": { staff: 3.8, managerLift: 0.1 },
  "oppenhet.1": { staff: 3.3, managerLift: 0.8 },
  "kvv.vagar": { staff: 3.1, managerLift: 0.9 },
  "trygghet.1": { staff: 3.7, managerLift: 0.3 },
  "borda.timmar": { staff: 3.2, managerLift: 0.4 },
};

const COMMENTS = [
  "Färre rapporter som ingen läser.",
  "Tid att prata med kollegor om svåra ärenden.",
  "Att chefen har tid att vara på plats.",
  "Ett dokumentationssystem som fungerar på telefonen.",
  "Vikarier när någon är sjuk, så att vi inte går på knäna.",
  "Att vi får pröva nya arbetssätt utan att fylla i tre blanketter först.",
  "Mer kollegialt lärande, mindre uppföljning uppifrån.",
  "Att förvaltningen svarar när vi frågar om något.",
  "Kontinuitet – samma personal hos samma brukare.",
  "Tydligare besked om vad som faktiskt måste dokumenteras enligt lag.",
];

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export async function seedBarometerDemo(db: Db, tenantId: string, today = new Date()) {
  const random = createRandom(4242);
  const units = new Map((await chainUnits(db, tenantId)).map((unit) => [unit.code, unit]));
  const byId = new Map([...units.values()].map((unit) => [unit.id, unit]));
  const director = (await roleHolders(db, tenantId, "director", [units.get("UF")!.id]))[0];
  const seasons = [
    { title: "Tillitsbarometern våren", closedDaysAgo: 200, improvement: 0 },
    { title: "Tillitsbarometern hösten", closedDaysAgo: 40, improvement: 0.25 },
  ];
  for (const board of ["BUN", "VON"])
    for (const season of seasons) {
      const scope = units.get(board)!;
      const closedAt = new Date(today.getTime() - season.closedDaysAgo * DAY);
      await pastRound(db, tenantId, random, {
        title: `${season.title} – ${scope.name}`,
        scope,
        opensOn: isoDay(new Date(closedAt.getTime() - 14 * DAY)),
        closesOn: isoDay(closedAt),
        closedAt,
        improvement: season.improvement,
        elderCare: board === "VON",
        unitCode: (unitId) => byId.get(unitId)?.code ?? "",
        createdBy: director,
      });
    }
  // An open round in the education administration, for trying the answer page.
  const settings = await settingsOf(db, tenantId);
  const scope = units.get("UF")!;
  const invitations = await invitationsFor(db, tenantId, scope.path, settings.minGroupSize);
  const open = await store.insertRound(db, {
    tenantId,
    title: "Pulsmätning december – Utbildningsförvaltningen",
    unitId: scope.id,
    itemIds: ITEMS.slice(0, 8).concat(["trygghet.1", "oppen.hjalp"]),
    opensOn: isoDay(new Date(today.getTime() - 2 * DAY)),
    closesOn: isoDay(new Date(today.getTime() + 12 * DAY)),
    k: settings.minGroupSize,
    createdBy: director.id,
    createdByName: director.name,
    invitedAt: new Date(today.getTime() - 2 * DAY),
  });
  await store.insertInvitations(
    db,
    shuffled(invitations).map(({ email: _email, ...rest }) => ({ ...rest, roundId: open.id })),
  );
}

type PastRound = {
  title: string;
  scope: { id: string; path: string };
  opensOn: string;
  closesOn: string;
  closedAt: Date;
  improvement: number;
  elderCare: boolean;
  unitCode: (unitId: string) => string;
  createdBy: { id: string; name: string };
};

/** A closed round whose answers were counted in the batches a closing round counts its pool in. */
async function pastRound(db: Db, tenantId: string, random: Random, seed: PastRound) {
  const settings = await settingsOf(db, tenantId);
  const invitations = await invitationsFor(db, tenantId, seed.scope.path, settings.minGroupSize);
  const row = await store.insertRound(db, {
    tenantId,
    title: seed.title,
    unitId: seed.scope.id,
    itemIds: ITEMS,
    opensOn: seed.opensOn,
    closesOn: seed.closesOn,
    k: settings.minGroupSize,
    createdBy: seed.createdBy.id,
    createdByName: seed.createdBy.name,
    invitedAt: new Date(`${seed.opensOn}T07:00:00Z`),
    remindedAt: new Date(`${seed.closesOn}T07:00:00Z`),
  });
  // About three in four answer; some small units hardly at all, so they are suppressed.
  // Sorted by e-mail first, so the same seed picks the same people on every database and every run.
  const answeredIn = new Map<string, number>();
  const ordered = [...invitations].sort((a, b) =>
    (a.email ?? a.personId).localeCompare(b.email ?? b.personId),
  );
  const answering = new Set(
    ordered
      .filter((invitation) => {
        const code = seed.unitCode(invitation.answerUnitId);
        const taken = answeredIn.get(code) ?? 0;
        // The small units stay below k, so their results are always suppressed.
        const answers = random.next() < answerRate(code) && (!isQuiet(code) || taken < row.k - 2);
        if (answers) answeredIn.set(code, taken + 1);
        return answers;
      })
      .map((invitation) => invitation.personId),
  );
  await store.insertInvitations(
    db,
    shuffled(invitations).map(({ email: _email, ...rest }) => ({
      ...rest,
      roundId: row.id,
      answered: answering.has(rest.personId),
    })),
  );
  const respondents = ordered.filter((invitation) => answering.has(invitation.personId));
  const answered = respondents.map((invitation) => {
    const manager = invitation.roleCategory === "manager";
    const answers = ITEMS.slice(0, -1).map((itemId) => ({
      itemId,
      value: answerOf(random, itemId, manager, seed),
    }));
    const comment = random.next() < 0.3 ? [{ itemId: "oppen.hjalp", text: random.pick(COMMENTS) }] : [];
    return {
      id: randomUUID(),
      unitId: invitation.answerUnitId,
      roleCategory: invitation.roleCategory,
      answers: [...answers, ...comment],
    };
  });
  await closeWithAnswers(db, row, answered, seed.closedAt);
}

/** Some units answer less; the smallest ones end up below k and are suppressed. */
const isQuiet = (code: string) => code.startsWith("FS-HA") || code.startsWith("GY-VUX");
const answerRate = (code: string) => (isQuiet(code) ? 0.35 : 0.78);

function answerOf(random: Random, itemId: string, manager: boolean, seed: PastRound): number | null {
  if (random.next() < 0.05) return null;
  const base = BASE[itemId];
  let mean = base.staff + (manager ? base.managerLift : 0) + seed.improvement;
  if (itemId === "borda.timmar") mean += seed.elderCare ? 0.6 : 0;
  const noise = (random.next() + random.next() + random.next() - 1.5) * 1.6;
  return Math.min(5, Math.max(1, Math.round(mean + noise)));
}
