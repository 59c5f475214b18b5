// Benchmark: 1,000,000 hazards over 100,000 enterprises. The county hazard list (filtered, sorted
// by deadline, paginated) and the county dashboard at 50 concurrent clients, through the API and
// the same SQL bare. Targets on PostgreSQL (issue 4): list p95 ≤ 30 ms and ≥ 0.7 of bare;
// dashboard p95 ≤ 150 ms. BENCH_ENTERPRISES / BENCH_HAZARDS_PER / BENCH_SECONDS / BENCH_CLIENTS / BENCH_POOL /
// BENCH_ROUNDS.
import { performance } from 'node:perf_hooks';
import { regionPrefix } from '@taishan/domain';
import { scopeSettings } from '../../server/src/db/scope.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { childRegionsSql, dashboardSql } from '../../server/src/modules/hazards/dashboard.ts';
import { hazardListQuery, hazardListSql } from '../../server/src/modules/hazards/list.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { todayInShanghai } from '../../server/src/time.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { generateEnterprises, generateHazards } from './generate.ts';
import {
  type BenchDatabase,
  CLIENTS,
  closeIdleConnections,
  getOk,
  measure,
  measureBare,
  median,
  POOL,
  ratio,
  SECONDS,
  type Stats,
} from './harness.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const PER = Number(process.env.BENCH_HAZARDS_PER ?? 10);
/** What a county supervisor filters by, in turn; every one sorted by deadline, pages 1–5 of 20. */
const FILTERS = [
  'status=open',
  'status=open&level=major',
  'status=open&overdue=true',
  'status=rectifying',
  'status=open&tier=patrol',
  // A keyword (item 17): ILIKE over the county's open hazards in deadline order, stopping at the page.
  `status=open&q=${encodeURIComponent('配电箱')}`,
];

/** The paced run: each client asks once per this many ms (50 clients → 500 requests/s). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 100);
/**
 * Every measurement is made this many times, API and bare in turn, and each figure reported is the
 * median. On this shared 2-core machine single 10-s runs of the same build differed by up to a
 * third (the list through the API 486–713 req/s, the bare SQL 722–1,008), API and bare measured
 * minutes apart drifting separately; one round made the ratio a draw.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Result = {
  list: Stats;
  listPaced: Stats;
  listBare: Stats;
  /**
   * The bare SQL as the API runs it (PostgreSQL only): named prepared statements, on connections
   * in the county supervisor's role and scope, so row-level security does the same work. The plain
   * bare run connects as the superuser and skips it.
   */
  listBarePrepared: Stats | null;
  listRatio: number;
  dashboard: Stats;
  dashboardPaced: Stats;
  dashboardBare: Stats;
  dashboardBarePrepared: Stats | null;
  hazards: number;
  county: number;
};

