// The trust barometer's operations: creating a round with its invitations, taking an answer and
// mixing answers in batches of k, closing, and reading results only through the publication plan.
import type { Actor, Role } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import { conflict, fieldError } from "../core/errors.ts";
import type { JobHandler } from "../core/jobs.ts";
import { type Mailer, queueMail } from "../core/mail.ts";
import * as orgStore from "../org/store.ts";
import { BANK, type BankItem, PRINCIPLES, type Theme } from "./bank.ts";
import {
  answerUnit,
  type BarometerSettings,
  barometerSettings,
  type Category,
  cellKey,
  type DirectCounts,
  figures,
  MAX_ITEMS,
  type Plan,
  type PlanUnit,
  publicationPlan,
  ROLE_CATEGORIES,
  type RoleCategory,
  roundPhase,
  SUPPRESSION_TEXT,
  shuffled,
} from "./model.ts";
import type { AggregateRow, RoundRow } from "./store.ts";
import * as store from "./store.ts";

type Mode = Mailer["mode"];
const MANAGERIAL: readonly Role[] = ["manager", "director", "politician"];

export const today = () => new Date().toISOString().slice(0, 10);

// ---- settings and items

export async function settingsOf(db: Db, tenantId: string): Promise<BarometerSettings> {
  const tenant = await orgStore.getTenant(db, tenantId);
  return barometerSettings((tenant?.settings as { barometer?: unknown } | undefined)?.barometer);
}

export async function itemsOf(db: Db, tenantId: string): Promise<BankItem[]> {
  const custom = await store.customItems(db, tenantId);
  return [
    ...BANK,
    ...custom.map((row) => ({
      id: row.id,
      theme: row.theme as Theme,
      kind: row.kind as BankItem["kind"],
      scale: (row.scale ?? undefined) as BankItem["scale"],
      sv: row.sv,
      en: row.en,
    })),
  ];
}

// ---- rounds

export type RoundInput = {
  title: string;
  unitId: string;
  itemIds: string[];
  opensAt: string;
  closesAt: string;
};

/** Creates a round and its invitations: everyone with a role in the scope, each with the unit their answer will carry. */
export async function createRound(db: Db, actor: Actor, input: RoundInput, mode: Mode) {
  if (input.itemIds.length > MAX_ITEMS)
    throw fieldError("body.itemIds", {
      sv: `Högst ${MAX_ITEMS} frågor per omgång – en pulsmätning ska ta under tre minuter.`,
      en: `At most ${MAX_ITEMS} questions per round – a pulse survey should take under three minutes.`,
    });
  if (new Set(input.itemIds).size !== input.itemIds.length)
    throw fieldError("body.itemIds", {
      sv: "Samma fråga finns två gånger.",
      en: "A question is listed twice.",
    });
  const known = new Set((await itemsOf(db, actor.tenantId)).map((item) => item.id));
  const unknown = input.itemIds.findIndex((itemId) => !known.has(itemId));
  if (unknown >= 0)
    throw fieldError(`body.itemIds.${unknown}`, { sv: "Frågan finns inte.", en: "No such question." });
  if (input.closesAt < input.opensAt)
    throw fieldError("body.closesAt", {
      sv: "Omgången stänger innan den öppnar.",
      en: "The round closes before it opens.",
    });
  if (input.closesAt < today())
    throw fieldError("body.closesAt", {
      sv: "Stängningsdagen har redan passerat.",
      en: "The closing date has passed.",
    });

  const scopeUnit = await orgStore.getUnit(db, actor.tenantId, input.unitId);
  if (!scopeUnit?.active)
    throw fieldError("body.unitId", { sv: "Enheten finns inte.", en: "The unit does not exist." });
  const settings = await settingsOf(db, actor.tenantId);
  const invitations = await invitationsFor(db, actor.tenantId, scopeUnit.path, settings.minGroupSize);

  return db.transaction(async (tx) => {
    const row = await store.insertRound(tx, {
      tenantId: actor.tenantId,
      title: input.title,
      unitId: scopeUnit.id,
      itemIds: input.itemIds,
      opensOn: input.opensAt,
      closesOn: input.closesAt,
      k: settings.minGroupSize,
      createdBy: actor.personId,
      createdByName: actor.name,
    });
    // Shuffled, so not even the invitations' order says anything about the people.
    await store.insertInvitations(
      tx,
      shuffled(invitations).map(({ email: _email, ...rest }) => ({ ...rest, roundId: row.id })),
    );
    if (row.opensOn <= today()) return sendInvitations(tx, row, mode);
    return row;
  });
}

