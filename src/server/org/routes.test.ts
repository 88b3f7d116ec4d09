import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { changedTables, tableDigest } from "../testing/digest.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
});
afterAll(() => t.close());

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

type Client = Awaited<ReturnType<typeof clientFor>>;
type Node = { id: string; childCount: number; peopleCount: number };

/** Every unit the person can reach in the tree: the tops of what they see, then each level opened in turn. */
async function reachable(client: Client): Promise<Node[]> {
  const found: Node[] = [];
  let level: Node[] = (await client.get("/api/units")).json();
  while (level.length) {
    found.push(...level);
    const next: Node[] = [];
    for (const unit of level.filter((node) => node.childCount > 0))
      next.push(...(await client.get(`/api/units?parentId=${unit.id}`)).json());
    level = next;
  }
  return found;
}

describe("GET /api/units", () => {
  it("gives a manager the own unit's subtree and an employee the own unit", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.get("/api/units")).statusCode).toBe(200);
    expect(ids(await reachable(manager))).toEqual([org.units.school.id, org.units.team.id].sort());

    const employee = await clientFor(t.app, org.people.employee);
    expect(ids(await reachable(employee))).toEqual([org.units.school.id]);
  });

  it("gives a director the administration's subtree and a politician the board's", async () => {
    const director = await clientFor(t.app, org.people.director);
    expect(await reachable(director)).toHaveLength(5);
    const politician = await clientFor(t.app, org.people.politician);
    expect(await reachable(politician)).toHaveLength(6);
  });

  it("counts active people and never shows another tenant's units", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const units = await reachable(admin);
    expect(units).toHaveLength(6);
    expect(units.find((unit) => unit.id === org.units.school.id)?.peopleCount).toBe(2);
    expect(ids(units)).not.toContain(other.units.board.id);
  });

  it("answers 404 for a unit outside the caller's view, as for one that does not exist", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    const hidden = await manager.get(`/api/units/${org.units.otherSchool.id}`);
    const missing = await manager.get("/api/units/00000000-0000-4000-8000-000000000000");
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
  });
});

describe("GET /api/units a level at a time, and its search", () => {
  it("starts each person's tree where their view starts, and opens a level with its counts", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    expect(ids((await admin.get("/api/units")).json())).toEqual([org.units.board.id]);
    const director = await clientFor(t.app, org.people.director);
    const [top] = (await director.get("/api/units")).json();
    expect(top).toMatchObject({ id: org.units.administration.id, childCount: 1 });
    const [area] = (await director.get(`/api/units?parentId=${top.id}`)).json();
    expect(area).toMatchObject({ id: org.units.area.id, childCount: 2 });
    const schools = (await director.get(`/api/units?parentId=${area.id}`)).json();
    expect(schools.map((unit: { name: string }) => unit.name)).toEqual([
      "Björkdalens skola",
      "Ekbackens skola",
    ]);
    expect(schools[1]).toMatchObject({ peopleCount: 2, childCount: 1 });
  });

  it("does not open a unit the person cannot see, nor show sub-units they cannot see", async () => {
    const employee = await clientFor(t.app, org.people.employee);
    expect((await employee.get(`/api/units?parentId=${org.units.area.id}`)).statusCode).toBe(404);
    const [school] = (await employee.get("/api/units")).json();
    expect(school).toMatchObject({ id: org.units.school.id, childCount: 0 });
    expect((await employee.get(`/api/units?parentId=${school.id}`)).json()).toEqual([]);
  });

  it("searches names and codes on the server, best match first, with the names above each hit", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const hits = (await admin.get(`/api/units?q=${encodeURIComponent("skola")}`)).json();
    expect(hits.map((hit: { name: string }) => hit.name)).toEqual([
      "Grundskola",
      "Ekbackens skola",
      "Björkdalens skola",
    ]);
    expect(hits[1].ancestors.map((above: { name: string }) => above.name)).toEqual([
      "Barn- och utbildningsnämnden",
      "Utbildningsförvaltningen",
      "Grundskola",
    ]);
    const byCode = (await admin.get(`/api/units?q=${org.units.team.code}`)).json();
    expect(byCode[0].id).toBe(org.units.team.id);
    expect((await admin.get("/api/units?q=skola&limit=1")).json()).toHaveLength(1);
    const within = (await admin.get(`/api/units?q=skola&parentId=${org.units.area.id}`)).json();
    expect(ids(within)).toEqual([org.units.area.id, org.units.school.id, org.units.otherSchool.id].sort());
  });

  it("finds only what the person sees, and never another tenant's units", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    expect(ids((await manager.get("/api/units?q=skola")).json())).toEqual([org.units.school.id]);
    const admin = await clientFor(t.app, org.people.admin);
    expect(ids((await admin.get(`/api/units?q=${other.units.board.code}`)).json())).toEqual([]);
  });

  it("still gives the whole visible tree with all=true, for the pages not yet on the unit picker", async () => {
    const director = await clientFor(t.app, org.people.director);
    const all = (await director.get("/api/units?all=true")).json();
    expect(ids(all)).toEqual(ids(await reachable(director)));
  });

  it("names the field of a bad parent or limit", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.get("/api/units?parentId=nope&limit=0");
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.details.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(["querystring.limit", "querystring.parentId"]);
  });
});

