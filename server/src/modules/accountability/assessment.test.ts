// Assessments through the HTTP API on a fixed data set in 张家港 (320582) for 2025, whose computed
// items equal a hand computation (below); the workflow by the county and its city (refused steps
// carry allowedActions); scope (昆山 sees nothing of 张家港's sheet); bad input 400 in both
// languages with nothing written; the template's versions; the veto of an official; the
// quarterly bulletin numbered, ranked and in Chinese only; the 工作台 counts equal their lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { assessmentWorkItems } from './assessment-workbench.ts';

type Who = keyof CastApp['cookies'];

/**
 * The data set and the hand computation with the default template (weights 15/10/15/15/5/5/5 + 3×10):
 * hazards (enterprise in 320582100):
 *   H1 found 2025-03-01, due 03-20, closed 03-18           found, closed, due, on time
 *   H2 found 2025-05-01, due 05-10, closed 05-15           found, closed, due, late
 *   H3 found 2025-11-01, due 12-31, closed 12-31 23:00 北京  found, closed, due, on time (the deadline's day ends 16:00 UTC)
 *   H4 found 2025-12-20, due 2026-01-10, closed 2026-01-05  found, not closed by year end, not due in 2025
 *   H5 found 2024-12-01, due 2025-01-15, still open          due, not on time
 *   H6 found 2025-06-01, cancelled                           counted nowhere
 *   H7 found 2026-01-01 00:30 北京 (2025-12-31 16:30 UTC)     not in 2025
 *   → found 4, closed 3: 15 × 3/4 = 11.25;  due 4, on time 2: 10 × 2/4 = 5
 * accidents in 320582: 2025: 03-10 (2 dead), 10-15 (1 dead), 11-20 (0), a near-miss 10-20 (not counted);
 *   2024: 05-01 (1), 11-01 (1); 昆山 2025-10-05 (not 张家港's)
 *   → accidents 3 vs 2: 15 × (1 − 1/2) = 7.5;  deaths 3 vs 2: 15 × (1 − 1/2) = 7.5
 * inspections: the 2025 plan (published) plans 4 at the enterprise; 3 recorded/closed, 1 planned → 5 × 3/4 = 3.75
 * reports due in 2025: 2, one concluded on its due day, one a day late → 5 × 1/2 = 2.5
 * alarms raised in 2025: acknowledged after 10, 30 (the limit: on time), 31 minutes, and never → 5 × 2/4 = 2.5
 * computed: 11.25 + 5 + 7.5 + 7.5 + 3.75 + 2.5 + 2.5 = 40.00; by hand 5 + 5 + 5 = 15 → 55.00 → 不合格 (< 60)
 */
const ZJG = CAST.county;

