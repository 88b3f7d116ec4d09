import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNull,
  like,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { Actor, Role, RoleGrant } from "../core/access.ts";
import { type Db, queryRows } from "../core/db.ts";
import type { LiveSessionQuery, SessionRow } from "../core/sessions.ts";
import type { ActorKind, TrustRelationship, UnitKind } from "./model.ts";
import { rebasePath } from "./model.ts";
import { actor, actorRelation, membership, person, tenant, unit } from "./tables.ts";

export type UnitRow = typeof unit.$inferSelect;
export type PersonRow = typeof person.$inferSelect;
export type TenantRow = typeof tenant.$inferSelect;

/** Where a list may look: everything, or some subtrees (path prefixes) plus single units. */
export type UnitScope = { all: true } | { all: false; subtrees: string[]; units: string[] };

const likeEscape = (text: string) => text.replace(/[%_\\]/g, "\\$&");

function scopeCondition(
  scope: UnitScope,
  table: { path: AnyPgColumn; id: AnyPgColumn } = unit,
): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = scope.subtrees.map((prefix) => like(table.path, `${likeEscape(prefix)}%`));
  if (scope.units.length) parts.push(inArray(table.id, scope.units));
  return parts.length ? or(...parts) : sql`false`;
}

// ---- tenants

export async function getTenant(db: Db, id: string): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenant).where(eq(tenant.id, id));
  return row ?? null;
}

export async function getTenantBySlug(db: Db, slug: string): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenant).where(eq(tenant.slug, slug));
  return row ?? null;
}

export async function createTenant(db: Db, values: { slug: string; name: string }): Promise<TenantRow> {
  const [row] = await db.insert(tenant).values(values).returning();
  return row;
}

// ---- the actor of a request

/** A person with their current roles, or null when they are gone or deactivated (signing in). */
export async function actorOf(db: Db, who: { tenantId: string; personId: string }): Promise<Actor | null> {
  const [row] = await db
    .select()
    .from(person)
    .where(and(eq(person.id, who.personId), eq(person.tenantId, who.tenantId), eq(person.active, true)));
  if (!row) return null;
  return {
    personId: row.id,
    tenantId: row.tenantId,
    name: row.name,
    email: row.email,
    roles: await roleGrants(db, row.id),
  };
}

/**
 * A request's live session with its person and their current roles, in one statement (core/http.ts
 * runs this before every API route): null when the session is dead or unknown, or the person is
 * gone or deactivated. Roles are read as `roleGrants` reads them: running memberships in active units.
 */
export async function loadActor(
  db: Db,
  live: LiveSessionQuery,
): Promise<{ session: SessionRow; actor: Actor } | null> {
  const [row] = await queryRows<Record<string, unknown> & ActorColumns>(
    db,
    sql`with ${live.ctes}
      select ${live.columns}, p.name as person_name, p.email as person_email,
        coalesce((
          select json_agg(json_build_object('unitId', u.id, 'unitPath', u.path, 'role', m.role) order by u.path)
          from ${membership} m join ${unit} u on u.id = m.unit_id
          where m.person_id = p.id and m.ended_at is null and u.active
        ), '[]'::json) as person_roles
      from live_session
      join ${person} p on p.id = live_session.person_id and p.tenant_id = live_session.tenant_id and p.active`,
  );
  if (!row) return null;
  const session = live.read(row);
  return {
    session,
    actor: {
      personId: session.personId,
      tenantId: session.tenantId,
      name: row.person_name,
      email: row.person_email,
      roles: row.person_roles,
    },
  };
}

type ActorColumns = { person_name: string; person_email: string | null; person_roles: RoleGrant[] };

export async function roleGrants(db: Db, personId: string): Promise<(RoleGrant & { unitName: string })[]> {
  const rows = await db
    .select({ unitId: unit.id, unitPath: unit.path, unitName: unit.name, role: membership.role })
    .from(membership)
    .innerJoin(unit, eq(unit.id, membership.unitId))
    .where(and(eq(membership.personId, personId), isNull(membership.endedAt), eq(unit.active, true)))
    .orderBy(asc(unit.path));
  return rows;
}

// ---- units

/**
 * The ids of the units a scope covers, inactive ones included, and nothing else: what another
 * module needs to filter its own rows by unit (listUnits also counts every unit's people).
 */
export async function unitIdsWithin(db: Db, tenantId: string, scope: UnitScope): Promise<string[]> {
  const rows = await db
    .select({ id: unit.id })
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), scopeCondition(scope)));
  return rows.map((row) => row.id);
}

