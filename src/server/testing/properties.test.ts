// Every fast-check property in the server's tests must be able to fail: its predicate asserts
// (an `expect`, an assert helper, or a boolean it returns). A property whose body only calls the
// code under test passes for any answer, even a burden that is always zero. Checked on the source,
// so a new property without an assertion fails here with its file and line.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const thisFile = new URL(import.meta.url).pathname;
const serverRoot = path.resolve(path.dirname(thisFile), "..");

function testFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    // This file names the pattern it looks for; it holds no property.
    return entry.name.endsWith(".test.ts") && full !== thisFile ? [full] : [];
  });
}

/** The text of the call starting at `open` (an opening parenthesis), up to its matching close. */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Each `fc.property(…)` / `fc.asyncProperty(…)` call in a file, with its line. */
function properties(file: string) {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/fc\.(?:async)?[Pp]roperty\(/g)].map((match) => ({
    line: text.slice(0, match.index).split("\n").length,
    body: callText(text, (match.index ?? 0) + match[0].length - 1),
  }));
}

/**
 * What makes a predicate able to fail: an `expect`, an assert helper, a `return` of a value, or an
 * arrow whose expression body (the last arrow, the predicate being the last argument) compares.
 */
function asserts(body: string): boolean {
  if (/\bexpect\(|\bassert\w*\(|\breturn\s+[^;\s]/.test(body)) return true;
  const tail = body.slice(body.lastIndexOf("=>") + 2).trimStart();
  return !tail.startsWith("{") && /^!|===|!==|[<>]=?|\.every\(|\.some\(|\.includes\(|\.has\(/.test(tail);
}

describe("fast-check properties", () => {
  const found = testFiles(serverRoot).flatMap((file) =>
    properties(file).map((property) => ({
      where: `${path.relative(serverRoot, file)}:${property.line}`,
      ...property,
    })),
  );

  it("are found in the server's tests", () => {
    expect(found.length).toBeGreaterThan(10);
  });

  it("each assert something", () => {
    expect(found.filter((property) => !asserts(property.body)).map((property) => property.where)).toEqual([]);
  });

  it("are recognised as empty when they are", () => {
    expect(asserts("(fc.nat(), (n) => {\n  burden(n);\n})")).toBe(false);
    expect(asserts("(fc.nat(), (n) => burden(n))")).toBe(false);
    expect(asserts("(fc.nat().map((n) => n + 1), (n) => {\n  burden(n);\n})")).toBe(false);
    expect(asserts("(fc.nat(), (n) => {\n  expect(burden(n)).toBeGreaterThan(0);\n})")).toBe(true);
    expect(asserts("(fc.nat(), (n) => burden(n) > 0)")).toBe(true);
    expect(asserts("(fc.nat(), (n) => {\n  return burden(n) > 0;\n})")).toBe(true);
  });
});
