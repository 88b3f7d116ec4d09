import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isValidSlug,
  operatorName,
  rootUnitName,
  SLUG_MAX_LENGTH,
  slugFreeVerdict,
  slugVerdict,
} from "./tenant-model.ts";

const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz");
const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789");
/** Slugs built by the rule's grammar: a letter, then groups of letters and digits joined by single hyphens. */
const wellFormed = fc
  .tuple(
    letter,
    fc.array(alnum, { maxLength: 10 }),
    fc.array(fc.array(alnum, { minLength: 1, maxLength: 8 }), { maxLength: 4 }),
  )
  .map(([first, rest, groups]) => [first + rest.join(""), ...groups.map((g) => g.join(""))].join("-"))
  .filter((slug) => slug.length >= 2);

describe("tenant slugs", () => {
  it("accepts every slug the grammar builds", () => {
    fc.assert(
      fc.property(wellFormed, (slug) => {
        expect(isValidSlug(slug)).toBe(true);
      }),
    );
  });

  it("accepts only slugs that are safe in a URL, a DNS label and a shell without quoting", () => {
    // A small alphabet of good and bad characters, so that both answers come up often.
    const candidate = fc.oneof(
      wellFormed,
      fc.string({ unit: fc.constantFrom(..."ab0-Zå _./%"), maxLength: SLUG_MAX_LENGTH + 2 }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (slug) => {
        if (!isValidSlug(slug)) return;
        accepted++;
        expect(encodeURIComponent(slug)).toBe(slug);
        expect(slug).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(slug.length).toBeGreaterThanOrEqual(2);
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
        expect(slug).not.toMatch(/--|-$/);
      }),
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it("refuses a slug with any character outside a–z, 0–9 and the hyphen", () => {
    const outside = fc
      .string({ minLength: 1, maxLength: 1, unit: "binary" })
      .filter((c) => !/[a-z0-9-]/.test(c));
    fc.assert(
      fc.property(wellFormed, outside, fc.nat(), (slug, bad, at) => {
        const position = at % (slug.length + 1);
        const broken = slug.slice(0, position) + bad + slug.slice(position);
        expect(isValidSlug(broken)).toBe(false);
        expect(slugVerdict(broken).ok).toBe(false);
      }),
    );
  });

  it("refuses the shapes people try", () => {
    for (const slug of [
      "Storby",
      "storby kommun",
      "å",
      "-storby",
      "storby-",
      "sto--rby",
      "1storby",
      "s",
      "x".repeat(64),
      "",
    ])
      expect(isValidSlug(slug), slug).toBe(false);
    for (const slug of ["storby", "storby-kommun", "ab", "region-1", "x".repeat(63)])
      expect(isValidSlug(slug), slug).toBe(true);
  });

  it("says why in both languages, and names a taken slug", () => {
    const refused = slugVerdict("Storby");
    expect(refused.ok || refused.refusal.sv).toContain("små bokstäver");
    const taken = slugFreeVerdict("storby", true);
    expect(taken.ok || taken.refusal.en).toContain("storby");
    expect(slugFreeVerdict("storby", false).ok).toBe(true);
  });
});

describe("a new tenant", () => {
  it("names its root unit after the organisation unless told otherwise", () => {
    expect(rootUnitName({ name: " Storby kommun ", unitName: null })).toBe("Storby kommun");
    expect(rootUnitName({ name: "Storby kommun", unitName: "  " })).toBe("Storby kommun");
    expect(rootUnitName({ name: "Storby kommun", unitName: "Kommunstyrelsen" })).toBe("Kommunstyrelsen");
  });

  it("tells the audit log which door the operator came through", () => {
    expect(operatorName({ via: "cli" })).toContain("kommandoraden");
    expect(operatorName({ via: "api", address: "10.0.0.1" })).toContain("API");
  });
});
