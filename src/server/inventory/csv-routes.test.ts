// The inventory import as the HR import does it (issue 17, point 6): upload and preview in the
// request, commit as a job (run here by the job runner or its handler directly) that writes in one
// transaction and reports progress, and the import's status, progress and result read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSingleConnection, queryRows, sql } from "../core/db.ts";
import { getJob, JobWorker } from "../core/jobs.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";
import { tableDigest } from "../testing/digest.ts";
import { INVENTORY_IMPORT_JOB_KIND, inventoryImportJobHandler } from "./import-service.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let analyst: Awaited<ReturnType<typeof clientFor>>;
let worker: JobWorker;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgFixture(t.db);
  analyst = await clientFor(t.app, org.people.analyst);
  worker = new JobWorker({
    db: t.db,
    workerId: "test",
    handlers: { [INVENTORY_IMPORT_JOB_KIND]: inventoryImportJobHandler },
  });
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

const drain = async () => {
  while (await worker.runOnce()) {
    // run the queued imports
  }
};

/** Uploads, commits and runs the job; the import as the page then reads it. */
async function runImport(csv: string) {
  const upload = await analyst.post("/api/inventory/imports", { csv });
  expect(upload.statusCode, upload.body).toBe(201);
  const { id } = upload.json();
  const commit = await analyst.post(`/api/inventory/imports/${id}/commit`);
  expect(commit.statusCode, commit.body).toBe(202);
  await drain();
  return {
    id,
    jobId: commit.json().jobId as number,
    detail: (await analyst.get(`/api/inventory/imports/${id}`)).json(),
  };
}

