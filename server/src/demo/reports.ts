// Demo public reports, so the handler's inbox is alive after `npm start`: one waiting past its
// acceptance deadline, one accepted with a question to the reporter, one being verified, one
// found true with a reward decided. Sealed with the platform's keys like real ones. Returns the
// receipt of the accepted one (printed at start, to try /report/follow), or null if seeded before.
import { randomInt } from 'node:crypto';
import { formatReceipt, RECEIPT_DIGITS, reportDeadlines } from '@taishan/domain';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/db.ts';
import { workingCalendar } from '../modules/calendar/index.ts';
import type { Keyring } from '../modules/whistleblowing/keyring.ts';
import { todayInShanghai } from '../time.ts';
import { DEMO_CITY } from './seed.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

const DEMO = [
  { category: 'hazard', ago: 9, status: 'received', text: '厂区东侧危化品仓库的可燃气体报警器长期断电，晚上有人在库区抽烟。' },
  {
    category: 'illegalProduction',
    ago: 3,
    status: 'accepted',
    text: '停产整顿期间夜里偷偷开工，大门锁着但车间灯亮、机器声很大。',
    question: '请问一般几点开工？有没有车辆进出？',
  },
  { category: 'hazard', ago: 12, status: 'verifying', text: '车间二楼疏散通道堆满纸箱，安全出口被铁链锁住。' },
  { category: 'hazard', ago: 30, status: 'rewardDecided', text: '液氨制冷机房阀门滴漏，没有安装泄漏报警装置。' },
] as const;
/** The second county's: one to accept, one being verified with its conclusion due within the week. */
const DEMO_COUNTY2 = [
  { category: 'hazard', ago: 2, status: 'received', text: '码头油库围堰破损，雨后有油污流到路边沟里。' },
  { category: 'illegalProduction', ago: 55, status: 'verifying', text: '被责令停用的烘干房晚上还在生产，粉尘很大。' },
] as const;

export async function seedDemoReports(db: Db, keys: Keyring): Promise<string | null> {
  const [done] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  if (done?.n) return null;
  // In the demo county supervisors' counties, so `county` and `county2` see them on logging in.
  let shown: string | null = null;
  for (const [username, demo] of [
    ['county', DEMO],
    ['county2', DEMO_COUNTY2],
  ] as const) {
    shown = (await seedIn(db, keys, username, demo)) ?? shown;
  }
  return shown;
}

async function seedIn(
  db: Db,
  keys: Keyring,
  username: string,
  demo: readonly { category: string; ago: number; status: string; text: string; question?: string }[],
): Promise<string | null> {
  const [county] = await db.query<{ region_code: string }>('SELECT region_code FROM users WHERE username = $1', [username]);
  const prefix = (county?.region_code ?? DEMO_CITY).slice(0, 6);
  const enterprises = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM enterprises WHERE region_code >= $1 AND region_code < $2 ORDER BY credit_code LIMIT 4`,
    [prefix, `${prefix}~`],
  );
  let shown: string | null = null;
  // Acceptance is due in working days: counted in the holiday calendar, as for a real report.
  const calendar = await workingCalendar(db);
  for (const [i, d] of demo.entries()) {
    const e = enterprises[i];
    if (!e) break;
    const receipt = Array.from({ length: RECEIPT_DIGITS }, () => randomInt(10)).join('');
    const receivedOn = daysAgo(d.ago);
    const due = reportDeadlines(receivedOn, undefined, calendar);
    const [row] = await db.query<{ id: string }>('SELECT gen_random_uuid() AS id');
    const id = row?.id as string;
    const reward =
      d.status === 'rewardDecided' ? { amount: 3000, steps: ['行政处罚金额 20,000 元 × 15% = 3,000 元', '奖励金额 3,000 元'] } : null;
    await db.query(
      `INSERT INTO reports (id, category, enterprise_id, region_code, sealed_content, anonymous, receipt_tag, receipt_hash, status,
         received_on, accept_due, conclude_due, assignee, outcome, concluded_on, reward_amount, reward_basis, reward_computation)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        id,
        d.category,
        e.id,
        e.region_code,
        keys.seal(JSON.stringify({ description: d.text, place: null, happenedAt: null }), id),
        keys.receiptTag(receipt),
        await hashPassword(receipt),
        d.status,
        receivedOn,
        due.acceptDue,
        due.concludeDue,
        d.status === 'verifying' ? username : null,
        reward ? 'substantiated' : null,
        reward ? todayInShanghai() : null,
        reward?.amount ?? null,
        reward ? `安全生产领域举报奖励办法（应急〔2018〕19号）；${reward.steps.join('；')}` : null,
        reward ? JSON.stringify({ steps: reward.steps }) : null,
      ],
    );
    await db.query(
      `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor) VALUES ($1, 'receive', NULL, 'received', 'public')`,
      [id],
    );
    if (d.status !== 'received')
      await db.query(
        `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor) VALUES ($1, 'accept', 'received', 'accepted', $2)`,
        [id, username],
      );
    if (d.question) {
      await db.query(`INSERT INTO report_messages (report_id, author, handler, sealed_text, sent_on) VALUES ($1, 'handler', $2, $3, $4)`, [
        id,
        username,
        keys.seal(d.question, id),
        todayInShanghai(),
      ]);
      shown = formatReceipt(receipt);
    }
  }
  return shown;
}
