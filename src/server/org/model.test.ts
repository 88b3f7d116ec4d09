import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ancestorIds,
  canMoveUnder,
  deactivationStamp,
  deactivationVerdict,
  depthOf,
  idsInPath,
  isWithin,
  kindLabelVerdict,
  moveVerdict,
  parseRole,
  parseUnitKind,
  pathFor,
  personChange,
  personChangeSummary,
  personUniqueVerdict,
  ROLE_NAMES,
  ROLES,
  rebasePath,
  storedKindLabel,
  UNIT_KINDS,
} from "./model.ts";

describe("unit kinds", () => {
  it("maps Swedish and English words, case and accents included", () => {
    expect(parseUnitKind("Nämnd")).toEqual({ kind: "namnd", kindLabel: null });
    expect(parseUnitKind("förvaltning")).toEqual({ kind: "forvaltning", kindLabel: null });
    expect(parseUnitKind(" team ")).toEqual({ kind: "arbetslag", kindLabel: null });
  });
  it("keeps an unknown word as a custom kind with that label", () => {
    expect(parseUnitKind("Rektorsområde")).toEqual({ kind: "custom", kindLabel: "Rektorsområde" });
  });
});

describe("roles", () => {
  it("reads Swedish role words", () => {
    expect(parseRole("Chef")).toBe("manager");
    expect(parseRole("medarbetare")).toBe("employee");
    expect(parseRole("Visselblåsarhandläggare")).toBe("whistle_handler");
  });
  it("rejects words that are no role", () => {
    expect(parseRole("kung")).toBeNull();
  });
});

describe("paths", () => {
  it("builds a path from the parent's", () => {
    const root = pathFor(null, "a");
    expect(root).toBe("/a/");
    expect(pathFor(root, "b")).toBe("/a/b/");
    expect(idsInPath("/a/b/c/")).toEqual(["a", "b", "c"]);
    expect(depthOf("/a/b/c/")).toBe(2);
  });

  it("never lets a unit move under itself or its descendants", () => {
    expect(canMoveUnder("/a/b/", "/a/b/")).toBe(false);
    expect(canMoveUnder("/a/b/", "/a/b/c/")).toBe(false);
    expect(canMoveUnder("/a/b/", "/a/")).toBe(true);
    expect(canMoveUnder("/a/b/", "/a/bb/")).toBe(true);
    expect(canMoveUnder("/a/b/", null)).toBe(true);
  });

  const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/);
  const pathArb = fc.array(segment, { minLength: 1, maxLength: 6 }).map((ids) => `/${ids.join("/")}/`);

  it("rebasing keeps a path inside the moved subtree and its tail intact", () => {
    fc.assert(
      fc.property(pathArb, fc.array(segment, { maxLength: 4 }), pathArb, (oldPrefix, tail, newPrefix) => {
        const path = oldPrefix + tail.map((id) => `${id}/`).join("");
        const moved = rebasePath(path, oldPrefix, newPrefix);
        expect(isWithin(moved, newPrefix)).toBe(true);
        expect(idsInPath(moved)).toEqual([...idsInPath(newPrefix), ...tail]);
        expect(rebasePath(moved, newPrefix, oldPrefix)).toBe(path);
      }),
    );
  });
});

describe("moving a unit", () => {
  const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/);
  const idsArb = fc.uniqueArray(segment, { minLength: 1, maxLength: 6 });
  const pathOf = (ids: string[]) => `/${ids.map((id) => `${id}/`).join("")}`;

  it("refuses exactly the moves under the unit itself or anything below it", () => {
    fc.assert(
      fc.property(idsArb, fc.array(segment, { maxLength: 3 }), idsArb, (unitIds, below, elsewhere) => {
        const unit = pathOf(unitIds);
        const inside = pathOf([...unitIds, ...below]);
        expect(moveVerdict(unit, inside)).toMatchObject({ ok: false, refusal: { code: "unit_move_cycle" } });
        const outside = pathOf(elsewhere);
        expect(moveVerdict(unit, outside).ok).toBe(!outside.startsWith(unit));
        expect(moveVerdict(unit, null).ok).toBe(true);
      }),
    );
  });

  it("names the units above a unit, top first", () => {
    expect(ancestorIds("/a/b/c/")).toEqual(["a", "b"]);
    expect(ancestorIds("/a/")).toEqual([]);
  });
});

describe("a unit's level", () => {
  it("asks a custom level for its label and only keeps a label on a custom level", () => {
    expect(kindLabelVerdict("custom", null)).toMatchObject({ ok: false });
    expect(kindLabelVerdict("custom", "Rektorsområde").ok).toBe(true);
    for (const kind of UNIT_KINDS.filter((kind) => kind !== "custom")) {
      expect(kindLabelVerdict(kind, null).ok).toBe(true);
      expect(storedKindLabel(kind, "Rektorsområde")).toBeNull();
    }
    expect(storedKindLabel("custom", "Rektorsområde")).toBe("Rektorsområde");
  });
});

describe("changing a person", () => {
  it("refuses deactivating oneself, and nothing else about oneself", () => {
    expect(deactivationVerdict("me", "me", false)).toMatchObject({ ok: false });
    expect(deactivationVerdict("me", "me", true).ok).toBe(true);
    expect(deactivationVerdict("me", "me", undefined).ok).toBe(true);
    expect(deactivationVerdict("me", "you", false).ok).toBe(true);
  });

  it("stamps a deactivation only when `active` changes, so the first date survives", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    fc.assert(
      fc.property(fc.option(fc.boolean(), { nil: undefined }), fc.boolean(), (requested, current) => {
        const stamp = deactivationStamp(requested, current, now);
        if (requested === undefined || requested === current) expect(stamp).toEqual({});
        else expect(stamp).toEqual({ deactivatedAt: requested ? null : now });
      }),
    );
  });

  it("calls the change by what was asked, in words in both languages", () => {
    expect(personChange(false)).toBe("person.deactivate");
    expect(personChange(true)).toBe("person.reactivate");
    expect(personChange(undefined)).toBe("person.update");
    expect(personChangeSummary("person.deactivate", "Olle")).toEqual({
      sv: "Inaktiverade Olle",
      en: "Deactivated Olle",
    });
  });

  it("refuses an e-mail address or employee number someone else has", () => {
    expect(personUniqueVerdict({ email: false, employeeNumber: false }).ok).toBe(true);
    expect(personUniqueVerdict({ email: true, employeeNumber: true })).toMatchObject({
      refusal: { code: "email_taken" },
    });
    expect(personUniqueVerdict({ email: false, employeeNumber: true })).toMatchObject({
      refusal: { code: "employee_number_taken" },
    });
  });

  it("has words for every role in both languages", () => {
    for (const role of ROLES) {
      expect(ROLE_NAMES[role].sv).toMatch(/^[a-zåäö ]+$/);
      expect(ROLE_NAMES[role].en).toMatch(/^[a-z ]+$/);
    }
  });
});
