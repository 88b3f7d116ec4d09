import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canMoveUnder,
  depthOf,
  idsInPath,
  isWithin,
  parseRole,
  parseUnitKind,
  pathFor,
  rebasePath,
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
