import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "../core/db.ts";
import * as inventoryStore from "../inventory/store.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { followupModule } from "./module.ts";
import { remindOverdue } from "./notices.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;
type Client = Awaited<ReturnType<typeof clientFor>>;
let manager: Client;
let employee: Client;
let director: Client;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
  manager = await clientFor(t.app, org.people.manager);
  employee = await clientFor(t.app, org.people.employee);
  director = await clientFor(t.app, org.people.director);
});
afterAll(() => t.close());

const draft = (overrides: Record<string, unknown> = {}) => ({
  unitId: org.units.school.id,
  periodStart: "2026-08-01",
  periodEnd: "2027-06-30",
  title: "Alla elever får återkoppling varje vecka",
  description: "Varje elev får minst en gång i veckan återkoppling på sitt lärande.",
  method: "narrative",
  ...overrides,
});

const count = async (table: string) => {
  const [{ n }] = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`));
  return n;
};

async function outboxTo(email: string) {
  return queryRows<{ subject: string }>(
    t.db,
    sql`select subject from mail_outbox where to_address = ${email} order by id`,
  );
}

describe("expectations agreed in dialogue", () => {
  it("runs draft → dialogue (staff invited) → positions with disagreement kept → agreed, and a revision is a new version", async () => {
    const created = await manager.post("/api/followup/expectations", draft());
    expect(created.statusCode).toBe(201);
    const expectation = created.json();
    expect(expectation).toMatchObject({ state: "draft", version: 1, canEdit: true });

    const early = await employee.post(`/api/followup/expectations/${expectation.id}/positions`, {
      agrees: true,
    });
    expect(early.statusCode).toBe(409);

    const skip = await manager.patch(`/api/followup/expectations/${expectation.id}`, { state: "agreed" });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain("dialog");

    expect(
      (await manager.patch(`/api/followup/expectations/${expectation.id}`, { state: "dialogue" })).statusCode,
    ).toBe(200);
    expect((await outboxTo(org.people.employee.email)).map((m) => m.subject)).toContain(
      "Förväntan att samtala om: Alla elever får återkoppling varje vecka",
    );

    const silentNo = await employee.post(`/api/followup/expectations/${expectation.id}/positions`, {
      agrees: false,
    });
    expect(silentNo.statusCode).toBe(400);
    expect(silentNo.json().error.details[0].path).toBe("body.comment");
    const disagreed = await employee.post(`/api/followup/expectations/${expectation.id}/positions`, {
      agrees: false,
      comment: "Varje vecka är orimligt i stora klasser; varannan vecka vore rimligt.",
    });
    expect(disagreed.json()).toMatchObject({
      agreement: { agree: 0, disagree: 1 },
      myPosition: { agrees: false },
    });

    const revised = await manager.patch(`/api/followup/expectations/${expectation.id}`, {
      title: "Alla elever får återkoppling varannan vecka",
    });
    expect(revised.json()).toMatchObject({ version: 2, state: "dialogue", agreement: { participants: 0 } });
    await employee.post(`/api/followup/expectations/${expectation.id}/positions`, { agrees: true });
    const agreed = await manager.patch(`/api/followup/expectations/${expectation.id}`, { state: "agreed" });
    expect(agreed.json()).toMatchObject({
      state: "agreed",
      agreedByName: "Maria Chef",
      agreement: { agree: 1, disagree: 0 },
    });
    expect(agreed.json().versions.map((v: { title: string }) => v.title)).toEqual([
      "Alla elever får återkoppling varje vecka",
      "Alla elever får återkoppling varannan vecka",
    ]);
    // The disagreement on version 1 stays visible.
    expect(agreed.json().positions.filter((p: { agrees: boolean }) => !p.agrees)).toHaveLength(1);

    const locked = await manager.patch(`/api/followup/expectations/${expectation.id}`, {
      title: "Tyst ändring",
    });
    expect(locked.statusCode).toBe(409);
    // Reopening with the revised text in one step makes one new version.
    const reopened = await manager.patch(`/api/followup/expectations/${expectation.id}`, {
      state: "dialogue",
      description: "Varannan vecka, i den form som passar ämnet.",
    });
    expect(reopened.json()).toMatchObject({ state: "dialogue", version: 3 });
    const polished = await manager.patch(`/api/followup/expectations/${expectation.id}`, {
      title: "Återkoppling varannan vecka",
    });
    expect(polished.json().version).toBe(3); // nobody has answered version 3 yet
  });

  it("records a use in the inventory when an indicator from it is chosen", async () => {
    const analyst = await clientFor(t.app, org.people.analyst);
    const demand = (
      await analyst.post("/api/inventory/demands", {
        title: "Betygsstatistik",
        kind: "indicator",
        purpose: "learning",
        requester: { unitId: org.units.administration.id },
        reporters: { roles: ["manager"], unitIds: [org.units.area.id] },
        frequencyPerYear: 2,
        minutesPerOccurrence: 60,
        existing: true,
      })
    ).json();
    const created = await manager.post(
      "/api/followup/expectations",
      draft({ method: "indicator", demandId: demand.id }),
    );
    expect(created.statusCode).toBe(201);
    const uses = await inventoryStore.usesOf(t.db, demand.id);
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ source: "followup", kind: "dialogue" });
  });
});

describe("bad input changes nothing", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an unknown unit", { unitId: "00000000-0000-4000-8000-000000000000" }, "body.unitId"],
    ["another tenant's unit", { unitId: "OTHER" }, "body.unitId"],
    ["reversed dates", { periodStart: "2027-06-30", periodEnd: "2026-08-01" }, "body.periodEnd"],
    ["an empty text", { description: "   " }, "body.description"],
    [
      "an indicator that is not in the inventory",
      { method: "indicator", demandId: "00000000-0000-4000-8000-000000000000" },
      "body.demandId",
    ],
  ];
  for (const [what, change, field] of cases)
    it(`answers 400 naming ${field} for ${what}`, async () => {
      const before = await count("followup_expectation");
      const body = draft({
        ...change,
        ...(change.unitId === "OTHER" ? { unitId: other.units.school.id } : {}),
      });
      const response = await manager.post("/api/followup/expectations", body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await count("followup_expectation")).toBe(before);
    });

  it("refuses a person from another tenant as an action's owner", async () => {
    const before = await count("followup_action");
    const response = await employee.post("/api/followup/actions", {
      unitId: org.units.school.id,
      title: "Ny rutin",
      addressee: "unit",
      ownerId: other.people.manager.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("body.ownerId");
    expect(await count("followup_action")).toBe(before);
  });
});

describe("who sees and does what", () => {
  it("lets an employee comment only on the own unit's expectations", async () => {
    const own = (await manager.post("/api/followup/expectations", draft({ title: "Eget" }))).json();
    await manager.patch(`/api/followup/expectations/${own.id}`, { state: "dialogue" });
    const otherManager = await clientFor(
      t.app,
      await addPerson(t.db, org.tenant.id, "Olga Chef", [[org.units.otherSchool.id, "manager"]]),
    );
    const beside = (
      await otherManager.post(
        "/api/followup/expectations",
        draft({ unitId: org.units.otherSchool.id, title: "Grannens" }),
      )
    ).json();
    await otherManager.patch(`/api/followup/expectations/${beside.id}`, { state: "dialogue" });

    expect(
      (await employee.post(`/api/followup/expectations/${own.id}/positions`, { agrees: true })).statusCode,
    ).toBe(200);
    expect(
      (await employee.post(`/api/followup/expectations/${beside.id}/positions`, { agrees: true })).statusCode,
    ).toBe(404);
    expect(
      (await employee.get(`/api/followup/expectations?unitId=${org.units.otherSchool.id}`)).statusCode,
    ).toBe(404);
    // An employee does not draft expectations.
    expect((await employee.post("/api/followup/expectations", draft())).statusCode).toBe(403);
  });

  it("shows a director the administration's subtree and a politician the board's, nothing beside", async () => {
    const politician = await clientFor(t.app, org.people.politician);
    expect((await director.get(`/api/followup/units/${org.units.school.id}`)).statusCode).toBe(200);
    expect((await politician.get(`/api/followup/units/${org.units.school.id}`)).statusCode).toBe(200);
    const otherBoard = await clientFor(
      t.app,
      await addPerson(t.db, other.tenant.id, "Pia Politiker", [[other.units.board.id, "politician"]]),
    );
    expect((await otherBoard.get(`/api/followup/units/${org.units.school.id}`)).statusCode).toBe(404);
    const listed = (await director.get("/api/followup/expectations")).json();
    expect(listed.every((e: { unitId: string }) => e.unitId !== other.units.school.id)).toBe(true);
    const foreign = await clientFor(t.app, other.people.admin);
    expect((await foreign.get("/api/followup/expectations")).json()).toEqual([]);
    expect((await foreign.get("/api/followup/actions")).json()).toEqual({
      items: [],
      total: 0,
      overdue: 0,
      next: null,
    });
  });
});

describe("entries", () => {
  it("shows good examples beside problems on the unit's page, and only good examples go to the learning bank", async () => {
    const good = await employee.post("/api/followup/entries", {
      unitId: org.units.school.id,
      phase: "during",
      kind: "good_example",
      body: "Kamratbedömning i åk 5 gav eleverna språk för sitt lärande.",
      learningBank: true,
    });
    expect(good.statusCode).toBe(201);
    const problem = await employee.post("/api/followup/entries", {
      unitId: org.units.school.id,
      phase: "during",
      kind: "problem",
      body: "Dokumentationen i lärplattformen tar två timmar i veckan.",
    });
    expect(problem.statusCode).toBe(201);
    const marked = await employee.post("/api/followup/entries", {
      unitId: org.units.school.id,
      phase: "after",
      kind: "problem",
      body: "x",
      learningBank: true,
    });
    expect(marked.statusCode).toBe(400);
    const page = (await manager.get(`/api/followup/units/${org.units.school.id}`)).json();
    expect(page.goodExamples[0].body).toContain("Kamratbedömning");
    expect(page.problems[0].body).toContain("lärplattformen");
  });
});

describe("actions and upward requests", () => {
  it("sends a request up, lets only the addressed level answer, measures the time and appears in 'waiting on us'", async () => {
    const created = await manager.post("/api/followup/actions", {
      unitId: org.units.school.id,
      title: "Färre dubbla rapporteringar i lärplattformen",
      description: "Vi behöver att förvaltningen tar bort den veckovisa närvarorapporten.",
      addressee: "administration",
    });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ state: "proposed", upward: true, canAnswer: false });
    expect((await outboxTo(org.people.director.email)).map((m) => m.subject)).toContain(
      "Begäran från Ekbackens skola: Färre dubbla rapporteringar i lärplattformen",
    );

    const waiting = (await director.get("/api/followup/actions?waiting=true")).json().items;
    expect(waiting.map((a: { id: string }) => a.id)).toContain(request.id);
    expect(
      (await manager.get("/api/followup/actions?waiting=true")).json().items.map((a: { id: string }) => a.id),
    ).not.toContain(request.id);

    expect(
      (await manager.post(`/api/followup/actions/${request.id}/transition`, { to: "accepted" })).statusCode,
    ).toBe(403);
    const noReason = await director.post(`/api/followup/actions/${request.id}/transition`, {
      to: "declined",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toEqual({
      path: "body.reason",
      message: "Den som avböjer måste säga varför.",
    });
    const illegal = await director.post(`/api/followup/actions/${request.id}/transition`, { to: "done" });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.message).toBe("En åtgärd kan inte gå från föreslagen till klar.");

    const accepted = await director.post(`/api/followup/actions/${request.id}/transition`, {
      to: "accepted",
    });
    expect(accepted.json()).toMatchObject({ state: "accepted", answeredByName: "Dora Direktör" });
    for (const to of ["in_progress", "done", "evaluated"])
      expect(
        (
          await manager.post(`/api/followup/actions/${request.id}/transition`, {
            to,
            reason: to === "evaluated" ? "Rapporten är borta" : undefined,
          })
        ).statusCode,
      ).toBe(200);

    const rows = (await director.get(`/api/followup/responsiveness?unitId=${org.units.area.id}`)).json();
    expect(rows.find((row: { level: string }) => row.level === "administration")).toMatchObject({
      answered: 1,
      open: 0,
    });
  });

  it("reminds the addressed level weekly once a request is overdue: at t, not at t + 6 days, again at t + 7 days", async () => {
    const request = (
      await employee.post("/api/followup/actions", {
        unitId: org.units.school.id,
        title: "Vikarier vid sjukdom",
        addressee: "board",
        answerDays: 1,
      })
    ).json();
    const subject = "Påminnelse: Ekbackens skola väntar på svar – Vikarier vid sjukdom";
    const reminders = async () =>
      (await outboxTo(org.people.politician.email)).filter((mail) => mail.subject === subject).length;
    // The job's clock is its `now`: the request is overdue two days after it was made.
    const day = 86_400_000;
    const t0 = Date.now() + 2 * day;
    const runAt = (offset: number) => remindOverdue(t.db, "outbox", new Date(t0 + offset));

    expect(await reminders()).toBe(0);
    await runAt(0);
    expect(await reminders()).toBe(1);
    await runAt(0);
    await runAt(6 * day);
    await runAt(7 * day - 60_000);
    expect(await reminders()).toBe(1);
    await runAt(7 * day);
    expect(await reminders()).toBe(2);
    await runAt(13 * day);
    expect(await reminders()).toBe(2);
    await runAt(14 * day);
    expect(await reminders()).toBe(3);

    // Answered, it is reminded no more.
    const politician = await clientFor(t.app, org.people.politician);
    const accepted = await politician.post(`/api/followup/actions/${request.id}/transition`, {
      to: "accepted",
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await runAt(21 * day);
    expect(await reminders()).toBe(3);
    const listed = (await employee.get(`/api/followup/actions?unitId=${org.units.school.id}`)).json().items;
    expect(listed.find((a: { id: string }) => a.id === request.id).overdue).toBe(false);
  });
});

describe("dialogue meetings", () => {
  it("holds a meeting between two levels with preparation, minutes, decisions as actions, and reviews them next time", async () => {
    const first = await director.post("/api/followup/dialogues", {
      upperUnitId: org.units.administration.id,
      lowerUnitId: org.units.school.id,
      pair: "director_managers",
      title: "Uppföljningsdialog hösten",
      heldOn: "2026-10-01",
      participantIds: [org.people.director.id, org.people.manager.id],
    });
    expect(first.statusCode).toBe(201);
    expect((await outboxTo(org.people.manager.email)).map((m) => m.subject)).toContain(
      "Inbjudan till dialogmöte: Uppföljningsdialog hösten (2026-10-01)",
    );
    const meeting = first.json();
    const prepared = await manager.patch(`/api/followup/dialogues/${meeting.id}`, {
      agenda: {
        good_examples: { lower: "Kamratbedömningen i åk 5" },
        needs_both_ways: { lower: "Färre rapporter" },
      },
    });
    expect(prepared.statusCode).toBe(200);
    await director.patch(`/api/followup/dialogues/${meeting.id}`, {
      agenda: { needs_both_ways: { upper: "Att ni delar era exempel" } },
      minutes: "Vi kom överens om att pröva glesare rapportering.",
      status: "held",
    });
    const decision = await director.post("/api/followup/actions", {
      unitId: org.units.school.id,
      title: "Pröva månadsrapport i stället för veckorapport",
      addressee: "unit",
      dialogueId: meeting.id,
    });
    expect(decision.statusCode).toBe(201);

    const second = (
      await director.post("/api/followup/dialogues", {
        upperUnitId: org.units.administration.id,
        lowerUnitId: org.units.school.id,
        pair: "director_managers",
        title: "Uppföljningsdialog våren",
        heldOn: "2027-03-01",
      })
    ).json();
    const view = (await manager.get(`/api/followup/dialogues/${second.id}`)).json();
    expect(view.previous.id).toBe(meeting.id);
    expect(view.previousActions.map((a: { title: string }) => a.title)).toEqual([
      "Pröva månadsrapport i stället för veckorapport",
    ]);
    const firstView = (await manager.get(`/api/followup/dialogues/${meeting.id}`)).json();
    const needs = firstView.agenda.find((item: { item: string }) => item.item === "needs_both_ways");
    expect(needs).toEqual({
      item: "needs_both_ways",
      upper: "Att ni delar era exempel",
      lower: "Färre rapporter",
      minutes: null,
    });

    const byEmployee = await employee.post("/api/followup/dialogues", {
      upperUnitId: org.units.administration.id,
      lowerUnitId: org.units.school.id,
      pair: "director_managers",
      title: "Egen kallelse",
      heldOn: "2027-04-01",
    });
    // The employee cannot see the administration, so for them it does not exist.
    expect(byEmployee.statusCode).toBe(400);
    expect(byEmployee.json().error.details[0].path).toBe("body.upperUnitId");
    const reversed = await director.post("/api/followup/dialogues", {
      upperUnitId: org.units.school.id,
      lowerUnitId: org.units.administration.id,
      pair: "director_managers",
      title: "Fel håll",
      heldOn: "2027-03-01",
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].path).toBe("body.lowerUnitId");
    const foreign = await clientFor(t.app, other.people.admin);
    expect((await foreign.get(`/api/followup/dialogues/${meeting.id}`)).statusCode).toBe(404);
  });
});

describe("dialogue meetings by side", () => {
  it("lets each side write only its own preparation, and only the upper side keep the meeting", async () => {
    const called = await director.post("/api/followup/dialogues", {
      upperUnitId: org.units.administration.id,
      lowerUnitId: org.units.school.id,
      pair: "director_managers",
      title: "Direktörens dialog",
      heldOn: "2026-11-05",
      participantIds: [org.people.director.id, org.people.manager.id],
    });
    expect(called.statusCode).toBe(201);
    const url = `/api/followup/dialogues/${called.json().id}`;
    const written = await director.patch(url, {
      agenda: { hindrances: { upper: "Budgeten", minutes: "Vi tog upp budgeten." } },
      minutes: "Direktörens protokoll.",
    });
    expect(written.statusCode).toBe(200);
    expect(written.json().canWrite).toEqual({ upper: true, lower: false, meeting: true });
    const before = (await director.get(url)).json();
    const updates = async () => {
      const [{ n }] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from audit_log where action = 'followup.dialogue.update' and target_id = ${before.id}`,
      );
      return n;
    };
    const auditedBefore = await updates();

    // The attack: an employee of the lower unit rewrites the director's meeting, part by part.
    expect((await employee.get(url)).json().canWrite).toEqual({ upper: false, lower: true, meeting: false });
    const attacks = [
      { agenda: { hindrances: { upper: "Förvaltningen har inga synpunkter." } } },
      { agenda: { hindrances: { upper: null } } },
      { agenda: { hindrances: { minutes: "Inget sades." } } },
      { participantIds: [org.people.employee.id] },
      { status: "held" },
      { minutes: "Mötet ställdes in." },
      { title: "Inställt" },
      { heldOn: "2026-11-06" },
      { agenda: { good_examples: { lower: "Vårt exempel" } }, minutes: null },
    ];
    for (const attack of attacks) {
      const answer = await employee.patch(url, attack);
      expect(answer.statusCode, JSON.stringify(attack)).toBe(403);
    }
    const decision = await employee.post("/api/followup/actions", {
      unitId: org.units.school.id,
      title: "Direktören beslutade att lägga ner rapporterna",
      addressee: "unit",
      dialogueId: before.id,
    });
    expect(decision.statusCode).toBe(403);
    // The lower unit's manager writes the lower side's preparation, never the upper side's, nor the meeting.
    expect((await manager.get(url)).json().canWrite).toEqual({ upper: false, lower: true, meeting: false });
    for (const attack of [
      { agenda: { hindrances: { upper: "Chefen skriver om direktören." } } },
      { status: "held" },
      { participantIds: [org.people.manager.id] },
    ])
      expect((await manager.patch(url, attack)).statusCode, JSON.stringify(attack)).toBe(403);
    const after = (await director.get(url)).json();
    expect(after).toEqual(before);
    expect(await updates()).toBe(auditedBefore);

    // What they may write: the lower side's preparation, also in a form that sends the upper note back as it stands.
    const byManager = await manager.patch(url, { agenda: { hindrances: { lower: "Vikarier saknas." } } });
    expect(byManager.statusCode).toBe(200);
    const byEmployee = await employee.patch(url, {
      agenda: { hindrances: { upper: "Budgeten", lower: "Vikarier saknas, särskilt på fredagar." } },
    });
    expect(byEmployee.statusCode).toBe(200);
    const hindrances = byEmployee.json().agenda.find((item: { item: string }) => item.item === "hindrances");
    expect(hindrances).toEqual({
      item: "hindrances",
      upper: "Budgeten",
      lower: "Vikarier saknas, särskilt på fredagar.",
      minutes: "Vi tog upp budgeten.",
    });
    // The director keeps the meeting but does not write the lower side's preparation.
    expect((await director.patch(url, { agenda: { hindrances: { lower: null } } })).statusCode).toBe(403);
    expect(
      (await director.patch(url, { status: "held", participantIds: [org.people.director.id] })).statusCode,
    ).toBe(200);
    // The board above the administration leads the upper side too.
    const politician = await clientFor(t.app, org.people.politician);
    expect((await politician.patch(url, { minutes: "Nämndens tillägg." })).statusCode).toBe(200);
  });

  it("is called by whoever leads the upper unit, not by the lower unit's manager", async () => {
    const areaManager = await addPerson(t.db, org.tenant.id, "Vera Verksamhetschef", [
      [org.units.area.id, "manager"],
    ]);
    const schoolManagerToo = await addPerson(t.db, org.tenant.id, "Sam Skolchef", [
      [org.units.school.id, "manager"],
      [org.units.administration.id, "employee"],
    ]);
    const meeting = {
      upperUnitId: org.units.administration.id,
      lowerUnitId: org.units.school.id,
      pair: "director_managers",
      title: "I direktörens namn",
      heldOn: "2026-12-01",
    };
    // Sees the administration (works there) and leads the school, but does not lead the administration.
    const refused = await (await clientFor(t.app, schoolManagerToo)).post("/api/followup/dialogues", meeting);
    expect(refused.statusCode).toBe(403);
    const byArea = await (await clientFor(t.app, areaManager)).post("/api/followup/dialogues", {
      ...meeting,
      upperUnitId: org.units.area.id,
      pair: "manager_team",
    });
    expect(byArea.statusCode).toBe(201);
  });
});

