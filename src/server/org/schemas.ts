// The governance chain's API shapes (zod): units, people and their roles, external actors and the
// HR import. Routes validate with them; the web app derives its types from them (`Wire<typeof …>`).
import { z } from "zod";

import { ROLES } from "../core/access.ts";
import { IMPORT_STATUSES, jobProgress } from "../core/imports.ts";
import { ACTOR_KINDS, normaliseEmail, TRUST_RELATIONSHIPS, UNIT_KINDS } from "./model.ts";

export const id = z.uuid();
export const idParams = z.object({ id });
const role = z.enum(ROLES);
const unitKind = z.enum(UNIT_KINDS);
const actorKind = z.enum(ACTOR_KINDS);
const relationship = z.enum(TRUST_RELATIONSHIPS);
const name = z.string().trim().min(1).max(200);
const optionalText = z.string().trim().max(2000).nullish();
const kindLabel = z.string().trim().min(1).max(100).nullish();
const code = z.string().trim().min(1).max(50).nullish();
const employeeNumber = z.string().trim().min(1).max(50).nullish();
export const email = z.email().max(254).transform(normaliseEmail);

// ---- units

/**
 * The tree a level at a time: no parameters → the units at the top of what the person sees;
 * `parentId` → that unit's sub-units; `q` → units whose name or code holds it, best first, at most
 * `limit` (within `parentId`'s subtree when both are given). `all=true` is the whole visible tree
 * in one answer, kept only for the pages that still fill a select with it; it goes when they use the
 * unit picker.
 */
export const unitQuery = z.object({
  parentId: id.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  all: z.enum(["true", "false"]).default("false"),
});

export const unitSummary = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: unitKind,
  kindLabel: z.string().nullable(),
  code: z.string().nullable(),
  active: z.boolean(),
});
export const unitListItem = unitSummary.extend({
  peopleCount: z.number(),
  /** Sub-units the person sees, so the tree knows which units open. */
  childCount: z.number(),
  /** In search results: the units above, top first, to tell two units of the same name apart. */
  ancestors: z.array(z.object({ id, name: z.string() })).optional(),
});

export const unitDetail = unitSummary.extend({
  ancestors: z.array(z.object({ id, name: z.string(), kind: unitKind, kindLabel: z.string().nullable() })),
  children: z.array(unitSummary.pick({ id: true, name: true, kind: true, kindLabel: true, active: true })),
  people: z.array(z.object({ id, name: z.string(), email: z.string().nullable(), role, membershipId: id })),
  actors: z.array(
    z.object({
      relationId: id,
      actorId: id,
      name: z.string(),
      kind: actorKind,
      relationship,
      note: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});

export const newUnit = z.object({ name, parentId: id.nullable(), kind: unitKind, kindLabel, code });

export const unitPatch = z.object({
  name: name.optional(),
  kind: unitKind.optional(),
  kindLabel,
  code,
  parentId: id.nullish(),
  active: z.boolean().optional(),
});

// ---- people

export const peopleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  unitId: id.optional(),
  role: role.optional(),
  includeInactive: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const personRole = z.object({ membershipId: id, unitId: id, unitName: z.string(), role });
const personView = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(personRole),
});
export const peopleList = z.object({ total: z.number(), items: z.array(personView) });
export const personDetail = personView.extend({
  deactivatedAt: z.date().nullable(),
  canManage: z.boolean(),
});

/** A new person with their first role; the account module adds the password or invitation. */
export const newPerson = z.object({ name, email, unitId: id, role, employeeNumber });

export const personPatch = z.object({
  name: name.optional(),
  email: email.nullish(),
  employeeNumber,
  active: z.boolean().optional(),
});

export const newRole = z.object({ unitId: id, role });
export const membershipParams = z.object({ id, membershipId: id });

// ---- external actors

const actorRelationView = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  relationship,
  note: z.string().nullable(),
});
export const actorSummary = z.object({
  id,
  name: z.string(),
  kind: actorKind,
  description: z.string().nullable(),
});
export const actorView = actorSummary.extend({ relations: z.array(actorRelationView) });

export const actorBody = z.object({ name, kind: actorKind, description: optionalText });
export const actorPatch = actorBody.partial();

export const newRelation = z.object({ unitId: id, relationship, note: optionalText });
export const relationView = z.object({
  id,
  actorId: id,
  unitId: id,
  relationship,
  note: z.string().nullable(),
});
export const relationParams = z.object({ id, relationId: id });

// ---- the HR import

const counts = z.object({
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  deactivated: z.number(),
});
const importPreview = z.object({
  units: counts,
  people: counts,
  memberships: z.object({ new: z.number(), ended: z.number() }),
  fileLines: z.object({ units: z.number(), people: z.number() }),
});
const csvText = z
  .string()
  .max(15 * 1024 * 1024)
  .nullish();
export const newImport = z.object({
  unitsCsv: csvText,
  peopleCsv: csvText,
  fullImport: z.boolean().default(false),
});
export const preparedImport = z.object({ id: z.uuid(), preview: importPreview });
export const committedImport = z.object({ jobId: z.number() });

export const importSummary = z.object({
  id: z.uuid(),
  status: z.enum(IMPORT_STATUSES),
  fullImport: z.boolean(),
  createdAt: z.date(),
  preview: importPreview.nullable(),
  result: z.unknown(),
  jobId: z.number().nullable(),
});
export const importDetail = importSummary.extend({ job: jobProgress.nullable() });
