// Classes and plans on a real database: classes computed from the enterprises' own data, a class
// set by hand only with a reason (audited), the annual plan's numbers and its capacity, the plan's
// states refused with 409 and the allowed actions, a key enterprise's planned inspection with two
// certified officers, monthly progress, campaigns with progress — each inside the caller's scope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OFFICIAL_CALENDAR, workingDaysBetween } from '@taishan/domain';
import { CAST, type CastApp, enterpriseBody, makeUser, openCastApp } from '../../test/harness.ts';

const YEAR = 2026;
const WORKING_DAYS_2026 = workingDaysBetween(OFFICIAL_CALENDAR, '2025-12-31', '2026-12-31');

describe('enforcement classes and plans', () => {
  let t: CastApp;
  const ent: Record<'ordinary' | 'chem' | 'chemMhi' | 'graded' | 'openMajor', string> = {
    ordinary: '',
    chem: '',
    chemMhi: '',
    graded: '',
    openMajor: '',
  };
  let officer3 = '';

  before(async () => {
    t = await openCastApp();
    ent.ordinary = t.enterpriseId;
    const make = async (n: number, extra: Record<string, unknown>) => {
      const res = await t.inject(t.cookies.admin, 'POST', '/api/v1/enterprises', enterpriseBody(n, CAST.town, extra));
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    ent.chem = await make(1, { name: '甲化工有限公司', highRisk: ['hazardousChemicals'] });
    ent.chemMhi = await make(2, { name: '乙化工有限公司', highRisk: ['hazardousChemicals'] });
    ent.graded = await make(3, { name: '丙机械有限公司', standardizationGrade: 'level2', standardizationValidUntil: '2030-12-31' });
    ent.openMajor = await make(4, { name: '丁仓储有限公司' });
    await t.db.query(
      `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, grade, result)
       VALUES ($1, '液氯储罐区', '[]', 120, 3.2, 60, 1.5, true, 2, '{}')`,
      [ent.chemMhi],
    );
    await t.db.query(
      `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, status)
       VALUES ($1, '液氨管道腐蚀泄漏', 'major', 'county', 'cast-county', 'rectifying'),
              ($1, '已销号的重大隐患', 'major', 'county', 'cast-county', 'closed')`,
      [ent.openMajor],
    );
    officer3 = await makeUser(t.db, { username: 'cast-officer3', role: 'countySupervisor', regionCode: CAST.county });
  });
  after(() => t.close());

  const classOf = async (cookie: string, id: string) => t.inject(cookie, 'GET', `/api/v1/enforcement/classes/${id}`);

  test('classes from the enterprises’ data: grade, high-risk field, installation grade, open major hazards', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/classes/recompute', {});
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().computed, 5, 'the county’s five enterprises, not Kunshan’s');
    const expected = { ordinary: 'B', chem: 'C', chemMhi: 'D', graded: 'A', openMajor: 'C' };
    for (const [k, cls] of Object.entries(expected)) {
      const c = (await classOf(t.cookies.county, ent[k as keyof typeof ent])).json();
      assert.equal(c.class, cls, k);
      assert.equal(c.computedClass, cls, k);
    }
    const d = (await classOf(t.cookies.county, ent.chemMhi)).json();
    assert.deepEqual(
      d.reasons.map((r: { code: string }) => r.code),
      ['highRisk', 'standardizationNone', 'majorHazardGrade'],
    );
    assert.deepEqual(d.allowedActions, ['override', 'recompute']);
    const list = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/classes?class=C')).json();
    assert.deepEqual(list.items.map((x: { enterpriseName: string }) => x.enterpriseName).sort(), ['丁仓储有限公司', '甲化工有限公司']);
    assert.deepEqual(list.counts, { A: 1, B: 1, C: 2, D: 1, unclassified: 0 });

    // Scope: Kunshan sees none of it, an enterprise reads no classes.
    assert.equal((await classOf(t.cookies.kunshan, ent.chem)).statusCode, 404);
    // Kunshan sees its own enterprises' classes (computed when they were created), none of Zhangjiagang's.
    const kunshan = (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/classes')).json().items;
    assert.ok(kunshan.every((c: { regionCode: string }) => c.regionCode.startsWith('320583')));
    assert.equal((await classOf(t.cookies.ent, ent.ordinary)).statusCode, 403);

    // The data changes, the class follows: the grade expires.
    await t.db.query("UPDATE enterprises SET standardization_valid_until = '2020-01-01' WHERE id = $1", [ent.graded]);
    const one = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/classes/recompute', { enterpriseId: ent.graded });
    assert.deepEqual(one.json(), { computed: 1, changed: 1 });
    assert.equal((await classOf(t.cookies.county, ent.graded)).json().class, 'B');
    await t.db.query("UPDATE enterprises SET standardization_valid_until = '2030-12-31' WHERE id = $1", [ent.graded]);
    await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/classes/recompute', { enterpriseId: ent.graded });
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'POST', '/api/v1/enforcement/classes/recompute', { enterpriseId: ent.graded })).statusCode,
      404,
    );
  });

  test('a class set by hand needs a reason (400 without), is audited, survives a recompute and is cleared', async () => {
    const url = `/api/v1/enforcement/classes/${ent.chem}/override`;
    const none = await t.inject(t.cookies.county, 'PUT', url, { class: 'D' });
    assert.equal(none.statusCode, 400);
    assert.deepEqual(Object.keys(none.json().error.fields), ['reason']);
    assert.equal((await t.inject(t.cookies.county, 'PUT', url, { class: 'E', reason: '近期多次投诉举报' })).statusCode, 400);
    const ownUrl = `/api/v1/enforcement/classes/${ent.ordinary}/override`;
    assert.equal(
      (await t.inject(t.cookies.ent, 'PUT', ownUrl, { class: 'A', reason: '企业自行申请' })).statusCode,
      403,
      'not even its own',
    );
    assert.equal((await t.inject(t.cookies.ent, 'PUT', url, { class: 'A', reason: '企业自行申请' })).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'PUT', url, { class: 'D', reason: '近期多次投诉举报' })).statusCode, 404);

    const set = await t.inject(t.cookies.county, 'PUT', url, { class: 'D', reason: '近期多次投诉举报' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().class, 'D');
    assert.equal(set.json().computedClass, 'C');
    assert.equal(set.json().overrideReason, '近期多次投诉举报');
    assert.equal(set.json().overriddenByName, 'cast-county');
    const stale = await t.inject(t.cookies.county, 'PUT', url, { class: 'B', reason: '再次调整理由', version: set.json().version - 1 });
    assert.equal(stale.statusCode, 409);
    const [audit] = await t.db.query<{ after: { reason: string; overrideClass: string } }>(
      "SELECT after FROM audit_events WHERE action = 'enterpriseClass.override' AND entity_id = $1",
      [ent.chem],
    );
    assert.deepEqual(audit?.after, { class: 'D', overrideClass: 'D', reason: '近期多次投诉举报' });

    await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/classes/recompute', {});
    assert.equal((await classOf(t.cookies.county, ent.chem)).json().class, 'D', 'a recompute keeps the hand-set class');

    const cleared = await t.inject(t.cookies.county, 'DELETE', url);
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().class, 'C');
    const again = await t.inject(t.cookies.county, 'DELETE', url);
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().error.allowedActions, ['override', 'recompute']);
    const [n] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'enterpriseClass.clearOverride' AND entity_id = $1",
      [ent.chem],
    );
    assert.equal(n?.n, 1);
  });

  let planId = '';
  const items = async () =>
    (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}/items?pageSize=100`)).json().items as {
      id: string;
      enterpriseId: string;
      kind: string;
      plannedCount: number;
      months: number[];
      class: string;
    }[];
  const itemOf = async (enterpriseId: string) =>
    (await items()).find((i) => i.enterpriseId === enterpriseId) as { id: string; months: number[] };

  test('plan generation: key and general items from classes and frequencies; no officers → shortfall; with officers → ok', async () => {
    const bad = await t.inject(t.cookies.city, 'POST', '/api/v1/enforcement/plans', { year: YEAR });
    assert.equal(bad.statusCode, 400, 'a city supervisor names the county');
    assert.ok(bad.json().error.fields.countyCode);
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'POST', '/api/v1/enforcement/plans', { year: YEAR, countyCode: '320582' })).statusCode,
      404,
    );
    assert.equal((await t.inject(t.cookies.inspector, 'POST', '/api/v1/enforcement/plans', { year: YEAR })).statusCode, 403);

    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/plans', { year: YEAR });
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json();
    planId = plan.id;
    assert.equal(plan.status, 'draft');
    assert.equal(plan.countyCode, CAST.county);
    // Classes B, C, D, A, C; defaults: A 1, B 2, C 3, D 4 a year, key from C, draws reach 30 % of the general ones.
    assert.deepEqual(plan.totals, {
      keyEnterprises: 3,
      generalEnterprises: 2,
      keyInspections: 10,
      generalInspections: 3,
      expectedGeneralInspections: 1,
      plannedInspections: 11,
    });
    assert.deepEqual(plan.capacity, {
      officers: 0,
      workingDays: WORKING_DAYS_2026,
      inspectionSharePercent: 50,
      daysPerInspection: 1,
      availableDays: 0,
      requiredDays: 22,
      ok: false,
      shortfallDays: 22,
    });
    const list = await items();
    const byEnt = Object.fromEntries(list.map((i) => [i.enterpriseId, [i.class, i.kind, i.plannedCount, i.months.length]]));
    assert.deepEqual(byEnt[ent.chemMhi], ['D', 'key', 4, 4]);
    assert.deepEqual(byEnt[ent.chem], ['C', 'key', 3, 3]);
    assert.deepEqual(byEnt[ent.graded], ['A', 'general', 1, 0]);
    assert.deepEqual(byEnt[ent.ordinary], ['B', 'general', 2, 0]);

    // Two certified officers of the county (the third's certificate expired), then regenerate the draft.
    await t.db.query(
      `INSERT INTO enforcement_officers (user_id, certificate_no, valid_until) VALUES ($1, 'JS-0001', NULL), ($2, 'JS-0002', '2030-12-31'), ($3, 'JS-0003', '2025-06-30')`,
      [t.ids.county, t.ids.inspector, officer3],
    );
    const again = (await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/plans', { year: YEAR })).json();
    assert.equal(again.id, planId, 'a draft is regenerated in place');
    assert.equal(again.capacity.officers, 2);
    assert.equal(again.capacity.availableDays, Math.floor((2 * WORKING_DAYS_2026 * 50) / 100));
    assert.equal(again.capacity.ok, true);
    assert.equal((await items()).length, 5);
    assert.deepEqual(
      (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/plans')).json().items,
      [],
      'Kunshan sees no plan of Zhangjiagang',
    );
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/plans/${planId}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.ent, 'GET', `/api/v1/enforcement/plans/${planId}`)).statusCode, 403);
  });

  test('a draft’s items are edited; the plan goes submit → approve (another person) → publish; refused steps are 409 with the allowed actions', async () => {
    const item = await itemOf(ent.ordinary);
    const url = `/api/v1/enforcement/plans/${planId}/items/${item.id}`;
    const bad = await t.inject(t.cookies.county, 'PATCH', url, { kind: 'key', plannedCount: 2, months: [3] });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.months);
    const edited = await t.inject(t.cookies.county, 'PATCH', url, { kind: 'key', plannedCount: 2 });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().months, [1, 7]);
    const plan = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}`)).json();
    assert.equal(plan.totals.keyInspections, 12);
    assert.equal(plan.totals.expectedGeneralInspections, 1);

    const go = (cookie: string, action: string, extra: Record<string, unknown> = {}) =>
      t.inject(cookie, 'POST', `/api/v1/enforcement/plans/${planId}/transitions`, { action, ...extra });
    const early = await go(t.cookies.county, 'publish');
    assert.equal(early.statusCode, 409);
    assert.deepEqual(early.json().error.allowedActions, ['generate', 'edit', 'submit']);
    assert.equal((await go(t.cookies.inspector, 'submit')).statusCode, 403, 'a department does not submit the county’s plan');
    assert.equal((await go(t.cookies.county, 'submit', { version: plan.version - 1 })).statusCode, 409, 'stale version');
    const submitted = await go(t.cookies.county, 'submit', { version: plan.version });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'submitted');
    assert.deepEqual(submitted.json().allowedActions, ['revise']);
    const own = await go(t.cookies.county, 'approve');
    assert.equal(own.statusCode, 409, 'four eyes: the submitter does not approve');
    assert.deepEqual(own.json().error.allowedActions, ['revise']);
    assert.equal((await t.inject(t.cookies.county, 'PATCH', url, { plannedCount: 3 })).statusCode, 409, 'no edits once submitted');

    const approved = await go(t.cookies.city, 'approve');
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().approvedByName, 'cast-city');
    const seen = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}`)).json();
    assert.equal(seen.approvedByName, 'cast-city', 'the county reads who approved, though the city user is outside its view of users');
    const revised = await go(t.cookies.county, 'revise', { note: '补充重点企业' });
    assert.equal(revised.json().status, 'draft');
    assert.equal(revised.json().approvedByName, null);
    await go(t.cookies.county, 'submit');
    await go(t.cookies.city, 'approve');
    const published = await go(t.cookies.city, 'publish');
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    assert.ok(published.json().publishedAt);
    const regenerate = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/plans', { year: YEAR });
    assert.equal(regenerate.statusCode, 409);
    assert.deepEqual(regenerate.json().error.allowedActions, ['schedule']);
    const revise = await go(t.cookies.county, 'revise');
    assert.equal(revise.statusCode, 409, 'a published plan is fixed');

    const [n] = await t.db.query<{ actions: string[] }>(
      "SELECT array_agg(action ORDER BY seq) AS actions FROM audit_events WHERE entity_type = 'enforcementPlan' AND entity_id = $1",
      [planId],
    );
    assert.deepEqual(n?.actions, [
      'enforcementPlan.generate',
      'enforcementPlan.generate',
      'enforcementPlan.editItem',
      'enforcementPlan.submit',
      'enforcementPlan.approve',
      'enforcementPlan.revise',
      'enforcementPlan.submit',
      'enforcementPlan.approve',
      'enforcementPlan.publish',
    ]);
  });

  test('a key enterprise’s planned inspection: two certified officers of the county, no conflict, a day of the plan’s year; progress per month', async () => {
    const key = await itemOf(ent.chemMhi);
    const general = await itemOf(ent.graded);
    const url = (itemId: string) => `/api/v1/enforcement/plans/${planId}/items/${itemId}/inspections`;
    const officers = [t.ids.county, t.ids.inspector];

    const one = await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: [t.ids.county], plannedOn: '2026-03-10' });
    assert.equal(one.statusCode, 400);
    assert.ok(one.json().error.fields.officerIds);
    const expired = await t.inject(t.cookies.county, 'POST', url(key.id), {
      officerIds: [t.ids.county, officer3],
      plannedOn: '2026-03-10',
    });
    assert.equal(expired.statusCode, 400, 'the third officer’s certificate expired');
    const wrongYear = await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: officers, plannedOn: '2027-03-10' });
    assert.equal(wrongYear.statusCode, 400);
    assert.ok(wrongYear.json().error.fields.plannedOn);
    assert.equal(
      (await t.inject(t.cookies.county, 'POST', url(general.id), { officerIds: officers, plannedOn: '2026-03-10' })).statusCode,
      409,
      'general enterprises go to the draws',
    );
    await t.db.query("INSERT INTO officer_conflicts (user_id, enterprise_id, reason) VALUES ($1, $2, '近亲属任该企业负责人')", [
      t.ids.inspector,
      ent.chemMhi,
    ]);
    const conflict = await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: officers, plannedOn: '2026-03-10' });
    assert.equal(conflict.statusCode, 400);
    assert.match(conflict.json().error.fields.officerIds, /回避/);
    const listed = (
      await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}/officers?enterpriseId=${ent.chemMhi}`)
    ).json();
    assert.deepEqual(listed.items.map((o: { certificateNo: string; conflict: boolean }) => [o.certificateNo, o.conflict]).sort(), [
      ['JS-0001', false],
      ['JS-0002', true],
    ]);
    await t.db.query('DELETE FROM officer_conflicts');
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'POST', url(key.id), { officerIds: officers, plannedOn: '2026-03-10' })).statusCode,
      404,
    );

    const ok = await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: officers, plannedOn: '2026-03-10' });
    assert.equal(ok.statusCode, 201, ok.body);
    const [row] = await t.db.query<{ source: string; plan_item_id: string; status: string; officer_ids: string[]; county_code: string }>(
      'SELECT source, plan_item_id, status, officer_ids, county_code FROM enforcement_inspections WHERE id = $1',
      [ok.json().id],
    );
    assert.deepEqual(row, { source: 'plan', plan_item_id: key.id, status: 'planned', officer_ids: officers, county_code: '320582' });

    // Carried out in March (Beijing time) → done in month 3; a drawn inspection of a general one in May.
    await t.db.query("UPDATE enforcement_inspections SET status = 'recorded', started_at = '2026-03-10T09:00:00+08:00' WHERE id = $1", [
      ok.json().id,
    ]);
    await t.db.query(
      `INSERT INTO enforcement_inspections (enterprise_id, source, status, started_at) VALUES ($1, 'draw', 'closed', '2026-05-31T23:30:00+08:00')`,
      [ent.graded],
    );
    const p = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}/progress`)).json();
    assert.equal(p.done, 2);
    assert.equal(p.months[2].done, 1);
    assert.equal(p.months[4].done, 1, 'Beijing time decides the month');
    assert.equal(p.planned, 13, '12 key inspections + 1 expected from the draws');
    const planned = (await items()).filter((i) => i.kind === 'key').flatMap((i) => i.months);
    assert.equal(p.months[0].planned, planned.filter((m) => m === 1).length);
    const keyItem = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/plans/${planId}/items?kind=key&class=D`)).json();
    assert.equal(keyItem.items[0].scheduled, 1);
    assert.equal(keyItem.items[0].done, 1);

    // Four planned a year: three more, then the fifth is refused.
    for (const day of ['2026-06-10', '2026-09-10', '2026-11-10'])
      assert.equal((await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: officers, plannedOn: day })).statusCode, 201);
    const fifth = await t.inject(t.cookies.county, 'POST', url(key.id), { officerIds: officers, plannedOn: '2026-12-10' });
    assert.equal(fifth.statusCode, 409);
    const [scheduled] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'enforcementPlan.schedule' AND entity_id = $1",
      [planId],
    );
    assert.equal(scheduled?.n, 4);
  });

  test('two generations of one county’s year at once make one plan', async () => {
    const [a, b] = await Promise.all([
      t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/plans', { year: 2027 }),
      t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/plans', { year: 2027 }),
    ]);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal(a.json().id, b.json().id);
    const [n] = await t.db.query<{ n: number; items: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM enforcement_plan_items i JOIN enforcement_plans p ON p.id = i.plan_id WHERE p.year = 2027) AS items
       FROM enforcement_plans WHERE year = 2027`,
    );
    assert.deepEqual(n, { n: 1, items: 5 });
  });

  test('campaigns: validated, created at the caller’s level, seen below it, with inspections and hazards as progress', async () => {
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/campaigns', {
      name: '',
      kind: 'special',
      startsOn: '2026-06-30',
      endsOn: '2026-03-01',
      targets: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['endsOn', 'name', 'targets']);
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/campaigns', {
      name: '危险化学品安全专项整治',
      kind: 'special',
      startsOn: '2026-03-01',
      endsOn: '2026-12-31',
      industries: ['26'],
      targets: '辖区危化品企业全覆盖检查，重大隐患清零',
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.regionCode, CAST.county);
    await t.db.query(
      `INSERT INTO enforcement_inspections (enterprise_id, source, campaign_id, status) VALUES ($1, 'campaign', $2, 'recorded'), ($1, 'campaign', $2, 'planned')`,
      [ent.chem, c.id],
    );
    await t.db.query(
      `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, status, campaign_id)
       VALUES ($1, '储罐区可燃气体报警器失效', 'general', 'county', 'cast-county', 'closed', $2)`,
      [ent.chem, c.id],
    );
    const city = await t.inject(t.cookies.city, 'POST', '/api/v1/enforcement/campaigns', {
      name: '城镇燃气安全攻坚行动',
      kind: 'tough',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      targets: '燃气企业全覆盖',
    });
    assert.equal(city.statusCode, 201, city.body);

    const mine = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/campaigns')).json().items;
    assert.deepEqual(mine.map((x: { name: string }) => x.name).sort(), ['危险化学品安全专项整治', '城镇燃气安全攻坚行动'].sort());
    const own = mine.find((x: { id: string }) => x.id === c.id);
    assert.deepEqual(own.progress, { inspections: 2, inspectionsDone: 1, hazards: 1, hazardsClosed: 1 });
    const kunshan = (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/campaigns')).json().items;
    assert.deepEqual(
      kunshan.map((x: { name: string }) => x.name),
      ['城镇燃气安全攻坚行动'],
      'the city’s campaign, not Zhangjiagang’s',
    );
    assert.equal(kunshan[0].createdByName, 'cast-city');
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/campaigns/${c.id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.ent, 'GET', '/api/v1/enforcement/campaigns')).statusCode, 403);
    assert.equal(
      (
        await t.inject(t.cookies.grid, 'POST', '/api/v1/enforcement/campaigns', {
          name: '网格巡查',
          kind: 'special',
          startsOn: '2026-01-01',
          endsOn: '2026-01-02',
          targets: '巡查',
        })
      ).statusCode,
      403,
    );
  });
});
