import { verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credential } from "../account/tables.ts";
import { type Database, type Db, queryRows } from "../core/db.ts";
import * as orgStore from "../org/store.ts";
import { createTestDatabase } from "../testing/db.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT, moduleDemoSteps, seedDemo } from "./seed.ts";

let database: Database;
let tenantId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemo(database.db)).toEqual({ created: true });
  tenantId = (await orgStore.getTenantBySlug(database.db, DEMO_TENANT.slug))?.id as string;
});
afterAll(() => database.close());

const personByEmail = async (email: string) =>
  (await orgStore.activePeopleByEmail(database.db, email)).find((p) => p.tenantId === tenantId);

async function rolesOf(email: string) {
  const person = await personByEmail(email);
  return orgStore.roleGrants(database.db, person?.id as string);
}

describe("the demo organisation Exempelkommun", () => {
  it("has boards, the three welfare administrations, at least 40 units and 400 people", async () => {
    const units = await orgStore.listUnits(database.db, tenantId, { all: true });
    expect(units.filter((u) => u.kind === "namnd").length).toBeGreaterThanOrEqual(3);
    const administrations = units.filter((u) => u.kind === "forvaltning").map((u) => u.name);
    expect(administrations).toEqual(
      expect.arrayContaining([
        "Utbildningsförvaltningen",
        "Vård- och omsorgsförvaltningen",
        "Socialförvaltningen",
      ]),
    );
    expect(units.length).toBeGreaterThanOrEqual(40);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from person where tenant_id = ${tenantId} and active`,
    );
    expect(n).toBeGreaterThanOrEqual(400);
  });

  it("gives each demo account its place in the chain", async () => {
    const chef = await rolesOf("chef@exempelkommun.se");
    expect(chef.map((r) => r.role)).toEqual(["manager"]);
    const school = chef[0];
    const members = await orgStore.unitMembers(database.db, school.unitId);
    expect(members.filter((m) => m.role === "employee").length).toBeGreaterThanOrEqual(8);
    expect((await rolesOf("medarbetare@exempelkommun.se")).map((r) => [r.unitId, r.role])).toEqual([
      [school.unitId, "employee"],
    ]);
    const director = (await rolesOf("direktor@exempelkommun.se"))[0];
    expect(director.role).toBe("director");
    expect(school.unitPath.startsWith(director.unitPath)).toBe(true);
    const politician = (await rolesOf("politiker@exempelkommun.se"))[0];
    expect(politician.role).toBe("politician");
    expect(director.unitPath.startsWith(politician.unitPath)).toBe(true);
    expect((await rolesOf("admin@exempelkommun.se"))[0].role).toBe("admin");
    expect((await rolesOf("analytiker@exempelkommun.se"))[0].role).toBe("analyst");
    expect((await rolesOf("visselblasning@exempelkommun.se"))[0].role).toBe("whistle_handler");
  });

  it("lets every demo account log in with the demo password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const person = await personByEmail(account.email);
      const [row] = await database.db
        .select()
        .from(credential)
        .where(eq(credential.personId, person?.id as string));
      expect(await verify(row.passwordHash, DEMO_PASSWORD), account.email).toBe(true);
    }
  });

  it("relates external actors to units through the trust relationships", async () => {
    const actors = await orgStore.listActors(database.db, tenantId);
    expect(new Set(actors.map((a) => a.kind))).toEqual(
      new Set(["supervisory_authority", "partner_organisation", "state_agency", "citizen_group"]),
    );
    expect(actors.every((a) => a.relations.length > 0)).toBe(true);
  });

  it("does nothing the second time", async () => {
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from person`);
    expect(await seedDemo(database.db)).toEqual({ created: false });
    expect(await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from person`)).toEqual(
      before,
    );
  });

  it("leaves nothing behind when a step fails, and seeds fully on the next try", async () => {
    const fresh = await createTestDatabase();
    const failing = async () => {
      throw new Error("the server died here");
    };
    try {
      await expect(seedDemo(fresh.db, { steps: [...moduleDemoSteps(), failing] })).rejects.toThrow(
        "the server died here",
      );
      for (const table of ["tenant", "unit", "person", "membership", "credential", "actor"]) {
        const [{ n }] = await queryRows<{ n: number }>(
          fresh.db,
          sql.raw(`select count(*)::int as n from ${table}`),
        );
        expect(n, table).toBe(0);
      }
      const steps: string[] = [];
      const logger = async (db: Db, demo: { tenantId: string }) => {
        const units = await orgStore.listUnits(db, demo.tenantId, { all: true });
        steps.push(`${units.length} units`);
      };
      expect(await seedDemo(fresh.db, { steps: [...moduleDemoSteps(), logger] })).toEqual({ created: true });
      expect(steps).toHaveLength(1);
      expect(Number.parseInt(steps[0], 10)).toBeGreaterThanOrEqual(40);
    } finally {
      await fresh.close();
    }
  });
});
