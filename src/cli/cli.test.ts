import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/core/config.ts";
import { connectPglite, type Database, type Db, queryRows, sql } from "../server/core/db.ts";
import { LINK_HIDDEN } from "../server/core/mail.ts";
import { hashToken } from "../server/core/sessions.ts";
import * as orgStore from "../server/org/store.ts";
import { addUnit } from "../server/testing/app.ts";
import { createTestDatabase, testDatabaseKind } from "../server/testing/db.ts";
import { startSmtpServer, textOf } from "../server/testing/mail.ts";
import { type Io, parseArgs, runCli } from "./main.ts";

/**
 * A database for the CLI, as an operator would give it: on PostgreSQL (TEST_DATABASE_URL set) a
 * fresh database passed as DATABASE_URL, otherwise the embedded one in a temporary data directory.
 */
async function cliDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-cli-"));
  const server = testDatabaseKind() === "postgres" ? await createTestDatabase() : null;
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    TILLIT_DEMO: "off",
    ...(server ? { DATABASE_URL: server.url } : {}),
  };
  /** Opens the CLI's database between commands; PGlite's must be closed again before the next command. */
  async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
    if (server) return work(server);
    const database = await connectPglite(dataDir);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }
  return {
    env,
    dataDir,
    withDatabase,
    withDb: <T>(work: (db: Db) => Promise<T>) => withDatabase((database) => work(database.db)),
    async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const io: Io = {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { ...env, ...extraEnv },
      };
      const code = await runCli(args, io);
      return { code, out: out.join("\n"), err: err.join("\n") };
    },
    async close() {
      await server?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
type CliDatabase = Awaited<ReturnType<typeof cliDatabase>>;

let main: CliDatabase;
let outDir: string;
beforeAll(async () => {
  main = await cliDatabase();
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-gen-"));
});
afterAll(async () => {
  await main.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

const cli = (...args: string[]) => main.run(args);
const withDb = <T>(work: (db: Db) => Promise<T>) => main.withDb(work);

type Table =
  | "tenant"
  | "unit"
  | "person"
  | "membership"
  | "credential"
  | "auth_token"
  | "mail_outbox"
  | "audit_log";
const count = async (db: Db, table: Table) =>
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
    for (const command of ["migrate", "demo", "generate", "import-org", "create-user", "create-tenant"])
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
    // The CLI worked on the database the suite runs on: PostgreSQL leaves the data directory empty.
    expect(fs.existsSync(path.join(main.dataDir, "pglite"))).toBe(testDatabaseKind() === "pglite");
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
    const demo = await cliDatabase();
    try {
      const first = await demo.run(["demo"]);
      expect(first.code).toBe(0);
      expect(first.out).toContain("är skapad");
      const second = await demo.run(["demo"]);
      expect(second.code).toBe(0);
      expect(second.out).toContain("finns redan");
    } finally {
      await demo.close();
    }
  });
});

