// Benchmark (issue 24 item 13): the enforcement statistics of a province over three years of
// generated data — 1,000,000 inspections and 100,000 cases over 100,000 enterprises, made in the
// database by generate_series — through the API and the same SQL run bare; target ≥ 0.7 of bare.
// Two views: the province's three years by city, and a county's last year by month. A statistic
// over a million rows takes a second, so fewer clients than the list benchmarks
// (BENCH_STATS_CLIENTS, default 8) and a bound on the rounds (BENCH_STATS_ROUNDS, default 3; on
// PGlite 1 round over a fifth of the data). BENCH_ENTERPRISES / BENCH_STATS_INSPECTIONS /
// BENCH_STATS_CASES / BENCH_SECONDS size it.
import { performance } from 'node:perf_hooks';
import { monthsOf, regionPrefix, type StatsGroup, type StatsPeriod } from '@taishan/domain';
import type { Db } from '../../server/src/db/db.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { statsSql } from '../../server/src/modules/enforcement/stats.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { generateEnterprises } from './generate.ts';
import { type BenchDatabase, SECONDS } from './harness.ts';
import { measureStatsView, printStatsViews, type ViewResult } from './stats-views.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
/**
 * The sizes: the on PostgreSQL; on PGlite (one engine thread, every query in turn) a fifth,
 * in one round, so the run stays within minutes — the env variables override both.
 */
const sized = (kind: BenchDatabase['kind']) => {
  const small = kind === 'pglite';
  return {
    inspections: Number(process.env.BENCH_STATS_INSPECTIONS ?? (small ? 200_000 : 1_000_000)),
    cases: Number(process.env.BENCH_STATS_CASES ?? (small ? 20_000 : 100_000)),
    rounds: Number(process.env.BENCH_STATS_ROUNDS ?? (small ? 1 : 3)),
  };
};
const CLIENTS = Number(process.env.BENCH_STATS_CLIENTS ?? 8);
/** Three Beijing years of data, and the views asked. */
const FIRST_DAY = '2023-01-01';
const YEARS = 3;
const PROVINCE_PERIOD: StatsPeriod = { from: '2023-01-01', to: '2025-12-31' };
const COUNTY_PERIOD: StatsPeriod = { from: '2025-01-01', to: '2025-12-31' };

/**
 * `n` inspections spread over the enterprises and three years, and `cases` cases, each by one
 * INSERT … SELECT with the copy trigger off (the copied columns filled by the same join): mostly
 * recorded or closed, a tenth planned or cancelled; a third from the plan, a quarter 四不两直, one in
 * fifty covert; a third finding violations. Cases: four in five decided with a fine, most paid,
 * some suspensions and transfers.
 */
export async function generateEnforcement(db: Db, n: number, cases: number) {
  await db.query('ALTER TABLE enforcement_inspections DISABLE TRIGGER enforcement_inspections_copy_enterprise');
  await db.query('ALTER TABLE enforcement_cases DISABLE TRIGGER enforcement_cases_copy_enterprise');
  const hours = YEARS * 365 * 24;
  // The modulus a constant (a join on `i = g % count` with the count a column of the joined side
  // is no equi-join: a nested loop of 10¹¹ pairs).
  const [{ k } = { k: 1 }] = await db.query<{ k: number }>('SELECT count(*)::int AS k FROM enterprises');
  try {
    await db.query(
      `WITH e AS (SELECT id, name, region_code, industry_code, (row_number() OVER (ORDER BY id) - 1)::int AS i FROM enterprises),
       g AS (SELECT g, g % $4::int AS i, ($2::timestamptz + ((g::bigint * 7919) % $3) * interval '1 hour') AS at FROM generate_series(1, $1::int) g)
       INSERT INTO enforcement_inspections (enterprise_id, enterprise_name, region_code, county_code, industry_code, source, unannounced, covert,
                                            status, planned_on, started_at, ended_at, violations, hazards_found)
       SELECT e.id, e.name, e.region_code, left(e.region_code, 6), e.industry_code,
              CASE WHEN g % 3 = 0 THEN 'plan' WHEN g % 3 = 1 THEN 'draw' ELSE 'adhoc' END,
              g % 4 = 0, g % 50 = 0,
              (ARRAY['closed','closed','closed','closed','recorded','recorded','recorded','inProgress','planned','cancelled'])[1 + g % 10],
              CASE WHEN g % 3 = 0 THEN ((g.at AT TIME ZONE 'UTC') + interval '8 hours')::date END,
              CASE WHEN g % 10 < 8 THEN g.at END,
              CASE WHEN g % 10 < 7 THEN g.at + interval '3 hours' END,
              CASE WHEN g % 3 = 0 THEN 1 + g % 4 ELSE 0 END,
              g % 5
       FROM g JOIN e ON e.i = g.i`,
      [n, `${FIRST_DAY}T00:00:00+08:00`, hours, k],
    );
    await db.query(
      `WITH e AS (SELECT id, name, region_code, industry_code, (row_number() OVER (ORDER BY id) - 1)::int AS i FROM enterprises),
       g AS (SELECT g, (g * 7) % $4::int AS i, ($2::timestamptz + ((g::bigint * 104729) % $3) * interval '1 hour') AS at FROM generate_series(1, $1::int) g)
       INSERT INTO enforcement_cases (enterprise_id, enterprise_name, region_code, county_code, industry_code, title, article, status,
                                      filed_at, decision_due_on, decided_at, fine_yuan, paid_yuan, transferred, suspension)
       SELECT e.id, e.name, e.region_code, left(e.region_code, 6), e.industry_code, '未按规定排查治理事故隐患',
              (ARRAY['97','99','101','102','103'])[1 + g % 5],
              CASE WHEN g % 50 = 0 THEN 'transferred' WHEN g % 5 = 0 THEN 'investigating' WHEN g % 3 = 0 THEN 'closed' ELSE 'executing' END,
              g.at, (g.at + interval '90 days')::date,
              CASE WHEN g % 5 <> 0 AND g % 50 <> 0 THEN g.at + interval '30 days' END,
              CASE WHEN g % 5 <> 0 AND g % 50 <> 0 THEN 10000 + (g % 40) * 2500 END,
              CASE WHEN g % 5 <> 0 AND g % 50 <> 0 AND g % 7 <> 0 THEN 10000 + (g % 40) * 2500 ELSE 0 END,
              g % 50 = 0, g % 33 = 0
       FROM g JOIN e ON e.i = g.i`,
      [cases, `${FIRST_DAY}T00:00:00+08:00`, hours, k],
    );
  } finally {
    await db.query('ALTER TABLE enforcement_inspections ENABLE TRIGGER enforcement_inspections_copy_enterprise');
    await db.query('ALTER TABLE enforcement_cases ENABLE TRIGGER enforcement_cases_copy_enterprise');
  }
  // What autovacuum would have done by the time anyone reads (see generateHazards), and the checkpoint.
  await db.query('VACUUM ANALYZE enforcement_inspections, enforcement_cases');
  await db.query('CHECKPOINT').catch(() => undefined);
}

