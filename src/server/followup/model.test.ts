import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTION_STATES,
  type ActionState,
  ADDRESSEES,
  AGENDA,
  type Agenda,
  actionTransition,
  ageDays,
  agreementOf,
  answered,
  checkPeriod,
  dialogueLevels,
  dialogueParts,
  ENTRY_KINDS,
  EXPECTATION_STATES,
  expectationChange,
  expectationTransition,
  indicatorChoice,
  isAnswer,
  isOverdue,
  isUpwardRequest,
  learningBankEntry,
  mergeAgenda,
  nextVersion,
  positionExplained,
  positionOpen,
  quantile,
  reminderDue,
  responsiveness,
  sideBySide,
  stepRecord,
} from "./model.ts";

describe("the life of an expectation", () => {
  it("goes draft → dialogue → agreed, and back to dialogue when revised", () => {
    expect(expectationTransition("draft", "dialogue").ok).toBe(true);
    expect(expectationTransition("dialogue", "agreed").ok).toBe(true);
    expect(expectationTransition("agreed", "dialogue").ok).toBe(true);
    expect(expectationTransition("agreed", "closed").ok).toBe(true);
  });

  it("never agrees without dialogue, and explains why", () => {
    const skipped = expectationTransition("draft", "agreed");
    expect(skipped).toMatchObject({ ok: false, refusal: { code: "dialogue_first" } });
    const reopened = expectationTransition("closed", "dialogue");
    expect(reopened.ok).toBe(false);
    if (!reopened.ok) expect(reopened.refusal.sv).toContain("avslutad");
  });

  it("allows exactly the listed steps (every pair checked)", () => {
    const allowed = new Set([
      "draft>dialogue",
      "draft>closed",
      "dialogue>agreed",
      "dialogue>closed",
      "agreed>dialogue",
      "agreed>closed",
    ]);
    for (const from of EXPECTATION_STATES)
      for (const to of EXPECTATION_STATES)
        expect(expectationTransition(from, to).ok, `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
  });

  it("starts a new version when a text in dialogue is revised, so positions stay with what they answered", () => {
    const change = { from: "dialogue" as const, to: "dialogue" as const, textChanged: true, answered: true };
    expect(nextVersion({ ...change, from: "draft", to: "draft" }, 1)).toBe(1);
    expect(nextVersion(change, 1)).toBe(2);
    expect(nextVersion({ ...change, answered: false }, 1)).toBe(1);
    expect(nextVersion({ ...change, from: "agreed", textChanged: false, answered: false }, 3)).toBe(4);
    expect(nextVersion({ ...change, from: "draft", textChanged: false }, 1)).toBe(1);
    const positions = [
      { personId: "a", agrees: true, comment: null, version: 1 },
      { personId: "b", agrees: false, comment: "För högt satt", version: 1 },
      { personId: "a", agrees: true, comment: null, version: 2 },
    ];
    expect(agreementOf(positions, 1)).toEqual({ agree: 1, disagree: 1, participants: 2 });
    expect(agreementOf(positions, 2)).toEqual({ agree: 1, disagree: 0, participants: 1 });
  });
});

describe("changing an expectation", () => {
  it("changes the text only while open for dialogue, or in the step that reopens an agreed one", () => {
    for (const from of EXPECTATION_STATES) {
      const verdict = expectationChange({ from, textChanged: true });
      expect(verdict.ok, from).toBe(from === "draft" || from === "dialogue");
      if (!verdict.ok) expect(verdict.refusal.code).toBe("reopen_to_change");
    }
    expect(expectationChange({ from: "agreed", to: "dialogue", textChanged: true }).ok).toBe(true);
    expect(expectationChange({ from: "closed", to: "dialogue", textChanged: true }).ok).toBe(false);
  });

  it("moves the state along the allowed steps only, and asking for the same state is no step", () => {
    for (const from of EXPECTATION_STATES)
      for (const to of EXPECTATION_STATES) {
        const expected = to === from || expectationTransition(from, to).ok;
        expect(expectationChange({ from, to, textChanged: false }).ok, `${from}>${to}`).toBe(expected);
      }
  });

  it("takes positions only in dialogue, and a disagreement must say why", () => {
    for (const state of EXPECTATION_STATES) expect(positionOpen(state).ok, state).toBe(state === "dialogue");
    expect(positionExplained({ agrees: true }).ok).toBe(true);
    expect(positionExplained({ agrees: false, comment: "  " })).toMatchObject({
      ok: false,
      refusal: { code: "comment_required" },
    });
    expect(positionExplained({ agrees: false, comment: "För högt satt" }).ok).toBe(true);
  });

  it("knows a version as answered once someone has taken a position on it", () => {
    expect(answered([{ version: 1 }], 1)).toBe(true);
    expect(answered([{ version: 1 }], 2)).toBe(false);
    expect(answered([], 1)).toBe(false);
  });

  it("chooses an inventory demand only as an indicator, and marks only good examples for the learning bank", () => {
    expect(indicatorChoice("indicator").ok).toBe(true);
    expect(indicatorChoice("narrative")).toMatchObject({ ok: false, refusal: { code: "indicator_only" } });
    for (const kind of ENTRY_KINDS) {
      expect(learningBankEntry({ kind, learningBank: true }).ok, kind).toBe(kind === "good_example");
      expect(learningBankEntry({ kind, learningBank: false }).ok, kind).toBe(true);
    }
  });
});

describe("the life of an action", () => {
  it("allows exactly proposed → accepted | declined → in progress → done → evaluated", () => {
    const allowed = new Set([
      "proposed>accepted",
      "proposed>declined",
      "accepted>in_progress",
      "accepted>done",
      "in_progress>done",
      "done>evaluated",
    ]);
    for (const from of ACTION_STATES)
      for (const to of ACTION_STATES)
        expect(actionTransition(from, to, "skäl").ok, `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
  });

  it("wants a reason to decline", () => {
    expect(actionTransition("proposed", "declined")).toMatchObject({
      ok: false,
      refusal: { code: "reason_required" },
    });
    expect(actionTransition("proposed", "declined", "  ")).toMatchObject({ ok: false });
    expect(actionTransition("proposed", "declined", "Ingen budget i år").ok).toBe(true);
  });

  it("names both states when a step is illegal", () => {
    const verdict = actionTransition("done" as ActionState, "proposed" as ActionState);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.refusal.en).toBe("An action cannot go from done to proposed.");
  });
});