describe('assessment', () => {
  let t: CastApp;
  let sheetId: string;
  let accidentId: string;
  let officialId: string;
  before(async () => {
    t = await openCastApp();
    const q = (sql: string, p: unknown[] = []) => t.db.query<{ id: string }>(sql, p);
    const e = t.enterpriseId;
    const hazard = (created: string, deadline: string | null, status: string, closed: string | null) =>
      q(
        `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, status, deadline, closed_at, created_at, enterprise_name)
         VALUES ($1, '消防通道堵塞', 'general', 'county', '检查组', $2, $3, $4, $5, '测试企业')`,
        [e, status, deadline, closed, created],
      );
    await hazard('2025-03-01T02:00:00Z', '2025-03-20', 'closed', '2025-03-18T02:00:00Z');
    await hazard('2025-05-01T02:00:00Z', '2025-05-10', 'closed', '2025-05-15T02:00:00Z');
    await hazard('2025-11-01T02:00:00Z', '2025-12-31', 'closed', '2025-12-31T15:00:00Z');
    await hazard('2025-12-20T02:00:00Z', '2026-01-10', 'closed', '2026-01-05T02:00:00Z');
    await hazard('2024-12-01T02:00:00Z', '2025-01-15', 'rectifying', null);
    await hazard('2025-06-01T02:00:00Z', '2025-06-30', 'cancelled', null);
    await hazard('2025-12-31T16:30:00Z', null, 'reported', null);
    let n = 0;
    const accident = async (region: string, at: string, deaths: number, nearMiss = false) => {
      const [r] = await q(
        `INSERT INTO accidents (number, region_code, unit_name, occurred_at, learned_at, reporter_kind, place, description, deaths,
                                grade, first_grade, investigating_level, near_miss, status)
         VALUES ($1, $2, '某机械厂', $3, $3, 'official', '车间', '机械伤害', $4, 'ordinary', 'ordinary', 'county', $5, 'closed') RETURNING id`,
        [`SG-T-${++n}`, region, at, deaths, nearMiss],
      );
      return r?.id as string;
    };
    accidentId = await accident('320582100000', '2025-03-10T02:00:00Z', 2);
    await accident(ZJG, '2025-10-15T02:00:00Z', 1);
    await accident(ZJG, '2025-11-20T02:00:00Z', 0);
    await accident(ZJG, '2025-10-20T02:00:00Z', 0, true);
    await accident(ZJG, '2024-05-01T02:00:00Z', 1);
    await accident(ZJG, '2024-11-01T02:00:00Z', 1);
    await accident(CAST.otherCounty, '2025-10-05T02:00:00Z', 0);
    const [plan] = await q(
      `INSERT INTO enforcement_plans (region_code, year, status, officers, working_days, inspection_share, days_per_inspection, general_draw_percent)
       VALUES ($1, 2025, 'published', 4, 250, 50, 1, 5) RETURNING id`,
      [ZJG],
    );
    const [item] = await q(
      `INSERT INTO enforcement_plan_items (plan_id, enterprise_id, class, kind, planned_count) VALUES ($1, $2, 'B', 'key', 4) RETURNING id`,
      [plan?.id, e],
    );
    for (const status of ['recorded', 'closed', 'closed', 'planned'])
      await q(
        `INSERT INTO enforcement_inspections (enterprise_id, source, plan_item_id, status, ended_at) VALUES ($1, 'plan', $2, $3, $4)`,
        [e, item?.id, status, status === 'planned' ? null : '2025-06-01T02:00:00Z'],
      );
    const report = (due: string, concluded: string) =>
      q(
        `INSERT INTO reports (category, region_code, sealed_content, anonymous, receipt_tag, receipt_hash, status, received_on, accept_due,
                              conclude_due, concluded_on, outcome)
         VALUES ('hazard', $1, 'x', true, $2, 'h', 'closed', '2025-05-01', '2025-05-06', $3, $4, 'substantiated')`,
        [CAST.town, `tag-${due}`, due, concluded],
      );
    await report('2025-06-30', '2025-06-30');
    await report('2025-08-31', '2025-09-01');
    const [inst] = await q(
      `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, result)
       VALUES ($1, '储罐区', '[]', 0, 0, 0, 1, false, '{}') RETURNING id`,
      [e],
    );
    const [sensor] = await q(
      `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max)
       VALUES ($1, $2, 'LT-01', '液位计', 'level', 'm', 0, 10) RETURNING id`,
      [inst?.id, e],
    );
    const alarm = (ackMinutes: number | null) =>
      q(
        `INSERT INTO alarms (sensor_id, enterprise_id, region_code, industry_code, kind, severity, status, condition_active, raised_at, updated_at,
                             acknowledged_at, cleared_at)
         VALUES ($1, $2, $3, '2614', 'threshold', 'warning', 'cleared', false, '2025-07-01T02:00:00Z', '2025-07-01T02:00:00Z',
                 CASE WHEN $4::int IS NULL THEN NULL ELSE '2025-07-01T02:00:00Z'::timestamptz + $4::int * interval '1 minute' END,
                 '2025-07-01T05:00:00Z')`,
        [sensor?.id, e, CAST.town, ackMinutes],
      );
    for (const m of [10, 30, 31, null]) await alarm(m);
    // An official of 张家港 (accountability's officials, migration 040).
    const [o] = await q(`INSERT INTO officials (region_code, name, position, active) VALUES ($1, '王建国', '副市长', true) RETURNING id`, [
      ZJG,
    ]);
    officialId = o?.id as string;
  });
  after(() => t.close());

  const get = async (who: Who, url: string) => {
    const res = await t.inject(t.cookies[who], 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const step = async (who: Who, action: string, body: Record<string, unknown> = {}) => {
    const { version } = await get('county', `/api/v1/assessments/${sheetId}`);
    return t.inject(t.cookies[who], 'POST', `/api/v1/assessments/${sheetId}/steps/${action}`, { version, ...body });
  };
  const workCount = async (who: Who, kind: string) => {
    const [row] = await t.db.query<{ id: string; role: string; region_code: string | null }>(
      'SELECT id, role, region_code FROM users WHERE id = $1',
      [t.ids[who]],
    );
    const prefix = { county: '320582', city: '3205', kunshan: '320583', province: '32' }[who as string] ?? '';
    const actor = {
      id: row?.id,
      username: who,
      role: row?.role,
      scope: { regionPrefix: prefix, industries: null, enterpriseId: null },
    } as Actor;
    const items = await readScoped(t.db, actor.scope, (tx) => assessmentWorkItems(actor, actor.scope, tx));
    const item = items.find((i) => i.kind === kind);
    if (!item) return null;
    const list = await get(who, `${item.apiPath}?${new URLSearchParams(item.query as Record<string, string>)}&pageSize=200`);
    assert.equal(item.count, list.total, `${kind}: the count is the list's total`);
    return item.count;
  };

  test('the county opens its 2025 sheet; a second is refused; 昆山 cannot open 张家港’s', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/assessments', { year: 2025 });
    assert.equal(res.statusCode, 201, res.body);
    sheetId = res.json().ids[0];
    const again = await t.inject(t.cookies.county, 'POST', '/api/v1/assessments', { year: 2025, regionCode: '320582' });
    assert.equal(again.statusCode, 409);
    const other = await t.inject(t.cookies.kunshan, 'POST', '/api/v1/assessments', { year: 2025, regionCode: '320582' });
    assert.equal(other.statusCode, 400);
    assert.ok(other.json().error.fields.regionCode);
    const future = await t.inject(t.cookies.county, 'POST', '/api/v1/assessments', { year: 2099 });
    assert.equal(future.statusCode, 400);
  });

  test('draft: the county may compute, the city nothing yet; 昆山 sees nothing', async () => {
    assert.deepEqual((await get('county', `/api/v1/assessments/${sheetId}`)).allowedActions, ['compute']);
    assert.deepEqual((await get('city', `/api/v1/assessments/${sheetId}`)).allowedActions, []);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/assessments/${sheetId}`)).statusCode, 404);
    assert.equal((await get('kunshan', '/api/v1/assessments?year=2025')).total, 0);
    assert.equal((await t.inject(t.cookies.ent, 'GET', '/api/v1/assessments')).statusCode, 403);
    // Computing is the county's step, never the city's: 403 with what the city may do (nothing yet).
    const refused = await step('city', 'compute');
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json().error.allowedActions, []);
    // The county's own step out of its state: 409.
    const early = await step('county', 'submit');
    assert.equal(early.statusCode, 409);
    assert.deepEqual(early.json().error.allowedActions, ['compute']);
  });

  test('computed from the rows, each item equals the hand computation', async () => {
    const res = await step('county', 'compute');
    assert.equal(res.statusCode, 200, res.body);
    const s = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.equal(s.status, 'computed');
    const points = Object.fromEntries(s.lines.map((l: { key: string; points: number | null }) => [l.key, l.points]));
    assert.deepEqual(points, {
      hazardRectification: 11.25,
      hazardOnTime: 5,
      accidents: 7.5,
      deaths: 7.5,
      inspections: 3.75,
      reports: 2.5,
      alarms: 2.5,
      responsibility: null,
      lawBased: null,
      prevention: null,
    });
    const inputs = Object.fromEntries(
      s.lines.map((l: { key: string; inputs: { key: string; value: number }[] }) => [l.key, l.inputs.map((i) => i.value)]),
    );
    assert.deepEqual(inputs.hazardRectification, [4, 3]);
    assert.deepEqual(inputs.hazardOnTime, [4, 2]);
    assert.deepEqual(inputs.accidents, [3, 2]);
    assert.deepEqual(inputs.deaths, [3, 2]);
    assert.deepEqual(inputs.inspections, [4, 3]);
    assert.deepEqual(inputs.reports, [2, 1]);
    assert.deepEqual(inputs.alarms, [4, 2]);
    assert.equal(s.grade, null);
    assert.deepEqual(s.allowedActions, ['compute', 'score']);
  });

  test('a hand score above the item’s weight, or without a reason, is 400 in both languages and nothing is written', async () => {
    const before = await get('county', `/api/v1/assessments/${sheetId}`);
    const high = await step('county', 'score', { key: 'responsibility', points: 11, note: '责任落实' });
    assert.equal(high.statusCode, 400);
    assert.deepEqual(high.json().error.fieldMessages.points, { zh: '得分不能超过该项分值 10 分', en: 'At most the item’s 10 points' });
    const noNote = await step('county', 'score', { key: 'responsibility', points: 5, note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.ok(noNote.json().error.fieldMessages.note.zh && noNote.json().error.fieldMessages.note.en);
    const computedKey = await step('county', 'score', { key: 'deaths', points: 5, note: '调整' });
    assert.equal(computedKey.statusCode, 400);
    assert.ok(computedKey.json().error.fields.key);
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${sheetId}/steps/score`,
      headers: { cookie: t.cookies.county, 'accept-language': 'en' },
      payload: { version: before.version, key: 'responsibility', points: 11, note: 'x x' },
    });
    assert.equal(en.json().error.fields.points, 'At most the item’s 10 points');
    const after = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.equal(after.version, before.version);
  });

  test('scored by hand: total 55 → 不合格; submitted; confirmed by the city with the fix plan due in a month', async () => {
    for (const key of ['responsibility', 'lawBased', 'prevention'])
      assert.equal((await step('county', 'score', { key, points: 5, note: '未完全落实' })).statusCode, 200);
    let s = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.equal(s.status, 'adjusted');
    assert.equal(s.total, 55);
    assert.equal(s.grade, 'fail');
    assert.deepEqual(s.allowedActions, ['compute', 'score', 'submit']);
    assert.equal(await workCount('county', 'assessment.toPrepare'), 1);
    assert.equal((await step('county', 'submit')).statusCode, 200);
    assert.equal(await workCount('city', 'assessment.toConfirm'), 1);
    assert.deepEqual((await get('county', `/api/v1/assessments/${sheetId}`)).allowedActions, []);
    // Returned once, then submitted again and confirmed.
    assert.equal((await step('city', 'return', { reason: '请补充说明' })).statusCode, 200);
    s = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.equal(s.status, 'adjusted');
    assert.equal(s.returnedReason, '请补充说明');
    assert.equal((await step('county', 'submit')).statusCode, 200);
    assert.equal((await step('county', 'confirm')).statusCode, 403);
    assert.equal((await step('city', 'confirm')).statusCode, 200);
    s = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.equal(s.status, 'confirmed');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const nm = m === 12 ? 1 : m + 1;
    const ny = m === 12 ? y + 1 : y;
    const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
    assert.equal(s.fixPlan.due, `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`);
    assert.equal(s.fixPlan.overdue, false);
    assert.deepEqual(s.allowedActions, ['submitFixPlan']);
    assert.equal(await workCount('county', 'assessment.fixPlanOwed'), 1);
    assert.equal(await workCount('city', 'assessment.fixPlanOverdue'), 0);
    assert.equal(await workCount('city', 'assessment.toConfirm'), 0);
  });

  test('the fix plan: overdue for the city after its day, gone once submitted', async () => {
    await t.db.query(`UPDATE assessments SET fix_plan_due = '2026-01-01' WHERE id = $1`, [sheetId]);
    assert.equal(await workCount('city', 'assessment.fixPlanOverdue'), 1);
    assert.equal((await get('county', `/api/v1/assessments/${sheetId}`)).fixPlan.overdue, true);
    const short = await step('county', 'submitFixPlan', { text: '整改' });
    assert.equal(short.statusCode, 400);
    assert.equal(
      (await step('county', 'submitFixPlan', { text: '一、压实责任；二、开展隐患排查整治百日攻坚；三、加强执法检查。' })).statusCode,
      200,
    );
    assert.equal(await workCount('county', 'assessment.fixPlanOwed'), 0);
    assert.equal(await workCount('city', 'assessment.fixPlanOverdue'), 0);
    const [audit] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'assessment.%'`,
      [sheetId],
    );
    // create, compute, 3 × score, submit, return, submit, confirm, submitFixPlan
    assert.equal(audit?.n, 10);
  });

  test('the template: kept by the city in versions, refused to the county, checked to 100', async () => {
    assert.equal((await t.inject(t.cookies.county, 'PUT', '/api/v1/assessments/template', { version: 0, items: [] })).statusCode, 403);
    const tpl = await get('city', '/api/v1/assessments/template');
    assert.equal(tpl.editable, true);
    assert.equal(tpl.version, 0);
    const items = tpl.items.map((i: { key: string; weight: number }) => (i.key === 'alarms' ? { ...i, weight: 4 } : i));
    const bad = await t.inject(t.cookies.city, 'PUT', '/api/v1/assessments/template', { version: 0, items });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /合计应为 100/);
    const good = items.map((i: { key: string; weight: number }) => (i.key === 'prevention' ? { ...i, weight: 11 } : i));
    const ok = await t.inject(t.cookies.city, 'PUT', '/api/v1/assessments/template', { version: 0, items: good, note: '提高安全预防分值' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await t.inject(t.cookies.city, 'PUT', '/api/v1/assessments/template', { version: 0, items: good })).statusCode, 409);
    const seen = await get('county', '/api/v1/assessments/template');
    assert.equal(seen.version, 1);
    assert.equal(seen.editable, false);
    // A new sheet takes the latest version.
    const res = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments', { year: 2026, regionCode: '320583' });
    assert.equal(res.statusCode, 201, res.body);
    const s = await get('city', `/api/v1/assessments/${res.json().ids[0]}`);
    assert.equal(s.templateVersion, 1);
    assert.equal(s.lines.find((l: { key: string }) => l.key === 'prevention').weight, 11);
    const children = await get('city', '/api/v1/assessments/children?year=2025');
    assert.ok(
      children.items.some(
        (c: { regionCode: string; assessment: { grade: string } | null }) => c.regionCode === ZJG && c.assessment?.grade === 'fail',
      ),
    );
  });

  test('the veto: recorded by the city for an official and an accident, shown on the year’s sheet, ends by date', async () => {
    const body = { officialId, accidentId, reason: '对“3·10”机械伤害事故负有领导责任', decidedOn: '2025-12-20' };
    assert.equal((await t.inject(t.cookies.county, 'POST', '/api/v1/assessments/vetoes', body)).statusCode, 403);
    const bad = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/vetoes', { ...body, reason: '' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fieldMessages.reason.en);
    const res = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/vetoes', body);
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json();
    assert.equal(v.endsOn, '2026-12-19');
    assert.equal(v.state, 'active');
    assert.equal((await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/vetoes', body)).statusCode, 409);
    const sheet = await get('county', `/api/v1/assessments/${sheetId}`);
    assert.deepEqual(
      sheet.vetoes.map((x: { officialName: string }) => x.officialName),
      ['王建国'],
    );
    assert.equal((await get('kunshan', '/api/v1/assessments/vetoes')).total, 0);
    assert.equal((await get('city', '/api/v1/assessments/vetoes?state=active')).total, 1);
    // The period passes: the bar ends by itself.
    await t.db.query(`UPDATE assessment_vetoes SET starts_on = '2024-01-01', ends_on = '2024-12-31' WHERE id = $1`, [v.id]);
    assert.equal((await get('city', '/api/v1/assessments/vetoes?state=active')).total, 0);
    const ended = await get('city', '/api/v1/assessments/vetoes?state=ended');
    assert.equal(ended.items[0].state, 'ended');
    assert.deepEqual(ended.items[0].allowedActions, []);
    assert.equal(
      (await t.inject(t.cookies.city, 'POST', `/api/v1/assessments/vetoes/${v.id}/revoke`, { reason: '误录，应予撤销' })).statusCode,
      409,
    );
    // Back in force, then revoked (recorded in error), with its audit event.
    await t.db.query(`UPDATE assessment_vetoes SET starts_on = '2025-12-20', ends_on = '2026-12-19' WHERE id = $1`, [v.id]);
    assert.equal((await t.inject(t.cookies.city, 'POST', `/api/v1/assessments/vetoes/${v.id}/revoke`, { reason: '' })).statusCode, 400);
    const revoked = await t.inject(t.cookies.city, 'POST', `/api/v1/assessments/vetoes/${v.id}/revoke`, { reason: '追责决定已被撤销' });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().state, 'revoked');
    const events = await t.db.query<{ action: string }>('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq', [v.id]);
    assert.deepEqual(
      events.map((e) => e.action),
      ['assessment.veto', 'assessment.vetoRevoke'],
    );
  });

  test('the quarterly bulletin: numbered, children ranked, in Chinese only; seen by the county it ranks', async () => {
    const notEnded = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/bulletins', { year: 2026, quarter: 4 });
    assert.equal(notEnded.statusCode, 400);
    assert.ok(notEnded.json().error.fieldMessages.quarter.en);
    assert.equal((await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/bulletins', { year: 2025, quarter: 5 })).statusCode, 400);
    const res = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/bulletins', { year: 2025, quarter: 4 });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    assert.match(b.number, /^苏州市安委办季〔2026〕1号$/);
    const last = b.rows[b.rows.length - 1];
    assert.equal(last.regionName, '张家港市');
    assert.equal(last.accidents, 2);
    assert.equal(last.deaths, 1);
    const ks = b.rows.find((r: { regionCode: string }) => r.regionCode === CAST.otherCounty);
    assert.equal(ks.accidents, 1);
    assert.equal(ks.rank, b.rows.length - 1);
    assert.equal((await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/bulletins', { year: 2025, quarter: 4 })).statusCode, 409);
    const listed = await get('kunshan', '/api/v1/assessments/bulletins');
    assert.equal(listed.items[0].number, b.number);
    const pdf = await t.inject(t.cookies.kunshan, 'GET', `/api/v1/assessments/bulletins/${b.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.ok(text.includes('苏州市安全生产委员会办公室文件'));
    assert.ok(text.includes(b.number));
    assert.ok(text.includes('关于2025年第四季度安全生产工作情况的通报'));
    assert.ok(text.includes('排名'));
    assert.ok(text.includes('张家港市排名末位'));
    assert.ok(text.includes('昆山市'));
    assert.doesNotMatch(text, /[A-Za-z]/, 'no English in the bulletin');
    assert.equal((await t.inject(t.cookies.ent, 'GET', `/api/v1/assessments/bulletins/${b.id}/pdf`)).statusCode, 403);
  });

  test('each level issues its own: the county ranks its townships; the city’s is not the county’s to issue again', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/assessments/bulletins', { year: 2025, quarter: 4 });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    assert.match(b.number, /^张家港市安委办季〔2026〕1号$/);
    assert.ok(b.rows.length > 1 && b.rows.every((r: { regionCode: string }) => r.regionCode.startsWith('320582') && r.regionCode !== ZJG));
    const town = b.rows.find((r: { regionCode: string }) => r.regionCode === CAST.town);
    // In the town: H4 found in Q4 (closed only in 2026), H3 found in Q4 and closed by its end.
    assert.equal(town.hazardsFound, 2);
    assert.equal(town.hazardsClosed, 1);
    const mine = await get('county', '/api/v1/assessments/bulletins?mine=true');
    assert.deepEqual(
      mine.items.map((x: { number: string }) => x.number),
      [b.number],
    );
    assert.equal((await get('county', '/api/v1/assessments/bulletins')).total, 2);
    // A sibling county never reads it; the city above does.
    assert.equal((await get('kunshan', '/api/v1/assessments/bulletins')).total, 1);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/assessments/bulletins/${b.id}/pdf`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.city, 'GET', `/api/v1/assessments/bulletins/${b.id}/pdf`)).statusCode, 200);
    assert.equal((await t.inject(t.cookies.town, 'POST', '/api/v1/assessments/bulletins', { year: 2025, quarter: 4 })).statusCode, 403);
  });

  test('the veto: the city cannot bar its own level’s officials (the level above decides), a county’s still', async () => {
    const [own] = await t.db.query<{ id: string }>(
      `INSERT INTO officials (region_code, name, position, active) VALUES ($1, '陈市长', '苏州市人民政府副市长', true) RETURNING id`,
      [CAST.city],
    );
    const [county] = await t.db.query<{ id: string }>(
      `INSERT INTO officials (region_code, name, position, active) VALUES ($1, '刘某某', '张家港市应急管理局局长', true) RETURNING id`,
      [ZJG],
    );
    const body = { accidentId, reason: '对“3·10”机械伤害事故负有领导责任', decidedOn: '2025-12-20' };
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assessment_vetoes'))[0]?.n;
    const audits = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'assessment.veto'`))[0]?.n;
    const [vetoesBefore, auditsBefore] = [await count(), await audits()];
    const refused = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/vetoes', { ...body, officialId: own?.id });
    assert.equal(refused.statusCode, 400, refused.body);
    const m = refused.json().error.fieldMessages.officialId;
    assert.ok(m?.zh && m?.en && m.zh !== m.en, `bilingual: ${refused.body}`);
    assert.deepEqual(Object.keys(refused.json().error.fieldMessages), ['officialId']);
    assert.equal(await count(), vetoesBefore, 'nothing written');
    assert.equal(await audits(), auditsBefore);
    // The same accident against an official of one of its counties is recorded.
    const ok = await t.inject(t.cookies.city, 'POST', '/api/v1/assessments/vetoes', { ...body, officialId: county?.id });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().state, 'active');
    assert.equal(await count(), (vetoesBefore ?? 0) + 1);
    assert.equal(await audits(), (auditsBefore ?? 0) + 1);
  });
});
