import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../core/db.ts";
import { getJob, JobWorker } from "../core/jobs.ts";
import { addPerson, clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { ORG_IMPORT_JOB_KIND, orgImportJobHandler } from "./import-service.ts";
import { membership, person, unit } from "./tables.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let admin: Awaited<ReturnType<typeof clientFor>>;
let worker: JobWorker;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db, "imp");
  admin = await clientFor(t.app, org.people.admin);
  worker = new JobWorker({
    db: t.db,
    workerId: "test",
    handlers: { [ORG_IMPORT_JOB_KIND]: orgImportJobHandler },
  });
});
afterAll(() => t.close());

const unitsCsv = (rows: string[]) => ["kod;namn;överordnad_kod;typ", ...rows].join("\n");
const peopleCsv = (rows: string[]) => ["anställningsnummer;namn;e-post;enhetskod;roll", ...rows].join("\n");
const baseUnits = unitsCsv([
  "imp-N;Barn- och utbildningsnämnden;;nämnd",
  "imp-F;Utbildningsförvaltningen;imp-N;förvaltning",
  "imp-V;Grundskola;imp-F;verksamhetsområde",
  "imp-E1;Ekbackens skola;imp-V;enhet",
  "R1;Rönnens förskola;imp-V;enhet",
  "R1-A;Avdelning Blåbär;R1;arbetslag",
]);
const basePeople = peopleCsv([
  "1001;Sara Holm;sara.holm@test.se;R1;chef",
  "1002;Jonas Berg;jonas.berg@test.se;R1-A;medarbetare",
  "1002;Jonas Berg;jonas.berg@test.se;imp-E1;medarbetare",
  "1003;Lina Ek;LINA.EK@test.se;R1-A;medarbetare",
]);

async function runImport(body: { unitsCsv?: string; peopleCsv?: string; fullImport?: boolean }) {
  const upload = await admin.post("/api/org/imports", { fullImport: false, ...body });
  expect(upload.statusCode, upload.body).toBe(201);
  const { id, preview } = upload.json();
  const commit = await admin.post(`/api/org/imports/${id}/commit`);
  expect(commit.statusCode, commit.body).toBe(202);
  while (await worker.runOnce()) {
    // run the queued import
  }
  const status = (await admin.get(`/api/org/imports/${id}`)).json();
  return { id, preview, status, jobId: commit.json().jobId as number };
}

const count = async (table: "unit" | "person" | "membership") =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

