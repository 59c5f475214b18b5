// 风险等级 through the HTTP API, on both databases: proposals over ph_cases (merged/revoked and
// suspected cards do not count), confirmation by the county with an effective time and a numbered
// announcement, lowering refused without the quiet period (409) and an override without a reason
// (400), both with bilingual field messages and nothing written; allowed after the quiet period and
// with a reason; history; scope (another county neither sees nor confirms; the township only
// sees); the public endpoint needs no login and shows no person; audit in the same transaction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { runPhLevelsJobs } from './levels-jobs.ts';
import { phLevelsWorkItems } from './levels-workbench.ts';

const DAY = 86_400_000;

describe('risk levels', () => {
  let t: CastApp;
  let n = 0;
  before(async () => {
    t = await openCastApp();
    await t.db.query(
      `INSERT INTO ph_diseases (code, name_zh, name_en) VALUES ('covid19', '新型冠状病毒感染', 'COVID-19') ON CONFLICT (code) DO NOTHING`,
    );
  });
  after(() => t.close());

  const addCase = async (daysAgo: number, extra: { status?: string; classification?: string; region?: string } = {}) => {
    const at = new Date(Date.now() - daysAgo * DAY).toISOString();
    n++;
    const [r] = await t.db.query<{ id: string }>(
      `INSERT INTO ph_cases (number, disease_code, classification, diagnosed_at, reported_at, deadline_at, region_code, report_region_code,
         facility_id, person_sealed, person_masked, person_key, status, review_due_at)
       VALUES ($1, 'covid19', $2, $3, $3, $3, $4, $4, $5, 'sealed', '{"name":"张*"}', $6, $7, $3) RETURNING id`,
      [
        `LV-${n}`,
        extra.classification ?? 'confirmed',
        at,
        extra.region ?? CAST.town,
        t.enterpriseId,
        `key-${n}`,
        extra.status ?? 'reviewed',
      ],
    );
    return r?.id as string;
  };
  const get = async (cookie: string, url: string, status = 200) => {
    const res = await t.inject(cookie, 'GET', url);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const post = async (cookie: string, url: string, body: unknown, status = 201) => {
    const res = await t.inject(cookie, 'POST', url, body);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const rows = async () => Number((await t.db.query<{ c: number }>('SELECT count(*)::int AS c FROM ph_region_levels'))[0]?.c);

  test('cases propose high for the township and its county; merged, revoked and suspected do not count', async () => {
    await addCase(1, { status: 'merged' });
    await addCase(1, { status: 'revoked' });
    await addCase(1, { classification: 'suspected' });
    let r = await runPhLevelsJobs(t.db, new Date());
    assert.equal(r.proposals, 0);
    await addCase(3);
    await addCase(2);
    r = await runPhLevelsJobs(t.db, new Date());
    assert.equal(r.proposals, 2);
    assert.equal((await runPhLevelsJobs(t.db, new Date())).proposals, 0, 'idempotent');
    const board = await get(t.cookies.county, '/api/v1/risk-levels');
    assert.equal(board.ruleSet.code, 'current');
    const town = board.regions.find((x: { code: string }) => x.code === CAST.town);
    assert.equal(town.level, 'low');
    assert.equal(town.recentCases, 2);
    assert.deepEqual(town.allowedActions, ['view', 'recompute', 'confirm', 'override']);
    const p = board.proposals.find((x: { regionCode: string }) => x.regionCode === CAST.town);
    assert.equal(p.proposedLevel, 'high');
    assert.match(p.reasons[0].zh, /7天内有新增病例/);
    assert.deepEqual(p.allowedActions, ['confirm', 'override']);
    // The county's own proposal is the city's to confirm.
    const cp = board.proposals.find((x: { regionCode: string }) => x.regionCode === CAST.county);
    assert.deepEqual(cp.allowedActions, []);
    const items = await t.db.transaction(async (tx) => {
      const [u] = await tx.query<{ id: string }>('SELECT id FROM users WHERE username = $1', ['cast-county']);
      return phLevelsWorkItems(
        {
          id: u?.id ?? '',
          username: 'cast-county',
          role: 'countySupervisor',
          scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
        },
        { regionPrefix: '320582', industries: null, enterpriseId: null },
        { ...tx, scope: { regionPrefix: '320582', industries: null, enterpriseId: null } },
      );
    });
    assert.equal(items[0]?.count, 1);
  });

  test('scope: another county sees nothing and cannot confirm; the township sees but cannot confirm', async () => {
    const board = await get(t.cookies.kunshan, '/api/v1/risk-levels');
    assert.equal(board.proposals.length, 0);
    assert.ok(!board.regions.some((x: { code: string }) => x.code === CAST.town));
    const town = (await get(t.cookies.county, '/api/v1/risk-levels')).proposals.find(
      (x: { regionCode: string }) => x.regionCode === CAST.town,
    );
    await post(t.cookies.kunshan, `/api/v1/risk-levels/proposals/${town.id}/confirm`, {}, 404);
    await post(t.cookies.town, `/api/v1/risk-levels/proposals/${town.id}/confirm`, {}, 403);
    await post(t.cookies.ent, '/api/v1/risk-levels/regions/320582100000/changes', { level: 'high' }, 403);
    await get(t.cookies.ent, '/api/v1/risk-levels', 403);
    assert.equal(await rows(), 0);
  });

  test('the county confirms: the level, the announcement, the audit, the history', async () => {
    const board = await get(t.cookies.county, '/api/v1/risk-levels');
    const p = board.proposals.find((x: { regionCode: string }) => x.regionCode === CAST.town);
    const done = await post(t.cookies.county, `/api/v1/risk-levels/proposals/${p.id}/confirm`, {});
    assert.equal(done.level, 'high');
    assert.match(done.title, /^关于调整.+疫情风险等级的公告$/);
    assert.match(done.text, /由低风险地区调升为高风险地区/);
    assert.match(done.number, /防控告〔\d{4}〕1号/);
    assert.doesNotMatch(done.text, /[A-Za-z]/);
    await post(t.cookies.county, `/api/v1/risk-levels/proposals/${p.id}/confirm`, {}, 409);
    const after = await get(t.cookies.county, '/api/v1/risk-levels');
    assert.equal(after.regions.find((x: { code: string }) => x.code === CAST.town).level, 'high');
    assert.ok(!after.proposals.some((x: { regionCode: string }) => x.regionCode === CAST.town));
    const [a] = await t.db.query<{ action: string; details: unknown }>(
      `SELECT action FROM audit_events WHERE entity_type = 'phRegionLevel' AND entity_id = $1`,
      [done.id],
    );
    assert.equal(a?.action, 'phLevel.confirm');
    const h = await get(t.cookies.town, `/api/v1/risk-levels/regions/${CAST.town}/history`);
    assert.equal(h.history.length, 1);
    assert.equal(h.history[0].announcement.number, done.number);
    await get(t.cookies.kunshan, `/api/v1/risk-levels/regions/${CAST.town}/history`, 403);
    const pdf = await t.inject(t.cookies.county, 'GET', `/api/v1/risk-levels/announcements/${done.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
  });

  test('lowering: 409 before the quiet period, 400 for an override without a reason, nothing written; allowed after 7 days or with a reason', async () => {
    const before = await rows();
    const early = await t.inject(t.cookies.county, 'POST', `/api/v1/risk-levels/regions/${CAST.town}/changes`, { level: 'medium' });
    assert.equal(early.statusCode, 409, early.body);
    const e = early.json();
    assert.match(JSON.stringify(e), /连续7天无新增/);
    assert.match(JSON.stringify(e), /7 days/);
    const noReason = await t.inject(t.cookies.county, 'POST', `/api/v1/risk-levels/regions/${CAST.town}/changes`, {
      level: 'low',
      override: true,
      reason: '短',
    });
    assert.equal(noReason.statusCode, 400, noReason.body);
    assert.match(noReason.body, /reason/);
    assert.match(noReason.body, /至少10个字/);
    assert.equal(await rows(), before);
    await t
      .inject(t.cookies.town, 'POST', `/api/v1/risk-levels/regions/${CAST.town}/changes`, { level: 'medium' })
      .then((r) => assert.equal(r.statusCode, 403));
    // Day 7 without a new case: the cases move back a week (the domain test has the fake clock at the edges).
    await t.db.query(`UPDATE ph_cases SET diagnosed_at = diagnosed_at - interval '7 days' WHERE region_code = $1`, [CAST.town]);
    const ok = await post(t.cookies.county, `/api/v1/risk-levels/regions/${CAST.town}/changes`, { level: 'medium' });
    assert.equal(ok.override, false);
    assert.match(ok.text, /调降为中风险地区，该地区已连续九天无新增病例/);
    const forced = await post(t.cookies.county, `/api/v1/risk-levels/regions/${CAST.town}/changes`, {
      level: 'low',
      override: true,
      reason: '经流调确认全部病例均已闭环管理，无社区传播风险',
    });
    assert.equal(forced.override, true);
    const [a] = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1`, [forced.id]);
    assert.equal(a?.action, 'phLevel.override');
    const h = await get(t.cookies.county, `/api/v1/risk-levels/regions/${CAST.town}/history`);
    assert.deepEqual(
      h.history.map((x: { level: string }) => x.level),
      ['low', 'medium', 'high'],
    );
    assert.ok(h.history[1].effectiveTo);
  });

  test('an effective time in the past is a 400 on effectiveFrom', async () => {
    const res = await t.inject(t.cookies.county, 'POST', `/api/v1/risk-levels/regions/${CAST.town}/changes`, {
      level: 'high',
      effectiveFrom: new Date(Date.now() - DAY).toISOString(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /effectiveFrom/);
  });

  test('the public endpoint: no login, levels and announcements, no person, no case', async () => {
    const res = await t.inject('', 'GET', '/api/v1/open/health-risk');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const town = body.regions.find((x: { code: string }) => x.code === CAST.town);
    assert.equal(town.level, 'low');
    assert.ok(town.name);
    assert.ok(body.announcements.length >= 3);
    assert.doesNotMatch(res.body, /张\*|sealed|person|diagnosed|recentCases|reason|cast-county/);
    const pdf = await t.inject('', 'GET', `/api/v1/open/health-risk/announcements/${body.announcements[0].id}/pdf`);
    assert.equal(pdf.statusCode, 200);
  });

  test('recompute on demand: the county may, the township may not', async () => {
    await addCase(0);
    const r = await post(t.cookies.county, '/api/v1/risk-levels/recompute', {}, 200);
    assert.ok(r.proposals >= 1);
    await post(t.cookies.town, '/api/v1/risk-levels/recompute', {}, 403);
  });
});
