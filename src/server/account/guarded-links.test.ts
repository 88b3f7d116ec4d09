// An administrator trying to take over a whistleblowing handler's account by sending them a new
// password link (issue 17, point 1): refused; another handler may, and the handler is told.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../core/db.ts";
import {
  addPerson,
  clientFor,
  createOrgFixture,
  createTestApp,
  type TestApp,
  type TestPerson,
} from "../testing/app.ts";
import { captureLoggedLinks } from "../testing/mail.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrgFixture>>;
let links: ReturnType<typeof captureLoggedLinks>;
let handler: TestPerson;
let otherHandler: TestPerson;
let adminHandler: TestPerson;

beforeAll(async () => {
  t = await createTestApp();
  links = captureLoggedLinks(t.app);
  org = await createOrgFixture(t.db);
  const board = org.units.board.id;
  handler = await addPerson(t.db, org.tenant.id, "Hanna Handläggare", [[board, "whistle_handler"]]);
  otherHandler = await addPerson(t.db, org.tenant.id, "Olle Handläggare", [[board, "whistle_handler"]]);
  adminHandler = await addPerson(t.db, org.tenant.id, "Ada Båda", [
    [board, "admin"],
    [board, "whistle_handler"],
  ]);
});
afterAll(() => t.close());

const tokensOf = (person: TestPerson) =>
  queryRows<{ id: string }>(t.db, sql`select id from auth_token where person_id = ${person.id}`);
const mailsTo = (person: TestPerson) =>
  queryRows<{ subject: string; body_text: string }>(
    t.db,
    sql`select subject, body_text from mail_outbox where to_address = ${person.email} order by id`,
  );

describe("a whistleblowing handler's password link", () => {
  it("is refused to an administrator, with the reason, and nothing is created or sent", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const response = await admin.request({
      method: "POST",
      url: `/api/people/${handler.id}/invite`,
      headers: { "accept-language": "en" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain("only by another handler");
    expect(await tokensOf(handler)).toEqual([]);
    expect(await mailsTo(handler)).toEqual([]);
    expect(links.lastLinkTo(handler.email)).toBeUndefined();
  });

  it("is refused to the handler for themselves", async () => {
    const self = await clientFor(t.app, handler);
    expect((await self.post(`/api/people/${handler.id}/invite`)).statusCode).toBe(403);
    expect(await tokensOf(handler)).toEqual([]);
  });

  it("is sent by another handler, and the handler gets a notice naming who sent it", async () => {
    const other = await clientFor(t.app, otherHandler);
    expect((await other.post(`/api/people/${handler.id}/invite`)).statusCode).toBe(202);
    expect(await tokensOf(handler)).toHaveLength(1);
    const mails = await mailsTo(handler);
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringContaining("Välkommen"),
      "En ny lösenordslänk har skickats till dig i Tillit",
    ]);
    expect(mails[1].body_text).toContain("Olle Handläggare har skickat en länk till dig");
    const token = /\/konto\/([\w-]+)/.exec(links.lastLinkTo(handler.email) ?? "")?.[1];
    const used = await t.app.inject({
      method: "POST",
      url: `/api/auth/tokens/${token}`,
      payload: { password: "handläggarens lösenord" },
    });
    expect(used.statusCode).toBe(200);
  });

  it("is sent by an administrator who is also a handler, as another handler", async () => {
    const both = await clientFor(t.app, adminHandler);
    expect((await both.post(`/api/people/${otherHandler.id}/invite`)).statusCode).toBe(202);
    expect((await mailsTo(otherHandler)).map((mail) => mail.subject)).toContain(
      "En ny lösenordslänk har skickats till dig i Tillit",
    );
  });

  it("leaves other people's invitations to administrators, without a notice", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    expect((await admin.post(`/api/people/${org.people.employee.id}/invite`)).statusCode).toBe(202);
    expect((await mailsTo(org.people.employee)).map((mail) => mail.subject)).toEqual([
      expect.stringContaining("Välkommen"),
    ]);
    const other = await clientFor(t.app, otherHandler);
    expect((await other.post(`/api/people/${org.people.employee.id}/invite`)).statusCode).toBe(403);
  });
});

describe("a whistleblowing handler's sign-in, changed through the organisation", () => {
  it("is refused to an administrator: no new e-mail address to send a reset to, no ending the role", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    const before = (await admin.get(`/api/people/${handler.id}`)).json();
    const redirect = await admin.patch(`/api/people/${handler.id}`, { email: "attacker@example.se" });
    expect(redirect.statusCode).toBe(403);
    const renumber = await admin.patch(`/api/people/${handler.id}`, { employeeNumber: "ATTACK-1" });
    expect(renumber.statusCode).toBe(403);
    const role = before.roles.find((grant: { role: string }) => grant.role === "whistle_handler");
    const strip = await admin.request({
      method: "DELETE",
      url: `/api/people/${handler.id}/roles/${role.membershipId}`,
    });
    expect(strip.statusCode).toBe(403);
    expect((await admin.get(`/api/people/${handler.id}`)).json()).toEqual(before);
  });

  it("lets an administrator change what does not touch the sign-in, and another handler change the address", async () => {
    const admin = await clientFor(t.app, org.people.admin);
    expect(
      (await admin.patch(`/api/people/${handler.id}`, { name: "Hanna H. Handläggare" })).statusCode,
    ).toBe(200);
    const colleague = await clientFor(t.app, adminHandler);
    const moved = await colleague.patch(`/api/people/${handler.id}`, { email: "hanna.ny@example.se" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().email).toBe("hanna.ny@example.se");
  });
});
