// A rule's answer to "may this happen?": yes, or no with a code and a reason in both languages.
// Modules' pure rules return these; services `enforce` them, which makes a refusal a 409 (or 400).
import { conflict, fieldError } from "./errors.ts";

export type Refusal = { code: string; sv: string; en: string };
export type Verdict = { ok: true } | { ok: false; refusal: Refusal };

export const ok: Verdict = { ok: true };
export const refuse = (code: string, sv: string, en: string): Verdict => ({
  ok: false,
  refusal: { code, sv, en },
});

/**
 * Turns a refusal into the client's error: a 409 naming the rule, or — when the refusal is about
 * one field the person filled in (a missing reason) — a 400 naming that field.
 */
export function enforce(verdict: Verdict, field?: string): void {
  if (verdict.ok) return;
  if (field) throw fieldError(field, verdict.refusal);
  throw conflict(verdict.refusal, { code: verdict.refusal.code });
}
