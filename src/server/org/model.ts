import { ROLES, type Role } from "../core/access.ts";

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

/** The new path of a unit in a moved subtree. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`path ${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
