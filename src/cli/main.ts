// `npm run tillit -- <command>`: the operator's tools, on the same configuration as the server.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ZodError } from "zod";
import { passwordProblems } from "../server/account/model.ts";
import { setPassword } from "../server/account/service.ts";
import { getCredential } from "../server/account/store.ts";
import { loadConfig } from "../server/core/config.ts";
import { connectDatabase, DataDirLockedError, type Db } from "../server/core/db.ts";
import { AppError, type Text } from "../server/core/errors.ts";
import { createMailer, linkMailsSettled, type Mailer } from "../server/core/mail.ts";
import { seedDemo } from "../server/demo/seed.ts";
import { generateOrg } from "../server/demo/synthetic.ts";
import { newTenantBody } from "../server/operator/schemas.ts";
import * as operator from "../server/operator/service.ts";
import { applyImport, ImportInvalid, prepareImport, summarise } from "../server/org/import-service.ts";
import { normaliseEmail, parseRole } from "../server/org/model.ts";
import * as orgStore from "../server/org/store.ts";

export type Io = { out: (line: string) => void; err: (line: string) => void; env: NodeJS.ProcessEnv };

/** A mistake in how the command was called: printed as it is, exit code 1. */
class UsageError extends Error {}

const HELP = `Tillit – kommandon (commands)

  migrate                         Kör databasmigreringar (apply database migrations)
  demo                            Skapa demoorganisationen Exempelkommun (seed the demo organisation)
  import-org <fil> [<fil>]        Importera enheter och/eller personer från CSV (import units and/or people)
      [--tenant slug] [--full]
  create-user --email E --name N --unit KOD --role ROLL [--password P] [--tenant slug]
                                  Skapa en användare eller ge en roll (create a user or add a role)
  create-tenant --name N --slug S --admin-email E --admin-name A [--unit-name U]
                                  Skapa en organisation med rotenhet och första administratör, som
                                  får en engångslänk (create a tenant, its root unit and first admin)
  generate --employees N --units M --seed S [--out KATALOG]
                                  Skriv en syntetisk organisation som CSV (write a synthetic organisation)
  help                            Visa denna hjälp (show this help)

Databasen väljs som för servern: DATABASE_URL, annars DATA_DIR (default ./data).`;

type Parsed = { positional: string[]; options: Record<string, string | true> };

/** Options that never take a value, so `--full units.csv` leaves the file name alone. */
const FLAGS = new Set(["full"]);

/** `--name value`, `--name=value` and bare flags; everything else is positional. */
export function parseArgs(args: string[]): Parsed {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--") || arg === "--") {
      if (arg !== "--") positional.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    if (equals > 0) options[arg.slice(2, equals)] = arg.slice(equals + 1);
    else if (!FLAGS.has(arg.slice(2)) && i + 1 < args.length && !args[i + 1].startsWith("--"))
      options[arg.slice(2)] = args[++i];
    else options[arg.slice(2)] = true;
  }
  return { positional, options };
}

/** The options each command understands; a misspelt one is an error rather than silently ignored. */
const KNOWN_OPTIONS: Record<string, string[]> = {
  help: [],
  migrate: [],
  demo: [],
  generate: ["employees", "units", "seed", "out"],
  "import-org": ["tenant", "full"],
  "create-user": ["email", "name", "unit", "role", "password", "tenant"],
  "create-tenant": ["name", "slug", "admin-email", "admin-name", "unit-name"],
};

function checkOptions(command: string, parsed: Parsed) {
  const known = KNOWN_OPTIONS[command] ?? [];
  for (const [name, value] of Object.entries(parsed.options)) {
    if (!known.includes(name))
      throw new UsageError(`Okänd flagga för ${command} (unknown option): --${name}`);
    if (FLAGS.has(name) && value !== true)
      throw new UsageError(`--${name} tar inget värde (takes no value).`);
  }
  if (command !== "import-org" && parsed.positional.length)
    throw new UsageError(`Oväntat argument (unexpected argument): ${parsed.positional[0]}`);
}