/**
 * One invitation per person in the scope. A person's role category is "manager" when they lead
 * anywhere in the scope; their answer unit is their own unit coarsened to at least k invited.
 */
export async function invitationsFor(db: Db, tenantId: string, scopePath: string, k: number) {
  const [memberships, units] = await Promise.all([
    orgStore.membershipsUnder(db, tenantId, scopePath),
    scopeUnits(db, tenantId, scopePath),
  ]);
  const people = new Map<
    string,
    { personId: string; email: string | null; unitPath: string; unitId: string; managerial: boolean }
  >();
  for (const m of memberships) {
    const seen = people.get(m.personId);
    const managerial = MANAGERIAL.includes(m.role as Role);
    // The deepest unit where the person works is where their answer belongs.
    if (!seen || m.unitPath.length > seen.unitPath.length)
      people.set(m.personId, { ...m, managerial: managerial || (seen?.managerial ?? false) });
    else if (managerial) seen.managerial = true;
  }
  const invitedPerUnit = new Map<string, number>();
  for (const person of people.values())
    invitedPerUnit.set(person.unitId, (invitedPerUnit.get(person.unitId) ?? 0) + 1);
  return [...people.values()].map((person) => ({
    personId: person.personId,
    email: person.email,
    answerUnitId: answerUnit(person.unitPath, units, invitedPerUnit, k),
    roleCategory: (person.managerial ? "manager" : "staff") as RoleCategory,
  }));
}

export async function scopeUnits(db: Db, tenantId: string, scopePath: string): Promise<ScopeUnit[]> {
  const units = await orgStore.chainUnits(db, tenantId);
  return units
    .filter((unit) => unit.path.startsWith(scopePath))
    .map((unit) => ({
      ...unit,
      parentPath: unit.path.slice(0, unit.path.slice(0, -1).lastIndexOf("/") + 1),
    }));
}

/** Invitations by e-mail once a round opens (inside the caller's transaction). */
export async function sendInvitations(db: Db, row: RoundRow, mode: Mode) {
  const invited = await store.invitationsOf(db, row.id);
  const people = await orgStore.peopleWithEmail(
    db,
    row.tenantId,
    invited.map((i) => i.personId),
  );
  for (const person of people)
    await queueMail(
      db,
      {
        tenantId: row.tenantId,
        to: person.email,
        subject: `Tillitsbarometern: ${row.title}`,
        text:
          `Hej ${person.name}!\n\nTillitsbarometern "${row.title}" är öppen till och med ${row.closesOn}. ` +
          `Den tar under tre minuter. Ingen – inte heller din chef eller en administratör – kan se vad just du svarat; ` +
          "resultat visas bara för grupper som är tillräckligt stora.\n\nSvara i Tillit under Tillitsbarometern.",
      },
      mode,
    );
  return store.updateRound(db, row.id, { invitedAt: new Date() });
}

/** A reminder to those who have not answered, two days before the round closes. */
export async function sendReminders(db: Db, row: RoundRow, mode: Mode) {
  const pending = await store.invitationsOf(db, row.id, { answered: false });
  const people = await orgStore.peopleWithEmail(
    db,
    row.tenantId,
    pending.map((i) => i.personId),
  );
  for (const person of people)
    await queueMail(
      db,
      {
        tenantId: row.tenantId,
        to: person.email,
        subject: `Påminnelse: Tillitsbarometern "${row.title}" stänger ${row.closesOn}`,
        text: `Hej ${person.name}!\n\nDu har inte svarat på "${row.title}" ännu. Det tar under tre minuter, och ditt svar är anonymt.`,
      },
      mode,
    );
  return store.updateRound(db, row.id, { remindedAt: new Date() });
}

// ---- answering

export type AnswerInput = { itemId: string; value?: number | null; text?: string };

/**
 * Takes one person's answers. The person is marked as having answered and the answers go to the
 * pool; when the pool holds k answers they are mixed into the counts together, so neither order
 * nor time can tie an answer to a person.
 */
export async function submit(db: Db, actor: Actor, roundId: string, answers: AnswerInput[]) {
  return db.transaction(async (tx) => {
    const row = await store.lockRound(tx, actor.tenantId, roundId);
    if (!row) return null;
    const invitation = await store.getInvitation(tx, row.id, actor.personId);
    if (!invitation) return null;
    if (roundPhase(row, today()) !== "open")
      throw conflict({ sv: "Omgången är inte öppen för svar.", en: "The round is not open for answers." });
    if (invitation.answered)
      throw conflict({
        sv: "Du har redan svarat i den här omgången.",
        en: "You have already answered this round.",
      });
    checkAnswers(row, await itemsOf(tx, actor.tenantId), answers);
    await store.markAnswered(tx, row.id, actor.personId);
    await store.addToPool(tx, {
      roundId: row.id,
      unitId: invitation.answerUnitId,
      roleCategory: invitation.roleCategory,
      answers: answers.filter((answer) => answer.text === undefined || answer.text.trim() !== ""),
    });
    const waiting = await store.poolOf(tx, row.id);
    if (waiting.length >= row.k) await mix(tx, row);
    return { ok: true as const };
  });
}

