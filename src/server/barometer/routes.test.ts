import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../core/access.ts";
import { queryRows, sql } from "../core/db.ts";
import { getTenant, mergeTenantSettings } from "../org/service.ts";
import * as orgStore from "../org/store.ts";
import {
  addPerson,
  addUnit,
  clientFor,
  createOrgFixture,
  createTestApp,
  type TestApp,
  type TestPerson,
} from "../testing/app.ts";

let t: TestApp;

/**
 * Grundskola (area) with five schools, each with one manager: S1 has 9 staff and a team of 3,
 * S2 6, S3 only 2, S4 and S5 5 each. With k = 5, S3's and the team's answers are stored with
 * the level above, and S3 must never be recoverable.
 */
let org: {
  tenantId: string;
  director: TestPerson;
  analyst: TestPerson;
  admin: TestPerson;
  area: { id: string; path: string };
  schools: { id: string; path: string; name: string; manager: TestPerson; staff: TestPerson[] }[];
  team: { id: string; path: string; staff: TestPerson[] };
  everyone: TestPerson[];
};

const STAFF = [9, 6, 2, 5, 5];
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  const tenant = await orgStore.createTenant(t.db, {
    slug: `b-${randomUUID().slice(0, 8)}`,
    name: "Barometerkommun",
  });
  const administration = await addUnit(t.db, tenant.id, null, "Utbildningsförvaltningen", "forvaltning");
  const area = await addUnit(t.db, tenant.id, administration, "Grundskola", "verksamhetsomrade");
  const schools = [];
  const everyone: TestPerson[] = [];
  const person = async (name: string, roles: [string, Role][]) => {
    const created = await addPerson(t.db, tenant.id, name, roles);
    everyone.push(created);
    return created;
  };
  for (const [index, size] of STAFF.entries()) {
    const school = await addUnit(t.db, tenant.id, area, `Skola ${index + 1}`, "enhet");
    const manager = await person(`Chef ${index + 1}`, [[school.id, "manager"]]);
    const staff = [];
    for (let n = 0; n < size; n++)
      staff.push(await person(`Lärare ${index + 1}-${n}`, [[school.id, "employee"]]));
    schools.push({ ...school, manager, staff });
  }
  const team = await addUnit(t.db, tenant.id, schools[0], "Arbetslag 1", "arbetslag");
  const teamStaff = [];
  for (let n = 0; n < 3; n++) teamStaff.push(await person(`Lag ${n}`, [[team.id, "employee"]]));
  const director = await addPerson(t.db, tenant.id, "Dora Direktör", [[administration.id, "director"]]);
  const analyst = await addPerson(t.db, tenant.id, "Ada Analytiker", [[administration.id, "analyst"]]);
  const admin = await addPerson(t.db, tenant.id, "Anna Admin", [[administration.id, "admin"]]);
  org = {
    tenantId: tenant.id,
    director,
    analyst,
    admin,
    area,
    schools,
    team: { ...team, staff: teamStaff },
    everyone,
  };
});
afterAll(() => t.close());

const SCALE_ITEMS = ["tillit.1", "handlingsutrymme.1", "trygghet.1", "borda.timmar"];
const ITEMS = [...SCALE_ITEMS, "oppen.hjalp"];

