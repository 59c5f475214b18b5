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

  test('the public map boundaries: no login, outlines only, 404 for a region without them, 400 for a bad code', async () => {
    const res = await t.inject('', 'GET', '/api/v1/open/health-risk/boundaries/321300000000');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.region, '321300000000');
    assert.ok(body.geojson.features.length > 0);
    assert.equal(body.uploadedBy, undefined);
    assert.equal((await t.inject('', 'GET', '/api/v1/open/health-risk/boundaries/999900000000')).statusCode, 404);
    assert.equal((await t.inject('', 'GET', '/api/v1/open/health-risk/boundaries/12x')).statusCode, 400);
  });

  test('recompute on demand: the county may, the township may not', async () => {
    await addCase(0);
    const r = await post(t.cookies.county, '/api/v1/risk-levels/recompute', {}, 200);
    assert.ok(r.proposals >= 1);
    await post(t.cookies.town, '/api/v1/risk-levels/recompute', {}, 403);
  });

  test('bad bodies are a 400 with bilingual field messages, nothing written', async () => {
    const before = await rows();
    const bad = async (url: string, body: unknown, field: string, zh: RegExp) => {
      const res = await t.inject(t.cookies.county, 'POST', url, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, new RegExp(`"${field}"`));
      assert.match(res.body, zh);
    };
    const changes = `/api/v1/risk-levels/regions/${CAST.town}/changes`;
    await bad(changes, { level: 'extreme' }, 'level', /请选择风险等级/);
    await bad(changes, { level: 'high', effectiveFrom: 'tomorrow' }, 'effectiveFrom', /请填写生效时间/);
    await bad('/api/v1/risk-levels/recompute', { regionCode: 'x' }, 'regionCode', /地区代码格式不正确/);
    const [p] = await t.db.query<{ id: string }>(`SELECT id FROM ph_level_proposals ORDER BY proposed_at DESC LIMIT 1`);
    await bad(`/api/v1/risk-levels/proposals/${p?.id}/confirm`, { effectiveFrom: 'tomorrow' }, 'effectiveFrom', /请填写生效时间/);
    const en = await t.app.inject({
      method: 'POST',
      url: changes,
      headers: { cookie: t.cookies.county, 'accept-language': 'en' },
      payload: { level: 'extreme' },
    });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /Choose a level/);
    assert.equal(await rows(), before);
  });

  test('the effective time is at most 7 days ahead; a scheduled change is not the current level and waits', async () => {
    const before = await rows();
    const changes = `/api/v1/risk-levels/regions/${CAST.town}/changes`;
    const far = await t.inject(t.cookies.county, 'POST', changes, { level: 'high', effectiveFrom: '2099-01-01T00:00:00+08:00' });
    assert.equal(far.statusCode, 400, far.body);
    assert.match(far.body, /"effectiveFrom"/);
    assert.match(far.body, /不能晚于7天后/);
    assert.equal(await rows(), before);
    const at = new Date(Date.now() + 2 * DAY);
    const scheduled = await post(t.cookies.county, changes, { level: 'high', effectiveFrom: at.toISOString() });
    assert.equal(scheduled.level, 'high');
    // In force now: still low (the board and the public data).
    const board = await get(t.cookies.county, '/api/v1/risk-levels');
    assert.equal(board.regions.find((x: { code: string }) => x.code === CAST.town).level, 'low');
    const open = (await t.inject('', 'GET', '/api/v1/open/health-risk')).json();
    assert.equal(open.regions.find((x: { code: string }) => x.code === CAST.town).level, 'low');
    // Until it takes effect another change is a 409 on effectiveFrom, nothing written.
    const next = await t.inject(t.cookies.county, 'POST', changes, {
      level: 'medium',
      override: true,
      reason: '疫情形势变化需要立即调整等级理由充分',
    });
    assert.equal(next.statusCode, 409, next.body);
    assert.match(next.body, /"effectiveFrom"/);
    assert.match(next.body, /待生效/);
    assert.equal(await rows(), before + 1);
  });

  test('two concurrent first changes of a region: one row, the other refused', async () => {
    const [town2] = await t.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE parent_code = $1 AND level = 'township' AND code <> $2 ORDER BY code LIMIT 1`,
      [CAST.county, CAST.town],
    );
    assert.ok(town2);
    const url = `/api/v1/risk-levels/regions/${town2.code}/changes`;
    const res = await Promise.all([0, 1].map(() => t.inject(t.cookies.county, 'POST', url, { level: 'high' })));
    assert.deepEqual(res.map((r) => r.statusCode).sort(), [201, 409], res.map((r) => r.body).join('\n'));
    const [c] = await t.db.query<{ c: number }>('SELECT count(*)::int AS c FROM ph_region_levels WHERE region_code = $1', [town2.code]);
    assert.equal(c?.c, 1);
  });

  test('the announcement names its 文号 once, in its own brackets', async () => {
    const [l] = await t.db.query<{ announcement_number: string; announcement_text: string }>(
      'SELECT announcement_number, announcement_text FROM ph_region_levels ORDER BY created_at DESC LIMIT 1',
    );
    assert.match(l?.announcement_number ?? '', /^（.+）防控告〔\d{4}〕\d+号$/);
    assert.ok(l?.announcement_text.endsWith(`\n${l.announcement_number}`), l?.announcement_text);
    assert.doesNotMatch(l?.announcement_text ?? '', /（（/);
  });
});
