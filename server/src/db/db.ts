// One database interface over PGlite (embedded default) and a PostgreSQL server (DATABASE_URL).
// Both speak the same SQL; the rest of the server never knows which one it has.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyStream } from 'pg-copy-streams';
import { TIME_TYPE_OIDS } from './times.ts';

/**
 * `prepare`: on PostgreSQL, run as a named prepared statement, parsed once per connection and,
 * once PostgreSQL finds its generic plan no worse, planned once too. Only for hot reads whose SQL
 * text is built from constants and enumerations. A connection keeps at most
 * `preparedPerConnection` of them; later texts run unnamed there (planned every time).
 */
export type QueryOptions = {
  prepare?: boolean;
  /**
   * date, timestamp and timestamptz columns come back as PostgreSQL's text (2026-12-31,
   * 2026-11-23 16:30:00.123+00) instead of Date objects: for hot reads that only pass them on
   * (db/times.ts: isoFromPg).
   */
  rawTimes?: boolean;
};

export type Queryable = {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<R[]>;
  /**
   * PostgreSQL only: stream `data` into `COPY … FROM STDIN` (the fastest bulk write; telemetry
   * uses it). Absent on PGlite, where callers write with an ordinary INSERT instead.
   */
  copyFrom?(sql: string, data: Buffer): Promise<void>;
};

export type Db = Queryable & {
  kind: 'pglite' | 'postgresql';
  /** Run fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Run read-only fn on a connection whose session settings are `setup` (keyed by `key`). On
   * PostgreSQL the connection comes from a pool used for nothing else, is read-only, and keeps
   * its settings between uses, so a read by the same scope costs no extra round trip; on PGlite
   * (one connection shared by all) it is a transaction with local settings, so nothing leaks to
   * the next caller, and `setup(true)` must make it read-only as well (one statement, not two:
   * scopeSettings; the scope property test checks a write through it is refused on both).
   */
  pinnedReadOnly<T>(
    key: string,
    setup: (local: boolean) => { sql: string; params: unknown[] },
    fn: (q: Queryable) => Promise<T>,
  ): Promise<T>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Run fn while holding advisory lock `key` (a session lock on a connection of its own, so fn
   * may use any connection and transactions). Processes sharing a PostgreSQL database wait for
   * each other here (start-up: migrations, regions, demo data); PGlite has one process: fn runs.
   */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * Take advisory lock `key` for as long as this Db is open, if no other process holds it
   * (true), else false at once. PGlite: always true (one process owns its data folder).
   */
  holdLock(key: number): Promise<boolean>;
  /**
   * Mark this process present on the database for as long as this Db is open (shared advisory
   * lock `key`, on a connection of its own). If no other process is present, `whileAlone` runs
   * first with the lock held exclusively (a process starting meanwhile waits for it), and the
   * answer is true; otherwise false, and whileAlone does not run. PGlite: it runs; true.
   */
  joinCluster(key: number, whileAlone: () => Promise<void>): Promise<boolean>;
  /**
   * PostgreSQL only: LISTEN on `channel` on a connection of its own (re-made if it drops);
   * `onPayload` gets each NOTIFY's payload. Resolves once listening; the result stops it.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type DbConfig = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /**
   * Prepared statements kept per PostgreSQL connection (default 50). A prepared page of the
   * county hazard list holds ~230 KB of plans in its backend (measured), and its texts vary with
   * the filters and the page: without a bound, paging through every combination would grow each
   * backend without end. The first texts a connection sees are the common ones and stay.
   */
  preparedPerConnection?: number;
};

// Numbers come back as numbers on both drivers: bigint counts and numeric columns are cast in SQL
// where they are read; int8 from pg is parsed here for safety (counts never exceed 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const asText = (v: string) => v;
const RAW_TIMES_PGLITE = Object.fromEntries(TIME_TYPE_OIDS.map((oid) => [oid, asText]));
const RAW_TIMES_PG = {
  getTypeParser: (oid: number, format?: string) =>
    (TIME_TYPE_OIDS as readonly number[]).includes(oid) ? asText : pg.types.getTypeParser(oid, format as 'text'),
};

export async function openDb(config: DbConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.preparedPerConnection ?? 50) : openPglite(config.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  type Q = Pick<PGlite, 'query'>;
  const on =
    (q: Q) =>
    async <R>(sql: string, params?: unknown[], options?: QueryOptions) =>
      (await q.query<R>(sql, params, options?.rawTimes ? { parsers: RAW_TIMES_PGLITE } : undefined)).rows;
  const query = on(db);
  return {
    kind: 'pglite',
    query,
    async transaction(fn) {
      return db.transaction((tx) => fn({ query: on(tx) }));
    },
    async pinnedReadOnly(_key, setup, fn) {
      return db.transaction(async (tx) => {
        // Local settings; they also make the transaction read-only (scopeSettings).
        const { sql, params } = setup(true);
        await tx.query(sql, params);
        return fn({ query: on(tx) });
      });
    },
    async exec(sql) {
      await db.exec(sql);
    },
    withLock: (_key, fn) => fn(),
    holdLock: async () => true,
    async joinCluster(_key, whileAlone) {
      await whileAlone();
      return true;
    },
    async close() {
      await db.close();
    },
  };
}

