// Benchmark (issue 25 item 11): the accident statistics of a province over ten years of generated
// data — 500,000 accidents over Jiangsu's townships, made in the database by generate_series —
// through the API and the same SQL run bare, side by side in one run; target API ≥ 0.7 of bare.
// Views: the province's ten years by city, by statistical industry and by month (region ×
// industry × month), and a county's last year by month. Each statistic compares its period with
// the same period a year earlier, so a ten-year view reads eleven years. BENCH_ACCIDENTS /
// BENCH_STATS_CLIENTS / BENCH_STATS_ROUNDS / BENCH_SECONDS size it (PGlite: a fifth, one round).
import { performance } from 'node:perf_hooks';
import { regionPrefix, type StatsPeriod, samePeriodLastYear } from '@taishan/domain';
import type { Db } from '../../server/src/db/db.ts';
import { seedDemoAccidents } from '../../server/src/demo/accidents.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { type AccidentStatsGroup, accidentStatsSql } from '../../server/src/modules/accidents/stats.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { type BenchDatabase, SECONDS } from './harness.ts';
import { measureStatsView, printStatsViews, type ViewResult } from './stats-views.ts';

const sized = (kind: BenchDatabase['kind']) => {
  const small = kind === 'pglite';
  return {
    accidents: Number(process.env.BENCH_ACCIDENTS ?? (small ? 100_000 : 500_000)),
    rounds: Number(process.env.BENCH_STATS_ROUNDS ?? (small ? 1 : 3)),
  };
};
const CLIENTS = Number(process.env.BENCH_STATS_CLIENTS ?? 8);
/** Eleven Beijing years of data (2015–2025): the ten years asked and the year before them. */
const FIRST_DAY = '2015-01-01';
const YEARS = 11;
const TEN_YEARS: StatsPeriod = { from: '2016-01-01', to: '2025-12-31' };
const LAST_YEAR: StatsPeriod = { from: '2025-01-01', to: '2025-12-31' };

/**
 * `n` accidents over Jiangsu's townships and eleven years, by one INSERT … SELECT: mostly 一般,
 * one in 200 较大, one in 5,000 重大; a fiftieth with figures not yet known; one in forty a
 * near-miss; types, statistical industries and GB/T 4754 divisions spread over their lists.
 */
export async function generateAccidents(db: Db, n: number) {
  const hours = YEARS * 365 * 24;
  const [{ k } = { k: 1 }] = await db.query<{ k: number }>(
    "SELECT count(*)::int AS k FROM regions WHERE level = 'township' AND code LIKE '32%'",
  );
  await db.query(
    `WITH t AS (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM regions WHERE level = 'township' AND code LIKE '32%'),
     g AS (SELECT g, g % $4::int AS i, ($2::timestamptz + ((g::bigint * 7919) % $3) * interval '1 hour' + (g % 60) * interval '1 minute') AS at,
                  CASE WHEN g % 5000 = 0 THEN 'serious' WHEN g % 200 = 0 THEN 'major' ELSE 'ordinary' END AS grade
             FROM generate_series(1, $1::int) g)
     INSERT INTO accidents (number, region_code, unit_name, industry_code, stat_industry, type, near_miss, occurred_at, learned_at, reported_at,
                            reporter_kind, place, description, deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan,
                            grade, first_grade, grades, status, investigating_level, created_at, updated_at)
     SELECT 'BENCH-' || g.g, t.code, '基准单位' || g.g,
            (ARRAY['2614','4700','5430','3120','1713','5212','0610','1011','4813','3360'])[1 + g.g % 10],
            (ARRAY['chemicals','construction','roadTraffic','industryTrade','industryTrade','other','coalMine','metalMine','construction','industryTrade'])[1 + g.g % 10],
            (ARRAY['objectStrike','vehicle','machinery','lifting','electrocution','drowning','scald','fire','fallFromHeight','collapse',
                   'roofFall','waterInrush','blasting','explosiveExplosion','gasExplosion','boilerExplosion','vesselExplosion','otherExplosion',
                   'poisoningAsphyxiation','otherInjury'])[1 + (g.g / 7) % 20],
            g.g % 40 = 0, g.at, g.at, g.at + interval '40 minutes', 'official', '生产现场', '基准数据',
            CASE WHEN g.g % 50 = 0 THEN NULL WHEN g.grade = 'serious' THEN 12 WHEN g.grade = 'major' THEN 3 ELSE g.g % 3 END,
            CASE WHEN g.g % 50 = 0 THEN NULL ELSE (g.g / 3) % 3 END,
            CASE WHEN g.g % 50 = 0 THEN NULL ELSE g.g % 4 END,
            CASE WHEN g.g % 97 = 0 THEN 1 ELSE 0 END,
            CASE WHEN g.g % 50 = 0 THEN NULL ELSE (g.g % 5000) / 10.0 END,
            g.grade, g.grade, jsonb_build_array(jsonb_build_object('grade', g.grade, 'at', g.at)),
            CASE WHEN g.at < $2::timestamptz + interval '9 years' THEN 'closed' ELSE 'investigating' END,
            CASE g.grade WHEN 'serious' THEN 'province' WHEN 'major' THEN 'city' ELSE 'county' END, g.at, g.at
       FROM g JOIN t ON t.i = g.i`,
    [n, `${FIRST_DAY}T00:00:00+08:00`, hours, k],
  );
  await db.query('VACUUM ANALYZE accidents');
  await db.query('CHECKPOINT').catch(() => undefined);
}

