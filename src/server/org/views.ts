// Read models of the chain built from store rows, in the shapes the API answers with.
import type { MembershipView, PersonRow } from "./store.ts";

/** A person in a list: who they are and the roles they hold now. */
export function personViewOf(row: PersonRow & { roles: MembershipView[] }) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    employeeNumber: row.employeeNumber,
    active: row.active,
    roles: row.roles.map(({ membershipId, unitId, unitName, role }) => ({
      membershipId,
      unitId,
      unitName,
      role,
    })),
  };
}

/** A person's page: the list view, when they were deactivated, and whether the reader may change them. */
export const personDetailOf = (person: PersonRow, roles: MembershipView[], canManage: boolean) => ({
  ...personViewOf({ ...person, roles }),
  deactivatedAt: person.deactivatedAt,
  canManage,
});

export type PersonDetail = ReturnType<typeof personDetailOf>;
