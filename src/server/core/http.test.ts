// The one error shape for bad input: field messages a person understands, in their language, and
// no API path in the message itself (forms put each detail beside the field it names).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedRequest } from "../app.ts";
import { clientFor, createOrgFixture, createTestApp, type TestApp } from "../testing/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (payload: unknown, language: "sv" | "en") =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: payload as object,
    headers: { "accept-language": language },
  });

describe("field errors", () => {
  it("asks for a blank field to be filled in, whatever rule it broke", async () => {
    const response = await login({ email: "", password: "" }, "sv");
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toBe("2 fält behöver rättas.");
    expect(error.details).toEqual([
      { path: "body.email", message: "Fyll i fältet." },
      { path: "body.password", message: "Fyll i fältet." },
    ]);
  });

  it("names what is wrong with a filled-in field, in the caller's language", async () => {
    const response = await login({ email: "not an address", password: "x" }, "en");
    const { error } = response.json();
    expect(error.message).toBe("One field needs correcting.");
    expect(error.details).toEqual([{ path: "body.email", message: "Has the wrong format." }]);
    expect(error.message).not.toMatch(/body\./);
  });
});

describe("request log", () => {
  it("never keeps a one-time link's token", () => {
    expect(loggedRequest({ method: "POST", url: "/api/auth/tokens/abc123secret?x=1" })).toEqual({
      method: "POST",
      url: "/api/auth/tokens/…?x=1",
    });
    expect(loggedRequest({ method: "GET", url: "/konto/abc123secret" }).url).toBe("/konto/…");
    expect(loggedRequest({ method: "GET", url: "/api/units" }).url).toBe("/api/units");
  });
});

describe("text that cannot be stored", () => {
  it("refuses a NUL or a lone surrogate anywhere in a body with the field named, and stores nothing", async () => {
    const org = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, org.people.admin);
    const underArea = `/api/units?parentId=${org.units.area.id}`;
    const before = (await admin.get(underArea)).json().length;
    for (const name of ["Skola\u0000", "Skola \ud800", "\udc00 Skola"]) {
      const response = await admin.post("/api/units", { name, kind: "enhet", parentId: org.units.area.id });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([{ path: "body.name", message: expect.any(String) }]);
    }
    expect((await admin.get(underArea)).json().length).toBe(before);
    const pair = await admin.post("/api/units", {
      name: "Skola 😀",
      kind: "enhet",
      parentId: org.units.area.id,
    });
    expect(pair.statusCode).toBe(201);
  });

  it("refuses one in a query string too", async () => {
    const org = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.get(`/api/people?q=${encodeURIComponent("a\u0000")}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("querystring.q");
  });
});

describe("deeply nested bodies", () => {
  it("answers a body nested tens of thousands deep with a 400, not a 500 from a stack overflow", async () => {
    const org = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, org.people.admin);
    for (const nested of [
      `{"name":${"[".repeat(50_000)}${"]".repeat(50_000)}}`,
      `{"name":"x","kind":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)},"parentId":null}`,
      `${"[".repeat(50_000)}"\u0000"${"]".repeat(50_000)}`,
    ]) {
      const response = await admin.request({
        method: "POST",
        url: "/api/units",
        payload: nested,
        headers: { "content-type": "application/json" },
      });
      expect(response.statusCode).toBe(400);
    }
  });
});

describe("addresses the router cannot read", () => {
  it("answers a broken %-escape or an over-long path part in the one error shape, in the caller's language", async () => {
    const org = await createOrgFixture(t.db);
    const admin = await clientFor(t.app, org.people.admin);
    for (const [url, status] of [
      ["/api/units/%ED%A0%80", 400],
      ["/api/units/%", 400],
      [`/api/units/${"x".repeat(5000)}`, 414],
    ] as const) {
      const response = await admin.request({
        method: "PATCH",
        url,
        payload: { name: "x" },
        headers: { "accept-language": "en" },
      });
      expect(response.statusCode).toBe(status);
      const { error } = response.json();
      expect(error).toEqual({ code: expect.any(String), message: expect.any(String) });
      expect(error.message).not.toContain("/api/");
    }
  });
});
