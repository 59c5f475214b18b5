// Penalty cases through the HTTP API: a case from 立案 to 结案 with a hearing, four-eyes review,
// service, a late fee and payment; the 400 naming the article's range; 409 with the allowed
// actions; interference kept and hidden from the party; scope; the documents and the 案卷 read back;
// the public list of published decisions with a person's name masked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import { readScoped, withScope } from '../../db/scope.ts';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { todayInShanghai } from '../../time.ts';
import { openCase } from './cases-service.ts';
import { caseWorkItems } from './cases-workbench.ts';

describe('penalty cases', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  const open = async (title = '未按规定开展隐患排查治理', extra: Record<string, unknown> = {}) => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/cases', {
      enterpriseId: t.enterpriseId,
      title,
      facts: '2026年检查发现该单位未建立隐患排查治理制度，重大隐患未报告',
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const step = (who: keyof CastApp['cookies'], id: string, body: Record<string, unknown>) =>
    t.inject(t.cookies[who], 'POST', `/api/v1/enforcement/cases/${id}/steps`, body);
  const ok = async (who: keyof CastApp['cookies'], id: string, body: Record<string, unknown>) => {
    const res = await step(who, id, body);
    assert.equal(res.statusCode, 200, `${body.action}: ${res.body}`);
    return res.json();
  };
  const docs = async (caseId: string) =>
    (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents?caseId=${caseId}`)).json().items as {
      id: string;
      kind: string;
      number: string;
    }[];

  test('requires authentication; the party may not open a case', async () => {
    assert.equal((await t.inject('', 'GET', '/api/v1/enforcement/cases')).statusCode, 401);
    const res = await t.inject(t.cookies.ent, 'POST', '/api/v1/enforcement/cases', { enterpriseId: t.enterpriseId, title: 'x' });
    assert.equal(res.statusCode, 403);
  });

  test('from 立案 to 结案: notice and hearing, four-eyes review, decision, service, a late fee, payment, closing, publication', async () => {
    const c = await open();
    assert.equal(c.status, 'filed');
    assert.match(c.number, /应急立〔\d{4}〕1号/);
    assert.deepEqual(c.allowedActions.includes('investigate'), true);
    await ok('county', c.id, { action: 'investigate' });
    await ok('county', c.id, { action: 'editFacts', evidence: '现场检查记录、询问笔录、照片 6 张' });

    // The amount outside the article's range: 400 naming the range.
    const low = await step('county', c.id, { action: 'notify', article: '94', tier: 'first', amount: 10_000, reasons: '首次违法' });
    assert.equal(low.statusCode, 400);
    assert.equal(low.json().error.message, '罚款应在 20000–50000 元之间');
    assert.equal(low.json().error.fields.amount, '罚款应在 20000–50000 元之间');

    const notified = await ok('county', c.id, {
      action: 'notify',
      article: '101',
      tier: 'first',
      amount: 60_000,
      reasons: '重大隐患未报告，情节较重，在幅度内从重',
    });
    assert.equal(notified.status, 'notified');
    assert.equal(notified.hearingRight, true, '60,000 ≥ the 50,000 threshold');
    assert.ok(notified.deadlines.some((d: { kind: string }) => d.kind === 'hearingRequest'));

    // Review before the windows have run: 409 with what is allowed now.
    const early = await step('county', c.id, { action: 'submitReview' });
    assert.equal(early.statusCode, 409);
    assert.ok(early.json().error.allowedActions.includes('requestHearing'));
    assert.ok(early.json().error.allowedActions.includes('submitReview'), 'offered: the party may waive its windows');

    // The party asks for a hearing itself; the enterprise sees its case, with no interference section.
    await ok('ent', c.id, { action: 'requestHearing', note: '对罚款数额有异议' });
    await ok('county', c.id, { action: 'recordHearing', heldOn: todayInShanghai(), summary: '当事人陈述已整改，维持原拟处罚' });

    // Four eyes: the handler may not approve.
    const self = await step('county', c.id, { action: 'approve', opinion: '同意' });
    assert.equal(self.statusCode, 403);
    assert.deepEqual(self.json().error.allowedActions.includes('approve'), false);
    const decided = await ok('city', c.id, { action: 'approve', opinion: '事实清楚，证据确凿，同意处罚' });
    assert.equal(decided.status, 'decided');
    assert.ok(decided.deadlines.some((d: { kind: string }) => d.kind === 'publication'));

    const served = await ok('county', c.id, { action: 'serve', servedAt: new Date().toISOString(), method: 'direct', recipient: '王经理' });
    assert.equal(served.status, 'served');
    assert.ok(served.paymentDueOn > todayInShanghai());

    // Five days late (the clock moved on): a reminder and the late fee of 3 % a day.
    await t.db.query(`UPDATE enforcement_cases SET payment_due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 5 WHERE id = $1`, [c.id]);
    await ok('county', c.id, { action: 'remind' });
    const fee = await ok('county', c.id, { action: 'decideLateFee' });
    assert.equal(fee.lateFee, 9000);
    assert.equal(fee.owed, 69_000);

    const tooEarly = await step('city', c.id, { action: 'close' });
    assert.equal(tooEarly.statusCode, 409, 'nothing may be owed at closing');
    const tooMuch = await step('county', c.id, { action: 'recordPayment', kind: 'fine', amount: 70_000, paidOn: todayInShanghai() });
    assert.equal(tooMuch.statusCode, 400);
    await ok('county', c.id, { action: 'recordPayment', kind: 'fine', amount: 60_000, paidOn: todayInShanghai(), receiptNo: 'PJ-001' });
    const paid = await ok('county', c.id, { action: 'recordPayment', kind: 'lateFee', amount: 9000, paidOn: todayInShanghai() });
    assert.equal(paid.owed, 0);
    assert.equal(paid.status, 'executing');
    assert.equal((await step('county', c.id, { action: 'close' })).statusCode, 403, 'the handler does not approve the closing');
    const closed = await ok('city', c.id, { action: 'close', summary: '罚款及加处罚款已缴清' });
    assert.equal(closed.status, 'closed');
    const seen = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/cases/${c.id}`)).json();
    assert.equal(
      seen.events.find((e: { kind: string }) => e.kind === 'approve').actorName,
      'cast-city',
      'the county reads the city reviewer’s name on the timeline',
    );
    await ok('county', c.id, { action: 'publish' });

    // The notice and the hearing notice are issued in one step (same instant): compared as a set.
    const kinds = (await docs(c.id)).map((d) => d.kind).sort();
    assert.deepEqual(
      kinds,
      ['caseFiling', 'penaltyNotice', 'hearingNotice', 'penaltyDecision', 'paymentReminder', 'lateFeeDecision', 'caseClosing'].sort(),
    );
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'enforcementCase.%'",
      [c.id],
    );
    assert.equal(audit?.n, 14);

    // The decision read back: number, party, article, amount.
    const decision = (await docs(c.id)).find((d) => d.kind === 'penaltyDecision');
    const pdf = await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents/${decision?.id}/pdf`);
    const text = pdfText(pdf.rawPayload);
    for (const s of [decision?.number ?? '', '测试企业9001有限公司', '第一百零一条', '60000元'])
      assert.ok(text.includes(s.replace(/\s/g, '')), `decision PDF has ${s}`);

    // The 案卷: every document listed, the timeline, the payments.
    const dossier = await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/cases/${c.id}/dossier`);
    assert.equal(dossier.statusCode, 200);
    assert.equal(dossier.headers['content-type'], 'application/pdf');
    const all = pdfText(dossier.rawPayload);
    for (const s of ['行政处罚案卷', '卷内目录', c.number, decision?.number ?? '', '测试企业9001有限公司', '加处罚款', '结案审批表'])
      assert.ok(all.includes(s.replace(/\s/g, '')), `案卷 has ${s}`);

    // Published: on the public list without a login.
    const pub = await t.inject('', 'GET', '/api/v1/public/enforcement/decisions');
    assert.equal(pub.statusCode, 200);
    const item = pub.json().items.find((i: { id: string }) => i.id === c.id);
    assert.equal(item.enterpriseName, '测试企业9001有限公司');
    assert.equal(item.decisionNumber, decision?.number);
    assert.match(item.penalty, /罚款人民币 60000 元/);
    assert.ok(item.creditCode);
    // Filtered by a picked region (its 12-digit code covers what is under it); another county's list leaves it out.
    const county = (await t.db.query<{ r: string }>('SELECT region_code AS r FROM enforcement_cases WHERE id = $1', [c.id]))[0]?.r ?? '';
    const inCounty = (await t.inject('', 'GET', `/api/v1/public/enforcement/decisions?region=${county.slice(0, 6)}000000`)).json();
    assert.ok(inCounty.items.some((i: { id: string }) => i.id === c.id));
    const elsewhere = (await t.inject('', 'GET', '/api/v1/public/enforcement/decisions?region=110101000000')).json();
    assert.ok(!elsewhere.items.some((i: { id: string }) => i.id === c.id));
  });

  test('a person fined is published with the name masked; unpublished decisions are not listed', async () => {
    const c = await open('特种作业人员未持证上岗');
    await ok('county', c.id, { action: 'investigate' });
    const noName = await step('county', c.id, { action: 'notify', article: '97', tier: 'person', amount: 30_000, reasons: '直接责任' });
    assert.equal(noName.statusCode, 400);
    assert.ok(noName.json().error.fields.personName);
    await ok('county', c.id, {
      action: 'notify',
      article: '97',
      tier: 'person',
      amount: 30_000,
      personName: '张三丰',
      reasons: '直接责任',
    });
    await ok('county', c.id, { action: 'submitReview', waived: true, statement: '当事人放弃陈述申辩' });
    await ok('city', c.id, { action: 'approve', opinion: '同意' });
    const before = (await t.inject('', 'GET', '/api/v1/public/enforcement/decisions')).json();
    assert.ok(!before.items.some((i: { id: string }) => i.id === c.id), 'not published yet');
    const listed = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/cases?overdue=false')).json();
    assert.ok(listed.items.some((i: { id: string }) => i.id === c.id));
    await ok('county', c.id, { action: 'publish' });
    const pub = (await t.inject('', 'GET', '/api/v1/public/enforcement/decisions')).json();
    const item = pub.items.find((i: { id: string }) => i.id === c.id);
    assert.match(item.penalty, /张\*\*/);
    assert.ok(!JSON.stringify(pub).includes('张三丰'));
  });

  test('a refused step is 409 with the allowed actions; a transfer to the judiciary is possible from investigation on', async () => {
    const c = await open('涉嫌重大责任事故罪');
    const refused = await step('county', c.id, { action: 'approve', opinion: 'x' });
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(refused.json().error.allowedActions, ['investigate', 'editFacts', 'recordInterference']);
    assert.equal((await step('county', c.id, { action: 'transfer', to: '张家港市公安局', reason: '涉嫌犯罪' })).statusCode, 409);
    await ok('county', c.id, { action: 'investigate' });
    const moved = await ok('county', c.id, { action: 'transfer', to: '张家港市公安局', reason: '涉嫌重大责任事故罪，一律移送' });
    assert.equal(moved.status, 'transferred');
    assert.ok((await docs(c.id)).some((d) => d.kind === 'caseTransfer'));
    assert.equal((await ok('city', c.id, { action: 'close' })).status, 'closed');
  });

  test('Art. 114: the accident’s grade sets the range; an income-based fine needs the income', async () => {
    const c = await open('对事故发生负有责任');
    await ok('county', c.id, { action: 'investigate' });
    const noGrade = await step('county', c.id, { action: 'notify', article: '114', tier: 'first', amount: 500_000, reasons: '一般事故' });
    assert.equal(noGrade.statusCode, 400);
    assert.ok(noGrade.json().error.fields.accidentGrade);
    const low = await step('county', c.id, {
      action: 'notify',
      article: '114',
      tier: 'first',
      accidentGrade: 'major',
      amount: 500_000,
      reasons: '较大事故',
    });
    assert.equal(low.json().error.message, '罚款应在 1000000–2000000 元之间');
    const income = await step('county', c.id, {
      action: 'notify',
      article: '110',
      tier: 'person',
      amount: 10_000,
      personName: '李四',
      reasons: 'x',
    });
    assert.ok(income.json().error.fields.annualIncome);
    const n = await ok('county', c.id, {
      action: 'notify',
      article: '114',
      tier: 'first',
      accidentGrade: 'ordinary',
      amount: 500_000,
      reasons: '一般事故，负有责任',
    });
    assert.equal(n.fine, 500_000);
  });

  test('interference is kept, cannot be changed, and is not shown to the party nor to another officer', async () => {
    const c = await open('干预测试');
    const rec = await ok('county', c.id, {
      action: 'recordInterference',
      whoName: '某局领导',
      org: '某局',
      occurredAt: new Date().toISOString(),
      what: '电话要求从轻处罚',
    });
    assert.equal(rec.interference.length, 1);
    assert.equal(rec.interference[0].what, '电话要求从轻处罚');
    const ent = (await t.inject(t.cookies.ent, 'GET', `/api/v1/enforcement/cases/${c.id}`)).json();
    assert.equal(ent.interference, null);
    assert.ok(!JSON.stringify(ent).includes('从轻处罚'));
    const city = (await t.inject(t.cookies.city, 'GET', `/api/v1/enforcement/cases/${c.id}`)).json();
    assert.equal(city.interference.length, 1, 'the level above sees it');
    await assert.rejects(t.db.query("UPDATE enforcement_interference SET what = '无' WHERE case_id = $1", [c.id]));
    await assert.rejects(t.db.query('DELETE FROM enforcement_interference WHERE case_id = $1', [c.id]));
    const [audit] = await t.db.query<{ after: unknown }>(
      "SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'enforcementCase.recordInterference'",
      [c.id],
    );
    assert.ok(!JSON.stringify(audit?.after).includes('从轻处罚'), 'the trail records that it was made, not its content');
  });

  test('scope: another county sees nothing; the party sees its own case', async () => {
    const c = await open('范围测试');
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/cases/${c.id}`)).statusCode, 404);
    assert.equal((await step('kunshan', c.id, { action: 'investigate' })).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/cases/${c.id}/dossier`)).statusCode, 404);
    const list = (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/cases')).json();
    assert.equal(list.total, 0);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `/api/v1/enforcement/cases/${c.id}`)).statusCode, 404);
    const own = await t.inject(t.cookies.ent, 'GET', `/api/v1/enforcement/cases/${c.id}`);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json().allowedActions, []);
  });

  test('closing the hazard does not close the case (整改不能代替处罚); openCase runs in the caller’s transaction', async () => {
    const h = await t.inject(t.cookies.county, 'POST', '/api/v1/hazards', { enterpriseId: t.enterpriseId, description: '消防通道堵塞' });
    assert.equal(h.statusCode, 201, h.body);
    const hazardId = h.json().id as string;
    const county: Actor = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const { id } = await withScope(t.db, county.scope, (tx) =>
      openCase(tx, county, { enterpriseId: t.enterpriseId, title: '未消除事故隐患', hazardId, facts: '消防通道堵塞' }),
    );
    const cancelled = await t.inject(t.cookies.county, 'POST', `/api/v1/hazards/${hazardId}/transitions`, {
      action: 'cancel',
      reason: '已现场整改',
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    await t.db.query("UPDATE hazards SET status = 'closed' WHERE id = $1", [hazardId]);
    const c = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/cases/${id}`)).json();
    assert.equal(c.status, 'filed');
    assert.equal(c.hazardId, hazardId);
    assert.deepEqual(
      (await docs(id)).map((d) => d.kind),
      ['caseFiling'],
    );
  });

  test('the list: filters, next step and deadlines; mine and overdue', async () => {
    const c = await open('列表测试');
    await t.db.query(`UPDATE enforcement_cases SET decision_due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1 WHERE id = $1`, [c.id]);
    const overdue = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/cases?overdue=true')).json();
    const item = overdue.items.find((i: { id: string }) => i.id === c.id);
    assert.ok(item, 'an undecided case past 90 days is overdue');
    assert.equal(item.nextStep, 'investigate');
    assert.equal(item.deadlines[0].state, 'overdue');
    const mine = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/cases?mine=true&status=filed')).json();
    assert.ok(mine.items.some((i: { id: string }) => i.id === c.id));
    const notCitys = (await t.inject(t.cookies.city, 'GET', '/api/v1/enforcement/cases?mine=true&status=filed')).json();
    assert.equal(notCitys.total, 0);
  });
  test('按日连续处罚: one fine a day from the day after the order, never twice for a day; a suspension and its resumption', async () => {
    const c = await open('拒不消除事故隐患');
    await ok('county', c.id, { action: 'investigate' });
    await ok('county', c.id, { action: 'notify', article: '102', tier: 'first', amount: 20_000, suspension: true, reasons: '拒不执行' });
    await ok('county', c.id, { action: 'submitReview', waived: true });
    const decided = await ok('city', c.id, { action: 'approve', opinion: '同意' });
    assert.ok(decided.allowedActions.includes('acceptResumption'));
    await ok('county', c.id, { action: 'serve', servedAt: new Date().toISOString(), method: 'post', recipient: '企业' });
    const sameDay = await step('county', c.id, { action: 'recordDailyPenalty', day: todayInShanghai() });
    assert.equal(sameDay.statusCode, 400, 'not on the day of the order');
    await t.db.query("UPDATE enforcement_cases SET decided_at = now() - interval '3 days' WHERE id = $1", [c.id]);
    const yesterday = todayInShanghai(new Date(Date.now() - 86_400_000));
    const daily = await ok('county', c.id, { action: 'recordDailyPenalty', day: yesterday, note: '复查仍未改正' });
    assert.equal(daily.dailyPenaltyTotal, 20_000);
    assert.equal(daily.owed, 40_000);
    assert.equal((await step('county', c.id, { action: 'recordDailyPenalty', day: yesterday })).statusCode, 409);
    const resumed = await ok('county', c.id, { action: 'acceptResumption', opinion: '隐患已消除，验收合格' });
    assert.ok(resumed.resumedAt);
    assert.ok(!resumed.allowedActions.includes('acceptResumption'));
    const kinds = (await docs(c.id)).map((d) => d.kind);
    for (const k of ['suspensionOrder', 'resumptionAcceptance', 'hearingNotice']) assert.ok(kinds.includes(k), k);
  });

  test('the workbench counts are the list’s totals; nothing for the party', async () => {
    const county: Actor = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const items = await readScoped(t.db, county.scope, (tx) => caseWorkItems(county, county.scope, tx));
    assert.deepEqual(
      items.map((i) => i.kind),
      ['cases.overdue', 'cases.decisionSoon', 'cases.mine'],
    );
    for (const i of items) {
      const list = (await t.inject(t.cookies.county, 'GET', `${i.apiPath}?${new URLSearchParams(i.query)}`)).json();
      assert.equal(i.count, list.total, i.kind);
    }
    assert.ok((items.find((i) => i.kind === 'cases.mine')?.count ?? 0) > 0);
    const ent: Actor = {
      id: t.ids.ent,
      username: 'cast-ent',
      role: 'enterpriseAdmin',
      scope: { regionPrefix: '320582100000', industries: null, enterpriseId: t.enterpriseId },
    };
    assert.deepEqual(await readScoped(t.db, ent.scope, (tx) => caseWorkItems(ent, ent.scope, tx)), []);
  });
});