async function newRound(title: string, unitId = org.area.id) {
  const director = await clientFor(t.app, org.director);
  const response = await director.post("/api/barometer/rounds", {
    title,
    unitId,
    itemIds: ITEMS,
    opensAt: today(),
    closesAt: inDays(14),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string };
}

/** Answers that differ by person, managers rating discretion higher than staff. */
const answersOf = (person: TestPerson, index: number, isManager: boolean) => ({
  answers: [
    { itemId: "tillit.1", value: (index % 5) + 1 },
    { itemId: "handlingsutrymme.1", value: isManager ? 5 : (index % 3) + 1 },
    { itemId: "trygghet.1", value: index % 4 === 0 ? null : 4 },
    { itemId: "borda.timmar", value: 3 },
    { itemId: "oppen.hjalp", text: `Mindre dokumentation, tack (${person.name.length})` },
  ],
});

async function answerAll(roundId: string) {
  for (const [index, person] of org.everyone.entries()) {
    const client = await clientFor(t.app, person);
    const response = await client.post(
      `/api/barometer/rounds/${roundId}/responses`,
      answersOf(person, index, person.name.startsWith("Chef")),
    );
    expect(response.statusCode).toBe(201);
  }
}

async function count(table: string) {
  const [{ n }] = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`));
  return n;
}

describe("creating a round", () => {
  it("refuses more than 12 questions, unknown questions and reversed dates, writing nothing", async () => {
    const director = await clientFor(t.app, org.director);
    const before = await count("barometer_round");
    const body = { title: "För lång", unitId: org.area.id, opensAt: today(), closesAt: inDays(7) };
    const many = await director.post("/api/barometer/rounds", {
      ...body,
      itemIds: [
        "tillit.1",
        "tillit.2",
        "medborgarfokus.1",
        "medborgarfokus.2",
        "helhetssyn.1",
        "helhetssyn.2",
        "handlingsutrymme.1",
        "handlingsutrymme.2",
        "stod.1",
        "stod.2",
        "kunskap.1",
        "kunskap.2",
        "oppenhet.1",
      ],
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.details[0].path).toBe("body.itemIds");
    const unknown = await director.post("/api/barometer/rounds", {
      ...body,
      itemIds: ["tillit.1", "finns.inte"],
    });
    expect(unknown.json().error.details[0].path).toBe("body.itemIds.1");
    const reversed = await director.post("/api/barometer/rounds", {
      ...body,
      itemIds: ["tillit.1"],
      opensAt: inDays(7),
      closesAt: today(),
    });
    expect(reversed.json().error.details[0].path).toBe("body.closesAt");
    expect(await count("barometer_round")).toBe(before);
    const employee = await clientFor(t.app, org.schools[0].staff[0]);
    // A unit the employee cannot see does not exist for them; a manager may start one for the own school.
    const byEmployee = await employee.post("/api/barometer/rounds", { ...body, itemIds: ["tillit.1"] });
    expect(byEmployee.statusCode).toBe(404);
    const manager = await clientFor(t.app, org.schools[0].manager);
    const own = await manager.post("/api/barometer/rounds", {
      ...body,
      unitId: org.schools[0].id,
      itemIds: ["tillit.1"],
    });
    expect(own.statusCode).toBe(201);
    const above = await manager.post("/api/barometer/rounds", { ...body, itemIds: ["tillit.1"] });
    expect(above.statusCode).toBe(404);
  });

  it("invites everyone in the scope by e-mail and shows the estimated time, under three minutes", async () => {
    const round = await newRound("Inbjudan");
    const teacher = await clientFor(t.app, org.schools[1].staff[0]);
    const seen = (await teacher.get(`/api/barometer/rounds/${round.id}`)).json();
    expect(seen).toMatchObject({ phase: "open", invited: true, answered: false });
    expect(seen.estimatedSeconds).toBeLessThan(180);
    expect(seen.items.map((item: { id: string }) => item.id)).toEqual(ITEMS);
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from mail_outbox where subject = ${"Tillitsbarometern: Inbjudan"}`,
    );
    expect(n).toBe(org.everyone.length);
  });
});