describe("what a step records", () => {
  const now = new Date("2026-11-05T10:00:00Z");
  it("stamps the answer on accepting or declining, keeps the reason to decline and the evaluation", () => {
    for (const to of ACTION_STATES) expect(isAnswer(to), to).toBe(to === "accepted" || to === "declined");
    expect(stepRecord("accepted", null, "Dora", now)).toEqual({ answeredAt: now, answeredByName: "Dora" });
    expect(stepRecord("declined", "Ingen budget", "Dora", now)).toEqual({
      answeredAt: now,
      answeredByName: "Dora",
      declineReason: "Ingen budget",
    });
    expect(stepRecord("in_progress", null, "Maria", now)).toEqual({});
    expect(stepRecord("evaluated", "Det fungerade", "Maria", now)).toEqual({ evaluation: "Det fungerade" });
  });

  it("counts whole days waited until the answer, or until now", () => {
    const createdAt = new Date("2026-11-01T10:00:00Z");
    expect(ageDays({ createdAt, answeredAt: null }, now)).toBe(4);
    expect(ageDays({ createdAt, answeredAt: new Date("2026-11-02T09:00:00Z") }, now)).toBe(0);
  });
});

describe("upward requests", () => {
  const created = new Date("2026-11-01T08:00:00Z");
  it("are the actions addressed above the unit", () => {
    expect(ADDRESSEES.filter(isUpwardRequest)).toEqual(["manager", "administration", "board", "support"]);
  });

  it("become overdue when unanswered past their answer time, and are reminded weekly", () => {
    const request = {
      state: "proposed" as const,
      addressee: "administration" as const,
      createdAt: created,
      answerDays: 14,
    };
    expect(isOverdue(request, new Date("2026-11-14T08:00:00Z"))).toBe(false);
    expect(isOverdue(request, new Date("2026-11-16T08:00:00Z"))).toBe(true);
    expect(isOverdue({ ...request, state: "accepted" }, new Date("2026-12-30"))).toBe(false);
    expect(isOverdue({ ...request, addressee: "unit" }, new Date("2026-12-30"))).toBe(false);
    expect(reminderDue(null, created)).toBe(true);
    expect(reminderDue(new Date("2026-11-10T08:00:00Z"), new Date("2026-11-16T08:00:00Z"))).toBe(false);
    expect(reminderDue(new Date("2026-11-10T08:00:00Z"), new Date("2026-11-17T08:00:00Z"))).toBe(true);
  });
});

