// Jurisdiction scope in the data layer. Every store function used by request handlers takes a
// Scoped handle: its queries run as the restricted role taishan_app with the caller's scope in
// transaction settings (row-level security, the second wall), and scopeFilter() builds the
// WHERE clause that is the first wall. There is no unscoped query path for request handlers.
import type { Scope } from '@taishan/domain';
import type { Db, Queryable } from './db.ts';

export type Scoped = Queryable & { scope: Scope };

export async function withScope<T>(db: Db, scope: Scope, fn: (tx: Scoped) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      `SELECT set_config('role', 'taishan_app', true),
              set_config('taishan.region_prefix', $1, true),
              set_config('taishan.enterprise_id', $2, true),
              set_config('taishan.industries', $3, true)`,
      [scope.regionPrefix, scope.enterpriseId ?? '', scope.industries === null ? '*' : scope.industries.join(',')],
    );
    return fn({ scope, query: tx.query });
  });
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
  if (scope.regionPrefix) {
    params.push(`${scope.regionPrefix}%`);
    parts.push(`${columns.region} LIKE $${params.length}`);
  }
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