describe("answering", () => {
  it("takes one answer per person; bad answers, second answers and closed rounds change nothing", async () => {
    const round = await newRound("Svar");
    const teacher = org.schools[0].staff[0];
    const client = await clientFor(t.app, teacher);
    const answered = async () =>
      (
        await queryRows<{ answered: boolean }>(
          t.db,
          sql`select answered from barometer_invitation where round_id = ${round.id} and person_id = ${teacher.id}`,
        )
      )[0].answered;

    const outside = await client.post(`/api/barometer/rounds/${round.id}/responses`, {
      answers: [{ itemId: "tillit.1", value: 6 }],
    });
    expect(outside.statusCode).toBe(400);
    const wrongItem = await client.post(`/api/barometer/rounds/${round.id}/responses`, {
      answers: [{ itemId: "stod.1", value: 3 }],
    });
    expect(wrongItem.statusCode).toBe(400);
    expect(await answered()).toBe(false);
    expect(await count("barometer_pool")).toBe(0);

    expect(
      (await client.post(`/api/barometer/rounds/${round.id}/responses`, answersOf(teacher, 0, false)))
        .statusCode,
    ).toBe(201);
    const again = await client.post(
      `/api/barometer/rounds/${round.id}/responses`,
      answersOf(teacher, 0, false),
    );
    expect(again.statusCode).toBe(409);
    expect(await count("barometer_pool")).toBe(1);

    const director = await clientFor(t.app, org.director);
    expect((await director.post(`/api/barometer/rounds/${round.id}/close`)).statusCode).toBe(200);
    const late = await clientFor(t.app, org.schools[0].staff[1]);
    const closed = await late.post(
      `/api/barometer/rounds/${round.id}/responses`,
      answersOf(teacher, 1, false),
    );
    expect(closed.statusCode).toBe(409);
    const outsider = await clientFor(t.app, org.analyst);
    expect(
      (await outsider.post(`/api/barometer/rounds/${round.id}/responses`, answersOf(teacher, 1, false)))
        .statusCode,
    ).toBe(404);
  });
});

