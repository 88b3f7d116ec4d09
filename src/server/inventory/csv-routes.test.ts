import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "../core/db.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let analyst: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  analyst = await clientFor(t.app, org.people.analyst);
});
afterAll(() => t.close());

const header = "Kod;Titel;Typ;Syfte;Beställare;Roller;Enheter;Frekvens;Minuter;Datafält";
const file = (lines: string[]) => [header, ...lines].join("\n");
const good = () => [
  `K1;Månadsrapport;rapport;ansvarsutkrävande;${org.units.administration.code};chef;${org.units.area.code};12;45;=SUMMA(A1)`,
  `K2;Veckobrev;dokumentation;information till medborgare;${org.units.area.code};medarbetare;${org.units.area.code};38;30;`,
];
const count = async () =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from inventory_demand where tenant_id = ${org.tenant.id}`,
    )
  )[0].n;

describe("importing an inventory", () => {
  it("previews, commits, and changes nothing the second time", async () => {
    const preview = await analyst.post("/api/inventory/import", { csv: file(good()) });
    expect(preview.json()).toEqual({ rows: 2, new: 2, changed: 0, unchanged: 0, committed: false });
    expect(await count()).toBe(0);
    const committed = await analyst.post("/api/inventory/import", { csv: file(good()), commit: true });
    expect(committed.json()).toMatchObject({ new: 2, committed: true });
    expect(await count()).toBe(2);
    const again = await analyst.post("/api/inventory/import", { csv: file(good()), commit: true });
    expect(again.json()).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    const edited = good();
    edited[0] = edited[0].replace(";45;", ";50;");
    expect(
      (await analyst.post("/api/inventory/import", { csv: file(edited), commit: true })).json(),
    ).toMatchObject({ changed: 1, unchanged: 1 });
    expect(await count()).toBe(2);
  });

  it("answers 400 naming every bad line, and writes nothing", async () => {
    const before = await count();
    const response = await analyst.post("/api/inventory/import", {
      csv: file([
        ...good(),
        "K3;Trasig;rapport;lärande;XX;chef;;12;0;",
        "K4;Okänd;enkät-ish;lärande;XX;chef;;12;10;",
      ]),
      commit: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors.map((l: { line: number }) => l.line)).toEqual([4, 5]);
    expect(typeof response.json().error.details.errors[0].message).toBe("string");
    expect(response.json().error.details.total).toBe(2);
    expect(await count()).toBe(before);
  });

  it("lets only analysts and admins import", async () => {
    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.post("/api/inventory/import", { csv: file(good()) })).statusCode).toBe(403);
  });
});

describe("exporting", () => {
  it("exports the register as Excel-friendly CSV with a formula guard", async () => {
    const response = await analyst.get("/api/inventory/export/register.csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toContain("uppfoljningskrav.csv");
    expect(response.body.startsWith("\uFEFFKod;Titel;Typ")).toBe(true);
    expect(response.body).toContain("'=SUMMA(A1)");
    expect(response.body).toContain("Månadsrapport");
  });

  it("exports a burden table grouped as asked, with totals", async () => {
    const response = await analyst.get("/api/inventory/export/burden.csv?groupBy=requester");
    const lines = response.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("\uFEFFGrupp;Timmar per år;Kostnad per år (kr);Andel");
    expect(lines.at(-1)).toMatch(/^Totalt;/);
    const employee = await clientFor(t.app, org.people.employee);
    expect(
      (await employee.get(`/api/inventory/export/burden.csv?unitId=${org.units.otherSchool.id}`)).statusCode,
    ).toBe(404);
  });
});