describe("importing an inventory", () => {
  it("previews without writing, commits as a job with progress, and changes nothing the second time", async () => {
    const upload = await analyst.post("/api/inventory/imports", { csv: file(good()) });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json().preview).toEqual({ rows: 2, new: 2, changed: 0, unchanged: 0 });
    expect(await count()).toBe(0);
    const { id } = upload.json();
    expect((await analyst.get(`/api/inventory/imports/${id}`)).json()).toMatchObject({
      status: "previewed",
      job: null,
      result: null,
    });

    const commit = await analyst.post(`/api/inventory/imports/${id}/commit`);
    expect(commit.statusCode, commit.body).toBe(202);
    // Committing only queues the job: the request writes no demand.
    expect(await count()).toBe(0);
    expect((await analyst.get(`/api/inventory/imports/${id}`)).json()).toMatchObject({
      status: "queued",
      job: { status: "queued", progress: 0 },
    });

    await drain();
    const done = (await analyst.get(`/api/inventory/imports/${id}`)).json();
    expect(done).toMatchObject({
      status: "succeeded",
      preview: { rows: 2, new: 2 },
      result: { rows: 2, new: 2, changed: 0, unchanged: 0 },
      job: { status: "succeeded", progressLabel: "done" },
    });
    expect(done.job.progress).toBe(done.job.progressTotal);
    expect((await getJob(t.db, commit.json().jobId))?.result).toMatchObject({ new: 2 });
    expect(await count()).toBe(2);
    const [demand] = await queryRows<{ status: string; existing: boolean; created_by: string }>(
      t.db,
      sql`select status, existing, created_by from inventory_demand where tenant_id = ${org.tenant.id} and code = 'K1'`,
    );
    expect(demand).toEqual({ status: "active", existing: true, created_by: org.people.analyst.id });
    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where target_id = ${id} order by id`,
    );
    expect(audit.map((entry) => entry.action)).toEqual(["inventory.import.commit", "inventory.import"]);

    expect((await runImport(file(good()))).detail.result).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    const edited = good();
    edited[0] = edited[0].replace(";45;", ";50;");
    expect((await runImport(file(edited))).detail.result).toMatchObject({ changed: 1, unchanged: 1 });
    expect(await count()).toBe(2);
  });

  it("answers 400 naming every bad line, and writes nothing", async () => {
    const before = await tableDigest(t.db);
    const response = await analyst.post("/api/inventory/imports", {
      csv: file([
        ...good(),
        "K3;Trasig;rapport;lärande;XX;chef;;12;0;",
        "K4;Okänd;enkät-ish;lärande;XX;chef;;12;10;",
      ]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("import_invalid");
    expect(response.json().error.details.errors.map((l: { line: number }) => l.line)).toEqual([4, 5]);
    expect(typeof response.json().error.details.errors[0].message).toBe("string");
    expect(response.json().error.details.total).toBe(2);
    expect(await tableDigest(t.db)).toEqual(before);
  });

  it("refuses a date that is not in the calendar as a bad line, not as a failed job", async () => {
    const before = await tableDigest(t.db);
    const response = await analyst.post("/api/inventory/imports", {
      csv: [`${header};Start`, `${good()[0]};2026-02-30`].join("\n"),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.errors[0]).toMatchObject({ line: 2 });
    expect(response.json().error.details.errors[0].message).toMatch(/start ska vara ett datum/i);
    expect(await tableDigest(t.db)).toEqual(before);
  });

  it("answers 400 naming the field for a missing or empty file, and writes nothing", async () => {
    const before = await tableDigest(t.db);
    for (const body of [{}, { csv: "" }, { csv: 12 }]) {
      const response = await analyst.post("/api/inventory/imports", body);
      expect(response.statusCode, response.body).toBe(400);
      expect(JSON.stringify(response.json().error.details)).toContain("csv");
    }
    expect((await analyst.post("/api/inventory/imports/not-an-id/commit")).statusCode).toBe(400);
    expect(await tableDigest(t.db)).toEqual(before);
  });

  it("writes nothing of an import that fails halfway, and writes all of it when the job is tried again", async () => {
    // More lines than one batch; the database refuses a line in the second batch, after the first
    // batch was written — as a crash there would stop it.
    const lines = Array.from(
      { length: 1500 },
      (_, i) =>
        `H${i};Halvvägs ${i};rapport;lärande;${org.units.administration.code};chef;${org.units.area.code};12;45;`,
    );
    const upload = (await analyst.post("/api/inventory/imports", { csv: file(lines) })).json();
    const { jobId } = (await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).json();
    await t.db.execute(sql`
      create function refuse_halfway() returns trigger language plpgsql as $$
      begin
        if new.code = 'H1200' then raise exception 'the disk is gone'; end if;
        return new;
      end $$`);
    await t.db.execute(
      sql`create trigger refuse_halfway before insert on inventory_demand for each row execute function refuse_halfway()`,
    );
    const before = await count();
    try {
      await drain();
    } finally {
      await t.db.execute(sql`drop trigger refuse_halfway on inventory_demand`);
      await t.db.execute(sql`drop function refuse_halfway()`);
    }
    expect(await count()).toBe(before);
    const failed = (await analyst.get(`/api/inventory/imports/${upload.id}`)).json();
    // The job goes back to the queue for its next try; the import waits for it.
    expect(failed).toMatchObject({ status: "running", job: { status: "queued" }, result: null });
    expect(failed.job.lastError).toEqual(expect.any(String));

    await t.db.execute(sql`update job set run_at = now() where id = ${jobId}`);
    await drain();
    expect((await analyst.get(`/api/inventory/imports/${upload.id}`)).json()).toMatchObject({
      status: "succeeded",
      result: { new: 1500 },
    });
    expect(await count()).toBe(before + 1500);
  });

  it("reports progress after every batch on PostgreSQL, and before and after on PGlite", async () => {
    const lines = Array.from(
      { length: 2500 },
      (_, i) =>
        `P${i};Förlopp ${i};rapport;lärande;${org.units.administration.code};chef;${org.units.area.code};12;45;`,
    );
    const upload = (await analyst.post("/api/inventory/imports", { csv: file(lines) })).json();
    const { jobId } = (await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).json();
    const job = await getJob(t.db, jobId);
    const reports: string[] = [];
    await inventoryImportJobHandler({
      db: t.db,
      job: job as NonNullable<typeof job>,
      progress: async (done, total, label) => {
        reports.push(`${label} ${done}/${total}`);
      },
    });
    expect(reports).toEqual(
      isSingleConnection(t.db)
        ? ["checking 0/1", "done 2500/2500"]
        : [
            "checking 0/1",
            "demands 0/2500",
            "demands 1000/2500",
            "demands 2000/2500",
            "demands 2500/2500",
            "done 2500/2500",
          ],
    );
  });

  it("keeps the result when the job runs again after its import committed", async () => {
    const { id, jobId, detail } = await runImport(file(good()));
    const job = await getJob(t.db, jobId);
    // As if the process died between the import's commit and the job's own bookkeeping.
    const again = await inventoryImportJobHandler({
      db: t.db,
      job: job as NonNullable<typeof job>,
      progress: async () => {},
    });
    expect(again).toEqual(detail.result);
    expect((await analyst.get(`/api/inventory/imports/${id}`)).json()).toMatchObject({
      status: "succeeded",
      result: detail.result,
    });
  });

  it("fails an import whose file no longer fits the register, with its bad lines, and writes nothing", async () => {
    const actor = (
      await clientFor(t.app, org.people.admin).then((admin) =>
        admin.post("/api/actors", { name: "Revisionen", kind: "supervisory_authority" }),
      )
    ).json();
    const line = `R1;Revisionsrapport;granskning;ansvarsutkrävande;Revisionen;chef;${org.units.area.code};1;60;`;
    const upload = (await analyst.post("/api/inventory/imports", { csv: file([line]) })).json();
    expect(upload.preview).toMatchObject({ new: 1 });
    await t.db.execute(sql`update actor set name = 'Revisorerna' where id = ${actor.id}`);
    const before = await count();
    const { jobId } = (await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).json();
    await drain();
    const failed = (await analyst.get(`/api/inventory/imports/${upload.id}`)).json();
    expect(failed).toMatchObject({ status: "failed", result: { total: 1, errors: [{ line: 2 }] } });
    expect(failed.result.errors[0].message).toContain("Revisionen");
    expect((await getJob(t.db, jobId))?.status).toBe("failed");
    expect(await count()).toBe(before);
  });

  it("shows an import as failed when the job queue gave up on its job", async () => {
    const upload = (await analyst.post("/api/inventory/imports", { csv: file(good()) })).json();
    const { jobId } = (await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).json();
    // What recoverStaleJobs does when the process died on the job's last attempt.
    await t.db.execute(sql`update job set status = 'failed', attempts = max_attempts where id = ${jobId}`);
    expect((await analyst.get(`/api/inventory/imports/${upload.id}`)).json()).toMatchObject({
      status: "failed",
      job: { status: "failed" },
    });
  });

  it("runs each import once, for analysts and admins of its own tenant only", async () => {
    const upload = (await analyst.post("/api/inventory/imports", { csv: file(good()) })).json();
    expect((await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).statusCode).toBe(202);
    expect((await analyst.post(`/api/inventory/imports/${upload.id}/commit`)).statusCode).toBe(409);
    await drain();

    const manager = await clientFor(t.app, org.people.manager);
    expect((await manager.post("/api/inventory/imports", { csv: file(good()) })).statusCode).toBe(403);
    expect((await manager.get(`/api/inventory/imports/${upload.id}`)).statusCode).toBe(403);
    expect((await manager.post(`/api/inventory/imports/${upload.id}/commit`)).statusCode).toBe(403);

    const other = await createOrgFixture(t.db);
    const foreign = await clientFor(t.app, other.people.analyst);
    expect((await foreign.get(`/api/inventory/imports/${upload.id}`)).statusCode).toBe(404);
    expect((await foreign.post(`/api/inventory/imports/${upload.id}/commit`)).statusCode).toBe(404);
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
