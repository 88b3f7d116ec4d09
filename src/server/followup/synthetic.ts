// Follow-up data at scale for an existing tenant's chain: assignments, expectations with their
// versions and positions, entries, dialogue meetings and actions to every level in every state, aged
// over the past year so that responsiveness, overdue requests and "väntar på oss" have real work.
// Deterministic for a seed and a day (ids come from the seed too), and written set-based through the
// store — one statement per batch — so 12,000 actions cost a few dozen round trips, not 12,000.
// The benchmark (`bench/`) calls it after building a synthetic organisation.
import type { Db } from "../core/db.ts";
import { createRandom, type Random } from "../demo/random.ts";
import * as org from "../org/service.ts";
import {
  type ActionState,
  ADDRESSEE_NAMES,
  type Addressee,
  AGENDA,
  type Agenda,
  ANSWER_DAYS_DEFAULT,
  type EntryKind,
  type ExpectationState,
  FOLLOWUP_METHODS,
  type Phase,
} from "./model.ts";
import * as store from "./store.ts";

export type FollowupScale = { actions: number; seed: number; today?: Date };
export type GeneratedFollowup = {
  assignments: number;
  expectations: number;
  positions: number;
  entries: number;
  dialogues: number;
  actions: number;
  events: number;
};

type Person = { id: string; name: string };
type Unit = { id: string; path: string; name: string };
type Role = "manager" | "director" | "politician" | "analyst" | "employee";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How often each level is addressed: most actions go upward, as the cycle means them to. */
const ADDRESSEE_WEIGHTS: [Addressee, number][] = [
  ["unit", 30],
  ["manager", 25],
  ["administration", 25],
  ["board", 10],
  ["support", 10],
];
/** Who answers a request to each level (policy.ts ANSWERING_ROLE), found above the unit. */
const ANSWERER: Partial<Record<Addressee, Role>> = {
  manager: "manager",
  administration: "director",
  board: "politician",
  support: "analyst",
};
/** The way an answered action goes on after its answer, by how far it got. */
const AFTER_ACCEPTED: ActionState[][] = [
  [],
  ["in_progress"],
  ["done"],
  ["in_progress", "done"],
  ["done", "evaluated"],
];

const TITLES = [
  "Färre rapporter om frånvaro",
  "Vikarier vid korttidsfrånvaro",
  "Stöd med dokumentationen i verksamhetssystemet",
  "Flexibla leveranstider från centralköket",
  "Fler speciallärartimmar",
  "Gemensam mall för återkoppling",
  "Översyn av schemat för helger",
  "Tid för kollegialt lärande",
  "Ta bort dubbel registrering av avvikelser",
  "Bättre lokaler för samtal med närstående",
];
const ENTRY_TEXTS: Record<EntryKind, string> = {
  good_example: "Vi provade ett nytt arbetssätt och det gav mer tid med dem vi finns till för.",
  problem: "Samma uppgifter rapporteras två gånger, och ingen läser den andra rapporten.",
  lesson: "När vi planerar uppföljningen från start hinner vi med den.",
  citizen_perspective: "En anhörig berättade att kontakten med oss blivit tydligare.",
  evidence: "Enkäten visar att fler än förra året vet vart de ska vända sig.",
};

/** A version-4 uuid drawn from the seeded generator, so a seed gives the same ids every time. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A 32-bit FNV-1a hash of a text. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function weighted<T>(random: Random, weights: readonly [T, number][]): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  for (const [value, weight] of weights) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return weights[weights.length - 1][0];
}

/** The chain as the generator needs it: units with members, and who holds which role where. */
async function loadChain(db: Db, tenantId: string) {
  const units = await org.chainUnits(db, tenantId);
  const byId = new Map<string, Unit>(units.map((unit) => [unit.id, unit]));
  const members = await org.membershipsUnder(db, tenantId, "/");
  const holders = new Map<string, Person[]>();
  for (const member of members) {
    const key = `${member.unitId}:${member.role}`;
    const list = holders.get(key) ?? [];
    list.push({ id: member.personId, name: member.name });
    holders.set(key, list);
  }
  const staffed = units.filter(
    (unit) => holders.has(`${unit.id}:employee`) || holders.has(`${unit.id}:manager`),
  );
  const analysts = members.filter((member) => member.role === "analyst");
  /** The nearest holder of `role` in the unit or above it (any analyst for support). */
  const above = (unit: Unit, role: Role): Person | null => {
    if (role === "analyst") return analysts[0] ? { id: analysts[0].personId, name: analysts[0].name } : null;
    const ids = unit.path.split("/").filter(Boolean).reverse();
    for (const id of ids) {
      const found = holders.get(`${id}:${role}`);
      if (found?.length) return found[0];
    }
    return null;
  };
  const staffOf = (unit: Unit) => [
    ...(holders.get(`${unit.id}:manager`) ?? []),
    ...(holders.get(`${unit.id}:employee`) ?? []),
  ];
  const parentOf = (unit: Unit) => {
    const ids = unit.path.split("/").filter(Boolean);
    return ids.length > 1 ? (byId.get(ids[ids.length - 2]) ?? null) : null;
  };
  return { staffed, above, staffOf, parentOf };
}

