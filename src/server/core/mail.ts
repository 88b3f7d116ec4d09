import { and, asc, desc, eq, lt, type SQL } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "./db.ts";
import type { JobHandler } from "./jobs.ts";
import { mailOutbox } from "./tables.ts";

type MailMessage = { tenantId?: string | null; to: string; subject: string; text: string };
export type Mailer = {
  /** "outbox": no SMTP configured — messages stay in the outbox for administrators to read. */
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
  await db.insert(mailOutbox).values({
    tenantId: message.tenantId ?? null,
    toAddress: message.to,
    subject: message.subject,
    bodyText: message.text,
    status: mode === "smtp" ? "pending" : "kept",
  });
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
