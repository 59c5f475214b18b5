// Supervisor dashboard: hazards by status, level and overdue, per sub-region of a region; and for
// a period, 整改率 and 按期整改率 (defined in domain/src/hazards/rates.ts), per sub-region too; for
// the map, open hazards and risk points (by level) per sub-region. Response: domain's
// hazardDashboardSchema.
import {
  HAZARD_STATUSES,
  type HazardCounts,
  hazardDashboardSchema,
  onTimeRectificationRate,
  type Period,
  type PeriodCounts,
  RATE_DEFINITIONS,
  RISK_LEVELS,
  rectificationRate,
  regionPrefix,
  riskPointCounts,
  type Scope,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { invalid } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { beijingDayStart, todayInShanghai } from '../../time.ts';
import { type DistrictRiskRow, riskPointsByDistrict } from '../risks/district-counts-store.ts';
import { hazardRegion, hazardScope, wholeCounties } from './store.ts';

const STATUS_COLUMNS = HAZARD_STATUSES.map((s) => `count(*) FILTER (WHERE h.status = '${s}')::int AS "${s}"`).join(', ');
const OPEN = `h.status NOT IN ('closed', 'cancelled')`;
const COLUMNS = `${STATUS_COLUMNS}, count(*) FILTER (WHERE h.level = 'major')::int AS major, count(*) FILTER (WHERE h.level = 'general')::int AS general,
  count(*) FILTER (WHERE h.overdue)::int AS overdue, count(*) FILTER (WHERE h.listed_tier IS NOT NULL AND ${OPEN})::int AS listed,
  count(*) FILTER (WHERE ${OPEN})::int AS open, count(*) FILTER (WHERE h.level = 'major' AND ${OPEN})::int AS "openMajor"`;
/** The same columns summed from the maintained counts (migrations 006, 014 and 017). */
const SUM = (cond: string, name: string) => `coalesce(sum(h.n) FILTER (WHERE ${cond}), 0)::int AS "${name}"`;
const COUNT_COLUMNS = [
  ...HAZARD_STATUSES.map((s) => SUM(`h.status = '${s}'`, s)),
  SUM(`h.level = 'major'`, 'major'),
  SUM(`h.level = 'general'`, 'general'),
  SUM('h.overdue', 'overdue'),
  SUM(`h.listed AND ${OPEN}`, 'listed'),
  SUM(OPEN, 'open'),
  SUM(`h.level = 'major' AND ${OPEN}`, 'openMajor'),
].join(', ');

/**
 * The dashboard's one aggregate: counts per child-region prefix (length `len`) under `base`.
 * Area supervisors read the maintained counts; an account scoped to one enterprise counts that
 * enterprise's hazards directly.
 */
export function dashboardSql(scope: Scope, base: string, len: number) {
  const w = new Where();
  if (scope.enterpriseId !== null) {
    w.add(hazardScope({ scope }, w.params)).add(hazardRegion(base, w.params));
    return { sql: `SELECT left(h.region_code, ${len}) AS prefix, ${COLUMNS} FROM hazards h WHERE ${w.sql} GROUP BY 1`, params: w.params };
  }
  w.add(hazardRegion(scope.regionPrefix, w.params)).add(hazardRegion(base, w.params));
  // Not limited to industries: the counts without the industry division (migration 014), about
  // a quarter of the rows, read from an index; and where the sub-regions are whole counties or
  // more (a city's or the province's dashboard), the counts per county (migration 017), a
  // fifteenth of those.
  let table = 'hazard_area_counts';
  let place = 'h.region_code';
  if (scope.industries !== null) {
    table = 'hazard_counts';
    w.add(`h.industry = ANY(${w.param(scope.industries)}::text[])`);
  } else if (len <= 6 && wholeCounties(scope.regionPrefix, base)) {
    table = 'hazard_county_counts';
    place = 'h.county_code';
  }
  return {
    sql: `SELECT left(${place}, ${len}) AS prefix, ${COUNT_COLUMNS} FROM ${table} h WHERE ${w.sql} GROUP BY 1`,
    params: w.params,
  };
}

/**
 * The counts behind the period's rates, per child-region prefix (length `len`) under `base`: as
 * periodCounts (domain) counts them, in two passes through the county indexes of migration 025 —
 * hazards found in the period, and hazards whose deadline fell in it. Beijing days: the period's
 * moments start at 00:00 UTC+8, and a deadline's day ends at 16:00 UTC.
 */
export function periodCountsSql(scope: Scope, base: string, len: number, p: Period) {
  const w = new Where();
  w.add(hazardScope({ scope }, w.params)).add(hazardRegion(base, w.params));
  const start = w.param(beijingDayStart(p.from));
  const end = w.param(beijingDayStart(p.to, 1));
  const found = `SELECT left(h.region_code, ${len}) AS prefix, count(*)::int AS found,
      count(*) FILTER (WHERE h.status = 'closed' AND h.closed_at < ${end}::timestamptz)::int AS closed, 0 AS due, 0 AS closed_on_time
    FROM hazards h WHERE ${w.sql} AND h.created_at >= ${start}::timestamptz AND h.created_at < ${end}::timestamptz
      AND h.status <> 'cancelled' GROUP BY 1`;
  const first = w.param(p.from);
  const last = w.param(p.to);
  const due = `SELECT left(h.region_code, ${len}) AS prefix, 0 AS found, 0 AS closed, count(*)::int AS due,
      count(*) FILTER (WHERE h.status = 'closed' AND h.closed_at < (h.deadline::timestamp AT TIME ZONE 'UTC') + interval '16 hours')::int AS closed_on_time
    FROM hazards h WHERE ${w.sql} AND h.deadline >= ${first}::date AND h.deadline <= ${last}::date
      AND h.status <> 'cancelled' GROUP BY 1`;
  return {
    sql: `SELECT prefix, sum(found)::int AS found, sum(closed)::int AS closed, sum(due)::int AS due, sum(closed_on_time)::int AS closed_on_time
      FROM (${found} UNION ALL ${due}) c GROUP BY prefix`,
    params: w.params,
  };
}

const withRates = (c: PeriodCounts) => ({ ...c, rectificationRate: rectificationRate(c), onTimeRate: onTimeRectificationRate(c) });

/** The regions one level below `base` (provinces when empty). */
export const childRegionsSql = (base: string) =>
  base
    ? { sql: 'SELECT code, name, prefix FROM regions WHERE parent_code = $1 ORDER BY code', params: [base.padEnd(12, '0')] }
    : { sql: 'SELECT code, name, prefix FROM regions WHERE parent_code IS NULL ORDER BY code', params: [] };

const COLUMN_NAMES = [...HAZARD_STATUSES, 'major', 'general', 'overdue', 'listed', 'open', 'openMajor'];

/** Risk points summed over districts (or none). */
function sumRisk(rows: DistrictRiskRow[]) {
  const sum = { total: 0, major: 0, high: 0, moderate: 0, low: 0 };
  for (const r of rows) {
    sum.total += r.total;
    for (const l of RISK_LEVELS) sum[l] += r[l];
  }
  return riskPointCounts(sum);
}

export function hazardDashboardRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazard-dashboard',
    access: 'user',
    summary: '隐患统计看板（按下级区划：状态、等级、逾期）Hazard dashboard per sub-region',
    tags: ['hazards'],
    response: hazardDashboardSchema,
    query: z.object({
      region: z
        .string()
        .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
        .optional(),
      /** The period of the rates, Beijing days, inclusive: by default this Beijing year to today. */
      from: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
      to: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
    }),
    handler: async ({ query, actor }) => {
      const today = todayInShanghai();
      const period: Period = { from: query.from ?? `${today.slice(0, 4)}-01-01`, to: query.to ?? today };
      if (period.from > period.to)
        throw invalid({ to: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' } });
      return readScoped(db, actor.scope, async (tx) => {
        const base = query.region ? regionPrefix(query.region.padEnd(12, '0')) : actor.scope.regionPrefix;
        const regions = childRegionsSql(base);
        const children = await tx.query<{ code: string; name: string; prefix: string }>(regions.sql, regions.params, { prepare: true });
        // Group by the child region's prefix length in SQL, so the work stays in the database: one
        // pass (of hazard_counts, or of the enterprise's own hazards); the totals are the sum of the
        // groups, including hazards registered directly at the parent region.
        const len = children[0]?.prefix.length ?? 12;
        const group = dashboardSql(tx.scope, base, len);
        const rows = await tx.query<Record<string, number> & { prefix: string }>(group.sql, group.params, {
          prepare: true,
        });
        const totals: Record<string, number> = {};
        for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'prefix') totals[k] = (totals[k] ?? 0) + Number(v);
        for (const k of COLUMN_NAMES) totals[k] ??= 0;
        const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
        const pc = periodCountsSql(tx.scope, base, len, period);
        const periodRows = await tx.query<{ prefix: string; found: number; closed: number; due: number; closed_on_time: number }>(
          pc.sql,
          pc.params,
        );
        const counts = (r?: (typeof periodRows)[number]): PeriodCounts => ({
          found: r?.found ?? 0,
          closed: r?.closed ?? 0,
          due: r?.due ?? 0,
          closedOnTime: r?.closed_on_time ?? 0,
        });
        const sum = periodRows.map(counts).reduce(
          (a, c) => ({
            found: a.found + c.found,
            closed: a.closed + c.closed,
            due: a.due + c.due,
            closedOnTime: a.closedOnTime + c.closedOnTime,
          }),
          counts(),
        );
        const periodByPrefix = new Map(periodRows.map((r) => [r.prefix, r]));
        // Risk points per district for the map: the same grouping, within the same scope.
        const riskRows = await riskPointsByDistrict(tx, base, len);
        const riskByPrefix = new Map(riskRows.map((r) => [r.prefix, r]));
        return {
          region: base,
          totals: { ...(totals as HazardCounts), riskPoints: sumRisk(riskRows) },
          period: { ...period, ...withRates(sum), definitions: RATE_DEFINITIONS },
          byRegion: children
            .map((c) => {
              const key = c.prefix.padEnd(len, '0').slice(0, len);
              const counted = byPrefix.get(key) ?? byPrefix.get(c.prefix);
              const inPeriod = periodByPrefix.get(key) ?? periodByPrefix.get(c.prefix);
              const risk = riskByPrefix.get(key) ?? riskByPrefix.get(c.prefix);
              return {
                code: c.code,
                name: c.name,
                ...(counted ?? {}),
                ...(counted || inPeriod ? { period: withRates(counts(inPeriod)) } : {}),
                riskPoints: sumRisk(risk ? [risk] : []),
                shown: !!(counted || inPeriod || risk) || children.length <= 40,
              };
            })
            // Many children (a county's villages): only those with something to count.
            .filter((r) => r.shown)
            .map(({ shown: _, ...r }) => r),
        };
      });
    },
  });
}
