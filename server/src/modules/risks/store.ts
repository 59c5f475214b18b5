// Shared SQL of the risk module. Rows belong to an enterprise; scope is checked by joining the
// enterprise with the caller's scope filter (first wall) and by RLS through that enterprise.
import { LEC_DEFAULT_THRESHOLDS, type LevelThresholds, LS_DEFAULT_THRESHOLDS } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { type EnterpriseRow, findEnterprise } from '../enterprises/store.ts';

export const ENTERPRISE_SCOPE = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };

/** The enterprise if the caller can see it; 404 otherwise (no existence leak). */
export async function visibleEnterprise(tx: Scoped, id: string, forUpdate = false): Promise<EnterpriseRow> {
  const e = await findEnterprise(tx, id, forUpdate);
  if (!e) throw notFound();
  return e;
}

/** WHERE fragment restricting rows joined to `enterprises e` to the caller's scope. */
export const enterpriseScope = (tx: Scoped, params: unknown[]) => scopeFilter(tx.scope, params, ENTERPRISE_SCOPE);

export type Thresholds = { lec: LevelThresholds; ls: LevelThresholds };
export const DEFAULT_THRESHOLDS: Thresholds = { lec: LEC_DEFAULT_THRESHOLDS, ls: LS_DEFAULT_THRESHOLDS };

/** The province's level thresholds (first two digits of the region code), or the defaults. */
export async function thresholdsFor(q: Queryable, regionCode: string): Promise<Thresholds & { province: string; custom: boolean }> {
  const province = regionCode.slice(0, 2);
  const [row] = await q.query<{ lec: LevelThresholds; ls: LevelThresholds }>(
    'SELECT lec, ls FROM risk_thresholds WHERE province_code = $1',
    [province],
  );
  return row ? { province, custom: true, lec: row.lec, ls: row.ls } : { province, custom: false, ...DEFAULT_THRESHOLDS };
}