/** What a unit is, as the lists of units show it. */
const unitColumns = {
  id: unit.id,
  parentId: unit.parentId,
  name: unit.name,
  kind: unit.kind,
  kindLabel: unit.kindLabel,
  code: unit.code,
  active: unit.active,
  path: unit.path,
};

export async function listUnits(db: Db, tenantId: string, scope: UnitScope, q?: string) {
  const conditions = [eq(unit.tenantId, tenantId), scopeCondition(scope)];
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    conditions.push(or(ilike(unit.name, pattern), ilike(unit.code, pattern)));
  }
  const peopleCounts = db
    .select({ unitId: membership.unitId, n: count(sql`distinct ${membership.personId}`).as("n") })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.tenantId, tenantId), isNull(membership.endedAt), eq(person.active, true)))
    .groupBy(membership.unitId)
    .as("people_counts");
  return db
    .select({
      ...unitColumns,
      peopleCount: sql<number>`coalesce(${peopleCounts.n}, 0)`.mapWith(Number),
    })
    .from(unit)
    .leftJoin(peopleCounts, eq(peopleCounts.unitId, unit.id))
    .where(and(...conditions))
    .orderBy(asc(unit.path));
}

/**
 * Units as the tree shows them, a level at a time: each with its active people and the number of
 * sub-units the scope shows (so the tree knows what it can open without loading it). Both counts
 * are index lookups per shown unit (membership by unit, unit by parent), never a pass over the tenant.
 */
function unitNodes(db: Db, tenantId: string, scope: UnitScope) {
  const child = alias(unit, "child");
  const peopleCount = db
    .select({ n: sql`count(distinct ${membership.personId})` })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.unitId, unit.id), isNull(membership.endedAt), eq(person.active, true)));
  const childCount = db
    .select({ n: count() })
    .from(child)
    .where(and(eq(child.parentId, unit.id), eq(child.tenantId, tenantId), scopeCondition(scope, child)));
  return {
    select: db
      .select({
        ...unitColumns,
        peopleCount: sql<number>`(${peopleCount})`.mapWith(Number),
        childCount: sql<number>`(${childCount})`.mapWith(Number),
      })
      .from(unit),
    visible: and(eq(unit.tenantId, tenantId), scopeCondition(scope)),
  };
}

export type UnitNode = Awaited<ReturnType<typeof childNodes>>[number];

/** The sub-units of one unit that the scope shows, by name. */
export function childNodes(db: Db, tenantId: string, scope: UnitScope, parentId: string) {
  const nodes = unitNodes(db, tenantId, scope);
  return nodes.select
    .where(and(nodes.visible, eq(unit.parentId, parentId)))
    .orderBy(asc(unit.name), asc(unit.id));
}

/** The given units (the tops of what someone sees), or the tenant's top-level units when `ids` is "top". */
export function rootNodes(db: Db, tenantId: string, scope: UnitScope, ids: string[] | "top") {
  const nodes = unitNodes(db, tenantId, scope);
  const which = ids === "top" ? isNull(unit.parentId) : ids.length ? inArray(unit.id, ids) : sql`false`;
  return nodes.select.where(and(eq(unit.tenantId, tenantId), which)).orderBy(asc(unit.name), asc(unit.id));
}

/**
 * Units whose name or code contains `q`, within the scope (and under `under`, a path, when given),
 * best first: the code itself, then names that start with it, then shorter names. A tenant's units
 * are a few thousand rows found through the tenant's path index, so a scan of them stays in the
 * low milliseconds; people (tens of thousands) have their own index.
 */
export function searchNodes(
  db: Db,
  tenantId: string,
  scope: UnitScope,
  search: { q: string; under?: string; limit: number },
) {
  const nodes = unitNodes(db, tenantId, scope);
  const contains = `%${likeEscape(search.q)}%`;
  const starts = `${likeEscape(search.q)}%`;
  return nodes.select
    .where(
      and(
        nodes.visible,
        search.under ? like(unit.path, `${likeEscape(search.under)}%`) : undefined,
        or(ilike(unit.name, contains), ilike(unit.code, contains)),
      ),
    )
    .orderBy(
      sql`lower(${unit.code}) = lower(${search.q}) desc`,
      sql`${unit.name} ilike ${starts} desc`,
      sql`length(${unit.name})`,
      asc(unit.name),
      asc(unit.id),
    )
    .limit(search.limit);
}

