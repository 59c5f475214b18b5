// Benchmark: 1,000,000 hazards over 100,000 enterprises. The county hazard list (filtered, sorted
// by deadline, paginated) and the county dashboard at 50 concurrent clients, through the API and
// the same SQL bare. Targets on PostgreSQL (issue 4): list p95 ≤ 30 ms and ≥ 0.7 of bare;
// dashboard p95 ≤ 150 ms. BENCH_ENTERPRISES / BENCH_HAZARDS_PER / BENCH_SECONDS / BENCH_CLIENTS / BENCH_POOL.
import { performance } from 'node:perf_hooks';
import { regionPrefix } from '@taishan/domain';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { childRegionsSql, dashboardSql } from '../../server/src/modules/hazards/dashboard.ts';
import { todayInShanghai } from '../../server/src/modules/hazards/escalation.ts';
import { hazardListQuery, hazardListSql } from '../../server/src/modules/hazards/routes.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { generateEnterprises, generateHazards } from './generate.ts';
import { type BenchDatabase, CLIENTS, getOk, measure, measureBare, POOL, ratio, SECONDS, type Stats } from './harness.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const PER = Number(process.env.BENCH_HAZARDS_PER ?? 10);
/** What a county supervisor filters by, in turn; every one sorted by deadline, pages 1–5 of 20. */
const FILTERS = ['status=open', 'status=open&level=major', 'status=open&overdue=true', 'status=rectifying', 'status=open&tier=patrol'];

/** The paced run: each client asks once per this many ms (50 clients → 500 requests/s). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 100);

type Result = {
  list: Stats;
  listPaced: Stats;
  listBare: Stats;
  /** The bare SQL as named prepared statements, as the API runs it (PostgreSQL only). */
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
  const server = await startServer({ dataDir: d.dataDir, databaseUrl: d.databaseUrl, env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' } });
  let list: Stats;
  let listPaced: Stats;
  let dashboard: Stats;
  let dashboardPaced: Stats;
  try {
    const cookie = await apiLogin(server.url, 'county');
    const listOp = (i: number) => getOk(`${server.url}/api/v1/hazards?${paramsOf(i)}`, cookie);
    const dashboardOp = () => getOk(`${server.url}/api/v1/hazard-dashboard`, cookie);
    list = await measure(listOp);
    listPaced = await measure(listOp, CLIENTS, PACE_MS);
    dashboard = await measure(dashboardOp);
    dashboardPaced = await measure(dashboardOp, CLIENTS, PACE_MS);
  } finally {
    await server.stop();
  }
  const listStatements = (i: number) => [hazardListSql(scope, hazardListQuery.parse(Object.fromEntries(new URLSearchParams(paramsOf(i)))))];
  const dashboardStatements = () => [childRegionsSql(prefix), dashboardSql(scope, prefix, 9)];
  const listBare = await measureBare(d, listStatements);
  const dashboardBare = await measureBare(d, dashboardStatements);
  const pgOnly = d.kind === 'postgresql';
  const listBarePrepared = pgOnly ? await measureBare(d, listStatements, { prepared: true }) : null;
  const dashboardBarePrepared = pgOnly ? await measureBare(d, dashboardStatements, { prepared: true }) : null;
  return {
    list,
    listPaced,
    listBare,
    listBarePrepared,
    listRatio: ratio(list, listBare),
    dashboard,
    dashboardPaced,
    dashboardBare,
    dashboardBarePrepared,
    hazards: n?.all ?? 0,
    county: n?.county ?? 0,
  };
}

export function reportHazards(results: ({ kind: string } & Result)[]) {
  console.log(
    '\ncounty hazard list and dashboard, %d hazards, %d clients, %d s; closed loop, and paced at one request per client per %d ms:',
    results[0]?.hazards,
    CLIENTS,
    SECONDS,
    PACE_MS,
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
    'bare prepared req/s': barePrepared?.rps ?? '-',
    'ratio to prepared': barePrepared ? ratio(api, barePrepared) : '-',
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
