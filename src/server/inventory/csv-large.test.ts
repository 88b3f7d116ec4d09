// A large inventory file with many bad lines (issue 17, point 6): the refusal names the first lines
// at fault and counts them all — never a stack overflow, never a 500. The file is made in memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { tableDigest } from "../testing/digest.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let analyst: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  analyst = await clientFor(t.app, org.people.analyst);
});
afterAll(() => t.close());

const header = "Kod;Titel;Typ;Syfte;Beställare;Roller;Enheter;Frekvens;Minuter";
const goodLine = (i: number) =>
  `K${i};Rapport ${i};rapport;lärande;${org.units.administration.code};chef;${org.units.area.code};12;45`;

describe("an inventory file of 200,000 lines, most of them bad", () => {
  it("is refused with the first lines at fault and the count of all, and nothing is written", async () => {
    const lines = [header];
    for (let i = 0; i < 200_000; i++) lines.push(i % 10 === 0 ? goodLine(i) : `B${i};;;;;;;;`);
    const before = await tableDigest(t.db);
    const response = await analyst.post("/api/inventory/imports", { csv: lines.join("\n") });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
    const { details } = response.json().error;
    expect(details.total).toBe(180_000);
    expect(details.errors).toHaveLength(500);
    expect(details.errors[0].line).toBe(3);
    expect(await tableDigest(t.db)).toEqual(before);
  });
});
