import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/db.ts";
import { startSmtpServer, type TestSmtpServer } from "../testing/mail.ts";
import { type Database, queryRows } from "./db.ts";
import {
  createMailer,
  deliverPendingMail,
  LINK_HIDDEN,
  linkMailsSettled,
  listOutbox,
  queueLinkMail,
  queueMail,
  sendLinkMail,
} from "./mail.ts";
import { mailOutbox } from "./tables.ts";

let database: Database;
let smtp: TestSmtpServer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

describe("mail over SMTP", () => {
  it("delivers queued messages to the SMTP server and marks them sent", async () => {
    const { db } = database;
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Tillit <no-reply@exempelkommun.se>" });
    expect(mailer.mode).toBe("smtp");
    await queueMail(
      db,
      {
        to: "karin.lindqvist@exempelkommun.se",
        subject: "Välkommen till Tillit",
        text: "Hej Karin! Åäö fungerar.",
      },
      mailer.mode,
    );

    expect(await deliverPendingMail(db, mailer)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].from).toBe("no-reply@exempelkommun.se");
    expect(smtp.received[0].to).toEqual(["karin.lindqvist@exempelkommun.se"]);
    expect(smtp.received[0].raw).toContain("Subject: =?UTF-8?");
    const [row] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, "karin.lindqvist@exempelkommun.se"));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);

    expect(await deliverPendingMail(db, mailer)).toEqual({ sent: 0, failed: 0 }); // never sent twice
    expect(smtp.received).toHaveLength(1);
  });

  it("keeps a refused message for retry and gives up after five attempts", async () => {
    const { db } = database;
    const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@exempelkommun.se" });
    await queueMail(
      db,
      { to: "studsar@exempelkommun.se", subject: "Återställ lösenord", text: "Länk" },
      mailer.mode,
    );
    smtp.state.refuse = true;
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await deliverPendingMail(db, mailer)).failed).toBe(1);
    smtp.state.refuse = false;
    const [row] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, "studsar@exempelkommun.se"));
    expect(row).toMatchObject({ status: "failed", attempts: 5 });
    expect(row.lastError).toContain("Mailbox unavailable");
    expect((await deliverPendingMail(db, mailer)).failed).toBe(0);
  });
});

describe("mail without SMTP", () => {
  it("keeps messages in the outbox, readable per tenant, and sends nothing", async () => {
    const { db } = database;
    const mailer = createMailer({ from: "no-reply@tillit.local" });
    expect(mailer.mode).toBe("outbox");
    const tenantId = "7d1f8c2e-3a4b-4c5d-8e6f-000000000001";
    await queueMail(
      db,
      { tenantId, to: "anna@exempelkommun.se", subject: "Inbjudan", text: "Välkommen" },
      mailer.mode,
    );
    await queueMail(
      db,
      { tenantId: "7d1f8c2e-3a4b-4c5d-8e6f-000000000002", to: "other@x.se", subject: "Annan", text: "x" },
      mailer.mode,
    );

    expect(await deliverPendingMail(db, mailer)).toEqual({ sent: 0, failed: 0 });
    const items = await listOutbox(db, { tenantId, limit: 10 });
    expect(items.map((item) => [item.toAddress, item.status])).toEqual([["anna@exempelkommun.se", "kept"]]);
  });
});

describe("mail with a one-time link", () => {
  const link = "https://tillit.example.se/konto/hemlig-engangslank-0123456789abcdef";
  const linkMail = (to: string) => ({
    tenantId: null,
    to,
    subject: "Återställ ditt lösenord i Tillit",
    link,
    text: (shown: string) => `Hej!\n\n${shown}\n\nHälsningar`,
  });
  const silentLog = { info: () => {}, error: () => {} };
  /** Every place the database keeps text about the mail: a copy of it must not hold the link. */
  const storedAnywhere = async (to: string) =>
    JSON.stringify(await queryRows(database.db, sql`select * from mail_outbox where to_address = ${to}`));

  it("over SMTP sends the link to the addressee and stores the mail without it", async () => {
    const { db } = database;
    const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@exempelkommun.se" });
    const to = "lank.smtp@exempelkommun.se";
    const delivery = await queueLinkMail(db, linkMail(to));
    expect(await storedAnywhere(to)).not.toContain("hemlig");
    expect(await deliverPendingMail(db, mailer)).toEqual({ sent: 0, failed: 0 }); // not the job's to send

    sendLinkMail(db, mailer, silentLog, delivery);
    await linkMailsSettled();
    const received = smtp.received.filter((mail) => mail.to.includes(to));
    expect(received).toHaveLength(1);
    expect(received[0].raw.replace(/=\r?\n/g, "")).toContain(link);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      bodyText: `Hej!\n\n${LINK_HIDDEN}\n\nHälsningar`,
    });
    expect(await storedAnywhere(to)).not.toContain("hemlig");
  });

  it("over SMTP records a refused link mail as failed and never sends it later without its link", async () => {
    const { db } = database;
    const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@exempelkommun.se" });
    const to = "lank.studsar@exempelkommun.se";
    const delivery = await queueLinkMail(db, linkMail(to));
    smtp.state.refuse = true;
    sendLinkMail(db, mailer, silentLog, delivery);
    await linkMailsSettled();
    smtp.state.refuse = false;
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("Mailbox unavailable");
    expect(await deliverPendingMail(db, mailer)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.some((mail) => mail.to.includes(to))).toBe(false);
  });

  it("without SMTP writes one info line naming the addressee and the link, and stores the mail without it", async () => {
    const { db } = database;
    const mailer = createMailer({ from: "no-reply@tillit.local" });
    const to = "lank.konsol@exempelkommun.se";
    const lines: { object: object; message?: string }[] = [];
    const log = {
      info: (object: object, message?: string) => lines.push({ object, message }),
      error: () => {},
    };
    sendLinkMail(db, mailer, log, await queueLinkMail(db, linkMail(to)));
    expect(lines).toEqual([{ object: { mailTo: to, link }, message: expect.stringContaining(link) }]);
    expect(lines[0].message).toContain(to);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
    expect(row.status).toBe("kept");
    expect(await storedAnywhere(to)).not.toContain("hemlig");
  });
});
