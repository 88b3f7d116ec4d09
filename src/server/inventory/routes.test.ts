import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "../core/db.ts";
import { getTenant, mergeTenantSettings } from "../org/service.ts";
import * as orgStore from "../org/store.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { changedTables, tableDigest } from "../testing/digest.ts";
import { inventoryModule } from "./module.ts";
import * as store from "./store.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let other: Awaited<ReturnType<typeof createOrgFixture>>;
let analyst: Awaited<ReturnType<typeof clientFor>>;
let skolverket: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  other = await createOrgFixture(t.db);
  analyst = await clientFor(t.app, org.people.analyst);
  skolverket = (
    await orgStore.insertActor(t.db, {
      tenantId: org.tenant.id,
      name: "Skolverket",
      kind: "state_agency",
      description: null,
    })
  ).id;
});
afterAll(() => t.close());

const base = () => ({
  title: "Veckorapport om elevfrånvaro",
  kind: "report",
  purpose: "accountability",
  requester: { unitId: org.units.administration.id },
  reporters: { roles: ["employee"], unitIds: [org.units.area.id] },
  frequencyPerYear: 52,
  minutesPerOccurrence: 15,
});

async function demandCount() {
  const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from inventory_demand`);
  return n;
}

describe("the Standard Cost Model through the API", () => {
  it("gives the worked example: population 20, 52 times, 360 minutes, 600 SEK → 6,240 h and 3,744,000 SEK", async () => {
    const created = await analyst.post("/api/inventory/demands", {
      ...base(),
      title: "Dokumentation av genomförandeplaner",
      reporters: { population: 20 },
      minutesPerOccurrence: 360,
      hourlyCost: 600,
      existing: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: "active",
      hours: 6240,
      cost: 3_744_000,
      reporterCount: 20,
    });

    const burden = (await analyst.get("/api/inventory/burden?groupBy=demand")).json();
    const group = burden.groups.find((g: { key: string }) => g.key === created.json().id);
    expect(group).toMatchObject({
      hours: 6240,
      cost: 3_744_000,
      label: "Dokumentation av genomförandeplaner",
    });
    await analyst.patch(`/api/inventory/demands/${created.json().id}`, {
      endDate: "2020-01-01",
      startDate: "2019-01-01",
    });
  });

  it("counts reporters from the chain and lands a demand from above on each unit below", async () => {
    const created = await analyst.post("/api/inventory/demands", { ...base(), existing: true });
    expect(created.statusCode).toBe(201);
    // Employees under the area: Erik (school) and Olle (other school) → 2 × 52 × 15 / 60 = 26 h.
    expect(created.json()).toMatchObject({ reporterCount: 2, hours: 26 });
    const school = (
      await analyst.get(`/api/inventory/burden?unitId=${org.units.school.id}&groupBy=requester`)
    ).json();
    expect(school.totalHours).toBe(13);
    expect(school.groups[0]).toMatchObject({ label: "Utbildningsförvaltningen", hours: 13 });
    const byUnit = (
      await analyst.get(`/api/inventory/burden?unitId=${org.units.area.id}&groupBy=unit`)
    ).json();
    expect(byUnit.groups.map((g: { label: string }) => g.label).sort()).toEqual([
      "Björkdalens skola",
      "Ekbackens skola",
    ]);

    const manager = await clientFor(t.app, org.people.manager);
    const landing = (await manager.get(`/api/inventory/demands?unitId=${org.units.school.id}`)).json();
    expect(landing.demands.map((d: { title: string }) => d.title)).toContain("Veckorapport om elevfrånvaro");
    expect(landing.totals.hours).toBe(13);
    expect(landing.demands[0].hoursPerMonth).toBeCloseTo(13 / 12);
  });
});

describe("bad input", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["zero minutes", { minutesPerOccurrence: 0 }, "body.minutesPerOccurrence"],
    ["negative minutes", { minutesPerOccurrence: -5 }, "body.minutesPerOccurrence"],
    ["a periodic demand with frequency 0", { frequencyPerYear: 0 }, "body.frequencyPerYear"],
    ["an unknown role", { reporters: { roles: ["rektor"], unitIds: [] } }, "body.reporters"],
    ["an unknown kind", { kind: "enkät" }, "body.kind"],
    [
      "an unknown unit",
      { reporters: { roles: ["employee"], unitIds: ["00000000-0000-4000-8000-000000000000"] } },
      "body.reporters.unitIds.0",
    ],
    [
      "an unknown requester unit",
      { requester: { unitId: "00000000-0000-4000-8000-000000000000" } },
      "body.requester.unitId",
    ],
    ["a law demand without its reference", { requiredByLaw: true }, "body.legalReference"],
  ];
  for (const [what, change, field] of cases)
    it(`answers 400 naming the field for ${what}, and writes nothing`, async () => {
      const before = await demandCount();
      const response = await analyst.post("/api/inventory/demands", { ...base(), ...change });
      expect(response.statusCode).toBe(400);
      const paths = response.json().error.details.map((d: { path: string }) => d.path);
      expect(paths.some((path: string) => path.startsWith(field))).toBe(true);
      expect(await demandCount()).toBe(before);
    });

  it("refuses a scope in another tenant's units, and a requester from another tenant", async () => {
    const before = await demandCount();
    const scope = await analyst.post("/api/inventory/demands", {
      ...base(),
      reporters: { roles: ["employee"], unitIds: [other.units.school.id] },
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error.details[0].path).toBe("body.reporters.unitIds.0");
    const requester = await analyst.post("/api/inventory/demands", {
      ...base(),
      requester: { unitId: other.units.board.id },
    });
    expect(requester.statusCode).toBe(400);
    expect(await demandCount()).toBe(before);
  });

  it("allows a per-event demand with no expected events yet", async () => {
    const response = await analyst.post("/api/inventory/demands", {
      ...base(),
      frequencyKind: "per_event",
      frequencyPerYear: 0,
    });
    expect(response.statusCode).toBe(201);
  });
});

describe("who may do what", () => {
  it("lets only analysts and admins register demands", async () => {
    for (const who of [org.people.employee, org.people.manager, org.people.director]) {
      const response = await (await clientFor(t.app, who)).post("/api/inventory/demands", base());
      expect(response.statusCode).toBe(403);
    }
  });

  it("hides another tenant's demands and units", async () => {
    const created = (await analyst.post("/api/inventory/demands", base())).json();
    const before = await tableDigest(t.db);
    const outsider = await clientFor(t.app, other.people.admin);
    expect((await outsider.get(`/api/inventory/demands/${created.id}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/inventory/demands/${created.id}`, { title: "x" })).statusCode).toBe(
      404,
    );
    expect(changedTables(before, await tableDigest(t.db))).toEqual([]);
    expect((await outsider.get(`/api/inventory/burden?unitId=${org.units.school.id}`)).statusCode).toBe(404);
    const theirs = (await outsider.get("/api/inventory/demands?status=all")).json();
    expect(theirs.demands).toEqual([]);
  });

  it("shows an employee the burden of the own unit but not of a unit beside it", async () => {
    const employee = await clientFor(t.app, org.people.employee);
    expect((await employee.get(`/api/inventory/burden?unitId=${org.units.school.id}`)).statusCode).toBe(200);
    expect((await employee.get(`/api/inventory/burden?unitId=${org.units.otherSchool.id}`)).statusCode).toBe(
      404,
    );
  });
});

describe("staff estimates", () => {
  it("lets reporters say how long it takes; the median replaces the guess, with the count", async () => {
    const created = (
      await analyst.post("/api/inventory/demands", { ...base(), title: "Månadsrapport", existing: true })
    ).json();
    const employee = await clientFor(t.app, org.people.employee);
    const otherEmployee = await clientFor(t.app, org.people.otherEmployee);
    expect(
      (await employee.post(`/api/inventory/demands/${created.id}/estimates`, { minutes: 40 })).json(),
    ).toEqual({
      answers: 1,
      median: 40,
      mine: 40,
    });
    await otherEmployee.post(`/api/inventory/demands/${created.id}/estimates`, { minutes: 20 });
    await employee.post(`/api/inventory/demands/${created.id}/estimates`, { minutes: 30 }); // changes their answer
    const detail = (await analyst.get(`/api/inventory/demands/${created.id}`)).json();
    expect(detail.minutes).toEqual({ minutes: 25, source: "staff", answers: 2 });
    expect(detail.hours).toBeCloseTo((25 * 52 * 2) / 60);

    const mine = (await employee.get("/api/inventory/mine")).json();
    expect(mine.find((d: { id: string }) => d.id === created.id).myEstimate).toBe(30);
  });

  it("refuses an estimate from someone who does not report", async () => {
    const created = (await analyst.post("/api/inventory/demands", { ...base(), existing: true })).json();
    const manager = await clientFor(t.app, org.people.manager);
    expect(
      (await manager.post(`/api/inventory/demands/${created.id}/estimates`, { minutes: 5 })).statusCode,
    ).toBe(403);
  });
});

describe("removal candidates and duplicates", () => {
  it("flags a demand with no recorded use in its last two periods, and clears it when used", async () => {
    const created = (
      await analyst.post("/api/inventory/demands", {
        ...base(),
        title: "Gammal kvartalsrapport",
        frequencyPerYear: 4,
        startDate: "2022-01-01",
        existing: true,
      })
    ).json();
    expect(created.removalCandidate).toBe(true);
    const flagged = (await analyst.get("/api/inventory/flags")).json();
    expect(flagged.removalCandidates.map((c: { demandId: string }) => c.demandId)).toContain(created.id);

    const director = await clientFor(t.app, org.people.director);
    const used = await director.post(`/api/inventory/demands/${created.id}/uses`, {
      kind: "decision",
      description: "Underlag för beslut om resursfördelning",
    });
    expect(used.statusCode).toBe(201);
    expect((await analyst.get(`/api/inventory/demands/${created.id}`)).json()).toMatchObject({
      removalCandidate: false,
      useCount: 1,
    });
    const employee = await clientFor(t.app, org.people.employee);
    expect(
      (await employee.post(`/api/inventory/demands/${created.id}/uses`, { kind: "report", description: "x" }))
        .statusCode,
    ).toBe(403);
  });

  it("flags demands from different requesters asking the same people for the same field, naming the overlap", async () => {
    const first = (
      await analyst.post("/api/inventory/demands", {
        ...base(),
        title: "Frånvaro till förvaltningen",
        dataFields: ["Ogiltig frånvaro"],
        existing: true,
      })
    ).json();
    const second = (
      await analyst.post("/api/inventory/demands", {
        ...base(),
        title: "Frånvaro till Skolverket",
        requester: { actorId: skolverket },
        reporters: { roles: ["employee", "manager"], unitIds: [org.units.school.id] },
        dataFields: ["ogiltig frånvaro"],
        existing: true,
      })
    ).json();
    const { duplicates } = (await analyst.get("/api/inventory/flags")).json();
    const pair = duplicates.find(
      (d: { demandIds: string[] }) => d.demandIds.includes(first.id) && d.demandIds.includes(second.id),
    );
    expect(pair).toMatchObject({
      fields: ["ogiltig frånvaro"],
      roles: ["employee"],
      units: [{ name: "Ekbackens skola" }],
    });
    const detail = (await analyst.get(`/api/inventory/demands/${second.id}`)).json();
    expect(detail.duplicate).toBe(true);
    expect(detail.duplicates).toEqual([
      { demandId: first.id, title: "Frånvaro till förvaltningen", fields: ["ogiltig frånvaro"] },
    ]);
  });
});

describe("the context and consequence analysis gate", () => {
  const answers = {
    purposeAndUsers: "Nämnden vill följa upp tryggheten.",
    decisionsInformed: "Prioritering av insatser.",
    goalDisplacementRisk: "Låg.",
    discretionEffect: "Ingen.",
    citizenValue: "Tryggare elever.",
    alternatives: "Befintlig elevenkät räcker delvis.",
    staffConsulted: "Arbetslag 4–6",
  };

  it("refuses to activate a new demand without a decided analysis, even by a direct call", async () => {
    const draft = (
      await analyst.post("/api/inventory/demands", { ...base(), title: "Ny trygghetsenkät" })
    ).json();
    expect(draft.status).toBe("draft");
    const skipped = await analyst.patch(`/api/inventory/demands/${draft.id}`, { status: "active" });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error.details.code).toBe("analysis_required");
    const admin = await clientFor(t.app, org.people.admin);
    expect((await admin.patch(`/api/inventory/demands/${draft.id}`, { status: "active" })).statusCode).toBe(
      409,
    );
    const straight = await admin.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
      to: "adopted",
      reason: "Vi vill",
    });
    expect(straight.statusCode).toBe(409);
    expect((await analyst.get(`/api/inventory/demands/${draft.id}`)).json().status).toBe("draft");
    expect(
      (await analyst.get("/api/inventory/burden?groupBy=demand"))
        .json()
        .groups.map((g: { key: string }) => g.key),
    ).not.toContain(draft.id);
  });

  it("lets a legal requirement with its reference take effect without an analysis", async () => {
    const law = (
      await analyst.post("/api/inventory/demands", {
        ...base(),
        title: "Lex Sarah-rapport",
        requiredByLaw: true,
        legalReference: "SoL 14 kap. 3 §",
      })
    ).json();
    const activated = await analyst.patch(`/api/inventory/demands/${law.id}`, { status: "active" });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().status).toBe("active");
  });

  it("goes draft → consultation (staff comment) → decision by a director, who must say why", async () => {
    const draft = (
      await analyst.post("/api/inventory/demands", { ...base(), title: "Ny rapport om läsning" })
    ).json();
    const employee = await clientFor(t.app, org.people.employee);
    const director = await clientFor(t.app, org.people.director);
    expect(
      (await employee.post(`/api/inventory/demands/${draft.id}/analysis/comments`, { body: "För tidigt" }))
        .statusCode,
    ).toBe(409);

    expect(
      (await analyst.put(`/api/inventory/demands/${draft.id}/analysis`, { purposeAndUsers: "Nämnden" }))
        .statusCode,
    ).toBe(200);
    expect(
      (await analyst.post(`/api/inventory/demands/${draft.id}/analysis/transition`, { to: "consultation" }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await employee.post(`/api/inventory/demands/${draft.id}/analysis/comments`, {
          body: "Tar tid från undervisningen.",
        })
      ).statusCode,
    ).toBe(201);

    const incomplete = await director.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
      to: "adopted",
      reason: "Bra",
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details.map((d: { path: string }) => d.path)).toContain(
      "analysis.citizenValue",
    );

    await analyst.put(`/api/inventory/demands/${draft.id}/analysis`, answers);
    expect(
      (
        await analyst.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
          to: "adopted",
          reason: "x",
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await director.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
      to: "adopted",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe("body.reason");

    const adopted = await director.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
      to: "adopted",
      reason: "Behövs för läslyftet",
    });
    expect(adopted.statusCode).toBe(200);
    const detail = (await analyst.get(`/api/inventory/demands/${draft.id}`)).json();
    expect(detail.status).toBe("active");
    expect(detail.analysis).toMatchObject({
      status: "adopted",
      decidedByName: "Dora Direktör",
      decisionReason: "Behövs för läslyftet",
    });
    expect(detail.analysis.comments.map((c: { body: string }) => c.body)).toEqual([
      "Tar tid från undervisningen.",
    ]);
  });

  it("rejecting the analysis rejects the demand for good", async () => {
    const draft = (
      await analyst.post("/api/inventory/demands", { ...base(), title: "Ännu en enkät" })
    ).json();
    await analyst.put(`/api/inventory/demands/${draft.id}/analysis`, answers);
    await analyst.post(`/api/inventory/demands/${draft.id}/analysis/transition`, { to: "consultation" });
    const director = await clientFor(t.app, org.people.director);
    await director.post(`/api/inventory/demands/${draft.id}/analysis/transition`, {
      to: "rejected",
      reason: "Finns redan i elevenkäten",
    });
    expect((await analyst.get(`/api/inventory/demands/${draft.id}`)).json().status).toBe("rejected");
    expect((await analyst.patch(`/api/inventory/demands/${draft.id}`, { status: "active" })).statusCode).toBe(
      409,
    );
  });
});

describe("retirement", () => {
  it("proposes, decides and shows the hours and money freed, per unit and in total", async () => {
    const created = (
      await analyst.post("/api/inventory/demands", { ...base(), title: "Slentrianrapport", existing: true })
    ).json();
    const manager = await clientFor(t.app, org.people.manager);
    const director = await clientFor(t.app, org.people.director);
    const proposal = await manager.post(`/api/inventory/demands/${created.id}/retirements`, {
      reason: "Ingen läser den",
    });
    expect(proposal.statusCode).toBe(201);
    expect(
      (await manager.post(`/api/inventory/demands/${created.id}/retirements`, { reason: "igen" })).statusCode,
    ).toBe(409);
    expect(
      (await manager.post(`/api/inventory/retirements/${proposal.json().id}/decision`, { to: "approved" }))
        .statusCode,
    ).toBe(403);
    const declineWithout = await director.post(`/api/inventory/retirements/${proposal.json().id}/decision`, {
      to: "declined",
    });
    expect(declineWithout.statusCode).toBe(400);

    const before = (await analyst.get("/api/inventory/freed")).json();
    const approved = await director.post(`/api/inventory/retirements/${proposal.json().id}/decision`, {
      to: "approved",
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      freedHours: 26,
      decidedByName: "Dora Direktör",
    });
    expect(
      (
        await director.post(`/api/inventory/retirements/${proposal.json().id}/decision`, {
          to: "declined",
          reason: "x",
        })
      ).statusCode,
    ).toBe(409);

    const detail = (await analyst.get(`/api/inventory/demands/${created.id}`)).json();
    expect(detail.status).toBe("retired");
    const freed = (await analyst.get("/api/inventory/freed")).json();
    expect(freed.annualHours - before.annualHours).toBeCloseTo(26);
    const onSchool = (await analyst.get(`/api/inventory/freed?unitId=${org.units.school.id}`)).json();
    expect(
      onSchool.demands.find((d: { demandId: string }) => d.demandId === created.id).annualHours,
    ).toBeCloseTo(13);
    const burden = (await analyst.get("/api/inventory/burden?groupBy=demand")).json();
    expect(burden.groups.map((g: { key: string }) => g.key)).not.toContain(created.id);
  });
});

describe("trust profile and settings", () => {
  it("weights the seven dimensions by hours", async () => {
    const fresh = await createOrgFixture(t.db);
    const freshAnalyst = await clientFor(t.app, fresh.people.analyst);
    const make = (title: string, minutes: number, trust: object) =>
      freshAnalyst.post("/api/inventory/demands", {
        ...base(),
        title,
        requester: { unitId: fresh.units.administration.id },
        reporters: { population: 10 },
        frequencyPerYear: 12,
        minutesPerOccurrence: minutes,
        trust,
        existing: true,
      });
    await make("Kontroll", 68, { purpose_learning: "traditional" });
    await make("Dialog", 32, { purpose_learning: "trust", good_examples: "trust" });
    const profile = (await freshAnalyst.get("/api/inventory/profile")).json();
    const purpose = profile.dimensions.find((d: { dimension: string }) => d.dimension === "purpose_learning");
    expect(purpose.shares.traditional).toBeCloseTo(0.68);
    expect(purpose.shares.trust).toBeCloseTo(0.32);
    expect(profile.dimensions).toHaveLength(7);
  });

  it("lets admins change hourly costs, which reprice the burden", async () => {
    const fresh = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, fresh.people.admin);
    const freshAnalyst = await clientFor(t.app, fresh.people.analyst);
    expect(
      (await freshAnalyst.patch("/api/inventory/settings", { annualWorkingHours: 1600 })).statusCode,
    ).toBe(403);
    const changed = await admin.patch("/api/inventory/settings", {
      hourlyCost: { employee: 500 },
      annualWorkingHours: 1600,
    });
    expect(changed.json()).toMatchObject({ annualWorkingHours: 1600, hourlyCost: { employee: 500 } });
    await freshAnalyst.post("/api/inventory/demands", {
      ...base(),
      requester: { unitId: fresh.units.administration.id },
      reporters: { roles: ["employee"], unitIds: [fresh.units.area.id] },
      existing: true,
    });
    const burden = (await freshAnalyst.get("/api/inventory/burden?groupBy=role")).json();
    expect(burden.totalCost).toBe(26 * 500);
    expect(burden.perPerson.shareOfWorkingTime).toBeCloseTo(26 / burden.people / 1600);
    expect((await admin.patch("/api/inventory/settings", { annualWorkingHours: -1 })).statusCode).toBe(400);
  });
});

describe("dates and states a person is told about", () => {
  const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  it("refuses an existing demand that starts in the future, naming the start date", async () => {
    const response = await analyst.post("/api/inventory/demands", {
      ...base(),
      existing: true,
      startDate: tomorrow(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("body.startDate");
  });

  it("refuses a use dated in the future, naming the date", async () => {
    const created = (await analyst.post("/api/inventory/demands", { ...base(), existing: true })).json();
    const response = await analyst.post(`/api/inventory/demands/${created.id}/uses`, {
      kind: "report",
      description: "Årsrapporten",
      usedOn: tomorrow(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("body.usedOn");
  });

  it("writes the analysis only while the demand is a draft, and never changes a retired demand", async () => {
    const active = (await analyst.post("/api/inventory/demands", { ...base(), existing: true })).json();
    const late = await analyst.put(`/api/inventory/demands/${active.id}/analysis`, { purposeAndUsers: "x" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.code).toBe("not_draft");
    const proposal = (
      await analyst.post(`/api/inventory/demands/${active.id}/retirements`, { reason: "Läses inte" })
    ).json();
    const director = await clientFor(t.app, org.people.director);
    await director.post(`/api/inventory/retirements/${proposal.id}/decision`, { to: "approved" });
    const changed = await analyst.patch(`/api/inventory/demands/${active.id}`, { title: "Nytt namn" });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.details.code).toBe("demand_closed");
    const again = await analyst.post(`/api/inventory/demands/${active.id}/retirements`, { reason: "igen" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.code).toBe("not_in_force");
  });
});

describe("settings changed at the same moment", () => {
  it("keeps every change: two roles' hourly costs, the working time, and another module's slice", async () => {
    const fresh = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, fresh.people.admin);
    const answers = await Promise.all([
      admin.patch("/api/inventory/settings", { hourlyCost: { manager: 700 } }),
      admin.patch("/api/inventory/settings", { hourlyCost: { employee: 500 } }),
      admin.patch("/api/inventory/settings", { annualWorkingHours: 1600 }),
      mergeTenantSettings(t.db, fresh.tenant.id, ["barometer"], { embargoDays: 3 }),
    ]);
    for (const answer of answers.slice(0, 3)) expect(answer?.statusCode).toBe(200);
    expect((await admin.get("/api/inventory/settings")).json()).toMatchObject({
      hourlyCost: { manager: 700, employee: 500 },
      annualWorkingHours: 1600,
    });
    expect((await getTenant(t.db, fresh.tenant.id))?.settings).toMatchObject({
      barometer: { embargoDays: 3 },
    });
  });
});

describe("uses recorded by other modules", () => {
  it("are stored with their source through the exported function", async () => {
    const { recordDemandUse } = await import("./service.ts");
    const created = (await analyst.post("/api/inventory/demands", { ...base(), existing: true })).json();
    await recordDemandUse(t.db, {
      tenantId: org.tenant.id,
      demandId: created.id,
      kind: "dialogue",
      description: "Valdes som indikator i en förväntan",
      source: "followup",
      recordedBy: null,
    });
    const uses = await store.usesOf(t.db, created.id);
    expect(uses).toHaveLength(1);
    expect(uses[0].source).toBe("followup");
    await expect(
      recordDemandUse(t.db, {
        tenantId: other.tenant.id,
        demandId: created.id,
        kind: "dialogue",
        description: "x",
        source: "followup",
        recordedBy: null,
      }),
    ).rejects.toThrow();
  });
});

describe("the audit log", () => {
  it("names every inventory action in words, and says what happened in both languages", async () => {
    const rows = await queryRows<{ action: string; summary: string; summary_en: string | null }>(
      t.db,
      sql`select action, summary, summary_en from audit_log where action like 'inventory.%'`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(inventoryModule.auditActions?.[row.action], row.action).toBeDefined();
      expect(row.summary_en, row.action).toBeTruthy();
      for (const text of [row.summary, row.summary_en ?? ""])
        expect(text).not.toMatch(/→|\b(adopted|approved|declined)\b$/);
    }
    const actions = new Set(rows.map((row) => row.action));
    for (const action of [
      "inventory.demand.propose",
      "inventory.analysis.adopted",
      "inventory.retirement.approved",
    ])
      expect(actions).toContain(action);
  });
});
