// Jurisdiction scope in the data layer. Every store function used by request handlers takes a
// Scoped handle: its queries run as the restricted role taishan_app with the caller's scope in
// transaction settings (row-level security, the second wall), and scopeFilter() builds the
// WHERE clause that is the first wall. There is no unscoped query path for request handlers.
import type { Scope } from '@taishan/domain';
import type { Db, Queryable } from './db.ts';

export type Scoped = Queryable & { scope: Scope };

/**
 * The settings both walls read: the restricted role and the caller's scope. A read-only
 * transaction (PGlite's scoped reads) is made so in the same statement: on PGlite every statement
 * is a round trip through the engine, and a separate SET TRANSACTION READ ONLY cost ~220 µs of a
 * scoped read's ~670 µs overhead (measured). Setting it on mid-transaction is allowed; only
 * turning it off is not. Exported for the benchmark, whose bare SQL runs under the same settings.
 */
export function scopeSettings(scope: Scope, local: boolean, readOnlyTransaction = false) {
  return {
    sql: `SELECT ${readOnlyTransaction && local ? "set_config('transaction_read_only', 'on', true), " : ''}set_config('role', 'taishan_app', ${local}),
                 set_config('taishan.region_prefix', $1, ${local}),
                 set_config('taishan.enterprise_id', $2, ${local}),
                 set_config('taishan.industries', $3, ${local})`,
    params: [scope.regionPrefix, scope.enterpriseId ?? '', scope.industries === null ? '*' : scope.industries.join(',')],
  };
}

/** Work that may write, in one transaction as taishan_app within the caller's scope. */
export async function withScope<T>(db: Db, scope: Scope, fn: (tx: Scoped) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const { sql, params } = scopeSettings(scope, true);
    await tx.query(sql, params);
    return fn({ scope, query: tx.query });
  });
}

/**
 * Read-only work in a scope. Same two walls as withScope, but on PostgreSQL without a
 * transaction: the scoped role and settings stay on a connection reserved for scoped reads, so
 * a county's list page costs the same round trips as its bare SQL. Never write through this.
 */
export async function readScoped<T>(db: Db, scope: Scope, fn: (tx: Scoped) => Promise<T>): Promise<T> {
  const key = scopeSettings(scope, false).params.join('|');
  return db.pinnedReadOnly(
    key,
    (local) => scopeSettings(scope, local, true),
    (q) => fn({ scope, query: q.query }),
  );
}

/**
 * SQL condition restricting `alias` rows to the scope. Appends its parameters to `params`.
 * Columns: region_code always; industry_code and the enterprise id column where given.
 */
export function scopeFilter(
  scope: Scope,
  params: unknown[],
  columns: { region: string; industry?: string; enterpriseId?: string },
): string {
  const parts: string[] = [];
  if (scope.regionPrefix) parts.push(regionRange(columns.region, scope.regionPrefix, params));
  if (scope.enterpriseId !== null) {
    if (!columns.enterpriseId) return 'false';
    params.push(scope.enterpriseId);
    parts.push(`${columns.enterpriseId} = $${params.length}`);
  }
  if (scope.industries !== null) {
    if (!columns.industry) return 'false';
    params.push(scope.industries);
    parts.push(`left(${columns.industry}, 2) = ANY($${params.length}::text[])`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * `column` starts with `prefix`, as a range (codes are digits, '~' sorts after them in the "C"
 * collation every region column uses). Unlike LIKE, the range operators are leakproof, so the
 * planner can use an index for them under row-level security.
 */
export function regionRange(column: string, prefix: string, params: unknown[]): string {
  if (!prefix) return 'true';
  params.push(prefix, `${prefix}~`);
  return `${column} >= $${params.length - 1} AND ${column} < $${params.length}`;
}

/**
 * SQL condition: the home region of the user row `users` holds the 12-digit code `code` (an SQL
 * expression), through the significant prefix of its level (regions.prefix: 320582100 for a
 * township) — not by trimming zeros, which made 杨舍镇 320582100 hold its sibling 塘桥镇 320582101,
 * and 盱眙县 320830 hold 金湖县 320831. For choosing who is told of something (notices); a user
 * without a home region holds nothing.
 */
export const homeRegionHolds = (users: string, code: string) =>
  `EXISTS (SELECT 1 FROM regions home WHERE home.code = ${users}.region_code AND left(${code}, length(home.prefix)) = home.prefix)`;
