// The operator's door as pure rules: reading the bearer token, comparing it with the configured
// secret in constant time, and how many wrong tokens one address may try. The operator of an
// installation (not anyone in a tenant) creates tenants; the route's secret is their whole authority.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Text } from "../core/errors.ts";

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? "");
  return match ? match[1] : null;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Whether the given token is the secret. Both are hashed first, so the comparison takes the same
 * time whatever the given token's length or how much of it is right (timingSafeEqual needs equal
 * lengths, and comparing the strings directly would stop at the first wrong character).
 */
export function tokenMatches(secret: string, given: string | null): boolean {
  if (given === null) return false;
  return timingSafeEqual(digest(secret), digest(given));
}

/**
 * Wrong tokens one address may send before it has to wait. The secret has at least 32 characters,
 * so this is not what keeps it from being guessed; it keeps a stray client from hammering the route.
 * Only wrong tokens count: an operator creating many tenants is never slowed down.
 */
export const OPERATOR_FAILURES = { max: 10, windowMs: 15 * 60_000 } as const;

export type Throttle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether an address with these recent failures may try again now, and if not, for how long it waits. */
export function operatorThrottle(failures: { count: number; lastAt: Date | null }, now: Date): Throttle {
  if (failures.count < OPERATOR_FAILURES.max || !failures.lastAt) return { allowed: true };
  const waitMs = failures.lastAt.getTime() + OPERATOR_FAILURES.windowMs - now.getTime();
  if (waitMs <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
}

export const throttledText = (retryAfterSeconds: number): Text => ({
  sv: `För många försök med fel nyckel. Försök igen om ${Math.ceil(retryAfterSeconds / 60)} minuter.`,
  en: `Too many attempts with a wrong key. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
});

/** Says that a valid key is needed, and nothing about why the one given was not it. */
export const keyRequiredText: Text = {
  sv: "Åtkomst nekad: en giltig driftnyckel krävs.",
  en: "Access denied: a valid operator key is required.",
};
