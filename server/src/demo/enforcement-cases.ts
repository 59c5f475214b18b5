// Demo penalty cases in the demo county, through the case commands (so documents, timeline and
// trail are real): one just filed, one notified, one decided and served awaiting payment, one closed
// after payment, one transferred to the judiciary, and from 2025 (for statistics) one closed with a
// suspension and its resumption acceptance and one dropped. The handler is the county officer; the
// review and closing (four eyes) are the city supervisor's.
import type { Actor, CaseStep } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { openCase, takeCaseStep } from '../modules/enforcement/cases-service.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';

const FIRST_TITLE = '未按规定如实记录安全生产教育和培训情况';

const daysAgo = (n: number, from = new Date()) => new Date(from.getTime() - n * 86_400_000);
const at = (iso: string) => new Date(iso);

export async function seedDemoCases(db: Db): Promise<void> {
  const county = await demoActor(db, 'county');
  const city = await demoActor(db, 'city');
  if (!county || !city) return;
  const [done] = await db.query('SELECT 1 FROM enforcement_cases WHERE title = $1 LIMIT 1', [FIRST_TITLE]);
  if (done) return;
  const ents = await db.query<{ id: string }>(
    `SELECT id FROM enterprises WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY name OFFSET 6 LIMIT 7`,
    [county.scope.regionPrefix],
  );
  if (ents.length < 7) return;
  const ent = (i: number) => ents[i]?.id as string;

  const open = (i: number, title: string, facts: string, now: Date) =>
    withScope(db, county.scope, (tx) => openCase(tx, county, { enterpriseId: ent(i), title, facts }, now)).then((c) => c.id);
  const run = async (id: string, steps: [Actor, CaseStep, Date][]) => {
    for (const [who, step, now] of steps) await takeCaseStep(db, who, id, step, now);
  };
  const now = new Date();

  // 1. Filed today.
  await open(0, FIRST_TITLE, '现场检查发现该单位未建立安全生产教育和培训档案，无法提供近一年培训记录。', now);

  // 2. Notified: a fine below the hearing threshold, the statement window running.
  const notified = await open(1, '未对重大危险源进行定期检测、评估', '储罐区重大危险源未按规定开展年度检测评估。', daysAgo(12, now));
  await run(notified, [
    [county, { action: 'investigate' }, daysAgo(11, now)],
    [county, { action: 'editFacts', evidence: '现场检查记录、重大危险源档案、询问笔录' }, daysAgo(10, now)],
    [
      county,
      { action: 'notify', article: '101', tier: 'first', amount: 30_000, reasons: '首次发现，积极配合调查，在法定幅度内从轻' },
      daysAgo(1, now),
    ],
  ]);

  // 3. Decided and served, awaiting payment (due in five days).
  const served = await open(2, '特种作业人员未持证上岗', '电焊作业人员 2 名未取得特种作业操作证上岗作业。', daysAgo(30, now));
  await run(served, [
    [county, { action: 'investigate' }, daysAgo(29, now)],
    [county, { action: 'notify', article: '97', tier: 'first', amount: 45_000, reasons: '涉及 2 名人员，情节一般' }, daysAgo(20, now)],
    [county, { action: 'submitReview', statement: '当事人未提出陈述申辩' }, daysAgo(15, now)],
    [city, { action: 'approve', opinion: '事实清楚，证据确凿，程序合法，同意' }, daysAgo(12, now)],
    [county, { action: 'serve', servedAt: daysAgo(10, now).toISOString(), method: 'direct', recipient: '企业负责人' }, daysAgo(10, now)],
    [county, { action: 'publish' }, daysAgo(9, now)],
  ]);

  // 4. Closed after payment.
  const paid = await open(3, '关闭、破坏直接关系生产安全的监控、报警设备', '可燃气体报警器被人为断电停用。', daysAgo(70, now));
  const paidOn = todayInShanghai(daysAgo(30, now));
  await run(paid, [
    [county, { action: 'investigate' }, daysAgo(69, now)],
    [county, { action: 'notify', article: '99', tier: 'first', amount: 40_000, reasons: '报警设备停用时间较长' }, daysAgo(60, now)],
    [county, { action: 'submitReview', waived: true, statement: '当事人书面放弃陈述申辩' }, daysAgo(59, now)],
    [city, { action: 'approve', opinion: '同意' }, daysAgo(55, now)],
    [county, { action: 'serve', servedAt: daysAgo(54, now).toISOString(), method: 'direct', recipient: '企业负责人' }, daysAgo(54, now)],
    [county, { action: 'publish' }, daysAgo(52, now)],
    [county, { action: 'recordPayment', kind: 'fine', amount: 40_000, paidOn, receiptNo: 'SQ2026-0418' }, daysAgo(30, now)],
    [city, { action: 'close', summary: '罚款已缴清，同意结案' }, daysAgo(28, now)],
  ]);

  // 5. Transferred to the judiciary (一律移送).
  const transferred = await open(4, '涉嫌非法储存危险物品', '仓库内违规储存大量易燃液体，涉嫌危险作业罪。', daysAgo(8, now));
  await run(transferred, [
    [county, { action: 'investigate' }, daysAgo(7, now)],
    [county, { action: 'transfer', to: '宿迁市公安局', reason: '涉嫌刑法第一百三十四条之一危险作业罪，依法移送' }, daysAgo(5, now)],
  ]);

  // 6. 2025: a suspension decided, the resumption accepted, paid and closed.
  const y2025 = await open(
    5,
    '未采取措施消除重大事故隐患',
    '粉尘涉爆区域除尘系统失效，经责令整改后逾期未改正。',
    at('2025-04-08T09:00:00+08:00'),
  );
  await run(y2025, [
    [county, { action: 'investigate' }, at('2025-04-09T09:00:00+08:00')],
    [
      county,
      { action: 'notify', article: '99', tier: 'aggravated', amount: 80_000, suspension: true, reasons: '逾期未改正，情节严重' },
      at('2025-04-20T09:00:00+08:00'),
    ],
    [county, { action: 'submitReview', statement: '当事人未申请听证' }, at('2025-04-28T09:00:00+08:00')],
    [city, { action: 'approve', opinion: '同意罚款并责令停产停业整顿' }, at('2025-05-06T09:00:00+08:00')],
    [
      county,
      { action: 'serve', servedAt: '2025-05-07T10:00:00+08:00', method: 'direct', recipient: '企业负责人' },
      at('2025-05-07T10:00:00+08:00'),
    ],
    [county, { action: 'publish' }, at('2025-05-09T10:00:00+08:00')],
    [county, { action: 'recordPayment', kind: 'fine', amount: 80_000, paidOn: '2025-05-20' }, at('2025-05-21T10:00:00+08:00')],
    [county, { action: 'acceptResumption', opinion: '除尘系统已更换并检测合格' }, at('2025-06-03T10:00:00+08:00')],
    [city, { action: 'close', summary: '罚款已缴清，复产验收合格' }, at('2025-06-10T10:00:00+08:00')],
  ]);

  // 7. 2025: dropped (不予处罚: corrected at once, first minor violation).
  const dropped = await open(6, '安全警示标志设置不规范', '配电房未设置安全警示标志。', at('2025-09-02T09:00:00+08:00'));
  await run(dropped, [
    [county, { action: 'investigate' }, at('2025-09-03T09:00:00+08:00')],
    [
      city,
      { action: 'drop', kind: 'noPenalty', reason: '初次违法且危害后果轻微并及时改正（行政处罚法第三十三条）' },
      at('2025-09-10T09:00:00+08:00'),
    ],
  ]);
}