function checkAnswers(row: RoundRow, bank: BankItem[], answers: AnswerInput[]) {
  const items = new Map(bank.map((item) => [item.id, item]));
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const item = items.get(answer.itemId);
    const at = `body.answers.${index}`;
    if (!item || !row.itemIds.includes(answer.itemId))
      throw fieldError(`${at}.itemId`, {
        sv: "Frågan ingår inte i omgången.",
        en: "The question is not part of the round.",
      });
    if (seen.has(answer.itemId))
      throw fieldError(`${at}.itemId`, {
        sv: "Frågan besvaras en gång.",
        en: "A question is answered once.",
      });
    seen.add(answer.itemId);
    if (item.kind === "scale" && (answer.text !== undefined || answer.value === undefined))
      throw fieldError(`${at}.value`, {
        sv: "Svara med 1–5 eller vet inte.",
        en: "Answer 1–5 or don't know.",
      });
    if (item.kind === "text" && answer.text === undefined)
      throw fieldError(`${at}.text`, { sv: "Svara med text.", en: "Answer in words." });
  });
}

/** Counts everything in the pool into the round's aggregates in random order, and empties the pool. */
export async function mix(db: Db, row: RoundRow) {
  const waiting = shuffled(await store.poolOf(db, row.id));
  if (!waiting.length) return;
  const existing = new Map(
    (await store.aggregatesOf(db, [row.id])).map((a) => [`${a.unitId}|${a.roleCategory}|${a.itemId}`, a]),
  );
  const touched = new Map<string, AggregateRow>();
  const bump = (unitId: string, roleCategory: string, itemId: string, value: number | null) => {
    const key = `${unitId}|${roleCategory}|${itemId}`;
    const current = touched.get(key) ??
      structuredClone(existing.get(key)) ?? {
        roundId: row.id,
        unitId,
        roleCategory,
        itemId,
        counts: [0, 0, 0, 0, 0],
        dontKnow: 0,
      };
    if (value === null) current.dontKnow += 1;
    else current.counts[value - 1] += 1;
    touched.set(key, current);
  };
  const comments: { roundId: string; unitId: string; itemId: string; body: string }[] = [];
  for (const entry of waiting) {
    bump(entry.unitId, entry.roleCategory, "*", 1);
    for (const answer of entry.answers) {
      if (answer.text !== undefined)
        comments.push({
          roundId: row.id,
          unitId: entry.unitId,
          itemId: answer.itemId,
          body: answer.text.trim(),
        });
      else bump(entry.unitId, entry.roleCategory, answer.itemId, answer.value ?? null);
    }
  }
  await store.saveCounts(db, [...touched.values()]);
  await store.insertComments(db, shuffled(comments));
  await store.emptyPool(db, row.id);
}

/** Closes a round: whatever is left in the pool is counted, and results exist from now on. */
export async function closeRound(db: Db, row: RoundRow) {
  await mix(db, row);
  return store.updateRound(db, row.id, { closedAt: new Date() });
}

// ---- results, read only through the publication plan

type ScopeUnit = PlanUnit & { name: string; parentPath: string };
type Sums = { distribution: number[]; dontKnow: number };

/**
 * A closed round's counts over its scope, with each item's publication plan and subtree sums
 * worked out once and kept: a closed round's counts never change, so every later request is a
 * lookup.
 */
export type Cohort = {
  units: ScopeUnit[];
  byId: Map<string, ScopeUnit>;
  k: number;
  plan(itemId: string, threshold?: number): Plan;
  sums(itemId: string): Map<string, Sums>;
};

const COHORT_TTL_MS = 5 * 60_000;
const cohorts = new Map<string, { expires: number; cohort: Promise<Cohort> }>();

/** The cohort of a round; closed rounds' cohorts are kept a few minutes (units may still be renamed or moved). */
export function cohortOf(db: Db, row: RoundRow): Promise<Cohort> {
  if (!row.closedAt) return loadCohort(db, row);
  const key = `${row.id}:${row.closedAt.getTime()}`;
  const cached = cohorts.get(key);
  if (cached && cached.expires > Date.now()) return cached.cohort;
  if (cohorts.size > 50) cohorts.clear();
  const cohort = loadCohort(db, row);
  cohorts.set(key, { expires: Date.now() + COHORT_TTL_MS, cohort });
  cohort.catch(() => cohorts.delete(key));
  return cohort;
}