function optional(options: Parsed["options"], name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim())
    throw new UsageError(`--${name} saknar värde (missing value for --${name}).`);
  return value.trim();
}

function required(options: Parsed["options"], name: string): string {
  const value = options[name];
  if (typeof value !== "string" || !value.trim())
    throw new UsageError(`--${name} saknas (missing --${name}).`);
  return value.trim();
}

function integer(options: Parsed["options"], name: string, min: number, max: number): number {
  const text = required(options, name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${name} ska vara ett heltal ${min}–${max} (must be an integer ${min}–${max}): ${text}`,
    );
  }
  return value;
}

async function withDatabase<T>(io: Io, work: (db: Db) => Promise<T>): Promise<T> {
  const database = await connectDatabase(loadConfig(io.env));
  try {
    await database.migrate();
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function tenantFor(db: Db, slug: string | true | undefined) {
  if (typeof slug === "string") {
    const tenant = await orgStore.getTenantBySlug(db, slug);
    if (!tenant) throw new UsageError(`Organisationen ${slug} finns inte (no such tenant).`);
    return tenant;
  }
  const tenants = await orgStore.listTenants(db);
  if (tenants.length === 1) return tenants[0];
  throw new UsageError(
    tenants.length
      ? `Ange --tenant, en av (choose one): ${tenants.map((t) => t.slug).join(", ")}`
      : "Det finns ingen organisation ännu (no tenant yet): kör demo eller skapa en.",
  );
}

/** create-tenant's options, checked by the operator route's own schema; a refusal names the option. */
function newTenantInput(options: Parsed["options"]) {
  const flags = {
    name: "name",
    slug: "slug",
    adminEmail: "admin-email",
    adminName: "admin-name",
    unitName: "unit-name",
  };
  const parsed = newTenantBody.safeParse({
    name: required(options, "name"),
    slug: required(options, "slug"),
    adminEmail: required(options, "admin-email"),
    adminName: required(options, "admin-name"),
    unitName: optional(options, "unit-name"),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = flags[issue.path[0] as keyof typeof flags] ?? String(issue.path[0]);
  const text = (issue as { params?: { text?: Text } }).params?.text;
  const why: Text =
    text ??
    (flag === "admin-email"
      ? { sv: "är ingen giltig e-postadress", en: "is not a valid e-mail address" }
      : issue.code === "too_big"
        ? { sv: "är för långt", en: "is too long" }
        : { sv: "har ett ogiltigt värde", en: "has an invalid value" });
  throw new UsageError(`--${flag}: ${why.sv} (${why.en})`);
}

const commands: Record<string, (parsed: Parsed, io: Io) => Promise<void>> = {
  async help(_, io) {
    io.out(HELP);
  },

  async migrate(_, io) {
    await withDatabase(io, async () => io.out("Databasen är migrerad (migrations applied)."));
  },

  async demo(_, io) {
    await withDatabase(io, async (db) => {
      const { created } = await seedDemo(db, { log: io.out });
      io.out(
        created
          ? "Exempelkommun är skapad (demo seeded). Lösenord: tillit-demo"
          : "Exempelkommun finns redan (already there).",
      );
    });
  },

  async generate({ options }, io) {
    const employees = integer(options, "employees", 1, 500_000);
    const units = integer(options, "units", 1, 50_000);
    const seed = integer(options, "seed", 0, 2 ** 31 - 1);
    const out = path.resolve(optional(options, "out") ?? "generated");
    const files = generateOrg({ employees, units, seed });
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "units.csv"), files.unitsCsv);
    fs.writeFileSync(path.join(out, "people.csv"), files.peopleCsv);
    const lines = files.peopleCsv.split("\n").length - 2;
    io.out(`${units} enheter (units) → ${path.join(out, "units.csv")}`);
    io.out(`${employees} personer, ${lines} rader (people, lines) → ${path.join(out, "people.csv")}`);
  },

  async "import-org"({ positional, options }, io) {
    if (!positional.length || positional.length > 2)
      throw new UsageError("Ange en eller två CSV-filer (give one or two CSV files).");
    const files: { unitsCsv?: string; peopleCsv?: string } = {};
    for (const file of positional) {
      if (!fs.existsSync(file)) throw new UsageError(`Filen finns inte (no such file): ${file}`);
      const text = fs.readFileSync(file, "utf8");
      const header = text.slice(0, text.indexOf("\n")).toLowerCase();
      if (/employee_number|anställningsnummer|anstallningsnummer/.test(header)) files.peopleCsv = text;
      else if (/parent_code|överordnad_kod|overordnad_kod/.test(header)) files.unitsCsv = text;
      else throw new UsageError(`Känner inte igen rubrikraden i ${file} (unknown header).`);
    }
    await withDatabase(io, async (db) => {
      const tenant = await tenantFor(db, optional(options, "tenant"));
      io.out(
        `Importerar till (importing into) ${tenant.name}${options.full ? ", fullständig import (full import)" : ""}`,
      );
      const { id, preview } = await prepareImport(db, {
        tenantId: tenant.id,
        createdBy: null,
        fullImport: options.full === true,
        ...files,
      });
      io.out(
        `Enheter: ${preview.units.new} nya, ${preview.units.changed} ändrade, ${preview.units.unchanged} oförändrade, ${preview.units.deactivated} inaktiveras`,
      );
      io.out(
        `Personer: ${preview.people.new} nya, ${preview.people.changed} ändrade, ${preview.people.unchanged} oförändrade, ${preview.people.deactivated} inaktiveras`,
      );
      const started = Date.now();
      // One line per tenth of the work and per step, however many batches the import writes.
      let shown = { label: "", tenth: -1 };
      const result = await applyImport(db, id, (done, total, label) => {
        const tenth = Math.floor((done / Math.max(total, 1)) * 10);
        if (label === "checking" || (label === shown.label && tenth === shown.tenth)) return;
        shown = { label, tenth };
        io.out(`  ${label}: ${done}/${total} (${Math.round((done / Math.max(total, 1)) * 100)} %)`);
      });
      io.out(summarise(result).sv);
      io.out(`Klart på ${((Date.now() - started) / 1000).toFixed(1)} s (done).`);
    });
  },

  async "create-tenant"({ options }, io) {
    const input = newTenantInput(options);
    const config = loadConfig(io.env);
    const mail = { failure: null as string | null };
    const smtp = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    const mailer: Mailer = {
      mode: smtp.mode,
      send: (message) =>
        smtp.send(message).catch((error: unknown) => {
          mail.failure = error instanceof Error ? error.message : String(error);
          throw error;
        }),
    };
    // Without SMTP the link is "logged": here that is the operator's own console, and nowhere else.
    const links: string[] = [];
    const log = {
      info(entry: object) {
        const { mailTo, link } = entry as { mailTo?: string; link?: string };
        if (link) links.push(`Engångslänk för ${mailTo} (one-time invitation link, for them alone): ${link}`);
      },
      error: (_entry: object, message?: string) => io.err(message ?? "error"),
    };
    await withDatabase(io, async (db) => {
      const created = await operator.createTenant({ db, config, mailer, log }, { via: "cli" }, input);
      await linkMailsSettled();
      io.out(
        `Organisationen ${created.tenant.name} (${created.tenant.slug}) är skapad med rotenheten ${created.rootUnit.name}; ${created.admin.name} <${created.admin.email}> är administratör (tenant created).`,
      );
      if (created.invitation === "mail" && mail.failure)
        io.err(
          `Inbjudan kunde inte skickas (the invitation could not be sent): ${mail.failure}. Administratören kan be om en ny länk med "Glömt lösenord" på inloggningssidan.`,
        );
      else if (created.invitation === "mail")
        io.out(`Inbjudan är skickad med e-post till ${created.admin.email} (invitation e-mailed).`);
      for (const line of links) io.out(line);
      if (created.invitation === "log" && !io.env.PUBLIC_URL)
        io.out(`PUBLIC_URL är inte satt: länken pekar på ${config.publicUrl} (PUBLIC_URL is not set).`);
    });
  },

  async "create-user"({ options }, io) {
    const email = normaliseEmail(required(options, "email"));
    const name = required(options, "name");
    const role = parseRole(required(options, "role"));
    if (!role) throw new UsageError(`Okänd roll (unknown role): ${options.role}`);
    const unitKey = required(options, "unit");
    const given = options.password === undefined ? null : required(options, "password");
    // 12 random bytes are 16 base64url characters.
    const password = given ?? randomBytes(12).toString("base64url");
    const problems = passwordProblems(password, { email });
    if (problems.length) throw new UsageError(`${problems[0].sv} (${problems[0].en})`);
    await withDatabase(io, async (db) => {
      const tenant = await tenantFor(db, optional(options, "tenant"));
      const unit = (await orgStore.listUnits(db, tenant.id, { all: true })).find(
        (u) => u.code === unitKey || u.id === unitKey,
      );
      if (!unit) throw new UsageError(`Enheten finns inte (no such unit): ${unitKey}`);
      const existing = await orgStore.findPersonBy(db, tenant.id, { email });
      if (existing && !existing.active)
        throw new UsageError(`Personen är inaktiverad (the person is deactivated): ${email}`);
      // Adding a role to someone who can already log in leaves their password alone unless one is given.
      const keepPassword = !given && existing !== null && (await getCredential(db, existing.id)) !== null;
      const person = await db.transaction(async (tx) => {
        const person =
          existing ??
          (await orgStore.insertPerson(tx, { tenantId: tenant.id, name, email, employeeNumber: null }));
        if (existing) io.out(`Personen finns redan (person exists): ${existing.name}`);
        if (await orgStore.activeMembership(tx, person.id, unit.id, role)) {
          io.out("Rollen finns redan (role already held).");
        } else {
          await orgStore.insertMembership(tx, {
            tenantId: tenant.id,
            personId: person.id,
            unitId: unit.id,
            role,
          });
        }
        if (!keepPassword) await setPassword(tx, { tenantId: tenant.id, personId: person.id }, password);
        return person;
      });
      io.out(`${person.name} <${email}> är ${required(options, "role")} i ${unit.name} (${role}).`);
      if (keepPassword) io.out("Lösenordet är oförändrat (password unchanged).");
      else if (!given) io.out(`Lösenord (password): ${password}`);
    });
  },
};

/** Runs one command and returns the exit code; messages go to `io`, never a stack trace. */
export async function runCli(
  args: string[],
  io: Io = { out: console.log, err: console.error, env: process.env },
): Promise<number> {
  const parsed = parseArgs(args);
  const name = parsed.positional.shift() ?? "help";
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`Okänt kommando (unknown command): ${name}\n\n${HELP}`);
    return 1;
  }
  try {
    checkOptions(name, parsed);
    await command(parsed, io);
    return 0;
  } catch (error) {
    if (error instanceof ImportInvalid) {
      io.err(`${error.text.sv} (${error.text.en})`);
      const { errors, total } = error.failure;
      for (const line of errors) io.err(`${line.file} rad ${line.line}: ${line.message.sv}`);
      if (total > errors.length)
        io.err(`… och ${total - errors.length} fel till (and ${total - errors.length} more errors).`);
    } else if (error instanceof ZodError) {
      const issues = error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      io.err(`Ogiltig konfiguration (invalid configuration): ${issues.join("; ")}`);
    } else if (error instanceof DataDirLockedError) {
      io.err(`Datakatalogen används av en annan process (data directory in use). ${error.message}`);
    } else if (error instanceof UsageError || error instanceof AppError) {
      io.err(error instanceof AppError ? `${error.text.sv} (${error.text.en})` : error.message);
    } else {
      io.err(`Fel (error): ${error instanceof Error ? error.message : String(error)}`);
    }
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
