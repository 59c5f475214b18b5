// Accidents through the HTTP API: the first report by an enterprise (its own unit forced) and by an
// official, unknown figures kept unknown, bad input refused with nothing written; the chain (the
// county receives at once, forwards within its window, 越级 with the skipped level shown, a late
// report marked 迟报 with its minutes); follow-ups regrading up (the chain now needs the province)
// and down, and after the window keeping the grade; the investigation from its start by the right
// level to a published report (pauses, one extension, approval by another person); scope between
// sibling counties; lessons pushed to the industry and acknowledged; the workbench's counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, enterpriseBody, makeUser, multipartFile, openCastApp } from '../../test/harness.ts';
import { makePng } from '../../test/png.ts';
import { accidentWorkItems } from './workbench.ts';

type Who = keyof CastApp['cookies'];
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('accidents', () => {
  let t: CastApp;
  let county2: string;
  before(async () => {
    t = await openCastApp();
    await makeUser(t.db, { username: 'cast-county2', role: 'countySupervisor', regionCode: CAST.county });
    county2 = await t.login('cast-county2');
  });
  after(() => t.close());

  const base = (extra: Record<string, unknown> = {}) => ({
    occurredAt: ago(10 * 60_000),
    place: '二号车间冲压线',
    description: '冲压机误动作，一名操作工手部受伤',
    ...extra,
  });
  const report = async (who: Who | string, body: Record<string, unknown>) => {
    const res = await t.inject(t.cookies[who as Who] ?? who, 'POST', '/api/v1/accidents', body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const official = (extra: Record<string, unknown> = {}) =>
    report('county', base({ unitName: '某建筑工地', regionCode: '320582', industryCode: '4700', ...extra }));
  const get = async (who: Who | string, id: string) =>
    (await t.inject(t.cookies[who as Who] ?? who, 'GET', `/api/v1/accidents/${id}`)).json();
  const step = (who: Who | string, id: string, action: string, body: Record<string, unknown>) =>
    t.inject(t.cookies[who as Who] ?? who, 'POST', `/api/v1/accidents/${id}/steps/${action}`, body);
  const ok = async (who: Who | string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await get(who, id)).version;
    const res = await step(who, id, action, { version, ...body });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  };
  const followUp = async (who: Who, id: string, body: Record<string, unknown>) => {
    const version = (await get(who, id)).version;
    return t.inject(t.cookies[who], 'POST', `/api/v1/accidents/${id}/follow-ups`, {
      at: new Date().toISOString(),
      text: '续报：伤亡情况更新',
      version,
      ...body,
    });
  };
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accidents'))[0]?.n;

  test('requires authentication', async () => {
    assert.equal((await t.inject('', 'GET', '/api/v1/accidents')).statusCode, 401);
    assert.equal((await t.inject('', 'POST', '/api/v1/accidents', base())).statusCode, 401);
  });

  test('an enterprise reports for its own unit only, at its place; unknown figures stay unknown', async () => {
    const a = await report('ent', base({ enterpriseId: t.otherEnterpriseId, minorInjuries: 1, deaths: null }));
    assert.equal(a.enterpriseId, t.enterpriseId, 'forced to its own enterprise');
    assert.equal(a.unitName, '测试企业9001有限公司');
    assert.equal(a.regionCode, CAST.town);
    assert.equal(a.industryCode, '2614');
    assert.match(a.number, /^SG320582\d{4}-\d{4}$/);
    assert.equal(a.deaths, null);
    assert.equal(a.seriousInjuries, null);
    assert.equal(a.minorInjuries, 1);
    assert.ok(a.unknownFields.includes('deaths') && a.unknownFields.includes('directLossWanYuan'));
    assert.ok(!a.unknownFields.includes('minorInjuries'));
    assert.equal(a.grade, 'ordinary');
    assert.equal(a.status, 'reporting');
    assert.equal(a.lateMinutes, 0);
    assert.deepEqual(a.faults, []);
    assert.equal(a.reports.length, 1);
    assert.equal(a.reports[0].kind, 'first');
    assert.equal(a.reports[0].authorName, 'cast-ent');
    const countyRow = a.chain.find((c: { level: string }) => c.level === 'county');
    assert.ok(countyRow.receivedAt, 'the county receives at once');
    assert.equal(countyRow.regionCode, CAST.county);
    assert.equal(a.waitingAt, 'county');
    assert.ok(a.allowedActions.includes('followUp'));
    assert.ok(!a.allowedActions.includes('forward'), 'the enterprise does not forward');
    // The enterprise sees its own, not the other enterprise's.
    const list = (await t.inject(t.cookies.ent, 'GET', '/api/v1/accidents')).json();
    assert.ok(list.items.every((i: { enterpriseId: string }) => i.enterpriseId === t.enterpriseId));
    // The enterprise's supervision class now counts the accident (enforcement classes, +3 each).
    const [cls] = await t.db.query<{ reasons: { code: string; points: number }[] }>(
      'SELECT reasons FROM enterprise_classes WHERE enterprise_id = $1',
      [t.enterpriseId],
    );
    assert.equal(cls?.reasons.find((r) => r.code === 'accidents')?.points, 3);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1`, [a.id]);
    assert.deepEqual(
      audit.map((x) => x.action),
      ['accident.report'],
    );
  });

  test('an official reports with a 6-digit region and only a unit name', async () => {
    const a = await official({ deaths: 0, seriousInjuries: 0, directLossWanYuan: 12.5 });
    assert.equal(a.regionCode, CAST.county);
    assert.equal(a.enterpriseId, null);
    assert.equal(a.unitName, '某建筑工地');
    assert.equal(a.directLossWanYuan, 12.5);
    assert.ok(a.allowedActions.includes('forward'));
    assert.ok(a.allowedActions.includes('acknowledge'));
    assert.ok(a.allowedActions.includes('startInvestigation'));
    // A near-miss is reported and counted apart, and not investigated.
    const n = await official({ nearMiss: true, description: '脚手架局部坍塌，12 名作业人员被困后全部安全撤出' });
    assert.equal(n.nearMiss, true);
    assert.ok(!n.allowedActions.includes('startInvestigation'));
    assert.equal((await step('county', n.id, 'startInvestigation', { version: n.version })).statusCode, 403);
    const apart = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?nearMiss=true&pageSize=100')).json();
    assert.deepEqual(
      apart.items.map((i: { id: string }) => i.id),
      [n.id],
    );
    const real = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?nearMiss=false&pageSize=100')).json();
    assert.ok(real.items.some((i: { id: string }) => i.id === a.id) && !real.items.some((i: { id: string }) => i.id === n.id));
  });

  test('bad input: 400 with field messages, nothing written', async () => {
    const before = await count();
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/accidents', {
      occurredAt: 'yesterday',
      regionCode: '3205',
      place: '',
      description: 'x',
      deaths: -1,
      seriousInjuries: 1.5,
    });
    assert.equal(res.statusCode, 400);
    const f = res.json().error.fields;
    for (const k of ['occurredAt', 'regionCode', 'place', 'deaths', 'seriousInjuries']) assert.ok(f[k], k);
    assert.equal(f.deaths, '死亡人数不能为负数');
    const future = await t.inject(
      t.cookies.county,
      'POST',
      '/api/v1/accidents',
      base({ unitName: 'x', regionCode: '320582', occurredAt: new Date(Date.now() + 2 * HOUR).toISOString() }),
    );
    assert.equal(future.statusCode, 400);
    assert.ok(future.json().error.fields.occurredAt);
    const outside = await t.inject(t.cookies.county, 'POST', '/api/v1/accidents', base({ unitName: 'x', regionCode: '320583' }));
    assert.equal(outside.statusCode, 400);
    assert.ok(outside.json().error.fields.regionCode);
    const noUnit = await t.inject(t.cookies.county, 'POST', '/api/v1/accidents', base({ regionCode: '320582' }));
    assert.equal(noUnit.statusCode, 400);
    assert.ok(noUnit.json().error.fields.unitName);
    // Learned of it an hour after: the hour's deadline moves only with a reason.
    const learnedAt = ago(HOUR);
    const hourLater = base({ unitName: 'x', regionCode: '320582', occurredAt: ago(2 * HOUR), learnedAt });
    const noReason = await t.inject(t.cookies.county, 'POST', '/api/v1/accidents', hourLater);
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.fields.learnedReason, '获知时间比事故时间晚一小时以上，请说明原因');
    assert.equal(await count(), before);
    const justUnder = await official({ occurredAt: ago(2 * HOUR), learnedAt: ago(HOUR + 60_000) });
    assert.equal(justUnder.learnedReason, null, 'under an hour needs no reason');
    const explained = await official({ ...hourLater, learnedReason: '夜班无人值守，次日交接班时发现' });
    assert.equal(explained.learnedReason, '夜班无人值守，次日交接班时发现');
    assert.equal(explained.learnedAt, learnedAt);
  });

  test('the chain: forward within the window; 越级 county → province with the city skipped; 迟报 computed', async () => {
    const a = await official();
    const waiting = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?waitingMine=true')).json();
    assert.ok(waiting.items.some((i: { id: string }) => i.id === a.id));
    assert.ok(a.forwardBy > new Date().toISOString());
    const fwd = await ok('county', a.id, 'forward', { to: 'city', note: '按规定上报' });
    const county = fwd.chain.find((c: { level: string }) => c.level === 'county');
    const city = fwd.chain.find((c: { level: string }) => c.level === 'city');
    assert.ok(county.forwardedAt);
    assert.equal(county.forwardedTo, 'city');
    assert.equal(county.forwardedByName, 'cast-county');
    assert.equal(county.lateMinutes, 0);
    assert.ok(city.receivedAt);
    assert.equal(city.regionCode, CAST.city);
    assert.equal(fwd.waitingAt, null, 'ordinary: the city is the top');
    assert.ok(!fwd.chain.some((c: { level: string }) => c.level === 'province'), 'only required or reached levels');
    // Forwarding again is not offered: 409 with what is.
    const again = await step('county', a.id, 'forward', { to: 'city', version: fwd.version });
    assert.equal(again.statusCode, 409);
    assert.ok(Array.isArray(again.json().error.allowedActions));
    // A stale version: 409.
    assert.equal((await step('county', a.id, 'acknowledge', { version: fwd.version - 1 })).statusCode, 409);
    // The city acknowledges and notifies the bodies alongside.
    const ack = await ok('city', a.id, 'acknowledge');
    assert.equal(ack.chain.find((c: { level: string }) => c.level === 'city').acknowledgedByName, 'cast-city');
    const par = await ok('city', a.id, 'notifyParallel', { bodies: ['police', 'union'] });
    assert.deepEqual(Object.keys(par.chain.find((c: { level: string }) => c.level === 'city').parallel).sort(), ['police', 'union']);

    const b = await official();
    const skip = await ok('county', b.id, 'forward', { to: 'province' });
    const rows = Object.fromEntries(skip.chain.map((c: { level: string }) => [c.level, c]));
    assert.equal(rows.city.skipped, true);
    assert.equal(rows.city.receivedAt, null);
    assert.ok(rows.province.receivedAt);
    assert.equal(rows.county.forwardedTo, 'province');
    const audit = await t.db.query<{ after: { skipped: string[] } }>(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'accident.forward'`,
      [b.id],
    );
    assert.deepEqual(audit[0]?.after.skipped, ['city']);
    const down = await step('province', b.id, 'forward', { to: 'county', version: skip.version });
    assert.equal(down.statusCode, 409, 'the province has nothing to forward');

    const late = await official({ occurredAt: ago(3 * HOUR + 60_000), learnedAt: ago(3 * HOUR) });
    assert.ok(late.lateMinutes >= 119 && late.lateMinutes <= 121, String(late.lateMinutes));
    assert.deepEqual(
      late.faults.map((f: { fault: string }) => f.fault),
      ['late'],
    );
    const listed = (await t.inject(t.cookies.county, 'GET', `/api/v1/accidents?q=${late.number}`)).json();
    assert.deepEqual(listed.items[0].faults, ['late']);
    assert.equal(late.unit.lateMinutes, late.lateMinutes);
    const detail = await get('county', late.id);
    assert.equal(detail.faults[0].fault, 'late');
    assert.equal(detail.faults[0].minutes, late.lateMinutes);
    // A regulator marks 瞒报 with evidence; 'late' cannot be marked by hand.
    assert.equal((await step('county', late.id, 'markFault', { fault: 'late', evidence: 'x', version: late.version })).statusCode, 400);
    const marked = await ok('county', late.id, 'markFault', { fault: 'concealed', evidence: '群众举报后核实，单位未如实报告伤亡人数' });
    assert.deepEqual(marked.faults.map((f: { fault: string }) => f.fault).sort(), ['concealed', 'late']);
    // An overdue chain step shows in the overdue filter.
    // (the clock moved on three hours since the county received it)
    await t.db.query(`UPDATE accident_chain SET received_at = now() - interval '3 hours' WHERE accident_id = $1 AND level = 'county'`, [
      late.id,
    ]);
    await t.db.query(
      `UPDATE accidents SET grades = jsonb_build_array(jsonb_build_object('grade', grade, 'at', now() - interval '3 hours')) WHERE id = $1`,
      [late.id],
    );
    const overdue = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?overdue=true')).json();
    const row = overdue.items.find((i: { id: string }) => i.id === late.id);
    assert.ok(row, 'in the overdue list');
    assert.equal(row.overdue, true);
    assert.ok(!overdue.items.some((i: { id: string }) => i.id === a.id));
  });

  test('follow-ups regrade up (the chain now needs the province) and down; deaths below confirmed need a reason', async () => {
    const a = await official({ deaths: 1 });
    await ok('county', a.id, 'forward', { to: 'city' });
    const up = await followUp('county', a.id, { deaths: 3 });
    assert.equal(up.statusCode, 200, up.body);
    const u = up.json();
    assert.equal(u.grade, 'major');
    assert.deepEqual(u.gradeBy, ['deaths']);
    assert.equal(u.firstGrade, 'ordinary');
    assert.equal(u.grades.length, 2);
    assert.equal(u.waitingAt, 'city', 'the city must now forward to the province');
    assert.ok(u.chain.find((c: { level: string }) => c.level === 'province').required);
    assert.equal(u.investigation.level, 'city', 'a major accident is the city’s to investigate');
    const fu = u.reports.at(-1);
    assert.equal(fu.kind, 'followUp');
    assert.equal(fu.gradeBefore, 'ordinary');
    assert.equal(fu.gradeAfter, 'major');
    assert.equal(fu.withinWindow, true);
    assert.equal(fu.seriousInjuries, null, 'what the follow-up did not say stays unsaid');
    const cityWaiting = (await t.inject(t.cookies.city, 'GET', '/api/v1/accidents?waitingMine=true')).json();
    assert.ok(cityWaiting.items.some((i: { id: string }) => i.id === a.id));

    const noReason = await followUp('county', a.id, { deaths: 2 });
    assert.equal(noReason.statusCode, 400);
    assert.ok(noReason.json().error.fields.reason);
    const future = await followUp('county', a.id, { at: new Date(Date.now() + HOUR).toISOString(), deaths: 4 });
    assert.equal(future.statusCode, 400);
    assert.ok(future.json().error.fields.at);
    const negative = await followUp('county', a.id, { deaths: -2 });
    assert.equal(negative.statusCode, 400);
    assert.ok(negative.json().error.fields.deaths);
    assert.equal((await get('county', a.id)).reports.length, 2, 'nothing written by the refused follow-ups');

    const down = await followUp('county', a.id, { deaths: 2, reason: '一人经抢救脱险，重复统计已核减' });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal(down.json().grade, 'ordinary');
    assert.equal(down.json().deaths, 2);
    assert.equal(down.json().waitingAt, null);
  });

  test('after the window a follow-up keeps the grade (withinWindow false)', async () => {
    const a = await official({ occurredAt: ago(40 * 24 * HOUR), learnedAt: ago(40 * 24 * HOUR), deaths: 1 });
    assert.equal(a.regradeWindow.days, 30);
    assert.equal(a.regradeWindow.open, false);
    const res = await followUp('county', a.id, { deaths: 4 });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.grade, 'ordinary');
    assert.equal(d.deaths, 1, 'the figures on record stand');
    assert.equal(d.reports.at(-1).withinWindow, false);
    assert.equal(d.reports.at(-1).deaths, 4, 'the later figure kept with its date');
  });

  test('a follow-up dated back into the window does not reopen it: the window is judged on arrival', async () => {
    const a = await official({ occurredAt: ago(40 * 24 * HOUR), learnedAt: ago(40 * 24 * HOUR), deaths: 1 });
    const res = await followUp('county', a.id, { deaths: 40, at: ago(38 * 24 * HOUR) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().grade, 'ordinary');
    assert.equal(res.json().reports.at(-1).withinWindow, false);
  });

  test('a unit reporting late is not lost: 201, and the regulator sees its 迟报', async () => {
    const a = await report('ent', base({ occurredAt: ago(2 * HOUR), minorInjuries: 1 }));
    assert.ok(a.lateMinutes >= 59, `late by ${a.lateMinutes}`);
    const seen = await get('county', a.id);
    assert.deepEqual(
      seen.faults.map((f: { fault: string }) => f.fault),
      ['late'],
    );
    assert.deepEqual((await get('ent', a.id)).faults, [], 'faults and evidence are the regulators’');
  });

  test('the unit does not lower its own figures; a fall needs a reason from the regulator', async () => {
    const a = await report('ent', base({ deaths: 3 }));
    assert.equal(a.grade, 'major');
    const byUnit = await followUp('ent', a.id, { deaths: 0, reason: '.' });
    assert.equal(byUnit.statusCode, 400);
    assert.ok(byUnit.json().error.fields.deaths);
    const noReason = await followUp('county', a.id, { seriousInjuries: 0, deaths: 3, directLossWanYuan: 0 });
    assert.equal(noReason.statusCode, 200, 'unknown → 0 is no fall');
    const lossDown = await followUp('county', a.id, { directLossWanYuan: 0, seriousInjuries: 0 });
    assert.equal(lossDown.statusCode, 200);
    const fall = await followUp('county', a.id, { deaths: 2 });
    assert.equal(fall.statusCode, 400);
    assert.ok(fall.json().error.fields.reason);
    const reasoned = await followUp('county', a.id, { deaths: 2, reason: '一人经抢救生还，此前误报' });
    assert.equal(reasoned.statusCode, 200);
    assert.equal(reasoned.json().grade, 'ordinary');
  });

  test('a near-miss hurts no one; the place is a county or below; the loss has two decimals', async () => {
    const before = await count();
    const nearMiss = await t.inject(
      t.cookies.county,
      'POST',
      '/api/v1/accidents',
      base({ unitName: '某工地', regionCode: '320582', industryCode: '4700', nearMiss: true, deaths: 1 }),
    );
    assert.equal(nearMiss.statusCode, 400);
    assert.ok(nearMiss.json().error.fields.nearMiss);
    const atCity = await t.inject(
      t.cookies.city,
      'POST',
      '/api/v1/accidents',
      base({ unitName: '某工地', regionCode: CAST.city, industryCode: '4700' }),
    );
    assert.equal(atCity.statusCode, 400);
    assert.ok(atCity.json().error.fields.regionCode);
    const cents = await t.inject(
      t.cookies.county,
      'POST',
      '/api/v1/accidents',
      base({ unitName: '某工地', regionCode: '320582', industryCode: '4700', directLossWanYuan: 999.999 }),
    );
    assert.equal(cents.statusCode, 400);
    assert.ok(cents.json().error.fields.directLossWanYuan);
    assert.equal(await count(), before, 'nothing written');
    const calc = await t.inject('', 'POST', '/api/v1/calculators/accident-grade', {
      deaths: 0,
      seriousInjuries: 0,
      directLossWanYuan: 999.999,
    });
    assert.equal(calc.statusCode, 400);
    // A near-miss whose follow-up brings a death is a graded accident, no longer apart.
    const nm = await official({ nearMiss: true, deaths: 0 });
    assert.equal(nm.nearMiss, true);
    const died = await followUp('county', nm.id, { deaths: 1 });
    assert.equal(died.statusCode, 200, died.body);
    assert.equal(died.json().nearMiss, false);
  });

  test('investigation: the right level starts it, pauses, one extension, four-eyes approval, publication', async () => {
    const a = await official({ deaths: 1 });
    assert.equal(a.investigation.level, 'county');
    const byCity = await step('city', a.id, 'startInvestigation', { version: a.version });
    assert.equal(byCity.statusCode, 403, 'the city does not run an ordinary accident’s investigation');
    assert.ok(!byCity.json().error.allowedActions.includes('startInvestigation'));
    assert.ok(byCity.json().error.allowedActions.includes('takeOver'));
    assert.equal((await step('ent', a.id, 'startInvestigation', { version: a.version })).statusCode, 404, 'not the enterprise’s');
    const started = await ok('county', a.id, 'startInvestigation', {
      members: [{ name: '李调查', org: '张家港市应急管理局', role: '组长' }],
    });
    assert.equal(started.status, 'investigating');
    assert.equal(started.investigation.members.length, 1);
    const dueAt = started.investigation.clock.dueAt;
    const paused = await ok('county', a.id, 'pause', { note: '委托技术鉴定' });
    assert.equal(paused.investigation.clock.paused, true);
    assert.ok(paused.allowedActions.includes('resume'));
    const resumed = await ok('county', a.id, 'resume');
    assert.equal(resumed.investigation.clock.paused, false);
    assert.ok(resumed.investigation.clock.dueAt >= dueAt);
    const tooLong = await step('county', a.id, 'extend', { days: 61, version: resumed.version });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.json().error.fields.days);
    const ext = await ok('county', a.id, 'extend', { days: 30, note: '需补充鉴定' });
    assert.equal(ext.investigation.extensionDays, 30);
    const twice = await step('county', a.id, 'extend', { days: 10, version: ext.version });
    assert.equal(twice.statusCode, 409);
    assert.ok(!twice.json().error.allowedActions.includes('extend'));
    const noReport = await step('county', a.id, 'submitReport', { version: ext.version });
    assert.equal(noReport.statusCode, 400);
    const sections = Object.fromEntries(
      ['unit', 'course', 'casualties', 'cause', 'responsibility', 'measures', 'rescue'].map((s) => [s, `${s} 部分内容`]),
    );
    const submitted = await ok('county', a.id, 'submitReport', { report: sections });
    assert.equal(submitted.status, 'submitted');
    assert.ok(submitted.investigation.approvalDue);
    assert.ok(!submitted.allowedActions.includes('approve'), 'not the submitter’s to approve');
    const self = await step('county', a.id, 'approve', { version: submitted.version });
    assert.equal(self.statusCode, 403);
    const awaiting = (await t.inject(county2, 'GET', '/api/v1/accidents?awaitingApproval=true')).json();
    assert.ok(awaiting.items.some((i: { id: string }) => i.id === a.id));
    assert.ok(
      !(await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?awaitingApproval=true'))
        .json()
        .items.some((i: { id: string }) => i.id === a.id),
    );
    const approved = await ok(county2, a.id, 'approve');
    assert.equal(approved.status, 'approved');
    assert.ok(approved.investigation.evaluationDue);
    const published = await ok(county2, a.id, 'publish');
    assert.equal(published.status, 'published');
    const pub = await t.inject('', 'GET', '/api/v1/public/accidents/reports');
    assert.equal(pub.statusCode, 200);
    const item = pub.json().items.find((i: { id: string }) => i.id === a.id);
    assert.ok(item);
    assert.equal(item.report.cause, 'cause 部分内容');
    assert.equal(item.regionName, '张家港市');
    assert.equal(item.reporterName, undefined, 'no personal data');
    const closed = await ok('county', a.id, 'evaluate', { evaluation: '整改措施已落实' });
    assert.equal(closed.status, 'closed');
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [a.id]);
    assert.deepEqual(
      audit.map((x) => x.action),
      [
        'accident.report',
        'accident.startInvestigation',
        'accident.pause',
        'accident.resume',
        'accident.extend',
        'accident.submitReport',
        'accident.approve',
        'accident.publish',
        'accident.evaluate',
      ],
    );
  });

  test('特别重大: the province records the State Council’s investigation; it is in the province’s due and approval lists', async () => {
    const a = await official({ deaths: 30 });
    assert.equal(a.investigation.level, 'national');
    const started = await ok('province', a.id, 'startInvestigation', { members: [{ name: '国务院调查组', org: '国务院', role: '组长' }] });
    assert.equal(started.status, 'investigating');
    const due = (await t.inject(t.cookies.province, 'GET', '/api/v1/accidents?investigationDue=61')).json();
    assert.ok(
      due.items.some((i: { id: string }) => i.id === a.id),
      'in the province’s due list',
    );
    const cityDue = (await t.inject(t.cookies.city, 'GET', '/api/v1/accidents?investigationDue=61')).json();
    assert.ok(!cityDue.items.some((i: { id: string }) => i.id === a.id), 'not the city’s');
    const sections = Object.fromEntries(
      ['unit', 'course', 'casualties', 'cause', 'responsibility', 'measures', 'rescue'].map((s) => [s, `${s} 部分内容`]),
    );
    await ok('province', a.id, 'submitReport', { report: sections });
    await makeUser(t.db, { username: 'cast-province2', role: 'provinceSupervisor', regionCode: CAST.province });
    const province2 = await t.login('cast-province2');
    const awaiting = (await t.inject(province2, 'GET', '/api/v1/accidents?awaitingApproval=true')).json();
    assert.ok(
      awaiting.items.some((i: { id: string }) => i.id === a.id),
      'in another province officer’s approval list',
    );
    const own = (await t.inject(t.cookies.province, 'GET', '/api/v1/accidents?awaitingApproval=true')).json();
    assert.ok(!own.items.some((i: { id: string }) => i.id === a.id), 'not in the submitter’s');
    assert.equal((await ok(province2, a.id, 'approve')).status, 'approved');
  });

  test('the approved report opens the unit’s penalty case, Art. 114 by the grade', async () => {
    const a = await report('ent', base({ minorInjuries: 1 }));
    const open = (extra: Record<string, unknown> = {}) =>
      t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/cases', {
        enterpriseId: t.enterpriseId,
        title: '事故责任案',
        accidentId: a.id,
        ...extra,
      });
    const early = await open();
    assert.equal(early.statusCode, 400, 'not before the report is approved');
    assert.ok(early.json().error.fields.accidentId);
    await ok('county', a.id, 'startInvestigation');
    const sections = Object.fromEntries(
      ['unit', 'course', 'casualties', 'cause', 'responsibility', 'measures', 'rescue'].map((s) => [s, `${s} 部分内容`]),
    );
    await ok('county', a.id, 'submitReport', { report: sections });
    await ok(county2, a.id, 'approve');
    const stranger = await open({ enterpriseId: t.otherEnterpriseId });
    assert.equal(stranger.statusCode, 400, 'an accident of another enterprise');
    const made = await open();
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().article, '114');
    assert.equal(made.json().accidentId, a.id);
    assert.equal(made.json().accidentGrade, 'ordinary');
    const d = await get('county', a.id);
    assert.deepEqual(
      d.cases.map((c: { id: string }) => c.id),
      [made.json().id],
    );
  });

  test('scene photos: the unit adds them, the county sees them, a sibling county does not, a non-image is refused', async () => {
    const a = await report('ent', base({ minorInjuries: 1 }));
    const upload = (cookie: string, content: Buffer, type = 'image/png') => {
      const f = multipartFile('scene.png', content, type);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/accidents/${a.id}/photos`,
        headers: { cookie, ...f.headers },
        payload: f.payload,
      });
    };
    const up = await upload(t.cookies.ent, makePng(40, 30));
    assert.equal(up.statusCode, 201, up.body);
    const { key } = up.json();
    assert.deepEqual((await get('county', a.id)).attachments, [key]);
    const seen = await t.app.inject({ url: `/api/v1/accidents/${a.id}/photos/${key}`, headers: { cookie: t.cookies.county } });
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.headers['content-type'], 'image/png');
    const sibling = await t.app.inject({ url: `/api/v1/accidents/${a.id}/photos/${key}`, headers: { cookie: t.cookies.kunshan } });
    assert.equal(sibling.statusCode, 404);
    assert.equal((await upload(t.cookies.kunshan, makePng(10, 10))).statusCode, 404, 'a sibling county cannot add one');
    const other = await t.app.inject({ url: `/api/v1/accidents/${a.id}/photos/${a.id}`, headers: { cookie: t.cookies.county } });
    assert.equal(other.statusCode, 404, 'only this accident’s photos are served through it');
    assert.equal((await upload(t.cookies.ent, Buffer.from('not an image'), 'text/plain')).statusCode, 400);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'accident.photo'",
      [a.id],
    );
    assert.equal(audit[0]?.n, 1);
  });

  test('a higher level takes over', async () => {
    const a = await official();
    const taken = await ok('city', a.id, 'takeOver', { note: '社会影响较大，提级调查' });
    assert.equal(taken.investigation.level, 'city');
    const countyNow = await get('county', a.id);
    assert.ok(!countyNow.allowedActions.includes('startInvestigation'));
    const started = await ok('city', a.id, 'startInvestigation');
    assert.equal(started.status, 'investigating');
  });

  test('a take-over holds through a regrade up and back down', async () => {
    const a = await official();
    await ok('city', a.id, 'takeOver', { note: '提级调查' });
    const up = await followUp('county', a.id, { deaths: 10 });
    assert.equal(up.json().investigation.level, 'province', 'a 重大 accident is the province’s');
    const down = await followUp('county', a.id, { deaths: 0, reason: '经核实，死亡人数此前重复统计' });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal(down.json().grade, 'ordinary');
    assert.equal(down.json().investigation.level, 'city', 'back down to the city that took it over, not the county');
  });

  test('补报 after 终报 while the window is open; a report with an ID card number is not published', async () => {
    const a = await official({ deaths: 1 });
    const ended = await ok('county', a.id, 'endReporting');
    assert.ok(ended.allowedActions.includes('followUp'), 'casualties may still change within 30 days');
    const late = await followUp('county', a.id, { deaths: 3 });
    assert.equal(late.statusCode, 200, late.body);
    assert.equal(late.json().grade, 'major');
    const b = await official({ deaths: 1 });
    await ok('county', b.id, 'startInvestigation');
    const sections = Object.fromEntries(
      ['unit', 'course', 'casualties', 'cause', 'responsibility', 'measures', 'rescue'].map((s) => [s, `${s} 部分内容`]),
    );
    await ok('county', b.id, 'submitReport', { report: { ...sections, responsibility: '责任人张某（身份证号320582198001011234）' } });
    await ok(county2, b.id, 'approve');
    const refused = await step(county2, b.id, 'publish', { version: (await get(county2, b.id)).version });
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.json().error.fields['report.responsibility']);
    assert.equal((await get(county2, b.id)).status, 'approved', 'nothing published');
  });

  test('scope: a sibling county neither sees nor reaches it; the city sees both', async () => {
    const mine = await official();
    const theirs = await report('kunshan', base({ unitName: '昆山某厂', regionCode: '320583' }));
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/accidents/${mine.id}`)).statusCode, 404);
    assert.equal((await step('kunshan', mine.id, 'acknowledge', { version: mine.version })).statusCode, 404);
    const kList = (await t.inject(t.cookies.kunshan, 'GET', '/api/v1/accidents?pageSize=100')).json();
    assert.ok(!kList.items.some((i: { id: string }) => i.id === mine.id));
    assert.ok(kList.items.some((i: { id: string }) => i.id === theirs.id));
    const zList = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents?pageSize=100')).json();
    assert.ok(!zList.items.some((i: { id: string }) => i.id === theirs.id));
    const cityList = (await t.inject(t.cookies.city, 'GET', '/api/v1/accidents?pageSize=100')).json();
    assert.ok(cityList.items.some((i: { id: string }) => i.id === mine.id));
    assert.ok(cityList.items.some((i: { id: string }) => i.id === theirs.id));
    assert.equal(cityList.total, cityList.items.length);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `/api/v1/accidents/${mine.id}`)).statusCode, 404);
  });

  test('lessons: pushed to the industry in the jurisdiction, acknowledged with the self-inspection; the regulator sees who has not', async () => {
    const admin = t.cookies.admin;
    const mk = async (n: number, region: string, industryCode: string) => {
      const res = await t.inject(admin, 'POST', '/api/v1/enterprises', enterpriseBody(n, region, { industryCode }));
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const same1 = await mk(9101, CAST.town, '2619');
    const same2 = await mk(9102, CAST.county, '2611');
    await mk(9103, CAST.town, '4700');
    await makeUser(t.db, { username: 'cast-same1', role: 'enterpriseAdmin', enterpriseId: same1 });
    const same1Cookie = await t.login('cast-same1');
    const a = await report('ent', base());
    const pushed = await ok('county', a.id, 'pushLesson', { text: '某企业冲压机误动作致伤，请立即自查冲压设备安全联锁' });
    assert.equal(pushed.lessons.length, 1);
    assert.equal(pushed.lessons[0].targets, 2, 'the two other 26xx enterprises of the county, not the unit itself nor Kunshan’s');
    assert.equal(pushed.lessons[0].sentByName, 'cast-county');

    const entLessons = (await t.inject(same1Cookie, 'GET', '/api/v1/accidents/lessons')).json();
    assert.equal(entLessons.items.length, 1);
    const l = entLessons.items[0];
    assert.equal(l.accidentNumber, a.number);
    assert.equal(l.unitName, a.unitName);
    assert.equal(l.acknowledgedAt, null);
    // The enterprise still cannot read the accident itself.
    assert.equal((await t.inject(same1Cookie, 'GET', `/api/v1/accidents/${a.id}`)).statusCode, 404);
    assert.equal((await t.inject(same1Cookie, 'GET', '/api/v1/accidents/lessons?pending=true')).json().items.length, 1);

    const empty = await t.inject(same1Cookie, 'POST', `/api/v1/accidents/lessons/${l.lessonId}/acknowledge`, { selfInspection: '' });
    assert.equal(empty.statusCode, 400);
    const ack = await t.inject(same1Cookie, 'POST', `/api/v1/accidents/lessons/${l.lessonId}/acknowledge`, {
      selfInspection: '已检查 12 台冲压机的双手按钮和光幕，2 台光幕失效已停用维修',
    });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.ok(ack.json().acknowledgedAt);
    const twice = await t.inject(same1Cookie, 'POST', `/api/v1/accidents/lessons/${l.lessonId}/acknowledge`, { selfInspection: 'x' });
    assert.equal(twice.statusCode, 409);
    assert.equal(
      (await t.inject(t.cookies.otherEnt, 'POST', `/api/v1/accidents/lessons/${l.lessonId}/acknowledge`, { selfInspection: 'x' }))
        .statusCode,
      404,
    );
    assert.equal((await t.inject(same1Cookie, 'GET', '/api/v1/accidents/lessons?pending=true')).json().items.length, 0);

    const reg = (await t.inject(t.cookies.county, 'GET', '/api/v1/accidents/lessons')).json();
    const mineL = reg.items.find((x: { lessonId: string }) => x.lessonId === l.lessonId);
    assert.equal(mineL.targets, 2);
    assert.equal(mineL.acknowledged, 1);
    assert.equal(mineL.accidentNumber, a.number);
    const targets = (await t.inject(t.cookies.county, 'GET', `/api/v1/accidents/lessons/${l.lessonId}/targets`)).json().items;
    const pending = targets.filter((x: { acknowledgedAt: string | null }) => !x.acknowledgedAt);
    assert.deepEqual(
      pending.map((x: { enterpriseId: string }) => x.enterpriseId),
      [same2],
    );
    assert.ok(targets.find((x: { enterpriseId: string }) => x.enterpriseId === same1).selfInspection.includes('光幕'));
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/accidents/lessons/${l.lessonId}/targets`)).statusCode, 404);
    assert.equal((await t.inject(same1Cookie, 'GET', `/api/v1/accidents/lessons/${l.lessonId}/targets`)).statusCode, 403);
  });

  test('the workbench counts are the list’s totals', async () => {
    const county: Actor = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const items = await readScoped(t.db, county.scope, (tx) => accidentWorkItems(county, county.scope, tx));
    assert.deepEqual(
      items.map((i) => i.kind),
      [
        'accidents.overdue',
        'accidents.waitingMine',
        'accidents.unacknowledged',
        'accidents.investigationDue',
        'accidents.awaitingApproval',
        'accidents.needsInspection',
      ],
    );
    for (const i of items) {
      const list = (await t.inject(t.cookies.county, 'GET', `${i.apiPath}?${new URLSearchParams(i.query)}`)).json();
      assert.equal(i.count, list.total, i.kind);
    }
    assert.ok((items.find((i) => i.kind === 'accidents.waitingMine')?.count ?? 0) > 0);
    assert.ok((items.find((i) => i.kind === 'accidents.overdue')?.count ?? 0) > 0);
    const ent: Actor = {
      id: t.ids.ent,
      username: 'cast-ent',
      role: 'enterpriseAdmin',
      scope: { regionPrefix: CAST.town, industries: null, enterpriseId: t.enterpriseId },
    };
    const entItems = await readScoped(t.db, ent.scope, (tx) => accidentWorkItems(ent, ent.scope, tx));
    assert.deepEqual(
      entItems.map((i) => i.kind),
      ['accidents.lessons'],
    );
    const entList = (await t.inject(t.cookies.ent, 'GET', '/api/v1/accidents/lessons?pending=true')).json();
    assert.equal(entItems[0]?.count, entList.items.length);
  });
});
