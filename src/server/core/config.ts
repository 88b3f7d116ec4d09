import path from "node:path";
import { z } from "zod";

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default("127.0.0.1"),
  dataDir: z.string().default("./data"),
  databaseUrl: z.string().optional(),
  smtpUrl: z.string().optional(),
  mailFrom: z.string().default("Tillit <no-reply@tillit.local>"),
  publicUrl: z.string().optional(),
  demo: z.enum(["on", "off"]).default("on"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  sessionIdleMinutes: z.coerce.number().int().positive().default(60),
  sessionAbsoluteHours: z.coerce.number().int().positive().default(12),
  trustProxy: z.enum(["true", "false"]).default("false"),
  workerId: z.string().optional(),
  jobLeaseSeconds: z.coerce.number().int().min(3).default(60),
  jobPollMs: z.coerce.number().int().min(50).default(1000),
  operatorToken: z
    .string()
    .min(32, "OPERATOR_TOKEN must have at least 32 characters (e.g. openssl rand -base64 32)")
    .optional(),
  sealKey: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Base URL used in e-mailed links and as the OIDC redirect base. */
  publicUrl: string;
  demo: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  workerId: string;
  /** A running job whose heartbeat is older than this is taken to have died with its server. */
  jobLeaseSeconds: number;
  jobPollMs: number;
  /** OPERATOR_TOKEN: the operator's secret for POST /api/operator/tenants; unset → that route does not exist. */
  operatorToken?: string;
  /** TILLIT_SEAL_KEY: the key for data sealed at rest (core/seal.ts); unset → a key file beside DATA_DIR. */
  sealKey?: string;
};

/** Reads configuration from the environment; every key has a default that suits `npm start`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = configSchema.parse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL || undefined,
    demo: env.TILLIT_DEMO,
    logLevel: env.LOG_LEVEL,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    trustProxy: env.TRUST_PROXY,
    workerId: env.WORKER_ID,
    jobLeaseSeconds: env.JOB_LEASE_SECONDS,
    jobPollMs: env.JOB_POLL_MS,
    operatorToken: env.OPERATOR_TOKEN || undefined,
    sealKey: env.TILLIT_SEAL_KEY || undefined,
  });
  return {
    ...raw,
    dataDir: path.resolve(raw.dataDir),
    publicUrl: (raw.publicUrl ?? `http://${raw.host}:${raw.port}`).replace(/\/$/, ""),
    demo: raw.demo === "on",
    trustProxy: raw.trustProxy === "true",
    workerId: raw.workerId ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}
