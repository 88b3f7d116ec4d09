// People and their roles: list, show, add, change, deactivate, give and end roles. The account
// module builds on `createPerson` to add a password or an invitation in the same step.
import type { z } from "zod";
import { type Actor, authorize } from "../core/access.ts";
import { auditedTransaction } from "../core/audit.ts";
import type { Db } from "../core/db.ts";
import { notFound, type Text } from "../core/errors.ts";
import { destroySessionsOf } from "../core/sessions.ts";
import { enforce } from "../core/verdict.ts";
import {
  deactivationStamp,
  deactivationVerdict,
  newRoleVerdict,
  personChange,
  personChangeSummary,
  personUniqueVerdict,
  ROLE_NAMES,
} from "./model.ts";
import * as policy from "./policy.ts";
import type { newPerson, newRole, peopleQuery, personPatch } from "./schemas.ts";
import * as store from "./store.ts";
import { visibleUnit } from "./unit-service.ts";
import { type PersonDetail, personDetailOf, personViewOf } from "./views.ts";

const personNotFound: Text = { sv: "Personen finns inte.", en: "The person does not exist." };
const roleNotFound: Text = { sv: "Rollen finns inte.", en: "The role does not exist." };

/** A person the actor may see, or 404 — the same answer whether they are hidden or missing. */
async function visiblePerson(db: Db, actor: Actor, personId: string): Promise<store.PersonRow> {
  const person = await store.getPerson(db, actor.tenantId, personId);
  if (!person) throw notFound(personNotFound);
  authorize(policy.viewPerson(actor, person, await store.everUnitPaths(db, person.id)), personNotFound);
  return person;
}

/** A person the actor may see and manage: 404 when hidden or missing, then 403 for one who may not manage. */
async function managedPerson(db: Db, actor: Actor, personId: string): Promise<store.PersonRow> {
  const person = await visiblePerson(db, actor, personId);
  authorize(policy.manageOrg(actor));
  return person;
}

/** Whether a change touches what a reset link or single sign-on finds the person by. */
const changesSignIn = (person: store.PersonRow, input: PersonChanges) =>
  (input.email !== undefined && input.email !== person.email) ||
  (input.employeeNumber !== undefined && input.employeeNumber !== person.employeeNumber);

async function rolesOf(db: Db, person: store.PersonRow) {
  return { id: person.id, roles: await store.roleGrants(db, person.id) };
}

async function describePerson(db: Db, actor: Actor, person: store.PersonRow): Promise<PersonDetail> {
  const roles = (await store.membershipsOf(db, [person.id])).get(person.id) ?? [];
  return personDetailOf(person, roles, policy.manageOrg(actor).allowed);
}

async function checkUnique(
  db: Db,
  actor: Actor,
  values: { email?: string | null; employeeNumber?: string | null },
  exceptId?: string,
) {
  enforce(personUniqueVerdict(await store.personConflicts(db, actor.tenantId, values, exceptId)));
}

type PeopleQuery = z.infer<typeof peopleQuery>;

/** The people in the units the actor's roles open, a page at a time. */
export async function listPeople(db: Db, actor: Actor, query: PeopleQuery) {
  const { includeInactive, ...filter } = query;
  if (filter.unitId) await visibleUnit(db, actor, filter.unitId);
  const result = await store.listPeople(db, actor.tenantId, policy.unitScope(actor), {
    ...filter,
    q: filter.q || undefined,
    includeInactive: includeInactive === "true",
  });
  return { total: result.total, items: result.items.map(personViewOf) };
}

export async function personDetail(db: Db, actor: Actor, personId: string): Promise<PersonDetail> {
  return describePerson(db, actor, await visiblePerson(db, actor, personId));
}

export type NewPersonInput = z.infer<typeof newPerson>;
export type CreatePersonOptions = {
  /** More work on the new person inside the same transaction: the account module sets a password here. */
  alsoInTransaction?: (tx: Db, person: store.PersonRow) => Promise<void>;
};

