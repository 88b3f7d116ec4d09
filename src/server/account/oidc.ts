import * as client from "openid-client";
import { isLoopbackHttp } from "./model.ts";

/** What the app needs to talk to one tenant's identity provider. */
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string };

/** A started authorisation-code login: the browser goes to `url`, the rest waits in oidc_state. */
type LoginRequest = { url: URL; state: string; nonce: string; codeVerifier: string };

const OIDC_SCOPE = "openid email profile";

const DISCOVERY_TTL_MS = 60 * 60_000;
const discovered = new Map<string, { config: client.Configuration; at: number }>();

/**
 * The provider's configuration, discovered once an hour per (issuer, client). Plain HTTP is only
 * allowed to an issuer on the loopback interface, which is where tests run their provider.
 */
async function configurationFor(settings: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const config = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    settings.clientSecret ? settings.clientSecret : undefined,
    settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
    isLoopbackHttp(settings.issuer)
      ? { execute: [client.allowInsecureRequests], timeout: 10 }
      : { timeout: 10 },
  );
  discovered.set(key, { config, at: Date.now() });
  return config;
}

/** Forgets discovered configurations, e.g. after an administrator changed the settings. */
export const forgetConfigurations = () => discovered.clear();

/** Authorisation code flow with PKCE (S256), state and nonce. */
export async function startLogin(settings: OidcSettings, redirectUri: string): Promise<LoginRequest> {
  const config = await configurationFor(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: OIDC_SCOPE,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Redeems the code from the callback URL after checking state, nonce, PKCE and the ID token, and
 * returns the person's claims: the ID token's, completed from the userinfo endpoint when there is one.
 */
export async function finishLogin(
  settings: OidcSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<Record<string, unknown>> {
  const config = await configurationFor(settings);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("The identity provider returned no ID token");
  const claims: Record<string, unknown> = { ...idClaims };
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    for (const [name, value] of Object.entries(userInfo)) if (!(name in claims)) claims[name] = value;
  }
  return claims;
}
