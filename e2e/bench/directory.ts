// Benchmark: the county directory search over 100,000 enterprises, at 50 concurrent clients,
// through the HTTP API — and the very same SQL run bare (through `pg`, or PGlite's own API for
// the embedded database), so the API's cost is reported as a ratio. Runs on both databases.
//   npm run bench                       both databases
//   BENCH_DB=pglite npm run bench       one of them; BENCH_ENTERPRISES / BENCH_SECONDS / BENCH_CLIENTS to size it
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { enterpriseQuerySchema, regionPrefix } from '@taishan/domain';
import pg from 'pg';
import { openDb } from '../../server/src/db/db.ts';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { searchSql } from '../../server/src/modules/enterprises/store.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { generateEnterprises } from './generate.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const KEYWORDS = ['', '', '化工', '建筑', '恒信', '物流'];

type Stats = { requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number };
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Run `op` from CLIENTS concurrent loops for SECONDS; latency percentiles in ms. */
async function load(op: (i: number) => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(i++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    seconds: r2(seconds),
    rps: r2(latencies.length / seconds),
    p50: r2(pct(latencies, 50)),
    p95: r2(pct(latencies, 95)),
    p99: r2(pct(latencies, 99)),
  };
}

async function benchOne(kind: 'pglite' | 'postgresql') {
  let dataDir: string | undefined;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (kind === 'pglite') dataDir = mkdtempSync(join(tmpdir(), 'taishan-bench-'));
  else {
    const temp = await createTempDatabase('taishan_bench');
    databaseUrl = temp.url;
    dropDatabase = temp.drop;
  }
  try {
    const t0 = performance.now();
    const db = await openPlatformDb(dataDir ? { dataDir: join(dataDir, 'pglite') } : { databaseUrl });
    await seedDemo(db);
    await generateEnterprises(db, N);
    const [county] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county'");
    const [inCounty] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises WHERE region_code LIKE $1', [
      `${regionPrefix(county?.region_code ?? '')}%`,
    ]);
    await db.close();
    console.log(
      `[${kind}] generated ${N} enterprises (+ demo) in ${((performance.now() - t0) / 1000).toFixed(1)} s; the county holds ${inCounty?.n}`,
    );

    const scope = { regionPrefix: regionPrefix(county?.region_code ?? ''), industries: null, enterpriseId: null };
    const queryOf = (i: number) =>
      enterpriseQuerySchema.parse({ q: KEYWORDS[i % KEYWORDS.length] || undefined, page: String(1 + (i % 5)), pageSize: '20' });

    // 1. Through the API (session lookup, scope, RLS transaction, validation, JSON).
    const server = await startServer({ dataDir, databaseUrl, env: { DB_POOL_SIZE: String(CLIENTS) } });
    const cookie = await apiLogin(server.url, 'county');
    const urlOf = (i: number) => {
      const q = queryOf(i);
      return `${server.url}/api/v1/enterprises?page=${q.page}&pageSize=20${q.q ? `&q=${encodeURIComponent(q.q)}` : ''}`;
    };
    await load(async (i) => {
      await (await fetch(urlOf(i), { headers: { cookie } })).arrayBuffer();
    }); // warm-up
    const api = await load(async (i) => {
      const r = await fetch(urlOf(i), { headers: { cookie } });
      if (r.status !== 200) throw new Error(`status ${r.status}`);
      await r.arrayBuffer();
    });
    await server.stop();

    // 2. The same two statements, bare.
    let bare: Stats;
    if (kind === 'postgresql') {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS });
      const run = async (i: number) => {
        const { list, count } = searchSql(scope, queryOf(i));
        const c = await pool.connect();
        try {
          await c.query(list.sql, list.params);
          await c.query(count.sql, count.params);
        } finally {
          c.release();
        }
      };
      await load(run);
      bare = await load(run);
      await pool.end();
    } else {
      const db2 = await openDb({ dataDir: join(dataDir as string, 'pglite') });
      const run = async (i: number) => {
        const { list, count } = searchSql(scope, queryOf(i));
        await db2.query(list.sql, list.params);
        await db2.query(count.sql, count.params);
      };
      await load(run);
      bare = await load(run);
      await db2.close();
    }
    return { kind, api, bare, ratio: Math.round((api.rps / bare.rps) * 100) / 100 };
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

const kinds = (process.env.BENCH_DB ? [process.env.BENCH_DB] : ['pglite', 'postgresql']) as ('pglite' | 'postgresql')[];
const results = [];
for (const kind of kinds) {
  const r = await benchOne(kind);
  results.push(r);
  console.log(`[${kind}] API  ${JSON.stringify(r.api)}`);
  console.log(`[${kind}] bare ${JSON.stringify(r.bare)}`);
  console.log(`[${kind}] API/bare throughput ratio ${r.ratio}`);
}
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
