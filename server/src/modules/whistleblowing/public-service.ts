// The reporter's side of a whistleblower report (举报): submitting, following with the receipt,
// adding information and files. No account; nothing that identifies the caller is read, logged or
// stored. Content is sealed with the keyring; the receipt is an argon2id hash plus a keyed 16-bit
// tag. Rate limits are global (all callers together), never per address.
import { randomInt } from 'node:crypto';
import {
  formatReceipt,
  normalizeReceipt,
  PUBLIC_REPORT_STATUS_LABELS,
  type publicReportSchema,
  RECEIPT_DIGITS,
  type ReporterView,
  reportDeadlines,
  reportDeadlinesFrom,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit, shanghaiMidnight } from '../../audit/chain.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { AppError, invalid } from '../../http/errors.ts';
import type { FileStore } from '../../storage/files.ts';
import { todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { type Attachment, listAttachments, saveAttachment } from './attachments.ts';
import { reserveUpload, uploadBudgetFrom } from './budget.ts';
import type { Keyring } from './keyring.ts';
import { sleep, TokenBucket } from './limits.ts';
import type { ProofOfWork } from './pow.ts';
import { contentOf, day, messagesOf, type ReportContent, rewardOf } from './service.ts';
import {
  enterpriseRegion,
  enterprisesNamed,
  findReport,
  insertMessage,
  insertReport,
  newReportId,
  type ReportRow,
  regionExists,
  reportsByReceiptTag,
} from './store.ts';

/** A fresh receipt: RECEIPT_DIGITS digits from the CSPRNG. */
const newReceipt = () => Array.from({ length: RECEIPT_DIGITS }, () => randomInt(10)).join('');

/** A wrong receipt costs the caller a second. */
const FOLLOW_FAILURE_DELAY_MS = 1000;

const PUBLIC = { id: null, username: 'public' };
const RECEIPT_UNKNOWN = { zh: '回执码不正确', en: 'Receipt not recognised' };
const CLOSED = { zh: '举报已办结', en: 'The report is closed' };

/** What the reporter may see: status in plain words, the reason, the conversation, the outcome. No handler names. */
export async function reporterView(q: Queryable, keys: Keyring, r: ReportRow): Promise<ReporterView> {
  // A merged report follows the report it joined.
  const joined = r.merged_into ? await findReport(q, r.merged_into) : undefined;
  const shown = joined ?? r;
  return {
    status: r.status,
    statusLabel: PUBLIC_REPORT_STATUS_LABELS[r.status],
    outcomeStatus: joined ? joined.status : null,
    outcomeLabel: joined ? PUBLIC_REPORT_STATUS_LABELS[joined.status] : null,
    reason: shown.status_reason,
    receivedOn: day(r.received_on),
    description: contentOf(keys, r).description,
    reward: rewardOf(shown),
    messages: (await messagesOf(q, keys, r.id)).map(({ author, text, sentOn }) => ({ author, text, sentOn })),
    files: (await listAttachments(q, keys, r.id)).map(({ name, size, author }) => ({ name, size, author })),
  };
}

/** The reporter's side for one server: its limits live as long as the app. */
export function publicReporting(db: Db, keys: Keyring, pow: ProofOfWork, files: FileStore) {
  // Look-ups for the whole server (no caller is told apart): a burst of 20, then 5 a second.
  const lookups = new TokenBucket(20, 5);
  const deadlines = reportDeadlinesFrom(process.env);
  const uploadBudget = uploadBudgetFrom(process.env);
  // A backstop behind the adaptive proof of work: 300 at once, then 5 a second, for all callers.
  const submissions = new TokenBucket(300, 5);

  /**
   * The report a receipt opens, or a 404. The budget is taken before the receipt is judged, so a
   * right guess and a wrong one cost the same: beyond the budget every look-up is refused unjudged
   * (a 429 says nothing about the receipt), and no argon2 verification runs for it.
   */
  async function byReceipt(input: string): Promise<ReportRow> {
    if (!lookups.take()) throw new AppError('rate_limited');
    const receipt = normalizeReceipt(input);
    const candidates = receipt ? await reportsByReceiptTag(db, keys.receiptTag(receipt)) : [];
    for (const r of candidates) if (receipt && (await verifyPassword(r.receipt_hash, receipt))) return r;
    await sleep(FOLLOW_FAILURE_DELAY_MS);
    throw new AppError('not_found', RECEIPT_UNKNOWN);
  }

  /** The report a receipt opens, still open to additions (a closed one is a 409). */
  async function openByReceipt(input: string): Promise<ReportRow> {
    const r = await byReceipt(input);
    if (r.status === 'closed') throw new AppError('conflict', CLOSED);
    return r;
  }

  return {
    challenge: () => pow.challenge(),

    async submit(body: z.output<typeof publicReportSchema>) {
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
          region = (await enterpriseRegion(tx, body.enterpriseId)) ?? null;
          if (!region) throw invalid({ enterpriseId: { zh: '企业不存在', en: 'No such enterprise' } });
        } else if (!(await regionExists(tx, region as string))) throw invalid({ regionCode: { zh: '区划不存在', en: 'No such region' } });
        const today = todayInShanghai();
        const due = reportDeadlines(today, deadlines, calendar);
        const id = await newReportId(tx);
        const content: ReportContent = { description: body.description, place: body.place, happenedAt: body.happenedAt };
        await insertReport(
          tx,
          {
            id,
            category: body.category,
            enterpriseId: body.enterpriseId ?? null,
            regionCode: region as string,
            sealedContent: keys.seal(JSON.stringify(content), id),
            sealedIdentity: body.anonymous ? null : keys.seal(JSON.stringify({ name: body.name, phone: body.phone }), id),
            anonymous: body.anonymous,
            receiptTag: keys.receiptTag(receipt),
            receiptHash,
            receivedOn: today,
            acceptDue: due.acceptDue,
            concludeDue: due.concludeDue,
          },
          shanghaiMidnight(),
        );
        // The audit event names the report, never the reporter.
        await appendAudit(tx, PUBLIC, {
          action: 'report.receive',
          entityType: 'report',
          entityId: id,
          regionCode: region,
          after: { category: body.category },
          dayOnly: true,
        });
      });
      return { receipt: formatReceipt(receipt), digits: RECEIPT_DIGITS };
    },

    async follow(receipt: string) {
      return reporterView(db, keys, await byReceipt(receipt));
    },

    async addMessage(receipt: string, text: string) {
      const r = await openByReceipt(receipt);
      await db.transaction(async (tx) => {
        await insertMessage(tx, {
          reportId: r.id,
          author: 'reporter',
          handler: null,
          sealedText: keys.seal(text, r.id),
          sentOn: todayInShanghai(),
        });
        // The audit event names the report, never the reporter or what was said.
        await appendAudit(tx, PUBLIC, {
          action: 'report.reporterMessage',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          dayOnly: true,
        });
      });
      return reporterView(db, keys, r);
    },

    /** A file the reporter adds; `receipt` is the form field read before the file. */
    async addFile(receipt: string, file: Attachment) {
      const r = await openByReceipt(receipt);
      await db.transaction(async (tx) => {
        const today = todayInShanghai();
        await reserveUpload(tx, uploadBudget, r.id, file.data.length, today);
        await saveAttachment(tx, files, keys, r.id, 'reporter', file, today);
        await appendAudit(tx, PUBLIC, {
          action: 'report.reporterFile',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          after: { kind: file.kind },
          dayOnly: true,
        });
      });
      return reporterView(db, keys, r);
    },

    /** Public directory facts only: name and region. At most ten, so the directory cannot be paged out. */
    async findEnterprises(text: string) {
      const rows = await enterprisesNamed(db, text);
      return { items: rows.map((e) => ({ id: e.id, name: e.name, regionName: e.region_name })) };
    },
  };
}
