// The tamper-evident trail. Every state change appends one event in the same transaction as the
// change; each event's hash covers its content and the previous hash, so changing, deleting or
// reordering rows breaks the chain at the first tampered event.
import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntityType } from '@taishan/domain';
import type { Queryable } from '../db/db.ts';

export type AuditActor = { id: string | null; username: string };

export type AuditInput = {
  /** Labelled in domain/src/audit/actions.ts: an action without a label does not typecheck. */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * Only the day is kept (a reporter's submission, message or file): the event is written at
   * midnight Beijing time of its day and shown as that day (issue 22, item 4).
   */
  dayOnly?: boolean;
};

export type AuditEvent = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
  /** Set (true) only on events that keep their day alone; absent otherwise, so older hashes hold. */
  dayOnly?: true;
};

/** Midnight Beijing time of the day `now` falls on, as an ISO instant. */
export const shanghaiMidnight = (now = new Date()) =>
  new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)}T00:00:00+08:00`).toISOString();

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change hashes. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function eventHash(e: Omit<AuditEvent, 'hash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    regionCode: e.regionCode,
    before: e.before ?? null,
    after: e.after ?? null,
    dayOnly: e.dayOnly ? true : undefined,
  });
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}

/** Append one event. Call inside the transaction that makes the change. */
export async function appendAudit(tx: Queryable, actor: AuditActor, input: AuditInput): Promise<AuditEvent> {
  // The head row lock serialises appenders so the chain never forks; it is held until commit.
  const [head] = await tx.query<{ seq: number; hash: string }>(
    'UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq::int8 AS seq, hash',
  );
  if (!head) throw new Error('audit_head row missing');
  const before = input.before === undefined ? null : JSON.parse(JSON.stringify(input.before));
  const after = input.after === undefined ? null : JSON.parse(JSON.stringify(input.after));
  const partial = {
    seq: Number(head.seq),
    at: input.dayOnly ? shanghaiMidnight() : new Date().toISOString(),
    ...(input.dayOnly ? { dayOnly: true as const } : {}),
    actorId: actor.id,
    actorName: actor.username,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    regionCode: input.regionCode ?? null,
    before,
    after,
    prevHash: head.hash,
  };
  const event = { ...partial, hash: eventHash(partial) };
  await tx.query(
    `INSERT INTO audit_events (seq, at, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, prev_hash, hash, day_only)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13)`,
    [
      event.seq,
      event.at,
      event.actorId,
      event.actorName,
      event.action,
      event.entityType,
      event.entityId,
      event.regionCode,
      JSON.stringify(before),
      JSON.stringify(after),
      event.prevHash,
      event.hash,
      event.dayOnly === true,
    ],
  );
  await tx.query('UPDATE audit_head SET hash = $1 WHERE id = 1', [event.hash]);
  return event;
}

type AuditRow = {
  seq: number;
  at: Date | string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  day_only?: boolean;
};

export function auditFromRow(r: AuditRow): AuditEvent {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
    hash: r.hash,
    ...(r.day_only ? { dayOnly: true as const } : {}),
  };
}

export type VerifyResult = {
  ok: boolean;
  checked: number;
  headSeq: number;
  /** The first event that does not verify, and why. */
  firstBroken: { seq: number; reason: 'hash' | 'link' | 'gap' | 'head' } | null;
};

/** Recompute the whole chain in seq order, streaming in pages so memory stays flat. */
export async function verifyAudit(db: Queryable, pageSize = 5000): Promise<VerifyResult> {
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq::int8 AS seq, hash FROM audit_head WHERE id = 1');
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let checked = 0;
  let lastSeq = 0;
  for (;;) {
    const rows = await db.query<AuditRow>('SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [
      expectedSeq === 1 ? 0 : lastSeq + 1,
      pageSize,
    ]);
    for (const row of rows) {
      const e = auditFromRow(row);
      const broken = (reason: 'hash' | 'link' | 'gap') => ({
        ok: false,
        checked,
        headSeq: Number(head?.seq ?? 0),
        firstBroken: { seq: e.seq, reason },
      });
      if (e.seq !== expectedSeq) return broken('gap');
      if (e.prevHash !== prevHash) return broken('link');
      if (eventHash(e) !== e.hash) return broken('hash');
      prevHash = e.hash;
      lastSeq = e.seq;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const headSeq = Number(head?.seq ?? 0);
  if (!head || headSeq !== lastSeq || head.hash !== prevHash) {
    return { ok: false, checked, headSeq, firstBroken: { seq: lastSeq + 1, reason: 'head' } };
  }
  return { ok: true, checked, headSeq, firstBroken: null };
}