describe("answers cannot be joined to people, even with full database access", () => {
  it("keeps who answered and what was answered apart: no shared key, no time, mixed in batches of k", async () => {
    const round = await newRound("Oberoende");
    const first = org.schools[0].staff.slice(0, 4);
    for (const [index, person] of first.entries())
      await (await clientFor(t.app, person)).post(
        `/api/barometer/rounds/${round.id}/responses`,
        answersOf(person, index, false),
      );
    // Four answers wait in the pool: no person, no time.
    const pool = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select * from barometer_pool where round_id = ${round.id}`,
    );
    expect(pool).toHaveLength(4);
    expect(Object.keys(pool[0]).sort()).toEqual([
      "answers",
      "id",
      "role_category",
      "round_id",
      "sealed",
      "unit_id",
    ]);
    // Sealed: nothing of what was answered is readable in the pool.
    expect(pool.every((entry) => entry.answers === null)).toBe(true);
    expect(JSON.stringify(pool)).not.toMatch(/Mindre dokumentation|itemId/);
    expect(
      await queryRows(t.db, sql`select * from barometer_aggregate where round_id = ${round.id}`),
    ).toHaveLength(0);

    const fifth = org.schools[0].staff[4];
    await (await clientFor(t.app, fifth)).post(
      `/api/barometer/rounds/${round.id}/responses`,
      answersOf(fifth, 4, false),
    );
    // The fifth answer mixed all five into counts in one go, and the pool is empty.
    expect(
      await queryRows(t.db, sql`select * from barometer_pool where round_id = ${round.id}`),
    ).toHaveLength(0);

    const ids = new Set(org.everyone.map((person) => person.id));
    for (const table of ["barometer_aggregate", "barometer_comment", "barometer_pool"]) {
      const columns = await queryRows<{ column_name: string; data_type: string }>(
        t.db,
        sql`select column_name, data_type from information_schema.columns where table_name = ${table}`,
      );
      expect(
        columns.some((c) => c.data_type.includes("timestamp") || c.data_type === "date"),
        table,
      ).toBe(false);
      expect(
        columns.some((c) => c.column_name.includes("person")),
        table,
      ).toBe(false);
      const rows = await queryRows<Record<string, unknown>>(t.db, sql.raw(`select * from ${table}`));
      for (const row of rows)
        for (const value of Object.values(row)) expect(ids.has(String(value)), table).toBe(false);
    }
    // The counts and comments were written by one transaction, so their physical order tells nothing
    // about the order of answers; the invitations were marked one by one.
    const commentTransactions = await queryRows<{ xmin: string }>(
      t.db,
      sql`select distinct xmin::text from barometer_comment where round_id = ${round.id}`,
    );
    expect(commentTransactions).toHaveLength(1);
    const invitationTransactions = await queryRows<{ xmin: string }>(
      t.db,
      sql`select distinct xmin::text from barometer_invitation where round_id = ${round.id} and answered`,
    );
    expect(invitationTransactions).toHaveLength(5);
    const invitationColumns = await queryRows<{ column_name: string }>(
      t.db,
      sql`select column_name from information_schema.columns where table_name = 'barometer_invitation'`,
    );
    expect(invitationColumns.map((c) => c.column_name).sort()).toEqual([
      "answer_unit_id",
      "answered",
      "person_id",
      "role_category",
      "round_id",
    ]);
  });
});

describe("results", () => {
  let roundId: string;
  beforeAll(async () => {
    roundId = (await newRound("Hösten")).id;
    await answerAll(roundId);
    const director = await clientFor(t.app, org.director);
    await director.post(`/api/barometer/rounds/${roundId}/close`);
  });

  it("shows the team its own results first, and the chain above only after the embargo", async () => {
    const teacher = await clientFor(t.app, org.schools[0].staff[0]);
    const own = await teacher.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[0].id}`);
    expect(own.statusCode).toBe(200);
    // 13 answered for school 1 (its manager, 9 staff and the team of 3); 10 staff answers were counted
    // in the school's two batches of five, and the remaining two and the manager's lone answer
    // climbed to the area's batches at closing.
    expect(own.json()[0]).toMatchObject({ itemId: "tillit.1", n: 10 });
    expect(
      (await teacher.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[1].id}`)).statusCode,
    ).toBe(404);
    const director = await clientFor(t.app, org.director);
    expect(
      (await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[0].id}`)).statusCode,
    ).toBe(403);
    // A shorter embargo set now applies to rounds that close afterwards, not to this one.
    const admin = await clientFor(t.app, org.admin);
    expect((await admin.patch("/api/barometer/settings", { embargoDays: 0 })).statusCode).toBe(200);
    expect(
      (await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[0].id}`)).statusCode,
    ).toBe(403);
    await t.db.execute(
      sql`update barometer_round set closed_at = closed_at - interval '8 days' where id = ${roundId}`,
    );
    expect(
      (await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[0].id}`)).statusCode,
    ).toBe(200);
  });

  it("hides small groups and says why, without a count", async () => {
    const director = await clientFor(t.app, org.director);
    const small = (
      await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.schools[2].id}`)
    ).json();
    expect(small[0]).toEqual({
      itemId: "tillit.1",
      suppressed: true,
      reason: expect.stringContaining("för få svar"),
    });
    const team = (
      await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.team.id}`)
    ).json();
    expect(team.every((item: { suppressed?: boolean }) => item.suppressed)).toBe(true);
    expect(JSON.stringify(small)).not.toMatch(/"n"/);
  });

  it("suppresses one more group so that the area minus the schools shown never reveals the small school", async () => {
    const director = await clientFor(t.app, org.director);
    const shown = [];
    for (const school of org.schools) {
      const result = (
        await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${school.id}`)
      ).json()[0];
      if (!result.suppressed) shown.push(result.n);
    }
    const area = (
      await director.get(`/api/barometer/rounds/${roundId}/results?unitId=${org.area.id}`)
    ).json()[0];
    const rest = area.n - shown.reduce((a: number, b: number) => a + b, 0);
    expect(rest === 0 || rest >= 5).toBe(true);
    // S3 is too small; every other school shows, the area keeping the closing remainders (10 answers).
    expect(shown).toHaveLength(4);
  });

  it("shows perception gaps between managers and staff where both groups are large enough", async () => {
    const director = await clientFor(t.app, org.director);
    const overview = (
      await director.get(`/api/barometer/rounds/${roundId}/overview?unitId=${org.area.id}`)
    ).json();
    const discretion = overview.gaps.find((gap: { itemId: string }) => gap.itemId === "handlingsutrymme.1");
    expect(discretion.managers).toBe(5);
    expect(discretion.gap).toBeGreaterThan(2);
    const school = (
      await director.get(`/api/barometer/rounds/${roundId}/overview?unitId=${org.schools[0].id}`)
    ).json();
    expect(school.gaps).toEqual([]);
    expect(overview.participation).toMatchObject({ respondents: 35, invited: 35, rate: 1 });
  });

  it("gives comments only for groups of at least ten, never for a smaller unit", async () => {
    const director = await clientFor(t.app, org.director);
    const area = (
      await director.get(`/api/barometer/rounds/${roundId}/overview?unitId=${org.area.id}`)
    ).json();
    expect(area.comments).toHaveLength(35);
    const school = (
      await director.get(`/api/barometer/rounds/${roundId}/overview?unitId=${org.schools[0].id}`)
    ).json();
    expect(school.comments).toHaveLength(10);
    const smaller = (
      await director.get(`/api/barometer/rounds/${roundId}/overview?unitId=${org.schools[1].id}`)
    ).json();
    expect(smaller.comments).toBeNull();
  });

  it("draws the heatmap of units × principles with suppressed cells marked, and exports only aggregates", async () => {
    const director = await clientFor(t.app, org.director);
    const map = (await director.get(`/api/barometer/rounds/${roundId}/heatmap?unitId=${org.area.id}`)).json();
    expect(map.principles).toEqual(["tillit", "handlingsutrymme"]);
    const small = map.rows.find((row: { unitId: string }) => row.unitId === org.schools[2].id);
    expect(small.cells[0]).toMatchObject({ suppressed: true });
    const csv = await director.get(`/api/barometer/rounds/${roundId}/export.csv?unitId=${org.area.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFFEnhet;Grupp;Fråga")).toBe(true);
    expect(csv.body).toContain("Skola 3");
    expect(csv.body).not.toContain("Mindre dokumentation"); // free text never leaves as individual answers
  });
});

describe("an attack through the API fails to recover any group below k", () => {
  it("combines unit, parent and role-category requests as every manager, and finds nothing small", async () => {
    const round = await newRound("Attack");
    await answerAll(round.id);
    const director = await clientFor(t.app, org.director);
    await director.post(`/api/barometer/rounds/${round.id}/close`);
    const askers = [
      director,
      ...(await Promise.all(org.schools.map((school) => clientFor(t.app, school.manager)))),
    ];
    const units = [org.area, ...org.schools, org.team];
    const published = new Map<string, number>();
    for (const asker of askers)
      for (const unit of units)
        for (const roleCategory of [undefined, "manager", "staff"]) {
          const url = `/api/barometer/rounds/${round.id}/results?unitId=${unit.id}${roleCategory ? `&roleCategory=${roleCategory}` : ""}`;
          const response = await asker.get(url);
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode !== 200) continue;
          for (const item of response.json())
            if (!item.suppressed) published.set(`${item.itemId}|${unit.id}|${roleCategory ?? "all"}`, item.n);
        }
    // What the people really are, to know which published groups contain which.
    const members = (unitId: string, category: string) => {
      const unit = units.find((u) => u.id === unitId)!;
      return new Set(
        org.everyone
          .filter((person) => {
            const school = org.schools.find((s) => s.manager === person || s.staff.includes(person));
            const home = school ?? (org.team.staff.includes(person) ? org.team : null);
            if (!home?.path.startsWith(unit.path)) return false;
            const manager = person.name.startsWith("Chef");
            return category === "all" || (category === "manager") === manager;
          })
          .map((person) => person.id),
      );
    };
    const keys = [...published.keys()];
    for (const outer of keys)
      for (const inner of keys) {
        const [itemA, unitA, catA] = outer.split("|");
        const [itemB, unitB, catB] = inner.split("|");
        if (outer === inner || itemA !== itemB) continue;
        const a = members(unitA, catA);
        const b = members(unitB, catB);
        if (![...b].every((id) => a.has(id))) continue;
        const difference = (published.get(outer) ?? 0) - (published.get(inner) ?? 0);
        expect(difference === 0 || difference >= 5, `${outer} − ${inner}`).toBe(true);
      }
    // And the small school's answers are never a published figure of its own.
    expect([...published.keys()].some((key) => key.includes(org.schools[2].id))).toBe(false);
  });
});

