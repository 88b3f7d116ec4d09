import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/db.ts";
import type { Database } from "./db.ts";
import { createMailer, deliverPendingMail, listOutbox, queueMail } from "./mail.ts";
import { mailOutbox } from "./tables.ts";

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on loopback that keeps what it receives; it can be told to refuse. */
function startSmtpServer() {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        if (state.refuse)
          return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  return new Promise<{ url: string; received: Received[]; state: typeof state; close(): Promise<void> }>(
    (resolve) => {
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.server.address() as AddressInfo;
        resolve({
          url: `smtp://127.0.0.1:${port}`,
          received,
          state,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    },
  );
}

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
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
