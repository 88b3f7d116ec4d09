// A rule's answer to "may this happen?": yes, or no with a code and a reason in both languages.
// Modules' pure state machines return these; routes turn a refusal into a 409 (or 400).

export type Refusal = { code: string; sv: string; en: string };
export type Verdict = { ok: true } | { ok: false; refusal: Refusal };

export const ok: Verdict = { ok: true };
export const refuse = (code: string, sv: string, en: string): Verdict => ({
  ok: false,
  refusal: { code, sv, en },
});
