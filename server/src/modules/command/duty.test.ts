// 值班与简报 through the service and the HTTP API, on both databases: who is on duty across a shift
// boundary (a fake clock), the officer sees new signals at once and the others after the delay
// setting, another county sees nothing, the log's entries and handover (409 after it, 403 for one
// not on duty), bilingual 400s with nothing written, the briefing PDF's counts without any case's
// person, and the audit events. Owner: duty.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorOf, USER_ACTOR_COLUMNS, USER_ACTOR_FROM, type UserRow } from '../../auth/actor.ts';
import { CAST, type CastApp, makeUser, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { dutySignals, dutyToday } from './duty-service.ts';

const BJ = (s: string) => new Date(`${s}+08:00`);

describe('command duty', () => {
  let t: CastApp;
  let county2: string;
  let county2Id: string;
  const actor = async (id: string) =>
    actorOf((await t.db.query<UserRow>(`SELECT ${USER_ACTOR_COLUMNS} ${USER_ACTOR_FROM} WHERE u.id = $1`, [id]))[0] as UserRow);
  const shift = async (person: string, from: Date, to: Date, userId: string | null, region: string = CAST.county) => {
    const [s] = await t.db.query<{ id: string }>(
      `INSERT INTO emergency_duty_shifts (owner_kind, region_code, person_name, role, phone, starts_at, ends_at)
       VALUES ('government', $1, $2, 'officer', '0512-58000001', $3, $4) RETURNING id`,
      [region, person, from.toISOString(), to.toISOString()],
    );
    if (userId) await t.db.query('INSERT INTO command_duty_officers (shift_id, user_id) VALUES ($1, $2)', [s?.id, userId]);
    return s?.id as string;
  };
  const signal = async (title: string, minutesAgo: number, region: string = CAST.town) => {
    const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await t.db.query(
      `INSERT INTO command_signals (source_type, source_id, domain, region_code, title, occurred_at, stage_due_at, created_at)
       VALUES ('hotline', gen_random_uuid()::text, 'safety', $1, $2, $3, $3::timestamptz + interval '1 hour', $3)`,
      [region, title, at],
    );
  };

  before(async () => {
    t = await openCastApp();
    county2Id = await makeUser(t.db, { username: 'cast-county2', role: 'countySupervisor', regionCode: CAST.county });
    county2 = await t.login('cast-county2');
    // A shift far ahead with a boundary at 08:00, and one holding now for cast-county.
    await shift('张值班', BJ('2030-01-07T08:00:00'), BJ('2030-01-08T08:00:00'), t.ids.county);
    await shift('李值班', BJ('2030-01-08T08:00:00'), BJ('2030-01-09T08:00:00'), county2Id);
    await shift('王值班', new Date(Date.now() - 3_600_000), new Date(Date.now() + 20 * 3_600_000), t.ids.county);
  });
  after(() => t.close());

  test('who is on duty across a shift boundary (fake clock)', async () => {
    const a = await actor(t.ids.county);
    const b = await actor(county2Id);
    const before0800 = BJ('2030-01-08T07:59:59');
    const at0800 = BJ('2030-01-08T08:00:00');
    assert.equal((await dutyToday(t.db, a, before0800)).isOfficer, true);
    assert.equal((await dutyToday(t.db, b, before0800)).isOfficer, false);
    assert.equal((await dutyToday(t.db, a, at0800)).isOfficer, false);
    const now = await dutyToday(t.db, b, at0800);
    assert.equal(now.isOfficer, true);
    assert.deepEqual(
      now.onDutyNow.map((s) => s.personName),
      ['李值班'],
    );
    // The officer's signals start at the shift's start; a signal before it is not new for them.
    const s = await dutySignals(t.db, b, at0800);
    assert.equal(s.since, at0800.toISOString());
  });

  test('new signals: the officer at once, the others after 15 minutes, another county never', async () => {
    await signal('新信号五分钟', 5);
    await signal('新信号三十分钟', 30);
    await signal('班前信号', 120);
    await signal('昆山信号', 1, CAST.otherTown);
    const titles = async (cookie: string) => {
      const res = await t.inject(cookie, 'GET', '/api/v1/command/duty/signals');
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { title: string }[]).map((i) => i.title);
    };
    assert.deepEqual(await titles(t.cookies.county), ['新信号五分钟', '新信号三十分钟']);
    const other = await titles(county2);
    assert.ok(other.includes('新信号三十分钟'));
    assert.ok(!other.includes('新信号五分钟'));
    assert.ok(!(await titles(t.cookies.kunshan)).some((x) => x.startsWith('新信号')));
    assert.equal((await t.inject(t.cookies.ent, 'GET', '/api/v1/command/duty/signals')).statusCode, 403);
    // The 工作台 of the officer names the new signals.
    const wb = await t.inject(t.cookies.county, 'GET', '/api/v1/workbench');
    const item = (wb.json().items as { kind: string; count: number }[]).find((i) => i.kind === 'cmDuty.newSignals');
    assert.equal(item?.count, 2);
  });

  test('the log: entries, bilingual 400, handover by the officer only, 409 after', async () => {
    const today = await t.inject(t.cookies.county, 'GET', '/api/v1/command/duty');
    assert.equal(today.statusCode, 200, today.body);
    assert.equal(today.json().isOfficer, true);
    assert.deepEqual(today.json().log.allowedActions, ['addEntry', 'handOver']);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/command/duty/log/entries',
      headers: { cookie: t.cookies.county, 'accept-language': 'en' },
      payload: { kind: 'gossip', text: '' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields.kind, 'Choose the kind of entry');
    assert.equal(bad.json().error.fields.text, 'Write the text');
    const badZh = await t.inject(t.cookies.county, 'POST', '/api/v1/command/duty/log/entries', { kind: 'note' });
    assert.equal(badZh.json().error.fields.text, '请填写内容');
    const [{ n: none }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM command_duty_entries')) as [{ n: number }];
    assert.equal(none, 0);
    const add = await t.inject(t.cookies.county, 'POST', '/api/v1/command/duty/log/entries', {
      kind: 'call',
      text: '接群众电话反映某厂异味',
    });
    assert.equal(add.statusCode, 201, add.body);
    const sup = await t.inject(county2, 'POST', '/api/v1/command/duty/log/entries', { kind: 'instruction', text: '请值班员核实' });
    assert.equal(sup.statusCode, 201, sup.body);
    assert.equal((await t.inject(t.cookies.grid, 'POST', '/api/v1/command/duty/log/entries', { kind: 'note', text: 'x' })).statusCode, 403);
    const log = sup.json();
    assert.equal(
      (await t.inject(county2, 'POST', '/api/v1/command/duty/log/handover', { note: '无', version: log.version })).statusCode,
      403,
    );
    const ho = await t.inject(t.cookies.county, 'POST', '/api/v1/command/duty/log/handover', {
      note: '异味已核实，交下一班跟踪',
      version: log.version,
    });
    assert.equal(ho.statusCode, 200, ho.body);
    assert.equal(ho.json().state, 'handedOver');
    assert.deepEqual(ho.json().allowedActions, []);
    assert.equal(ho.json().entries.length, 3);
    const again = await t.inject(t.cookies.county, 'POST', '/api/v1/command/duty/log/handover', {
      note: '再交',
      version: ho.json().version,
    });
    assert.equal(again.statusCode, 409);
    assert.equal(
      (await t.inject(t.cookies.county, 'POST', '/api/v1/command/duty/log/entries', { kind: 'note', text: '晚了' })).statusCode,
      409,
    );
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE 'cmDuty.%' ORDER BY seq`);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['cmDuty.addEntry', 'cmDuty.addEntry', 'cmDuty.handOver'],
    );
    const texts = await t.db.query<{ a: string }>(`SELECT coalesce(after::text, '') AS a FROM audit_events WHERE action LIKE 'cmDuty.%'`);
    assert.ok(texts.every((x) => !x.a.includes('异味')));
  });

  test('the daily briefing: the day’s counts, the officers, the log; no person of a case; scope', async () => {
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/command/briefings', { day: '2026/1/1' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.day);
    for (const [method, url, body] of [
      ['GET', '/api/v1/command/duty/log?day=2026-02-31', undefined],
      ['POST', '/api/v1/command/briefings', { day: '2026-02-31' }],
    ] as const) {
      const r = await t.inject(t.cookies.county, method, url, body);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.fields.day, '日期不存在');
    }
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const gen = await t.inject(t.cookies.county, 'POST', '/api/v1/command/briefings', { day });
    assert.equal(gen.statusCode, 201, gen.body);
    assert.match(gen.json().number, /值班简〔\d{4}〕\d+号/);
    const pdf = await t.inject(t.cookies.county, 'GET', `/api/v1/command/briefings/${gen.json().id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = pdfText(pdf.rawPayload);
    assert.ok(text.includes('值班每日简报'), text);
    assert.ok(text.includes('王值班'), text);
    assert.ok(text.includes('当日新收集信号'), text);
    assert.ok(text.includes('热线来电'), text);
    assert.ok(text.includes('接群众电话反映某厂异味'), text);
    assert.ok(text.includes('当日已完成交接班'), text);
    assert.ok(text.includes('新增报告传染病病例0例') || /新增报告传染病病例\d+例/.test(text), text);
    assert.ok(!/[A-Za-z]{3,}/.test(text.replace(/\d/g, '')), text);
    const list = await t.inject(t.cookies.county, 'GET', '/api/v1/command/briefings');
    assert.equal(list.json().items.length, 1);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', '/api/v1/command/briefings')).json().items.length, 0);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/command/briefings/${gen.json().id}/pdf`)).statusCode, 404);
    const [ev] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'cmDuty.generateBriefing'`);
    assert.equal(ev?.n, 1);
  });

  test('linking a shift to a user: only this government’s roster and a user of the jurisdiction', async () => {
    const own = await shift('赵值班', BJ('2030-02-01T08:00:00'), BJ('2030-02-02T08:00:00'), null);
    const other = await shift('钱值班', BJ('2030-02-01T08:00:00'), BJ('2030-02-02T08:00:00'), null, CAST.otherCounty);
    const url = '/api/v1/command/duty/officers';
    const foreign = await t.inject(t.cookies.county, 'POST', url, { shiftId: other, userId: county2Id });
    assert.ok([400, 404].includes(foreign.statusCode), foreign.body);
    const outsider = await t.inject(t.cookies.county, 'POST', url, { shiftId: own, userId: t.ids.kunshan });
    assert.equal(outsider.statusCode, 400);
    assert.equal(outsider.json().error.fields.userId, '请选择本辖区的用户');
    // A user of the jurisdiction who may not keep duty (the township's grid worker).
    const noDuty = await t.inject(t.cookies.county, 'POST', url, { shiftId: own, userId: t.ids.grid });
    assert.equal(noDuty.statusCode, 400, noDuty.body);
    assert.equal(noDuty.json().error.fields.userId, '该用户不能担任值班员');
    const ok = await t.inject(t.cookies.county, 'POST', url, { shiftId: own, userId: county2Id });
    assert.equal(ok.statusCode, 200, ok.body);
    const [row] = await t.db.query<{ user_id: string }>('SELECT user_id FROM command_duty_officers WHERE shift_id = $1', [own]);
    assert.equal(row?.user_id, county2Id);
    // The page's choices are exactly those the rule accepts: the jurisdiction's supervisors.
    const candidates = (await t.inject(t.cookies.county, 'GET', '/api/v1/command/duty')).json().officerCandidates as { id: string }[];
    const ids = candidates.map((c) => c.id);
    assert.ok(ids.includes(county2Id));
    assert.ok(!ids.includes(t.ids.grid), 'no grid worker');
    assert.ok(!ids.includes(t.ids.kunshan), 'no one of another county');
  });
});