/** Every active unit of the tenant, lean, for computations over the whole chain. */
export function chainUnits(db: Db, tenantId: string) {
  return db
    .select({ id: unit.id, path: unit.path, name: unit.name, code: unit.code })
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), eq(unit.active, true)));
}

/**
 * Active memberships of active people, counted per unit and role. Counting all active memberships
 * and taking away those of the few deactivated people is three times faster than joining every
 * membership to its person (measured at 60,000 people: about 30 ms against 90 ms on PostgreSQL).
 */
export async function memberCounts(db: Db, tenantId: string) {
  const active = and(eq(membership.tenantId, tenantId), isNull(membership.endedAt));
  const [all, inactive] = await Promise.all([
    db
      .select({ unitId: membership.unitId, role: membership.role, n: count() })
      .from(membership)
      .where(active)
      .groupBy(membership.unitId, membership.role),
    db
      .select({ unitId: membership.unitId, role: membership.role, n: count() })
      .from(person)
      .innerJoin(membership, eq(membership.personId, person.id))
      .where(and(eq(person.tenantId, tenantId), eq(person.active, false), active))
      .groupBy(membership.unitId, membership.role),
  ]);
  const gone = new Map(inactive.map((row) => [`${row.unitId}|${row.role}`, Number(row.n)]));
  return all
    .map((row) => ({ ...row, n: Number(row.n) - (gone.get(`${row.unitId}|${row.role}`) ?? 0) }))
    .filter((row) => row.n > 0);
}

export async function getUnit(db: Db, tenantId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db
    .select()
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), eq(unit.id, id)));
  return row ?? null;
}

export async function unitsByIds(db: Db, tenantId: string, ids: string[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), inArray(unit.id, ids)));
}

export async function childUnits(db: Db, tenantId: string, parentId: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), eq(unit.parentId, parentId)))
    .orderBy(asc(unit.name));
}

export async function unitCodeTaken(
  db: Db,
  tenantId: string,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: unit.id })
    .from(unit)
    .where(and(eq(unit.tenantId, tenantId), eq(unit.code, code)));
  return rows.some((row) => row.id !== exceptId);
}

type NewUnit = {
  id: string;
  tenantId: string;
  parentId: string | null;
  path: string;
  name: string;
  kind: UnitKind;
  kindLabel: string | null;
  code: string | null;
};

export async function insertUnit(db: Db, values: NewUnit): Promise<UnitRow> {
  const [row] = await db.insert(unit).values(values).returning();
  return row;
}

export async function updateUnit(
  db: Db,
  id: string,
  values: Partial<Pick<UnitRow, "name" | "kind" | "kindLabel" | "code" | "active">>,
): Promise<UnitRow> {
  const [row] = await db
    .update(unit)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(unit.id, id))
    .returning();
  return row;
}