async function loadCohort(db: Db, row: RoundRow): Promise<Cohort> {
  const scopeUnit = await orgStore.getUnit(db, row.tenantId, row.unitId);
  const [units, aggregates] = await Promise.all([
    scopeUnits(db, row.tenantId, scopeUnit?.path ?? "/none/"),
    store.aggregatesOf(db, [row.id]),
  ]);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const byItem = new Map<string, AggregateRow[]>();
  for (const aggregate of aggregates)
    byItem.set(aggregate.itemId, [...(byItem.get(aggregate.itemId) ?? []), aggregate]);
  const plans = new Map<string, Plan>();
  const sums = new Map<string, Map<string, Sums>>();
  return {
    units,
    byId,
    k: row.k,
    plan(itemId, threshold = row.k) {
      const key = `${itemId}|${threshold}`;
      if (!plans.has(key))
        plans.set(key, publicationPlan(units, directCounts(byItem.get(itemId) ?? []), threshold));
      return plans.get(key)!;
    },
    sums(itemId) {
      if (!sums.has(itemId)) sums.set(itemId, subtreeSums(units, byId, byItem.get(itemId) ?? []));
      return sums.get(itemId)!;
    },
  };
}

/** Counts stored directly at each unit for one item's rows ("*" rows = respondents), as the plan wants them. */
export function directCounts(aggregates: AggregateRow[]): DirectCounts {
  const direct = new Map<string, Record<RoleCategory, number>>();
  for (const row of aggregates) {
    const n = row.itemId === "*" ? row.counts[0] : row.counts.reduce((a, b) => a + b, 0);
    const current = direct.get(row.unitId) ?? { manager: 0, staff: 0 };
    current[row.roleCategory as RoleCategory] += n;
    direct.set(row.unitId, current);
  }
  return direct;
}

/** Distribution and don't-know totals of every cell (unit subtree × category), in one pass up the tree. */
function subtreeSums(units: ScopeUnit[], byId: Map<string, ScopeUnit>, rows: AggregateRow[]) {
  const sums = new Map<string, Sums>();
  const at = (unitId: string, category: Category) => {
    const key = cellKey(unitId, category);
    if (!sums.has(key)) sums.set(key, { distribution: [0, 0, 0, 0, 0], dontKnow: 0 });
    return sums.get(key)!;
  };
  const add = (into: Sums, from: { counts?: number[]; distribution?: number[]; dontKnow: number }) => {
    (from.counts ?? from.distribution ?? []).forEach((count, index) => {
      into.distribution[index] += count;
    });
    into.dontKnow += from.dontKnow;
  };
  for (const row of rows)
    if (byId.has(row.unitId)) {
      add(at(row.unitId, row.roleCategory as RoleCategory), row);
      add(at(row.unitId, "all"), row);
    }
  const byPath = new Map(units.map((unit) => [unit.path, unit]));
  for (const unit of [...units].sort((a, b) => b.path.length - a.path.length)) {
    const parent = byPath.get(unit.parentPath);
    if (!parent) continue;
    for (const category of ["all", ...ROLE_CATEGORIES] as const)
      add(at(parent.id, category), at(unit.id, category));
  }
  return sums;
}

export type ItemResult =
  | { itemId: string; n: number; mean: number | null; distribution: number[]; dontKnow: number }
  | { itemId: string; suppressed: true; reason: string };

/** One cell's figures for every scale item of the round, or why they are hidden. */
export function cellResults(
  cohort: Cohort,
  row: RoundRow,
  bank: BankItem[],
  cell: { unitId: string; category: Category },
  lang: "sv" | "en",
): ItemResult[] {
  const items = new Map(bank.map((item) => [item.id, item]));
  return row.itemIds
    .filter((itemId) => items.get(itemId)?.kind === "scale")
    .map((itemId) => itemResult(cohort, itemId, cell, lang));
}

function itemResult(
  cohort: Cohort,
  itemId: string,
  cell: { unitId: string; category: Category },
  lang: "sv" | "en",
): ItemResult {
  const plan = cohort.plan(itemId);
  const key = cellKey(cell.unitId, cell.category);
  if (!plan.published.has(key))
    return { itemId, suppressed: true, reason: SUPPRESSION_TEXT[plan.reasons.get(key) ?? "too_few"][lang] };
  const sums = cohort.sums(itemId).get(key) ?? { distribution: [0, 0, 0, 0, 0], dontKnow: 0 };
  return { itemId, ...figures(sums.distribution), dontKnow: sums.dontKnow };
}

