// Benchmarks of issue 28 (item 11):
// 1. Cluster detection over 10,000,000 case rows for a province in < 5 s: the rows are made in the
//    database by generate_series over every township of 江苏 and two years, 40 diseases; the timed
//    call is the job's own query (clusterRows, with the settings' thresholds) for the province,
//    then the whole detection (detectClusters: query + the signal events it creates).
// 2. The command board of a province with 10,000 open signals in < 1 s, through the API against the
//    same SQL run bare (boardSql), side by side in one run (target API ≥ 0.7 of bare).
// BENCH_PH_CASES scales the cases (default 10,000,000 on PostgreSQL, 2,000,000 on PGlite: the
// embedded database is one process with its data in memory while it writes), BENCH_CM_SIGNALS the signals.
import { performance } from 'node:perf_hooks';
import { NATIONAL_SCOPE } from '@taishan/domain';
import type { Db } from '../../server/src/db/db.ts';
import { scopeSettings } from '../../server/src/db/scope.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { boardQuerySchema, boardSql } from '../../server/src/modules/command/board-service.ts';
import { seedDiseaseReference } from '../../server/src/modules/public-health/diseases-service.ts';
import { clusterSettings, detectClusters } from '../../server/src/modules/public-health/events-service.ts';
import { clusterRows } from '../../server/src/modules/public-health/events-store.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { type BenchDatabase, closeIdleConnections, getOk, measure, measureBare, POOL, ratio, type Stats } from './harness.ts';

const SIGNALS = Number(process.env.BENCH_CM_SIGNALS ?? 10_000);
const BOARD_CLIENTS = Number(process.env.BENCH_CM_CLIENTS ?? 4);
const PROVINCE = '32';

type Result = {
  cases: number;
  townships: number;
  generateSeconds: number;
  queryMs: number;
  clusters: number;
  detectMs: number;
  signals: number;
  api: Stats;
  bare: Stats;
  /** PostgreSQL: the bare SQL as the API runs it — prepared, as taishan_app in the province's scope, so RLS does the same work. */
  barePrepared: Stats | null;
  ratio: number;
  ratioPrepared: number | null;
};

/** Case rows over every township of the province in two years; a handful of townships get a burst this week. */
async function generateCases(db: Db, n: number) {
  const [facility] = await db.query<{ id: string; region_code: string }>('SELECT id, region_code FROM enterprises ORDER BY id LIMIT 1');
  if (!facility) throw new Error('no enterprise to report from');
  await db.query(`CREATE TEMP TABLE bench_towns AS
    SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM regions WHERE level = 'township' AND code >= '${PROVINCE}' AND code < '${PROVINCE}~'`);
  await db.query(`CREATE TEMP TABLE bench_diseases AS SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM ph_diseases`);
  const [{ towns, diseases } = { towns: 0, diseases: 0 }] = await db.query<{ towns: number; diseases: number }>(
    'SELECT (SELECT count(*)::int FROM bench_towns) AS towns, (SELECT count(*)::int FROM bench_diseases) AS diseases',
  );
  // In batches of 1M so neither database holds one enormous statement.
  const batch = 1_000_000;
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    await db.query(
      `INSERT INTO ph_cases (number, disease_code, classification, diagnosed_at, reported_at, deadline_at, region_code, report_region_code,
                             facility_id, person_sealed, person_masked, person_key, status, review_due_at)
       SELECT 'B' || g, d.code, CASE WHEN g % 4 = 0 THEN 'suspected' ELSE 'confirmed' END, at, at, at + interval '24 hours', t.code, $3,
              $4::uuid, 'x', '{}'::jsonb, md5(g::text), CASE WHEN g % 50 = 0 THEN 'merged' ELSE 'reviewed' END, at + interval '48 hours'
         FROM (SELECT g, now() - ((g::bigint * 7919) % 17520) * interval '1 hour' AS at FROM generate_series($1::int, $2::int) g) s
         JOIN bench_towns t ON t.i = (s.g * 31) % ${towns}
         JOIN bench_diseases d ON d.i = (s.g * 17) % ${diseases}`,
      [from, to, facility.region_code, facility.id],
    );
  }
  await db.query('ANALYZE ph_cases');
  return towns;
}

async function generateSignals(db: Db, n: number) {
  const types = ['accident', 'majorHazard', 'alarm', 'publicReport', 'healthEvent', 'supplyRequest', 'hotline'];
  const stages = ['collected', 'analysed', 'judged', 'pushed'];
  await db.query(
    `INSERT INTO command_signals (source_type, source_id, domain, region_code, title, severity, lat, lng, occurred_at, stage, stage_due_at)
     SELECT ($2::text[])[1 + g % 7], 'bench-' || g, CASE WHEN g % 7 = 4 THEN 'health' ELSE 'safety' END, t.code, '基准信号' || g,
            (ARRAY['low','normal','high','critical'])[1 + g % 4], 31 + (g % 400) / 100.0, 117 + (g % 500) / 100.0,
            now() - (g % 720) * interval '1 hour', ($3::text[])[1 + g % 4], now() + (g % 48 - 12) * interval '1 hour'
       FROM generate_series(1, $1::int) g JOIN bench_towns t ON t.i = (g * 13) % (SELECT count(*) FROM bench_towns)`,
    [n, types, stages],
  );
  await db.query('ANALYZE command_signals');
}

