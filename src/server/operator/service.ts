// The operator's use cases: proving to be the operator (the route's own secret, tried a limited
// number of times per address) and creating a tenant. The command line is the operator by running
// on the installation, and calls `createTenant` directly.

import * as account from "../account/service.ts";
import { authorize } from "../core/access.ts";
import type { Config } from "../core/config.ts";
import type { Db } from "../core/db.ts";
import { unauthorized } from "../core/errors.ts";
import { deleteHits, RateLimited, recentHits, recordHits, withKeyLock } from "../core/rate-limit.ts";
import type * as org from "../org/service.ts";
import {
  bearerToken,
  keyRequiredText,
  OPERATOR_FAILURES,
  operatorThrottle,
  throttledText,
  tokenMatches,
} from "./model.ts";
import * as policy from "./policy.ts";

/** The answer an unknown path gets, so an installation without the secret shows no such route. */
const noSuchPage = { sv: "Sidan finns inte.", en: "No such page." };

/**
 * The operator behind a request, or an error: 404 when no secret is configured, 429 while the
 * address waits after too many wrong tokens, 401 for a missing or wrong token. The attempt is
 * counted before the token is compared (under the address's lock, so parallel guesses cannot share
 * one allowed moment) and taken back when the token was right: only wrong tokens count.
 */
export async function authenticate(
  db: Db,
  config: Pick<Config, "operatorToken">,
  request: { authorization: string | undefined; address: string },
  now = new Date(),
): Promise<org.Operator> {
  const secret = config.operatorToken ?? "";
  authorize(policy.reachOperatorRoute(secret !== ""), noSuchPage);
  const key = `operator:${request.address}`;
  const attempt = await withKeyLock(db, key, async (tx) => {
    const throttle = operatorThrottle(await recentHits(tx, key, OPERATOR_FAILURES.windowMs, now), now);
    if (!throttle.allowed)
      throw new RateLimited(throttledText(throttle.retryAfterSeconds), throttle.retryAfterSeconds);
    return recordHits(tx, [key], now);
  });
  if (!tokenMatches(secret, bearerToken(request.authorization))) throw unauthorized(keyRequiredText);
  await deleteHits(db, attempt);
  return { via: "api", address: request.address };
}

/**
 * Creates a tenant, its root unit and its first administrator, whose one-time invitation link goes
 * to them by mail, or without SMTP to the console (the server's log, or the command's output).
 */
export async function createTenant(
  sender: account.LinkSender,
  operator: org.Operator | null,
  input: org.NewTenant,
) {
  if (!operator) throw unauthorized(keyRequiredText);
  authorize(policy.createTenant(operator));
  return account.createTenantWithAdmin(sender, operator, input);
}
