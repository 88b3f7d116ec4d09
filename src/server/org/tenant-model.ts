// A new tenant's rules as pure functions: what a tenant's slug may be (it names the organisation in
// URLs, on the command line and at single sign-on, so it is a plain DNS label), and the shape of a
// new tenant — the organisation, its root unit (the municipality) and its first administrator.
import type { Text } from "../core/errors.ts";
import { ok, refuse, type Verdict } from "../core/verdict.ts";
import type { UnitKind } from "./model.ts";

/** A DNS label's length: a slug may one day be a sub-domain. */
export const SLUG_MIN_LENGTH = 2;
export const SLUG_MAX_LENGTH = 63;
/** Lower-case a–z and digits in groups joined by single hyphens, starting with a letter. */
const SLUG_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const SLUG_RULE: Text = {
  sv: `Kortnamnet ska vara ${SLUG_MIN_LENGTH}–${SLUG_MAX_LENGTH} tecken: små bokstäver a–z, siffror och enkla bindestreck, och börja med en bokstav (skriv å och ä som a, ö som o).`,
  en: `The short name must be ${SLUG_MIN_LENGTH}–${SLUG_MAX_LENGTH} characters: lower-case letters a–z, digits and single hyphens, starting with a letter.`,
};

export const isValidSlug = (slug: string): boolean =>
  slug.length >= SLUG_MIN_LENGTH && slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(slug);

export const slugVerdict = (slug: string): Verdict =>
  isValidSlug(slug) ? ok : refuse("invalid_slug", SLUG_RULE.sv, SLUG_RULE.en);

/** Two tenants never share a slug: logins, the CLI's `--tenant` and SSO find the tenant by it. */
export const slugFreeVerdict = (slug: string, taken: boolean): Verdict =>
  taken
    ? refuse(
        "slug_taken",
        `Det finns redan en organisation med kortnamnet ${slug}.`,
        `There is already an organisation with the short name ${slug}.`,
      )
    : ok;

/** The root unit of a new tenant: the municipality itself, a level the fixed kinds do not name. */
export const ROOT_UNIT: { kind: UnitKind; kindLabel: string } = { kind: "custom", kindLabel: "kommun" };

export type NewTenant = {
  name: string;
  slug: string;
  adminName: string;
  adminEmail: string;
  /** The root unit's name; the tenant's name when left out. */
  unitName?: string | null;
};

/** The root unit's name: the one given, or the organisation's own. */
export const rootUnitName = (input: Pick<NewTenant, "name" | "unitName">): string =>
  input.unitName?.trim() || input.name.trim();

/** Who creates tenants: the operator of the installation, on its command line or through its own route. */
export type Operator = { via: "cli" } | { via: "api"; address: string };

/** The operator in the new tenant's audit log (its one text column, Swedish as the product's first language). */
export const operatorName = (operator: Operator): string =>
  operator.via === "cli" ? "Driftansvarig (kommandoraden)" : "Driftansvarig (drift-API)";

export function tenantCreatedSummary(created: {
  tenantName: string;
  slug: string;
  unitName: string;
  adminName: string;
}): Text {
  return {
    sv: `Skapade organisationen ${created.tenantName} (${created.slug}) med rotenheten ${created.unitName} och ${created.adminName} som första administratör`,
    en: `Created the organisation ${created.tenantName} (${created.slug}) with the root unit ${created.unitName} and ${created.adminName} as its first administrator`,
  };
}
