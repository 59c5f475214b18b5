// Accountability through the HTTP API, on both databases: the 约谈 triggers each level sees (a city
// its counties, a province its cities, a county nothing — and never the decision about itself), the
// decision opening a draft 约谈, the record's steps with its number, PDF and working-day deadline,
// responsibility lists with versions and gaps, officials' work items, 巡查 coverage and findings,
// bad input refused in both languages with nothing written, every change audited, and the 工作台
// counts equal to their lists' totals.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Actor, addWorkingDays } from '@taishan/domain';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/working-calendar.ts';
import { accountabilityWorkItems } from './workbench.ts';

type Who = keyof CastApp['cookies'];
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const API = '/api/v1/accountability';

describe('accountability', () => {
  let t: CastApp;
  let n = 0;
  const accident = async (region: string, grade: string, daysAgo: number, deaths = 0) => {
    n += 1;
    const [r] = await t.db.query<{ id: string }>(
      `INSERT INTO accidents (number, region_code, unit_name, reporter_kind, place, description, grade, first_grade, investigating_level,
                              occurred_at, learned_at, deaths)
       VALUES ($1, $2, $3, 'official', '车间', '事故经过', $4, $4, 'county', $5, $5, $6) RETURNING id`,
      [`SGT${n}`, region, `测试单位${n}`, grade, ago(daysAgo), deaths],
    );
    return r?.id as string;
  };
  const get = async (who: Who, url: string) => {
    const res = await t.inject(t.cookies[who], 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const send = (who: Who, method: string, url: string, body?: unknown) => t.inject(t.cookies[who], method, url, body);
  const audits = async (action: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]))[0]?.n ?? 0;
  const bilingual400 = (res: { statusCode: number; body: string }, field: string) => {
    assert.equal(res.statusCode, 400, res.body);
    const f = JSON.parse(res.body).error?.fieldMessages?.[field];
    assert.ok(f, `${field} in ${res.body}`);
    assert.ok(f.zh && f.en && f.zh !== f.en, `bilingual: ${JSON.stringify(f)}`);
  };
  const workbench = async (who: Who, role: Actor['role'], prefix: string) => {
    const actor: Actor = {
      id: t.ids[who],
      username: `cast-${who}`,
      role,
      scope: { regionPrefix: prefix, industries: null, enterpriseId: null },
    };
    return readScoped(t.db, actor.scope, (tx) => accountabilityWorkItems(actor, actor.scope, tx));
  };

  before(async () => {
    t = await openCastApp();
    // Three 较大 accidents in Suzhou within six months (two counties); one older than the lookback;
    // three fatal ordinary accidents in Kunshan within six months; a near miss never counts.
    await accident(CAST.town, 'major', 100);
    await accident(CAST.town, 'major', 10);
    await accident(CAST.otherTown, 'major', 50);
    await accident(CAST.town, 'major', 400);
    await accident(CAST.otherTown, 'ordinary', 150, 1);
    await accident(CAST.otherTown, 'ordinary', 90, 1);
    await accident(CAST.otherTown, 'ordinary', 20, 2);
    await accident(CAST.otherTown, 'ordinary', 5, 0);
  });
  after(() => t.close());

  test('requires authentication; enterprises and grid workers are refused', async () => {
    assert.equal((await t.inject('', 'GET', `${API}/triggers`)).statusCode, 401);
    assert.equal((await send('ent', 'GET', `${API}/records`)).statusCode, 403);
    assert.equal((await send('grid', 'GET', `${API}/triggers`)).statusCode, 403);
    assert.equal((await send('ent', 'POST', `${API}/officials`, { name: 'x', position: 'y' })).statusCode, 403);
  });

  test('who sees which triggers: the city its counties, the province its cities, a county none', async () => {
    const city = await get('city', `${API}/triggers`);
    assert.equal(city.summonedLevel, 'county');
    const rules = city.items.map((i: { rule: string; targetRegion: string }) => `${i.rule}@${i.targetRegion}`).sort();
    assert.deepEqual(rules, [
      `county.fatalOrdinary@${CAST.otherCounty}`,
      `county.major@${CAST.county}`,
      `county.major@${CAST.county}`,
      `county.major@${CAST.otherCounty}`,
    ]);
    const fatal = city.items.find((i: { rule: string }) => i.rule === 'county.fatalOrdinary');
    assert.equal(fatal.accidents.length, 3);
    assert.equal(fatal.provisional, true);
    assert.deepEqual(fatal.allowedActions, ['summon', 'dismiss']);
    const province = await get('province', `${API}/triggers`);
    assert.equal(province.summonedLevel, 'city');
    assert.deepEqual(
      province.items.map((i: { rule: string; targetRegion: string }) => `${i.rule}@${i.targetRegion}`),
      [`city.major3in6m@${CAST.city}`],
    );
    const county = await get('county', `${API}/triggers`);
    assert.equal(county.summonedLevel, null);
    assert.deepEqual(county.items, []);
    // A department inspector reads but decides nothing.
    const insp = await get('inspector', `${API}/triggers`);
    assert.deepEqual(insp.items, []);
  });

  test('a decision: bad input 400 in both languages with nothing written; a county may not decide; summon opens a draft 约谈 only the city sees', async () => {
    const city = await get('city', `${API}/triggers?pending=true`);
    const fatal = city.items.find((i: { rule: string }) => i.rule === 'county.fatalOrdinary');
    const before = await audits('accountabilityTrigger.decide');
    bilingual400(await send('city', 'POST', `${API}/triggers/decide`, { key: fatal.key, decision: 'dismiss' }), 'reason');
    bilingual400(await send('city', 'POST', `${API}/triggers/decide`, { key: fatal.key, decision: 'maybe' }), 'decision');
    bilingual400(await send('city', 'POST', `${API}/triggers/decide`, { decision: 'summon' }), 'key');
    assert.equal((await send('county', 'POST', `${API}/triggers/decide`, { key: fatal.key, decision: 'summon' })).statusCode, 403);
    assert.equal((await send('city', 'POST', `${API}/triggers/decide`, { key: 'county.major:000:x', decision: 'summon' })).statusCode, 404);
    assert.equal(await audits('accountabilityTrigger.decide'), before);
    const res = await send('city', 'POST', `${API}/triggers/decide`, { key: fatal.key, decision: 'summon' });
    assert.equal(res.statusCode, 200, res.body);
    const { recordId } = res.json();
    assert.ok(recordId);
    assert.equal(
      (await send('city', 'POST', `${API}/triggers/decide`, { key: fatal.key, decision: 'dismiss', reason: '重复' })).statusCode,
      409,
    );
    assert.equal(await audits('accountabilityTrigger.decide'), before + 1);
    const after = await get('city', `${API}/triggers?pending=true`);
    assert.equal(after.total, city.total - 1);
    const all = await get('city', `${API}/triggers`);
    assert.equal(all.items.find((i: { key: string }) => i.key === fatal.key).decision.recordId, recordId);
    // The summoned county reads neither the record nor the decision; Kunshan is the county concerned.
    assert.equal((await send('kunshan', 'GET', `${API}/records/${recordId}`)).statusCode, 404);
    assert.equal((await get('kunshan', `${API}/records`)).total, 0);
    const [d] = await t.db.query<{ region_code: string }>(
      'SELECT region_code FROM accountability_trigger_decisions WHERE trigger_key = $1',
      [fatal.key],
    );
    assert.equal(d?.region_code, CAST.city);
    const rec = await get('city', `${API}/records/${recordId}`);
    assert.equal(rec.status, 'draft');
    assert.equal(rec.targetRegion, CAST.otherCounty);
    assert.equal(rec.accidents.length, 3);
    assert.deepEqual(rec.allowedActions, ['edit', 'issue', 'cancel']);
    assert.deepEqual((await get('province', `${API}/records/${recordId}`)).allowedActions, []);
  });

  test('the 约谈 from draft to closure: number, PDF, the written report due in 5 working days, audit of each step', async () => {
    const created = await send('city', 'POST', `${API}/records`, {
      kind: 'interview',
      targetRegion: CAST.county,
      reason: '张家港市近期连续发生较大事故',
      summoned: [],
    });
    assert.equal(created.statusCode, 201, created.body);
    let r = created.json();
    const step = async (action: string, body: Record<string, unknown> = {}, status = 200) => {
      const res = await send('city', 'POST', `${API}/records/${r.id}/steps/${action}`, { version: r.version, ...body });
      assert.equal(res.statusCode, status, `${action}: ${res.body}`);
      if (status === 200) r = res.json();
      return res;
    };
    bilingual400(await step('issue', {}, 400), 'summoned');
    const edited = await send('city', 'PATCH', `${API}/records/${r.id}`, {
      version: r.version,
      summoned: [{ name: '王某某', position: '张家港市人民政府副市长' }],
      summonedBy: '苏州市人民政府副市长',
      scheduledAt: new Date(Date.now() + DAY).toISOString(),
      place: '市政府第一会议室',
    });
    assert.equal(edited.statusCode, 200, edited.body);
    r = edited.json();
    // Not possible yet: 409 with nothing changed; another county: 404; the summoned county: 404.
    await step('receiveReport', { note: 'x' }, 409);
    assert.equal((await send('county', 'POST', `${API}/records/${r.id}/steps/issue`, { version: r.version })).statusCode, 404);
    await step('issue');
    assert.equal(r.status, 'issued');
    assert.match(r.number, /^苏州市安委办约〔\d{4}〕1号$/);
    assert.deepEqual(r.allowedActions, ['recordMeeting', 'cancel']);
    const pdf = await send('city', 'GET', `${API}/records/${r.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
    const heldAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    bilingual400(await step('recordMeeting', { heldAt }, 400), 'issues');
    bilingual400(await step('recordMeeting', { heldAt: 'yesterday' }, 400), 'heldAt');
    await step('recordMeeting', { heldAt, issues: '安全生产责任落实不到位', measures: '开展为期三个月的专项整治' });
    assert.equal(r.status, 'held');
    assert.equal(r.reportDays, 5);
    assert.equal(r.reportDueOn, addWorkingDays(await workingCalendar(t.db), todayInShanghai(new Date(heldAt)), 5));
    assert.deepEqual(r.allowedActions, ['receiveReport', 'followUp', 'publish']);
    await step('followUp', { note: '已督促' });
    assert.equal(r.followUps.length, 1);
    await step('receiveReport', { note: '报告已收到：整改措施十条' });
    await step('publish');
    assert.ok(r.publishedAt);
    await step('close', { note: '整改到位' });
    assert.equal(r.status, 'closed');
    assert.deepEqual(r.allowedActions, []);
    for (const a of ['create', 'edit', 'issue', 'recordMeeting', 'followUp', 'receiveReport', 'publish', 'close']) {
      assert.ok((await audits(`accountabilityRecord.${a}`)) >= 1, a);
    }
    const pub = await t.inject('', 'GET', '/api/v1/public/accountability/records');
    assert.equal(pub.statusCode, 200);
    const item = pub.json().items.find((x: { id: string }) => x.id === r.id);
    assert.ok(item);
    assert.ok(!JSON.stringify(item).includes('王某某'), 'no persons on the public list');
    // A target outside the city, or the city itself, is refused.
    bilingual400(
      await send('city', 'POST', `${API}/records`, { kind: 'circular', targetRegion: '110101000000', reason: 'x' }),
      'targetRegion',
    );
    bilingual400(await send('city', 'POST', `${API}/records`, { kind: 'circular', targetRegion: CAST.city, reason: 'x' }), 'targetRegion');
  });

  test('a yellow card overdue is a 工作台 item whose count equals its list', async () => {
    const res = await send('city', 'POST', `${API}/records`, {
      kind: 'yellowCard',
      targetRegion: CAST.otherCounty,
      reason: '隐患整改不力',
    });
    let r = res.json();
    const issued = await send('city', 'POST', `${API}/records/${r.id}/steps/issue`, { version: r.version });
    r = issued.json();
    assert.match(r.number, /安委办警/);
    assert.ok(r.reportDueOn);
    await t.db.query('UPDATE accountability_records SET report_due_on = current_date - 3 WHERE id = $1', [r.id]);
    const list = await get('city', `${API}/records?overdue=true`);
    assert.equal(list.total, 1);
    const items = await workbench('city', 'citySupervisor', '3205');
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i.count]));
    assert.equal(byKind['accountability.reportsOverdue'], list.total);
    assert.equal(byKind['accountability.triggers'], (await get('city', `${API}/triggers?pending=true`)).total);
    // A county decides no trigger: no such item on its 工作台 (it never learns of the decision about itself).
    assert.ok(!(await workbench('county', 'countySupervisor', '320582')).some((i) => i.kind === 'accountability.triggers'));
  });

  test('a circular closes once issued; an interview is cancelled before its meeting with the reason; the province only reads', async () => {
    const c = (await send('city', 'POST', `${API}/records`, { kind: 'circular', targetRegion: CAST.county, reason: '事故通报' })).json();
    const issued = (await send('city', 'POST', `${API}/records/${c.id}/steps/issue`, { version: c.version })).json();
    assert.match(issued.number, /安委办通/);
    assert.deepEqual(issued.allowedActions, ['close', 'publish']);
    const closed = await send('city', 'POST', `${API}/records/${c.id}/steps/close`, { version: issued.version });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    const i = (
      await send('city', 'POST', `${API}/records`, {
        kind: 'interview',
        targetRegion: CAST.otherCounty,
        reason: '约谈',
        summoned: [{ name: '张某', position: '副县长' }],
      })
    ).json();
    const before = await audits('accountabilityRecord.cancel');
    bilingual400(await send('city', 'POST', `${API}/records/${i.id}/steps/cancel`, { version: i.version }), 'note');
    assert.equal(await audits('accountabilityRecord.cancel'), before);
    assert.equal(
      (await send('province', 'POST', `${API}/records/${i.id}/steps/cancel`, { version: i.version, note: 'x' })).statusCode,
      403,
    );
    const cancelled = await send('city', 'POST', `${API}/records/${i.id}/steps/cancel`, { version: i.version, note: '情况已变化' });
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal((await send('city', 'POST', `${API}/records/${i.id}/steps/cancel`, { version: i.version, note: 'x' })).statusCode, 409);
    assert.equal(await audits('accountabilityRecord.cancel'), before + 1);
  });

  test('responsibility lists: versions with who and when, the department’s industries, gaps, resolution', async () => {
    const before = await get('county', `${API}/responsibilities`);
    assert.ok(before.gaps.some((g: { countyCode: string; division: string }) => g.countyCode === '320582' && g.division === '26'));
    const dept = before.departments.find((d: { id: string }) => d.id === t.departmentId);
    assert.deepEqual(dept.allowedActions, ['edit']);
    assert.equal(dept.version, 0);
    const body = { industries: ['26', '25'], duties: [{ category: 'industry', text: '负责化工行业安全监管' }], baseVersion: 0 };
    bilingual400(await send('county', 'PUT', `${API}/responsibilities/${t.departmentId}`, { ...body, industries: ['2'] }), 'industries.0');
    bilingual400(
      await send('county', 'PUT', `${API}/responsibilities/${t.departmentId}`, { ...body, duties: [{ category: 'x', text: 'y' }] }),
      'duties.0.category',
    );
    assert.equal((await send('city', 'PUT', `${API}/responsibilities/${t.departmentId}`, body)).statusCode, 403);
    assert.equal((await send('kunshan', 'PUT', `${API}/responsibilities/${t.departmentId}`, body)).statusCode, 404);
    assert.equal(await audits('responsibility.save'), 0);
    const saved = await send('county', 'PUT', `${API}/responsibilities/${t.departmentId}`, body);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 1);
    assert.equal((await send('county', 'PUT', `${API}/responsibilities/${t.departmentId}`, body)).statusCode, 409);
    await send('county', 'PUT', `${API}/responsibilities/${t.departmentId}`, { ...body, industries: ['26'], baseVersion: 1 });
    const history = await get('county', `${API}/responsibilities/${t.departmentId}/history`);
    assert.deepEqual(
      history.items.map((h: { version: number }) => h.version),
      [2, 1],
    );
    assert.equal(history.items[1].savedByName, 'cast-county');
    const [d] = await t.db.query<{ industries: string[] }>('SELECT industries FROM departments WHERE id = $1', [t.departmentId]);
    assert.deepEqual(d?.industries, ['26']);
    const after = await get('county', `${API}/responsibilities`);
    assert.ok(!after.gaps.some((g: { countyCode: string; division: string }) => g.countyCode === '320582' && g.division === '26'));
    const sup = await get('ent', `${API}/enterprises/${t.enterpriseId}/supervisors`);
    assert.deepEqual(
      sup.departments.map((x: { id: string }) => x.id),
      [t.departmentId],
    );
    assert.equal((await send('ent', 'GET', `${API}/enterprises/${t.otherEnterpriseId}/supervisors`)).statusCode, 404);
    assert.equal(await audits('responsibility.save'), 2);
  });

  test('officials: a level manages its own; work items due are a 工作台 item; completion with evidence', async () => {
    bilingual400(await send('county', 'POST', `${API}/officials`, { name: '', position: '区长' }), 'name');
    const res = await send('county', 'POST', `${API}/officials`, {
      name: '李某',
      position: '副市长（分管安全生产）',
      duties: ['分管应急管理工作'],
    });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json();
    assert.equal(o.regionCode, CAST.county);
    assert.deepEqual(o.allowedActions, ['edit', 'addWork']);
    const year = Number(todayInShanghai().slice(0, 4));
    const due = todayInShanghai(new Date(Date.now() + 10 * DAY));
    const w = await send('county', 'POST', `${API}/officials/${o.id}/work-items`, { year, title: '组织安全生产大检查', dueOn: due });
    assert.equal(w.statusCode, 201, w.body);
    assert.equal((await send('city', 'POST', `${API}/officials/${o.id}/work-items`, { year, title: 'x' })).statusCode, 403);
    assert.equal((await send('kunshan', 'GET', `${API}/officials/${o.id}`)).statusCode, 404);
    const list = await get('county', `${API}/work-items?due=30`);
    assert.equal(list.total, 1);
    const items = await workbench('county', 'countySupervisor', '320582');
    assert.equal(items.find((i) => i.kind === 'accountability.workDue')?.count, list.total);
    const item = w.json();
    bilingual400(
      await send('county', 'POST', `${API}/work-items/${item.id}/complete`, { doneOn: '2026-13-01', evidence: 'x', version: 1 }),
      'doneOn',
    );
    const done = await send('county', 'POST', `${API}/work-items/${item.id}/complete`, {
      doneOn: todayInShanghai(),
      evidence: '检查记录 12 份',
      version: 1,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().allowedActions, []);
    const detail = await get('city', `${API}/officials/${o.id}`);
    assert.equal(detail.workDone, 1);
    assert.deepEqual(detail.allowedActions, []);
    assert.equal(await audits('officialWork.complete'), 1);
  });

  test('巡查: a round covers each county and department once; visits; findings overdue and fixed', async () => {
    bilingual400(
      await send('city', 'POST', `${API}/tours`, { term: '2026', title: '年度巡查', startsOn: '2026-03-01', endsOn: '2026-01-01' }),
      'endsOn',
    );
    const res = await send('city', 'POST', `${API}/tours`, {
      term: '2026',
      title: '2026 年度安全生产巡查',
      startsOn: '2026-03-01',
      endsOn: '2026-12-31',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { id } = res.json();
    let round = await get('city', `${API}/tours/${id}`);
    const total = round.coverage.total;
    assert.ok(total >= 2);
    assert.equal(round.coverage.notPlanned.length, total);
    bilingual400(await send('city', 'POST', `${API}/tours/${id}/targets`, { kind: 'government', regionCode: CAST.town }), 'regionCode');
    const tg = await send('city', 'POST', `${API}/tours/${id}/targets`, {
      kind: 'government',
      regionCode: CAST.county,
      plannedOn: '2026-05-01',
    });
    assert.equal(tg.statusCode, 201, tg.body);
    bilingual400(await send('city', 'POST', `${API}/tours/${id}/targets`, { kind: 'government', regionCode: CAST.county }), 'regionCode');
    assert.equal(
      (await send('county', 'POST', `${API}/tours/${id}/targets`, { kind: 'government', regionCode: CAST.otherCounty })).statusCode,
      404,
    );
    const targetId = tg.json().id;
    assert.equal(
      (
        await send('city', 'POST', `${API}/tour-targets/${targetId}/visit`, {
          visitedOn: '2026-05-02',
          summary: '听取汇报，抽查企业 5 家',
          version: 1,
        })
      ).statusCode,
      200,
    );
    const f = await send('city', 'POST', `${API}/tour-targets/${targetId}/findings`, {
      text: '重大隐患挂牌督办不及时',
      fixDueOn: '2026-06-30',
    });
    assert.equal(f.statusCode, 201, f.body);
    round = await get('city', `${API}/tours/${id}`);
    assert.equal(round.coverage.visited, 1);
    assert.equal(round.coverage.notVisited.length, total - 1);
    assert.ok(!round.coverage.notVisited.some((x: { key: string }) => x.key === CAST.county));
    const overdue = await get('city', `${API}/tour-findings?overdue=true`);
    assert.equal(overdue.total, 1);
    const items = await workbench('city', 'citySupervisor', '3205');
    assert.equal(items.find((i) => i.kind === 'accountability.findingsOverdue')?.count, overdue.total);
    const fixed = await send('city', 'POST', `${API}/tour-findings/${f.json().id}/fix`, {
      fixedOn: todayInShanghai(),
      note: '已整改',
      version: 1,
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal((await get('city', `${API}/tour-findings?overdue=true`)).total, 0);
    assert.equal(await audits('tourFinding.fix'), 1);
  });

  test('a yellow card published while issued and then cancelled leaves the public list', async () => {
    const created = await send('city', 'POST', `${API}/records`, {
      kind: 'yellowCard',
      targetRegion: CAST.county,
      reason: '重大隐患挂牌督办整改不力',
    });
    assert.equal(created.statusCode, 201, created.body);
    let r = created.json();
    const step = async (action: string, body: Record<string, unknown> = {}) => {
      const res = await send('city', 'POST', `${API}/records/${r.id}/steps/${action}`, { version: r.version, ...body });
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
      r = res.json();
    };
    const publicIds = async () => {
      const res = await t.inject('', 'GET', '/api/v1/public/accountability/records');
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items.map((x: { id: string }) => x.id);
    };
    await step('issue');
    assert.equal(r.status, 'issued');
    // A yellow card may be published and cancelled while issued (domain RECORD_TRANSITIONS).
    assert.ok(r.allowedActions.includes('publish') && r.allowedActions.includes('cancel'), JSON.stringify(r.allowedActions));
    await step('publish');
    assert.ok(r.publishedAt);
    assert.ok((await publicIds()).includes(r.id), 'published: on the public list');
    await step('cancel', { note: '警示对象认定有误，予以撤销' });
    assert.equal(r.status, 'cancelled');
    assert.ok(!(await publicIds()).includes(r.id), 'cancelled: no longer on the public list');
    // Other published records stay: the 约谈 closed above is still shown.
    assert.ok((await publicIds()).length >= 1);
  });
});
