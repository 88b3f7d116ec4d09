import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GUARDED_ROLES, guardedRolesOf, mayTouchGuarded } from "../core/access.ts";
import { ok } from "../core/verdict.ts";
import {
  accountLinkMail,
  accountLinkUrl,
  guardedLinkNotice,
  hideAccountLinks,
  isLoopbackHttp,
  issuerVerdict,
  LOGIN_THROTTLES,
  loginKeys,
  loginThrottle,
  loginThrottleText,
  matchKeyFromClaims,
  OIDC_STATE_TTL_MS,
  oidcStateFresh,
  PASSWORD_CHANGE_LIMIT,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  throttleWaitMs,
  tokenExpiry,
  tokenStatus,
  underLimit,
  waitInWords,
} from "./model.ts";

const now = new Date("2025-03-01T12:00:00Z");

describe("passwordProblems", () => {
  it("asks for at least ten characters", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(passwordProblems("123456789")).toHaveLength(1);
    expect(passwordProblems("123456789")[0].sv).toContain("minst 10 tecken");
    expect(passwordProblems("1234567890")).toEqual([]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblems("åäöÅÄÖ😀😀😀😀")).toEqual([]);
    expect(passwordProblems("😀😀😀😀😀")).toHaveLength(1);
  });

  it("refuses very long passwords, one repeated character and one's own email", () => {
    expect(
      passwordProblems("x".repeat(201))
        .map((problem) => problem.en)
        .join(),
    ).toContain("at most 200");
    expect(passwordProblems("aaaaaaaaaaaa")[0].en).toContain("single repeated character");
    expect(passwordProblems("Anna.Admin@Kommun.se", { email: "anna.admin@kommun.se" })[0].en).toContain(
      "email",
    );
  });

  it("accepts every password of 10–200 characters with at least two different characters", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 200, unit: "grapheme-ascii" }), (password) => {
        fc.pre(new Set(password).size > 1);
        expect(passwordProblems(password)).toEqual([]);
      }),
    );
  });

  it("always has both languages", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (password) => {
        const problems = passwordProblems(password, { email: password });
        // Not vacuous: a password shorter than the minimum always has a problem to say.
        if (password.length < PASSWORD_MIN_LENGTH) expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.sv.length).toBeGreaterThan(0);
          expect(problem.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe("one-time links", () => {
  it("lasts seven days for an invitation and one hour for a reset", () => {
    expect(tokenExpiry("invite", now).toISOString()).toBe("2025-03-08T12:00:00.000Z");
    expect(tokenExpiry("reset", now).toISOString()).toBe("2025-03-01T13:00:00.000Z");
  });

  it("is valid until it expires or is used", () => {
    const expiresAt = tokenExpiry("reset", now);
    expect(tokenStatus({ expiresAt, usedAt: null }, now)).toBe("valid");
    expect(tokenStatus({ expiresAt, usedAt: null }, new Date(expiresAt.getTime() - 1))).toBe("valid");
    expect(tokenStatus({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
    expect(tokenStatus({ expiresAt, usedAt: now }, now)).toBe("used");
    expect(tokenStatus({ expiresAt, usedAt: now }, new Date(expiresAt.getTime() + 1))).toBe("used");
  });

  it("builds the link under /konto/ of the public URL", () => {
    expect(accountLinkUrl("https://tillit.kommun.se/", "abc_DEF-123")).toBe(
      "https://tillit.kommun.se/konto/abc_DEF-123",
    );
  });

  it("hides every link's secret from a mail and keeps the rest of it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("invite", "reset") as fc.Arbitrary<"invite" | "reset">,
        fc.stringMatching(/^[\w-]{16,64}$/),
        fc.constantFrom("https://tillit.kommun.se", "http://localhost:3000/", "https://x.se/tillit"),
        (purpose, token, publicUrl) => {
          const link = accountLinkUrl(publicUrl, token);
          const mail = accountLinkMail(purpose, { name: "Anna", tenantName: "Ekby", link });
          const hidden = hideAccountLinks(mail.text);
          expect(hidden).not.toContain(token);
          expect(hidden).toBe(mail.text.replace(link, `${link.slice(0, link.indexOf("/konto/"))}/konto/…`));
        },
      ),
    );
  });

  it("writes the mail in Swedish with the link and its lifetime", () => {
    const invite = accountLinkMail("invite", {
      name: "Anna",
      tenantName: "Ekby kommun",
      link: "https://x/konto/t",
    });
    expect(invite.subject).toBe("Välkommen till Tillit – Ekby kommun");
    expect(invite.text).toContain("Hej Anna!");
    expect(invite.text).toContain("https://x/konto/t");
    expect(invite.text).toContain("7 dagar");
    const reset = accountLinkMail("reset", {
      name: "Anna",
      tenantName: "Ekby kommun",
      link: "https://x/konto/r",
    });
    expect(reset.subject).toBe("Återställ ditt lösenord i Tillit");
    expect(reset.text).toContain("1 timme");
    expect(reset.text).toContain("https://x/konto/r");
  });
});

describe("login throttles", () => {
  const pair = LOGIN_THROTTLES.pair;
  const at = (ms: number) => new Date(now.getTime() + ms);
  const none = { count: 0, lastAt: null };

  it("lets five failures of one address on one account pass, then makes each attempt wait longer, at most 15 minutes", () => {
    expect(throttleWaitMs(pair, { count: 4, lastAt: now }, now)).toBe(0);
    expect(throttleWaitMs(pair, { count: 5, lastAt: now }, now)).toBe(30_000);
    expect(throttleWaitMs(pair, { count: 6, lastAt: now }, now)).toBe(60_000);
    expect(throttleWaitMs(pair, { count: 7, lastAt: now }, at(20_000))).toBe(100_000);
    expect(throttleWaitMs(pair, { count: 40, lastAt: now }, now)).toBe(15 * 60_000);
    expect(throttleWaitMs(pair, { count: 40, lastAt: now }, at(15 * 60_000))).toBe(0);
  });

  it("never locks out: whatever the failures, the wait is over at most 15 minutes after the latest", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(LOGIN_THROTTLES)), fc.nat(100_000), (throttle, count) => {
        const wait = throttleWaitMs(throttle, { count, lastAt: now }, now);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(throttle.capMs);
        expect(throttleWaitMs(throttle, { count, lastAt: now }, at(throttle.capMs))).toBe(0);
      }),
    );
  });

  it("never shortens the wait for more failures", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(3_600_000), (a, b, elapsed) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(throttleWaitMs(pair, { count: more, lastAt: now }, at(elapsed))).toBeGreaterThanOrEqual(
          throttleWaitMs(pair, { count: fewer, lastAt: now }, at(elapsed)),
        );
      }),
    );
  });

  /** The failure times of one address that tries one account whenever allowed, plus the given pauses. */
  function attack(pauses: number[], hours: number): number[] {
    const failures: number[] = [];
    let t = 0;
    for (let i = 0; t < hours * 3_600_000; ) {
      const recent = failures.filter((time) => time > t - pair.windowMs);
      const lastAt = recent.length ? at(recent[recent.length - 1]) : null;
      const wait = throttleWaitMs(pair, { count: recent.length, lastAt }, at(t));
      if (wait > 0) {
        t += wait;
        continue;
      }
      failures.push(t);
      t += pauses[i++ % pauses.length];
    }
    return failures;
  }
  const mostInOneWindow = (failures: number[], windowMs: number) =>
    Math.max(
      ...failures.map((end) => failures.filter((time) => time > end - windowMs && time <= end).length),
    );

  it("keeps one address below the account-wide and address-wide allowances, however it paces its guesses", () => {
    // So one attacker's address cannot slow the owner's login from elsewhere, nor other accounts
    // behind the same address.
    expect(mostInOneWindow(attack([0], 24), LOGIN_THROTTLES.account.windowMs)).toBe(12);
    fc.assert(
      fc.property(fc.array(fc.nat(20 * 60_000), { minLength: 1, maxLength: 20 }), (pauses) => {
        const failures = attack(pauses, 6);
        expect(mostInOneWindow(failures, LOGIN_THROTTLES.account.windowMs)).toBeLessThan(
          LOGIN_THROTTLES.account.free,
        );
        expect(mostInOneWindow(failures, LOGIN_THROTTLES.address.windowMs)).toBeLessThan(
          LOGIN_THROTTLES.address.free,
        );
      }),
      { numRuns: 50 },
    );
  });

  it("answers with the longest wait, naming the address only when the address is what waits", () => {
    const many = (count: number) => ({ count, lastAt: now });
    expect(loginThrottle({ pair: many(4), account: many(19), address: many(99) }, now)).toEqual({
      allowed: true,
    });
    expect(loginThrottle({ pair: many(6), account: none, address: none }, at(1_500))).toEqual({
      allowed: false,
      scope: "account",
      retryAfterSeconds: 59,
    });
    expect(loginThrottle({ pair: many(5), account: many(21), address: none }, now)).toEqual({
      allowed: false,
      scope: "account",
      retryAfterSeconds: 60,
    });
    expect(loginThrottle({ pair: many(5), account: none, address: many(102) }, now)).toEqual({
      allowed: false,
      scope: "address",
      retryAfterSeconds: 120,
    });
  });

  it("says the wait in words", () => {
    expect(waitInWords(1)).toEqual({ sv: "1 sekund", en: "1 second" });
    expect(waitInWords(45)).toEqual({ sv: "45 sekunder", en: "45 seconds" });
    expect(waitInWords(60)).toEqual({ sv: "1 minut", en: "1 minute" });
    expect(waitInWords(61)).toEqual({ sv: "2 minuter", en: "2 minutes" });
    expect(loginThrottleText({ scope: "address", retryAfterSeconds: 900 }).sv).toBe(
      "För många misslyckade inloggningsförsök från din adress. Vänta 15 minuter och försök igen.",
    );
  });

  it("keys the account by its normalised email, alone and together with the address", () => {
    expect(loginKeys(" Anna@Kommun.SE ", "10.0.0.1")).toEqual({
      pair: "login:pair:10.0.0.1 anna@kommun.se",
      account: "login:account:anna@kommun.se",
      address: "login:ip:10.0.0.1",
    });
  });

  it("limits by count where a wait is not needed", () => {
    expect(underLimit(4, PASSWORD_CHANGE_LIMIT)).toBe(true);
    expect(underLimit(5, PASSWORD_CHANGE_LIMIT)).toBe(false);
  });
});

