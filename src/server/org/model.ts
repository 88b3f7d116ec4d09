// The governance chain's pure rules: unit kinds, roles and external actors, the unit tree's
// materialised paths, and what a change to the chain must satisfy. No I/O; the services load what
// a rule needs and `enforce` its verdict.
import { ROLES, type Role } from "../core/access.ts";
import type { Text } from "../core/errors.ts";
import { ok, refuse, type Verdict } from "../core/verdict.ts";

/** Unit kinds of the governance chain; `custom` carries its own label (e.g. "rektorsområde"). */
export const UNIT_KINDS = [
  "namnd",
  "forvaltning",
  "verksamhetsomrade",
  "enhet",
  "arbetslag",
  "custom",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ACTOR_KINDS = [
  "supervisory_authority",
  "partner_organisation",
  "state_agency",
  "citizen_group",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The five trust relationships of SOU 2018:47 that trust must cover. */
export const TRUST_RELATIONSHIPS = [
  "principal_administration",
  "within_administration",
  "administration_citizen",
  "administration_supervisor",
  "administration_partner",
] as const;
export type TrustRelationship = (typeof TRUST_RELATIONSHIPS)[number];

export { ROLES, type Role };

/** A role in words, for audit summaries ("Gav Erik rollen chef i Ekbackens skola"). */
export const ROLE_NAMES: Record<Role, Text> = {
  employee: { sv: "medarbetare", en: "employee" },
  manager: { sv: "chef", en: "manager" },
  director: { sv: "direktör", en: "director" },
  politician: { sv: "politiker", en: "politician" },
  analyst: { sv: "analytiker", en: "analyst" },
  admin: { sv: "administratör", en: "administrator" },
  whistle_handler: { sv: "visselblåsarhandläggare", en: "whistleblowing case handler" },
};

/** Swedish and English words an HR export may use for a unit kind, mapped to ours. */
const KIND_WORDS: Record<string, UnitKind> = {
  namnd: "namnd",
  nämnd: "namnd",
  board: "namnd",
  forvaltning: "forvaltning",
  förvaltning: "forvaltning",
  administration: "forvaltning",
  verksamhetsomrade: "verksamhetsomrade",
  verksamhetsområde: "verksamhetsomrade",
  area: "verksamhetsomrade",
  enhet: "enhet",
  unit: "enhet",
  arbetslag: "arbetslag",
  team: "arbetslag",
};

/**
 * Reads a kind as people write it. Known words map to a kind; anything else becomes a custom kind
 * with the word as its label, because municipalities name their levels differently.
 */
export function parseUnitKind(word: string): { kind: UnitKind; kindLabel: string | null } {
  const trimmed = word.trim();
  const known = KIND_WORDS[trimmed.toLowerCase()];
  return known ? { kind: known, kindLabel: null } : { kind: "custom", kindLabel: trimmed };
}

/** Swedish and English role words from HR exports. */
const ROLE_WORDS: Record<string, Role> = {
  employee: "employee",
  medarbetare: "employee",
  manager: "manager",
  chef: "manager",
  "första linjens chef": "manager",
  director: "director",
  direktör: "director",
  förvaltningschef: "director",
  politician: "politician",
  politiker: "politician",
  förtroendevald: "politician",
  analyst: "analyst",
  analytiker: "analyst",
  controller: "analyst",
  admin: "admin",
  administratör: "admin",
  whistle_handler: "whistle_handler",
  visselblåsarhandläggare: "whistle_handler",
};

export function parseRole(word: string): Role | null {
  return ROLE_WORDS[word.trim().toLowerCase()] ?? null;
}

/** Materialised path of a unit: its ancestors' ids and its own, each followed by "/". */
export function pathFor(parentPath: string | null, id: string): string {
  return `${parentPath ?? "/"}${id}/`;
}

export const idsInPath = (path: string): string[] => path.split("/").filter(Boolean);

export const depthOf = (path: string): number => idsInPath(path).length - 1;

export const isWithin = (path: string, ancestorPath: string): boolean => path.startsWith(ancestorPath);

/**
 * Whether a unit may move under a new parent: never under itself or its own subtree, which would
 * cut the subtree off the tree.
 */
export function canMoveUnder(unitPath: string, newParentPath: string | null): boolean {
  return newParentPath === null || !isWithin(newParentPath, unitPath);
}

const moveRefusal = refuse(
  "unit_move_cycle",
  "En enhet kan inte flyttas in under sig själv eller någon av sina underenheter.",
  "A unit cannot be moved under itself or one of its own sub-units.",
);

/** A move that keeps the tree a tree; `newParentPath` null is the top level. */
export const moveVerdict = (unitPath: string, newParentPath: string | null): Verdict =>
  canMoveUnder(unitPath, newParentPath) ? ok : moveRefusal;

/** The ids of the units above a unit, top first. */
export const ancestorIds = (path: string): string[] => idsInPath(path).slice(0, -1);

/** The new path of a unit in a moved subtree. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`path ${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

// ---- what a change to the chain must satisfy

/** A custom level names itself ("rektorsområde"); the known levels have their names already. */
export function kindLabelVerdict(kind: UnitKind, kindLabel: string | null | undefined): Verdict {
  if (kind !== "custom" || kindLabel) return ok;
  return refuse("kind_label_required", "En egen nivå behöver en benämning.", "A custom level needs a label.");
}

/** The label kept for a unit: only a custom level has one, so a change of kind drops it. */
export const storedKindLabel = (kind: UnitKind, kindLabel: string | null | undefined): string | null =>
  kind === "custom" ? (kindLabel ?? null) : null;

/** A unit code identifies the unit in HR files, so two units never share one. */
export const unitCodeVerdict = (code: string, taken: boolean): Verdict =>
  taken
    ? refuse(
        "unit_code_taken",
        `Enhetskoden ${code} används redan.`,
        `The unit code ${code} is already in use.`,
      )
    : ok;

/** Login finds people by e-mail and the HR import by employee number, so both are unique in a tenant. */
export function personUniqueVerdict(taken: { email: boolean; employeeNumber: boolean }): Verdict {
  if (taken.email)
    return refuse("email_taken", "E-postadressen används redan.", "The email address is already in use.");
  if (taken.employeeNumber)
    return refuse(
      "employee_number_taken",
      "Anställningsnumret används redan.",
      "The employee number is already in use.",
    );
  return ok;
}

/** Deactivating oneself would lock the administrator out halfway through their own change. */
export const deactivationVerdict = (
  actorId: string,
  personId: string,
  active: boolean | undefined,
): Verdict =>
  active === false && actorId === personId
    ? refuse("deactivate_self", "Du kan inte inaktivera dig själv.", "You cannot deactivate yourself.")
    : ok;

/** A person holds a role in a unit once; ended roles are history and do not count. */
export const newRoleVerdict = (alreadyHeld: boolean): Verdict =>
  alreadyHeld
    ? refuse(
        "role_held",
        "Personen har redan den rollen i enheten.",
        "The person already has that role in the unit.",
      )
    : ok;

/** An external actor relates to a unit once per trust relationship. */
export const newRelationVerdict = (exists: boolean): Verdict =>
  exists ? refuse("relation_exists", "Relationen finns redan.", "The relationship already exists.") : ok;

type PersonChange = "person.update" | "person.deactivate" | "person.reactivate";

/** What a change to a person is called in the audit log: asking for `active` names the change. */
export const personChange = (active: boolean | undefined): PersonChange =>
  active === false ? "person.deactivate" : active === true ? "person.reactivate" : "person.update";

const PERSON_CHANGE_WORDS: Record<PersonChange, Text> = {
  "person.update": { sv: "Ändrade", en: "Changed" },
  "person.deactivate": { sv: "Inaktiverade", en: "Deactivated" },
  "person.reactivate": { sv: "Återaktiverade", en: "Reactivated" },
};

/** The audit summary of a change to a person: "Inaktiverade Olle Annan". */
export const personChangeSummary = (change: PersonChange, name: string): Text => ({
  sv: `${PERSON_CHANGE_WORDS[change].sv} ${name}`,
  en: `${PERSON_CHANGE_WORDS[change].en} ${name}`,
});

/**
 * When a person's deactivation is stamped: set when they become inactive, cleared when they come
 * back, untouched when `active` does not change (so the first deactivation's date survives).
 */
export function deactivationStamp(
  requested: boolean | undefined,
  current: boolean,
  now: Date,
): { deactivatedAt?: Date | null } {
  if (requested === undefined || requested === current) return {};
  return { deactivatedAt: requested ? null : now };
}
