// Accounts' pure rules: passwords, one-time links, rate limits, single sign-on matching, and the
// words the audit log uses for them.
import type { Text } from "../core/errors.ts";
import { ok, refuse, type Verdict } from "../core/verdict.ts";
import { normaliseEmail } from "../org/model.ts";

// ---- passwords

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 copes with long input, but a cap keeps a request from buying much CPU. */
export const PASSWORD_MAX_LENGTH = 200;

/** What is wrong with a new password, in both languages; empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string | null } = {}): Text[] {
  const problems: Text[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      sv: `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken.`,
      en: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      sv: `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`,
      en: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
    });
  }
  if (length >= PASSWORD_MIN_LENGTH && new Set(password).size === 1) {
    problems.push({
      sv: "Lösenordet får inte bestå av ett enda upprepat tecken.",
      en: "The password must not be a single repeated character.",
    });
  }
  if (context.email && normaliseEmail(password) === normaliseEmail(context.email)) {
    problems.push({
      sv: "Lösenordet får inte vara din e-postadress.",
      en: "The password must not be your email address.",
    });
  }
  return problems;
}

// ---- one-time links

export type TokenPurpose = "invite" | "reset";

/** An invitation waits a week; a password reset an hour. */
const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invite: 7 * 24 * 3_600_000,
  reset: 3_600_000,
};

export const tokenExpiry = (purpose: TokenPurpose, now: Date): Date =>
  new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);

type TokenStatus = "valid" | "expired" | "used";