describe("GET /api/units/:id", () => {
  it("shows ancestors, children, people with roles and actors", async () => {
    const director = await clientFor(t.app, org.people.director);
    const response = await director.get(`/api/units/${org.units.school.id}`);
    expect(response.statusCode).toBe(200);
    const unit = response.json();
    expect(unit.ancestors.map((a: { id: string }) => a.id)).toEqual([
      org.units.board.id,
      org.units.administration.id,
      org.units.area.id,
    ]);
    expect(unit.children.map((c: { id: string }) => c.id)).toEqual([org.units.team.id]);
    expect(unit.people.map((p: { role: string }) => p.role).sort()).toEqual(["employee", "manager"]);
    expect(unit.canManage).toBe(false);
  });
});

describe("changing the tree", () => {
  it("lets an admin create, rename and move a unit with its subtree", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const created = await admin.post("/api/units", {
      name: "Rektorsområde Väst",
      parentId: org.units.area.id,
      kind: "custom",
      kindLabel: "Rektorsområde",
      code: `${org.tenant.slug}-RV`,
    });
    expect(created.statusCode).toBe(201);
    const district = created.json();

    const moved = await admin.patch(`/api/units/${org.units.school.id}`, {
      parentId: district.id,
      name: "Ekbackens skola F–9",
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: district.id, name: "Ekbackens skola F–9" });

    const team = (await admin.get(`/api/units/${org.units.team.id}`)).json();
    expect(team.ancestors.map((a: { id: string }) => a.id)).toEqual([
      org.units.board.id,
      org.units.administration.id,
      org.units.area.id,
      district.id,
      org.units.school.id,
    ]);
    // The manager still sees the moved subtree: visibility follows the path.
    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.get(`/api/units/${org.units.team.id}`)).statusCode).toBe(200);

    const audit = (await admin.get("/api/admin/audit?action=unit.move")).json();
    expect(audit.items).toHaveLength(1);
  });

  it("refuses to move a unit under its own subtree and changes nothing", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const before = await reachable(admin);
    const response = await admin.patch(`/api/units/${org.units.administration.id}`, {
      parentId: org.units.team.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/under sig själv/);
    expect(await reachable(admin)).toEqual(before);
  });

  it("needs a label for a custom level and a unique code", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const noLabel = await admin.post("/api/units", { name: "X", parentId: null, kind: "custom" });
    expect(noLabel.statusCode).toBe(400);
    const taken = await admin.post("/api/units", {
      name: "X",
      parentId: null,
      kind: "namnd",
      code: org.units.board.code,
    });
    expect(taken.statusCode).toBe(409);
  });

  it("refuses non-admins with 403 and other tenants with 404, and changes nothing", async () => {
    const before = await tableDigest(t.db);
    const director = await clientFor(t.app, org.people.director);
    const refused = await director.patch(`/api/units/${org.units.area.id}`, { name: "Nytt namn" });
    expect(refused.statusCode).toBe(403);
    const foreignAdmin = await clientFor(t.app, other.people.admin);
    expect((await foreignAdmin.patch(`/api/units/${org.units.area.id}`, { name: "Kapad" })).statusCode).toBe(
      404,
    );
    expect(
      (await foreignAdmin.post("/api/units", { name: "Y", parentId: org.units.area.id, kind: "enhet" }))
        .statusCode,
    ).toBe(404);
    expect(changedTables(before, await tableDigest(t.db))).toEqual([]);
  });
});

