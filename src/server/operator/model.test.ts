import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bearerToken, OPERATOR_FAILURES, operatorThrottle, tokenMatches } from "./model.ts";

const token = fc.string({ minLength: 1, maxLength: 80 }).filter((t) => /^[\x21-\x7e]+$/.test(t));

describe("the operator's token", () => {
  it("matches exactly the secret, whatever the lengths", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (secret, given) => {
        expect(tokenMatches(secret, given)).toBe(secret === given);
        expect(tokenMatches(secret, secret)).toBe(true);
      }),
    );
    expect(tokenMatches("a".repeat(40), null)).toBe(false);
    expect(tokenMatches("a".repeat(40), "a".repeat(39))).toBe(false);
    expect(tokenMatches("a".repeat(40), `${"a".repeat(40)} `)).toBe(false);
  });

  it("is read from a Bearer header only", () => {
    fc.assert(
      fc.property(token, fc.constantFrom("Bearer", "bearer", "BEARER"), (t, scheme) => {
        expect(bearerToken(`${scheme} ${t}`)).toBe(t);
        expect(bearerToken(`Basic ${t}`)).toBeNull();
        expect(bearerToken(t)).toBeNull();
      }),
    );
    for (const header of [undefined, "", "Bearer", "Bearer ", "Bearer a b", "Bearer\ta", "Token a"])
      expect(bearerToken(header), String(header)).toBeNull();
  });
});

describe("wrong tokens from one address", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("may be tried up to the limit, then wait until the window has passed", () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.nat({ max: OPERATOR_FAILURES.windowMs }), (count, sinceLast) => {
        const throttle = operatorThrottle({ count, lastAt: count ? ago(sinceLast) : null }, now);
        if (count < OPERATOR_FAILURES.max || sinceLast >= OPERATOR_FAILURES.windowMs) {
          expect(throttle.allowed).toBe(true);
          return;
        }
        expect(throttle.allowed).toBe(false);
        if (throttle.allowed) return;
        expect(throttle.retryAfterSeconds).toBeGreaterThan(0);
        expect(throttle.retryAfterSeconds * 1000).toBeGreaterThanOrEqual(
          OPERATOR_FAILURES.windowMs - sinceLast,
        );
        expect(throttle.retryAfterSeconds * 1000).toBeLessThanOrEqual(OPERATOR_FAILURES.windowMs);
      }),
    );
  });

  it("refuses the eleventh wrong token within the window", () => {
    expect(operatorThrottle({ count: OPERATOR_FAILURES.max - 1, lastAt: now }, now).allowed).toBe(true);
    expect(operatorThrottle({ count: OPERATOR_FAILURES.max, lastAt: now }, now)).toEqual({
      allowed: false,
      retryAfterSeconds: OPERATOR_FAILURES.windowMs / 1000,
    });
  });
});
