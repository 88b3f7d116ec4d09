import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { Actor } from "./access.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db.ts";
import { AppError, type ErrorBody, type Lang, type Text, unauthorized } from "./errors.ts";
import type { Mailer } from "./mail.ts";
import { RateLimited } from "./rate-limit.ts";
import { NOTHING_TO_CHANGE } from "./refinements.ts";
import type { Sealer } from "./seal.ts";
import { type LiveSessionQuery, liveSessionQuery, type SessionPolicy, type SessionRow } from "./sessions.ts";
import { confineTo, inRequestScope } from "./tenant-wall.ts";

export const SESSION_COOKIE = "tillit_session";
/**
 * The session cookie's name over TLS. Browsers keep a `__Host-` cookie only when it is Secure, on
 * path / and without Domain, so neither a plain-HTTP page nor a sibling subdomain can set it.
 */
const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
const LANG_COOKIE = "tillit_lang";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
    mailer: Mailer;
    /** Seals what must not be readable from a copy of the database (core/seal.ts). */
    sealer: Sealer;
    /** Audit action codes in words, from every module's manifest entry. */
    auditActions: Record<string, Text>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionRow | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, password reset, health, the public web app). */
    public?: boolean;
  }
}

/**
 * The live session and the signed-in person behind it, with their current roles, or null: given by
 * the app (core knows no module), it answers in one statement that joins the person to the session's
 * query, so a signed-in request costs one round trip before its route runs.
 */
type LoadActor = (db: Db, session: LiveSessionQuery) => Promise<{ session: SessionRow; actor: Actor } | null>;

export const sessionPolicy = (config: Config): SessionPolicy => ({
  idleMinutes: config.sessionIdleMinutes,
  absoluteHours: config.sessionAbsoluteHours,
});

/** The signed-in actor; routes that are not public can rely on it being there. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export const pick = (lang: Lang, text: Text): string => text[lang];

function languageOf(request: FastifyRequest): Lang {
  const chosen = request.cookies?.[LANG_COOKIE];
  if (chosen === "sv" || chosen === "en") return chosen;
  const accept = request.headers["accept-language"] ?? "";
  const first = accept.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "sv";
}

/** The session token the request carries, under either name (the `__Host-` one first). */
export const sessionTokenOf = (request: FastifyRequest): string | undefined =>
  request.cookies[HOST_SESSION_COOKIE] ?? request.cookies[SESSION_COOKIE];

/**
 * Session cookie attributes: httpOnly, SameSite=Lax; whenever the request came over HTTPS (behind
 * TRUST_PROXY, as the proxy's X-Forwarded-Proto says) also Secure and the `__Host-` name.
 */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  maxAgeSeconds: number,
) {
  const secure = request.protocol === "https";
  reply.setCookie(secure ? HOST_SESSION_COOKIE : SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: maxAgeSeconds,
  });
}

/** Clears the cookie under both names (a browser accepts clearing a `__Host-` cookie only over TLS). */
export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  if (request.protocol === "https") reply.clearCookie(HOST_SESSION_COOKIE, { path: "/", secure: true });
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Sessions, actor, language, CSRF and the one error shape. Registered before every module so
 * that each route gets the same order: authenticate → check CSRF → validate → policy in handler.
 */
