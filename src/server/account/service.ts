// SCAFFOLD — replaced by the account module work.
import type { FastifyInstance } from "fastify";
import type { Db } from "../core/db.ts";
export async function setPassword(_db: Db, _who: { tenantId: string; personId: string }, _password: string): Promise<void> {}
export async function sendAccountLink(
  _app: FastifyInstance,
  _person: { id: string; tenantId: string; name: string; email: string | null },
  _purpose: "invite" | "reset",
): Promise<void> {}
