// Joint sanctions' partner query (联合惩戒): keys issued and revoked by the platform admin (the
// key shown once, its SHA-256 kept), and the query by credit code that partner systems call with
// `Authorization: Bearer <key>` (or `X-Api-Key`). Each query — refused ones too — is one row of
// partner_queries, written by the same statement that checks the key and reads the answer, so the
// audit trail costs no extra round trip. The rate is per key, a sliding minute in this process.
import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  MinuteLimiter,
  mayManagePartnerKeys,
  type PartnerAnswer,
  type PartnerKey,
  type partnerKeyInputSchema,
  partnerQuerySchema,
} from '@taishan/domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { ENTRY_JSON, hasBlacklist, reasonLabel } from './level-store.ts';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

type KeyRow = {
  id: string;
  name: string;
  contact: string | null;
  prefix: string;
  per_minute: number;
  created_at: Date;
  created_by_name: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  queries: number;
};

const toKey = (r: KeyRow): PartnerKey => ({
  id: r.id,
  name: r.name,
  contact: r.contact,
  prefix: r.prefix,
  perMinute: r.per_minute,
  createdAt: iso(r.created_at) as string,
  createdByName: r.created_by_name,
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
  queries: r.queries,
  allowedActions: r.revoked_at ? [] : ['revoke'],
});

const KEY_SELECT = `SELECT k.id, k.name, k.contact, k.prefix, k.per_minute, k.created_at, u.display_name AS created_by_name, k.revoked_at,
  (SELECT max(q.at) FROM partner_queries q WHERE q.key_id = k.id) AS last_used_at,
  (SELECT count(*)::int FROM partner_queries q WHERE q.key_id = k.id) AS queries
  FROM partner_keys k LEFT JOIN users u ON u.id = k.created_by`;

export async function listPartnerKeys(db: Db, actor: Actor) {
  if (!mayManagePartnerKeys(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const rows = await tx.query<KeyRow>(`${KEY_SELECT} ORDER BY k.revoked_at NULLS FIRST, k.created_at DESC`);
    return { items: rows.map(toKey) };
  });
}

/** Issues a key: the only time it is shown is this answer. */
export async function issuePartnerKey(db: Db, actor: Actor, input: z.infer<typeof partnerKeyInputSchema>) {
  if (!mayManagePartnerKeys(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const prefix = randomBytes(4).toString('hex');
    const key = `tsk_${prefix}_${randomBytes(32).toString('base64url')}`;
    const perMinute = input.perMinute ?? ((await effectiveSetting(tx, 'credit.partnerQueriesPerMinute', '00')) as number);
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO partner_keys (name, contact, prefix, key_hash, per_minute, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [input.name, input.contact ?? null, prefix, hashKey(key), perMinute, actor.id],
    );
    const id = row?.id as string;
    await appendAudit(tx, actor, {
      action: 'credit.partnerKeyIssue',
      entityType: 'partnerKey',
      entityId: id,
      after: { name: input.name, prefix, perMinute },
    });
    const [k] = await tx.query<KeyRow>(`${KEY_SELECT} WHERE k.id = $1`, [id]);
    return { key, partnerKey: toKey(k as KeyRow) };
  });
}

