// On-site inspections through the API: two certified officers without a conflict, findings, the
// record that issues the 现场检查记录 / 责改 (carrying its number) / 现决, hazards in the hazard
// loop found by enforcement, a case for a violation, the 复查 that closes it; refused steps are
// 409 with the allowed actions; other counties see nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';

const BASE = '/api/v1/enforcement/inspections';
const inDays = (n: number) => new Date(Date.now() + n * 86400000 + 8 * 3600000).toISOString().slice(0, 10);

describe('enforcement inspections', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp(
      process.env.DEBUG_LOG ? { logStream: { write: (l: string) => l.includes('"level":50') && console.error(l) } } : {},
    );
    for (const [u, no] of [
      [t.ids.county, '32058200001'],
      [t.ids.city, '32050000001'],
    ])
      await t.db.query("INSERT INTO enforcement_officers (user_id, certificate_no, valid_until) VALUES ($1, $2, '2099-12-31')", [u, no]);
  });
  after(() => t.close());

  const create = (officerIds: string[], extra: Record<string, unknown> = {}) =>
    t.inject(t.cookies.county, 'POST', BASE, {
      enterpriseId: t.enterpriseId,
      source: 'adhoc',
      officerIds,
      plannedOn: inDays(0),
      unannounced: true,
      ...extra,
    });

  test('two certified officers without a conflict are required', async () => {
    const one = await create([t.ids.county]);
    assert.equal(one.statusCode, 400);
    assert.ok(one.json().error.fields.officerIds);
    const uncertified = await create([t.ids.county, t.ids.inspector]);
    assert.equal(uncertified.statusCode, 400);
    assert.match(uncertified.json().error.fieldMessages.officerIds.zh, /执法证/);
    await t.db.query("INSERT INTO officer_conflicts (user_id, enterprise_id, reason) VALUES ($1, $2, '近亲属任该企业负责人')", [
      t.ids.city,
      t.enterpriseId,
    ]);
    const conflicted = await create([t.ids.county, t.ids.city]);
    assert.equal(conflicted.statusCode, 400);
    assert.match(conflicted.json().error.fieldMessages.officerIds.zh, /回避/);
    await t.db.query('DELETE FROM officer_conflicts');
    const township = await t.inject(t.cookies.town, 'POST', BASE, {
      enterpriseId: t.enterpriseId,
      source: 'adhoc',
      officerIds: [t.ids.county, t.ids.city],
      plannedOn: inDays(0),
    });
    assert.equal(township.statusCode, 403, 'a township does not enforce');
  });

  test('from planned to closed: record issues the documents, findings become hazards and a case', async () => {
    const made = await create([t.ids.county, t.ids.city]);
    assert.ok(made.statusCode < 300, made.body);
    const insp = made.json();
    assert.equal(insp.status, 'planned');
    assert.deepEqual(insp.allowedActions, ['start', 'cancel']);
    assert.deepEqual(
      insp.officers.map((o: { certificateNo: string }) => o.certificateNo),
      ['32058200001', '32050000001'],
    );
    const url = `${BASE}/${insp.id}`;

    const notOfficer = await t.inject(t.cookies.province, 'POST', `${url}/start`, { place: '生产车间' });
    assert.equal(notOfficer.statusCode, 409, 'only the officers named on it start it');
    assert.deepEqual(notOfficer.json().error.allowedActions, ['cancel']);
    const started = await t.inject(t.cookies.county, 'POST', `${url}/start`, { place: '生产车间、危化品仓库' });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().status, 'inProgress');

    const noDeadline = await t.inject(t.cookies.county, 'POST', `${url}/findings`, { kind: 'hazard', description: '灭火器过期' });
    assert.equal(noDeadline.statusCode, 400);
    assert.ok(noDeadline.json().error.fields.deadline);
    const past = await t.inject(t.cookies.county, 'POST', `${url}/findings`, {
      kind: 'hazard',
      description: '灭火器过期',
      deadline: '2020-01-01',
    });
    assert.equal(past.statusCode, 400);
    for (const f of [
      { kind: 'hazard', description: '危化品仓库灭火器过期', location: '2号仓库', deadline: inDays(10) },
      { kind: 'hazard', description: '动火作业无人监护', onSiteMeasure: '责令立即停止动火作业' },
      { kind: 'violation', description: '未如实记录安全生产教育和培训情况', article: '97' },
      { kind: 'hazard', description: '使用国家明令淘汰的反应釜', seizure: '3号车间反应釜一台', seizureDays: 30 },
    ]) {
      const r = await t.inject(t.cookies.county, 'POST', `${url}/findings`, f);
      assert.equal(r.statusCode, 200, r.body);
    }

    const tooLong = await t.inject(t.cookies.county, 'POST', `${url}/findings`, {
      kind: 'hazard',
      description: '淘汰设备',
      seizure: '反应釜',
      seizureDays: 31,
    });
    assert.equal(tooLong.statusCode, 400, 'a seizure of more than 30 days');
    assert.ok(tooLong.json().error.fields.seizureDays);
    const recorded = await t.inject(t.cookies.county, 'POST', `${url}/record`, {
      situation: '检查了生产车间和危化品仓库。',
      leaderName: '王经理',
    });
    assert.equal(recorded.statusCode, 200, recorded.body);
    const r = recorded.json();
    assert.equal(r.status, 'recorded', 'a deadline waits for the 复查');
    assert.equal(r.violations, 1);
    assert.equal(r.hazardsFound, 3);
    const fire = r.findings.find((f: { description: string }) => f.description.startsWith('危化品仓库'));
    assert.ok(fire.hazardId && fire.hazardNumber);
    const violation = r.findings.find((f: { kind: string }) => f.kind === 'violation');
    assert.ok(violation.caseId, 'a violation opens a case');
    const opened = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/cases/${violation.caseId}`)).json();
    assert.equal(opened.article, '97', 'the case starts from the article named on site');
    assert.equal(opened.status, 'filed');
    assert.equal(violation.hazardId, null);
    const [h] = await t.db.query<{ enforcement_inspection_id: string; found_tier: string }>(
      'SELECT enforcement_inspection_id, found_tier FROM hazards WHERE id = $1',
      [fire.hazardId],
    );
    assert.equal(h?.enforcement_inspection_id, insp.id, 'the hazard is in the hazard loop, found by enforcement');

    const docs = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents?inspectionId=${insp.id}`)).json().items;
    const byKind = Object.fromEntries(docs.map((d: { kind: string }) => [d.kind, d]));
    assert.deepEqual(
      Object.keys(byKind).sort(),
      ['caseFiling', 'inspectionRecord', 'onSiteMeasures', 'rectificationOrder', 'seizureDecision'],
      'the violation’s 立案审批表 is among them',
    );
    assert.equal(byKind.rectificationOrder.number, byKind.inspectionRecord.number.replace('应急检记', '应急责改'));
    const seizure = pdfText(
      (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents/${byKind.seizureDecision.id}/pdf`)).rawPayload,
    );
    for (const x of [byKind.seizureDecision.number, '3号车间反应釜一台', '共30日', '第六十五条']) assert.ok(seizure.includes(x), x);
    const pdf = await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents/${byKind.inspectionRecord.id}/pdf`);
    const text = pdfText(pdf.rawPayload);
    for (const s of [byKind.inspectionRecord.number, r.enterpriseName, '32058200001', '危化品仓库灭火器过期', '王经理', '四不两直'])
      assert.ok(text.includes(s), s);

    const again = await t.inject(t.cookies.county, 'POST', `${url}/record`, { situation: 'x', leaderName: 'y' });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().error.allowedActions, ['review']);

    const notFixed = await t.inject(t.cookies.county, 'POST', `${url}/review`, { opinion: '逾期未整改，依法处理。', fixed: [] });
    assert.equal(notFixed.statusCode, 200);
    assert.equal(notFixed.json().status, 'recorded');
    const stray = await t.inject(t.cookies.county, 'POST', `${url}/review`, { opinion: 'x', fixed: [violation.id] });
    assert.equal(stray.statusCode, 400);
    const fixed = await t.inject(t.cookies.county, 'POST', `${url}/review`, { opinion: '已按要求整改完毕。', fixed: [fire.id] });
    assert.equal(fixed.json().status, 'closed');
    const reviews = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents?inspectionId=${insp.id}`))
      .json()
      .items.filter((d: { kind: string }) => d.kind === 'reviewOpinion');
    assert.equal(reviews.length, 2);
    assert.equal(reviews[0].number, byKind.inspectionRecord.number.replace('应急检记', '应急复查'));

    const events = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_id = $1 AND entity_type = 'enforcementInspection' ORDER BY seq",
      [insp.id],
    );
    assert.deepEqual(
      events.map((e) => e.action),
      [
        'enforcementInspection.create',
        'enforcementInspection.start',
        ...Array(4).fill('enforcementInspection.addFinding'),
        'enforcementInspection.record',
        'enforcementInspection.review',
        'enforcementInspection.review',
      ],
    );
  });

  test('scope: the enterprise reads its own, Kunshan and another enterprise see nothing', async () => {
    const insp = (await create([t.ids.county, t.ids.city])).json();
    const own = await t.inject(t.cookies.ent, 'GET', `${BASE}/${insp.id}`);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json().allowedActions, []);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `${BASE}/${insp.id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `${BASE}/${insp.id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', BASE)).json().total, 0);
    assert.equal((await t.inject(t.cookies.kunshan, 'POST', `${BASE}/${insp.id}/cancel`, { reason: 'x' })).statusCode, 404);
    const cancelled = await t.inject(t.cookies.county, 'POST', `${BASE}/${insp.id}/cancel`, { reason: '企业已停产' });
    assert.equal(cancelled.json().status, 'cancelled');
  });
});

describe('an inspection that follows an accident (事故后检查)', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
    for (const [u, no] of [
      [t.ids.county, '32058200001'],
      [t.ids.city, '32050000001'],
    ])
      await t.db.query("INSERT INTO enforcement_officers (user_id, certificate_no, valid_until) VALUES ($1, $2, '2099-12-31')", [u, no]);
  });
  after(() => t.close());

  test('links the accident both ways, once; an accident of another enterprise is refused', async () => {
    const occurredAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const reported = await t.inject(t.cookies.county, 'POST', '/api/v1/accidents', {
      enterpriseId: t.enterpriseId,
      occurredAt,
      regionCode: '320582',
      place: '二号车间',
      description: '叉车倒车时撞伤一名工人',
      deaths: 0,
      seriousInjuries: 1,
    });
    assert.equal(reported.statusCode, 201, reported.body);
    const accident = reported.json();
    const body = (extra: Record<string, unknown>) => ({
      enterpriseId: t.enterpriseId,
      source: 'referral',
      officerIds: [t.ids.county, t.ids.city],
      plannedOn: inDays(1),
      ...extra,
    });
    const stranger = await t.inject(t.cookies.county, 'POST', BASE, body({ accidentId: '00000000-0000-4000-8000-000000000000' }));
    assert.equal(stranger.statusCode, 400);
    assert.ok(stranger.json().error.fields.accidentId);
    const made = await t.inject(t.cookies.county, 'POST', BASE, body({ accidentId: accident.id }));
    assert.equal(made.statusCode, 200, made.body);
    const after = (await t.inject(t.cookies.county, 'GET', `/api/v1/accidents/${accident.id}`)).json();
    assert.equal(after.inspectionId, made.json().id);
    const again = await t.inject(t.cookies.county, 'POST', BASE, body({ accidentId: accident.id }));
    assert.equal(again.statusCode, 400, 'one inspection per accident');
  });
});
