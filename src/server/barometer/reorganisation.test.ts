// Issue 17, points 2 and 4: a closed round's results never change, whatever happens to the
// organisation afterwards, and during the embargo no unit's figures give away a team below it that
// sees its results first.
//
//   Förvaltningen (director)
//   └─ Grundskola (area manager)
//      ├─ Skola A (manager, 1 staff)
//      │  └─ Arbetslag T (5 staff)
//      └─ Skola B (manager, 5 staff)
//
// With k = 5, T's and B's staff are counted at their own units; A's own two answers and the
// managers' climb to the area's one closing batch of four, so A's figures are T's answers and
// nothing else, and the area's own answers (4) are outweighed by T's and B's (10).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../core/access.ts";
import { sql } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import {
  addPerson,
  addUnit,
  clientFor,
  createTestApp,
  type TestApp,
  type TestPerson,
} from "../testing/app.ts";

let t: TestApp;
type Unit = { id: string; path: string };
let units: { administration: Unit; area: Unit; a: Unit; team: Unit; b: Unit };
let who: {
  director: TestPerson;
  admin: TestPerson;
  areaManager: TestPerson;
  aManager: TestPerson;
  bManager: TestPerson;
  teamMember: TestPerson;
};
let roundId: string;
const answering: TestPerson[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const tenant = await orgStore.createTenant(t.db, {
    slug: `ro-${randomUUID().slice(0, 8)}`,
    name: "Omorgkommun",
  });
  const administration = await addUnit(t.db, tenant.id, null, "Förvaltningen", "forvaltning");
  const area = await addUnit(t.db, tenant.id, administration, "Grundskola", "verksamhetsomrade");
  const a = await addUnit(t.db, tenant.id, area, "Skola A", "enhet");
  const team = await addUnit(t.db, tenant.id, a, "Arbetslag T", "arbetslag");
  const b = await addUnit(t.db, tenant.id, area, "Skola B", "enhet");
  units = { administration, area, a, team, b };
  const person = async (name: string, unit: Unit, role: Role) => {
    const created = await addPerson(t.db, tenant.id, name, [[unit.id, role]]);
    answering.push(created);
    return created;
  };
  const areaManager = await person("Områdeschef", area, "manager");
  const aManager = await person("Chef A", a, "manager");
  await person("Lärare A0", a, "employee");
  const teamMembers = [];
  for (let n = 0; n < 5; n++) teamMembers.push(await person(`Lärare T${n}`, team, "employee"));
  const bManager = await person("Chef B", b, "manager");
  for (let n = 0; n < 5; n++) await person(`Lärare B${n}`, b, "employee");
  who = {
    director: await addPerson(t.db, tenant.id, "Dora Direktör", [[administration.id, "director"]]),
    admin: await addPerson(t.db, tenant.id, "Anna Admin", [[administration.id, "admin"]]),
    areaManager,
    aManager,
    bManager,
    teamMember: teamMembers[0],
  };
  const today = new Date().toISOString().slice(0, 10);
  const started = await (await clientFor(t.app, who.director)).post("/api/barometer/rounds", {
    title: "Våren",
    unitId: area.id,
    itemIds: ["tillit.1", "handlingsutrymme.1", "oppen.hjalp"],
    opensAt: today,
    closesAt: today,
  });
  expect(started.statusCode).toBe(201);
  roundId = started.json().id;
  for (const [index, respondent] of answering.entries()) {
    const response = await (await clientFor(t.app, respondent)).post(
      `/api/barometer/rounds/${roundId}/responses`,
      {
        answers: [
          { itemId: "tillit.1", value: (index % 5) + 1 },
          { itemId: "handlingsutrymme.1", value: (index % 3) + 2 },
        ],
      },
    );
    expect(response.statusCode).toBe(201);
  }
  expect(
    (await (await clientFor(t.app, who.director)).post(`/api/barometer/rounds/${roundId}/close`)).statusCode,
  ).toBe(200);
}, 60_000);
afterAll(() => t.close());

