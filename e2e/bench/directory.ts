// Benchmark: the county directory search over 100,000 enterprises, at 50 concurrent clients,
// through the HTTP API and the very same SQL run bare. BENCH_ENTERPRISES / BENCH_SECONDS /
// BENCH_CLIENTS / BENCH_DB size it.
import { performance } from 'node:perf_hooks';
import { enterpriseQuerySchema, regionPrefix } from '@taishan/domain';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { searchSql } from '../../server/src/modules/enterprises/store.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { generateEnterprises } from './generate.ts';
import {
  type BenchDatabase,
  CLIENTS,
  closeIdleConnections,
  getOk,
  measure,
  measureBare,
  POOL,
  ratio,
  SECONDS,
  type Stats,
} from './harness.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const KEYWORDS = ['', '', '化工', '建筑', '恒信', '物流'];

export async function benchDirectory(d: BenchDatabase): Promise<{ api: Stats; bare: Stats; ratio: number }> {
  const t0 = performance.now();
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  await seedDemo(db);
  await generateEnterprises(db, N);
  const [county] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county'");
  const prefix = regionPrefix(county?.region_code ?? '');
  const [inCounty] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises WHERE region_code LIKE $1', [`${prefix}%`]);
  await db.close();
  console.log(
    `[${d.kind}] generated ${N} enterprises (+ demo) in ${((performance.now() - t0) / 1000).toFixed(1)} s; the county holds ${inCounty?.n}`,
  );

  const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
  const queryOf = (i: number) =>
    enterpriseQuerySchema.parse({ q: KEYWORDS[i % KEYWORDS.length] || undefined, page: String(1 + (i % 5)), pageSize: '20' });

  const server = await startServer({ dataDir: d.dataDir, databaseUrl: d.databaseUrl, env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' } });
  let api: Stats;
  try {
    const cookie = await apiLogin(server.url, 'county');
    api = await measure((i) => {
      const q = queryOf(i);
      return getOk(`${server.url}/api/v1/enterprises?page=${q.page}&pageSize=20${q.q ? `&q=${encodeURIComponent(q.q)}` : ''}`, cookie);
    });
  } finally {
    closeIdleConnections();
    await server.stop();
  }
  const bare = await measureBare(d, (i) => {
    const { list, count } = searchSql(scope, queryOf(i));
    return [list, count];
  });
  return { api, bare, ratio: ratio(api, bare) };
}

export function reportDirectory(results: { kind: string; api: Stats; bare: Stats; ratio: number }[]) {
  console.log('\ncounty directory search, %d enterprises, %d clients, %d s:', N, CLIENTS, SECONDS);
  console.table(
    results.map((r) => ({
      database: r.kind,
      'API p50 ms': r.api.p50,
      'API p95 ms': r.api.p95,
      'API req/s': r.api.rps,
      'bare req/s': r.bare.rps,
      'bare p95 ms': r.bare.p95,
      ratio: r.ratio,
    })),
  );
}
