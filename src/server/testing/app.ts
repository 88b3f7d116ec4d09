import { randomBytes, randomUUID } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.ts";
import type { Role } from "../core/access.ts";
import { type Config, loadConfig } from "../core/config.ts";
import type { Database, Db } from "../core/db.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../core/http.ts";
import { createSession } from "../core/sessions.ts";
import type { UnitKind } from "../org/model.ts";
import { pathFor } from "../org/model.ts";
import * as orgStore from "../org/store.ts";
import { createTestDatabase } from "./db.ts";

export type TestApp = {
  app: FastifyInstance;
  /** On PostgreSQL, `adminUrl` reaches the same database as the server's superuser. */
  database: Database & { url?: string; adminUrl?: string };
  db: Db;
  close(): Promise<void>;
};

/** The whole application over a fresh test database, with e-mail kept in the outbox. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    demo: false,
    // Tests never write a key file into the working tree.
    sealKey: randomBytes(32).toString("base64"),
    ...overrides,
  };
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type TestPerson = { id: string; tenantId: string; name: string; email: string };

export async function addUnit(
  db: Db,
  tenantId: string,
  parent: { id: string; path: string } | null,
  name: string,
  kind: UnitKind = "enhet",
  code: string | null = null,
) {
  const id = randomUUID();
  return orgStore.insertUnit(db, {
    id,
    tenantId,
    parentId: parent?.id ?? null,
    path: pathFor(parent?.path ?? null, id),
    name,
    kind,
    kindLabel: null,
    code,
  });
}

export async function addPerson(
  db: Db,
  tenantId: string,
  name: string,
  roles: [string, Role][] = [],
): Promise<TestPerson> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${randomUUID().slice(0, 6)}@test.se`;
  const row = await orgStore.insertPerson(db, { tenantId, name, email, employeeNumber: null });
  for (const [unitId, role] of roles)
    await orgStore.insertMembership(db, { tenantId, personId: row.id, unitId, role });
  return { id: row.id, tenantId, name, email };
}

/**
 * A small governance chain used across tests:
 * board → administration → area → school (→ team), plus a sibling school, and one person per role.
 */
export async function createOrgFixture(db: Db, slug = `t-${randomUUID().slice(0, 8)}`) {
  const tenant = await orgStore.createTenant(db, { slug, name: `Testkommun ${slug}` });
  const board = await addUnit(db, tenant.id, null, "Barn- och utbildningsnämnden", "namnd", `${slug}-N`);
  const administration = await addUnit(
    db,
    tenant.id,
    board,
    "Utbildningsförvaltningen",
    "forvaltning",
    `${slug}-F`,
  );
  const area = await addUnit(db, tenant.id, administration, "Grundskola", "verksamhetsomrade", `${slug}-V`);
  const school = await addUnit(db, tenant.id, area, "Ekbackens skola", "enhet", `${slug}-E1`);
  const team = await addUnit(db, tenant.id, school, "Arbetslag 4–6", "arbetslag", `${slug}-A1`);
  const otherSchool = await addUnit(db, tenant.id, area, "Björkdalens skola", "enhet", `${slug}-E2`);
  const people = {
    admin: await addPerson(db, tenant.id, "Anna Admin", [[board.id, "admin"]]),
    manager: await addPerson(db, tenant.id, "Maria Chef", [[school.id, "manager"]]),
    employee: await addPerson(db, tenant.id, "Erik Medarbetare", [[school.id, "employee"]]),
    otherEmployee: await addPerson(db, tenant.id, "Olle Annan", [[otherSchool.id, "employee"]]),
    director: await addPerson(db, tenant.id, "Dora Direktör", [[administration.id, "director"]]),
    politician: await addPerson(db, tenant.id, "Per Politiker", [[board.id, "politician"]]),
    analyst: await addPerson(db, tenant.id, "Ada Analytiker", [[administration.id, "analyst"]]),
  };
  return { tenant, units: { board, administration, area, school, team, otherSchool }, people };
}

/** A signed-in client: every request carries the session cookie and, for mutations, the CSRF token. */
export async function clientFor(app: FastifyInstance, who: { id: string; tenantId: string }) {
  const { token, csrfToken } = await createSession(
    app.db,
    { tenantId: who.tenantId, personId: who.id },
    {
      idleMinutes: 60,
      absoluteHours: 12,
    },
  );
  const request = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({
      ...options,
      cookies: { [SESSION_COOKIE]: token, ...(options.cookies ?? {}) },
      headers: { [CSRF_HEADER]: csrfToken, ...(options.headers ?? {}) },
    });
  return {
    token,
    csrfToken,
    request,
    get: (url: string) => request({ method: "GET", url }),
    post: (url: string, payload?: unknown) =>
      request({ method: "POST", url, payload: payload as InjectOptions["payload"] }),
    patch: (url: string, payload?: unknown) =>
      request({ method: "PATCH", url, payload: payload as InjectOptions["payload"] }),
    put: (url: string, payload?: unknown) =>
      request({ method: "PUT", url, payload: payload as InjectOptions["payload"] }),
    delete: (url: string) => request({ method: "DELETE", url }),
  };
}