/** Statement names by text; a plain cache of hashes, emptied when it grows past this. */
const statementNames = new Map<string, string>();
const NAMES_KEPT = 10_000;
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `t${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (statementNames.size >= NAMES_KEPT) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * The statement for `pg`: named (prepared) when asked and `prepared`, the names this connection
 * holds, has room or has it already; otherwise unnamed. Without a connection (the pool picks
 * one), unnamed.
 */
function statement(
  text: string,
  values: unknown[] | undefined,
  options: QueryOptions | undefined,
  prepared?: { names: Set<string>; max: number },
): pg.QueryConfig {
  const plain: pg.QueryConfig = options?.rawTimes
    ? { text, values: values as unknown[], types: RAW_TIMES_PG }
    : { text, values: values as unknown[] };
  if (!options?.prepare || !prepared) return plain;
  const name = statementName(text);
  if (!prepared.names.has(name)) {
    if (prepared.names.size >= prepared.max) return plain;
    prepared.names.add(name);
  }
  return { ...plain, name };
}

async function openPostgres(url: string, preparedPerConnection: number): Promise<Db> {
  const max = Number(process.env.DB_POOL_SIZE ?? 20);
  // The names prepared on each connection (gone with the connection).
  const preparedOn = new WeakMap<pg.PoolClient, { names: Set<string>; max: number }>();
  const preparedFor = (client: pg.PoolClient) => {
    let p = preparedOn.get(client);
    if (!p) {
      p = { names: new Set(), max: preparedPerConnection };
      preparedOn.set(client, p);
    }
    return p;
  };
  const pool = new pg.Pool({ connectionString: url, max });
  // Connections for pinned (scoped read) sessions only; each remembers the key it was set up for.
  const pinnedPool = new pg.Pool({ connectionString: url, max });
  const pinnedKey = new WeakMap<pg.PoolClient, string>();
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => {});
  pinnedPool.on('error', () => {});
  await pool.query('select 1');
  // Connections holding a process-lifetime advisory lock (holdLock), and running LISTENers.
  const held: pg.Client[] = [];
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgresql',
    async query<R>(sql: string, params?: unknown[], options?: QueryOptions) {
      return (await pool.query(statement(sql, params, options))).rows as R[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <R>(s: string, p?: unknown[], o?: QueryOptions) =>
            (await client.query(statement(s, p, o, preparedFor(client)))).rows as R[],
          copyFrom: (sql, data) =>
            new Promise<void>((resolve, reject) => {
              const stream = client.query(copyStream(sql));
              stream.on('finish', resolve);
              stream.on('error', reject);
              stream.end(data);
            }),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async pinnedReadOnly(key, setup, fn) {
      const client = await pinnedPool.connect();
      let broken = false;
      try {
        if (!pinnedKey.has(client)) await client.query('SET default_transaction_read_only = on');
        if (pinnedKey.get(client) !== key) {
          pinnedKey.set(client, '');
          const { sql, params } = setup(false);
          await client.query(sql, params as unknown[]);
          pinnedKey.set(client, key);
        }
        return await fn({
          query: async <R>(s: string, p?: unknown[], o?: QueryOptions) =>
            (await client.query(statement(s, p, o, preparedFor(client)))).rows as R[],
        });
      } catch (err) {
        // An aborted statement leaves no transaction open (none was begun); a lost connection is dropped.
        broken = (err as { code?: string }).code === undefined;
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async withLock(key, fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {
            broken = true;
          });
        }
      } finally {
        // A connection whose unlock failed is dropped: closing it releases the lock.
        client.release(broken);
      }
    },
    async holdLock(key) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      const [r] = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])).rows;
      if (!r?.ok) {
        await client.end();
        return false;
      }
      held.push(client);
      return true;
    },
    async joinCluster(key, whileAlone) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      held.push(client);
      const [r] = (await client.query<{ alone: boolean }>('SELECT pg_try_advisory_lock($1) AS alone', [key])).rows;
      if (!r?.alone) {
        await client.query('SELECT pg_advisory_lock_shared($1)', [key]);
        return false;
      }
      try {
        await whileAlone();
      } finally {
        // Shared first, then the exclusive lock goes: present throughout.
        await client.query('SELECT pg_advisory_lock_shared($1)', [key]);
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
      return true;
    },
    async listen(channel, onPayload) {
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
        });
        // A dropped connection is made again (a second later, until it works); what was
        // notified meanwhile is missed (live pushes only: clients reload lists on reconnect).
        const again = () => {
          if (stopped || client !== c) return;
          client = null;
          setTimeout(() => void connect().catch(again), 1000).unref();
        };
        c.on('error', again);
        c.on('end', again);
        client = c;
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      };
      await connect();
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        await client?.end().catch(() => {});
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await Promise.all(held.map((c) => c.end().catch(() => {})));
      await Promise.all([pool.end(), pinnedPool.end()]);
    },
  };
}