export const httpCore = fp(async (app: FastifyInstance, options: { loadActor: LoadActor }) => {
  await app.register(cookie);
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.decorateRequest("lang", "sv");

  // Each request's database work in a scope of its own (core/tenant-wall.ts): the system's while it
  // is anonymous, its actor's tenant from the moment the actor is known.
  app.addHook("onRequest", (_request, _reply, done) => inRequestScope(done));
  app.addHook("onRequest", async (request) => {
    request.lang = languageOf(request);
    // Only the API acts for a person; the web app's files are the same for everyone, so fetching
    // them asks nothing of the database.
    if (!request.url.startsWith("/api/")) return;
    const token = sessionTokenOf(request);
    const signedIn =
      token && (await options.loadActor(app.db, liveSessionQuery(token, sessionPolicy(app.config))));
    if (signedIn) {
      request.session = signedIn.session;
      request.actor = signedIn.actor;
      confineTo(signedIn.actor.tenantId);
    }
    if (MUTATING.has(request.method)) checkRequestOrigin(request);
    if (request.routeOptions.config?.public) return;
    if (!request.actor) throw unauthorized();
    if (MUTATING.has(request.method) && request.headers[CSRF_HEADER] !== request.session?.csrfToken) {
      throw new AppError(403, "csrf", {
        sv: "Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.",
        en: "The request lacks a valid CSRF token. Reload the page and try again.",
      });
    }
  });

  // Before any schema: text PostgreSQL cannot store (NUL) or that is no text at all (a lone UTF-16
  // surrogate) is the client's mistake, refused with the field named — never a 500 from the database.
  app.addHook("preValidation", async (request) => {
    const issues = [
      ...unstorableText(request.body, "body"),
      ...unstorableText(request.query, "querystring"),
      ...unstorableText(request.params, "params"),
    ].map((path) => ({ path, message: pick(request.lang, UNSTORABLE) }));
    if (issues.length)
      throw new AppError(
        400,
        "validation",
        {
          sv: "Texten innehåller tecken som inte kan sparas.",
          en: "The text contains characters that cannot be stored.",
        },
        issues,
      );
  });

  // After the schema: a PATCH whose body, as the schema read it, names no field (`{}`, or only
  // fields the route does not know) changes nothing and is refused — one rule for every PATCH route.
  app.addHook("preHandler", async (request) => {
    if (request.method !== "PATCH" || !request.routeOptions.schema?.body || !isEmptyChange(request.body))
      return;
    const message = pick(request.lang, NOTHING_TO_CHANGE);
    throw new AppError(400, "validation", NOTHING_TO_CHANGE, [{ path: "body", message }]);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: "not_found",
        message: pick(request.lang, { sv: "Sidan finns inte.", en: "No such page." }),
      },
    };
    reply.code(404).send(body);
  });

  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error, request);
    if (error instanceof RateLimited) reply.header("retry-after", String(error.retryAfterSeconds));
    if (body.status >= 500) request.log.error({ err: error }, "request failed");
    reply.code(body.status).send({ error: body.error } satisfies ErrorBody);
  });
});

/**
 * Fastify's own refusals before any route or hook runs — a broken %-escape, a path part over its
 * length limit — in the one error shape and the caller's language, without echoing the address.
 * Given to the Fastify constructor (app.ts).
 */
export function frameworkErrors(
  error: { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const body: ErrorBody = {
    error: {
      code: "bad_request",
      message: pick(languageOf(request), {
        sv: "Adressen kunde inte läsas. Kontrollera länken.",
        en: "The address could not be read. Check the link.",
      }),
    },
  };
  reply.code(error.statusCode ?? 400).send(body);
}

/**
 * Rejects cross-site mutations by their Origin header. Browsers send Origin on every cross-site
 * POST, so this blocks login CSRF too, where no session exists yet.
 */
function checkRequestOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = "";
  }
  if (originHost !== request.headers.host) {
    throw new AppError(403, "cross_origin", {
      sv: "Begäran kom från en annan webbplats och avvisades.",
      en: "The request came from another site and was refused.",
    });
  }
}

type FieldIssue = { path: string; message: string };

const isEmptyChange = (body: unknown) =>
  body === undefined ||
  body === null ||
  (typeof body === "object" &&
    !Array.isArray(body) &&
    Object.values(body).every((value) => value === undefined));

const UNSTORABLE: Text = {
  sv: "Innehåller ett tecken som inte kan sparas (ett nolltecken eller en trasig teckenkod).",
  en: "Contains a character that cannot be stored (a NUL or a broken character code).",
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes("\u0000") || LONE_SURROGATE.test(text);

/**
 * The paths (`body.title`, `body.items.2.text`) of every string, or key, that cannot be stored.
 * A loop over a stack, not recursion: JSON nested a hundred thousand deep parses fine and must
 * not overflow the call stack here (a 500) before the schema refuses it.
 */
function unstorableText(value: unknown, path: string): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length) {
    const [item, at] = pending.pop() as [unknown, string];
    if (typeof item === "string") {
      if (unstorable(item)) found.push(at);
    } else if (item !== null && typeof item === "object") {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (unstorable(key)) found.push(`${at}.${key}`);
        else pending.push([child, `${at}.${key}`]);
      }
    }
  }
  return found;
}

const isText = (value: object): value is Text =>
  Object.keys(value).length === 2 &&
  typeof (value as Text).sv === "string" &&
  typeof (value as Text).en === "string";

/** Error details may carry `{sv, en}` texts (an import's line errors); the caller gets their language. */
function localiseTexts(value: unknown, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((item) => localiseTexts(item, lang));
  if (value === null || typeof value !== "object") return value;
  if (isText(value)) return value[lang];
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, localiseTexts(item, lang)]));
}