type View = { name: string; user: string; groupBy: AccidentStatsGroup; period: StatsPeriod };
type Result = { views: ViewResult[]; accidents: number; seconds: number; rounds: number };

/** The statements the API runs for a view, as the bench runs them bare: the jurisdiction, its children, the statistic. */
function statementsOf(prefix: string, v: View) {
  const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
  const code = prefix.padEnd(12, '0');
  const len = v.groupBy === 'region' ? (prefix.length < 4 ? 4 : prefix.length < 6 ? 6 : 9) : 12;
  const statements = [{ sql: 'SELECT code, name, prefix, level FROM regions WHERE code = $1', params: [code] as unknown[] }];
  if (v.groupBy === 'region')
    statements.push({ sql: 'SELECT code, name, prefix, level FROM regions WHERE parent_code = $1 ORDER BY code', params: [code] });
  statements.push(
    accidentStatsSql(scope, { base: prefix, period: v.period, previous: samePeriodLastYear(v.period), groupBy: v.groupBy, len }),
  );
  return { scope, statements };
}

export async function benchAccidentStats(d: BenchDatabase): Promise<Result> {
  const t0 = performance.now();
  const { accidents, rounds: ROUNDS } = sized(d.kind);
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  await seedDemo(db);
  // The demo's own accidents now, not at the server's first start between the API and the bare runs.
  await seedDemoAccidents(db);
  await generateAccidents(db, accidents);
  const users = await db.query<{ username: string; region_code: string }>(
    "SELECT username, region_code FROM users WHERE username IN ('province', 'county')",
  );
  const prefixOf = (u: string) => regionPrefix(users.find((r) => r.username === u)?.region_code ?? '');
  const [n] = await db.query<{ accidents: number }>('SELECT count(*)::int AS accidents FROM accidents');
  await db.close();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`[${d.kind}] generated ${n?.accidents} accidents in ${seconds.toFixed(1)} s`);

  const views: View[] = [
    { name: 'province, 10 years, by city', user: 'province', groupBy: 'region', period: TEN_YEARS },
    { name: 'province, 10 years, by industry', user: 'province', groupBy: 'industry', period: TEN_YEARS },
    { name: 'province, 10 years, by month', user: 'province', groupBy: 'month', period: TEN_YEARS },
    { name: 'county, 12 months, by month', user: 'county', groupBy: 'month', period: LAST_YEAR },
  ];
  const results: ViewResult[] = [];
  for (const v of views) {
    const prefix = prefixOf(v.user);
    const { scope, statements } = statementsOf(prefix, v);
    const qs = `from=${v.period.from}&to=${v.period.to}&groupBy=${v.groupBy}`;
    results.push(
      await measureStatsView(
        d,
        { name: v.name, user: v.user, url: `/api/v1/accidents/stats?${qs}`, scope, statements },
        { rounds: ROUNDS, clients: CLIENTS },
      ),
    );
  }
  return { views: results, accidents: n?.accidents ?? 0, seconds, rounds: ROUNDS };
}

export function reportAccidentStats(results: ({ kind: string } & Result)[]) {
  for (const r of results)
    console.log(
      '\naccident statistics [%s], %d accidents over 11 years, %d clients, %d s, medians of %d rounds (target: API ≥ 0.7 of bare):',
      r.kind,
      r.accidents,
      CLIENTS,
      SECONDS,
      r.rounds,
    );
  printStatsViews(results);
}
