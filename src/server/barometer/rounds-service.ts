// A round's life below the use cases: the tenant's settings and question bank, the invitations
// (who takes part, and with which unit their answer is stored), the mail, taking answers into the
// pool and mixing them in batches of k, closing, and the recurring job that keeps the rounds' clock.
// Every function here works inside the transaction it is given; the use cases in service.ts open it.
import type { Db } from "../core/db.ts";
import type { JobHandler } from "../core/jobs.ts";
import { type Mailer, queueMails } from "../core/mail.ts";
import type { Sealer } from "../core/seal.ts";
import { chainUnits, getTenant, getUnit, membershipsUnder, peopleWithEmail } from "../org/service.ts";
import { BANK, type BankItem } from "./bank.ts";
import {
  type Answer,
  answerUnits,
  type BarometerSettings,
  barometerSettings,
  closedResults,
  closingBatches,
  DEFAULT_SETTINGS,
  keptAnswers,
  type Pending,
  type PlanUnit,
  parentPathOf,
  type RoleCategory,
  shuffled,
  withBatch,
} from "./model.ts";
import type { InvitationRow, PoolRow, RoundRow } from "./store.ts";
import * as store from "./store.ts";

export type MailMode = Mailer["mode"];

/** Roles on the employer's side: whoever holds one anywhere in the scope answers as a manager. */
const MANAGERIAL = new Set<string>(["manager", "director", "politician"]);

export const today = () => new Date().toISOString().slice(0, 10);

// ---- settings and the bank

/** The barometer's slice of the tenant's settings, over the defaults. */
export async function settingsOf(db: Db, tenantId: string): Promise<BarometerSettings> {
  const settings = (await getTenant(db, tenantId))?.settings;
  const isObject = typeof settings === "object" && settings !== null;
  return barometerSettings(isObject && "barometer" in settings ? settings.barometer : undefined);
}

const BANK_IDS = new Set(BANK.map((item) => item.id));

/** The kinds of a round's questions: the tenant's own are read only when the round has one. */
export async function itemKindsOf(db: Db, tenantId: string, itemIds: readonly string[]) {
  const items = itemIds.every((itemId) => BANK_IDS.has(itemId)) ? BANK : await itemsOf(db, tenantId);
  return new Map(items.map((item) => [item.id, item.kind]));
}

/** The bank's questions and the tenant's own, in that order. */
export async function itemsOf(db: Db, tenantId: string): Promise<BankItem[]> {
  const custom = await store.customItems(db, tenantId);
  return [
    ...BANK,
    ...custom.map((row) => ({
      id: row.id,
      theme: row.theme,
      kind: row.kind,
      scale: row.scale ?? undefined,
      sv: row.sv,
      en: row.en,
    })),
  ];
}

// ---- the scope and its invitations

/** A unit of a round's scope, with its parent's path so the tree can be walked without a query. */
export type ScopeUnit = PlanUnit & { name: string; parentPath: string };

export async function scopeUnits(db: Db, tenantId: string, scopePath: string): Promise<ScopeUnit[]> {
  const units = await chainUnits(db, tenantId);
  return units.filter((unit) => unit.path.startsWith(scopePath)).map(withParentPath);
}

export const withParentPath = <T extends { path: string }>(unit: T): T & { parentPath: string } => ({
  ...unit,
  parentPath: parentPathOf(unit.path),
});

type Invitee = {
  personId: string;
  email: string | null;
  answerUnitId: string;
  roleCategory: RoleCategory;
};

/**
 * One invitation per person in the scope. A person's role category is "manager" when they lead
 * anywhere in the scope; their answer unit is their own unit coarsened to at least k invited.
 */
export async function invitationsFor(
  db: Db,
  tenantId: string,
  scopePath: string,
  k: number,
): Promise<Invitee[]> {
  // One after the other: `db` may be a transaction, whose one connection takes one query at a time.
  const memberships = await membershipsUnder(db, tenantId, scopePath);
  const units = await scopeUnits(db, tenantId, scopePath);
  const people = new Map<
    string,
    { personId: string; email: string | null; unitPath: string; unitId: string; managerial: boolean }
  >();
  for (const m of memberships) {
    const seen = people.get(m.personId);
    const managerial = MANAGERIAL.has(m.role);
    // The deepest unit where the person works is where their answer belongs.
    if (!seen || m.unitPath.length > seen.unitPath.length)
      people.set(m.personId, { ...m, managerial: managerial || (seen?.managerial ?? false) });
    else if (managerial) seen.managerial = true;
  }
  const invitedPerUnit = new Map<string, number>();
  for (const person of people.values())
    invitedPerUnit.set(person.unitId, (invitedPerUnit.get(person.unitId) ?? 0) + 1);
  const answerUnitOf = answerUnits(units, invitedPerUnit, k);
  return [...people.values()].map((person) => ({
    personId: person.personId,
    email: person.email,
    answerUnitId: answerUnitOf(person.unitPath),
    roleCategory: person.managerial ? "manager" : "staff",
  }));
}