describe("responsiveness", () => {
  it("computes the median and 90th percentile hours per level", () => {
    const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000);
    const rows = responsiveness([
      { addressee: "administration", createdAt: at(0), answeredAt: at(10) },
      { addressee: "administration", createdAt: at(0), answeredAt: at(20) },
      { addressee: "administration", createdAt: at(0), answeredAt: at(30) },
      { addressee: "administration", createdAt: at(0), answeredAt: null },
      { addressee: "board", createdAt: at(0), answeredAt: null },
      { addressee: "unit", createdAt: at(0), answeredAt: at(1) },
    ]);
    expect(rows).toEqual([
      { level: "administration", answered: 3, open: 1, medianHours: 20, p90Hours: 28 },
      { level: "board", answered: 0, open: 1, medianHours: null, p90Hours: null },
    ]);
  });

  it("agrees with a straightforward reference computation (property)", () => {
    const request = fc.record({
      addressee: fc.constantFrom(...ADDRESSEES),
      createdAt: fc.integer({ min: 0, max: 1_000_000 }),
      answeredAfter: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), (specs) => {
        const requests = specs.map((spec) => ({
          addressee: spec.addressee,
          createdAt: new Date(spec.createdAt * 60_000),
          answeredAt:
            spec.answeredAfter === null ? null : new Date((spec.createdAt + spec.answeredAfter) * 60_000),
        }));
        const rows = responsiveness(requests);
        for (const level of ADDRESSEES) {
          const mine = specs.filter((spec) => spec.addressee === level);
          const row = rows.find((candidate) => candidate.level === level);
          if (!isUpwardRequest(level) || mine.length === 0) {
            expect(row).toBeUndefined();
            continue;
          }
          const hours = mine.flatMap((spec) =>
            spec.answeredAfter === null ? [] : [spec.answeredAfter / 60],
          );
          expect(row?.answered).toBe(hours.length);
          expect(row?.open).toBe(mine.length - hours.length);
          for (const [q, figure] of [
            [0.5, row?.medianHours],
            [0.9, row?.p90Hours],
          ] as const) {
            const expected = referenceQuantile(hours, q);
            if (expected === null) expect(figure).toBeNull();
            else expect(figure).toBeCloseTo(expected, 9);
          }
        }
      }),
    );
  });

  it("interpolates quantiles between ranks", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
  });
});

/** The textbook definition: the median of an even count is the mean of the middle two; p90 by the same interpolation, done by hand. */
function referenceQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  if (q === 0.5) {
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
  const rank = q * (sorted.length - 1);
  const below = sorted[Math.floor(rank)];
  const above = sorted[Math.min(sorted.length - 1, Math.floor(rank) + 1)];
  return below + (above - below) * (rank - Math.floor(rank));
}

describe("dialogue meetings", () => {
  it("are held between a unit and one above it", () => {
    const upper = { id: "a", path: "/a/" };
    const lower = { id: "b", path: "/a/b/" };
    expect(dialogueLevels(upper, lower).ok).toBe(true);
    expect(dialogueLevels(lower, upper)).toMatchObject({ ok: false, refusal: { code: "lower_below_upper" } });
    expect(dialogueLevels(upper, upper).ok).toBe(false);
    expect(dialogueLevels(upper, { id: "c", path: "/c/" }).ok).toBe(false);
  });

  const note = fc.option(fc.string({ maxLength: 5 }), { nil: null });
  const notes = fc.record({ upper: note, lower: note, minutes: note }, { requiredKeys: [] });
  const agenda: fc.Arbitrary<Agenda> = fc.dictionary(fc.constantFrom(...AGENDA), notes);

  it("merges each side's notes without touching what the change does not name (property)", () => {
    fc.assert(
      fc.property(agenda, agenda, (current, patch) => {
        const merged = mergeAgenda(current, patch);
        for (const item of AGENDA)
          for (const side of ["upper", "lower", "minutes"] as const) {
            const given = patch[item]?.[side];
            expect(merged[item]?.[side]).toEqual(given !== undefined ? given : current[item]?.[side]);
          }
        expect(mergeAgenda(current, {})).toEqual(current);
      }),
    );
  });
});

