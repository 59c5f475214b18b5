// Public reports (举报): the reporter's side under /api/public (no account; nothing that
// identifies the caller is read, logged or stored) and the handler's side under /api/v1/reports
// (area supervisors of the report's region). Content is sealed with the keyring; the receipt is
// an argon2id hash plus a keyed 16-bit tag.
import { randomInt } from 'node:crypto';
import {
  type Actor,
  allowedPublicReportActions,
  followMessageSchema,
  followSchema,
  formatReceipt,
  isAdmin,
  normalizeReceipt,
  PUBLIC_REPORT_ACTIONS_NEEDING_REASON,
  PUBLIC_REPORT_STATUS_LABELS,
  PUBLIC_REPORT_STATUSES,
  type PublicReportStatus,
  publicReportMessageSchema,
  publicReportSchema,
  publicReportTransition,
  publicReportTransitionSchema,
  RECEIPT_DIGITS,
  reportDeadlines,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { todayInShanghai } from '../hazards/escalation.ts';
import { dateOnly } from '../hazards/store.ts';
import type { Keyring } from './keyring.ts';
import { sleep, TokenBucket } from './limits.ts';
import type { ProofOfWork } from './pow.ts';

type Row = {
  id: string;
  category: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  region_code: string;
  sealed_content: string;
  sealed_identity: string | null;
  anonymous: boolean;
  receipt_hash: string;
  status: PublicReportStatus;
  status_reason: string | null;
  hazard_id: string | null;
  received_on: string | Date;
  accept_due: string | Date;
  conclude_due: string | Date;
  version: number;
};
type Content = { description: string; place: string | null; happenedAt: string | null };

const SELECT = `SELECT r.*, (SELECT e.name FROM enterprises e WHERE e.id = r.enterprise_id) AS enterprise_name FROM reports r`;
const day = (d: string | Date) => dateOnly(d) as string;

/** A fresh receipt: RECEIPT_DIGITS digits from the CSPRNG. */
const newReceipt = () => Array.from({ length: RECEIPT_DIGITS }, () => randomInt(10)).join('');

/** Failed look-ups for the whole server (no caller is told apart): a burst of 20, then 5 a second. */
const FOLLOW_FAILURE_DELAY_MS = 1000;

async function messagesOf(q: Queryable, keys: Keyring, id: string) {
  const rows = await q.query<{
    id: string;
    author: 'reporter' | 'handler';
    handler: string | null;
    sealed_text: string;
    sent_on: string | Date;
  }>('SELECT id, author, handler, sealed_text, sent_on FROM report_messages WHERE report_id = $1 ORDER BY id', [id]);
  return rows.map((m) => ({ author: m.author, text: keys.open(m.sealed_text, id), sentOn: day(m.sent_on) }));
}

/** What the reporter may see: status in plain words, the reason given, and the conversation. */
async function reporterView(q: Queryable, keys: Keyring, r: Row) {
  const content = JSON.parse(keys.open(r.sealed_content, r.id)) as Content;
  return {
    status: r.status,
    statusLabel: PUBLIC_REPORT_STATUS_LABELS[r.status],
    reason: r.status_reason,
    receivedOn: day(r.received_on),
    description: content.description,
    messages: (await messagesOf(q, keys, r.id)).map(({ author, text, sentOn }) => ({ author, text, sentOn })),
  };
}

export function publicReportRoutes(app: FastifyInstance, db: Db, keys: Keyring, pow: ProofOfWork) {
  const followFailures = new TokenBucket(20, 5);
  const submissions = new TokenBucket(60, 2);

  /** The report a receipt opens, or null — slowly, and rate limited across all callers when wrong. */
  async function byReceipt(input: string): Promise<Row | null> {
    const receipt = normalizeReceipt(input);
    const candidates = receipt ? await db.query<Row>(`${SELECT} WHERE r.receipt_tag = $1`, [keys.receiptTag(receipt)]) : [];
    for (const r of candidates) if (receipt && (await verifyPassword(r.receipt_hash, receipt))) return r;
    // A wrong receipt costs the caller a second, and beyond the global budget a 429.
    await sleep(FOLLOW_FAILURE_DELAY_MS);
    if (!followFailures.take()) throw new AppError('rate_limited');
    return null;
  }

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/reports/challenge',
    access: 'public',
    summary: '举报前的工作量证明题 Proof-of-work challenge before a report',
    tags: ['public reports'],
    handler: async () => pow.challenge(),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports',
    access: 'public',
    summary: '提交举报（无需账号；返回一次性显示的回执码）Submit a report; returns the receipt once',
    tags: ['public reports'],
    body: publicReportSchema,
    status: 201,
    handler: async ({ body }) => {
      const work = pow.check(body.pow.challenge, body.pow.nonce);
      if (work !== 'ok')
        throw invalid({
          pow: {
            invalid: { zh: '验证未通过，请刷新页面重试', en: 'Verification failed; reload and try again' },
            expired: { zh: '验证已过期，请刷新页面重试', en: 'Verification expired; reload and try again' },
            reused: { zh: '验证已使用，请刷新页面重试', en: 'Verification already used; reload and try again' },
          }[work],
        });
      if (!submissions.take()) throw new AppError('rate_limited');
      if (!body.enterpriseId && !body.regionCode)
        throw invalid({ regionCode: { zh: '请选择企业或所在地区', en: 'Pick the enterprise or the region' } });
      if (!body.anonymous && !body.name && !body.phone)
        throw invalid({ name: { zh: '实名举报请留下姓名或电话', en: 'A named report needs a name or a phone' } });
      const receipt = newReceipt();
      const receiptHash = await hashPassword(receipt);
      await db.transaction(async (tx) => {
        // The jurisdiction: the enterprise's region (from the public directory), else the region picked.
        let region = body.regionCode ?? null;
        if (body.enterpriseId) {
          const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [body.enterpriseId]);
          if (!e) throw invalid({ enterpriseId: { zh: '企业不存在', en: 'No such enterprise' } });
          region = e.region_code;
        } else {
          const [g] = await tx.query('SELECT 1 FROM regions WHERE code = $1', [region]);
          if (!g) throw invalid({ regionCode: { zh: '区划不存在', en: 'No such region' } });
        }
        const today = todayInShanghai();
        const due = reportDeadlines(today);
        const [row] = await tx.query<{ id: string }>('SELECT gen_random_uuid() AS id');
        const rid = row?.id as string;
        const content: Content = { description: body.description, place: body.place, happenedAt: body.happenedAt };
        const identity = body.anonymous ? null : keys.seal(JSON.stringify({ name: body.name, phone: body.phone }), rid);
        await tx.query(
          `INSERT INTO reports (id, category, enterprise_id, region_code, sealed_content, sealed_identity, anonymous, receipt_tag, receipt_hash,
             received_on, accept_due, conclude_due)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            rid,
            body.category,
            body.enterpriseId ?? null,
            region,
            keys.seal(JSON.stringify(content), rid),
            identity,
            body.anonymous,
            keys.receiptTag(receipt),
            receiptHash,
            today,
            due.acceptDue,
            due.concludeDue,
          ],
        );
        await tx.query(
          `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor) VALUES ($1, 'receive', NULL, 'received', 'public')`,
          [rid],
        );
        // The audit event names the report, never the reporter.
        await appendAudit(
          tx,
          { id: null, username: 'public' },
          { action: 'report.receive', entityType: 'report', entityId: rid, regionCode: region, after: { category: body.category } },
        );
      });
      return { receipt: formatReceipt(receipt), digits: RECEIPT_DIGITS };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/follow',
    access: 'public',
    summary: '凭回执码查看进展与对话（POST，回执码不进地址栏）Follow a report with its receipt',
    tags: ['public reports'],
    body: followSchema,
    handler: async ({ body }) => {
      const r = await byReceipt(body.receipt);
      if (!r) throw new AppError('not_found', { zh: '回执码不正确', en: 'Receipt not recognised' });
      return reporterView(db, keys, r);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/messages',
    access: 'public',
    summary: '举报人补充信息 The reporter adds information',
    tags: ['public reports'],
    body: followMessageSchema,
    status: 201,
    handler: async ({ body }) => {
      const r = await byReceipt(body.receipt);
      if (!r) throw new AppError('not_found', { zh: '回执码不正确', en: 'Receipt not recognised' });
      if (r.status === 'closed') throw new AppError('conflict', { zh: '举报已办结', en: 'The report is closed' });
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO report_messages (report_id, author, sealed_text, sent_on) VALUES ($1, 'reporter', $2, $3)`, [
          r.id,
          keys.seal(body.text, r.id),
          todayInShanghai(),
        ]);
        // The audit event names the report, never the reporter or what was said.
        await appendAudit(
          tx,
          { id: null, username: 'public' },
          { action: 'report.reporterMessage', entityType: 'report', entityId: r.id, regionCode: r.region_code },
        );
      });
      return reporterView(db, keys, r);
    },
  });
}