type RoundValues = {
  tenantId: string;
  title: string;
  unitId: string;
  itemIds: string[];
  opensOn: string;
  closesOn: string;
  k: number;
  createdBy: string;
  createdByName: string;
};

/** Writes a round and its invitations, and invites by e-mail at once when it is already open. */
export async function openRound(tx: Db, values: RoundValues, invitees: Invitee[], mode: MailMode) {
  const row = await store.insertRound(tx, values);
  // Shuffled, so not even the invitations' order says anything about the people.
  await store.insertInvitations(
    tx,
    shuffled(invitees).map(({ email: _email, ...rest }) => ({ ...rest, roundId: row.id })),
  );
  if (row.opensOn <= today()) return sendInvitations(tx, row, mode);
  return row;
}

/** A letter to each of these invitees who has an e-mail address (inside the caller's transaction). */
async function mailInvitees(
  db: Db,
  row: RoundRow,
  invitations: { personId: string }[],
  mode: MailMode,
  letter: (person: { name: string }) => { subject: string; text: string },
) {
  const people = await peopleWithEmail(
    db,
    row.tenantId,
    invitations.map((i) => i.personId),
  );
  await queueMails(
    db,
    people.map((person) => ({ tenantId: row.tenantId, to: person.email, ...letter(person) })),
    mode,
  );
}

/** Invitations by e-mail once a round opens (inside the caller's transaction). */
async function sendInvitations(db: Db, row: RoundRow, mode: MailMode) {
  await mailInvitees(db, row, await store.invitationsOf(db, row.id), mode, (person) => ({
    subject: `Tillitsbarometern: ${row.title}`,
    text:
      `Hej ${person.name}!\n\nTillitsbarometern "${row.title}" är öppen till och med ${row.closesOn}. ` +
      `Den tar under tre minuter. Ingen – inte heller din chef eller en administratör – kan se vad just du svarat; ` +
      "resultat visas bara för grupper som är tillräckligt stora.\n\nSvara i Tillit under Tillitsbarometern.",
  }));
  return store.updateRound(db, row.id, { invitedAt: new Date() });
}

/** A reminder to those who have not answered, two days before the round closes. */
async function sendReminders(db: Db, row: RoundRow, mode: MailMode) {
  const pending = await store.invitationsOf(db, row.id, { answered: false });
  await mailInvitees(db, row, pending, mode, (person) => ({
    subject: `Påminnelse: Tillitsbarometern "${row.title}" stänger ${row.closesOn}`,
    text: `Hej ${person.name}!\n\nDu har inte svarat på "${row.title}" ännu. Det tar under tre minuter, och ditt svar är anonymt.`,
  }));
  return store.updateRound(db, row.id, { remindedAt: new Date() });
}

// ---- the pool and the mixing

/** One person's answers as they wait in the pool: sealed, so a copy of the database cannot read them. */
const sealAnswers = (sealer: Sealer, row: RoundRow, answers: Answer[]) =>
  sealer.seal(JSON.stringify(keptAnswers(answers)), row.id);

function answersOf(sealer: Sealer, row: RoundRow, entry: Pick<PoolRow, "sealed" | "answers">): Answer[] {
  if (!entry.sealed) return entry.answers ?? [];
  try {
    return JSON.parse(sealer.open(entry.sealed, row.id)) as Answer[];
  } catch {
    // Only the operator can mend this: say what is wrong in the server's log, not a bare crypto error.
    throw new Error(
      `A sealed answer of barometer round ${row.id} cannot be opened: TILLIT_SEAL_KEY (or the key file beside DATA_DIR) is not the key it was sealed with.`,
    );
  }
}

/**
 * Takes the checked answers of a person the caller has just marked as answered, in the same
 * transaction, holding the round against closing. The sealed answers go to the pool with the
 * invitation's unit and role category — never the person. When the pool holds k answers of that
 * group, they are counted into the group's aggregate together, so neither order, time nor
 * transaction ties an answer to a person. The group's lock makes its answers take turns; other
 * groups' answers go on meanwhile.
 */
export async function takeAnswers(
  tx: Db,
  row: RoundRow,
  invitation: InvitationRow,
  answers: Answer[],
  sealer: Sealer,
) {
  const group = { unitId: invitation.answerUnitId, roleCategory: invitation.roleCategory };
  await store.lockGroup(tx, row.id, group);
  const waiting = await store.addToPool(tx, {
    roundId: row.id,
    ...group,
    sealed: sealAnswers(sealer, row, answers),
  });
  if (waiting.length >= row.k)
    await countBatch(
      tx,
      row,
      group,
      waiting.map((entry) => answersOf(sealer, row, entry)),
      waiting.map((entry) => entry.id),
    );
}

/**
 * Counts one batch of answers into one group's aggregate and comments, in random order, and takes
 * them out of the pool: the group's one row changes once, for the whole batch.
 */
