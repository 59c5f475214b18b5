// 应急演练 through the HTTP API, on both databases: an enterprise plans and records its drill,
// writes the evaluation, turns a problem into a hazard and another into a revision trigger of its
// plan, reports it; the county sees it reported and spot-checks it unqualified with a deadline, the
// enterprise corrects it. Refused steps are 409 naming why (403 for the wrong person); bad input is a
// bilingual 400 with nothing written; another county and another enterprise see nothing; the
// frequency check names the missing drills by unit (a Decree 708 unit, a township's 2 years); the
// 工作台 counts equal their lists' totals; photos through the file store.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withScope } from '../../db/scope.ts';
import { CAST, type CastApp, multipartBody, openCastApp } from '../../test/harness.ts';
import { drillsWorkItems } from './drills-workbench.ts';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0]),
]);

describe('drills', () => {
  let t: CastApp;
  let planId: string;
  let sitePlanId: string;
  before(async () => {
    t = await openCastApp();
    const [p] = await t.db.query<{ id: string }>(
      `INSERT INTO emergency_plans (owner_kind, enterprise_id, region_code, industry_code, plan_type, title, status, published_on)
       VALUES ('enterprise', $1, $2, '2614', 'comprehensive', '综合应急预案', 'published', '2024-01-10'),
              ('enterprise', $1, $2, '2614', 'onSite', '储罐泄漏现场处置方案', 'published', '2024-01-10') RETURNING id, plan_type`,
      [t.enterpriseId, CAST.town],
    );
    planId = (p as { id: string }).id;
    const [s] = await t.db.query<{ id: string }>(`SELECT id FROM emergency_plans WHERE plan_type = 'onSite' AND enterprise_id = $1`, [
      t.enterpriseId,
    ]);
    sitePlanId = (s as { id: string }).id;
  });
  after(() => t.close());

  const get = async (cookie: string, id: string) => (await t.inject(cookie, 'GET', `/api/v1/drills/${id}`)).json();
  const step = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await get(cookie, id)).version;
    return t.inject(cookie, 'POST', `/api/v1/drills/${id}/steps/${action}`, { version, ...body });
  };
  const ok = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await step(cookie, id, action, body);
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  };
  const plan = (body: Record<string, unknown> = {}) =>
    t.inject(t.cookies.ent, 'POST', '/api/v1/drills', {
      enterpriseId: t.enterpriseId,
      title: '储罐区泄漏综合演练',
      contentType: 'comprehensive',
      form: 'live',
      planId,
      plannedOn: today(),
      place: '储罐区',
      ...body,
    });
  const count = async (table: string) => Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n);

  let drillId: string;

  test('bad input is a bilingual 400 with nothing written', async () => {
    const before = await count('emergency_drills');
    const res = await plan({ contentType: 'huge', plannedOn: '2026-02-30', title: '' });
    assert.equal(res.statusCode, 400, res.body);
    const fields = res.json().fields ?? res.json().error?.fields;
    assert.ok(fields?.contentType && fields?.plannedOn && fields?.title, res.body);
    const foreign = await plan({ planId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(await count('emergency_drills'), before);
  });

  test('an enterprise records a drill; held, evaluated, problems to a hazard and a revision, reported', async () => {
    const res = await plan();
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    drillId = d.id;
    assert.deepEqual(d.allowedActions, ['edit', 'complete', 'cancel', 'addPhoto']);
    // Not yet held: reporting is refused naming the state.
    const early = await step(t.cookies.ent, drillId, 'report');
    assert.equal(early.statusCode, 409, early.body);
    // Held in the future: 400.
    const future = await step(t.cookies.ent, drillId, 'complete', { heldOn: '2999-01-01', place: '储罐区', participantCount: 3 });
    assert.equal(future.statusCode, 400, future.body);
    await ok(t.cookies.staff, drillId, 'complete', {
      heldOn: today(),
      place: '储罐区',
      participantCount: 25,
      participants: [
        { name: '张三', unit: '生产部' },
        { name: '李四', unit: '安全部' },
      ],
    });
    // Reported before the evaluation: 409 naming the evaluation.
    const noEval = await step(t.cookies.ent, drillId, 'report');
    assert.equal(noEval.statusCode, 409, noEval.body);
    assert.match(noEval.body, /评估报告/);
    const ev = await ok(t.cookies.ent, drillId, 'evaluate', {
      summary: '演练总体有序，响应及时。',
      result: 'partlyAchieved',
      problems: ['应急照明失效', '现场处置方案中的报警电话已变更'],
    });
    assert.equal(ev.problems.length, 2);
    assert.ok(ev.allowedActions.includes('problemToHazard') && ev.allowedActions.includes('problemToRevision'));

    // Problem 1 → a hazard through the hazards module (self-found, numbered, in the hazard list).
    const h = await ok(t.cookies.ent, drillId, 'problemToHazard', { problemNo: 1, level: 'general' });
    const hazardId = h.problems[0].hazardId;
    assert.ok(hazardId);
    const hazard = (await t.inject(t.cookies.ent, 'GET', `/api/v1/hazards/${hazardId}`)).json();
    assert.match(hazard.description, /应急照明失效/);
    // Twice is refused (409), and an unknown problem is 400.
    assert.equal((await step(t.cookies.ent, drillId, 'problemToHazard', { problemNo: 1 })).statusCode, 409);
    assert.equal((await step(t.cookies.ent, drillId, 'problemToHazard', { problemNo: 9 })).statusCode, 400);

    // Problem 2 → a revision trigger of the plan (kind problemFound, source drill).
    const r = await ok(t.cookies.ent, drillId, 'problemToRevision', { problemNo: 2 });
    const triggerId = r.problems[1].revisionTriggerId;
    assert.ok(triggerId);
    const [trig] = await t.db.query<{ kind: string; source_type: string; plan_id: string }>(
      'SELECT kind, source_type, plan_id FROM emergency_plan_triggers WHERE id = $1',
      [triggerId],
    );
    assert.deepEqual(trig, { kind: 'problemFound', source_type: 'drill', plan_id: planId });
    // Each problem keeps what it became.
    const now = await get(t.cookies.ent, drillId);
    assert.equal(now.problems[0].hazardId, hazardId);
    assert.equal(now.problems[1].revisionTriggerId, triggerId);

    const rep = await ok(t.cookies.ent, drillId, 'report', { note: '按条例第八条报送' });
    assert.equal(rep.status, 'reported');
    assert.ok(rep.reportedAt);
    // Reported: the evaluation can no longer be rewritten.
    assert.equal((await step(t.cookies.ent, drillId, 'evaluate', { summary: 'x', result: 'achieved' })).statusCode, 409);
  });

  test('the county sees it reported and spot-checks it; the enterprise corrects', async () => {
    const list = (await t.inject(t.cookies.county, 'GET', '/api/v1/drills?status=reported')).json();
    assert.ok(list.items.some((d: { id: string }) => d.id === drillId));
    // The enterprise cannot spot-check its own drill (403), a township cannot either.
    assert.equal((await step(t.cookies.ent, drillId, 'spotCheck', { qualified: true, note: 'x' })).statusCode, 403);
    assert.equal((await step(t.cookies.town, drillId, 'spotCheck', { qualified: true, note: 'x' })).statusCode, 403);
    // Unqualified without a deadline: 400.
    assert.equal((await step(t.cookies.county, drillId, 'spotCheck', { qualified: false, note: '脚本化演练' })).statusCode, 400);
    const checked = await ok(t.cookies.county, drillId, 'spotCheck', {
      qualified: false,
      note: '脚本化演练，未检验实战能力',
      correctBy: '2999-12-31',
    });
    assert.equal(checked.status, 'checkedUnqualified');
    assert.equal(checked.correctBy, '2999-12-31');
    assert.equal((await step(t.cookies.county, drillId, 'correct', { note: 'x' })).statusCode, 403);
    const fixed = await ok(t.cookies.ent, drillId, 'correct', { note: '已重新组织不预先通知的实战演练' });
    assert.equal(fixed.status, 'corrected');
    assert.ok(fixed.events.length >= 8);
  });

  test('scope: another county, another enterprise see nothing; the city does', async () => {
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/drills/${drillId}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `/api/v1/drills/${drillId}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', '/api/v1/drills')).json().total, 0);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', '/api/v1/drills')).json().total, 0);
    assert.equal((await t.inject(t.cookies.city, 'GET', `/api/v1/drills/${drillId}`)).statusCode, 200);
    // Acting out of scope is 404 too.
    const res = await t.inject(t.cookies.kunshan, 'POST', `/api/v1/drills/${drillId}/steps/spotCheck`, {
      version: 1,
      qualified: true,
      note: 'x',
    });
    assert.equal(res.statusCode, 404);
    // An enterprise cannot record another's drill, nor a supervisor an enterprise's.
    const other = await t.inject(t.cookies.ent, 'POST', '/api/v1/drills', {
      enterpriseId: t.otherEnterpriseId,
      title: 'x',
      contentType: 'single',
      form: 'tabletop',
      plannedOn: today(),
    });
    assert.equal(other.statusCode, 404, other.body);
    const bySupervisor = await t.inject(t.cookies.county, 'POST', '/api/v1/drills', {
      enterpriseId: t.enterpriseId,
      title: 'x',
      contentType: 'single',
      form: 'tabletop',
      plannedOn: today(),
    });
    assert.equal(bySupervisor.statusCode, 403, bySupervisor.body);
  });

  test('photos go through the file store and are served only through their drill', async () => {
    const { payload, headers } = multipartBody({ content: PNG, filename: 'a.png', type: 'image/png' });
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/drills/${drillId}/photos`,
      headers: { ...headers, cookie: t.cookies.ent },
      payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const key = up.json().key;
    assert.equal((await t.inject(t.cookies.county, 'GET', `/api/v1/drills/${drillId}/photos/${key}`)).statusCode, 200);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/drills/${drillId}/photos/${key}`)).statusCode, 404);
    const bad = multipartBody({ content: Buffer.from('not an image'), filename: 'a.txt' });
    const no = await t.app.inject({
      method: 'POST',
      url: `/api/v1/drills/${drillId}/photos`,
      headers: { ...bad.headers, cookie: t.cookies.ent },
      payload: bad.payload,
    });
    assert.equal(no.statusCode, 400);
    // The county may not add photos to the enterprise's drill.
    const county = await t.app.inject({
      method: 'POST',
      url: `/api/v1/drills/${drillId}/photos`,
      headers: { ...headers, cookie: t.cookies.county },
      payload,
    });
    assert.equal(county.statusCode, 403);
  });

  test('frequency: the Decree 708 enterprise owes its on-site plan and half-yearly drills; the township its 2 years', async () => {
    const own = (await t.inject(t.cookies.ent, 'GET', '/api/v1/drills/missing?all=true')).json();
    assert.equal(own.total, 1);
    const unit = own.items[0];
    assert.equal(unit.decree708, true);
    const cur = (code: string, pid: string | null = null) =>
      unit.obligations.find(
        (o: { code: string; which: string; planId: string | null }) => o.code === code && o.which === 'current' && o.planId === pid,
      );
    // The corrected comprehensive drill of today meets the yearly and the Decree 708 half-year.
    assert.equal(cur('yearlyComprehensiveOrSpecial').state, 'met');
    assert.equal(cur('halfYearlyDecree708').state, 'met');
    // The on-site plan was not drilled this half-year.
    assert.equal(cur('halfYearlyOnSite', sitePlanId).state, 'open');

    // The township has no drill in two years: its previous period is missed (a unit with a missing drill).
    const county = (await t.inject(t.cookies.county, 'GET', '/api/v1/drills/missing?state=missed&ownerKind=government')).json();
    assert.ok(
      county.items.some((u: { regionCode: string }) => u.regionCode === CAST.town),
      JSON.stringify(county.items.map((u: { unitKey: string }) => u.unitKey)),
    );
    // The township records a tabletop drill of its own: its current period is met.
    const gov = await t.inject(t.cookies.town, 'POST', '/api/v1/drills', {
      ownerKind: 'government',
      regionCode: CAST.town,
      title: '镇防汛桌面推演',
      contentType: 'single',
      form: 'tabletop',
      plannedOn: today(),
    });
    assert.equal(gov.statusCode, 201, gov.body);
    await ok(t.cookies.town, gov.json().id, 'complete', { heldOn: today(), place: '镇政府会议室', participantCount: 12 });
    // A government drill is not reported (409: the rule is for units).
    assert.equal((await t.inject(t.cookies.town, 'POST', `/api/v1/drills/${gov.json().id}/steps/report`, { version: 2 })).statusCode, 403);
    const after = (
      await t.inject(t.cookies.county, 'GET', `/api/v1/drills/missing?all=true&ownerKind=government&regionCode=${CAST.town}`)
    ).json();
    const town = after.items.find((u: { unitKey: string }) => u.unitKey === `region:${CAST.town}`);
    assert.equal(town.obligations.find((o: { which: string }) => o.which === 'current').state, 'met');
    // Kunshan sees none of Zhangjiagang's units.
    const ks = (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/drills/missing?all=true')).json();
    assert.ok(ks.items.every((u: { regionCode: string }) => u.regionCode.startsWith('320583')));
    // Bad query: 400.
    assert.equal((await t.inject(t.cookies.county, 'GET', '/api/v1/drills/missing?state=late')).statusCode, 400);
  });

  test('edges through the database: a drill on 30 June is the first half’s, one on 1 July the second’s', async () => {
    // The last 30 June before today and the 1 July after it (both in the past once today is in July or later).
    const now = today();
    const y = Number(now.slice(0, 4)) - (now.slice(5) >= '07-02' ? 0 : 1);
    const [june30, july1] = [`${y}-06-30`, `${y}-07-01`];
    const hold = async (day: string) => {
      const res = await t.inject(t.cookies.otherEnt, 'POST', '/api/v1/drills', {
        enterpriseId: t.otherEnterpriseId,
        title: `${day} 泄漏处置演练`,
        contentType: 'single',
        form: 'live',
        plannedOn: day,
      });
      assert.equal(res.statusCode, 201, res.body);
      const r = await step(t.cookies.otherEnt, res.json().id, 'complete', { heldOn: day, place: '罐区', participantCount: 6 });
      assert.equal(r.statusCode, 200, r.body);
    };
    type O = { code: string; state: string; period: { from: string; to: string } };
    const halves = async () =>
      ((await t.inject(t.cookies.otherEnt, 'GET', '/api/v1/drills/missing?all=true')).json().items[0].obligations as O[]).filter(
        (o) => o.code === 'halfYearlyDecree708',
      );
    await hold(june30);
    let o = await halves();
    const first = o.find((x) => x.period.to === june30);
    const second = o.find((x) => x.period.from === july1);
    if (first) assert.equal(first.state, 'met');
    assert.ok(second, JSON.stringify(o));
    assert.notEqual(second.state, 'met');
    await hold(july1);
    o = await halves();
    assert.equal(o.find((x) => x.period.from === july1)?.state, 'met');
  });

  test('工作台 counts equal their lists’ totals', async () => {
    // A drill planned this month and one held but not evaluated.
    await plan({ title: '配电室火灾单项演练', contentType: 'single', planId: sitePlanId });
    const held = (await plan({ title: '泄漏桌面推演', form: 'tabletop' })).json();
    await ok(t.cookies.ent, held.id, 'complete', { heldOn: today(), place: '会议室', participantCount: 8 });
    const check = async (name: 'ent' | 'county' | 'city', actor: { id: string; role: string; scope: unknown }) => {
      const items = await withScope(t.db, actor.scope as never, (tx) => drillsWorkItems(actor as never, actor.scope as never, tx));
      for (const it of items) {
        const qs = new URLSearchParams(it.query as Record<string, string>).toString();
        const list = (await t.inject(t.cookies[name], 'GET', `${it.apiPath}?${qs}`)).json();
        assert.equal(it.count, list.total, `${name} ${it.kind}`);
      }
      return items;
    };
    const entItems = await check('ent', {
      id: t.ids.ent,
      role: 'enterpriseAdmin',
      scope: { regionPrefix: '', industries: null, enterpriseId: t.enterpriseId },
    });
    assert.deepEqual(
      entItems.map((i) => i.kind),
      ['drills.plannedThisMonth', 'drills.notEvaluated', 'drills.missingThisPeriod'],
    );
    assert.ok(
      entItems.every((i) => i.count >= 1),
      JSON.stringify(entItems),
    );
    const countyItems = await check('county', {
      id: t.ids.county,
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    });
    assert.deepEqual(
      countyItems.map((i) => i.kind),
      ['drills.unitsMissing', 'drills.awaitingCheck'],
    );
  });
});