/** Respondents and response rate of a cell, hidden by the same rules as any other figure. */
export function participation(
  cohort: Cohort,
  invited: { unitId: string; roleCategory: string; invited: number }[],
  unitId: string,
  lang: "sv" | "en",
) {
  const plan = cohort.plan("*");
  const key = cellKey(unitId, "all");
  if (!plan.published.has(key))
    return { suppressed: true as const, reason: SUPPRESSION_TEXT[plan.reasons.get(key) ?? "too_few"][lang] };
  const unit = cohort.byId.get(unitId)!;
  const inside = new Set(cohort.units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id));
  const respondents = plan.counts.get(key) ?? 0;
  const invitedHere = invited.filter((i) => inside.has(i.unitId)).reduce((sum, i) => sum + i.invited, 0);
  return { respondents, invited: invitedHere, rate: invitedHere ? respondents / invitedHere : 0 };
}

/** Free-text answers for a unit, only when it is large enough for comments and never for a smaller unit. */
export async function commentsFor(db: Db, cohort: Cohort, row: RoundRow, unitId: string, commentMin: number) {
  const plan = cohort.plan("*", Math.max(commentMin, cohort.k));
  if (!plan.published.has(cellKey(unitId, "all"))) return null;
  const unit = cohort.byId.get(unitId)!;
  const inside = cohort.units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  return shuffled(await store.commentsOf(db, row.id, inside)).map(({ itemId, body }) => ({ itemId, body }));
}

/** Units × principles: the mean of a principle's items, shown only where every one of them is published. */
export function heatmap(
  cohort: Cohort,
  row: RoundRow,
  bank: BankItem[],
  unitIds: string[],
  lang: "sv" | "en",
) {
  const themeOf = new Map(bank.map((item) => [item.id, item.theme]));
  const principles = PRINCIPLES.filter((theme) =>
    row.itemIds.some((itemId) => themeOf.get(itemId) === theme),
  );
  return {
    principles,
    rows: unitIds.map((unitId) => ({
      unitId,
      name: cohort.byId.get(unitId)?.name ?? "?",
      cells: principles.map((theme) => {
        const results = row.itemIds
          .filter((itemId) => themeOf.get(itemId) === theme)
          .map((itemId) => itemResult(cohort, itemId, { unitId, category: "all" }, lang));
        const hidden = results.find((result) => "suppressed" in result);
        if (hidden)
          return { theme, suppressed: true as const, reason: (hidden as { reason: string }).reason };
        const means = results
          .map((result) => ("mean" in result ? result.mean : null))
          .filter((m): m is number => m !== null);
        return { theme, mean: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null };
      }),
    })),
  };
}

/** The same items as answered by managers and by staff in a subtree, where both groups are published. */
export function perceptionGaps(
  cohort: Cohort,
  row: RoundRow,
  bank: BankItem[],
  unitId: string,
  lang: "sv" | "en",
) {
  const managers = cellResults(cohort, row, bank, { unitId, category: "manager" }, lang);
  const staff = cellResults(cohort, row, bank, { unitId, category: "staff" }, lang);
  return managers.flatMap((m, index) => {
    const s = staff[index];
    if (!("mean" in m) || !("mean" in s) || m.mean === null || s.mean === null) return [];
    return [{ itemId: m.itemId, managers: m.mean, staff: s.mean, gap: m.mean - s.mean }];
  });
}

// ---- the rounds' own clock

export const ROUNDS_JOB_KIND = "barometer.rounds";

/** Sends invitations when a round opens, reminders two days before it closes, and closes it when due. */
export async function runRoundSchedule(db: Db, mode: Mode, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  const twoDaysOn = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const done = { invited: 0, reminded: 0, closed: 0 };
  for (const candidate of await store.roundsNeedingWork(db)) {
    await db.transaction(async (tx) => {
      const row = await store.lockRound(tx, candidate.tenantId, candidate.id);
      if (!row || row.closedAt) return;
      if (row.closesOn < day) {
        await closeRound(tx, row);
        done.closed += 1;
      } else if (row.opensOn <= day && !row.invitedAt) {
        await sendInvitations(tx, row, mode);
        done.invited += 1;
      } else if (row.invitedAt && !row.remindedAt && row.closesOn <= twoDaysOn) {
        await sendReminders(tx, row, mode);
        done.reminded += 1;
      }
    });
  }
  return done;
}

export const roundsJobHandler =
  (mailer: Mailer): JobHandler =>
  ({ db }) =>
    runRoundSchedule(db, mailer.mode);
