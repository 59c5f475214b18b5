// SQL of the regional risk distribution for supervisors: counts of assessed risk points by
// level, per sub-region of a region and per industry section, and the enterprises behind them.
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, type RiskDistribution, type RiskLevel, regionPrefix } from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

type Counts = { major: number; high: number; moderate: number; low: number };
const COUNT_COLUMNS = `count(*) FILTER (WHERE rp.level = 'major')::int AS major, count(*) FILTER (WHERE rp.level = 'high')::int AS high,
  count(*) FILTER (WHERE rp.level = 'moderate')::int AS moderate, count(*) FILTER (WHERE rp.level = 'low')::int AS low`;

const sectionOf = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d.section]));

export const riskDistributionQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
    .optional(),
  industry: z
    .string()
    .regex(/^[A-T]$/, '行业门类为一个字母||Industry section is one letter')
    .optional(),
  level: z.enum(['major', 'high', 'moderate', 'low']).optional(),
});

/** The distribution under `region` (else the caller's own region), narrowed by the caller's scope. */
export async function riskDistribution(
  tx: Scoped,
  query: { region?: string | undefined; industry?: string | undefined; level?: RiskLevel | undefined },
): Promise<RiskDistribution> {
  // The region to break down: the one asked for (narrowed by scope anyway), else the caller's own.
  const base = query.region ? regionPrefix(query.region.padEnd(12, '0')) : tx.scope.regionPrefix;
  const params: unknown[] = [];
  const where = [enterpriseScope(tx, params), 'rp.level IS NOT NULL'];
  params.push(`${base}%`);
  where.push(`e.region_code LIKE $${params.length}`);
  if (query.industry) {
    params.push(INDUSTRY_DIVISIONS.filter((d) => d.section === query.industry).map((d) => d.code));
    where.push(`left(e.industry_code, 2) = ANY($${params.length}::text[])`);
  }
  const w = where.join(' AND ');
  const children = await tx.query<{ code: string; name: string; prefix: string }>(
    base
      ? 'SELECT code, name, prefix FROM regions WHERE parent_code = $1 ORDER BY code'
      : 'SELECT code, name, prefix FROM regions WHERE parent_code IS NULL ORDER BY code',
    base ? [base.padEnd(12, '0')] : [],
  );
  const byPrefix = await tx.query<Counts & { region_code: string }>(
    `SELECT e.region_code, ${COUNT_COLUMNS} FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id WHERE ${w} GROUP BY e.region_code`,
    params,
  );
  const zero = (): Counts => ({ major: 0, high: 0, moderate: 0, low: 0 });
  const add = (a: Counts, b: Counts) => {
    a.major += b.major;
    a.high += b.high;
    a.moderate += b.moderate;
    a.low += b.low;
  };
  const byRegion = children.map((c) => ({ code: c.code, name: c.name, ...zero() }));
  const direct = zero();
  for (const row of byPrefix) {
    const child = byRegion.find((_c, i) => row.region_code.startsWith((children[i] as { prefix: string }).prefix));
    add(child ?? direct, row);
  }
  const byIndustryRows = await tx.query<Counts & { division: string }>(
    `SELECT left(e.industry_code, 2) AS division, ${COUNT_COLUMNS} FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id WHERE ${w} GROUP BY 1`,
    params,
  );
  const byIndustry = INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.zh, nameEn: s.en, ...zero() }));
  for (const row of byIndustryRows) {
    const s = byIndustry.find((x) => x.code === sectionOf.get(row.division));
    if (s) add(s, row);
  }
  const entParams = [...params];
  let levelFilter = '';
  if (query.level) {
    entParams.push(query.level);
    levelFilter = `AND rp.level = $${entParams.length}`;
  }
  const enterprises = await tx.query<Counts & { id: string; name: string; region_code: string; region_name: string | null }>(
    `SELECT e.id, e.name, e.region_code, r.name AS region_name, ${COUNT_COLUMNS}
     FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id LEFT JOIN regions r ON r.code = e.region_code
     WHERE ${w} ${levelFilter} GROUP BY e.id, e.name, e.region_code, r.name
     ORDER BY 5 DESC, 6 DESC, e.name LIMIT 200`,
    entParams,
  );
  const totals = zero();
  for (const r of byPrefix) add(totals, r);
  return {
    region: base,
    totals,
    byRegion: [
      ...byRegion.filter((r) => r.major + r.high + r.moderate + r.low > 0 || children.length <= 40),
      ...(direct.major + direct.high + direct.moderate + direct.low ? [{ code: base.padEnd(12, '0'), name: '（本级）', ...direct }] : []),
    ],
    byIndustry: byIndustry.filter((s) => s.major + s.high + s.moderate + s.low > 0),
    enterprises: enterprises.map((e) => ({
      id: e.id,
      name: e.name,
      regionCode: e.region_code,
      regionName: e.region_name,
      major: e.major,
      high: e.high,
      moderate: e.moderate,
      low: e.low,
    })),
  };
}
