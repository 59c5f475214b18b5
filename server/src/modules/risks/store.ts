// Shared SQL of the risk module. Rows belong to an enterprise; scope is checked through
// enterprises/scope.ts (the join with the caller's scope filter) and by RLS through that enterprise.
import { LEC_DEFAULT_THRESHOLDS, type LevelThresholds, LS_DEFAULT_THRESHOLDS } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';

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

export async function upsertThresholds(q: Queryable, province: string, t: Thresholds): Promise<void> {
  await q.query(
    `INSERT INTO risk_thresholds (province_code, lec, ls) VALUES ($1, $2::jsonb, $3::jsonb)
     ON CONFLICT (province_code) DO UPDATE SET lec = excluded.lec, ls = excluded.ls, updated_at = now()`,
    [province, JSON.stringify(t.lec), JSON.stringify(t.ls)],
  );
}
