// A fingerprint of every row in the database, for tests that must show a request changed nothing:
// a refused cross-tenant request, a malformed value sent by a fuzzer. Comparing statuses alone
// would pass a route that answers 404 after it has written; comparing every table's rows would not.
// One md5 per table over its rows as text, ordered, so it works the same on PGlite and PostgreSQL.
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../core/db.ts";

/**
 * Tables that change on every request by design and say nothing about the data: `session` (each
 * authenticated request moves `last_seen_at`, the idle timeout) and `rate_limit_hit` (each request
 * that is counted adds a row, refused or not).
 */
export const VOLATILE_TABLES = ["session", "rate_limit_hit"] as const;

export type TableDigest = Record<string, string>;

export type DigestOptions = {
  /** Tables left out; defaults to VOLATILE_TABLES. */
  ignore?: readonly string[];
  /**
   * Only this tenant's rows in tables that have a `tenant_id` column; tables without one are
   * digested whole (they are children of tenant tables, or the platform's own).
   */
  tenantId?: string;
};

/** Every base table of the application's schema, with whether it has a `tenant_id` column. */
async function applicationTables(db: Db) {
  return queryRows<{ name: string; tenantScoped: boolean }>(
    db,
    sql`select t.table_name as "name",
               exists (select 1 from information_schema.columns c
                       where c.table_schema = t.table_schema and c.table_name = t.table_name
                         and c.column_name = 'tenant_id') as "tenantScoped"
        from information_schema.tables t
        where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
        order by t.table_name`,
  );
}

/**
 * Table name → `<row count>:<md5 of the rows>`. Equal digests before and after mean no row was
 * inserted, updated or deleted in any table that is not ignored.
 */
export async function tableDigest(db: Db, options: DigestOptions = {}): Promise<TableDigest> {
  const ignore = new Set(options.ignore ?? VOLATILE_TABLES);
  const digest: TableDigest = {};
  for (const table of await applicationTables(db)) {
    if (ignore.has(table.name)) continue;
    const scope =
      options.tenantId && table.tenantScoped ? sql`where t.tenant_id = ${options.tenantId}` : sql``;
    const [row] = await queryRows<{ count: number | string; md5: string | null }>(
      db,
      sql`select count(*) as "count", md5(string_agg(t::text, '' order by t::text)) as "md5"
          from ${sql.identifier(table.name)} t ${scope}`,
    );
    digest[table.name] = `${Number(row.count)}:${row.md5 ?? "empty"}`;
  }
  return digest;
}

/** The tables whose digest differs between two snapshots (added or removed tables count too). */
export function changedTables(before: TableDigest, after: TableDigest): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
