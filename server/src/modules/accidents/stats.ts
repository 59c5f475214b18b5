// Accident statistics (issue 25 item 7): counts, deaths, injuries, missing and direct loss of a
// jurisdiction for a period of Beijing days, by child region, statistical industry, GB 6441 type,
// grade or month, beside the same period a year earlier with the change of each figure and whether
// accidents and deaths both fell (双下降). One SQL statement per request: the two periods side by
// side, each grouped by the key and in total (GROUPING SETS). Near-misses (涉险事故) are not in the
// figures and are counted apart; a figure not yet known (null) counts as 0. Scope: the caller's
// (row-level security through readScoped, and the same wall in the WHERE clause), so each level
// sees its jurisdiction and its children. Periods are parsed as the enforcement statistics do.
import {
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_GRADES,
  ACCIDENT_MEASURES,
  ACCIDENT_TYPE_LABELS,
  type AccidentMeasure,
  type Actor,
  bi,
  type Change,
  doubleDecline,
  mayViewAccidentStats,
  monthsOf,
  parseStatsPeriod,
  regionPrefix,
  type Scope,
  STAT_INDUSTRIES,
  STAT_INDUSTRY_LABELS,
  type StatsPeriod,
  samePeriodLastYear,
  yearOnYear,
} from '@taishan/domain';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';
import { AppError, forbidden, invalid } from '../../http/errors.ts';
import { beijingDayStart, iso, todayInShanghai } from '../../time.ts';

type Bilingual = { zh: string; en: string };

// ---------------------------------------------------------------------------------------------
// Schemas (the API contract of the statistics)

export const ACCIDENT_STATS_GROUPS = ['region', 'industry', 'type', 'grade', 'month'] as const;
export type AccidentStatsGroup = (typeof ACCIDENT_STATS_GROUPS)[number];

const regionCodeParam = z
  .string()
  .regex(/^\d{2,12}$/, bi('区划代码应为 2–12 位数字', 'A region code is 2–12 digits'))
  .optional();
const dayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bi('日期格式为 YYYY-MM-DD', 'A date is YYYY-MM-DD'))
  .optional();

/** GET /api/v1/accidents/stats (and stats.xlsx). The period is checked by parseStatsPeriod. */
export const accidentStatsQuerySchema = z.object({
  period: z.string().optional(),
  from: dayParam,
  to: dayParam,
  groupBy: z
    .enum(ACCIDENT_STATS_GROUPS, bi('分组为 region、industry、type、grade 或 month', 'Group by region, industry, type, grade or month'))
    .default('region'),
  /** The jurisdiction broken down; default: the caller's own. */
  regionCode: regionCodeParam,
});
export type AccidentStatsQuery = z.infer<typeof accidentStatsQuerySchema>;

export const accidentTrendQuerySchema = z.object({
  regionCode: regionCodeParam,
  /** Calendar years shown, this one included (2: last year and this year to date). */
  years: z.coerce
    .number(bi('年数须为数字', 'Years must be a number'))
    .int(bi('年数须为整数', 'Years must be a whole number'))
    .min(1, bi('年数为 1–10', 'Years is 1 to 10'))
    .max(10, bi('年数为 1–10', 'Years is 1 to 10'))
    .default(2),
});

export const accidentSeriousQuerySchema = z.object({
  period: z.string().optional(),
  from: dayParam,
  to: dayParam,
  regionCode: regionCodeParam,
});

const figuresSchema = z.object({
  accidents: z.number().int(),
  deaths: z.number().int(),
  seriousInjuries: z.number().int(),
  minorInjuries: z.number().int(),
  missing: z.number().int(),
  directLossWanYuan: z.number(),
});
export type AccidentFiguresTotals = z.infer<typeof figuresSchema>;
const changeSchema = z.object({
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
  percent: z.number().nullable(),
  direction: z.enum(['up', 'down', 'flat']),
});
const changesSchema = z.object(
  Object.fromEntries(ACCIDENT_MEASURES.map((m) => [m, changeSchema])) as Record<AccidentMeasure, typeof changeSchema>,
);
const periodSchema = z.object({ from: z.string(), to: z.string() });

export const accidentStatsSchema = z.object({
  period: periodSchema,
  previousPeriod: periodSchema,
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      current: figuresSchema,
      previous: figuresSchema,
      change: changesSchema,
    }),
  ),
  total: z.object({ current: figuresSchema, previous: figuresSchema, change: changesSchema }),
  doubleDecline: z.boolean(),
  nearMisses: z.object({ current: z.number().int(), previous: z.number().int() }),
});
export type AccidentStats = z.infer<typeof accidentStatsSchema>;

