import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite, type Db, queryRows, sql } from "../server/core/db.ts";
import * as orgStore from "../server/org/store.ts";
import { addUnit } from "../server/testing/app.ts";
import { type Io, parseArgs, runCli } from "./main.ts";

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
    env: { DATA_DIR: dataDir, LOG_LEVEL: "silent", TILLIT_DEMO: "off" },
  };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Opens the CLI's database between commands; it must be closed again before the next command. */
async function withDb<T>(work: (db: Db) => Promise<T>) {
  const database = await connectPglite(dataDir);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const count = async (db: Db, table: "unit" | "person" | "membership" | "credential") =>
  Number((await queryRows<{ n: string | number }>(db, sql.raw(`select count(*) as n from ${table}`)))[0].n);

const dataLines = (file: string) => fs.readFileSync(file, "utf8").trim().split("\n").slice(1);

describe("argument parsing", () => {
  it("reads options with values, --name=value and bare flags", () => {
    expect(parseArgs(["import-org", "--full", "a.csv", "--tenant=x", "b.csv", "--seed", "3"])).toEqual({
      positional: ["import-org", "a.csv", "b.csv"],
      options: { full: true, tenant: "x", seed: "3" },
    });
  });
});

describe("tillit CLI", () => {
  it("prints help, and refuses an unknown command or option", async () => {
    const help = await cli("help");
    expect(help.code).toBe(0);
    for (const command of ["migrate", "demo", "generate", "import-org", "create-user"])
      expect(help.out).toContain(command);
    expect((await cli()).out).toContain("import-org");
    const unknown = await cli("frobnicate");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Okänt kommando (unknown command): frobnicate");
    const misspelt = await cli("generate", "--employes", "10", "--units", "5", "--seed", "1");
    expect(misspelt.code).toBe(1);
    expect(misspelt.err).toContain("--employes");
  });

  it("generates the same files for the same seed, and checks its numbers", async () => {
    const args = ["generate", "--employees", "100", "--units", "20", "--seed", "3", "--out", outDir];
    const first = await cli(...args);
    expect(first.code).toBe(0);
    expect(first.out).toContain(path.join(outDir, "units.csv"));
    expect(first.out).toContain("100 personer");
    const units = fs.readFileSync(path.join(outDir, "units.csv"), "utf8");
    const people = fs.readFileSync(path.join(outDir, "people.csv"), "utf8");
    expect((await cli(...args)).code).toBe(0);
    expect(fs.readFileSync(path.join(outDir, "units.csv"), "utf8")).toBe(units);
    expect(fs.readFileSync(path.join(outDir, "people.csv"), "utf8")).toBe(people);
    expect(dataLines(path.join(outDir, "units.csv"))).toHaveLength(20);
    const numbers = new Set(dataLines(path.join(outDir, "people.csv")).map((line) => line.split(";")[0]));
    expect(numbers.size).toBe(100);

    for (const bad of [
      ["--employees", "many", "--units", "20", "--seed", "3"],
      ["--employees", "0", "--units", "20", "--seed", "3"],
      ["--employees", "10", "--units", "50001", "--seed", "3"],
      ["--employees", "1.5", "--units", "20", "--seed", "3"],
      ["--units", "20", "--seed", "3"],
    ]) {
      const result = await cli("generate", ...bad, "--out", path.join(outDir, "never"));
      expect(result.code, bad.join(" ")).toBe(1);
      expect(result.err).toMatch(/--(employees|units)/);
    }
    expect(fs.existsSync(path.join(outDir, "never"))).toBe(false);
  });

  it("migrates, and says when there is no organisation to import into", async () => {
    expect((await cli("migrate")).code).toBe(0);
    expect((await cli("migrate")).code).toBe(0);
    const noTenant = await cli("import-org", path.join(outDir, "units.csv"));
    expect(noTenant.code).toBe(1);
    expect(noTenant.err).toContain("ingen organisation");
  });

  it("imports generated files, and names the bad line of a broken one", async () => {
    await withDb((db) => orgStore.createTenant(db, { slug: "testkommun", name: "Testkommun" }));
    // People first: the kind of each file is told by its header, not by the order.
    const result = await cli("import-org", path.join(outDir, "people.csv"), path.join(outDir, "units.csv"));
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Enheter: 20 nya");
    expect(result.out).toContain("Personer: 100 nya");
    expect(result.out).toContain("Import: 20 nya");
    await withDb(async (db) => {
      expect(await count(db, "unit")).toBe(20);
      expect(await count(db, "person")).toBe(100);
    });
    const again = await cli("import-org", path.join(outDir, "units.csv"), path.join(outDir, "people.csv"));
    expect(again.out).toContain("Personer: 0 nya");

    const broken = path.join(outDir, "broken.csv");
    fs.writeFileSync(broken, "code;name;parent_code;kind\nZ1;Ok;;nämnd\nZ2;Trasig;SAKNAS;enhet\n");
    const failed = await cli("import-org", broken, "--tenant", "testkommun");
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("units rad 3:");
    expect(failed.err).not.toContain("    at ");
    await withDb(async (db) => expect(await count(db, "unit")).toBe(20));

    const noSuchTenant = await cli("import-org", broken, "--tenant", "finns-inte");
    expect(noSuchTenant.code).toBe(1);
    expect(noSuchTenant.err).toContain("finns-inte");
    const unknownFile = path.join(outDir, "other.csv");
    fs.writeFileSync(unknownFile, "a;b\n1;2\n");
    expect((await cli("import-org", unknownFile)).code).toBe(1);
    expect((await cli("import-org", path.join(outDir, "missing.csv"))).err).toContain("missing.csv");
  });

  it("creates a user with a role and a password, and adds a role to an existing one", async () => {
    const unitCode = await withDb(async (db) => {
      const tenant = await orgStore.getTenantBySlug(db, "testkommun");
      return (await addUnit(db, tenant?.id as string, null, "CLI-nämnden", "namnd", "CLI-N")).code as string;
    });
    const user = ["--email", "Ny.Admin@Test.se", "--name", "Ny Admin", "--unit", unitCode];
    const created = await cli("create-user", ...user, "--role", "admin");
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Lösenord \(password\): \S{16}/);
    const grants = await withDb(async (db) => {
      const [person] = await orgStore.activePeopleByEmail(db, "ny.admin@test.se");
      expect(person.name).toBe("Ny Admin");
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from credential where person_id = ${person.id}`,
      );
      expect(rows[0].n).toBe(1);
      return orgStore.roleGrants(db, person.id);
    });
    expect(grants).toHaveLength(1);

    const secondRole = await cli(
      "create-user",
      ...user,
      "--role",
      "analytiker",
      "--password",
      "ett-bra-lösenord",
    );
    expect(secondRole.code).toBe(0);
    expect(secondRole.out).toContain("finns redan");
    expect(secondRole.out).not.toContain("Lösenord (password)");
    const sameAgain = await cli(
      "create-user",
      ...user,
      "--role",
      "analytiker",
      "--password",
      "ett-bra-lösenord",
    );
    expect(sameAgain.code).toBe(0);
    await withDb(async (db) => {
      const people = await orgStore.activePeopleByEmail(db, "ny.admin@test.se");
      expect(people).toHaveLength(1);
      expect(await orgStore.roleGrants(db, people[0].id)).toHaveLength(2);
    });

    // A further role without --password keeps the password the person already has.
    const keep = await cli("create-user", ...user, "--role", "politiker");
    expect(keep.code).toBe(0);
    expect(keep.out).toContain("oförändrat");
    expect(keep.out).not.toContain("Lösenord (password)");
    await withDb(async (db) => {
      const [person] = await orgStore.activePeopleByEmail(db, "ny.admin@test.se");
      const rows = await queryRows<{ hash: string }>(
        db,
        sql`select password_hash as hash from credential where person_id = ${person.id}`,
      );
      expect(await verify(rows[0].hash, "ett-bra-lösenord")).toBe(true);
      expect(await orgStore.roleGrants(db, person.id)).toHaveLength(3);
    });

    const shortPassword = await cli("create-user", ...user, "--role", "admin", "--password", "kort");
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.err).toContain("minst");
    const badRole = await cli("create-user", ...user, "--role", "kung");
    expect(badRole.code).toBe(1);
    expect(badRole.err).toContain("kung");
    const badUnit = await cli(
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
    expect(badUnit.code).toBe(1);
    expect(badUnit.err).toContain("Enheten finns inte");
    const missing = await cli("create-user", "--email", "x@test.se", "--role", "admin");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("--name");
  });

  it("asks which organisation when there are several", async () => {
    await withDb((db) => orgStore.createTenant(db, { slug: "andra", name: "Andra kommunen" }));
    const result = await cli("import-org", path.join(outDir, "units.csv"));
    expect(result.code).toBe(1);
    expect(result.err).toContain("--tenant");
    expect(result.err).toContain("testkommun");
  });

  it("seeds the demo once", async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-demo-"));
    const io = (out: string[]): Io => ({
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env: { DATA_DIR: demoDir, LOG_LEVEL: "silent", TILLIT_DEMO: "off" },
    });
    try {
      const first: string[] = [];
      expect(await runCli(["demo"], io(first))).toBe(0);
      expect(first.join("\n")).toContain("är skapad");
      const second: string[] = [];
      expect(await runCli(["demo"], io(second))).toBe(0);
      expect(second.join("\n")).toContain("finns redan");
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
