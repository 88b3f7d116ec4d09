// SCAFFOLD — replaced by the account module work.
import type { FastifyInstance } from "fastify";
export async function authRoutes(_app: FastifyInstance) {}
