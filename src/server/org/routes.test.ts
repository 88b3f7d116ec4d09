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

describe("GET /api/units", () => {
  it("gives a manager the own unit's subtree and an employee the own unit", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    const managed = await manager.get("/api/units");
    expect(managed.statusCode).toBe(200);
    expect(ids(managed.json())).toEqual([org.units.school.id, org.units.team.id].sort());

    const employee = await clientFor(t.app, org.people.employee);
    expect(ids((await employee.get("/api/units")).json())).toEqual([org.units.school.id]);
  });

  it("gives a director the administration's subtree and a politician the board's", async () => {
    const director = await clientFor(t.app, org.people.director);
    expect((await director.get("/api/units")).json()).toHaveLength(5);
    const politician = await clientFor(t.app, org.people.politician);
    expect((await politician.get("/api/units")).json()).toHaveLength(6);
  });

  it("counts active people and never shows another tenant's units", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const units = (await admin.get("/api/units")).json() as { id: string; peopleCount: number }[];
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
    const before = (await admin.get("/api/units")).json();
    const response = await admin.patch(`/api/units/${org.units.administration.id}`, {
      parentId: org.units.team.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/under sig själv/);
    expect((await admin.get("/api/units")).json()).toEqual(before);
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