async function countBatch(
  db: Db,
  row: RoundRow,
  group: { unitId: string; roleCategory: RoleCategory },
  batch: Answer[][],
  poolIds: string[],
) {
  const existing = (await store.aggregateOfGroup(db, row.id, group)) ?? {
    ...group,
    respondents: 0,
    itemCounts: [],
  };
  const counted = withBatch(existing, row.itemIds, batch);
  const comments = shuffled(batch).flatMap((answers) =>
    answers.flatMap((answer) =>
      answer.text === undefined
        ? []
        : [{ roundId: row.id, unitId: group.unitId, itemId: answer.itemId, body: answer.text.trim() }],
    ),
  );
  await store.saveCounts(db, [
    { roundId: row.id, ...group, respondents: counted.respondents, itemCounts: counted.itemCounts },
  ]);
  await store.insertComments(db, shuffled(comments));
  await store.removeFromPool(db, row.id, poolIds);
}

/**
 * Closes a round: what is left in the pool is counted in the batches `closingBatches` forms (never a
 * change that covers one answer), and the scope's units are kept as they are now, with the embargo
 * and the threshold for comments — the round's results are read on these for ever.
 */
export async function closeAndCount(db: Db, row: RoundRow, sealer: Sealer, closedAt = new Date()) {
  const pool = await store.poolOf(db, row.id);
  const answers = new Map(pool.map((entry) => [entry.id, answersOf(sealer, row, entry)]));
  return closeWith(db, row, pool, (id) => answers.get(id) ?? [], closedAt, true);
}

/** The demo's past rounds: answers that never waited in a pool, counted as a closing round counts them. */
export async function closeWithAnswers(
  db: Db,
  row: RoundRow,
  answered: (Pending & { answers: Answer[] })[],
  closedAt: Date,
) {
  const answers = new Map(answered.map((entry) => [entry.id, entry.answers]));
  return closeWith(db, row, answered, (id) => answers.get(id) ?? [], closedAt, false);
}

async function closeWith(
  db: Db,
  row: RoundRow,
  pending: readonly Pending[],
  answersFor: (id: string) => Answer[],
  closedAt: Date,
  fromPool: boolean,
) {
  const scope = await getUnit(db, row.tenantId, row.unitId);
  const units = await scopeUnits(db, row.tenantId, scope?.path ?? "/none/");
  const { batches } = closingBatches(pending, units, row.unitId, row.k);
  for (const batch of batches)
    await countBatch(db, row, batch, batch.ids.map(answersFor), fromPool ? batch.ids : []);
  const settings = await settingsOf(db, row.tenantId);
  const closed = await store.updateRound(db, row.id, {
    closedAt,
    embargoDays: settings.embargoDays,
    commentMinGroupSize: Math.max(row.k, settings.commentMinGroupSize),
  });
  await storeResults(db, closed, shuffled(units));
  return closed;
}

/**
 * Works out a closed round's results on its frozen units, once, and keeps them with those units:
 * every view of the round reads these rows and sums nothing (rounds closed before results were
 * kept get theirs on first reading).
 */
export async function storeResults(
  db: Db,
  row: RoundRow,
  units: readonly { id: string; name: string; path: string }[],
) {
  // One after the other: `db` may be a transaction, whose one connection takes one query at a time.
  const groups = await store.aggregatesOf(db, row.id);
  const participation = await store.participationCounts(db, row.id);
  const bank = await itemsOf(db, row.tenantId);
  const kinds = new Map(bank.map((item) => [item.id, item.kind]));
  const invited = new Map<string, number>();
  for (const part of participation) invited.set(part.unitId, (invited.get(part.unitId) ?? 0) + part.invited);
  const results = closedResults(
    units,
    row.itemIds.map((itemId) => ({ scale: kinds.get(itemId) === "scale" })),
    groups,
    invited,
    { k: row.k, comments: row.commentMinGroupSize ?? DEFAULT_SETTINGS.commentMinGroupSize },
  );
  const unitOf = new Map(units.map((unit) => [unit.id, unit]));
  await store.saveFrozenUnits(
    db,
    results.map(({ unitId, ...figures }) => ({
      roundId: row.id,
      unitId,
      name: unitOf.get(unitId)?.name ?? "?",
      path: unitOf.get(unitId)?.path ?? "",
      ...figures,
    })),
  );
}

// ---- the rounds' own clock

export const ROUNDS_JOB_KIND = "barometer.rounds";

/** Sends invitations when a round opens, reminders two days before it closes, and closes it when due. */
export async function runRoundSchedule(db: Db, mode: MailMode, sealer: Sealer, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  const twoDaysOn = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const done = { invited: 0, reminded: 0, closed: 0 };
  for (const candidate of await store.roundsNeedingWork(db)) {
    await db.transaction(async (tx) => {
      const row = await store.lockRound(tx, candidate.tenantId, candidate.id);
      if (!row || row.closedAt) return;
      if (row.closesOn < day) {
        await closeAndCount(tx, row, sealer, now);
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
  (mailer: Mailer, sealer: Sealer): JobHandler =>
  ({ db }) =>
    runRoundSchedule(db, mailer.mode, sealer);