describe("matching identity provider claims", () => {
  const byEmail = { matchBy: "email" as const, employeeNumberClaim: "employee_number" };
  const byNumber = { matchBy: "employee_number" as const, employeeNumberClaim: "anstnr" };

  it("matches by normalised email unless the provider says it is unverified", () => {
    expect(matchKeyFromClaims({ email: " Anna@Kommun.SE" }, byEmail)).toEqual({ email: "anna@kommun.se" });
    expect(matchKeyFromClaims({ email: "anna@kommun.se", email_verified: true }, byEmail)).toEqual({
      email: "anna@kommun.se",
    });
    expect(matchKeyFromClaims({ email: "anna@kommun.se", email_verified: false }, byEmail)).toBeNull();
    expect(matchKeyFromClaims({ email: "not an email" }, byEmail)).toBeNull();
    expect(matchKeyFromClaims({ sub: "x" }, byEmail)).toBeNull();
  });

  it("matches by the configured employee-number claim", () => {
    expect(matchKeyFromClaims({ anstnr: " 1234 " }, byNumber)).toEqual({ employeeNumber: "1234" });
    expect(matchKeyFromClaims({ anstnr: 1234 }, byNumber)).toEqual({ employeeNumber: "1234" });
    expect(matchKeyFromClaims({ employee_number: "1234" }, byNumber)).toBeNull();
    expect(matchKeyFromClaims({ anstnr: "" }, byNumber)).toBeNull();
    expect(matchKeyFromClaims({ anstnr: { nested: 1 } }, byNumber)).toBeNull();
  });

  it("never throws, whatever the claims, and matches only on a usable claim", () => {
    // Random claims, with the two claims that matter present often enough to be exercised.
    const claimsArb = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.record(
          {
            email: fc.oneof(fc.emailAddress(), fc.jsonValue()),
            email_verified: fc.constantFrom(true, false, "false", "true", undefined),
            anstnr: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
      )
      .map(([noise, claims]) => ({ ...noise, ...claims }) as Record<string, unknown>);
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const verified = claims.email_verified !== false && claims.email_verified !== "false";
        const usableEmail = typeof claims.email === "string" && claims.email.includes("@") && verified;
        expect(matchKeyFromClaims(claims, byEmail)).toEqual(
          usableEmail ? { email: String(claims.email).trim().toLowerCase() } : null,
        );
        const number = claims.anstnr;
        const usableNumber =
          (typeof number === "number" && Number.isFinite(number)) ||
          (typeof number === "string" && number.trim() !== "");
        expect(matchKeyFromClaims(claims, byNumber)).toEqual(
          usableNumber ? { employeeNumber: String(number).trim() } : null,
        );
      }),
    );
  });

  it("keeps a started login for ten minutes", () => {
    expect(oidcStateFresh(now, new Date(now.getTime() + OIDC_STATE_TTL_MS - 1))).toBe(true);
    expect(oidcStateFresh(now, new Date(now.getTime() + OIDC_STATE_TTL_MS))).toBe(false);
  });

  it("accepts plain-HTTP issuers only on loopback", () => {
    expect(isLoopbackHttp("http://127.0.0.1:4000")).toBe(true);
    expect(isLoopbackHttp("http://localhost/realms/x")).toBe(true);
    expect(isLoopbackHttp("http://[::1]:8080")).toBe(true);
    expect(isLoopbackHttp("http://login.kommun.se")).toBe(false);
    expect(isLoopbackHttp("https://127.0.0.1")).toBe(false);
    expect(issuerVerdict("https://login.kommun.se/")).toEqual(ok);
    expect(issuerVerdict("http://127.0.0.1:4000")).toEqual(ok);
    expect(issuerVerdict("http://login.kommun.se")).toMatchObject({
      ok: false,
      refusal: { code: "issuer_not_https" },
    });
    expect(issuerVerdict("not a url")).toMatchObject({ ok: false, refusal: { code: "issuer_invalid" } });
  });
});