describe("people", () => {
  it("lists the people a manager may see, with roles, searchable", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    const list = (await manager.get("/api/people")).json();
    expect(ids(list.items)).toEqual([org.people.manager.id, org.people.employee.id].sort());
    const search = (await manager.get("/api/people?q=erik")).json();
    expect(search.items.map((p: { name: string }) => p.name)).toEqual(["Erik Medarbetare"]);
  });

  it("creates a person with a role, and refuses a duplicate email with 409", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const body = {
      name: "Nina Ny",
      email: `nina.${org.tenant.slug}@test.se`,
      unitId: org.units.team.id,
      role: "employee",
    };
    const created = await admin.post("/api/people", body);
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([
      expect.objectContaining({ unitId: org.units.team.id, role: "employee" }),
    ]);
    expect((await admin.post("/api/people", { ...body, email: body.email.toUpperCase() })).statusCode).toBe(
      409,
    );
  });

  it("deactivates a person, keeping the history and ending their sessions", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const leaving = await clientFor(t.app, org.people.otherEmployee);
    expect((await leaving.get("/api/auth/me")).statusCode).toBe(200);

    const response = await admin.patch(`/api/people/${org.people.otherEmployee.id}`, { active: false });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    expect(response.json().roles).toHaveLength(1);
    expect((await leaving.get("/api/auth/me")).statusCode).toBe(401);

    const active = (await admin.get("/api/people")).json();
    expect(ids(active.items)).not.toContain(org.people.otherEmployee.id);
    const all = (await admin.get("/api/people?includeInactive=true")).json();
    expect(ids(all.items)).toContain(org.people.otherEmployee.id);
  });

  it("adds and ends roles; an ended role is history, not deleted", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const added = await admin.post(`/api/people/${org.people.employee.id}/roles`, {
      unitId: org.units.team.id,
      role: "manager",
    });
    expect(added.statusCode).toBe(201);
    const membership = added.json().roles.find((r: { role: string }) => r.role === "manager");
    expect(
      (
        await admin.post(`/api/people/${org.people.employee.id}/roles`, {
          unitId: org.units.team.id,
          role: "manager",
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await admin.delete(`/api/people/${org.people.employee.id}/roles/${membership.membershipId}`))
        .statusCode,
    ).toBe(204);
    expect(
      (await admin.delete(`/api/people/${org.people.employee.id}/roles/${membership.membershipId}`))
        .statusCode,
    ).toBe(404);
  });
});

describe("external actors", () => {
  it("relates an actor to a unit by one of the five trust relationships", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const created = await admin.post("/api/actors", {
      name: "Skolinspektionen",
      kind: "supervisory_authority",
    });
    expect(created.statusCode).toBe(201);
    const actorId = created.json().id;
    const related = await admin.post(`/api/actors/${actorId}/relations`, {
      unitId: org.units.school.id,
      relationship: "administration_supervisor",
    });
    expect(related.statusCode).toBe(201);
    const unit = (await admin.get(`/api/units/${org.units.school.id}`)).json();
    expect(unit.actors).toEqual([
      expect.objectContaining({ name: "Skolinspektionen", relationship: "administration_supervisor" }),
    ]);
    const bad = await admin.post(`/api/actors/${actorId}/relations`, {
      unitId: org.units.school.id,
      relationship: "friendship",
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe("bad input", () => {
  it("answers malformed bodies with 400 and field details, in the caller's language", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { name: 42, kind: "palace" },
      headers: { "accept-language": "en" },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe("validation");
    expect(body.error.message).toMatch(/\d+ fields need correcting\./);
    expect(body.error.message).not.toMatch(/body\./);
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["body.name", "body.kind", "body.parentId"]),
    );
  });

  it("refuses an empty change with a message in the caller's language", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const before = (await admin.get(`/api/units/${org.units.school.id}`)).json();
    for (const [language, text] of [
      ["sv", "Ange minst ett fält att ändra."],
      ["en", "Give at least one field to change."],
    ]) {
      const response = await admin.request({
        method: "PATCH",
        url: `/api/units/${org.units.school.id}`,
        payload: {},
        headers: { "accept-language": language },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([{ path: "body", message: text }]);
    }
    expect((await admin.get(`/api/units/${org.units.school.id}`)).json()).toEqual(before);
  });

  it("answers broken JSON with 400, not 500", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBeTruthy();
  });
});
