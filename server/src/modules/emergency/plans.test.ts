// 应急预案与备案 through the HTTP API and the store, on both databases (issue 27, owner: plans):
// a chemical enterprise's plan written, reviewed (评审, not 论证, by the rule), signed by the
// principal, published (filing due in 20 working days), filed, returned once for missing items
// (the one-time notice refuses a second), resubmitted and accepted with the numbered 备案登记表;
// another plan deemed filed when the 5 working days pass (on read, then by the job); revision makes
// version 2 and keeps version 1 read-only; the response cards; the desk lists and the 工作台
// counts; another county neither sees nor accepts; bad input is a bilingual 400 with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readScoped, withScope } from '../../db/scope.ts';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { deemOverdueFilings } from './plans-jobs.ts';
import { recordRevisionTrigger } from './plans-store.ts';
import { emergencyPlansWorkItems } from './plans-workbench.ts';

const BASE = '/api/v1/emergency/plans';
const FILINGS = '/api/v1/emergency/plan-filings';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const COMPREHENSIVE = {
  scope: '适用于本公司生产安全事故的应对。',
  responseLevels: '一级、二级、三级响应。',
  organisation: '应急指挥部及职责。',
  informationReporting: '事故发生后立即报告值班室。',
  warning: '预警发布与解除。',
  responseStart: '总指挥决定启动。',
  handling: '抢救、疏散、控制危险源。',
  support: '请求区应急管理局支援。',
  responseEnd: '现场危险消除后终止。',
  aftercare: '善后与恢复生产。',
  safeguards: '通信、队伍、物资保障。',
};