describe("the audit log", () => {
  it("names every follow-up action in words and tells each step in both languages, states in words", async () => {
    const rows = await queryRows<{ action: string; summary: string; summary_en: string | null }>(
      t.db,
      sql`select action, summary, summary_en from audit_log
          where tenant_id = ${org.tenant.id} and action like 'followup.%' order by id`,
    );
    const words = Object.keys(followupModule.auditActions ?? {});
    const written = new Set(rows.map((row) => row.action));
    for (const action of [
      "followup.expectation.agreed",
      "followup.action.evaluated",
      "followup.dialogue.update",
    ])
      expect(written).toContain(action);
    for (const row of rows) {
      expect(words, row.action).toContain(row.action);
      expect(row.summary_en, row.action).toBeTruthy();
      expect(`${row.summary} | ${row.summary_en}`).not.toMatch(
        /→|\b(in_progress|good_example|director_managers)\b/,
      );
    }
    const summaries = rows.map((row) => [row.summary, row.summary_en]);
    expect(summaries).toContainEqual([
      "Åtgärden är nu accepterad: Färre dubbla rapporteringar i lärplattformen",
      "The action is now accepted: Färre dubbla rapporteringar i lärplattformen",
    ]);
    expect(summaries).toContainEqual([
      "Förväntan är nu överenskommen: Alla elever får återkoppling varannan vecka",
      "The expectation is now agreed: Alla elever får återkoppling varannan vecka",
    ]);
    expect(summaries).toContainEqual([
      "Åtgärd till förvaltningen från Ekbackens skola: Färre dubbla rapporteringar i lärplattformen",
      "Action to the administration from Ekbackens skola: Färre dubbla rapporteringar i lärplattformen",
    ]);
  });
});
