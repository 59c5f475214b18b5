// What every benchmark shares: closed-loop load from N concurrent clients with latency
// percentiles, a throwaway database of either kind, and "the same SQL run bare" — through `pg`
// for PostgreSQL, through PGlite's own API for the embedded database — so the API's cost is a ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
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

// Keep-alive connections, one per client, spoken to directly: the load generator shares the cores
// with the server and the database, so every bit of CPU it spends is taken from what it measures.
// With fetch the same server answered /api/health 2,700 times a second instead of 4,400 with
// node:http's agent; the agent in turn parses headers into objects and runs a stream per response,
// where a load generator needs only the status and where the body ends (as wrk and autocannon do).
const idle = new Map<string, RawConnection[]>();

/**
 * One keep-alive HTTP/1.1 connection that asks one GET at a time and reads the whole answer:
 * a Content-Length body or a chunked one. Anything else (a closed socket, a malformed answer)
 * fails the request and the connection.
 */
class RawConnection {
  private readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (status: number, body: Buffer) => void; reject: (e: Error) => void } | null = null;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    const fail = (e: Error) => {
      this.broken = true;
      this.pending?.reject(e);
      this.pending = null;
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  broken = false;

  get(path: string, host: string, cookie: string, headers = ''): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve: (status, body) => resolve({ status, body }), reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\n${headers}\r\n`);
    });
  }

  close() {
    this.socket.destroy();
  }

  private parse() {
    if (!this.pending) return;
    const headEnd = this.buf.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buf.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let body: Buffer;
    let used: number;
    if (length) {
      used = headEnd + 4 + Number(length[1]);
      if (this.buf.length < used) return;
      body = this.buf.subarray(headEnd + 4, used);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = this.buf.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(this.buf.toString('latin1', at, lineEnd), 16);
        if (this.buf.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          used = lineEnd + 4;
          break;
        }
        parts.push(this.buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      this.broken = true;
      this.pending.reject(new Error(`answer without a length: ${head.split('\r\n')[0]}`));
      this.pending = null;
      return;
    }
    this.buf = this.buf.subarray(used);
    const { resolve } = this.pending;
    this.pending = null;
    resolve(status, body);
  }
}

/**
 * A GET that must answer 200, body read; on a keep-alive connection of its own while it runs.
 * `headers`: more header lines, each ending in CRLF (a partner system's API key, say).
 */
export async function getOk(url: string, cookie: string, headers = ''): Promise<void> {
  const { host, hostname, port, pathname, search } = new URL(url);
  let free = idle.get(host);
  if (!free) {
    free = [];
    idle.set(host, free);
  }
  let conn = free.pop();
  while (conn?.broken) conn = free.pop(); // closed by the server while idle
  conn ??= new RawConnection(hostname, Number(port));
  let res: { status: number; body: Buffer };
  try {
    res = await conn.get(pathname + search, host, cookie, headers);
  } catch (e) {
    conn.close();
    throw new Error(`${url}: ${(e as Error).message}`);
  }
  if (!conn.broken) free.push(conn);
  if (res.status !== 200) throw new Error(`${url}: status ${res.status} ${res.body.toString()}`);
}

/** Close the connections getOk keeps (the server they talk to is stopping). */
export function closeIdleConnections() {
  for (const conns of idle.values()) for (const c of conns.splice(0)) c.close();
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

export type Statement = { sql: string; params: unknown[] };

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
    // PGlite is one connection: `session` (session-level settings) holds for every statement after it.
    if (opts.session) await db.query(opts.session.sql, opts.session.params);
    return await measure(async (i) => {
      for (const s of statementsOf(i)) await db.query(s.sql, s.params);
    }, clients);
  } finally {
    await db.close();
  }
}

export const ratio = (api: Stats, bare: Stats) => Math.round((api.rps / bare.rps) * 100) / 100;
