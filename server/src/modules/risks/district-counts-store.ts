// Risk points per district for the maps (the hazard dashboard's, next the command centre's):
// counts by assessed level per child-region prefix, within the caller's scope (the enterprise
// join's first wall, row-level security the second). Its own file so the map's one query does
// not grow the risk stores; the rest of risks is another capability's.
import { RISK_LEVELS, type RiskLevel } from '@taishan/domain';
import { regionRange, type Scoped } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

export type DistrictRiskRow = Record<RiskLevel, number> & { prefix: string; total: number };

const LEVEL_COLUMNS = RISK_LEVELS.map((l) => `count(*) FILTER (WHERE rp.level = '${l}')::int AS "${l}"`).join(', ');

/**
 * Risk points of enterprises under `base` (a region prefix, '' for all), grouped by the first
 * `len` digits of the enterprise's region code: one row per child region that has any.
 */
export async function riskPointsByDistrict(tx: Scoped, base: string, len: number): Promise<DistrictRiskRow[]> {
  const params: unknown[] = [];
  const where = [enterpriseScope(tx, params), regionRange('e.region_code', base, params)];
  return tx.query<DistrictRiskRow>(
    `SELECT left(e.region_code, ${Number(len)}) AS prefix, count(*)::int AS total, ${LEVEL_COLUMNS}
       FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id
      WHERE ${where.join(' AND ')} GROUP BY 1`,
    params,
  );
}