/** Reports are for area supervisors (and admins), never enterprise accounts or industry-limited inspectors. */
const mayHandle = (actor: Actor) =>
  isAdmin(actor) || (actor.scope.enterpriseId === null && actor.scope.industries === null && actor.role !== 'gridWorker');

export function reportHandlingRoutes(app: FastifyInstance, db: Db, keys: Keyring) {
  const find = async (tx: Scoped, id: string, forUpdate = false) =>
    (await tx.query<Row>(`${SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`, [id]))[0];
  const summary = (r: Row) => ({
    id: r.id,
    category: r.category,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    anonymous: r.anonymous,
    status: r.status,
    receivedOn: day(r.received_on),
    acceptDue: day(r.accept_due),
    concludeDue: day(r.conclude_due),
    hazardId: r.hazard_id,
    version: r.version,
    allowedActions: allowedPublicReportActions(r.status),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports',
    access: 'user',
    summary: '举报受理箱（按状态、期限）Report inbox',
    tags: ['reports'],
    query: z.object({ status: z.enum(PUBLIC_REPORT_STATUSES).optional() }),
    handler: async ({ query, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const w = new Where();
        w.add(regionRange('r.region_code', actor.scope.regionPrefix, w.params)).eq('r.status', query.status);
        const rows = await tx.query<Row>(`${SELECT} WHERE ${w.sql} ORDER BY r.accept_due, r.id LIMIT 500`, w.params);
        return { items: rows.map(summary) };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id',
    access: 'user',
    summary: '举报详情（内容与对话；举报人身份另经审批）Report detail',
    tags: ['reports'],
    params: idParams,
    handler: async ({ params, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id);
        if (!r) throw notFound();
        const content = JSON.parse(keys.open(r.sealed_content, r.id)) as Content;
        return { ...summary(r), ...content, reason: r.status_reason, messages: await messagesOf(tx, keys, r.id) };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/transitions',
    access: 'user',
    summary: '办理举报（受理、不予受理、核查、属实、不属实、奖励、办结）Handle a report',
    tags: ['reports'],
    params: idParams,
    body: publicReportTransitionSchema,
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id, true);
        if (!r) throw notFound();
        if (body.version !== undefined && body.version !== r.version) throw new AppError('conflict');
        const to = publicReportTransition(r.status, body.action);
        if (!to) throw new AppError('conflict', undefined, {}, { allowedActions: allowedPublicReportActions(r.status) });
        if (PUBLIC_REPORT_ACTIONS_NEEDING_REASON.includes(body.action) && !body.reason)
          throw invalid({ reason: { zh: '请填写理由（举报人可见）', en: 'Give a reason (the reporter sees it)' } });
        await tx.query('UPDATE reports SET status = $2, status_reason = coalesce($3, status_reason), version = version + 1 WHERE id = $1', [
          r.id,
          to,
          body.reason ?? null,
        ]);
        await tx.query(
          'INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)',
          [r.id, body.action, r.status, to, actor.username, body.reason ?? null],
        );
        await appendAudit(tx, actor, {
          action: `report.${body.action}`,
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          before: { status: r.status },
          after: { status: to },
        });
        return summary((await find(tx, r.id)) as Row);
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/messages',
    access: 'user',
    summary: '向举报人提问或答复 Write to the reporter',
    tags: ['reports'],
    params: idParams,
    body: publicReportMessageSchema,
    status: 201,
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id);
        if (!r) throw notFound();
        await tx.query(
          `INSERT INTO report_messages (report_id, author, handler, sealed_text, sent_on) VALUES ($1, 'handler', $2, $3, $4)`,
          [r.id, actor.username, keys.seal(body.text, r.id), todayInShanghai()],
        );
        await appendAudit(tx, actor, { action: 'report.message', entityType: 'report', entityId: r.id, regionCode: r.region_code });
        return { messages: await messagesOf(tx, keys, r.id) };
      });
    },
  });
}