const resultsOf = async (person: TestPerson, unit: Unit) =>
  (await clientFor(t.app, person)).get(`/api/barometer/rounds/${roundId}/results?unitId=${unit.id}`);

const endEmbargo = () =>
  t.db.execute(
    sql`update barometer_round set closed_at = closed_at - interval '8 days' where id = ${roundId}`,
  );

describe("during the embargo, the team first", () => {
  it("lets the team see its own results and the units above that show no one else's team", async () => {
    expect((await resultsOf(who.teamMember, units.team)).statusCode).toBe(200);
    // A holds nothing but T's answers: T sees it, it is theirs.
    expect((await resultsOf(who.teamMember, units.a)).statusCode).toBe(200);
    expect((await resultsOf(who.bManager, units.b)).statusCode).toBe(200);
  });

  it("keeps a parent from its manager while it is mostly a team below that sees its results first", async () => {
    const parent = await resultsOf(who.aManager, units.a);
    expect(parent.statusCode).toBe(403);
    expect(parent.json().error.message).toContain("ser sina resultat först");
    // The area: T's and B's ten answers against the area's own four — embargoed for its manager.
    expect((await resultsOf(who.areaManager, units.area)).statusCode).toBe(403);
    // On the team's page, A (only T's answers) is shown; the area, where B's answers outweigh the
    // rest, is withheld until the embargo ends.
    const overview = (
      await (
        await clientFor(t.app, who.teamMember)
      ).get(`/api/barometer/rounds/${roundId}/overview?unitId=${units.team.id}`)
    ).json();
    const embargoed = (item: { reason?: string }) =>
      item.reason?.includes("ser sina resultat först") ?? false;
    expect(overview.parent.items.some(embargoed)).toBe(false);
    expect(overview.whole.items.length).toBeGreaterThan(0);
    expect(overview.whole.items.every(embargoed)).toBe(true);
  });

  it("keeps the embargo the round closed with when the settings change afterwards", async () => {
    const admin = await clientFor(t.app, who.admin);
    expect((await admin.patch("/api/barometer/settings", { embargoDays: 0 })).statusCode).toBe(200);
    expect((await resultsOf(who.aManager, units.a)).statusCode).toBe(403);
    expect((await resultsOf(who.director, units.team)).statusCode).toBe(403);
    await admin.patch("/api/barometer/settings", { embargoDays: 7 });
  });
});

describe("after a reorganisation, nothing published changes", () => {
  it("answers the same for every unit after a team moves and a school is renamed, and the team keeps its results", async () => {
    await endEmbargo();
    const everyUnit = [units.area, units.a, units.team, units.b];
    const before = await Promise.all(
      everyUnit.map(async (unit) => (await resultsOf(who.director, unit)).json()),
    );
    expect(before[0].some((item: { suppressed?: boolean }) => !item.suppressed)).toBe(true);
    const teamPage = async () =>
      (
        await (
          await clientFor(t.app, who.teamMember)
        ).get(`/api/barometer/rounds/${roundId}/overview?unitId=${units.team.id}`)
      ).json();
    const teamBefore = await teamPage();
    expect(teamBefore.parent.name).toBe("Skola A");

    const admin = await clientFor(t.app, who.admin);
    // Moving the five-person team out used to recompute A, and A before minus A after was T.
    expect((await admin.patch(`/api/units/${units.team.id}`, { parentId: units.b.id })).statusCode).toBe(200);
    expect((await admin.patch(`/api/units/${units.a.id}`, { name: "Skola A (ny)" })).statusCode).toBe(200);

    const after = await Promise.all(
      everyUnit.map(async (unit) => (await resultsOf(who.director, unit)).json()),
    );
    expect(after).toEqual(before);
    const teamAfter = await teamPage();
    expect(teamAfter.items).toEqual(teamBefore.items);
    expect(teamAfter.parent).toEqual(teamBefore.parent);
    // B's manager did not lead T when the round closed, and does not gain its results by the move.
    expect((await resultsOf(who.bManager, units.team)).statusCode).toBe(404);
  });
});
