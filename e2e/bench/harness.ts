// What every benchmark shares: closed-loop load from N concurrent clients with latency
// percentiles, a throwaway database of either kind, and "the same SQL run bare" — through `pg`
// for PostgreSQL, through PGlite's own API for the embedded database — so the API's cost is a ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDb } from '../../server/src/db/db.ts';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';

export type DbKind = 'pglite' | 'postgresql';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
/**
 * Database connections, for the server (DB_POOL_SIZE) and for the bare run alike: the server's
 * default, 20. More connections than cores only add context switches — with 50, the p95 of the
 * county list was 150–160 ms against 120–130 ms with 20 on the same machine.
 */
export const POOL = Number(process.env.BENCH_POOL ?? 20);
export const benchKinds = () => (process.env.BENCH_DB ? [process.env.BENCH_DB] : ['pglite', 'postgresql']) as DbKind[];

export type Stats = { requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number };
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Run `op` from `clients` concurrent loops for SECONDS. Closed loop by default: each client starts
 * its next request the moment the last one ends, so latency is queueing once the machine is
 * saturated. With `everyMs`, each client starts one request per `everyMs` (users who read what
 * they asked for), which measures latency at a stated load instead. Paced clients start spread
 * evenly over the first `everyMs`, as users do not click in step: started together, the 50 fired
 * as one burst every 100 ms and the last of each burst waited for the 49 before it (the list's
 * paced p95 was 84 ms at 478 req/s, two thirds of what the closed loop sustained).
 */
export async function load(op: (i: number) => Promise<void>, clients = CLIENTS, everyMs = 0): Promise<Stats> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      if (everyMs) await new Promise((r) => setTimeout(r, (k * everyMs) / clients));
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(i++);
        const took = performance.now() - t0;
        latencies.push(took);
        if (everyMs > took) await new Promise((r) => setTimeout(r, everyMs - took));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: r2(seconds),
    rps: r2(latencies.length / seconds),
    p50: r2(pct(latencies, 50)),
    p95: r2(pct(latencies, 95)),
    p99: r2(pct(latencies, 99)),
  };
}

/** Each figure's median over several runs of the same measurement. */
export function median(runs: Stats[]): Stats {
  const mid = (k: keyof Stats) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return v.length % 2 ? (v[(v.length - 1) / 2] as number) : r2(((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2);
  };
  return { requests: mid('requests'), seconds: mid('seconds'), rps: mid('rps'), p50: mid('p50'), p95: mid('p95'), p99: mid('p99') };
}

/** Warm up, then measure. */
export async function measure(op: (i: number) => Promise<void>, clients = CLIENTS, everyMs = 0): Promise<Stats> {
  await load(op, clients, everyMs);
  return load(op, clients, everyMs);
}

// Keep-alive connections, one per client. node:http rather than fetch: the load generator shares
// the cores with the server and the database, and with fetch the same server answered /api/health
// 2,700 times a second instead of 4,400.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

/** A GET that must answer 200, body read. */
export function getOk(url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${url}: status ${res.statusCode} ${Buffer.concat(chunks).toString()}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export type BenchDatabase = { kind: DbKind; dataDir?: string; databaseUrl?: string; pgliteDir?: string };

/** A fresh database of `kind` for the duration of `fn`, removed afterwards. */
export async function withBenchDatabase<T>(kind: DbKind, fn: (d: BenchDatabase) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'taishan-bench-'));
    try {
      return await fn({ kind, dataDir, pgliteDir: join(dataDir, 'pglite') });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const temp = await createTempDatabase('taishan_bench');
  try {
    return await fn({ kind, databaseUrl: temp.url });
  } finally {
    await temp.drop();
  }
}

type Statement = { sql: string; params: unknown[] };

/**
 * Run the statements of `statementsOf(i)` bare, in sequence per request, under the same load.
 * `session`: a statement each connection runs first (PostgreSQL), e.g. the API's scope settings,
 * so the database does the same work as for the API — row-level security included, which the
 * connecting superuser otherwise skips.
 */
export async function measureBare(
  d: BenchDatabase,
  statementsOf: (i: number) => Statement[],
  opts: { clients?: number; prepared?: boolean; session?: Statement } = {},
): Promise<Stats> {
  const clients = opts.clients ?? CLIENTS;
  if (d.kind === 'postgresql') {
    const pool = new pg.Pool({ connectionString: d.databaseUrl, max: POOL });
    pool.on('error', () => {}); // idle clients cut off when the throwaway database is dropped
    // Connections that have run `session` (a failure fails the run instead of measuring the superuser).
    const ready = new WeakSet<pg.PoolClient>();
    // Named statements when the API prepares its own: the same SQL, as a client would best run it.
    const names = new Map<string, string>();
    const nameOf = (sql: string) => {
      if (!names.has(sql)) names.set(sql, `bare${names.size}`);
      return names.get(sql) as string;
    };
    try {
      return await measure(async (i) => {
        const c = await pool.connect();
        try {
          if (opts.session && !ready.has(c)) {
            await c.query(opts.session.sql, opts.session.params);
            ready.add(c);
          }
          for (const s of statementsOf(i))
            await c.query(opts.prepared ? { name: nameOf(s.sql), text: s.sql, values: s.params } : { text: s.sql, values: s.params });
        } finally {
          c.release();
        }
      }, clients);
    } finally {
      await pool.end();
    }
  }
  const db = await openDb({ dataDir: d.pgliteDir as string });
  try {
    return await measure(async (i) => {
      for (const s of statementsOf(i)) await db.query(s.sql, s.params);
    }, clients);
  } finally {
    await db.close();
  }
}

export const ratio = (api: Stats, bare: Stats) => Math.round((api.rps / bare.rps) * 100) / 100;
