import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite } from "../server/core/db.ts";
import * as orgStore from "../server/org/store.ts";
import { addUnit } from "../server/testing/app.ts";
import { type Io, runCli } from "./main.ts";

// The CLI runs on the embedded database in a temporary data directory, as an operator would use it.
let dataDir: string;
let outDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-cli-"));
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-gen-"));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { DATA_DIR: dataDir, LOG_LEVEL: "silent" },
  };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function withDb<T>(work: (db: Awaited<ReturnType<typeof connectPglite>>["db"]) => Promise<T>) {
  const database = await connectPglite(dataDir);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

describe("tillit CLI", () => {
  it("prints help, and refuses an unknown command", async () => {
    expect((await cli("help")).out).toContain("import-org");
    const unknown = await cli("frobnicate");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Okänt kommando");
  });

  it("generates the same files for the same seed, and checks its numbers", async () => {
    expect(
      (await cli("generate", "--employees", "100", "--units", "20", "--seed", "3", "--out", outDir)).code,
    ).toBe(0);
    const first = fs.readFileSync(path.join(outDir, "people.csv"), "utf8");
    await cli("generate", "--employees", "100", "--units", "20", "--seed", "3", "--out", outDir);
    expect(fs.readFileSync(path.join(outDir, "people.csv"), "utf8")).toBe(first);
    expect(first.trim().split("\n").length).toBeGreaterThanOrEqual(101);
    const bad = await cli("generate", "--employees", "many", "--units", "20", "--seed", "3");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("--employees");
  });

  it("migrates, and says when there is no organisation to import into", async () => {
    expect((await cli("migrate")).code).toBe(0);
    const noTenant = await cli("import-org", path.join(outDir, "units.csv"));
    expect(noTenant.code).toBe(1);
    expect(noTenant.err).toContain("ingen organisation");
  });

  it("imports generated files, and names the bad line of a broken one", async () => {
    await withDb((db) => orgStore.createTenant(db, { slug: "testkommun", name: "Testkommun" }));
    const result = await cli("import-org", path.join(outDir, "units.csv"), path.join(outDir, "people.csv"));
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Personer: 100 nya");
    expect(
      (await cli("import-org", path.join(outDir, "units.csv"), path.join(outDir, "people.csv"))).out,
    ).toContain("Personer: 0 nya");

    const broken = path.join(outDir, "broken.csv");
    fs.writeFileSync(broken, "code;name;parent_code;kind\nZ1;Ok;;nämnd\nZ2;Trasig;SAKNAS;enhet\n");
    const failed = await cli("import-org", broken);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("enheter rad 3");
  });

  it("creates a user with a role and a password", async () => {
    const unitCode = await withDb(async (db) => {
      const tenant = await orgStore.getTenantBySlug(db, "testkommun");
      return (await addUnit(db, tenant?.id as string, null, "CLI-nämnden", "namnd", "CLI-N")).code;
    });
    const created = await cli(
      "create-user",
      "--email",
      "Ny.Admin@Test.se",
      "--name",
      "Ny Admin",
      "--unit",
      unitCode as string,
      "--role",
      "admin",
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Lösenord \(password\): \S{10,}/);
    const bad = await cli(
      "create-user",
      "--email",
      "x@test.se",
      "--name",
      "X",
      "--unit",
      "FINNS-EJ",
      "--role",
      "admin",
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Enheten finns inte");
  });

  it("seeds the demo once", async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-demo-"));
    const io = (out: string[]): Io => ({
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env: { DATA_DIR: demoDir },
    });
    const first: string[] = [];
    expect(await runCli(["demo"], io(first))).toBe(0);
    expect(first.join("\n")).toContain("är skapad");
    const second: string[] = [];
    expect(await runCli(["demo"], io(second))).toBe(0);
    expect(second.join("\n")).toContain("finns redan");
    fs.rmSync(demoDir, { recursive: true, force: true });
  });
});