describe("the rounds' own clock", () => {
  it("invites when a round opens, reminds those who have not answered two days before it closes, and closes it when due", async () => {
    const { runRoundSchedule } = await import("./rounds-service.ts");
    const director = await clientFor(t.app, org.director);
    const created = await director.post("/api/barometer/rounds", {
      title: "Senare",
      unitId: org.schools[1].id,
      itemIds: ["tillit.1"],
      opensAt: inDays(3),
      closesAt: inDays(10),
    });
    expect(created.json().phase).toBe("scheduled");
    const mails = async (subject: string) =>
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from mail_outbox where subject = ${subject}`,
        )
      )[0].n;
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);

    await runRoundSchedule(t.db, "outbox", t.app.sealer, at(1));
    expect(await mails("Tillitsbarometern: Senare")).toBe(0);
    await runRoundSchedule(t.db, "outbox", t.app.sealer, at(3.5));
    expect(await mails("Tillitsbarometern: Senare")).toBe(7);
    await runRoundSchedule(t.db, "outbox", t.app.sealer, at(8.5));
    const reminder = `Påminnelse: Tillitsbarometern "Senare" stänger ${inDays(10)}`;
    expect(await mails(reminder)).toBe(7);
    await runRoundSchedule(t.db, "outbox", t.app.sealer, at(9));
    expect(await mails(reminder)).toBe(7); // once only
    await runRoundSchedule(t.db, "outbox", t.app.sealer, at(11));
    const [{ closed }] = await queryRows<{ closed: boolean }>(
      t.db,
      sql`select closed_at is not null as closed from barometer_round where id = ${created.json().id}`,
    );
    expect(closed).toBe(true);
  });
});

describe("settings", () => {
  it("keeps the comment threshold at or above k, and a refused change writes nothing", async () => {
    const fixture = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, fixture.people.admin);
    const refused = await admin.patch("/api/barometer/settings", { minGroupSize: 12 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe("body.commentMinGroupSize");
    expect((await admin.get("/api/barometer/settings")).json()).toEqual({
      minGroupSize: 5,
      commentMinGroupSize: 10,
      embargoDays: 7,
    });
    const employee = await clientFor(t.app, fixture.people.employee);
    // Everyone reads the settings (k is the promise a respondent relies on); only admins change them.
    expect((await employee.get("/api/barometer/settings")).statusCode).toBe(200);
    expect((await employee.patch("/api/barometer/settings", { embargoDays: 0 })).statusCode).toBe(403);
  });

  it("keeps two concurrent changes, and another module's settings beside them", async () => {
    const fixture = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, fixture.people.admin);
    const [k, embargo] = await Promise.all([
      admin.patch("/api/barometer/settings", { minGroupSize: 6 }),
      admin.patch("/api/barometer/settings", { embargoDays: 3 }),
      mergeTenantSettings(t.db, fixture.tenant.id, ["inventory"], { hourlyCost: { manager: 700 } }),
    ]);
    expect([k.statusCode, embargo.statusCode]).toEqual([200, 200]);
    expect((await admin.get("/api/barometer/settings")).json()).toEqual({
      minGroupSize: 6,
      commentMinGroupSize: 10,
      embargoDays: 3,
    });
    expect((await getTenant(t.db, fixture.tenant.id))?.settings).toMatchObject({
      inventory: { hourlyCost: { manager: 700 } },
    });
  });

  it("writes the change to the audit log in words, in both languages", async () => {
    const fixture = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, fixture.people.admin);
    await admin.patch("/api/barometer/settings", { embargoDays: 14 });
    const [entry] = await queryRows<{ action: string; summary: string; summary_en: string }>(
      t.db,
      sql`select action, summary, summary_en from audit_log where tenant_id = ${fixture.tenant.id} and action like 'barometer.%'`,
    );
    expect(entry).toEqual({
      action: "barometer.settings.update",
      summary: expect.stringContaining("karenstid 14 dagar"),
      summary_en: expect.stringContaining("embargo 14 days"),
    });
  });
});