export async function revokePartnerKey(db: Db, actor: Actor, id: string) {
  if (!mayManagePartnerKeys(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const [k] = await tx.query<{ revoked_at: Date | null; name: string; prefix: string }>(
      'SELECT revoked_at, name, prefix FROM partner_keys WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!k) throw notFound();
    if (k.revoked_at)
      throw new AppError('conflict', { zh: '该密钥已吊销', en: 'The key is already revoked' }, undefined, { allowedActions: [] });
    await tx.query('UPDATE partner_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [id, actor.id]);
    await appendAudit(tx, actor, {
      action: 'credit.partnerKeyRevoke',
      entityType: 'partnerKey',
      entityId: id,
      before: { name: k.name, prefix: k.prefix },
    });
    const [row] = await tx.query<KeyRow>(`${KEY_SELECT} WHERE k.id = $1`, [id]);
    return toKey(row as KeyRow);
  });
}

// ---- the query ---------------------------------------------------------------------------------

const limiter = new MinuteLimiter();

/** The key presented: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x ? x : null;
}

type QueryRow = {
  key_id: string | null;
  revoked: boolean | null;
  per_minute: number | null;
  name: string | null;
  entry: Record<string, unknown> | null;
  level: PartnerAnswer['creditLevel'];
};

/**
 * The statement of one query: the key, the unit (an enterprise or an intermediary by its code),
 * its current listing (matched by the listed code and by every directory row holding that code —
 * an agency kept in both directories, or deleted from one, is still answered as listed; a
 * person's entry never lists the unit or agency they work for) and its level, and the log row, in one round trip. $1 key hash, $2 USCC,
 * $3 outcome when the key turns out valid (the caller passes 'ok'; refusals are logged by
 * logRefusal). Exported for the benchmark, which runs the same SQL bare.
 */
export function partnerQuerySql(blacklist: boolean) {
  const entry = blacklist
    ? `(SELECT ${ENTRY_JSON} FROM credit_blacklist_entries b
         WHERE b.subject_type <> 'person'
           AND (b.subject_uscc = $2 OR b.enterprise_id IN (SELECT id FROM units) OR b.intermediary_id IN (SELECT id FROM units))
           AND b.status = 'listed' AND b.expires_at > now() ORDER BY b.listed_at DESC NULLS LAST LIMIT 1)`
    : 'NULL::jsonb';
  return `WITH k AS (SELECT id, revoked_at IS NOT NULL AS revoked, per_minute FROM partner_keys WHERE key_hash = $1),
     units AS (SELECT id, name, 'enterprise' AS t, 0 AS o FROM enterprises WHERE credit_code = $2
              UNION ALL SELECT id, name, 'intermediary', CASE WHEN deleted_at IS NULL THEN 1 ELSE 2 END FROM intermediaries WHERE uscc = $2),
     unit AS (SELECT id, name, t FROM units ORDER BY o LIMIT 1),
     ans AS (SELECT (SELECT name FROM unit) AS name, ${entry} AS entry,
                    (SELECT l.level FROM credit_levels l, unit u WHERE l.subject_type = u.t AND l.subject_id = u.id) AS level),
     log AS (INSERT INTO partner_queries (key_id, uscc, outcome, listed)
             SELECT k.id, $2, $3, (SELECT entry IS NOT NULL FROM ans) FROM k WHERE NOT k.revoked RETURNING 1)
     SELECT k.id AS key_id, k.revoked, k.per_minute, ans.name, ans.entry, ans.level FROM ans LEFT JOIN k ON true`;
}

async function logRefusal(
  db: Db,
  keyId: string | null,
  uscc: string | null,
  outcome: 'unauthorized' | 'revoked' | 'rateLimited' | 'invalid',
) {
  await db.query('INSERT INTO partner_queries (key_id, uscc, outcome) VALUES ($1, $2, $3)', [keyId, uscc?.slice(0, 40) ?? null, outcome]);
}

/** The id of a key by its hash, so a throttled query is logged against its key. */
async function keyIdOf(db: Db, hash: string): Promise<string | undefined> {
  const [r] = await db.query<{ id: string }>('SELECT id FROM partner_keys WHERE key_hash = $1', [hash]);
  return r?.id;
}

/** Requests a minute from one source without a key known valid. */
const ANON_PER_MINUTE = 60;
/** Keys known valid in this process with their rate: lets the limiter answer before the database. */
const knownRates = new Map<string, number>();

export async function partnerQuery(db: Db, req: FastifyRequest, rawQuery: unknown): Promise<PartnerAnswer> {
  const key = presentedKey(req);
  // A caller without a key already known valid (no key, a wrong one, a new one) is held to
  // ANON_PER_MINUTE per source before any database work: guessing keys cannot flood the log.
  // The address stays in memory as the limiter's key and is never written.
  if (!(key && knownRates.has(hashKey(key))) && !limiter.allow(`anon:${req.ip}`, ANON_PER_MINUTE))
    throw new AppError('rate_limited', { zh: '查询过于频繁，请稍后再试', en: 'Too many queries; try again later' });
  const rawUscc = typeof (rawQuery as { uscc?: unknown })?.uscc === 'string' ? ((rawQuery as { uscc: string }).uscc as string) : null;
  if (!key) {
    await logRefusal(db, null, rawUscc, 'unauthorized');
    throw new AppError('unauthenticated', { zh: '缺少有效的接口密钥', en: 'A valid API key is required' });
  }
  const hash = hashKey(key);
  // A key already seen valid is rate-limited before any database work; a new one after its check.
  const rate = knownRates.get(hash);
  if (rate !== undefined && !limiter.allow(hash, rate)) {
    await logRefusal(db, (await keyIdOf(db, hash)) ?? null, rawUscc, 'rateLimited');
    throw new AppError('rate_limited', { zh: '查询过于频繁，请稍后再试', en: 'Too many queries; try again later' });
  }
  const parsed = partnerQuerySchema.safeParse(rawQuery ?? {});
  if (!parsed.success) {
    await logRefusal(db, null, rawUscc, 'invalid');
    throw new AppError('validation_error', undefined, {
      uscc: { zh: '统一社会信用代码应为 18 位', en: 'A credit code has 18 characters' },
    });
  }
  const uscc = parsed.data.uscc;
  const [row] = await db.query<QueryRow>(partnerQuerySql(await hasBlacklist(db)), [hash, uscc, 'ok']);
  if (!row?.key_id) {
    knownRates.delete(hash);
    await logRefusal(db, null, uscc, 'unauthorized');
    throw new AppError('unauthenticated', { zh: '接口密钥无效', en: 'The API key is not valid' });
  }
  if (row.revoked) {
    knownRates.delete(hash);
    await logRefusal(db, row.key_id, uscc, 'revoked');
    throw new AppError('unauthenticated', { zh: '接口密钥已吊销', en: 'The API key has been revoked' });
  }
  if (rate === undefined) {
    knownRates.set(hash, row.per_minute as number);
    limiter.allow(hash, row.per_minute as number);
  }
  const e = row.entry;
  const s = (k: string) => (e && typeof e[k] === 'string' ? (e[k] as string) : null);
  return {
    uscc,
    known: row.name !== null,
    name: row.name,
    listed: e !== null,
    listedSince: s('listed_at'),
    expiresAt: s('expires_at'),
    reason: reasonLabel(s('reason')),
    decisionNumber: s('decision_number') ?? s('decision_doc_no') ?? s('penalty_decision_ref'),
    creditLevel: row.level,
  };
}

/** Forget what this process knows of a key (revoked here: refused at once, not after a restart). */
export const forgetKeyRates = () => knownRates.clear();