describe("HR import", () => {
  it("previews, then applies units, people and roles in a job with progress", async () => {
    const { preview, status, jobId } = await runImport({ unitsCsv: baseUnits, peopleCsv: basePeople });
    expect(preview.units).toEqual({ new: 2, changed: 0, unchanged: 4, deactivated: 0 });
    expect(preview.people).toEqual({ new: 3, changed: 0, unchanged: 0, deactivated: 0 });
    expect(preview.memberships).toEqual({ new: 4, ended: 0 });
    expect(status.status).toBe("succeeded");
    expect(status.job).toMatchObject({ status: "succeeded", progressLabel: "done" });
    expect(status.job.progress).toBe(status.job.progressTotal);
    expect((await getJob(t.db, jobId))?.result).toMatchObject({ people: { new: 3 } });

    const [preschool] = await t.db.select().from(unit).where(eq(unit.code, "R1"));
    const [team] = await t.db.select().from(unit).where(eq(unit.code, "R1-A"));
    expect(preschool.path).toBe(`${org.units.area.path}${preschool.id}/`);
    expect(team.path).toBe(`${preschool.path}${team.id}/`);
    expect(team).toMatchObject({ kind: "arbetslag", name: "Avdelning Blåbär" });
    const [lina] = await t.db.select().from(person).where(eq(person.employeeNumber, "1003"));
    expect(lina.email).toBe("lina.ek@test.se");
    const jonas = (await admin.get("/api/people?q=Jonas")).json().items[0];
    expect(jonas.roles.map((r: { unitName: string }) => r.unitName).sort()).toEqual([
      "Avdelning Blåbär",
      "Ekbackens skola",
    ]);
  });

  it("changes nothing when the same files are imported again", async () => {
    const before = [await count("unit"), await count("person"), await count("membership")];
    const { preview } = await runImport({ unitsCsv: baseUnits, peopleCsv: basePeople });
    expect(preview.units).toEqual({ new: 0, changed: 0, unchanged: 6, deactivated: 0 });
    expect(preview.people).toEqual({ new: 0, changed: 0, unchanged: 3, deactivated: 0 });
    expect(preview.memberships).toEqual({ new: 0, ended: 0 });
    expect([await count("unit"), await count("person"), await count("membership")]).toEqual(before);
  });

  it("names every bad line and writes nothing", async () => {
    const before = [await count("unit"), await count("person"), await count("membership")];
    const response = await admin.post("/api/org/imports", {
      fullImport: false,
      unitsCsv: unitsCsv(["X1;Ny skola;imp-V;enhet", "X2;;imp-V;enhet", "X3;Tredje;FINNS-INTE;enhet"]),
      peopleCsv: peopleCsv([
        "2001;Ok Person;ok@test.se;X1;medarbetare",
        "2002;Fel Roll;fel@test.se;X1;rektor",
      ]),
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe("import_invalid");
    expect(error.message).toContain("3 rader");
    expect(error.details.errors.map((e: { file: string; line: number }) => `${e.file}:${e.line}`)).toEqual([
      "units:3",
      "units:4",
      "people:3",
    ]);
    expect(error.details.errors[2].message).toContain("rektor");
    expect([await count("unit"), await count("person"), await count("membership")]).toEqual(before);
    expect(await count("unit")).toBe(before[0]);
  });

  it("shows at most 1,000 line errors and says how many there are", async () => {
    const bad = Array.from(
      { length: 1_005 },
      (_, i) => `${3000 + i};Ny Person;${i}@test.se;SAKNAS;medarbetare`,
    );
    const response = await admin.post("/api/org/imports", { fullImport: false, peopleCsv: peopleCsv(bad) });
    expect(response.statusCode).toBe(400);
    const { details } = response.json().error;
    expect(details.errors).toHaveLength(1_000);
    expect(details.total).toBe(1_005);
    expect(details.errors[0]).toMatchObject({ file: "people", line: 2 });
  });

  it("answers in English when asked", async () => {
    const response = await admin.request({
      method: "POST",
      url: "/api/org/imports",
      headers: { "accept-language": "en" },
      payload: { fullImport: false, unitsCsv: unitsCsv(["Y1;Ny;SAKNAS;enhet"]) },
    });
    expect(response.json().error.details.errors[0].message).toBe("The parent code SAKNAS does not exist.");
  });

  it("moves a unit with its subtree when its parent code changes", async () => {
    const moved = baseUnits.replace("R1;Rönnens förskola;imp-V;enhet", "R1;Rönnens förskola;imp-F;enhet");
    const { preview } = await runImport({ unitsCsv: moved });
    expect(preview.units.changed).toBe(1);
    const [preschool] = await t.db.select().from(unit).where(eq(unit.code, "R1"));
    const [team] = await t.db.select().from(unit).where(eq(unit.code, "R1-A"));
    expect(preschool.path).toBe(`${org.units.administration.path}${preschool.id}/`);
    expect(team.path).toBe(`${preschool.path}${team.id}/`);
  });

  it("deactivates people missing from a full import and keeps their history", async () => {
    const withoutLina = basePeople.split("\n").filter((line) => !line.startsWith("1003;"));
    const withAdmin = [...withoutLina, `9000;Anna Admin;${org.people.admin.email};imp-N;admin`].join("\n");
    const { preview, status } = await runImport({ peopleCsv: withAdmin, fullImport: true });
    expect(status.status).toBe("succeeded");
    expect(preview.people.deactivated).toBeGreaterThanOrEqual(1);
    const [lina] = await t.db.select().from(person).where(eq(person.employeeNumber, "1003"));
    expect(lina.active).toBe(false);
    expect(lina.deactivatedAt).toBeInstanceOf(Date);
    const linaRoles = await t.db.select().from(membership).where(eq(membership.personId, lina.id));
    expect(linaRoles).toHaveLength(1);
    expect(linaRoles[0].endedAt).toBeInstanceOf(Date);
    const stillActive = await t.db
      .select()
      .from(membership)
      .where(and(eq(membership.personId, org.people.admin.id), isNull(membership.endedAt)));
    expect(stillActive.map((m) => m.role)).toEqual(["admin"]);
  });

  it("refuses a full import that would deactivate the importer", async () => {
    const response = await admin.post("/api/org/imports", { fullImport: true, peopleCsv: basePeople });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors[0].message).toContain("inaktivera dig själv");
  });

  it("runs each import once, for admins of its own tenant only", async () => {
    const upload = (await admin.post("/api/org/imports", { fullImport: false, unitsCsv: baseUnits })).json();
    expect((await admin.post(`/api/org/imports/${upload.id}/commit`)).statusCode).toBe(202);
    expect((await admin.post(`/api/org/imports/${upload.id}/commit`)).statusCode).toBe(409);

    const manager = await clientFor(
      t.app,
      await addPerson(t.db, org.tenant.id, "Ny Chef", [[org.units.school.id, "manager"]]),
    );
    expect(
      (await manager.post("/api/org/imports", { fullImport: false, unitsCsv: baseUnits })).statusCode,
    ).toBe(403);
    expect((await manager.get(`/api/org/imports/${upload.id}`)).statusCode).toBe(403);

    const other = await createOrgFixture(t.db);
    const foreign = await clientFor(t.app, other.people.admin);
    expect((await foreign.get(`/api/org/imports/${upload.id}`)).statusCode).toBe(404);
    expect((await foreign.post(`/api/org/imports/${upload.id}/commit`)).statusCode).toBe(404);
    expect((await foreign.get("/api/org/imports")).json()).toEqual([]);
  });

  it("keeps the result when the job runs again after its import committed", async () => {
    const { id, jobId, status } = await runImport({ unitsCsv: baseUnits });
    const job = await getJob(t.db, jobId);
    // As if the process died between the import's commit and the job's own bookkeeping.
    const again = await orgImportJobHandler({
      db: t.db,
      job: job as NonNullable<typeof job>,
      progress: async () => {},
    });
    expect(again).toEqual(status.result);
    const after = (await admin.get(`/api/org/imports/${id}`)).json();
    expect(after).toMatchObject({ status: "succeeded", result: status.result });
  });

  it("shows an import as failed when the job queue gave up on its job", async () => {
    const upload = (await admin.post("/api/org/imports", { fullImport: false, unitsCsv: baseUnits })).json();
    const { jobId } = (await admin.post(`/api/org/imports/${upload.id}/commit`)).json();
    // What recoverStaleJobs does when the process died on the job's last attempt.
    await t.db.execute(sql`update job set status = 'failed', attempts = max_attempts where id = ${jobId}`);
    expect((await admin.get(`/api/org/imports/${upload.id}`)).json()).toMatchObject({
      status: "failed",
      job: { status: "failed" },
    });
    const listed = (await admin.get("/api/org/imports")).json();
    expect(listed.find((row: { id: string }) => row.id === upload.id).status).toBe("failed");
  });

  it("asks for at least one file", async () => {
    const response = await admin.post("/api/org/imports", { fullImport: false });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("enhetsfil");
  });
});
