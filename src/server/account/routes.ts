// Login, logout, sessions, passwords, invitation and reset links, single sign-on, and adding a
// person with their account. Handlers validate, call one use case and set or clear the cookies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { clearSessionCookie, requireActor, sessionTokenOf, setSessionCookie } from "../core/http.ts";
import { personDetailSchema } from "../org/service.ts";
import {
  linkPassword,
  loginBody,
  me,
  newPersonWithAccount,
  passwordChange,
  personParams,
  resetRequest,
  ssoCallbackQuery,
  ssoProviders,
  ssoSettings,
  ssoSettingsBody,
  ssoStartParams,
  tokenInfo,
  tokenParams,
} from "./schemas.ts";
import * as service from "./service.ts";

const OIDC_STATE_COOKIE = "tillit_oidc_state";
const OIDC_COOKIE_PATH = "/api/auth/oidc";
const SSO_FAILED_REDIRECT = "/logga-in?fel=sso";

/** The session cookie of a sign-in, and the person it answers with. */
function answerSignIn(request: FastifyRequest, reply: FastifyReply, signedIn: service.SignedIn) {
  setSessionCookie(reply, request, signedIn.token, signedIn.maxAgeSeconds);
  return signedIn.me;
}

export async function authRoutes(server: FastifyInstance) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const publicRoute = { public: true };

  app.post(
    "/api/auth/login",
    {
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Log in with email and password",
        body: loginBody,
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const signedIn = await service.logIn(app, {
        ...request.body,
        ip: request.ip,
        previousSession: sessionTokenOf(request),
      });
      return answerSignIn(request, reply, signedIn);
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags: ["auth"], summary: "Log out", response: { 204: z.null() } } },
    async (request, reply) => {
      await service.logOut(db, requireActor(request), sessionTokenOf(request));
      clearSessionCookie(reply, request);
      reply.code(204);
      return null;
    },
  );

  app.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], summary: "The signed-in person", response: { 200: me } } },
    (request) => service.me(db, requireActor(request), request.session?.csrfToken ?? ""),
  );

  app.patch(
    "/api/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change one's own password",
        body: passwordChange,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.changePassword(db, requireActor(request), {
        ...request.body,
        sessionId: request.session?.id ?? "",
        lang: request.lang,
      });
      reply.code(204);
      return null;
    },
  );

  app.post(
    "/api/auth/password-reset",
    {
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Ask for a password reset link (always 202)",
        body: resetRequest,
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
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "What an invitation or reset link is for",
        params: tokenParams,
        response: { 200: tokenInfo },
      },
    },
    (request) => service.describeLink(db, request.params.token),
  );

  app.post(
    "/api/auth/tokens/:token",
    {
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Choose a password through an invitation or reset link, and log in",
        params: tokenParams,
        body: linkPassword,
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const signedIn = await service.redeemLink(app, {
        token: request.params.token,
        password: request.body.password,
        lang: request.lang,
        previousSession: sessionTokenOf(request),
      });
      return answerSignIn(request, reply, signedIn);
    },
  );

  // ---- people with accounts (the org module keeps the rest of /api/people)

  app.post(
    "/api/people",
    {
      schema: {
        tags: ["org"],
        summary: "Add a person with a first role, and a password or an invitation",
        body: newPersonWithAccount,
        response: { 201: personDetailSchema },
      },
    },
    async (request, reply) => {
      const created = await service.createPersonWithAccount(app, requireActor(request), request.body);
      reply.code(201);
      return created;
    },
  );

  app.post(
    "/api/people/:id/invite",
    {
      schema: {
        tags: ["auth"],
        summary: "Send an invitation link to a person",
        params: personParams,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await service.invitePerson(app, requireActor(request), request.params.id);
      reply.code(202);
      return null;
    },
  );

  // ---- single sign-on

  app.get(
    "/api/auth/sso",
    {
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Organisations that offer single sign-on",
        response: { 200: ssoProviders },
      },
    },
    async () => ({ providers: await service.ssoProviders(db) }),
  );

  app.get(
    "/api/auth/oidc/:tenantSlug/start",
    {
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Start single sign-on (redirects to the identity provider)",
        params: ssoStartParams,
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
      config: publicRoute,
      schema: {
        tags: ["auth"],
        summary: "Where the identity provider sends the browser back",
        querystring: ssoCallbackQuery,
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      const browserState = request.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_COOKIE_PATH });
      const signedIn = await service.completeSso(app, {
        callbackUrl: new URL(request.url, `${app.config.publicUrl}/`),
        query: request.query,
        browserState,
        previousSession: sessionTokenOf(request),
      });
      if (!signedIn) return reply.redirect(SSO_FAILED_REDIRECT, 302);
      answerSignIn(request, reply, signedIn);
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
    (request) => service.ssoSettings(app, requireActor(request)),
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
    (request) => service.saveSsoSettings(app, requireActor(request), request.body),
  );
}
