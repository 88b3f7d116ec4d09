import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize, ROLES } from "../core/access.ts";
import { recordAudit } from "../core/audit.ts";
import { AppError, badRequest, notFound } from "../core/errors.ts";
import {
  clearSessionCookie,
  requireActor,
  SESSION_COOKIE,
  sessionPolicy,
  setSessionCookie,
} from "../core/http.ts";
import { createSession, destroySession } from "../core/sessions.ts";
import { normaliseEmail } from "../org/model.ts";
import * as orgStore from "../org/store.ts";
import { issuerProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./model.ts";
import * as policy from "./policy.ts";
import * as service from "./service.ts";
import * as store from "./store.ts";

const OIDC_STATE_COOKIE = "tillit_oidc_state";
const OIDC_COOKIE_PATH = "/api/auth/oidc";
const SSO_FAILED_REDIRECT = "/logga-in?fel=sso";

const email = z.email().max(254).transform(normaliseEmail);
/** Any string up to the cap: a login must not reveal the password policy, and old passwords may be shorter. */
const anyPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const tokenParams = z.object({ token: z.string().min(10).max(200) });

const me = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  tenantId: z.uuid(),
  tenantName: z.string(),
  roles: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), role: z.enum(ROLES) })),
  csrfToken: z.string(),
});
const tokenInfo = z.object({
  purpose: z.enum(["invite", "reset"]),
  name: z.string(),
  email: z.string().nullable(),
});
const ssoSettings = z.object({
  configured: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  matchBy: z.enum(["email", "employee_number"]),
  employeeNumberClaim: z.string(),
  enabled: z.boolean(),
  redirectUri: z.string(),
});
const ssoSettingsBody = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().max(2000).optional(),
  matchBy: z.enum(["email", "employee_number"]),
  employeeNumberClaim: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/)
    .default("employee_number"),
  enabled: z.boolean(),
});

/** Login, logout, sessions, passwords, invitation and reset links, and single sign-on. */
export async function authRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  /** Starts a session for the person and answers with who they are. */
  async function signIn(request: FastifyRequest, reply: FastifyReply, who: service.Who, how: string) {
    const actor = await orgStore.loadActor(db, who);
    if (!actor) throw new AppError(401, "invalid_credentials", service.invalidLogin);
    // A session the browser already had is replaced, never upgraded (no session fixation).
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await destroySession(db, previous);
    const policyNow = sessionPolicy(app.config);
    const { token, csrfToken } = await createSession(db, who, policyNow);
    setSessionCookie(reply, request, token, policyNow.absoluteHours * 3600);
    await recordAudit(db, {
      tenantId: actor.tenantId,
      actorId: actor.personId,
      actorName: actor.name,
      action: "auth.login",
      targetType: "person",
      targetId: actor.personId,
      summary: `${actor.name} loggade in (${how})`,
    });
    return service.describeMe(db, actor, csrfToken);
  }

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Log in with email and password",
        body: z.object({ email, password: anyPassword }),
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const who = await service.loginWithPassword(db, { ...request.body, ip: request.ip });
      return signIn(request, reply, who, "lösenord");
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags: ["auth"], summary: "Log out", response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await destroySession(db, token);
      clearSessionCookie(reply);
      await recordAudit(db, {
        tenantId: actor.tenantId,
        actorId: actor.personId,
        actorName: actor.name,
        action: "auth.logout",
        targetType: "person",
        targetId: actor.personId,
        summary: `${actor.name} loggade ut`,
      });
      reply.code(204);
      return null;
    },
  );

  app.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], summary: "The signed-in person", response: { 200: me } } },
    async (request) => {
      const actor = requireActor(request);
      return service.describeMe(db, actor, request.session?.csrfToken ?? "");
    },
  );

  app.patch(
    "/api/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change one's own password",
        body: z.object({ currentPassword: anyPassword, newPassword }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await service.changePassword(db, actor, request.session?.id ?? "", request.body, request.lang);
      reply.code(204);
      return null;
    },
  );

  app.post(
    "/api/auth/password-reset",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Ask for a password reset link (always 202)",
        body: z.object({ email }),
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await service.requestPasswordReset(app, request.body.email);
      reply.code(202);
      return null;
    },
  );

  app.get(
    "/api/auth/tokens/:token",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "What an invitation or reset link is for",
        params: tokenParams,
        response: { 200: tokenInfo },
      },
    },
    async (request) => {
      const { row, person } = await service.inspectToken(db, request.params.token);
      return { purpose: row.purpose, name: person.name, email: person.email };
    },
  );

  app.post(
    "/api/auth/tokens/:token",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Choose a password through an invitation or reset link, and log in",
        params: tokenParams,
        body: z.object({ password: newPassword }),
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const who = await service.redeemToken(db, request.params.token, request.body.password, request.lang);
      return signIn(request, reply, who, "e-postlänk");
    },
  );

  app.post(
    "/api/people/:id/invite",
    {
      schema: {
        tags: ["auth"],
        summary: "Send an invitation link to a person",
        params: z.object({ id: z.uuid() }),
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const person = await orgStore.getPerson(db, actor.tenantId, request.params.id);
      if (!person) throw notFound({ sv: "Personen finns inte.", en: "The person does not exist." });
      authorize(policy.invitePerson(actor, person));
      await service.invite(app, actor, person);
      reply.code(202);
      return null;
    },
  );

  // ---- single sign-on

  app.get(
    "/api/auth/sso",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Organisations that offer single sign-on",
        response: {
          200: z.object({ providers: z.array(z.object({ tenantSlug: z.string(), tenantName: z.string() })) }),
        },
      },
    },
    async () => ({ providers: await service.ssoProviders(db) }),
  );

  app.get(
    "/api/auth/oidc/:tenantSlug/start",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Start single sign-on (redirects to the identity provider)",
        params: z.object({ tenantSlug: z.string().min(1).max(100) }),
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      const { url, state } = await service.startSso(app, request.params.tenantSlug);
      reply.setCookie(OIDC_STATE_COOKIE, state, {
        path: OIDC_COOKIE_PATH,
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        maxAge: 600,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    "/api/auth/oidc/callback",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Where the identity provider sends the browser back",
        querystring: z.looseObject({
          state: z.string().max(500).optional(),
          code: z.string().max(4000).optional(),
          error: z.string().max(200).optional(),
        }),
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      const browserState = request.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_COOKIE_PATH });
      const callbackUrl = new URL(request.url, `${app.config.publicUrl}/`);
      const result = await service.finishSso(app, callbackUrl, request.query, browserState);
      if (result.outcome !== "signed_in") return reply.redirect(SSO_FAILED_REDIRECT, 302);
      await signIn(request, reply, result.who, "single sign-on");
      return reply.redirect("/", 302);
    },
  );

  app.get(
    "/api/admin/sso",
    {
      schema: {
        tags: ["admin"],
        summary: "The tenant's single sign-on settings",
        response: { 200: ssoSettings },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageSso(actor));
      return service.ssoView(await store.getOidcConfig(db, actor.tenantId), app.config);
    },
  );

  app.put(
    "/api/admin/sso",
    {
      schema: {
        tags: ["admin"],
        summary: "Set the tenant's single sign-on settings",
        body: ssoSettingsBody,
        response: { 200: ssoSettings },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(policy.manageSso(actor));
      const problem = issuerProblem(request.body.issuer);
      if (problem) throw badRequest(problem, [{ path: "body.issuer", message: problem[request.lang] }]);
      const saved = await service.saveSsoSettings(db, actor, request.body);
      return service.ssoView(saved, app.config);
    },
  );
}
