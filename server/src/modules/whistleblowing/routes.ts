// Public reports (举报), the reporter's side under /api/public: no account; nothing that
// identifies the caller is read, logged or stored. Content is sealed with the keyring; the
// receipt is an argon2id hash plus a keyed 16-bit tag. The handler's side is in handling.ts.
import { randomInt } from 'node:crypto';
import {
  followMessageSchema,
  followSchema,
  formatReceipt,
  normalizeReceipt,
  publicReportSchema,
  RECEIPT_DIGITS,
  reportDeadlines,
  reportDeadlinesFrom,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit, shanghaiMidnight } from '../../audit/chain.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Db } from '../../db/db.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { readAttachment, saveAttachment } from './attachments.ts';
import { reserveUpload, uploadBudgetFrom } from './budget.ts';
import type { Keyring } from './keyring.ts';
import { sleep, TokenBucket } from './limits.ts';
import type { ProofOfWork } from './pow.ts';
import { REPORT_SELECT, type ReportContent, type ReportRow, reporterView } from './store.ts';

/** A fresh receipt: RECEIPT_DIGITS digits from the CSPRNG. */
const newReceipt = () => Array.from({ length: RECEIPT_DIGITS }, () => randomInt(10)).join('');

/** Look-ups for the whole server (no caller is told apart): a burst of 20, then 5 a second. */
const FOLLOW_FAILURE_DELAY_MS = 1000;

export function publicReportRoutes(app: FastifyInstance, db: Db, keys: Keyring, pow: ProofOfWork, files: FileStore) {
  const lookups = new TokenBucket(20, 5);
  const deadlines = reportDeadlinesFrom(process.env);
  const uploadBudget = uploadBudgetFrom(process.env);
  // A backstop behind the adaptive proof of work: 300 at once, then 5 a second, for all callers.
  const submissions = new TokenBucket(300, 5);

  /**
   * The report a receipt opens, or null. The budget is taken before the receipt is judged, so a
   * right guess and a wrong one cost the same: beyond the budget every look-up is refused unjudged
   * (a 429 says nothing about the receipt), and no argon2 verification runs for it.
   */
  async function byReceipt(input: string): Promise<ReportRow | null> {
    if (!lookups.take()) throw new AppError('rate_limited');
    const receipt = normalizeReceipt(input);
    const candidates = receipt ? await db.query<ReportRow>(`${REPORT_SELECT} WHERE r.receipt_tag = $1`, [keys.receiptTag(receipt)]) : [];
    for (const r of candidates) if (receipt && (await verifyPassword(r.receipt_hash, receipt))) return r;
    // A wrong receipt also costs the caller a second.
    await sleep(FOLLOW_FAILURE_DELAY_MS);
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
      const calendar = await workingCalendar(db); // read before the transaction (PGlite has one connection)
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
        const due = reportDeadlines(today, deadlines, calendar);
        const [row] = await tx.query<{ id: string }>('SELECT gen_random_uuid() AS id');
        const rid = row?.id as string;
        const content: ReportContent = { description: body.description, place: body.place, happenedAt: body.happenedAt };
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
          `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, at, day_only) VALUES ($1, 'receive', NULL, 'received', 'public', $2, true)`,
          [rid, shanghaiMidnight()],
        );
        // The audit event names the report, never the reporter.
        await appendAudit(
          tx,
          { id: null, username: 'public' },
          {
            action: 'report.receive',
            entityType: 'report',
            entityId: rid,
            regionCode: region,
            after: { category: body.category },
            dayOnly: true,
          },
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
          { action: 'report.reporterMessage', entityType: 'report', entityId: r.id, regionCode: r.region_code, dayOnly: true },
        );
      });
      return reporterView(db, keys, r);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/files',
    access: 'public',
    summary: '举报人上传附件（表单字段 receipt、keepLocation 在文件之前）The reporter adds a file',
    tags: ['public reports'],
    status: 201,
    handler: async ({ req }) => {
      const file = await readAttachment(req);
      const r = await byReceipt(file.field('receipt') ?? '');
      if (!r) throw new AppError('not_found', { zh: '回执码不正确', en: 'Receipt not recognised' });
      if (r.status === 'closed') throw new AppError('conflict', { zh: '举报已办结', en: 'The report is closed' });
      await db.transaction(async (tx) => {
        const today = todayInShanghai();
        await reserveUpload(tx, uploadBudget, r.id, file.data.length, today);
        await saveAttachment(tx, files, keys, r.id, 'reporter', file, today);
        await appendAudit(
          tx,
          { id: null, username: 'public' },
          {
            action: 'report.reporterFile',
            entityType: 'report',
            entityId: r.id,
            regionCode: r.region_code,
            after: { kind: file.kind },
            dayOnly: true,
          },
        );
      });
      return reporterView(db, keys, r);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/enterprises',
    access: 'public',
    summary: '按名称查找被举报企业（公开名录：名称与所在地）Find an enterprise by name',
    tags: ['public reports'],
    query: z.object({ q: z.string().trim().min(2).max(50) }),
    handler: async ({ query }) => {
      // Public directory facts only: name and region. At most ten, so the directory cannot be paged out.
      const rows = await db.query<{ id: string; name: string; region_name: string | null }>(
        `SELECT e.id, e.name, (SELECT g.name FROM regions g WHERE g.code = e.region_code) AS region_name
         FROM enterprises e WHERE e.name LIKE '%' || $1 || '%' ESCAPE '\\' ORDER BY length(e.name), e.name LIMIT 10`,
        [query.q.replace(/[\\%_]/g, (c) => `\\${c}`)],
      );
      return { items: rows.map((e) => ({ id: e.id, name: e.name, regionName: e.region_name })) };
    },
  });
}
