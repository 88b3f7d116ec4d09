// Where tests find the mail only its addressee may read: a real SMTP server on loopback, and the
// one-time links the server writes to its console log when no SMTP server is configured.
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";

export type Received = { from: string; to: string[]; raw: string };
export type TestSmtpServer = {
  url: string;
  received: Received[];
  /** Set `refuse` to make the server answer 550 to every message. */
  state: { refuse: boolean };
  close(): Promise<void>;
};

/** A real SMTP server on loopback that keeps what it receives; it can be told to refuse. */
export function startSmtpServer(): Promise<TestSmtpServer> {
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
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received,
        state,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

type LoggedLink = { mailTo: string; link: string };

/**
 * Listens to the application's log for the one-time links it writes without SMTP. The test app logs
 * nothing (level "silent"), so the info calls are observed where they are made, not in the output.
 */
export function captureLoggedLinks(app: FastifyInstance) {
  const logged: LoggedLink[] = [];
  const info = app.log.info.bind(app.log);
  app.log.info = ((object: unknown, ...rest: unknown[]) => {
    if (object && typeof object === "object" && "mailTo" in object && "link" in object)
      logged.push({ mailTo: String(object.mailTo), link: String(object.link) });
    return (info as (...args: unknown[]) => void)(object, ...rest);
  }) as typeof app.log.info;
  return {
    logged,
    /** The last link logged for this address, or undefined. */
    lastLinkTo: (email: string) => logged.filter((entry) => entry.mailTo === email).at(-1)?.link,
  };
}

/** The text of a received message, decoded from quoted-printable or base64 as nodemailer wrote it. */
export function textOf(mail: Received): string {
  const [head, ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}