type View = { name: string; user: string; groupBy: StatsGroup; period: StatsPeriod };
type Result = { views: ViewResult[]; inspections: number; cases: number; seconds: number; rounds: number };

/** The statements the API runs for a view, as the bench runs them bare: the children, the statistic, the organs. */
function statementsOf(prefix: string, v: View) {
  const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
  const code = prefix.padEnd(12, '0');
  const len = v.groupBy === 'region' ? (prefix.length < 4 ? 4 : prefix.length < 6 ? 6 : 9) : 12;
  const statements = [
    { sql: 'SELECT code, name, prefix, level FROM regions WHERE code = $1', params: [code] },
    statsSql(scope, { base: prefix, period: v.period, groupBy: v.groupBy, len, hazardLink: 'h.enforcement_inspection_id IS NOT NULL' }),
  ];
  if (v.groupBy === 'region')
    statements.push({ sql: 'SELECT code, name, prefix, level FROM regions WHERE parent_code = $1 ORDER BY code', params: [code] });
  return { scope, statements };
}

export async function benchEnforcementStats(d: BenchDatabase): Promise<Result> {
  const t0 = performance.now();
  const { inspections, cases, rounds: ROUNDS } = sized(d.kind);
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  await seedDemo(db);
  await generateEnterprises(db, N);
  await generateEnforcement(db, inspections, cases);
  const users = await db.query<{ username: string; region_code: string }>(
    "SELECT username, region_code FROM users WHERE username IN ('province', 'county')",
  );
  const prefixOf = (u: string) => regionPrefix(users.find((r) => r.username === u)?.region_code ?? '');
  const [n] = await db.query<{ inspections: number; cases: number }>(
    'SELECT (SELECT count(*)::int FROM enforcement_inspections) AS inspections, (SELECT count(*)::int FROM enforcement_cases) AS cases',
  );
  await db.close();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`[${d.kind}] generated ${n?.inspections} inspections and ${n?.cases} cases (+ ${N} enterprises) in ${seconds.toFixed(1)} s`);

  const views: View[] = [
    { name: 'province, 3 years, by city', user: 'province', groupBy: 'region', period: PROVINCE_PERIOD },
    { name: `county, ${monthsOf(COUNTY_PERIOD).length} months, by month`, user: 'county', groupBy: 'month', period: COUNTY_PERIOD },
  ];
  const results: ViewResult[] = [];
  for (const v of views) {
    const prefix = prefixOf(v.user);
    const { scope, statements } = statementsOf(prefix, v);
    const qs = `from=${v.period.from}&to=${v.period.to}&groupBy=${v.groupBy}`;
    results.push(
      await measureStatsView(
        d,
        { name: v.name, user: v.user, url: `/api/v1/enforcement/stats?${qs}`, scope, statements },
        { rounds: ROUNDS, clients: CLIENTS },
      ),
    );
  }
  return { views: results, inspections: n?.inspections ?? 0, cases: n?.cases ?? 0, seconds, rounds: ROUNDS };
}

export function reportEnforcementStats(results: ({ kind: string } & Result)[]) {
  for (const r of results)
    console.log(
      '\nenforcement statistics [%s], %d inspections and %d cases over 3 years, %d clients, %d s, medians of %d rounds (target: API ≥ 0.7 of bare):',
      r.kind,
      r.inspections,
      r.cases,
      CLIENTS,
      SECONDS,
      r.rounds,
    );
  printStatsViews(results);
}
