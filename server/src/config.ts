// Settings from the environment, with the embedded defaults a newcomer needs.
import { join, resolve } from 'node:path';
import { type Limits, limitsFrom } from './auth/limits.ts';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  webDist: string;
  /** COOKIE_SECURE: true, false, or auto (default: Secure when the request came over HTTPS). */
  cookieSecure: boolean | 'auto';
  /** TRUST_PROXY: true, or the proxies' addresses/CIDRs; default false (X-Forwarded-* ignored). */
  trustProxy: boolean | string;
  /** RATE_LIMIT_LOGIN, RATE_LIMIT_PUBLIC: per source bucket and minute. */
  limits: Limits;
  /** SOURCE_BUCKET_KEY: key of the keyed hash that buckets request sources; default one kept in the database. */
  sourceBucketKey: string | undefined;
};

export function loadConfig(env = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    webDist: resolve(env.WEB_DIST ?? join(import.meta.dirname, '..', '..', 'web', 'dist')),
    cookieSecure: cookieSecureFrom(env.COOKIE_SECURE),
    trustProxy: booleanOr(env.TRUST_PROXY, false),
    limits: limitsFrom(env),
    sourceBucketKey: env.SOURCE_BUCKET_KEY || undefined,
  };
}

function cookieSecureFrom(v: string | undefined): boolean | 'auto' {
  const b = booleanOr(v, 'auto');
  if (typeof b === 'boolean' || b === 'auto') return b;
  throw new Error(`COOKIE_SECURE must be true, false or auto, got ${v}`);
}

/** 'true'/'1' → true, 'false'/'0' → false, unset → the default, anything else kept as given. */
function booleanOr<D extends boolean | string>(v: string | undefined, d: D): boolean | D | string {
  if (v === undefined || v === '') return d;
  if (/^(true|1|yes|on)$/i.test(v)) return true;
  if (/^(false|0|no|off)$/i.test(v)) return false;
  return v;
}

export const pgliteDir = (c: Config) => join(c.dataDir, 'pglite');
