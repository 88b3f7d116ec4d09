import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ok } from "../core/verdict.ts";
import {
  accountLinkMail,
  accountLinkUrl,
  hideAccountLinks,
  isLoopbackHttp,
  issuerVerdict,
  LOGIN_LIMITS,
  loginDecision,
  loginKeys,
  matchKeyFromClaims,
  OIDC_STATE_TTL_MS,
  oidcStateFresh,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  tokenExpiry,
  tokenStatus,
  underLimit,
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
        for (const problem of passwordProblems(password, { email: password })) {
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

describe("login rate limits", () => {
  it("allows four failures on an account and refuses from the fifth on", () => {
    expect(loginDecision({ account: 4, ip: 0 })).toEqual({ allowed: true });
    expect(loginDecision({ account: 5, ip: 0 })).toEqual({ allowed: false, scope: "account" });
    expect(loginDecision({ account: 0, ip: 29 })).toEqual({ allowed: true });
    expect(loginDecision({ account: 0, ip: 30 })).toEqual({ allowed: false, scope: "ip" });
  });

  it("counts within 15 minutes", () => {
    expect(LOGIN_LIMITS.account).toEqual({ max: 5, windowMs: 15 * 60_000 });
    expect(LOGIN_LIMITS.ip).toEqual({ max: 30, windowMs: 15 * 60_000 });
  });

  it("refuses exactly when a counter has reached its maximum", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), (account, ip) => {
        const decision = loginDecision({ account, ip });
        expect(decision.allowed).toBe(account < 5 && ip < 30);
        expect(underLimit(account, LOGIN_LIMITS.account)).toBe(account < 5);
      }),
    );
  });

  it("keys the account by its normalised email", () => {
    expect(loginKeys(" Anna@Kommun.SE ", "10.0.0.1")).toEqual({
      account: "login:account:anna@kommun.se",
      ip: "login:ip:10.0.0.1",
    });
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

  it("never throws, whatever the claims", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (claims) => {
        matchKeyFromClaims(claims, byEmail);
        matchKeyFromClaims(claims, byNumber);
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