describe('emergency plans', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  const get = async (cookie: string, id: string) => (await t.inject(cookie, 'GET', `${BASE}/${id}`)).json();
  const step = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await get(t.cookies.ent, id)).version;
    return t.inject(cookie, 'POST', `${BASE}/${id}/steps/${action}`, { version, ...body });
  };
  const ok = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await step(cookie, id, action, body);
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  };
  const filingStep = async (cookie: string, id: string, action: string, version: number, body: Record<string, unknown> = {}) =>
    t.inject(cookie, 'POST', `${FILINGS}/${id}/steps/${action}`, { version, ...body });
  const create = async (body: Record<string, unknown>, cookie = t.cookies.ent) => {
    const res = await t.inject(cookie, 'POST', BASE, body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const publish = async (id: string) => {
    await ok(t.cookies.ent, id, 'recordReview', {
      reviewKind: 'review',
      reviewedOn: today(),
      experts: '张工、李工、王工',
      minutes: '评审通过',
    });
    await ok(t.cookies.ent, id, 'sign', { principalName: '赵总' });
    return ok(t.cookies.ent, id, 'publish', { publishedOn: today() });
  };

  let planId: string;

  test('bad input is a bilingual 400 with nothing written; only the unit writes its plan', async () => {
    const [before] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_plans');
    const bad = await t.inject(t.cookies.ent, 'POST', BASE, { planType: 'weekly', title: '' });
    assert.equal(bad.statusCode, 400, bad.body);
    const fields = bad.json().fields ?? bad.json().error?.fields;
    assert.ok(JSON.stringify(bad.json()).includes('planType'), bad.body);
    assert.ok(fields || bad.body.includes('title'));
    const wrongSection = await t.inject(t.cookies.ent, 'POST', BASE, {
      planType: 'onSite',
      title: '现场处置方案',
      sections: { warning: 'x' },
    });
    assert.equal(wrongSection.statusCode, 400, wrongSection.body);
    assert.ok(wrongSection.body.includes('sections.warning'), wrongSection.body);
    const county = await t.inject(t.cookies.county, 'POST', BASE, { planType: 'comprehensive', title: 'x', enterpriseId: t.enterpriseId });
    assert.equal(county.statusCode, 403, county.body);
    const [after] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_plans');
    assert.equal(after?.n, before?.n);
  });

  test('draft → 评审 (the rule refuses 论证 for a chemical unit) → signed by the principal → published', async () => {
    const p = await create({ planType: 'comprehensive', title: '生产安全事故综合应急预案', sections: { scope: '适用范围' } });
    planId = p.id;
    assert.equal(p.status, 'draft');
    assert.equal(p.requiredReviewKind, 'review');
    assert.deepEqual(p.allowedActions, ['edit', 'recordReview', 'recordTrigger', 'abolish']);
    // Sections missing: 409 naming them.
    const early = await step(t.cookies.ent, planId, 'recordReview', {
      reviewKind: 'review',
      reviewedOn: today(),
      experts: '专家',
      minutes: '纪要',
    });
    assert.equal(early.statusCode, 409, early.body);
    assert.ok(early.body.includes('sections.responseLevels'), early.body);
    const edited = await t.inject(t.cookies.ent, 'PATCH', `${BASE}/${planId}`, { version: p.version, sections: COMPREHENSIVE });
    assert.equal(edited.statusCode, 200, edited.body);
    const demo = await step(t.cookies.ent, planId, 'recordReview', {
      reviewKind: 'demonstration',
      reviewedOn: today(),
      experts: '专家',
      minutes: '意见',
    });
    assert.equal(demo.statusCode, 400, demo.body);
    assert.ok(demo.body.includes('reviewKind'));
    const badBody = await step(t.cookies.ent, planId, 'recordReview', {
      reviewKind: 'review',
      reviewedOn: '2026-13-40',
      experts: '',
      minutes: '',
    });
    assert.equal(badBody.statusCode, 400, badBody.body);
    await ok(t.cookies.ent, planId, 'recordReview', {
      reviewKind: 'review',
      reviewedOn: today(),
      experts: '张工、李工',
      minutes: '评审纪要：通过',
    });
    // Staff cannot sign (the principal signs); publishing before signing is refused.
    const staffSign = await step(t.cookies.staff, planId, 'sign', { principalName: '赵总' });
    assert.equal(staffSign.statusCode, 403, staffSign.body);
    const early2 = await step(t.cookies.ent, planId, 'publish', { publishedOn: today() });
    assert.equal(early2.statusCode, 409, early2.body);
    assert.deepEqual(early2.json().allowedActions ?? early2.json().error?.allowedActions, ['edit', 'sign', 'recordTrigger', 'abolish']);
    await ok(t.cookies.ent, planId, 'sign', { principalName: '赵总' });
    const published = await ok(t.cookies.ent, planId, 'publish', { publishedOn: today() });
    assert.equal(published.status, 'published');
    assert.equal(published.mustFile, true);
    assert.ok(published.filingDueOn > today());
    assert.ok(published.allowedActions.includes('submitFiling'));
    assert.equal(published.versions.length, 1);
    // A published plan is not edited in place.
    const late = await t.inject(t.cookies.ent, 'PATCH', `${BASE}/${planId}`, { version: published.version, title: '改名' });
    assert.equal(late.statusCode, 409, late.body);
    // The enterprise's 工作台 shows the filing due, its count equal to the list's total.
    const list = (await t.inject(t.cookies.ent, 'GET', `${BASE}?view=filingDue`)).json();
    assert.equal(list.total, 1);
  });

  let filingId: string;
  test('filing: another county neither sees nor accepts; one-time notice; resubmit; accepted with the 备案登记表', async () => {
    const submitted = await ok(t.cookies.ent, planId, 'submitFiling', { materials: { application: true, document: true } });
    filingId = submitted.filings[0].id;
    assert.equal(submitted.filings[0].status, 'submitted');
    assert.ok(submitted.filings[0].workingDaysLeft >= 4);
    // While the filing is open the filed version stays as filed: no revision, no abolition (409 naming why).
    const openRefused = async () => {
      const p = await get(t.cookies.ent, planId);
      assert.ok(!p.allowedActions.includes('revise') && !p.allowedActions.includes('abolish'), JSON.stringify(p.allowedActions));
      const revise = await step(t.cookies.ent, planId, 'revise', { reason: '组织机构调整' });
      assert.equal(revise.statusCode, 409, revise.body);
      assert.ok(revise.body.includes('备案办理中，不能修订'), revise.body);
      const abolish = await step(t.cookies.ent, planId, 'abolish', { reason: '废止' });
      assert.equal(abolish.statusCode, 409, abolish.body);
      assert.ok(abolish.body.includes('备案办理中'), abolish.body);
      assert.equal((await get(t.cookies.ent, planId)).status, 'published');
    };
    await openRefused();
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', FILINGS)).json().total, 0);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `${BASE}/${planId}`)).statusCode, 404);
    const desk = (await t.inject(t.cookies.county, 'GET', FILINGS)).json();
    assert.equal(desk.total, 1);
    assert.deepEqual(desk.items[0].allowedActions, ['accept', 'returnForItems']);
    const v = desk.items[0].version;
    assert.equal((await filingStep(t.cookies.kunshan, filingId, 'accept', v)).statusCode, 404);
    assert.equal((await filingStep(t.cookies.ent, filingId, 'accept', v)).statusCode, 403);
    const empty = await filingStep(t.cookies.county, filingId, 'returnForItems', v, { missingItems: [] });
    assert.equal(empty.statusCode, 400, empty.body);
    const returned = await filingStep(t.cookies.county, filingId, 'returnForItems', v, {
      missingItems: ['应急预案评审意见', '应急资源调查清单'],
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().status, 'returned');
    await openRefused();
    const resub = await filingStep(t.cookies.ent, filingId, 'resubmit', returned.json().version, {
      materials: { reviewOpinion: true, resourceSurvey: true },
    });
    assert.equal(resub.statusCode, 200, resub.body);
    // One-time: a second notice is refused, naming why.
    const again = await filingStep(t.cookies.county, filingId, 'returnForItems', resub.json().version, { missingItems: ['又一项'] });
    assert.equal(again.statusCode, 409, again.body);
    assert.ok(again.body.includes('一次性'), again.body);
    const accepted = await filingStep(t.cookies.county, filingId, 'accept', resub.json().version, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.match(accepted.json().recordNumber, /应急预备〔\d{4}〕\d+号/);
    const p = await get(t.cookies.ent, planId);
    assert.equal(p.filedVersion, 1);
    assert.ok(!p.allowedActions.includes('submitFiling'));
    assert.ok(p.allowedActions.includes('revise') && p.allowedActions.includes('abolish'));
    // The 备案登记表 is of the filed version (its principal, 第1版).
    const [doc] = await t.db.query<{ body: { cells?: { label: string; value: string }[] } }>(
      "SELECT body FROM emergency_plan_documents WHERE plan_id = $1 AND kind = 'planFilingRecord'",
      [planId],
    );
    assert.equal(doc?.body.cells?.find((c) => c.label === '主要负责人')?.value, '赵总', JSON.stringify(doc?.body));
    assert.deepEqual(
      p.documents.map((d: { kind: string }) => d.kind),
      ['planFilingNotice', 'planFilingRecord'],
    );
    for (const d of p.documents) {
      const pdf = await t.inject(t.cookies.ent, 'GET', `/api/v1/emergency/plan-documents/${d.id}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
    }
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/emergency/plan-documents/${p.documents[0].id}/pdf`)).statusCode, 404);
  });

  test('deemed filed once the 5th working day has passed: on read, refused to act on, then recorded by the job', async () => {
    const p = await create({
      planType: 'special',
      title: '危险化学品泄漏专项应急预案',
      sections: { scope: 'a', organisation: 'b', responseStart: 'c', measures: 'd' },
    });
    await publish(p.id);
    const s = await ok(t.cookies.ent, p.id, 'submitFiling', { materials: { application: true } });
    const fid = s.filings[0].id;
    // On the due day itself it is still pending.
    await t.db.query('UPDATE emergency_plan_filings SET answer_due_on = $2::date WHERE id = $1', [fid, today()]);
    assert.equal((await get(t.cookies.ent, p.id)).filings[0].status, 'submitted');
    await t.db.query(`UPDATE emergency_plan_filings SET answer_due_on = $2::date - 1 WHERE id = $1`, [fid, today()]);
    const read = await get(t.cookies.county, p.id);
    assert.equal(read.filings[0].status, 'deemed');
    assert.equal(read.filedVersion, 1);
    const late = await filingStep(t.cookies.county, fid, 'accept', read.filings[0].version);
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(await deemOverdueFilings(t.db), 1);
    assert.equal(await deemOverdueFilings(t.db), 0);
    const [row] = await t.db.query<{ status: string }>('SELECT status FROM emergency_plan_filings WHERE id = $1', [fid]);
    assert.equal(row?.status, 'deemed');
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'emergencyPlans.deemFiling' AND entity_id = $1",
      [fid],
    );
    assert.equal(audit?.n, 1);
  });

  test('revision: a new version in draft, the published one read-only; a trigger is resolved by the next publication', async () => {
    const { id: trig } = await withScope(t.db, { regionPrefix: '320582', enterpriseId: null, industries: null }, (tx) =>
      recordRevisionTrigger(
        tx,
        { id: t.ids.county, username: 'cast-county' },
        { planId, kind: 'problemFound', source: { type: 'drill', id: 'd1' }, note: '疏散路线不清' },
      ),
    );
    const again = await withScope(t.db, { regionPrefix: '320582', enterpriseId: null, industries: null }, (tx) =>
      recordRevisionTrigger(tx, null, { planId, kind: 'problemFound', source: { type: 'drill', id: 'd1' }, note: '重复' }),
    );
    assert.equal(again.id, trig);
    assert.equal((await t.inject(t.cookies.ent, 'GET', `${BASE}?view=openTriggers`)).json().total, 1);
    const revised = await ok(t.cookies.ent, planId, 'revise', { reason: '演练发现问题' });
    assert.equal(revised.status, 'draft');
    assert.equal(revised.planVersion, 2);
    const edited = await t.inject(t.cookies.ent, 'PATCH', `${BASE}/${planId}`, {
      version: revised.version,
      sections: { organisation: '调整后的应急指挥部' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().refilingRequired, true);
    const v1 = (await t.inject(t.cookies.ent, 'GET', `${BASE}/${planId}/versions/1`)).json();
    assert.equal(v1.readOnly, true);
    assert.equal(v1.sections.organisation, COMPREHENSIVE.organisation);
    const republished = await publish(planId);
    assert.equal(republished.planVersion, 2);
    assert.ok(republished.allowedActions.includes('submitFiling'), 'a revision of the organisation section is filed again');
    assert.equal(republished.triggers[0].status, 'resolved');
    const pdf = await t.inject(t.cookies.ent, 'GET', `${BASE}/${planId}/pdf?version=1`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
  });

  test('response cards from an on-site plan: phone page and pocket PDF', async () => {
    const p = await create({
      planType: 'onSite',
      title: '反应釜泄漏现场处置方案',
      sections: { riskDescription: '氯气泄漏', duties: '班长负责', handling: '关阀、报警、疏散', cautions: '佩戴正压式呼吸器' },
      posts: [
        {
          post: '反应釜操作工',
          duties: '发现泄漏立即处置',
          steps: ['关闭进料阀', '按下紧急停车按钮', '报告班长'],
          reportTo: '班长',
          phone: '0527-1234567',
        },
      ],
    });
    const cards = (await t.inject(t.cookies.staff, 'GET', `${BASE}/${p.id}/cards`)).json();
    assert.equal(cards.cards.length, 1);
    assert.deepEqual(cards.cards[0].steps, ['关闭进料阀', '按下紧急停车按钮', '报告班长']);
    const pdf = await t.inject(t.cookies.staff, 'GET', `${BASE}/${p.id}/cards/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
    const posts = await t.inject(t.cookies.ent, 'POST', BASE, { planType: 'special', title: 'x', posts: [{ post: '岗位' }] });
    assert.equal(posts.statusCode, 400, posts.body);
  });

  test('the desk: units that must file with none filed, in scope only; 工作台 counts equal the lists', async () => {
    // Kunshan's enterprise (a chemical unit) has no plan: Kunshan sees it, Zhangjiagang does not.
    const kun = (await t.inject(t.cookies.kunshan, 'GET', `${FILINGS}/missing`)).json();
    assert.ok(kun.items.some((u: { enterpriseId: string }) => u.enterpriseId === t.otherEnterpriseId));
    const zjg = (await t.inject(t.cookies.county, 'GET', `${FILINGS}/missing`)).json();
    assert.ok(!zjg.items.some((u: { enterpriseId: string }) => u.enterpriseId === t.otherEnterpriseId));
    assert.ok(!zjg.items.some((u: { enterpriseId: string }) => u.enterpriseId === t.enterpriseId), 'filed');
    assert.equal((await t.inject(t.cookies.ent, 'GET', `${FILINGS}/missing`)).statusCode, 403);
    // An evaluation overdue: published more than 3 years ago.
    await t.db.query(
      "UPDATE emergency_plans SET published_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1200 WHERE plan_type = 'special'",
    );
    const overdue = (await t.inject(t.cookies.county, 'GET', `${BASE}?view=evaluationOverdue`)).json();
    assert.equal(overdue.total, 1);
    assert.equal(overdue.items[0].evaluationOverdue, true);
    for (const [name, actor] of [
      [
        'county',
        {
          id: t.ids.county,
          username: 'cast-county',
          role: 'countySupervisor' as const,
          scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
        },
      ],
      [
        'ent',
        {
          id: t.ids.ent,
          username: 'cast-ent',
          role: 'enterpriseAdmin' as const,
          scope: { regionPrefix: '', industries: null, enterpriseId: t.enterpriseId },
        },
      ],
    ] as const) {
      const items = await readScoped(t.db, actor.scope, (tx) => emergencyPlansWorkItems(actor, actor.scope, tx));
      for (const item of items) {
        const url = `${item.apiPath}?${new URLSearchParams(item.query as Record<string, string>)}`;
        const res = (await t.inject(name === 'county' ? t.cookies.county : t.cookies.ent, 'GET', url)).json();
        assert.equal(item.count, res.total, `${name} ${item.kind}`);
      }
      if (name === 'county') assert.equal(items.find((i) => i.kind === 'emergencyPlans.evaluationOverdue')?.count, 1);
    }
  });

  test('the supplies annex is drawn from the unit’s warehouses and stock (migration 046)', async () => {
    const [item] = await t.db.query<{ id: string }>(
      "INSERT INTO supply_items (category_code, name, spec, unit) SELECT code, '正压式空气呼吸器', '6.8L', '套' FROM supply_categories ORDER BY code LIMIT 1 RETURNING id",
    );
    const [wh] = await t.db.query<{ id: string }>(
      `INSERT INTO supply_warehouses (name, kind, region_code, enterprise_id, address, contact_name, contact_phone)
       SELECT '一号应急物资柜', 'enterprise', region_code, id, '罐区东侧', '李安全', '0512-5555' FROM enterprises WHERE id = $1 RETURNING id`,
      [t.enterpriseId],
    );
    const { postMovement } = await import('./supplies-ledger.ts');
    await t.db.transaction((tx) =>
      postMovement(tx, null, { warehouseId: (wh as { id: string }).id, itemId: (item as { id: string }).id, kind: 'in', quantity: 4 }),
    );
    await t.db.query("UPDATE enterprises SET legal_representative = '赵总', contact_phone = '0512-8888' WHERE id = $1", [t.enterpriseId]);
    const p = await get(t.cookies.ent, planId);
    assert.deepEqual(
      p.supplies.map((s: { item: string; quantity: number; warehouse: string }) => [s.item, s.quantity, s.warehouse]),
      [['正压式空气呼吸器', 4, '一号应急物资柜']],
    );
    assert.ok(
      p.contacts.some((c: { name: string; phone: string }) => c.name === '赵总' && c.phone === '0512-8888'),
      JSON.stringify(p.contacts),
    );
  });

  test('deadlines in working days across National Day 2026: filing due on the 20th, deemed after the 5th', async () => {
    const ent = {
      id: t.ids.ent,
      username: 'cast-ent',
      role: 'enterpriseAdmin' as const,
      scope: { regionPrefix: '', industries: null, enterpriseId: t.enterpriseId },
    };
    const county = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor' as const,
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
    const { createPlan, takePlanStep, takeFilingStep } = await import('./plans-service.ts');
    const p = await createPlan(t.db, ent, {
      planType: 'special',
      title: '国庆期间测试预案',
      sections: { scope: 'a', organisation: 'b', responseStart: 'c', measures: 'd' },
    });
    const ver = async () =>
      (await t.db.query<{ version: number }>('SELECT version FROM emergency_plans WHERE id = $1', [p.id]))[0]?.version;
    await takePlanStep(
      t.db,
      ent,
      p.id,
      'recordReview',
      { version: await ver(), reviewKind: 'review', reviewedOn: '2026-09-14', experts: '专家', minutes: '通过' },
      at('2026-09-14'),
    );
    await takePlanStep(t.db, ent, p.id, 'sign', { version: await ver(), principalName: '赵总' }, at('2026-09-14'));
    const published = await takePlanStep(t.db, ent, p.id, 'publish', { version: await ver(), publishedOn: '2026-09-15' }, at('2026-09-15'));
    assert.equal(published.filingDueOn, '2026-10-19', '中秋 and 国庆 are not working days; 20 Sep and 10 Oct (调休) are');
    const submitted = await takePlanStep(
      t.db,
      ent,
      p.id,
      'submitFiling',
      { version: await ver(), materials: { application: true } },
      at('2026-09-29'),
    );
    const f = submitted.filings[0] as (typeof submitted.filings)[number];
    assert.equal(f.answerDueOn, '2026-10-12');
    assert.equal(await deemOverdueFilings(t.db, at('2026-10-12')), 0, 'the 5th working day is still the department’s');
    const accepted = await takeFilingStep(
      t.db,
      county,
      f.id,
      'returnForItems',
      { version: f.version, missingItems: ['评审意见'] },
      at('2026-10-12'),
    );
    assert.equal(accepted.status, 'returned');
    const resubmitted = await takeFilingStep(
      t.db,
      ent,
      f.id,
      'resubmit',
      { version: accepted.version, materials: { reviewOpinion: true } },
      at('2026-10-13'),
    );
    assert.equal(resubmitted.answerDueOn, '2026-10-20');
    assert.equal(await deemOverdueFilings(t.db, at('2026-10-20')), 0);
    assert.equal(await deemOverdueFilings(t.db, at('2026-10-21')), 1, 'deemed filed the day after the 5th working day');
  });

  test('a government department plan: the county writes it; the enterprise does not see it', async () => {
    const g = await create(
      { ownerKind: 'government', departmentId: t.departmentId, planType: 'comprehensive', title: '张家港市生产安全事故应急预案' },
      t.cookies.county,
    );
    assert.equal(g.ownerKind, 'government');
    assert.equal((await t.inject(t.cookies.ent, 'GET', `${BASE}/${g.id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `${BASE}/${g.id}`)).statusCode, 404);
    const kun = await t.inject(t.cookies.kunshan, 'POST', BASE, {
      ownerKind: 'government',
      departmentId: t.departmentId,
      planType: 'comprehensive',
      title: 'x',
    });
    assert.equal(kun.statusCode, 400, kun.body);
  });
});
