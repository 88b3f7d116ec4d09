// Closed rounds for benchmarks: a tenant's rounds as mixing and closing would leave them, without
// anyone answering through the API. Invitations are written as opening writes them (one answered
// flag per person), each group's counts as its batches would have summed them, and the round is
// then closed by the real closing step — which freezes its units and stores its results.
import type { Db } from "../core/db.ts";
import { createRandom } from "../demo/random.ts";
import { type GroupCounts, withBatch } from "./model.ts";
import { closeWithAnswers, invitationsFor, settingsOf } from "./rounds-service.ts";
import * as store from "./store.ts";

type Options = {
  /** The units each of which gets `rounds` rounds over its subtree (e.g. a tenant's boards). */
  scopes: { id: string; name: string; path: string }[];
  rounds: number;
  itemIds: string[];
  /** Share of the invited who answered. */
  answerRate?: number;
  seed?: number;
};

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Writes `rounds` closed rounds per scope, two months apart and all closed in the past, with
 * random answers (one in twenty "don't know"). Returns the rounds and the longest closing in ms.
 */
export async function writeClosedRounds(db: Db, tenantId: string, options: Options) {
  const random = createRandom(options.seed ?? 11);
  const { minGroupSize: k } = await settingsOf(db, tenantId);
  const written: { id: string; unitId: string; invited: number }[] = [];
  let slowestClosing = 0;
  for (const scope of options.scopes) {
    const invitees = await invitationsFor(db, tenantId, scope.path, k);
    for (let r = 0; r < options.rounds; r++) {
      const closedAt = Date.now() - (options.rounds - r) * 60 * DAY_MS;
      const row = await store.insertRound(db, {
        tenantId,
        title: `Omgång ${r + 1} – ${scope.name}`,
        unitId: scope.id,
        itemIds: options.itemIds,
        opensOn: dayOf(closedAt - 14 * DAY_MS),
        closesOn: dayOf(closedAt - DAY_MS),
        k,
      });
      const answered = invitees.map(() => random.next() < (options.answerRate ?? 0.75));
      await store.insertInvitations(
        db,
        invitees.map(({ email: _email, ...rest }, i) => ({
          ...rest,
          roundId: row.id,
          answered: answered[i],
        })),
      );
      const groups = new Map<string, GroupCounts>();
      invitees.forEach((invitee, i) => {
        if (!answered[i]) return;
        const key = `${invitee.answerUnitId}|${invitee.roleCategory}`;
        const group = groups.get(key) ?? {
          unitId: invitee.answerUnitId,
          roleCategory: invitee.roleCategory,
          respondents: 0,
          itemCounts: [],
        };
        const answers = options.itemIds.map((itemId) => ({
          itemId,
          value: random.next() < 0.05 ? null : random.int(1, 5),
        }));
        groups.set(key, withBatch(group, options.itemIds, [answers]));
      });
      await store.saveCounts(
        db,
        [...groups.values()].map((group) => ({
          ...group,
          roundId: row.id,
          itemCounts: [...group.itemCounts],
        })),
      );
      const start = performance.now();
      await closeWithAnswers(db, row, [], new Date(closedAt));
      slowestClosing = Math.max(slowestClosing, performance.now() - start);
      written.push({ id: row.id, unitId: scope.id, invited: invitees.length });
    }
  }
  return { rounds: written, slowestClosing };
}
