// 指挥中心看板 through the HTTP API, on both databases: the sync is idempotent and never writes a source;
// a signal walks the loop to the unit's feedback, the pusher's verification and the closing feedback
// while the hazard it wraps keeps its own state; scope (another county sees nothing, a unit only what
// was pushed to it); 400 field messages, 409 wrong stage, 403; the 12345 caller masked per role and
// never in the audit or the log; escalation of an overdue stage with a fake clock; the 工作台 counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, makeUser, openCastApp } from '../../test/harness.ts';
import { runCmBoardJobs, syncSignals } from './board-sync.ts';
import { cmBoardWorkItems } from './board-workbench.ts';

describe('command board', () => {
  let t: CastApp;
  const logLines: string[] = [];
  let hazardId = '';
  let otherHazardId = '';
  let eventId = '';
  before(async () => {
    t = await openCastApp({ logStream: { write: (line: string) => logLines.push(line) } });
    const mk = async (ent: string, desc: string) =>
      (
        await t.db.query<{ id: string }>(
          `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by) VALUES ($1, $2, 'major', 'county', 'test') RETURNING id`,
          [ent, desc],
        )
      )[0]?.id as string;
    hazardId = await mk(t.enterpriseId, '储罐区防火堤破损');
    otherHazardId = await mk(t.otherEnterpriseId, '粉尘除尘系统失效');
    await t.db.query(
      `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by) VALUES ($1, '一般隐患', 'general', 'self', 'test')`,
      [t.enterpriseId],
    );
    eventId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO ph_events (number, title, kind, region_code, origin, grade, occurred_at) VALUES ('TEST-EV-1', '某镇诺如病毒聚集性疫情', 'infectiousOutbreak', $1, 'manual', 'IV', now()) RETURNING id`,
        [CAST.town],
      )
    )[0]?.id as string;
  });
  after(() => t.close());

  const inject = async (cookie: string, method: 'GET' | 'POST', url: string, body?: unknown, status = 200) => {
    const res = await t.inject(cookie, method, url, body);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const board = (who: keyof CastApp['cookies'], qs = '') => inject(t.cookies[who], 'GET', `/api/v1/command/signals${qs}`);
  const act = (who: keyof CastApp['cookies'], id: string, body: Record<string, unknown>, status = 200) =>
    inject(t.cookies[who], 'POST', `/api/v1/command/signals/${id}/actions`, body, status);

  test('the sync collects open items once (idempotent) and writes no source', async () => {
    const now = new Date();
    const before = await t.db.query(`SELECT id, status, version FROM hazards ORDER BY id`);
    const added = await t.db.transaction((tx) => syncSignals(tx, now));
    assert.equal(added, 3);
    assert.equal(await t.db.transaction((tx) => syncSignals(tx, now)), 0);
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM command_signal_steps`);
    assert.equal(n?.n, 3);
    assert.deepEqual(await t.db.query(`SELECT id, status, version FROM hazards ORDER BY id`), before);
    const types = await t.db.query<{ source_type: string; domain: string }>(
      `SELECT source_type, domain FROM command_signals ORDER BY source_type`,
    );
    assert.deepEqual(types, [
      { source_type: 'healthEvent', domain: 'health' },
      { source_type: 'majorHazard', domain: 'safety' },
      { source_type: 'majorHazard', domain: 'safety' },
    ]);
  });

  test('scope: the county sees its own, the other county only its own, a unit nothing until pushed', async () => {
    const county = await board('county');
    assert.equal(county.total, 2);
    assert.deepEqual(county.countsByStage, { collected: 2 });
    assert.deepEqual(county.countsByType, { healthEvent: 1, majorHazard: 1 });
    const kunshan = await board('kunshan');
    assert.equal(kunshan.total, 1);
    assert.equal(kunshan.items[0].sourceId, otherHazardId);
    assert.equal((await board('city')).total, 3);
    assert.equal((await board('ent')).total, 0);
    const other = kunshan.items[0].id;
    await inject(t.cookies.county, 'GET', `/api/v1/command/signals/${other}`, undefined, 404);
  });

  test('a signal through the loop to the unit’s feedback, verification and closing; the hazard keeps its state', async () => {
    const sig = (await board('county', '?type=majorHazard')).items[0];
    assert.equal(sig.sourceId, hazardId);
    assert.equal(sig.sourcePath, `/hazards/${hazardId}`);
    assert.deepEqual(sig.allowedActions, ['analyse']);
    await act('kunshan', sig.id, { action: 'analyse', version: 1 }, 404);
    let s = await act('county', sig.id, { action: 'analyse', note: '核实为储罐区重大隐患', version: 1 });
    assert.equal(s.stage, 'analysed');
    // Wrong stage → 409; a stale version → 409; nothing written.
    await act('county', sig.id, { action: 'push', pushedEnterpriseId: t.enterpriseId, version: 2 }, 409);
    s = await act('county', sig.id, { action: 'judge', version: 2 });
    assert.equal(s.stage, 'judged');
    // 400 with field messages: no target; a deadline in the past.
    const bad = await act('county', sig.id, { action: 'push', version: 3 }, 400);
    assert.ok(
      bad.fields?.pushedEnterpriseId || bad.error?.fields?.pushedEnterpriseId || JSON.stringify(bad).includes('pushedEnterpriseId'),
    );
    const past = await act(
      'county',
      sig.id,
      { action: 'push', pushedEnterpriseId: t.enterpriseId, deadline: '2020-01-01T00:00:00Z', version: 3 },
      400,
    );
    assert.ok(JSON.stringify(past).includes('deadline'));
    const deadline = new Date(Date.now() + 6 * 3600_000).toISOString();
    s = await act('county', sig.id, { action: 'push', pushedEnterpriseId: t.enterpriseId, deadline, version: 3 });
    assert.equal(s.stage, 'pushed');
    assert.equal(new Date(s.stageDueAt).toISOString(), deadline);
    // The unit now sees it (and only it), may give feedback, not verify.
    const ent = await board('ent');
    assert.equal(ent.total, 1);
    assert.deepEqual(ent.items[0].allowedActions, ['feedback']);
    assert.equal((await board('otherEnt')).total, 0);
    await act('otherEnt', sig.id, { action: 'feedback', note: 'x', version: 4 }, 404);
    const noNote = await act('ent', sig.id, { action: 'feedback', version: 4 }, 400);
    assert.ok(JSON.stringify(noNote).includes('note'));
    s = await act('ent', sig.id, { action: 'feedback', note: '已修复防火堤，现场照片已上传', version: 4 });
    assert.equal(s.stage, 'pushed');
    assert.ok(s.feedbackAt);
    // The unit sees who pushed to it by name (read past its scope), never 系统, and no user ids.
    const push = s.steps.find((x: { action: string }) => x.action === 'push');
    assert.ok(push.actorName, 'the pusher is named to the unit');
    assert.equal('actorId' in push, false);
    await act('ent', sig.id, { action: 'verify', version: 5 }, 403);
    s = await act('county', sig.id, { action: 'verify', note: '现场核查属实', version: 5 });
    assert.equal(s.stage, 'verified');
    s = await act('county', sig.id, { action: 'close', note: '闭环办结，反馈隐患主管部门', version: 6 });
    assert.equal(s.stage, 'closed');
    assert.deepEqual(
      s.steps.map((x: { action: string }) => x.action),
      ['collect', 'analyse', 'judge', 'push', 'feedback', 'verify', 'close'],
    );
    assert.ok(s.steps.every((x: { at: string }) => x.at));
    const who = await t.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM command_signal_steps WHERE signal_id = $1 AND actor_id IS NOT NULL ORDER BY at`,
      [sig.id],
    );
    assert.deepEqual(
      who.map((w) => [w.action, w.actor_id]),
      [
        ['analyse', t.ids.county],
        ['judge', t.ids.county],
        ['push', t.ids.county],
        ['feedback', t.ids.ent],
        ['verify', t.ids.county],
        ['close', t.ids.county],
      ],
    );
    // The loop never changed the hazard.
    const [h] = await t.db.query<{ status: string; version: number }>(`SELECT status, version FROM hazards WHERE id = $1`, [hazardId]);
    assert.equal(h?.status, 'reported');
    assert.equal(h?.version, 1);
    // Audit in the same transactions: one event per step.
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [sig.id]);
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'cmBoard.signal.analyse',
        'cmBoard.signal.judge',
        'cmBoard.signal.push',
        'cmBoard.signal.feedback',
        'cmBoard.signal.verify',
        'cmBoard.signal.close',
      ],
    );
    // Closed signals leave the open board; the stage filter shows them.
    assert.equal((await board('county', '?stage=closed')).total, 1);
    // A re-sync leaves the loop alone.
    await t.db.transaction((tx) => syncSignals(tx, new Date()));
    assert.equal((await board('county', '?stage=closed')).total, 1);
  });

  test('pushed to the township: the township gives feedback and may not verify it; the county verifies', async () => {
    const sig = (await board('county', '?type=healthEvent')).items[0];
    assert.equal(sig.sourceId, eventId);
    let v = 1;
    for (const action of ['analyse', 'judge']) await act('county', sig.id, { action, version: v++ });
    await act('county', sig.id, { action: 'push', pushedRegionCode: CAST.town, version: v++ });
    const wb = await readScoped(t.db, { regionPrefix: '320582100', industries: null, enterpriseId: null }, (tx) =>
      cmBoardWorkItems({ id: t.ids.town, username: 'cast-town', role: 'townshipSupervisor', scope: tx.scope }, tx.scope, tx),
    );
    assert.equal(wb.find((w) => w.kind === 'cmBoard.toFeedback')?.count, 1);
    assert.equal((await board('town', '?queue=toFeedback')).total, 1);
    await act('town', sig.id, { action: 'feedback', note: '已开展流调和消杀', version: v++ });
    const town = await inject(t.cookies.town, 'GET', `/api/v1/command/signals/${sig.id}`);
    assert.deepEqual(town.allowedActions, []);
    assert.equal((await board('county', '?queue=toVerify')).total, 1);
    await act('town', sig.id, { action: 'verify', version: v }, 403);
    await act('county', sig.id, { action: 'rejectFeedback', note: '请补充密接追踪情况', version: v++ });
    const back = await inject(t.cookies.town, 'GET', `/api/v1/command/signals/${sig.id}`);
    assert.deepEqual(back.allowedActions, ['feedback']);
    const [e] = await t.db.query<{ status: string }>(`SELECT status FROM ph_events WHERE id = $1`, [eventId]);
    assert.equal(e?.status, 'signal');
  });

  test('12345 call: a signal; the caller sealed, shown to the taker and admin, masked for others, never in audit or log', async () => {
    const bad = await inject(
      t.cookies.county,
      'POST',
      '/api/v1/command/hotline',
      { callerName: '', callerPhone: 'abc', content: '短', regionCode: '1', title: '' },
      400,
    );
    for (const f of ['callerName', 'callerPhone', 'content', 'regionCode', 'title']) assert.ok(JSON.stringify(bad).includes(f), f);
    await inject(
      t.cookies.ent,
      'POST',
      '/api/v1/command/hotline',
      { callerName: '李四', callerPhone: '13900001111', content: '某厂夜间偷排废气', regionCode: CAST.town, title: '夜间偷排' },
      403,
    );
    const call = await inject(
      t.cookies.county,
      'POST',
      '/api/v1/command/hotline',
      {
        callerName: '张秀英',
        callerPhone: '13812345678',
        content: '工业园区某厂房顶冒烟，有刺鼻气味',
        place: '杨舍镇工业园',
        regionCode: CAST.town,
        title: '厂房冒烟',
      },
      201,
    );
    const mine = await inject(t.cookies.county, 'GET', `/api/v1/command/signals/${call.signalId}`);
    assert.equal(mine.sourceType, 'hotline');
    assert.equal(mine.hotline.callerName, '张秀英');
    assert.equal(mine.hotline.callerPhone, '13812345678');
    for (const who of ['city', 'province', 'town'] as const) {
      const other = await inject(t.cookies[who], 'GET', `/api/v1/command/signals/${call.signalId}`);
      assert.equal(other.hotline.callerPhone, '138****5678', who);
      assert.equal(other.hotline.callerName, '张**', who);
      assert.equal(other.hotline.callerMasked, true);
    }
    const admin = await inject(t.cookies.admin, 'GET', `/api/v1/command/signals/${call.signalId}`);
    assert.equal(admin.hotline.callerPhone, '13812345678');
    await inject(t.cookies.kunshan, 'GET', `/api/v1/command/signals/${call.signalId}`, undefined, 404);
    // A grid worker has no board (the web shows none; the API agrees), and the county's CDC sees
    // the health signals only: neither may read the call's content.
    await inject(t.cookies.grid, 'GET', '/api/v1/command/signals', undefined, 403);
    await inject(t.cookies.grid, 'GET', `/api/v1/command/signals/${call.signalId}`, undefined, 403);
    await makeUser(t.db, { username: 'cast-cdc', role: 'cdcReviewer', regionCode: CAST.county });
    const cdc = await t.login('cast-cdc');
    await inject(cdc, 'GET', `/api/v1/command/signals/${call.signalId}`, undefined, 404);
    const cdcBoard = await inject(cdc, 'GET', '/api/v1/command/signals?pageSize=200');
    assert.ok(cdcBoard.items.every((x: { domain: string }) => x.domain === 'health'));
    assert.ok(!JSON.stringify(cdcBoard).includes('刺鼻气味'));
    // Pushed to an enterprise (the caller may be its employee): the unit sees the signal, never the call.
    let v = mine.version;
    for (const action of ['analyse', 'judge']) v = (await act('county', call.signalId, { action, version: v })).version;
    await act('county', call.signalId, { action: 'push', version: v, pushedEnterpriseId: t.enterpriseId });
    const unitRes = await t.inject(t.cookies.ent, 'GET', `/api/v1/command/signals/${call.signalId}`);
    assert.equal(unitRes.statusCode, 200, unitRes.body);
    assert.equal(unitRes.json().hotline, null);
    // Whole values and their masked forms: a fragment such as '138' can occur by chance in an id or a time.
    for (const leak of ['张秀英', '张**', '13812345678', '138****5678', '刺鼻气味', 'callerName', 'callerPhone'])
      assert.ok(!unitRes.body.includes(leak), leak);
    const unitScope = { regionPrefix: CAST.town.slice(0, 9), industries: null, enterpriseId: t.enterpriseId };
    const seen = await readScoped(t.db, unitScope, (tx) => tx.query('SELECT id FROM command_hotline_calls'));
    assert.equal(seen.length, 0);
    const [row] = await t.db.query<{ sealed_caller: string }>(`SELECT sealed_caller FROM command_hotline_calls WHERE id = $1`, [call.id]);
    assert.ok(!row?.sealed_caller.includes('1381234'));
    const audits = JSON.stringify(await t.db.query(`SELECT * FROM audit_events WHERE entity_id = $1`, [call.id]));
    assert.ok(audits.includes('cmBoard.hotline.create'));
    assert.ok(!audits.includes('13812345678') && !audits.includes('张秀英'));
    assert.ok(!logLines.join('').includes('13812345678'));
    assert.ok(!JSON.stringify(await t.db.query(`SELECT * FROM command_signals`)).includes('张秀英'));
  });

  test('an overdue stage escalates once to the parent region with a fake clock', async () => {
    const later = new Date(Date.now() + 30 * 24 * 3600_000);
    const r = await runCmBoardJobs(t.db, later);
    assert.ok(r.escalated >= 2);
    assert.equal((await runCmBoardJobs(t.db, later)).escalated, 0);
    const [s] = await t.db.query<{ escalated_to: string; region_code: string }>(
      `SELECT escalated_to, region_code FROM command_signals WHERE source_id = $1`,
      [otherHazardId],
    );
    assert.equal(s?.escalated_to, '320583000000');
    const kun = await board('kunshan', '?escalated=1');
    assert.equal(kun.total, 1);
    // The list: escalated signals first, then the newest first; names looked up for the page. A
    // call taken now is the newest signal and not escalated: it comes after the escalated ones.
    await inject(
      t.cookies.county,
      'POST',
      '/api/v1/command/hotline',
      { callerName: '王五', callerPhone: '13900002222', content: '路口井盖缺失，夜间无警示', regionCode: CAST.town, title: '井盖缺失' },
      201,
    );
    const list = await board('admin', '?pageSize=200');
    type Item = { escalatedAt: string | null; occurredAt: string; regionName: string | null };
    const key = (x: Item) => `${x.escalatedAt ? 1 : 0}${x.occurredAt}`;
    const keys = list.items.map(key);
    assert.deepEqual(keys, [...keys].sort().reverse());
    assert.ok(list.items.some((x: Item) => x.escalatedAt) && list.items.some((x: Item) => !x.escalatedAt), JSON.stringify(keys));
    assert.ok(
      list.items.every((x: Item) => x.regionName),
      JSON.stringify(list.items.filter((x: Item) => !x.regionName)),
    );
    const steps = await t.db.query<{ action: string }>(
      `SELECT action FROM command_signal_steps st JOIN command_signals s ON s.id = st.signal_id WHERE s.source_id = $1`,
      [otherHazardId],
    );
    assert.ok(steps.some((x) => x.action === 'escalate'));
    const [h] = await t.db.query<{ status: string }>(`SELECT status FROM hazards WHERE id = $1`, [otherHazardId]);
    assert.equal(h?.status, 'reported');
  });

  test('a health signal pushed to a health facility: its reporter (医疗机构报告人) sees it and gives feedback; the 工作台 counts it', async () => {
    // The facility: an enterprise of the township with a medicalReporter account.
    const [fac] = await t.db.query<{ id: string }>(
      `INSERT INTO enterprises (name, credit_code, region_code, industry_code, address)
         SELECT '张家港市第一人民医院', '12320582MB0000001X', region_code, industry_code, address FROM enterprises WHERE id = $1 RETURNING id`,
      [t.enterpriseId],
    );
    const facilityId = fac?.id as string;
    const reporterId = await makeUser(t.db, { username: 'cast-clinic', role: 'medicalReporter', enterpriseId: facilityId });
    const clinic = await t.login('cast-clinic');
    const [ev] = await t.db.query<{ id: string }>(
      `INSERT INTO ph_events (number, title, kind, region_code, origin, grade, occurred_at) VALUES ('TEST-EV-2', '医院发热门诊聚集病例', 'infectiousOutbreak', $1, 'manual', 'IV', now()) RETURNING id`,
      [CAST.town],
    );
    await t.db.transaction((tx) => syncSignals(tx, new Date()));
    const [sig] = await t.db.query<{ id: string; version: number }>(`SELECT id, version FROM command_signals WHERE source_id = $1`, [
      ev?.id,
    ]);
    assert.ok(sig);
    let v = sig.version;
    for (const action of ['analyse', 'judge']) v = (await act('county', sig.id, { action, version: v })).version;
    v = (await act('county', sig.id, { action: 'push', version: v, pushedEnterpriseId: facilityId })).version;
    const mine = await inject(clinic, 'GET', '/api/v1/command/signals?queue=toFeedback');
    assert.equal(mine.total, 1);
    assert.deepEqual(mine.items[0].allowedActions, ['feedback']);
    const scope = { regionPrefix: CAST.town, industries: null, enterpriseId: facilityId };
    const wb = await readScoped(t.db, scope, (tx) =>
      cmBoardWorkItems({ id: reporterId, username: 'cast-clinic', role: 'medicalReporter', scope: tx.scope }, tx.scope, tx),
    );
    assert.equal(wb.find((w) => w.kind === 'cmBoard.toFeedback')?.count, 1);
    await inject(t.cookies.ent, 'GET', `/api/v1/command/signals/${sig.id}`, undefined, 404);
    await act('ent', sig.id, { action: 'feedback', note: '已隔离并上报', version: v }, 404);
    await inject(clinic, 'POST', `/api/v1/command/signals/${sig.id}/actions`, {
      action: 'feedback',
      note: '已隔离留观并完成流调',
      version: v,
    });
    assert.equal((await board('county', '?queue=toVerify')).total >= 1, true);
  });
});