describe("create-tenant", () => {
  let target: CliDatabase;
  beforeAll(async () => {
    target = await cliDatabase();
  });
  afterAll(() => target.close());

  const TABLES: Table[] = [
    "tenant",
    "unit",
    "person",
    "membership",
    "credential",
    "auth_token",
    "mail_outbox",
    "audit_log",
  ];
  const snapshot = () =>
    target.withDb(async (db) =>
      Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await count(db, table)]))),
    );
  const tenantArgs = (slug: string, email = `ada@${slug}.se`) => [
    "create-tenant",
    "--name",
    "Storby kommun",
    "--slug",
    slug,
    "--admin-email",
    email,
    "--admin-name",
    "Ada Admin",
  ];

  it("creates the tenant, its root unit and administrator, and prints the invitation link for them alone", async () => {
    const result = await target.run([
      ...tenantArgs("storby", "Ada@Storby.se"),
      "--unit-name",
      "Storby kommunkoncern",
    ]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Storby kommun (storby) är skapad med rotenheten Storby kommunkoncern");
    const token = /\/konto\/([\w-]+)/.exec(result.out)?.[1] ?? "";
    expect(result.out).toContain(`Engångslänk för ada@storby.se`);
    expect(token).not.toBe("");

    await target.withDatabase(async (database) => {
      const { db } = database;
      const tenant = await orgStore.getTenantBySlug(db, "storby");
      expect(tenant?.name).toBe("Storby kommun");
      const units = await orgStore.listUnits(db, tenant?.id as string, { all: true });
      expect(units).toEqual([
        expect.objectContaining({
          name: "Storby kommunkoncern",
          parentId: null,
          kind: "custom",
          kindLabel: "kommun",
        }),
      ]);
      const [admin] = await orgStore.activePeopleByEmail(db, "ada@storby.se");
      expect(await orgStore.roleGrants(db, admin.id)).toEqual([
        expect.objectContaining({ unitId: units[0].id, role: "admin" }),
      ]);
      // Only the link's hash is stored, and the outbox keeps the mail without the link.
      const tokens = await queryRows<{ id: string }>(
        db,
        sql`select id from auth_token where person_id = ${admin.id}`,
      );
      expect(tokens).toEqual([{ id: hashToken(token) }]);
      const [mail] = await queryRows<{ body_text: string }>(
        db,
        sql`select body_text from mail_outbox where to_address = 'ada@storby.se'`,
      );
      expect(mail.body_text).toContain(LINK_HIDDEN);
      expect(mail.body_text).not.toContain(token);
      const [entry] = await queryRows<{ action: string; actor_name: string }>(
        db,
        sql`select action, actor_name from audit_log where tenant_id = ${tenant?.id as string}`,
      );
      expect(entry).toEqual({ action: "tenant.create", actor_name: "Driftansvarig (kommandoraden)" });

      // The administrator uses the link, chooses a password and signs in to the new tenant.
      const app = await buildApp({
        config: {
          ...loadConfig({ LOG_LEVEL: "silent" }),
          demo: false,
          sealKey: randomBytes(32).toString("base64"),
        },
        database,
      });
      try {
        const chosen = await app.inject({
          method: "POST",
          url: `/api/auth/tokens/${token}`,
          payload: { password: "storbys första lösenord" },
        });
        expect(chosen.statusCode).toBe(200);
        const login = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "ada@storby.se", password: "storbys första lösenord" },
        });
        expect(login.statusCode).toBe(200);
        expect(login.json()).toMatchObject({
          tenantName: "Storby kommun",
          roles: [{ unitId: units[0].id, role: "admin" }],
        });
      } finally {
        await app.close();
      }
    });
  });

  it("refuses a taken slug with exit code 1 and writes nothing", async () => {
    const before = await snapshot();
    const taken = await target.run(tenantArgs("storby", "ny@storby.se"));
    expect(taken.code).toBe(1);
    expect(taken.err).toContain("Det finns redan en organisation med kortnamnet storby");
    expect(taken.out).not.toContain("/konto/");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an invalid slug, a bad e-mail address or a missing option, naming it, and writes nothing", async () => {
    const before = await snapshot();
    const cases: [string[], string][] = [
      [tenantArgs("Storby2"), "--slug: Kortnamnet ska vara"],
      [tenantArgs("göteborg"), "--slug"],
      [tenantArgs("-storby"), "--slug"],
      [tenantArgs("x".repeat(64)), "--slug"],
      [tenantArgs("storby2", "ada"), "--admin-email: är ingen giltig e-postadress"],
      [tenantArgs("storby2", "ada@"), "--admin-email"],
      [tenantArgs("storby2").slice(0, -2), "--admin-name saknas"],
      [[...tenantArgs("storby2"), "--unit-name"], "--unit-name saknar värde"],
      [[...tenantArgs("storby2"), "--unit", "X"], "--unit"],
      [
        [
          "create-tenant",
          "--name",
          "x".repeat(201),
          "--slug",
          "storby2",
          "--admin-email",
          "a@b.se",
          "--admin-name",
          "A",
        ],
        "--name: är för långt",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await target.run(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.err, args.join(" ")).toContain(message);
      expect(result.err).not.toContain("    at ");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sends the link by mail when SMTP_URL is set, and says so when the mail server refuses it", async () => {
    const smtp = await startSmtpServer();
    try {
      const sent = await target.run(tenantArgs("posten"), { SMTP_URL: smtp.url });
      expect(sent.err).toBe("");
      expect(sent.code).toBe(0);
      expect(sent.out).toContain("Inbjudan är skickad med e-post till ada@posten.se");
      expect(sent.out).not.toContain("/konto/");
      expect(smtp.received).toHaveLength(1);
      expect(textOf(smtp.received[0])).toMatch(/\/konto\/[\w-]+/);

      smtp.state.refuse = true;
      const refused = await target.run(tenantArgs("nekad"), { SMTP_URL: smtp.url });
      expect(refused.code).toBe(0);
      expect(refused.err).toContain("Inbjudan kunde inte skickas");
      expect(refused.out).not.toContain("/konto/");
    } finally {
      await smtp.close();
    }
  });
});
