// 突发公共卫生事件 through the HTTP API, on both databases: cluster detection at its threshold
// (merged cases excluded) and idempotent, scope (another county sees nothing), the state machine's
// 409s, bilingual 400s with nothing written, contacts masked per role and never in the audit, the
// reporting chain, reports (closing closes), tasks (done/cancel/assign), audit in the transaction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CAST, type CastApp, makeUser, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { runPhEventsJobs } from './events-jobs.ts';

const DAY = 86_400_000;

describe('health events', () => {
  let t: CastApp;
  let cdc = '';
  let n = 0;
  before(async () => {
    t = await openCastApp();
    await t.db.query(
      `INSERT INTO ph_diseases (code, name_zh, name_en) VALUES ('covid19', '新型冠状病毒感染', 'COVID-19') ON CONFLICT (code) DO NOTHING`,
    );
    await makeUser(t.db, { username: 'cast-cdc', role: 'cdcReviewer', regionCode: CAST.county });
    cdc = await t.login('cast-cdc');
  });
  after(() => t.close());

  const addCase = async (daysAgo: number, status = 'reviewed', region: string = CAST.town, disease = 'covid19') => {
    const at = new Date(Date.now() - daysAgo * DAY).toISOString();
    n++;
    const [r] = await t.db.query<{ id: string }>(
      `INSERT INTO ph_cases (number, disease_code, classification, diagnosed_at, reported_at, deadline_at, region_code, report_region_code,
         facility_id, person_sealed, person_masked, person_key, status, review_due_at)
       VALUES ($1, $7, 'confirmed', $2, $2, $2, $3, $3, $4, 'sealed', '{"name":"张*"}', $5, $6, $2) RETURNING id`,
      [`EV-${n}`, at, region, t.enterpriseId, `key-${n}`, status, disease],
    );
    return r?.id as string;
  };
  const get = async (cookie: string, url: string, status = 200) => {
    const res = await t.inject(cookie, 'GET', url);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const post = async (cookie: string, url: string, body: unknown, status = 200) => {
    const res = await t.inject(cookie, 'POST', url, body);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const count = async (sql: string) => Number((await t.db.query<{ c: number }>(sql))[0]?.c);

  let eventId = '';

  test('detection: N-1 cases and a merged one raise nothing; N raise one signal, once', async () => {
    for (let i = 0; i < 4; i++) await addCase(i + 1);
    await addCase(1, 'merged');
    await addCase(8); // outside the 7-day window
    assert.deepEqual(await runPhEventsJobs(t.db), { signals: 0 });
    await addCase(2);
    assert.deepEqual(await runPhEventsJobs(t.db), { signals: 1 });
    assert.deepEqual(await runPhEventsJobs(t.db), { signals: 0 });
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_events WHERE origin = 'cluster'`), 1);
    const [e] = await t.db.query<{ id: string; status: string }>(`SELECT id, status FROM ph_events WHERE origin = 'cluster'`);
    eventId = e?.id as string;
    assert.equal(e?.status, 'signal');
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_event_cases WHERE event_id = '${eventId}'`), 5);
    assert.equal(await count(`SELECT count(*)::int AS c FROM audit_events WHERE action = 'phEvents.detect'`), 1);
  });

  test('scope: another county and an enterprise see nothing', async () => {
    assert.equal((await get(t.cookies.kunshan, '/api/v1/health-events')).total, 0);
    await get(t.cookies.kunshan, `/api/v1/health-events/${eventId}`, 404);
    await get(t.cookies.ent, '/api/v1/health-events', 403);
    const mine = await get(t.cookies.county, '/api/v1/health-events?status=signal');
    assert.equal(mine.total, 1);
    assert.deepEqual(mine.items[0].allowedActions, ['view', 'confirm', 'dismiss']);
    assert.deepEqual((await get(t.cookies.town, '/api/v1/health-events')).items[0].allowedActions, ['view']);
  });

  test('confirm: stale version and wrong state are 409, township 403', async () => {
    await post(t.cookies.county, `/api/v1/health-events/${eventId}/confirm`, { version: 99 }, 409);
    await post(t.cookies.town, `/api/v1/health-events/${eventId}/confirm`, { version: 1 }, 403);
    const e = await post(t.cookies.county, `/api/v1/health-events/${eventId}/confirm`, { version: 1 });
    assert.equal(e.status, 'confirmed');
    await post(t.cookies.county, `/api/v1/health-events/${eventId}/confirm`, { version: e.version }, 409);
    assert.equal(
      await count(`SELECT count(*)::int AS c FROM audit_events WHERE action = 'phEvents.confirm' AND entity_id = '${eventId}'`),
      1,
    );
  });

  test('grade from facts, chain steps in order, reports, close', async () => {
    const detail = await get(t.cookies.county, `/api/v1/health-events/${eventId}`);
    const g = await post(cdc, `/api/v1/health-events/${eventId}/grade`, {
      version: detail.version,
      facts: { disease: 'B', cases: 6 },
    });
    assert.equal(g.grade, 'IV');
    const s1 = await post(t.cookies.county, `/api/v1/health-events/${eventId}/chain-steps`, { note: '电话报告' });
    assert.equal(s1.chain[0].step, 'county');
    assert.ok(s1.chain[0].doneAt);
    assert.equal(s1.nextStep, 'countyGov');
    assert.equal(s1.chain.length, 5);
    // Closing without an initial report: 409.
    await post(
      t.cookies.county,
      `/api/v1/health-events/${eventId}/reports`,
      { kind: 'closing', content: '疫情已得到控制，全部病例治愈。' },
      409,
    );
    const bad = await t.inject(t.cookies.county, 'POST', `/api/v1/health-events/${eventId}/reports`, { kind: 'initial', content: '短' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().fields?.content ?? bad.json().error?.fields?.content, bad.body);
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_event_reports`), 0);
    const r1 = await post(cdc, `/api/v1/health-events/${eventId}/reports`, {
      kind: 'initial',
      content: '某镇发现新冠病毒感染聚集性病例 6 例，已开展流调。',
      affected: 6,
    });
    assert.equal(r1.reports[0].kind, 'initial');
    // The official number of document type phEventReport: （county）卫应报〔year〕serial号.
    assert.match(r1.reports[0].docNumber, /^（.+）卫应报〔\d{4}〕1号$/);
    const pdfUrl = `/api/v1/health-events/${eventId}/reports/${r1.reports[0].id}/pdf`;
    const pdf = await t.inject(cdc, 'GET', pdfUrl);
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.ok(text.includes(r1.reports[0].docNumber.replace(/\s+/g, '')), text);
    assert.ok(text.includes('初次报告'), text);
    assert.ok(text.includes('已开展流调'), text);
    assert.ok(text.includes('卫生健康委员会'), text);
    assert.ok(!text.includes('张*'), 'no person in the report');
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', pdfUrl)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.ent, 'GET', pdfUrl)).statusCode, 403);
    assert.equal((await t.inject(cdc, 'GET', `/api/v1/health-events/${eventId}/reports/${eventId}/pdf`)).statusCode, 404);
    assert.ok(r1.allowedActions.includes('reportProgress'));
    assert.ok(!r1.allowedActions.includes('close'), 'the CDC reviewer does not close');
    assert.ok(r1.allowedActions.includes('addTask'));
  });

  test('the chain: the county records its own reports, the city its report to the province, the province the national one', async () => {
    for (const step of ['countyGov', 'city']) {
      const s = await post(t.cookies.county, `/api/v1/health-events/${eventId}/chain-steps`, {});
      assert.equal(s.chain.find((x: { step: string }) => x.step === step)?.doneAt !== null, true, step);
    }
    // Next is the city's report to the province: the county may not record it, nor is it offered.
    const atCounty = await get(t.cookies.county, `/api/v1/health-events/${eventId}`);
    assert.equal(atCounty.nextStep, 'province');
    assert.ok(!atCounty.allowedActions.includes('recordChainStep'));
    await post(t.cookies.county, `/api/v1/health-events/${eventId}/chain-steps`, {}, 403);
    const byCity = await post(t.cookies.city, `/api/v1/health-events/${eventId}/chain-steps`, {});
    assert.equal(byCity.nextStep, 'national');
    await post(t.cookies.city, `/api/v1/health-events/${eventId}/chain-steps`, {}, 403);
    const byProvince = await post(t.cookies.province, `/api/v1/health-events/${eventId}/chain-steps`, {});
    assert.equal(byProvince.nextStep, null);
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_event_chain_steps WHERE event_id = '${eventId}'`), 5);
  });

  test('contacts: sealed, masked for all but the CDC reviewer, never in the audit', async () => {
    const phone = '13912345678';
    await post(t.cookies.town, `/api/v1/health-events/${eventId}/contacts`, {
      name: '王小明',
      phone,
      relation: '同事',
      followUpUntil: '2099-01-01',
    });
    const bad = await t.inject(t.cookies.county, 'POST', `/api/v1/health-events/${eventId}/contacts`, { name: '', phone: 'x' });
    assert.equal(bad.statusCode, 400);
    const county = await get(t.cookies.county, `/api/v1/health-events/${eventId}`);
    assert.equal(county.contacts.length, 1);
    assert.equal(county.contacts[0].name, '王**');
    assert.equal(county.contacts[0].phone, '139****5678');
    assert.equal(county.contacts[0].followingUp, true);
    const reviewer = await get(cdc, `/api/v1/health-events/${eventId}`);
    assert.equal(reviewer.contacts[0].name, '王小明');
    assert.equal(reviewer.contacts[0].phone, phone);
    assert.equal(
      await count(`SELECT count(*)::int AS c FROM ph_event_contacts WHERE sealed LIKE '%${phone}%' OR masked::text LIKE '%${phone}%'`),
      0,
    );
    assert.equal(
      await count(
        `SELECT count(*)::int AS c FROM audit_events WHERE coalesce(after::text, '') LIKE '%${phone}%' OR coalesce(after::text, '') LIKE '%王小明%'`,
      ),
      0,
    );
  });

  test('tasks: add, list, assign, done, cancel; 409 when no longer open; another county sees none', async () => {
    const due = new Date(Date.now() - 3_600_000).toISOString();
    const e = await post(t.cookies.county, `/api/v1/health-events/${eventId}/tasks`, {
      kind: 'sampling',
      title: '采集密接咽拭子',
      dueAt: due,
    });
    assert.equal(e.tasks.length, 1);
    const bad = await t.inject(t.cookies.county, 'POST', `/api/v1/health-events/${eventId}/tasks`, {
      kind: 'nope',
      title: 'x',
      dueAt: 'y',
    });
    assert.equal(bad.statusCode, 400);
    await post(t.cookies.county, `/api/v1/health-events/${eventId}/tasks`, { kind: 'followUp', title: '密接医学观察随访', dueAt: due });
    const list = await get(t.cookies.county, '/api/v1/health-tasks?overdue=1');
    assert.equal(list.total, 2);
    assert.equal((await get(t.cookies.kunshan, '/api/v1/health-tasks')).total, 0);
    const [a, b] = list.items;
    const people = await get(t.cookies.county, `/api/v1/health-tasks/assignees?regionCode=${a.regionCode}`);
    assert.ok(people.items.some((u: { id: string }) => u.id === t.ids.town));
    assert.ok(!people.items.some((u: { id: string }) => u.id === t.ids.kunshan));
    assert.equal((await get(t.cookies.kunshan, `/api/v1/health-tasks/assignees?regionCode=${a.regionCode}`)).items.length, 0);
    await post(t.cookies.county, `/api/v1/health-tasks/${a.id}/assign`, { assigneeId: t.ids.kunshan }, 400);
    const assigned = await post(t.cookies.county, `/api/v1/health-tasks/${a.id}/assign`, { assigneeId: t.ids.town });
    assert.equal(assigned.assigneeId, t.ids.town);
    const mine = await get(t.cookies.town, '/api/v1/health-tasks?mine=1');
    assert.equal(mine.total, 1);
    assert.deepEqual(mine.items[0].allowedActions, ['done']);
    await post(t.cookies.town, `/api/v1/health-tasks/${b.id}/done`, {}, 403);
    const done = await post(t.cookies.town, `/api/v1/health-tasks/${a.id}/done`, { note: '已采样 3 份' });
    assert.equal(done.status, 'done');
    await post(t.cookies.county, `/api/v1/health-tasks/${a.id}/cancel`, {}, 409);
    assert.equal((await post(t.cookies.county, `/api/v1/health-tasks/${b.id}/cancel`, {})).status, 'cancelled');
    assert.equal(
      await count(
        `SELECT count(*)::int AS c FROM audit_events WHERE action IN ('phEvents.doneTask', 'phEvents.cancelTask', 'phEvents.assignTask')`,
      ),
      3,
    );
  });

  test('closing report closes the event; a manual event is created confirmed; 400 on bad fields', async () => {
    const closed = await post(t.cookies.county, `/api/v1/health-events/${eventId}/reports`, {
      kind: 'closing',
      content: '末例病例后 14 天无新增，事件结束。',
      affected: 6,
    });
    assert.equal(closed.status, 'closed');
    assert.deepEqual(closed.allowedActions, ['view']);
    // A closed cluster event does not come back while its cases stay in the window.
    assert.deepEqual(await runPhEventsJobs(t.db), { signals: 0 });
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/health-events', { title: '', kind: 'foodPoisoning' });
    assert.equal(bad.statusCode, 400);
    const before = await count('SELECT count(*)::int AS c FROM ph_events');
    await post(
      t.cookies.kunshan,
      '/api/v1/health-events',
      { title: '学校食物中毒', kind: 'foodPoisoning', regionCode: CAST.town, occurredAt: new Date().toISOString() },
      403,
    );
    assert.equal(await count('SELECT count(*)::int AS c FROM ph_events'), before);
    const m = await post(
      t.cookies.county,
      '/api/v1/health-events',
      {
        title: '某小学食物中毒',
        kind: 'foodPoisoning',
        regionCode: CAST.town,
        occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        affected: 35,
      },
      201,
    );
    assert.equal(m.status, 'confirmed');
    assert.equal(m.origin, 'manual');
    const g = await post(t.cookies.county, `/api/v1/health-events/${m.id}/grade`, { version: m.version, facts: { cases: 35 } });
    assert.equal(g.grade, 'IV');
    assert.equal(g.gradeCriterion, 'poisoning30to99');
    assert.equal(g.chain.at(-1).step, 'national');
  });

  test('event numbers: two counties each create one, both 201 with distinct numbers in the Beijing year', async () => {
    const body = (regionCode: string) => ({
      title: '学校食物中毒事件',
      kind: 'foodPoisoning',
      regionCode,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const a = await post(t.cookies.county, '/api/v1/health-events', body(CAST.town), 201);
    const b = await post(t.cookies.kunshan, '/api/v1/health-events', body(CAST.otherTown), 201);
    const c = await post(t.cookies.kunshan, '/api/v1/health-events', body(CAST.otherTown), 201);
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);
    for (const x of [a, b, c]) assert.match(x.number, new RegExp(`^PHE-${year}-\\d{4}$`));
    assert.equal(new Set([a.number, b.number, c.number]).size, 3);
  });

  test('a report with too many affected is a 400 on the field, nothing written', async () => {
    const m = await post(
      t.cookies.county,
      '/api/v1/health-events',
      { title: '某中学食物中毒', kind: 'foodPoisoning', regionCode: CAST.town, occurredAt: new Date().toISOString() },
      201,
    );
    const before = await count('SELECT count(*)::int AS c FROM ph_event_reports');
    const res = await t.inject(t.cookies.county, 'POST', `/api/v1/health-events/${m.id}/reports`, {
      kind: 'initial',
      content: '初次报告内容初次报告内容',
      affected: 3_000_000_000,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(res.json().error.fields.affected);
    assert.equal(await count('SELECT count(*)::int AS c FROM ph_event_reports'), before);
  });

  test('linking a case: only a live case of the event disease', async () => {
    await t.db.query(
      `INSERT INTO ph_diseases (code, name_zh, name_en) VALUES ('measles', '麻疹', 'Measles') ON CONFLICT (code) DO NOTHING`,
    );
    const e = await post(
      t.cookies.county,
      '/api/v1/health-events',
      {
        title: '新冠聚集性疫情',
        kind: 'infectiousOutbreak',
        diseaseCode: 'covid19',
        regionCode: CAST.town,
        occurredAt: new Date().toISOString(),
      },
      201,
    );
    for (const caseId of [await addCase(1, 'revoked'), await addCase(1, 'merged'), await addCase(1, 'reported', CAST.town, 'measles')]) {
      const res = await t.inject(t.cookies.county, 'POST', `/api/v1/health-events/${e.id}/cases`, { caseId });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json().error.fields.caseId);
    }
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_event_cases WHERE event_id = '${e.id}'`), 0);
    await post(t.cookies.county, `/api/v1/health-events/${e.id}/cases`, { caseId: await addCase(1, 'returned') });
    assert.equal(await count(`SELECT count(*)::int AS c FROM ph_event_cases WHERE event_id = '${e.id}'`), 1);
  });

  test('lists are paged in SQL with a true total; the 工作台 counts equal the lists', async () => {
    const all = await get(t.cookies.county, '/api/v1/health-events?pageSize=200');
    assert.ok(all.total >= 3);
    const p1 = await get(t.cookies.county, '/api/v1/health-events?page=1&pageSize=2');
    const p2 = await get(t.cookies.county, '/api/v1/health-events?page=2&pageSize=2');
    assert.equal(p1.total, all.total);
    assert.equal(p1.items.length, 2);
    assert.deepEqual(
      [...p1.items, ...p2.items].map((x: { id: string }) => x.id),
      all.items.slice(0, 4).map((x: { id: string }) => x.id),
    );
    await get(t.cookies.county, '/api/v1/health-events?pageSize=1000', 400);
    const due = await get(t.cookies.county, '/api/v1/health-events?chain=due');
    assert.ok(due.total >= 1);
    for (const x of due.items) assert.ok(x.stepsDone < x.stepsTotal && ['confirmed', 'responding'].includes(x.status));
    const wb = (await get(t.cookies.county, '/api/v1/workbench')).items as { kind: string; count: number }[];
    const item = (k: string) => wb.find((w) => w.kind === k)?.count ?? 0;
    assert.equal(item('phEvents.chainDue'), due.total);
    assert.equal(item('phEvents.signals'), (await get(t.cookies.county, '/api/v1/health-events?status=signal')).total);
    assert.equal(item('phEvents.overdueTasks'), (await get(t.cookies.county, '/api/v1/health-tasks?overdue=1')).total);
    const tasks = await get(t.cookies.county, '/api/v1/health-tasks?page=1&pageSize=1');
    assert.ok(tasks.items.length <= 1);
    assert.equal(tasks.total, (await get(t.cookies.county, '/api/v1/health-tasks?pageSize=200')).total);
  });
});
