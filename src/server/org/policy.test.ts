import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../core/access.ts";
import { manageUnit, viewPerson, viewUnit } from "./policy.ts";

const tenantId = "t1";
const unitAt = (path: string) => ({ id: path.split("/").filter(Boolean).at(-1)!, tenantId, path });
const actorWith = (...grants: [string, Role][]): Actor => ({
  personId: "p",
  tenantId,
  name: "Test",
  email: null,
  roles: grants.map(([path, role]) => ({ unitId: unitAt(path).id, unitPath: path, role })),
});

describe("org policy", () => {
  it("lets a manager see their subtree but not the sibling or the parent", () => {
    const manager = actorWith(["/board/admin/school/", "manager"]);
    expect(viewUnit(manager, unitAt("/board/admin/school/")).allowed).toBe(true);
    expect(viewUnit(manager, unitAt("/board/admin/school/team/")).allowed).toBe(true);
    expect(viewUnit(manager, unitAt("/board/admin/other/"))).toEqual({ allowed: false, hide: true });
    expect(viewUnit(manager, unitAt("/board/admin/"))).toEqual({ allowed: false, hide: true });
  });

  it("lets an employee see their own unit only", () => {
    const employee = actorWith(["/board/admin/school/", "employee"]);
    expect(viewUnit(employee, unitAt("/board/admin/school/")).allowed).toBe(true);
    expect(viewUnit(employee, unitAt("/board/admin/school/team/")).allowed).toBe(false);
  });

  it("gives directors and politicians their subtrees and admins and analysts the tenant", () => {
    expect(viewUnit(actorWith(["/board/admin/", "director"]), unitAt("/board/admin/x/y/")).allowed).toBe(
      true,
    );
    expect(viewUnit(actorWith(["/board/", "politician"]), unitAt("/board/admin/x/")).allowed).toBe(true);
    expect(viewUnit(actorWith(["/other/", "analyst"]), unitAt("/board/admin/x/")).allowed).toBe(true);
    expect(viewUnit(actorWith(["/other/", "admin"]), unitAt("/board/")).allowed).toBe(true);
  });

  it("never crosses tenants, not even for admins", () => {
    const admin = actorWith(["/board/", "admin"]);
    expect(viewUnit(admin, { ...unitAt("/board/"), tenantId: "t2" })).toEqual({ allowed: false, hide: true });
    expect(manageUnit(admin, { ...unitAt("/board/"), tenantId: "t2" })).toEqual({
      allowed: false,
      hide: true,
    });
  });

  it("lets only admins change the organisation", () => {
    expect(manageUnit(actorWith(["/board/", "admin"]), unitAt("/board/x/")).allowed).toBe(true);
    const director = manageUnit(actorWith(["/board/", "director"]), unitAt("/board/x/"));
    expect(director.allowed).toBe(false);
    expect(director).toMatchObject({ hide: false });
  });

  it("shows a person to whoever sees one of their units, and to themselves", () => {
    const manager = actorWith(["/b/a/s/", "manager"]);
    expect(viewPerson(manager, { id: "x", tenantId }, ["/b/a/s/t/"]).allowed).toBe(true);
    expect(viewPerson(manager, { id: "x", tenantId }, ["/b/a/other/"]).allowed).toBe(false);
    expect(viewPerson(manager, { id: "p", tenantId }, []).allowed).toBe(true);
  });
});