function toErrorBody(error: unknown, request: FastifyRequest): { status: number; error: ErrorBody["error"] } {
  const { lang } = request;
  if (error instanceof AppError) {
    return {
      status: error.statusCode,
      error: {
        code: error.code,
        message: pick(lang, error.text),
        ...(error.details ? { details: localiseTexts(error.details, lang) } : {}),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((issue) => ({
      path: [error.validationContext, ...issue.instancePath.split("/").filter(Boolean)].join("."),
      message: isBlank(sentValue(request, error.validationContext, issue.instancePath))
        ? pick(lang, { sv: "Fyll i fältet.", en: "Fill in this field." })
        : describeIssue(issue as unknown as ZodIssueLike, lang),
    }));
    // The message is for people, who know the fields by their labels, not by their API paths:
    // forms put each detail beside its field; API clients read the paths in `details`.
    return {
      status: 400,
      error: {
        code: "validation",
        message: pick(
          lang,
          issues.length === 1
            ? { sv: "Ett fält behöver rättas.", en: "One field needs correcting." }
            : {
                sv: `${issues.length} fält behöver rättas.`,
                en: `${issues.length} fields need correcting.`,
              },
        ),
        details: issues,
      },
    };
  }
  if (isResponseSerializationError(error)) {
    return { status: 500, error: { code: "internal", message: internalMessage(lang) } };
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { status, error: { code: clientErrorCode(status), message: clientErrorMessage(status, lang) } };
  }
  return { status: 500, error: { code: "internal", message: internalMessage(lang) } };
}

const internalMessage = (lang: Lang) =>
  pick(lang, {
    sv: "Något gick fel hos oss. Försök igen om en stund.",
    en: "Something went wrong on our side. Please try again shortly.",
  });

const clientErrorCode = (status: number) =>
  ({ 413: "too_large", 415: "unsupported_media_type", 429: "rate_limited" })[status] ?? "bad_request";

function clientErrorMessage(status: number, lang: Lang): string {
  if (status === 413)
    return pick(lang, { sv: "Filen eller begäran är för stor.", en: "The file or request is too large." });
  if (status === 415)
    return pick(lang, {
      sv: "Innehållstypen stöds inte. Skicka JSON.",
      en: "Unsupported content type. Send JSON.",
    });
  if (status === 429)
    return pick(lang, { sv: "För många försök. Vänta en stund.", en: "Too many attempts. Please wait." });
  return pick(lang, {
    sv: "Begäran kunde inte läsas. Kontrollera formatet.",
    en: "The request could not be read. Check its format.",
  });
}

/** What the client sent at a validation issue's path (`/reporters/0`) in the body, query or params. */
function sentValue(request: FastifyRequest, context: string | undefined, instancePath: string): unknown {
  const parts: Record<string, unknown> = {
    body: request.body,
    querystring: request.query,
    params: request.params,
  };
  let value = context ? parts[context] : undefined;
  for (const key of instancePath.split("/").filter(Boolean)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * An empty field reads "fill it in", whatever rule it broke: an empty e-mail address is missing,
 * not "of the wrong format". An absent whole body (no JSON at all) is not a blank field.
 */
const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && !value.trim());

type ZodIssueLike = {
  keyword?: string;
  message?: string;
  params?: { minimum?: unknown; maximum?: unknown; origin?: string; params?: { text?: Text } };
};

/** Field messages in the person's language; zod's own English texts are the fallback. */
function describeIssue(validation: ZodIssueLike, lang: Lang): string {
  const issue = { ...validation.params, message: validation.message };
  switch (validation.keyword) {
    case "invalid_type":
      return pick(lang, { sv: "Saknas eller har fel typ.", en: "Missing or of the wrong type." });
    case "too_small":
      if (issue.origin === "string" && issue.minimum === 1)
        return pick(lang, { sv: "Fyll i fältet.", en: "Fill in this field." });
      if (issue.origin === "array" && issue.minimum === 1)
        return pick(lang, { sv: "Välj minst ett.", en: "Choose at least one." });
      return issue.origin === "string"
        ? pick(lang, { sv: `Minst ${issue.minimum} tecken.`, en: `At least ${issue.minimum} characters.` })
        : pick(lang, { sv: `Minst ${issue.minimum}.`, en: `At least ${issue.minimum}.` });
    case "too_big":
      return issue.origin === "string"
        ? pick(lang, { sv: `Högst ${issue.maximum} tecken.`, en: `At most ${issue.maximum} characters.` })
        : pick(lang, { sv: `Högst ${issue.maximum}.`, en: `At most ${issue.maximum}.` });
    case "invalid_format":
      return pick(lang, { sv: "Har fel format.", en: "Has the wrong format." });
    case "invalid_value":
      return pick(lang, { sv: "Välj ett av alternativen.", en: "Choose one of the options." });
    case "unrecognized_keys":
      return pick(lang, { sv: "Innehåller okända fält.", en: "Contains unknown fields." });
    case "custom":
      return validation.params?.params?.text
        ? pick(lang, validation.params.params.text)
        : (issue.message ?? pick(lang, { sv: "Ogiltigt värde.", en: "Invalid value." }));
    default:
      return issue.message ?? pick(lang, { sv: "Ogiltigt värde.", en: "Invalid value." });
  }
}