export async function benchHazards(d: BenchDatabase): Promise<Result> {
  const t0 = performance.now();
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  await seedDemo(db);
  await generateEnterprises(db, N);
  await generateHazards(db, PER, todayInShanghai());
  const [county] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county'");
  const prefix = regionPrefix(county?.region_code ?? '');
  const [n] = await db.query<{ all: number; county: number }>(
    'SELECT count(*)::int AS all, count(*) FILTER (WHERE county_code = $1)::int AS county FROM hazards',
    [prefix],
  );
  await db.close();
  console.log(
    `[${d.kind}] generated ${N} enterprises and ${n?.all} hazards in ${((performance.now() - t0) / 1000).toFixed(1)} s; the county holds ${n?.county}`,
  );

  const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
  const paramsOf = (i: number) =>
    `${FILTERS[i % FILTERS.length]}&sort=deadline&page=${1 + (Math.floor(i / FILTERS.length) % 5)}&pageSize=20`;
  const listStatements = (i: number) => [hazardListSql(scope, hazardListQuery.parse(Object.fromEntries(new URLSearchParams(paramsOf(i)))))];
  const dashboardStatements = () => [childRegionsSql(prefix), dashboardSql(scope, prefix, 9)];
  const pgOnly = d.kind === 'postgresql';
  const session = scopeSettings(scope, false);
  const rounds: Omit<Result, 'listRatio' | 'hazards' | 'county'>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // The server holds PGlite's directory alone: it runs for the API's turn and stops for the bare one.
    const server = await startServer({
      dataDir: d.dataDir,
      databaseUrl: d.databaseUrl,
      env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' },
    });
    let api: Pick<Result, 'list' | 'listPaced' | 'dashboard' | 'dashboardPaced'>;
    try {
      const cookie = await apiLogin(server.url, 'county');
      const listOp = (i: number) => getOk(`${server.url}/api/v1/hazards?${paramsOf(i)}`, cookie);
      const dashboardOp = () => getOk(`${server.url}/api/v1/hazard-dashboard`, cookie);
      api = {
        list: await measure(listOp),
        listPaced: await measure(listOp, CLIENTS, PACE_MS),
        dashboard: await measure(dashboardOp),
        dashboardPaced: await measure(dashboardOp, CLIENTS, PACE_MS),
      };
    } finally {
      closeIdleConnections();
      await server.stop();
    }
    rounds.push({
      ...api,
      listBare: await measureBare(d, listStatements),
      dashboardBare: await measureBare(d, dashboardStatements),
      listBarePrepared: pgOnly ? await measureBare(d, listStatements, { prepared: true, session }) : null,
      dashboardBarePrepared: pgOnly ? await measureBare(d, dashboardStatements, { prepared: true, session }) : null,
    });
    console.log(
      `[${d.kind}] round ${round + 1} of ${ROUNDS}: list ${api.list.rps} req/s p95 ${api.list.p95} ms, bare ${rounds[round]?.listBare.rps} req/s`,
    );
  }
  const med = (k: keyof (typeof rounds)[number]) => median(rounds.map((r) => r[k] as Stats));
  const list = med('list');
  const listBare = med('listBare');
  return {
    list,
    listPaced: med('listPaced'),
    listBare,
    listBarePrepared: pgOnly ? med('listBarePrepared') : null,
    listRatio: ratio(list, listBare),
    dashboard: med('dashboard'),
    dashboardPaced: med('dashboardPaced'),
    dashboardBare: med('dashboardBare'),
    dashboardBarePrepared: pgOnly ? med('dashboardBarePrepared') : null,
    hazards: n?.all ?? 0,
    county: n?.county ?? 0,
  };
}

export function reportHazards(results: ({ kind: string } & Result)[]) {
  console.log(
    '\ncounty hazard list and dashboard, %d hazards, %d clients, %d s; closed loop, and paced at one request per client per %d ms; medians of %d rounds:',
    results[0]?.hazards,
    CLIENTS,
    SECONDS,
    PACE_MS,
    ROUNDS,
  );
  const row = (kind: string, what: string, api: Stats, paced: Stats, bare: Stats, barePrepared: Stats | null) => ({
    database: kind,
    what,
    'API p50 ms': api.p50,
    'API p95 ms': api.p95,
    'API req/s': api.rps,
    'bare p95 ms': bare.p95,
    'bare req/s': bare.rps,
    ratio: ratio(api, bare),
    'bare as API req/s': barePrepared?.rps ?? '-',
    'ratio to it': barePrepared ? ratio(api, barePrepared) : '-',
    'paced req/s': paced.rps,
    'paced p95 ms': paced.p95,
  });
  console.table(
    results.flatMap((r) => [
      row(r.kind, `list (county ${r.county})`, r.list, r.listPaced, r.listBare, r.listBarePrepared),
      row(r.kind, 'dashboard', r.dashboard, r.dashboardPaced, r.dashboardBare, r.dashboardBarePrepared),
    ]),
  );
}
