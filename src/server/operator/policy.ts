// Who reaches the operator's route. It is no tenant's: nobody signed in to Tillit may use it, only
// a client holding the installation's OPERATOR_TOKEN, and where no token is set the route is not there.
import { allow, type Decision, decide, hide } from "../core/access.ts";
import type { Operator } from "../org/service.ts";

/** Without a configured secret the route does not exist: hidden (404), never "forbidden". */
export const reachOperatorRoute = (configured: boolean): Decision => decide(configured, hide);

/**
 * An operator — whoever runs the command line on the installation, or a client that showed the
 * route's secret — may create tenants: that is what the installation's operator is for.
 */
export const createTenant = (_operator: Operator): Decision => allow;