describe("who writes what in a meeting", () => {
  const meeting = {
    title: "Uppföljningsdialog hösten",
    heldOn: "2026-10-01",
    status: "planned" as const,
    participants: [{ personId: "p1" }, { personId: "p2" }],
    agenda: { good_examples: { upper: "Vårt exempel", lower: null } },
    minutes: null,
  };
  const parts = (change: Parameters<typeof dialogueParts>[1]) => [...dialogueParts(meeting, change)].sort();

  it("names each side's preparation as that side's, and the minutes and the meeting's facts as the meeting's", () => {
    expect(parts({ agenda: { good_examples: { lower: "Vårt svar" } } })).toEqual(["lower"]);
    expect(parts({ agenda: { hindrances: { upper: "Budget" } } })).toEqual(["upper"]);
    expect(parts({ agenda: { agreements: { minutes: "Vi kom överens" } } })).toEqual(["meeting"]);
    for (const change of [
      { minutes: "Protokoll" },
      { status: "held" as const },
      { title: "Annat namn" },
      { heldOn: "2026-10-02" },
      { participantIds: ["p1"] },
      { participantIds: ["p2", "p1"] },
      { participantIds: ["p1", "p2", "p3"] },
    ])
      expect(parts(change), JSON.stringify(change)).toEqual(["meeting"]);
    expect(parts({ agenda: { good_examples: { upper: null, lower: "Svar" } }, status: "held" })).toEqual([
      "lower",
      "meeting",
      "upper",
    ]);
  });

  it("counts nothing that is sent back as it stands, so the other side's note is not written", () => {
    expect(
      parts({
        title: meeting.title,
        heldOn: meeting.heldOn,
        status: "planned",
        minutes: null,
        participantIds: ["p1", "p2", "p1"],
        agenda: { good_examples: { upper: "Vårt exempel", lower: null }, hindrances: { upper: null } },
      }),
    ).toEqual([]);
    expect(parts({})).toEqual([]);
  });

  const note = fc.option(fc.string({ maxLength: 3 }), { nil: null });
  const notes = fc.record({ upper: note, lower: note, minutes: note }, { requiredKeys: [] });
  const agenda: fc.Arbitrary<Agenda> = fc.dictionary(fc.constantFrom(...AGENDA), notes);

  it("names a side exactly when a note of that side would change (property)", () => {
    fc.assert(
      fc.property(agenda, agenda, (current, patch) => {
        const found = dialogueParts({ ...meeting, agenda: current }, { agenda: patch });
        const merged = mergeAgenda(current, patch);
        for (const [note, part] of [
          ["upper", "upper"],
          ["lower", "lower"],
          ["minutes", "meeting"],
        ] as const) {
          const changed = AGENDA.some(
            (item) => (merged[item]?.[note] ?? null) !== (current[item]?.[note] ?? null),
          );
          expect(found.has(part), note).toBe(changed);
        }
      }),
    );
  });
});

describe("entries and periods", () => {
  it("shows good examples beside problems, newest first", () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    const view = sideBySide([
      { kind: "problem" as const, createdAt: day(1), id: 1 },
      { kind: "good_example" as const, createdAt: day(2), id: 2 },
      { kind: "good_example" as const, createdAt: day(3), id: 3 },
      { kind: "lesson" as const, createdAt: day(4), id: 4 },
    ]);
    expect(view.goodExamples.map((entry) => entry.id)).toEqual([3, 2]);
    expect(view.problems.map((entry) => entry.id)).toEqual([1]);
  });

  it("refuses a period that ends before it starts", () => {
    expect(checkPeriod("2026-01-01", "2026-12-31").ok).toBe(true);
    expect(checkPeriod("2026-12-31", "2026-01-01")).toMatchObject({
      ok: false,
      refusal: { code: "dates_reversed" },
    });
  });
});