export const accidentTrendSchema = z.object({
  months: z.array(z.object({ month: z.string(), accidents: z.number().int(), deaths: z.number().int() })),
});

const nullableCount = z.number().nullable();
export const accidentSeriousSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      unitName: z.string(),
      enterpriseId: z.string().nullable(),
      regionCode: z.string(),
      regionName: z.string(),
      occurredAt: z.string(),
      grade: z.enum(ACCIDENT_GRADES),
      nearMiss: z.boolean(),
      status: z.string(),
      deaths: nullableCount,
      seriousInjuries: nullableCount,
      minorInjuries: nullableCount,
      missing: nullableCount,
      directLossWanYuan: nullableCount,
      type: z.string().nullable(),
      statIndustry: z.string().nullable(),
      lateMinutes: z.number().int(),
      faults: z.array(z.string()),
      version: z.number().int(),
      /** Where it happened, when reported (the jurisdiction's map shows it). */
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// SQL

const param = (params: unknown[], v: unknown) => {
  params.push(v);
  return `$${params.length}`;
};

/** The caller's scope on `alias` (the data layer's wall; row-level security is the second). */
const scoped = (alias: string, scope: Scope, params: unknown[]) =>
  scopeFilter(scope, params, {
    region: `${alias}.region_code`,
    industry: `${alias}.industry_code`,
    enterpriseId: `${alias}.enterprise_id`,
  });

/**
 * A moment's Beijing month as the timestamp of its first instant (China keeps UTC+8 all year):
 * cheap to hash, written YYYY-MM once per group. The same text everywhere, so statistics on the
 * expression (the planner's count of months) serve every query grouping by it.
 */
const BEIJING_MONTH = "date_trunc('month', (a.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')";

/** The group key of an accident row (never null): what it is grouped by, and how the answer writes it. */
function groupKey(by: AccidentStatsGroup, len: number): { inner: string; outer: string } {
  if (by === 'region') return { inner: `left(a.region_code, ${len})`, outer: `left(a.region_code, ${len})` };
  if (by === 'industry') return { inner: "coalesce(a.stat_industry, '')", outer: "coalesce(a.stat_industry, '')" };
  if (by === 'type') return { inner: "coalesce(a.type, '')", outer: "coalesce(a.type, '')" };
  if (by === 'grade') return { inner: 'a.grade', outer: 'a.grade' };
  return { inner: BEIJING_MONTH, outer: `to_char(${BEIJING_MONTH}, 'YYYY-MM')` };
}

export type AccidentStatsFilter = {
  /** The jurisdiction's region prefix ('' the country). */
  base: string;
  period: StatsPeriod;
  previous: StatsPeriod;
  groupBy: AccidentStatsGroup;
  /** The length of a child region's prefix (region grouping). */
  len: number;
};

/**
 * The statistics' one statement: per period (p: 'c' current, 'p' previous) and key (k), the
 * figures without near-misses and the near-misses apart. Each period is its own scan and
 * aggregate (a ten-year period overlaps its previous one). Every figure is a sum, so the totals
 * are the sums of the rows: no GROUPING SETS, which (with the period in the key) made PostgreSQL
 * sort a province's million rows on disk instead of hashing them into a few hundred groups.
 * Exported for the benchmark, which runs the same SQL bare.
 */
export function accidentStatsSql(scope: Scope, f: AccidentStatsFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const key = groupKey(f.groupBy, f.len);
  const real = 'FILTER (WHERE NOT a.near_miss)';
  const part = (p: 'c' | 'p', period: StatsPeriod) => {
    const start = param(params, beijingDayStart(period.from));
    const end = param(params, beijingDayStart(period.to, 1));
    const area = f.base ? regionRange('a.region_code', f.base, params) : 'true';
    return `SELECT '${p}' AS p, ${key.outer} AS k,
         count(*) ${real}::int AS accidents,
         coalesce(sum(a.deaths) ${real}, 0)::int AS deaths,
         coalesce(sum(a.serious_injuries) ${real}, 0)::int AS serious_injuries,
         coalesce(sum(a.minor_injuries) ${real}, 0)::int AS minor_injuries,
         coalesce(sum(a.missing) ${real}, 0)::int AS missing,
         coalesce(sum(a.direct_loss_wan_yuan) ${real}, 0)::float8 AS loss,
         count(*) FILTER (WHERE a.near_miss)::int AS near_misses
    FROM accidents a
   WHERE ${scoped('a', scope, params)} AND ${area}
     AND a.occurred_at >= ${start}::timestamptz AND a.occurred_at < ${end}::timestamptz
   GROUP BY ${key.inner}`;
  };
  return { sql: `${part('c', f.period)}\nUNION ALL\n${part('p', f.previous)}`, params };
}