/** An administrator adds a person with a first role in a unit they see. */
export async function createPerson(
  db: Db,
  actor: Actor,
  input: NewPersonInput,
  options: CreatePersonOptions = {},
): Promise<PersonDetail> {
  authorize(policy.manageOrg(actor));
  const unit = await visibleUnit(db, actor, input.unitId);
  const employeeNumber = input.employeeNumber ?? null;
  await checkUnique(db, actor, { email: input.email, employeeNumber });
  const role = ROLE_NAMES[input.role];
  const created = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.insertPerson(tx, {
        tenantId: actor.tenantId,
        name: input.name,
        email: input.email,
        employeeNumber,
      });
      await store.insertMembership(tx, {
        tenantId: actor.tenantId,
        personId: row.id,
        unitId: unit.id,
        role: input.role,
      });
      await options.alsoInTransaction?.(tx, row);
      return row;
    },
    (row) => ({
      action: "person.create",
      targetType: "person",
      targetId: row.id,
      summary: {
        sv: `Lade till ${row.name} som ${role.sv} i ${unit.name}`,
        en: `Added ${row.name} as ${role.en} in ${unit.name}`,
      },
    }),
  );
  return describePerson(db, actor, created);
}

type PersonChanges = z.infer<typeof personPatch>;

/** Changes a person; deactivating them also ends their sessions, in the same transaction. */
export async function updatePerson(
  db: Db,
  actor: Actor,
  personId: string,
  input: PersonChanges,
): Promise<PersonDetail> {
  const person = await managedPerson(db, actor, personId);
  if (changesSignIn(person, input)) authorize(policy.changeGuardedPerson(actor, await rolesOf(db, person)));
  enforce(deactivationVerdict(actor.personId, person.id, input.active), "body.active");
  await checkUnique(db, actor, input, person.id);
  const change = personChange(input.active);
  const updated = await auditedTransaction(
    db,
    actor,
    async (tx) => {
      const row = await store.updatePerson(tx, person.id, {
        ...input,
        ...deactivationStamp(input.active, person.active, new Date()),
      });
      if (input.active === false) await destroySessionsOf(tx, person.id);
      return row;
    },
    {
      action: change,
      targetType: "person",
      targetId: person.id,
      summary: personChangeSummary(change, person.name),
      details: input,
    },
  );
  return describePerson(db, actor, updated);
}

type NewRoleInput = z.infer<typeof newRole>;

/** Gives a person a role in a unit they do not already hold it in. */
export async function addRole(
  db: Db,
  actor: Actor,
  personId: string,
  input: NewRoleInput,
): Promise<PersonDetail> {
  const person = await managedPerson(db, actor, personId);
  const unit = await visibleUnit(db, actor, input.unitId);
  enforce(newRoleVerdict(Boolean(await store.activeMembership(db, person.id, unit.id, input.role))));
  const role = ROLE_NAMES[input.role];
  await auditedTransaction(
    db,
    actor,
    (tx) =>
      store.insertMembership(tx, {
        tenantId: actor.tenantId,
        personId: person.id,
        unitId: unit.id,
        role: input.role,
      }),
    {
      action: "membership.create",
      targetType: "person",
      targetId: person.id,
      summary: {
        sv: `Gav ${person.name} rollen ${role.sv} i ${unit.name}`,
        en: `Gave ${person.name} the role ${role.en} in ${unit.name}`,
      },
    },
  );
  return describePerson(db, actor, person);
}

/** Ends a role; the membership stays as history. A role already ended is not found. */
export async function endRole(db: Db, actor: Actor, personId: string, membershipId: string): Promise<void> {
  const person = await managedPerson(db, actor, personId);
  const membership = await store.getMembership(db, person.id, membershipId);
  if (!membership || membership.endedAt) throw notFound(roleNotFound);
  authorize(policy.changeGuardedPerson(actor, { id: person.id, roles: [membership] }));
  const role = ROLE_NAMES[membership.role];
  await auditedTransaction(
    db,
    actor,
    async (tx) => {
      // Two requests ending the same role: the second finds it ended and changes nothing.
      if (!(await store.endMembership(tx, membership.id))) throw notFound(roleNotFound);
    },
    {
      action: "membership.end",
      targetType: "person",
      targetId: person.id,
      summary: {
        sv: `Avslutade rollen ${role.sv} för ${person.name}`,
        en: `Ended the role ${role.en} of ${person.name}`,
      },
    },
  );
}
