// Who sees the platform's machinery: the audit log, the outbox and the jobs.
import { type Actor, type Decision, decide, deny, hasRole, hide } from "../core/access.ts";

const adminsOnly = {
  sv: "Bara administratörer kan se detta.",
  en: "Only administrators can see this.",
};

/** The audit log, the mail outbox and the job list are the tenant administrators' tools. */
export const viewAdminPages = (actor: Actor): Decision => decide(hasRole(actor, "admin"), deny(adminsOnly));

/** A job's status is visible to whoever started it, and to administrators. */
export function viewJob(actor: Actor, job: { tenantId: string | null; createdBy: string | null }): Decision {
  if (job.tenantId !== actor.tenantId) return hide;
  return decide(hasRole(actor, "admin") || job.createdBy === actor.personId, hide);
}
