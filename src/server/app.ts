import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./core/config.ts";
import type { Database } from "./core/db.ts";
import { frameworkErrors, httpCore } from "./core/http.ts";
import { createMailer, type Mailer } from "./core/mail.ts";
import { auditActionsOf } from "./core/module.ts";
import { createSealer, type Sealer, sealKeyOf } from "./core/seal.ts";
import { MODULES } from "./modules.ts";
import { loadActor } from "./org/service.ts";

export const VERSION = "0.1.0";
/** helmet's own default: a year, subdomains included. */
const HSTS = "max-age=31536000; includeSubDomains";
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export type AppOptions = {
  config: Config;
  database: Database;
  mailer?: Mailer;
  sealer?: Sealer;
  logger?: boolean | object;
};

/** Builds the whole HTTP application without listening; tests drive it with `app.inject()`. */
export async function buildApp({
  config,
  database,
  mailer,
  sealer,
  logger = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && { ...(typeof logger === "object" ? logger : {}), serializers: { req: loggedRequest } },
    trustProxy: config.trustProxy,
    bodyLimit: 20 * 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", database.db);
  app.decorate("database", database);
  app.decorate("config", config);
  app.decorate("mailer", mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }));
  app.decorate("sealer", sealer ?? createSealer(sealKeyOf(config)));
  app.decorate("auditActions", auditActionsOf(MODULES));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { "img-src": ["'self'", "data:"], "style-src": ["'self'", "'unsafe-inline'"] },
    },
    // Strict-Transport-Security only on answers that came over HTTPS (RFC 6797 §7.2): over plain
    // HTTP it means nothing, and an embedded install on http://host:3000 must not be pinned to TLS.
    hsts: false,
  });
  app.addHook("onRequest", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS);
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Tillit API", version: VERSION, description: "Trust-based governance and follow-up" },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(httpCore, { loadActor });

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["operations"],
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgres"]),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await database.db.execute(sql`select 1`);
      return { status: "ok" as const, database: database.kind, version: VERSION };
    },
  );
  for (const module of MODULES) for (const routes of module.routes) await app.register(routes);

  await serveWebApp(app);
  return app;
}

/**
 * What the log keeps of a request: method and path, with one-time link tokens cut out — a log
 * reader must not be able to open someone's invitation or reset link. No addresses, no headers.
 */
export function loggedRequest(request: { method: string; url: string }) {
  return { method: request.method, url: request.url.replace(/\/(tokens|konto)\/[^/?#]+/g, "/$1/…") };
}

/** Hashed build output (vite names every file under assets/ by its content): a year, never asked again. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The built single-page app, with every non-API path answered by index.html. The build writes a
 * brotli and a gzip copy beside each text file (vite.config.ts); the one the browser accepts is sent,
 * with `Content-Encoding` and `Vary: accept-encoding`. index.html names the current hashed files, so it
 * is asked for again on every visit (`no-cache`: a 304 while it has not changed).
 */
export async function serveWebApp(app: FastifyInstance, root = webRoot) {
  if (!fs.existsSync(path.join(root, "index.html"))) return;
  const assets = path.join(root, "assets") + path.sep;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (reply, file) =>
      reply.header("cache-control", file.startsWith(assets) ? IMMUTABLE : "no-cache"),
  });
  app.get("/*", { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    const file = request.url.split("?")[0].slice(1);
    if (file && fs.existsSync(path.join(root, file)) && !file.includes("..")) return reply.sendFile(file);
    return reply.type("text/html").sendFile("index.html");
  });
}