/** Makes moves in one tenant's tree wait for each other until the caller's transaction ends. */
export async function lockUnitTree(db: Db, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`unit_tree:${tenantId}`}))`);
}

/** Moves a unit with its whole subtree: one UPDATE rewrites every path under the old prefix. */
export async function moveSubtree(db: Db, moved: UnitRow, newParentId: string | null, newPath: string) {
  const oldPrefix = moved.path;
  const subtree = await db
    .select({ id: unit.id, path: unit.path })
    .from(unit)
    .where(and(eq(unit.tenantId, moved.tenantId), like(unit.path, `${likeEscape(oldPrefix)}%`)));
  await db
    .update(unit)
    .set({
      path: sql`${newPath} || substr(${unit.path}, ${oldPrefix.length + 1})`,
      updatedAt: new Date(),
    })
    .where(and(eq(unit.tenantId, moved.tenantId), like(unit.path, `${likeEscape(oldPrefix)}%`)));
  await db.update(unit).set({ parentId: newParentId }).where(eq(unit.id, moved.id));
  return subtree.map((row) => ({ id: row.id, path: rebasePath(row.path, oldPrefix, newPath) }));
}

// ---- people

export type PeopleFilter = {
  q?: string;
  unitId?: string;
  role?: Role;
  includeInactive: boolean;
  limit: number;
  offset: number;
};

/**
 * People the scope lets the caller see: those with a membership (current or, for inactive people,
 * past) in a visible unit. Admins and analysts (scope all) also see people without any unit.
 */
export async function listPeople(db: Db, tenantId: string, scope: UnitScope, filter: PeopleFilter) {
  const conditions: (SQL | undefined)[] = [eq(person.tenantId, tenantId)];
  if (!filter.includeInactive) conditions.push(eq(person.active, true));
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    conditions.push(
      or(ilike(person.name, pattern), ilike(person.email, pattern), ilike(person.employeeNumber, pattern)),
    );
  }
  const memberFilter = and(
    eq(membership.personId, person.id),
    isNull(membership.endedAt),
    filter.unitId ? eq(membership.unitId, filter.unitId) : undefined,
    filter.role ? eq(membership.role, filter.role) : undefined,
  );
  const scoped = scopeCondition(scope);
  if (filter.unitId || filter.role || scoped) {
    const visibleMembership = db
      .select({ one: sql`1` })
      .from(membership)
      .innerJoin(unit, eq(unit.id, membership.unitId))
      .where(and(memberFilter, scoped));
    conditions.push(sql`exists (${visibleMembership})`);
  }
  const where = and(...conditions);
  // The count and the page go to the database side by side; the page carries each person's roles,
  // so a page is two statements at once, not three one after the other.
  const [[{ total }], items] = await Promise.all([
    db.select({ total: count() }).from(person).where(where),
    db
      .select({ ...getTableColumns(person), roles: currentRoles })
      .from(person)
      .where(where)
      .orderBy(asc(person.name), asc(person.id))
      .limit(filter.limit)
      .offset(filter.offset),
  ]);
  return { total, items };
}

/**
 * A person's running memberships with their units, as `membershipsOf` gives them, inside a query on
 * person. `"person"."id"` is written out: drizzle leaves a one-table query's columns unqualified, and
 * a bare "id" inside the subquery would be the membership's or the unit's.
 */
const currentRoles = sql<MembershipView[]>`coalesce((
  select json_agg(json_build_object(
    'membershipId', m.id, 'unitId', u.id, 'unitName', u.name, 'unitPath', u.path, 'role', m.role
  ) order by u.path)
  from ${membership} m join ${unit} u on u.id = m.unit_id
  where m.person_id = "person"."id" and m.ended_at is null
), '[]'::json)`;

export type MembershipView = {
  membershipId: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  role: Role;
};

/** Current memberships of the given people, grouped by person. */
export async function membershipsOf(db: Db, personIds: string[]): Promise<Map<string, MembershipView[]>> {
  const byPerson = new Map<string, MembershipView[]>();
  if (!personIds.length) return byPerson;
  const rows = await db
    .select({
      personId: membership.personId,
      membershipId: membership.id,
      unitId: unit.id,
      unitName: unit.name,
      unitPath: unit.path,
      role: membership.role,
    })
    .from(membership)
    .innerJoin(unit, eq(unit.id, membership.unitId))
    .where(and(inArray(membership.personId, personIds), isNull(membership.endedAt)))
    .orderBy(asc(unit.path));
  for (const { personId, ...view } of rows) {
    const list = byPerson.get(personId) ?? [];
    list.push(view);
    byPerson.set(personId, list);
  }
  return byPerson;
}

/** Units where the person ever had a membership, ended ones included — for seeing inactive people. */
export async function everUnitPaths(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .select({ path: unit.path })
    .from(membership)
    .innerJoin(unit, eq(unit.id, membership.unitId))
    .where(eq(membership.personId, personId));
  return rows.map((row) => row.path);
}

export async function getPerson(db: Db, tenantId: string, id: string): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.id, id)));
  return row ?? null;
}

/** Names of people by id, within one tenant. */
export async function peopleByIds(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: person.id, name: person.name })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), inArray(person.id, [...new Set(ids)])));
}

/** Active people with this email in any tenant; login resolves the tenant from the email. */
export async function activePeopleByEmail(db: Db, email: string): Promise<PersonRow[]> {
  return db
    .select()
    .from(person)
    .where(and(eq(person.email, email), eq(person.active, true)));
}

export async function findPersonBy(
  db: Db,
  tenantId: string,
  key: { email: string } | { employeeNumber: string },
): Promise<PersonRow | null> {
  const match = "email" in key ? eq(person.email, key.email) : eq(person.employeeNumber, key.employeeNumber);
  const [row] = await db
    .select()
    .from(person)
    .where(and(eq(person.tenantId, tenantId), match));
  return row ?? null;
}

export async function personConflicts(
  db: Db,
  tenantId: string,
  values: { email?: string | null; employeeNumber?: string | null },
  exceptId?: string,
): Promise<{ email: boolean; employeeNumber: boolean }> {
  const checks: SQL[] = [];
  if (values.email) checks.push(eq(person.email, values.email));
  if (values.employeeNumber) checks.push(eq(person.employeeNumber, values.employeeNumber));
  if (!checks.length) return { email: false, employeeNumber: false };
  const rows = await db
    .select({ id: person.id, email: person.email, employeeNumber: person.employeeNumber })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), or(...checks)));
  const others = rows.filter((row) => row.id !== exceptId);
  return {
    email: Boolean(values.email) && others.some((row) => row.email === values.email),
    employeeNumber:
      Boolean(values.employeeNumber) && others.some((row) => row.employeeNumber === values.employeeNumber),
  };
}

export async function insertPerson(
  db: Db,
  values: { tenantId: string; name: string; email: string | null; employeeNumber: string | null },
): Promise<PersonRow> {
  const [row] = await db.insert(person).values(values).returning();
  return row;
}

export async function updatePerson(
  db: Db,
  id: string,
  values: Partial<Pick<PersonRow, "name" | "email" | "employeeNumber" | "active" | "deactivatedAt">>,
): Promise<PersonRow> {
  const [row] = await db
    .update(person)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(person.id, id))
    .returning();
  return row;
}

// ---- memberships

export async function activeMembership(db: Db, personId: string, unitId: string, role: Role) {
  const [row] = await db
    .select()
    .from(membership)
    .where(
      and(
        eq(membership.personId, personId),
        eq(membership.unitId, unitId),
        eq(membership.role, role),
        isNull(membership.endedAt),
      ),
    );
  return row ?? null;
}

export async function insertMembership(
  db: Db,
  values: { tenantId: string; personId: string; unitId: string; role: Role },
) {
  const [row] = await db.insert(membership).values(values).returning();
  return row;
}

export async function getMembership(db: Db, personId: string, membershipId: string) {
  const [row] = await db
    .select()
    .from(membership)
    .where(and(eq(membership.id, membershipId), eq(membership.personId, personId)));
  return row ?? null;
}

/** Active people holding a role in any of the given units (e.g. a unit and the units above it), or anywhere in the tenant. */
export async function roleHolders(db: Db, tenantId: string, role: Role, unitIds: string[] | "anywhere") {
  const conditions = [
    eq(membership.tenantId, tenantId),
    eq(membership.role, role),
    isNull(membership.endedAt),
    eq(person.active, true),
  ];
  if (unitIds !== "anywhere") {
    if (!unitIds.length) return [];
    conditions.push(inArray(membership.unitId, unitIds));
  }
  return db
    .selectDistinct({ id: person.id, name: person.name, email: person.email })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(...conditions));
}

/** Active memberships of active people in a subtree, with each unit's path (one scan on the path index). */
export function membershipsUnder(db: Db, tenantId: string, path: string) {
  return db
    .select({
      personId: membership.personId,
      email: person.email,
      name: person.name,
      unitId: unit.id,
      unitPath: unit.path,
      role: membership.role,
    })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .innerJoin(unit, eq(unit.id, membership.unitId))
    .where(
      and(
        eq(membership.tenantId, tenantId),
        isNull(membership.endedAt),
        eq(person.active, true),
        eq(unit.active, true),
        like(unit.path, `${likeEscape(path)}%`),
      ),
    );
}

/** Names and e-mail addresses of active people, for mailing many at once. */
export async function peopleWithEmail(db: Db, tenantId: string, ids: string[]) {
  const found: { id: string; name: string; email: string }[] = [];
  for (let at = 0; at < ids.length; at += 5000) {
    const rows = await db
      .select({ id: person.id, name: person.name, email: person.email })
      .from(person)
      .where(
        and(
          eq(person.tenantId, tenantId),
          eq(person.active, true),
          inArray(person.id, ids.slice(at, at + 5000)),
        ),
      );
    for (const row of rows) if (row.email) found.push({ ...row, email: row.email });
  }
  return found;
}

/** Ends a membership that is still running; the row stays as history. False when it had ended already. */
export async function endMembership(db: Db, membershipId: string): Promise<boolean> {
  const rows = await db
    .update(membership)
    .set({ endedAt: new Date() })
    .where(and(eq(membership.id, membershipId), isNull(membership.endedAt)))
    .returning({ id: membership.id });
  return rows.length > 0;
}

export async function unitMembers(db: Db, unitId: string) {
  return db
    .select({
      id: person.id,
      name: person.name,
      email: person.email,
      role: membership.role,
      membershipId: membership.id,
    })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.unitId, unitId), isNull(membership.endedAt), eq(person.active, true)))
    .orderBy(asc(membership.role), asc(person.name));
}

// ---- external actors

export type ActorRow = typeof actor.$inferSelect;

export async function listActors(db: Db, tenantId: string) {
  const actors = await db.select().from(actor).where(eq(actor.tenantId, tenantId)).orderBy(asc(actor.name));
  const relations = await db
    .select({
      id: actorRelation.id,
      actorId: actorRelation.actorId,
      unitId: unit.id,
      unitName: unit.name,
      unitPath: unit.path,
      relationship: actorRelation.relationship,
      note: actorRelation.note,
    })
    .from(actorRelation)
    .innerJoin(unit, eq(unit.id, actorRelation.unitId))
    .where(eq(actorRelation.tenantId, tenantId))
    .orderBy(asc(unit.name));
  return actors.map((row) => ({
    ...row,
    relations: relations.filter((relation) => relation.actorId === row.id),
  }));
}

export async function getActor(db: Db, tenantId: string, id: string): Promise<ActorRow | null> {
  const [row] = await db
    .select()
    .from(actor)
    .where(and(eq(actor.tenantId, tenantId), eq(actor.id, id)));
  return row ?? null;
}

export async function insertActor(
  db: Db,
  values: { tenantId: string; name: string; kind: ActorKind; description: string | null },
): Promise<ActorRow> {
  const [row] = await db.insert(actor).values(values).returning();
  return row;
}

export async function updateActor(
  db: Db,
  id: string,
  values: Partial<Pick<ActorRow, "name" | "kind" | "description">>,
) {
  const [row] = await db.update(actor).set(values).where(eq(actor.id, id)).returning();
  return row;
}

export async function relationExists(
  db: Db,
  actorId: string,
  unitId: string,
  relationship: TrustRelationship,
) {
  const [row] = await db
    .select({ id: actorRelation.id })
    .from(actorRelation)
    .where(
      and(
        eq(actorRelation.actorId, actorId),
        eq(actorRelation.unitId, unitId),
        eq(actorRelation.relationship, relationship),
      ),
    );
  return Boolean(row);
}

export async function insertRelation(
  db: Db,
  values: {
    tenantId: string;
    actorId: string;
    unitId: string;
    relationship: TrustRelationship;
    note: string | null;
  },
) {
  const [row] = await db.insert(actorRelation).values(values).returning();
  return row;
}

export async function deleteRelation(db: Db, actorId: string, relationId: string): Promise<boolean> {
  const rows = await db
    .delete(actorRelation)
    .where(and(eq(actorRelation.id, relationId), eq(actorRelation.actorId, actorId)))
    .returning({ id: actorRelation.id });
  return rows.length > 0;
}

export async function unitActors(db: Db, unitId: string) {
  return db
    .select({
      relationId: actorRelation.id,
      actorId: actor.id,
      name: actor.name,
      kind: actor.kind,
      relationship: actorRelation.relationship,
      note: actorRelation.note,
    })
    .from(actorRelation)
    .innerJoin(actor, eq(actor.id, actorRelation.actorId))
    .where(eq(actorRelation.unitId, unitId))
    .orderBy(asc(actor.name));
}

/**
 * Merges `patch` into one module's slice of the tenant's settings (`path` names the slice, e.g.
 * ["inventory"] or ["inventory", "hourlyCost"]) in a single UPDATE: the merge is evaluated on the
 * row as it is when the update gets its lock, so two modules — or two people — changing different
 * keys at the same time both keep their change. Missing parents of the path are created.
 */
export async function mergeTenantSettings(
  db: Db,
  id: string,
  path: readonly string[],
  patch: Record<string, unknown>,
): Promise<void> {
  let merged = sql`${tenant.settings}`;
  for (let depth = 1; depth <= path.length; depth++) {
    const prefix = `{${path
      .slice(0, depth)
      .map((key) => `"${key.replace(/["\\]/g, "")}"`)
      .join(",")}}`;
    const value =
      depth === path.length
        ? sql`coalesce(${tenant.settings} #> ${prefix}::text[], '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb`
        : sql`coalesce(${tenant.settings} #> ${prefix}::text[], '{}'::jsonb)`;
    merged = sql`jsonb_set(${merged}, ${prefix}::text[], ${value}, true)`;
  }
  await db.update(tenant).set({ settings: merged }).where(eq(tenant.id, id));
}

export function listTenants(db: Db): Promise<TenantRow[]> {
  return db.select().from(tenant).orderBy(asc(tenant.slug));
}