/** A link works once and until it expires; a used link says so even after it has also expired. */
export function tokenStatus(token: { expiresAt: Date; usedAt: Date | null }, now: Date): TokenStatus {
  if (token.usedAt) return "used";
  if (token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export const accountLinkUrl = (publicUrl: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, "")}/konto/${encodeURIComponent(token)}`;

/**
 * The text with every one-time link's secret cut out. New link mails are stored without their link;
 * this keeps the links of mails written before that from being read off the outbox.
 */
export const hideAccountLinks = (text: string): string => text.replace(/\/konto\/[^\s/?#]+/g, "/konto/…");

// ---- guarded accounts

/** The Swedish notice a guarded person gets when someone else has sent them a new password link. */
export function guardedLinkNotice(values: { name: string; tenantName: string; requestedBy: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: "En ny lösenordslänk har skickats till dig i Tillit",
    text: [
      `Hej ${values.name}!`,
      "",
      `${values.requestedBy} har skickat en länk till dig för att välja ett nytt lösenord till ditt konto i Tillit hos ${values.tenantName}. Länken kommer i ett eget meddelande.`,
      "Eftersom du är visselblåsarhandläggare kan bara en annan handläggare göra det, och du får alltid veta när det sker.",
      "Om du inte väntade dig detta: använd inte länken, och tala med en annan handläggare. Ditt nuvarande lösenord gäller tills länken används.",
      "",
      "Hälsningar",
      "Tillit",
    ].join("\n"),
  };
}

/** The Swedish e-mail that carries an invitation or reset link. */
export function accountLinkMail(
  purpose: TokenPurpose,
  values: { name: string; tenantName: string; link: string },
): { subject: string; text: string } {
  if (purpose === "invite") {
    return {
      subject: `Välkommen till Tillit – ${values.tenantName}`,
      text: [
        `Hej ${values.name}!`,
        "",
        `Du har bjudits in till Tillit hos ${values.tenantName}. Öppna länken nedan och välj ett lösenord för att komma igång.`,
        "Länken gäller i 7 dagar och kan bara användas en gång.",
        "",
        values.link,
        "",
        "Hälsningar",
        "Tillit",
      ].join("\n"),
    };
  }
  return {
    subject: "Återställ ditt lösenord i Tillit",
    text: [
      `Hej ${values.name}!`,
      "",
      `Någon har bett om att få återställa lösenordet till ditt konto i Tillit hos ${values.tenantName}. Öppna länken nedan och välj ett nytt lösenord.`,
      "Länken gäller i 1 timme och kan bara användas en gång.",
      "",
      values.link,
      "",
      "Om det inte var du som bad om detta kan du bortse från meddelandet – ditt lösenord är oförändrat.",
      "",
      "Hälsningar",
      "Tillit",
    ].join("\n"),
  };
}

// ---- rate limits
//
// Password guessing is slowed, never stopped: OWASP ASVS 5.0
// - 6.1.1 (L1) documented controls against credential stuffing and brute force that prevent malicious
//   account lockout: this section;
// - 6.3.1 (L1) those controls implemented as documented: every password login passes `loginThrottle`;
// - 2.4.1 (L2) anti-automation against excessive calls: the address-wide ceiling, the reset-mail limit;
// - 6.3.8 (L3) no account deduced from a failure: an unknown email is counted, slowed and answered
//   exactly like a known one.
// No counter ever locks the right password out: each only makes the next attempt wait, and once the
// wait has passed the right password works. The fine-grained counter is the address together with
// the account, so an attacker slows their own attempts on that account, not the owner's from
// elsewhere, nor other accounts behind the same address (a school's or an office's one NAT address).
// The account-wide and address-wide counters have higher free allowances: they catch guessing
// spread over many addresses, and one address trying password after password on many accounts.

type Limit = { max: number; windowMs: number };

const FIFTEEN_MINUTES = 15 * 60_000;
const ONE_HOUR = 60 * 60_000;

/**
 * A progressive delay: the first `free` failures within `windowMs` cost nothing; after that each
 * attempt must wait `baseMs`, doubled for every further failure and at most `capMs`, after the
 * latest failure.
 */
export type Throttle = { free: number; baseMs: number; capMs: number; windowMs: number };

/** The failures a counter holds within its window, and when the latest was. */
export type Failures = { count: number; lastAt: Date | null };

export type LoginScope = "pair" | "account" | "address";

/**
 * `pair` is one client address on one account; `account` the account from any address; `address`
 * one client address on any account. One address that follows every wait fails at most about a
 * dozen times an hour on one account (property-tested), below the account-wide allowance, so it
 * cannot slow the account for the owner's other addresses.
 */
export const LOGIN_THROTTLES: Record<LoginScope, Throttle> = {
  pair: { free: 5, baseMs: 30_000, capMs: FIFTEEN_MINUTES, windowMs: ONE_HOUR },
  account: { free: 20, baseMs: 30_000, capMs: FIFTEEN_MINUTES, windowMs: ONE_HOUR },
  address: { free: 100, baseMs: 30_000, capMs: FIFTEEN_MINUTES, windowMs: ONE_HOUR },
};
/** Reset mails per email address; requests beyond this are answered the same but send nothing. */
export const RESET_MAIL_LIMIT: Limit = { max: 5, windowMs: 60 * 60_000 };
/** Wrong current passwords when changing one's password. */
export const PASSWORD_CHANGE_LIMIT: Limit = { max: 5, windowMs: FIFTEEN_MINUTES };

/** The counters' keys; an email counts the same whether or not an account has it. */
export function loginKeys(email: string, ip: string): Record<LoginScope, string> {
  const account = normaliseEmail(email);
  return {
    pair: `login:pair:${ip} ${account}`,
    account: `login:account:${account}`,
    address: `login:ip:${ip}`,
  };
}

/** How long the next attempt must still wait under one throttle; 0 when it may go ahead now. */
export function throttleWaitMs(throttle: Throttle, failures: Failures, now: Date): number {
  if (failures.count < throttle.free || !failures.lastAt) return 0;
  const delay = Math.min(throttle.capMs, throttle.baseMs * 2 ** (failures.count - throttle.free));
  return Math.max(0, failures.lastAt.getTime() + delay - now.getTime());
}

export type LoginThrottle =
  | { allowed: true }
  | { allowed: false; scope: "account" | "address"; retryAfterSeconds: number };

/**
 * A login is answered 429 before the password is checked while any counter still makes it wait;
 * the answer says how long (the longest wait), and whether the account or the address is slowed.
 */
export function loginThrottle(
  failures: Record<LoginScope, Failures>,
  now: Date,
  throttles = LOGIN_THROTTLES,
): LoginThrottle {
  const waits = (["address", "account", "pair"] as const).map((scope) => ({
    scope,
    ms: throttleWaitMs(throttles[scope], failures[scope], now),
  }));
  const longest = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
  if (longest.ms <= 0) return { allowed: true };
  return {
    allowed: false,
    scope: longest.scope === "address" ? "address" : "account",
    retryAfterSeconds: Math.ceil(longest.ms / 1000),
  };
}

export const underLimit = (hits: number, limit: Limit): boolean => hits < limit.max;

/** "45 sekunder", "1 minut", "15 minuter": a wait in whole seconds, in words. */
export function waitInWords(seconds: number): Text {
  if (seconds < 60) {
    return seconds === 1
      ? { sv: "1 sekund", en: "1 second" }
      : { sv: `${seconds} sekunder`, en: `${seconds} seconds` };
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1
    ? { sv: "1 minut", en: "1 minute" }
    : { sv: `${minutes} minuter`, en: `${minutes} minutes` };
}

export function loginThrottleText(refusal: {
  scope: "account" | "address";
  retryAfterSeconds: number;
}): Text {
  const wait = waitInWords(refusal.retryAfterSeconds);
  return refusal.scope === "account"
    ? {
        sv: `För många misslyckade inloggningsförsök för kontot. Vänta ${wait.sv} och försök igen, eller återställ lösenordet.`,
        en: `Too many failed login attempts for this account. Wait ${wait.en} and try again, or reset the password.`,
      }
    : {
        sv: `För många misslyckade inloggningsförsök från din adress. Vänta ${wait.sv} och försök igen.`,
        en: `Too many failed login attempts from your address. Wait ${wait.en} and try again.`,
      };
}

// ---- single sign-on

export type MatchBy = "email" | "employee_number";
type MatchKey = { email: string } | { employeeNumber: string };

/** Started logins are abandoned after ten minutes. */
export const OIDC_STATE_TTL_MS = 10 * 60_000;

export const oidcStateFresh = (createdAt: Date, now: Date): boolean =>
  now.getTime() - createdAt.getTime() < OIDC_STATE_TTL_MS;

/**
 * Which person an identity provider's claims point at, or null when the needed claim is missing.
 * An email the provider itself marks as unverified is not trusted.
 */
export function matchKeyFromClaims(
  claims: Record<string, unknown>,
  settings: { matchBy: MatchBy; employeeNumberClaim: string },
): MatchKey | null {
  if (settings.matchBy === "email") {
    const email = claims.email;
    if (typeof email !== "string" || !email.includes("@")) return null;
    if (claims.email_verified === false || claims.email_verified === "false") return null;
    return { email: normaliseEmail(email) };
  }
  const value = claims[settings.employeeNumberClaim];
  if (typeof value === "number" && Number.isFinite(value)) return { employeeNumber: String(value) };
  if (typeof value !== "string" || !value.trim()) return null;
  return { employeeNumber: value.trim() };
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Plain HTTP to an issuer is only accepted on the loopback interface (tests, local development). */
export function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" && LOOPBACK_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** An identity provider is reached over https; plain http only on the loopback interface. */
export function issuerVerdict(issuer: string): Verdict {
  if (!URL.canParse(issuer))
    return refuse(
      "issuer_invalid",
      "Utfärdaren måste vara en giltig URL.",
      "The issuer must be a valid URL.",
    );
  if (new URL(issuer).protocol === "https:" || isLoopbackHttp(issuer)) return ok;
  return refuse("issuer_not_https", "Utfärdaren måste använda https.", "The issuer must use https.");
}

// ---- sessions

export type LoginMethod = "password" | "link" | "sso";

/** How a person signed in, in the audit log's words. */
export const LOGIN_METHODS: Record<LoginMethod, Text> = {
  password: { sv: "lösenord", en: "password" },
  link: { sv: "e-postlänk", en: "e-mail link" },
  sso: { sv: "single sign-on", en: "single sign-on" },
};
