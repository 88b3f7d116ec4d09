import { and, asc, desc, eq, lt, type SQL } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "./db.ts";
import type { JobHandler } from "./jobs.ts";
import { mailOutbox } from "./tables.ts";

type MailMessage = { tenantId?: string | null; to: string; subject: string; text: string };
export type Mailer = {
  /**
   * "outbox": no SMTP configured — messages stay in the outbox for administrators to read, except a
   * one-time link, which only the server's console log shows (see `sendLinkMail`).
   */
  mode: "smtp" | "outbox";
  send(message: { to: string; subject: string; text: string }): Promise<void>;
};

export const MAIL_JOB_KIND = "mail.deliver";
const MAX_ATTEMPTS = 5;

export function createMailer(options: { smtpUrl?: string; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      mode: "outbox",
      send: async () => {
        throw new Error("No SMTP server is configured (SMTP_URL)");
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    mode: "smtp",
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}

/**
 * Every message goes through the outbox table, inside the caller's transaction when there is one,
 * so a mail is never sent for a change that was rolled back.
 */
export async function queueMail(db: Db, message: MailMessage, mode: Mailer["mode"]): Promise<void> {
  await queueMails(db, [message], mode);
}

/** Rows per INSERT when many letters are queued at once (a round's invitations to 15,000 people). */
const MAIL_BATCH = 1_000;

/** Queues many messages in a few statements, in the caller's transaction. */
export async function queueMails(db: Db, messages: MailMessage[], mode: Mailer["mode"]): Promise<void> {
  const status = mode === "smtp" ? ("pending" as const) : ("kept" as const);
  for (let start = 0; start < messages.length; start += MAIL_BATCH)
    await db.insert(mailOutbox).values(
      messages.slice(start, start + MAIL_BATCH).map((message) => ({
        tenantId: message.tenantId ?? null,
        toAddress: message.to,
        subject: message.subject,
        bodyText: message.text,
        status,
      })),
    );
}

/** Sends pending messages; a failing message is retried on later runs and given up after five tries. */
export async function deliverPendingMail(
  db: Db,
  mailer: Mailer,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  if (mailer.mode !== "smtp") return { sent: 0, failed: 0 };
  const pending = await db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.status, "pending"))
    .orderBy(asc(mailOutbox.id))
    .limit(limit);
  let sent = 0;
  let failed = 0;
  for (const message of pending) {
    try {
      await mailer.send({ to: message.toAddress, subject: message.subject, text: message.bodyText });
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), attempts: message.attempts + 1 })
        .where(eq(mailOutbox.id, message.id));
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db
        .update(mailOutbox)
        .set({
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
        })
        .where(eq(mailOutbox.id, message.id));
      failed++;
    }
  }
  return { sent, failed };
}

// ---- mail that carries a one-time link (an invitation, a password reset)
//
// Whoever reads such a link can take over the account, so it is kept from everyone but its addressee:
// the outbox row (what administrators see, and what a copy of the database holds) has the body with
// the link replaced by LINK_HIDDEN. Over SMTP the mail is sent once, right after the transaction that
// created the link commits, from memory; without SMTP the link is written to the server's console
// log, which only the operator of the server reads. A mail whose send fails (or whose process stopped
// before sending) is not retried: the link is nowhere to be found again, so the person asks for a new one.

/** What the stored body of a link mail shows where the link was. */
export const LINK_HIDDEN = "[Länken visas bara för mottagaren.]";

export type LinkMail = {
  tenantId: string | null;
  to: string;
  subject: string;
  link: string;
  /** The body around a link: called with the real link for the addressee, with LINK_HIDDEN for the outbox. */
  text: (link: string) => string;
};

/** A queued link mail, to hand to `sendLinkMail` once the transaction that queued it has committed. */
export type LinkDelivery = { id: number; to: string; subject: string; text: string; link: string };

type Log = { info(object: object, message?: string): void; error(object: object, message?: string): void };

/** Records a link mail in the outbox without its link, in the caller's transaction; nothing is sent yet. */
export async function queueLinkMail(db: Db, mail: LinkMail): Promise<LinkDelivery> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      tenantId: mail.tenantId,
      toAddress: mail.to,
      subject: mail.subject,
      bodyText: mail.text(LINK_HIDDEN),
      // Never "pending": the delivery job would send the body without its link.
      status: "kept",
    })
    .returning({ id: mailOutbox.id });
  return { id: row.id, to: mail.to, subject: mail.subject, text: mail.text(mail.link), link: mail.link };
}

const sending = new Set<Promise<void>>();

/**
 * Delivers a committed link mail: over SMTP in the background (the request that asked for a reset
 * answers as fast whether or not the address has an account), marking the outbox row sent or failed;
 * without SMTP as one info line on the console log naming the addressee and the link.
 */
export function sendLinkMail(db: Db, mailer: Mailer, log: Log, delivery: LinkDelivery): void {
  if (mailer.mode === "outbox") {
    log.info(
      { mailTo: delivery.to, link: delivery.link },
      `No SMTP server: the one-time link for ${delivery.to} is ${delivery.link}`,
    );
    return;
  }
  const job = deliverLinkMail(db, mailer, log, delivery).finally(() => sending.delete(job));
  sending.add(job);
}

async function deliverLinkMail(db: Db, mailer: Mailer, log: Log, delivery: LinkDelivery): Promise<void> {
  const outcome = await mailer.send({ to: delivery.to, subject: delivery.subject, text: delivery.text }).then(
    () => ({ status: "sent" as const, sentAt: new Date(), lastError: null }),
    (error: unknown) => ({
      status: "failed" as const,
      sentAt: null,
      lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
    }),
  );
  try {
    await db
      .update(mailOutbox)
      .set({ ...outcome, attempts: 1 })
      .where(eq(mailOutbox.id, delivery.id));
  } catch (error) {
    log.error({ err: error, outboxId: delivery.id }, "could not record a link mail's delivery");
  }
}

/** Resolves once every link mail being sent has been sent or has failed (for tests and shutdown). */
export async function linkMailsSettled(): Promise<void> {
  await Promise.all([...sending]);
}

export const mailJobHandler =
  (mailer: Mailer): JobHandler =>
  ({ db }) =>
    deliverPendingMail(db, mailer);

export async function listOutbox(db: Db, filter: { tenantId: string; limit: number; beforeId?: number }) {
  const conditions: SQL[] = [eq(mailOutbox.tenantId, filter.tenantId)];
  if (filter.beforeId) conditions.push(lt(mailOutbox.id, filter.beforeId));
  return db
    .select()
    .from(mailOutbox)
    .where(and(...conditions))
    .orderBy(desc(mailOutbox.id))
    .limit(filter.limit);
}