export async function benchPublicHealth(d: BenchDatabase): Promise<Result> {
  const cases = Number(process.env.BENCH_PH_CASES ?? (d.kind === 'postgresql' ? 10_000_000 : 2_000_000));
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  let townships = 0;
  let generateSeconds = 0;
  let queryMs = 0;
  let detectMs = 0;
  let clusters = 0;
  try {
    await seedDemo(db);
    await seedDiseaseReference(db);
    const g0 = performance.now();
    townships = await generateCases(db, cases);
    generateSeconds = Math.round((performance.now() - g0) / 100) / 10;
    const now = new Date();
    const { fallback, overrides } = await clusterSettings(db);
    await clusterRows(db, now, fallback, overrides, PROVINCE); // warm
    const q0 = performance.now();
    clusters = (await clusterRows(db, now, fallback, overrides, PROVINCE)).length;
    queryMs = Math.round(performance.now() - q0);
    const d0 = performance.now();
    await db.transaction((tx) => detectClusters(tx, now, PROVINCE));
    detectMs = Math.round(performance.now() - d0);
    console.log(
      `[${d.kind}] cluster detection over ${cases} cases in ${townships} townships: query ${queryMs} ms (${clusters} clusters), detection with its events ${detectMs} ms`,
    );
    await generateSignals(db, SIGNALS);
    // The scheduled jobs would run beside the API's measurement (and not the bare one's): marked as just run.
    await db.query(
      `INSERT INTO scheduled_jobs (name, every_seconds, next_run_at)
       SELECT name, every, now() + every * interval '1 second' FROM unnest($1::text[], $2::int[]) AS j (name, every)
       ON CONFLICT (name) DO UPDATE SET next_run_at = EXCLUDED.next_run_at`,
      [
        ['phEvents.detect', 'phLevels.propose', 'cmBoard.sync', 'hazards.escalate', 'credit.recompute'],
        [600, 3600, 60, 600, 86400],
      ],
    );
  } finally {
    await db.close();
  }
  const query = boardQuerySchema.parse({});
  const province = { ...NATIONAL_SCOPE, regionPrefix: PROVINCE };
  const { sql, params } = boardSql(province, query, new Date());
  const server = await startServer({ dataDir: d.dataDir, databaseUrl: d.databaseUrl, env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' } });
  let api: Stats;
  try {
    const cookie = await apiLogin(server.url, 'province');
    api = await measure(() => getOk(`${server.url}/api/v1/command/signals`, cookie), BOARD_CLIENTS);
  } finally {
    closeIdleConnections();
    await server.stop();
  }
  const bare = await measureBare(d, () => [{ sql, params }], { clients: BOARD_CLIENTS });
  // The same SQL as the API runs it: as taishan_app in the province's scope, so row-level security
  // does the same work (prepared on PostgreSQL; PGlite has one connection and no named statements).
  const barePrepared = await measureBare(d, () => [{ sql, params }], {
    clients: BOARD_CLIENTS,
    prepared: d.kind === 'postgresql',
    session: scopeSettings(province, false),
  });
  console.log(
    `[${d.kind}] province board, ${SIGNALS} open signals: API p95 ${api.p95} ms ${api.rps} req/s, bare p95 ${bare.p95} ms ${bare.rps} req/s`,
  );
  return {
    cases,
    townships,
    generateSeconds,
    queryMs,
    clusters,
    detectMs,
    signals: SIGNALS,
    api,
    bare,
    barePrepared,
    ratio: ratio(api, bare),
    ratioPrepared: barePrepared ? ratio(api, barePrepared) : null,
  };
}

export function reportPublicHealth(results: ({ kind: string } & Result)[]) {
  console.log('\ncluster detection for a province (target < 5 s) and the province command board (target < 1 s, API ≥ 0.7 of bare):');
  console.table(
    results.map((r) => ({
      database: r.kind,
      cases: r.cases,
      townships: r.townships,
      'generate s': r.generateSeconds,
      'cluster query ms': r.queryMs,
      clusters: r.clusters,
      'detection ms': r.detectMs,
      signals: r.signals,
      'board API p95 ms': r.api.p95,
      'board API req/s': r.api.rps,
      'board bare p95 ms': r.bare.p95,
      'board bare req/s': r.bare.rps,
      ratio: r.ratio,
      'bare as the API (RLS) req/s': r.barePrepared?.rps ?? '',
      'ratio to it': r.ratioPrepared ?? '',
    })),
  );
}