/**
 * Writes `actions` actions (and about one expectation per six actions, one entry per two, a
 * dialogue meeting per hundred) for the tenant's staffed units. Returns what it wrote.
 */
export async function generateFollowup(
  db: Db,
  tenantId: string,
  { actions: actionCount, seed, today = new Date() }: FollowupScale,
): Promise<GeneratedFollowup> {
  const random = createRandom(seed);
  // Ids come from a stream of their own, mixed with the tenant, so two tenants generated with one
  // seed get the same data under different ids.
  const ids = createRandom(seed ^ hashOf(tenantId));
  const newId = () => uuidFrom(ids);
  const chain = await loadChain(db, tenantId);
  if (!chain.staffed.length) throw new Error("The tenant has no staffed units to follow up");
  const now = today.getTime();
  const ago = (days: number) => new Date(now - days * DAY);
  /** Ages skewed towards the recent past: most follow-up is from the last months. */
  const ageDaysDrawn = () => Math.floor(365 * random.next() ** 2);
  const out: store.GeneratedRows = {
    assignments: [],
    expectations: [],
    versions: [],
    positions: [],
    entries: [],
    dialogues: [],
    actions: [],
    events: [],
  };

  // Expectations and assignments for a share of the units, positions from their staff.
  const expectationCount = Math.max(1, Math.round(actionCount / 6));
  const assigned = new Set<string>();
  for (let i = 0; i < expectationCount; i++) {
    const unit = random.pick(chain.staffed);
    const manager = chain.above(unit, "manager");
    if (!assigned.has(unit.id)) {
      assigned.add(unit.id);
      out.assignments.push({
        unitId: unit.id,
        tenantId,
        purpose: `${unit.name} finns till för dem som bor och verkar i kommunen.`,
        updatedBy: manager?.id ?? null,
        updatedByName: manager?.name ?? null,
        updatedAt: ago(ageDaysDrawn() + 30),
      });
    }
    const state = weighted<ExpectationState>(random, [
      ["draft", 1],
      ["dialogue", 2],
      ["agreed", 6],
      ["closed", 1],
    ]);
    const method = random.pick(FOLLOWUP_METHODS);
    const id = newId();
    const createdAt = ago(ageDaysDrawn() + 20);
    const title = `Förväntan ${i + 1} för ${unit.name}`;
    const description = "Det vi vill se hos dem vi finns till för, och hur vi följer upp det.";
    out.expectations.push({
      id,
      tenantId,
      unitId: unit.id,
      periodStart: `${today.getUTCFullYear() - 1}-08-01`,
      periodEnd: `${today.getUTCFullYear()}-06-30`,
      title,
      description,
      method,
      state,
      draftedBy: manager?.id ?? null,
      draftedByName: manager?.name ?? null,
      agreedAt: state === "agreed" || state === "closed" ? new Date(createdAt.getTime() + 14 * DAY) : null,
      agreedByName: state === "agreed" || state === "closed" ? (manager?.name ?? null) : null,
      createdAt,
      updatedAt: createdAt,
    });
    out.versions.push({ expectationId: id, version: 1, title, description, method, createdAt });
    if (state === "draft") continue;
    const staff = chain.staffOf(unit);
    // A person who is both manager and staff of the unit takes one position.
    const picked = Array.from({ length: Math.min(staff.length, random.int(0, 6)) }, () => random.pick(staff));
    for (const person of new Map(picked.map((one) => [one.id, one])).values()) {
      const agrees = random.next() < 0.8;
      out.positions.push({
        tenantId,
        expectationId: id,
        version: 1,
        personId: person.id,
        personName: person.name,
        agrees,
        comment: agrees ? null : "Jag tror inte att det går att följa upp på det sättet.",
        createdAt: new Date(createdAt.getTime() + random.int(1, 13) * DAY),
      });
    }
  }

  // Entries in every phase and kind.
  const entryKinds = Object.keys(ENTRY_TEXTS) as EntryKind[];
  const phases: Phase[] = ["before", "during", "after"];
  for (let i = 0; i < Math.round(actionCount / 2); i++) {
    const unit = random.pick(chain.staffed);
    const author = random.pick(chain.staffOf(unit));
    const kind = random.pick(entryKinds);
    out.entries.push({
      id: newId(),
      tenantId,
      unitId: unit.id,
      phase: random.pick(phases),
      kind,
      body: ENTRY_TEXTS[kind],
      evidenceValue: kind === "evidence" ? random.int(40, 95) : null,
      learningBank: kind === "good_example" && random.next() < 0.5,
      authorId: author.id,
      authorName: author.name,
      createdAt: ago(ageDaysDrawn()),
    });
  }

  // A few dialogue meetings, each between a unit and the one above it.
  const meetings: { id: string; unit: Unit; heldDaysAgo: number }[] = [];
  for (let i = 0; i < Math.max(1, Math.round(actionCount / 100)); i++) {
    const lower = random.pick(chain.staffed);
    const upper = chain.parentOf(lower);
    if (!upper) continue;
    const leader = chain.above(upper, "director") ?? chain.above(upper, "manager");
    const heldDaysAgo = random.int(-30, 300);
    const id = newId();
    const agenda: Agenda = Object.fromEntries(
      AGENDA.map((item) => [
        item,
        { lower: "Det vi vill ta upp.", minutes: heldDaysAgo > 0 ? "Vi kom överens." : null },
      ]),
    );
    out.dialogues.push({
      id,
      tenantId,
      upperUnitId: upper.id,
      lowerUnitId: lower.id,
      pair: "director_managers",
      title: `Uppföljningsdialog ${i + 1}`,
      heldOn: ago(heldDaysAgo).toISOString().slice(0, 10),
      participants: leader ? [{ personId: leader.id, name: leader.name }] : [],
      agenda,
      minutes: heldDaysAgo > 0 ? "Ett samtal om det som hindrar och det som fungerar." : null,
      status: heldDaysAgo > 0 ? "held" : "planned",
      createdBy: leader?.id ?? null,
      createdAt: ago(Math.max(heldDaysAgo, 0) + 14),
      updatedAt: ago(Math.max(heldDaysAgo, 0)),
    });
    meetings.push({ id, unit: lower, heldDaysAgo });
  }

  // The actions, with their history.
  for (let i = 0; i < actionCount; i++) {
    const meeting = meetings.length && random.next() < 0.05 ? random.pick(meetings) : null;
    const unit = meeting?.unit ?? random.pick(chain.staffed);
    const author = random.pick(chain.staffOf(unit));
    const addressee = weighted(random, ADDRESSEE_WEIGHTS);
    const answerer = chain.above(unit, ANSWERER[addressee] ?? "manager") ?? author;
    const age = meeting ? Math.max(meeting.heldDaysAgo, 0) : ageDaysDrawn();
    const createdAt = new Date(now - age * DAY - random.int(0, 23) * HOUR);
    const answerDays = random.next() < 0.8 ? ANSWER_DAYS_DEFAULT : random.int(3, 30);
    // Older actions have mostly been answered; a few stay open long past their answer time.
    const open = random.next() < (age < 30 ? 0.6 : 0.12);
    const hoursToAnswer = Math.min(age * 24, Math.round(2 + 24 * answerDays * random.next() ** 1.5 * 1.6));
    const answeredAt = open ? null : new Date(createdAt.getTime() + hoursToAnswer * HOUR);
    const declined = !open && random.next() < 0.15;
    const steps: ActionState[] = open
      ? []
      : declined
        ? ["declined"]
        : ["accepted", ...random.pick(AFTER_ACCEPTED)];
    const state: ActionState = steps.at(-1) ?? "proposed";
    const id = newId();
    const title = `${random.pick(TITLES)} (${i + 1})`;
    out.actions.push({
      id,
      tenantId,
      unitId: unit.id,
      dialogueId: meeting?.id ?? null,
      title,
      description: `En begäran till ${ADDRESSEE_NAMES[addressee].sv} från ${unit.name}.`,
      addressee,
      ownerId: state === "proposed" || declined ? null : answerer.id,
      ownerName: state === "proposed" || declined ? null : answerer.name,
      dueOn:
        random.next() < 0.3
          ? ago(age - 60)
              .toISOString()
              .slice(0, 10)
          : null,
      state,
      declineReason: declined ? "Ryms inte i årets budget." : null,
      answerDays,
      answeredAt,
      answeredByName: answeredAt ? answerer.name : null,
      lastRemindedAt: open && age > answerDays ? ago(random.int(0, 6)) : null,
      evaluation: state === "evaluated" ? "Det blev bättre för dem vi finns till för." : null,
      createdBy: author.id,
      createdByName: author.name,
      createdAt,
      updatedAt: answeredAt ?? createdAt,
    });
    out.events.push({
      actionId: id,
      fromState: null,
      toState: "proposed",
      byName: author.name,
      at: createdAt,
    });
    let from: ActionState = "proposed";
    for (const [n, to] of steps.entries()) {
      const at = new Date((answeredAt ?? createdAt).getTime() + n * 7 * DAY);
      out.events.push({
        actionId: id,
        fromState: from,
        toState: to,
        reason: to === "declined" ? "Ryms inte i årets budget." : null,
        byName: answerer.name,
        at: at.getTime() > now ? today : at,
      });
      from = to;
    }
  }

  await store.insertGenerated(db, out);
  return {
    assignments: out.assignments.length,
    expectations: out.expectations.length,
    positions: out.positions.length,
    entries: out.entries.length,
    dialogues: out.dialogues.length,
    actions: out.actions.length,
    events: out.events.length,
  };
}
