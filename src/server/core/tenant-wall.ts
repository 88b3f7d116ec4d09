// Whose rows the current work may see, for PostgreSQL's row-level security (drizzle/0007_tenant_wall.sql,
// docs/security.md). The application's own scoping — every store query filters by tenant — is the
// first wall; this is the second: while a signed-in person's request is handled, every connection
// it uses says `tillit.tenant = <their tenant>`, so even a query that forgot its tenant filter reads
// and writes only that tenant's rows. Work outside such a request (public routes, jobs, the command
// line, migrations, tests' own set-up) is the system's and says '*'.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

export const SYSTEM = "*";

const scope = new AsyncLocalStorage<{ tenant: string }>();

/** The tenant the current work is confined to, or SYSTEM. */
export const currentTenantScope = (): string => scope.getStore()?.tenant ?? SYSTEM;

/** Runs a request's work in a scope of its own, the system's until `confineTo` narrows it. */
export const inRequestScope = (work: () => void): void => scope.run({ tenant: SYSTEM }, work);

/** Confines the rest of the current request to one tenant (once its actor is known). */
export function confineTo(tenantId: string): void {
  const store = scope.getStore();
  if (store) store.tenant = tenantId;
}

const declared = new WeakMap<pg.PoolClient, string>();

/** Tells the connection whose rows it may see, unless it already says so. */
async function declare(client: pg.PoolClient, tenant: string): Promise<void> {
  if (declared.get(client) === tenant) return;
  await client.query("select set_config('tillit.tenant', $1, false)", [tenant]);
  declared.set(client, tenant);
}

/**
 * Makes every connection the pool hands out — for a transaction or a single query — declare the
 * current work's tenant first. The scope is read when the work asks, in its own async context.
 */
export function walledPool(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool);
  const release = (client: pg.PoolClient) => client.release();
  const connectScoped = async (): Promise<pg.PoolClient> => {
    const tenant = currentTenantScope();
    const client = await connect();
    try {
      await declare(client, tenant);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return client;
  };
  const scoped = Object.assign(pool, {
    connect: ((callback?: unknown) =>
      // pg calls connect with a callback internally; only the promise form is the application's.
      typeof callback === "function" ? connect(callback as never) : connectScoped()) as pg.Pool["connect"],
    query: (async (config: unknown, values?: unknown) => {
      const client = await connectScoped();
      try {
        return await client.query(config as never, values as never);
      } finally {
        release(client);
      }
    }) as pg.Pool["query"],
  });
  return scoped;
}