type Row = {
  p: 'c' | 'p';
  k: string;
  accidents: number;
  deaths: number;
  serious_injuries: number;
  minor_injuries: number;
  missing: number;
  loss: number;
  near_misses: number;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const EMPTY: AccidentFiguresTotals = { accidents: 0, deaths: 0, seriousInjuries: 0, minorInjuries: 0, missing: 0, directLossWanYuan: 0 };

function figuresOf(r: Row | undefined): AccidentFiguresTotals {
  if (!r) return { ...EMPTY };
  return {
    accidents: r.accidents,
    deaths: r.deaths,
    seriousInjuries: r.serious_injuries,
    minorInjuries: r.minor_injuries,
    missing: r.missing,
    directLossWanYuan: round2(Number(r.loss)),
  };
}

const sumFigures = (a: AccidentFiguresTotals, b: AccidentFiguresTotals): AccidentFiguresTotals => ({
  accidents: a.accidents + b.accidents,
  deaths: a.deaths + b.deaths,
  seriousInjuries: a.seriousInjuries + b.seriousInjuries,
  minorInjuries: a.minorInjuries + b.minorInjuries,
  missing: a.missing + b.missing,
  directLossWanYuan: round2(a.directLossWanYuan + b.directLossWanYuan),
});

/** Each measure's change from the same period last year (domain's yearOnYear). */
export function changeOf(current: AccidentFiguresTotals, previous: AccidentFiguresTotals): Record<AccidentMeasure, Change> {
  return Object.fromEntries(ACCIDENT_MEASURES.map((m) => [m, yearOnYear(current[m], previous[m])])) as Record<AccidentMeasure, Change>;
}

// ---------------------------------------------------------------------------------------------
// The jurisdiction

export type Region = { code: string; name: string; prefix: string; level: string };

/** The jurisdiction asked for (default the caller's own), refused when outside the caller's scope. */
async function jurisdiction(tx: Scoped, regionCode: string | undefined): Promise<Region> {
  const base = regionCode ? regionPrefix(regionCode.padEnd(12, '0')) : tx.scope.regionPrefix;
  if (!base.startsWith(tx.scope.regionPrefix))
    throw forbidden({ zh: '只能查看本辖区的事故统计', en: 'You may only read the statistics of your own jurisdiction' });
  if (!base) return { code: '', name: '全国', prefix: '', level: 'country' };
  const [r] = await tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE code = $1', [base.padEnd(12, '0')]);
  if (!r) throw invalid({ regionCode: { zh: '没有这个区划', en: 'No such region' } });
  return r;
}

async function childrenOf(tx: Scoped, base: string): Promise<Region[]> {
  return base
    ? tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE parent_code = $1 ORDER BY code', [base.padEnd(12, '0')])
    : tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE parent_code IS NULL ORDER BY code');
}

/** The length of the children's prefixes of a jurisdiction (a city's counties: 6). */
export const childPrefixLength = (base: string, children: Region[]) =>
  children[0]?.prefix.length ?? (base.length < 2 ? 2 : base.length < 4 ? 4 : base.length < 6 ? 6 : base.length < 9 ? 9 : 12);

// ---------------------------------------------------------------------------------------------
// The statistics

const UNKNOWN: Bilingual = { zh: '未填报', en: 'not given' };
const monthLabel = (m: string): Bilingual => ({
  zh: `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`,
  en: `${m}`,
});
/** The same month a year later: the key a previous-period month row is compared under. */
const nextYearMonth = (m: string) => `${Number(m.slice(0, 4)) + 1}${m.slice(4)}`;

export type AccidentStatsResult = AccidentStats & { region: Region; groupBy: AccidentStatsGroup };

/** The statistics of a jurisdiction and period as the API answers them, in the caller's scope. */
export async function statsIn(
  tx: Scoped,
  q: Omit<AccidentStatsQuery, 'period' | 'from' | 'to'>,
  period: StatsPeriod,
): Promise<AccidentStatsResult> {
  const region = await jurisdiction(tx, q.regionCode);
  const base = region.prefix;
  const children = q.groupBy === 'region' ? await childrenOf(tx, base) : [];
  const len = childPrefixLength(base, children);
  const previous = samePeriodLastYear(period);
  const { sql, params } = accidentStatsSql(tx.scope, { base, period, previous, groupBy: q.groupBy, len });
  const rows = await tx.query<Row>(sql, params, { prepare: base.length >= 6 });
  const current = new Map<string, Row>();
  const before = new Map<string, Row>();
  for (const r of rows) {
    if (r.p === 'c') current.set(r.k, r);
    else before.set(q.groupBy === 'month' ? nextYearMonth(r.k) : r.k, r);
  }
  const row = (key: string, label: Bilingual, cur: AccidentFiguresTotals, prev: AccidentFiguresTotals) => ({
    key,
    label,
    current: cur,
    previous: prev,
    change: changeOf(cur, prev),
  });
  const byKey = (k: string, label: Bilingual) => row(k, label, figuresOf(current.get(k)), figuresOf(before.get(k)));
  const keysSeen = () => [...new Set([...current.keys(), ...before.keys()])].filter((k): k is string => k !== null);

  let out: AccidentStats['rows'] = [];
  if (q.groupBy === 'region') {
    const seen = new Set<string>();
    out = children.map((c) => {
      const k = c.prefix.padEnd(len, '0').slice(0, len);
      seen.add(k);
      return row(c.code, { zh: c.name, en: c.name }, figuresOf(current.get(k)), figuresOf(before.get(k)));
    });
    // Accidents registered at the jurisdiction itself (no child region): a row of their own.
    const own = keysSeen().filter((k) => !seen.has(k));
    if (own.length) {
      const sum = (m: Map<string, Row>) => own.map((k) => figuresOf(m.get(k))).reduce(sumFigures, { ...EMPTY });
      out.push(row(region.code || 'own', { zh: `${region.name}本级`, en: `${region.name} (own level)` }, sum(current), sum(before)));
    }
  } else if (q.groupBy === 'month') {
    out = monthsOf(period).map((m) => byKey(m, monthLabel(m)));
  } else if (q.groupBy === 'grade') {
    out = ACCIDENT_GRADES.map((g) => byKey(g, ACCIDENT_GRADE_LABELS[g]));
  } else {
    const labels: Record<string, Bilingual> = q.groupBy === 'industry' ? STAT_INDUSTRY_LABELS : ACCIDENT_TYPE_LABELS;
    const order: readonly string[] = q.groupBy === 'industry' ? STAT_INDUSTRIES : Object.keys(ACCIDENT_TYPE_LABELS);
    const rank = (k: string) => (k === '' ? 1e6 : order.indexOf(k) < 0 ? 1e5 : order.indexOf(k));
    out = keysSeen()
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .map((k) => byKey(k, labels[k] ?? (k === '' ? UNKNOWN : { zh: k, en: k })));
  }
  const totalOf = (m: Map<string, Row>) => [...m.values()].map(figuresOf).reduce(sumFigures, { ...EMPTY });
  const nearOf = (m: Map<string, Row>) => [...m.values()].reduce((n, r) => n + r.near_misses, 0);
  const totalCurrent = totalOf(current);
  const totalPrevious = totalOf(before);
  const change = changeOf(totalCurrent, totalPrevious);
  return {
    region,
    groupBy: q.groupBy,
    period,
    previousPeriod: previous,
    rows: out,
    total: { current: totalCurrent, previous: totalPrevious, change },
    doubleDecline: doubleDecline(change.accidents, change.deaths),
    nearMisses: { current: nearOf(current), previous: nearOf(before) },
  };
}

/** Refuses who may not read the statistics (403) and a bad period (400 naming the field). */
export function checkStatsRequest(
  actor: Actor,
  q: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
): StatsPeriod {
  if (!mayViewAccidentStats(actor)) throw forbidden();
  const p = parseStatsPeriod(q, todayInShanghai());
  if (!p.ok) throw new AppError('validation_error', undefined, p.fields);
  return p.period;
}

export async function accidentStats(db: Db, actor: Actor, q: AccidentStatsQuery): Promise<AccidentStatsResult> {
  const period = checkStatsRequest(actor, q);
  return readScoped(db, actor.scope, (tx) => statsIn(tx, q, period));
}

/** The API's answer: the contract's fields only. */
export const publicStats = ({ region: _r, groupBy: _g, ...s }: AccidentStatsResult): AccidentStats => s;

// ---------------------------------------------------------------------------------------------
// The monthly trend

/** Accidents and deaths per Beijing month of the last `years` calendar years, this one to this month. */
export async function accidentTrend(db: Db, actor: Actor, q: { regionCode?: string | undefined; years: number }, now = new Date()) {
  if (!mayViewAccidentStats(actor)) throw forbidden();
  const today = todayInShanghai(now);
  const period = { from: `${Number(today.slice(0, 4)) - q.years + 1}-01-01`, to: today };
  return readScoped(db, actor.scope, async (tx) => {
    const region = await jurisdiction(tx, q.regionCode);
    const params: unknown[] = [];
    const start = param(params, beijingDayStart(period.from));
    const end = param(params, beijingDayStart(period.to, 1));
    const area = region.prefix ? regionRange('a.region_code', region.prefix, params) : 'true';
    const rows = await tx.query<{ month: string; accidents: number; deaths: number }>(
      `SELECT to_char(${BEIJING_MONTH}, 'YYYY-MM') AS month, count(*)::int AS accidents, coalesce(sum(a.deaths), 0)::int AS deaths
         FROM accidents a
        WHERE ${scoped('a', tx.scope, params)} AND ${area} AND NOT a.near_miss
          AND a.occurred_at >= ${start}::timestamptz AND a.occurred_at < ${end}::timestamptz
        GROUP BY ${BEIJING_MONTH}`,
      params,
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    return {
      months: monthsOf(period).map((month) => ({
        month,
        accidents: byMonth.get(month)?.accidents ?? 0,
        deaths: byMonth.get(month)?.deaths ?? 0,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 较大及以上事故 (major and above) of the period

type SeriousRow = {
  id: string;
  number: string;
  unit_name: string;
  enterprise_id: string | null;
  region_code: string;
  region_name: string | null;
  occurred_at: string | Date;
  grade: (typeof ACCIDENT_GRADES)[number];
  near_miss: boolean;
  status: string;
  deaths: number | null;
  serious_injuries: number | null;
  minor_injuries: number | null;
  missing: number | null;
  loss: number | null;
  type: string | null;
  stat_industry: string | null;
  late_minutes: number;
  faults: string[];
  version: number;
  latitude: number | null;
  longitude: number | null;
};

export async function seriousAccidents(db: Db, actor: Actor, q: z.infer<typeof accidentSeriousQuerySchema>) {
  const period = checkStatsRequest(actor, q);
  return readScoped(db, actor.scope, async (tx) => {
    const region = await jurisdiction(tx, q.regionCode);
    const params: unknown[] = [];
    const start = param(params, beijingDayStart(period.from));
    const end = param(params, beijingDayStart(period.to, 1));
    const area = region.prefix ? regionRange('a.region_code', region.prefix, params) : 'true';
    const rows = await tx.query<SeriousRow>(
      `SELECT a.id, a.number, a.unit_name, a.enterprise_id, a.region_code, r.name AS region_name, a.occurred_at, a.grade,
              a.near_miss, a.status, a.deaths, a.serious_injuries, a.minor_injuries, a.missing,
              a.direct_loss_wan_yuan::float8 AS loss, a.type, a.stat_industry, a.late_minutes, a.version,
              a.latitude, a.longitude,
              coalesce((SELECT array_agg(DISTINCT f.fault) FROM accident_faults f WHERE f.accident_id = a.id), '{}') AS faults
         FROM accidents a LEFT JOIN regions r ON r.code = a.region_code
        WHERE ${scoped('a', tx.scope, params)} AND ${area} AND NOT a.near_miss AND a.grade <> 'ordinary'
          AND a.occurred_at >= ${start}::timestamptz AND a.occurred_at < ${end}::timestamptz
        ORDER BY a.occurred_at DESC, a.number`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        unitName: r.unit_name,
        enterpriseId: r.enterprise_id,
        regionCode: r.region_code,
        regionName: r.region_name ?? r.region_code,
        occurredAt: iso(r.occurred_at) as string,
        grade: r.grade,
        nearMiss: r.near_miss,
        status: r.status,
        deaths: r.deaths,
        seriousInjuries: r.serious_injuries,
        minorInjuries: r.minor_injuries,
        missing: r.missing,
        directLossWanYuan: r.loss === null ? null : Number(r.loss),
        type: r.type,
        statIndustry: r.stat_industry,
        lateMinutes: r.late_minutes,
        faults: r.faults,
        version: r.version,
        latitude: r.latitude,
        longitude: r.longitude,
      })),
    };
  });
}