describe("guarded accounts", () => {
  it("guards whistleblowing handlers, whatever other roles they hold, and nobody else", () => {
    expect(guardedRolesOf([{ role: "admin" }, { role: "whistle_handler" }])).toEqual(["whistle_handler"]);
    expect(guardedRolesOf([{ role: "admin" }, { role: "manager" }])).toEqual([]);
    expect(GUARDED_ROLES).toContain("whistle_handler");
  });

  it("lets only another holder of every guarded role touch a guarded person", () => {
    const actor = (personId: string, ...roles: ("admin" | "whistle_handler")[]) => ({
      personId,
      tenantId: "t",
      name: personId,
      email: null,
      roles: roles.map((role) => ({ unitId: "u", unitPath: "/u/", role })),
    });
    const handler = { id: "h", roles: [{ role: "whistle_handler" as const }] };
    expect(mayTouchGuarded(actor("a", "admin"), handler)).toBe(false);
    expect(mayTouchGuarded(actor("h", "whistle_handler"), handler)).toBe(false);
    expect(mayTouchGuarded(actor("o", "whistle_handler"), handler)).toBe(true);
    expect(mayTouchGuarded(actor("a", "admin"), { id: "m", roles: [{ role: "manager" }] })).toBe(true);
  });

  it("tells the handler who sent the link and what to do if they did not expect it", () => {
    const notice = guardedLinkNotice({ name: "Hanna", tenantName: "Ekby kommun", requestedBy: "Olle" });
    expect(notice.text).toContain("Hej Hanna!");
    expect(notice.text).toContain("Olle har skickat en länk till dig");
    expect(notice.text).toContain("Ekby kommun");
    expect(notice.text).toContain("använd inte länken");
    expect(notice.text).not.toContain("/konto/");
  });
});
