// Lockouts and rate limits that hold across server processes: both live in the database
// (migration 022). Nothing about a caller is stored that names them: the source of a request is a
// 16-bit keyed hash of its address (one of 65,536 buckets, each shared by many addresses), and a
// login's name a keyed hash of it. The key is SOURCE_BUCKET_KEY, or one made once and kept in
// the database so that every process agrees.
import { createHmac, randomBytes } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { Db } from '../db/db.ts';

/** Wrong passwords for one name from one source bucket before that pair is locked. */
export const MAX_FAILURES = 5;
/** How long a lock holds, and the window in which failures count. */
export const LOCK_MINUTES = 15;

export type Limits = {
  /** Login attempts per source bucket per minute (RATE_LIMIT_LOGIN). */
  login: number;
  /** Calls to /api/public/… (reporting without an account) per source bucket per minute (RATE_LIMIT_PUBLIC). */
  public: number;
};
export const DEFAULT_LIMITS: Limits = { login: 30, public: 60 };

export function limitsFrom(env: Record<string, string | undefined>): Limits {
  const n = (v: string | undefined, d: number) => {
    if (v === undefined || v === '') return d;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new Error(`rate limit must be a whole number ≥ 1, got ${v}`);
    return x;
  };
  return { login: n(env.RATE_LIMIT_LOGIN, DEFAULT_LIMITS.login), public: n(env.RATE_LIMIT_PUBLIC, DEFAULT_LIMITS.public) };
}

/** Keyed hashes of a request's source and of a login name. */
export class SourceKeys {
  constructor(private readonly key: Buffer) {}

  /**
   * The source bucket of an address: IPv6 by its /64 (one subscriber), IPv4-mapped as IPv4; the
   * first 16 bits of an HMAC, so even with the key a bucket does not name an address.
   */
  bucket(ip: string): string {
    const normal = normalizeIP(ip || 'unknown', 64);
    return createHmac('sha256', this.key).update(`src:${normal}`).digest('hex').slice(0, 4);
  }

  /** A name typed at login, case-folded (an unknown name is counted like an account). */
  account(username: string): string {
    return createHmac('sha256', this.key).update(`acct:${username.trim().toLowerCase()}`).digest('hex');
  }
}

/** SOURCE_BUCKET_KEY (any string, ≥ 16 characters), else the key kept in the database, made on first use. */
export async function loadSourceKeys(db: Db, configured?: string): Promise<SourceKeys> {
  if (configured) {
    if (configured.length < 16) throw new Error('SOURCE_BUCKET_KEY needs at least 16 characters');
    return new SourceKeys(Buffer.from(configured, 'utf8'));
  }
  await db.query("INSERT INTO auth_settings (name, value) VALUES ('source_bucket_key', $1) ON CONFLICT (name) DO NOTHING", [
    randomBytes(32).toString('base64'),
  ]);
  const [row] = await db.query<{ value: string }>("SELECT value FROM auth_settings WHERE name = 'source_bucket_key'");
  if (!row) throw new Error('no source bucket key');
  return new SourceKeys(Buffer.from(row.value, 'base64'));
}

/** Is this name locked for this source bucket? */
export async function loginLocked(db: Pick<Db, 'query'>, account: string, bucket: string): Promise<boolean> {
  const [r] = await db.query<{ locked: boolean }>(
    'SELECT coalesce(locked_until > now(), false) AS locked FROM login_failures WHERE account = $1 AND bucket = $2',
    [account, bucket],
  );
  return r?.locked ?? false;
}

/**
 * Count a failed login for (name, bucket); failures older than LOCK_MINUTES, or before a lock
 * that has run out, are forgotten. Returns the count and whether the pair is now locked.
 */
export async function recordLoginFailure(
  tx: Pick<Db, 'query'>,
  account: string,
  bucket: string,
  userId: string | null,
): Promise<{ failures: number; locked: boolean }> {
  const [r] = await tx.query<{ failures: number; locked: boolean }>(
    `INSERT INTO login_failures AS f (account, bucket, user_id, failures, first_at, locked_until)
     VALUES ($1, $2, $3, 1, now(), CASE WHEN 1 >= $4 THEN now() + make_interval(mins => $5) END)
     ON CONFLICT (account, bucket) DO UPDATE SET
       failures = CASE WHEN f.first_at < now() - make_interval(mins => $5) OR f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
       first_at = CASE WHEN f.first_at < now() - make_interval(mins => $5) OR f.locked_until <= now() THEN now() ELSE f.first_at END,
       locked_until = CASE
         WHEN f.first_at < now() - make_interval(mins => $5) OR f.locked_until <= now() THEN NULL
         WHEN f.failures + 1 >= $4 THEN now() + make_interval(mins => $5)
         ELSE f.locked_until END,
       user_id = EXCLUDED.user_id
     RETURNING failures, coalesce(locked_until > now(), false) AS locked`,
    [account, bucket, userId, MAX_FAILURES, LOCK_MINUTES],
  );
  // Now and then, forget pairs long past their window.
  if (Math.random() < 0.02) {
    await tx.query(
      `DELETE FROM login_failures WHERE first_at < now() - make_interval(mins => $1 * 4)
         AND (locked_until IS NULL OR locked_until < now())`,
      [LOCK_MINUTES],
    );
  }
  return { failures: r?.failures ?? 0, locked: r?.locked ?? false };
}

/** A good password clears the pair's count. */
export async function clearLoginFailure(tx: Pick<Db, 'query'>, account: string, bucket: string): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE account = $1 AND bucket = $2', [account, bucket]);
}

/** An admin's unlock: every lock on the account, from every bucket. */
export async function clearLoginFailures(tx: Pick<Db, 'query'>, userId: string): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE user_id = $1', [userId]);
}

/**
 * A store for @fastify/rate-limit on the database: one fixed-window counter per key, so every
 * process behind a load balancer counts the same requests.
 */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number): void {
      db.query<{ hits: number; ttl: number }>(
        `INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
           reset_at = CASE WHEN r.reset_at <= now() THEN now() + make_interval(secs => $2::float8 / 1000) ELSE r.reset_at END
         RETURNING hits, greatest(0, ceil(extract(epoch FROM reset_at - now()) * 1000))::float8 AS ttl`,
        [key, timeWindow],
      ).then(
        ([r]) => cb(null, { current: r?.hits ?? 1, ttl: Number(r?.ttl ?? timeWindow) }),
        (err: Error) => cb(err),
      );
      // Now and then, forget windows long over.
      if (Math.random() < 0.01) db.query("DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'").catch(() => undefined);
    }

    child(): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore();
    }
  };
}
