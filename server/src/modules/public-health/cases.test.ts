// 传染病报告 over HTTP: bilingual field errors (bad ID, onset after diagnosis, disease not in force)
// with nothing written; a reporter of another facility sees and does nothing; masking for every
// role in list and detail; the review window; the investigation task; a duplicate merged with its
// trail; the audit and the stored row hold no person in clear.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { idCheckChar } from '@taishan/domain';
import { creditCode, makeUser, openTestApp, type TestApp } from '../../test/harness.ts';
import { seedDiseaseReference } from './diseases-service.ts';

const HOUR = 3_600_000;
const id17 = '32130219850615123';
const GOOD_ID = id17 + idCheckChar(id17);
const BAD_ID = id17 + (idCheckChar(id17) === '0' ? '1' : '0');
const NAME = '张三丰';

describe('health cases', () => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let town1 = '';
  let town2 = '';
  before(async () => {
    t = await openTestApp();
    await seedDiseaseReference(t.db);
    const towns = await t.db.query<{ code: string }>(
      "SELECT code FROM regions WHERE parent_code = '321302000000' AND level = 'township' ORDER BY code LIMIT 2",
    );
    town1 = towns[0]?.code as string;
    town2 = towns[1]?.code as string;
    const fac = async (n: number, region: string) => {
      const [e] = await t.db.query<{ id: string }>(
        `INSERT INTO enterprises (credit_code, name, region_code, industry_code) VALUES ($1, $2, $3, '8423') RETURNING id`,
        [creditCode(7000 + n, region.slice(0, 6)), `卫生院${n}`, region],
      );
      await t.db.query("INSERT INTO ph_facilities (enterprise_id, kind) VALUES ($1, 'clinic')", [e?.id]);
      return e?.id as string;
    };
    const fa = await fac(1, town1);
    const fb = await fac(2, town2);
    await makeUser(t.db, { username: 'repA', role: 'medicalReporter', regionCode: town1, enterpriseId: fa });
    await makeUser(t.db, { username: 'repB', role: 'medicalReporter', regionCode: town2, enterpriseId: fb });
    await makeUser(t.db, { username: 'cdcIn', role: 'cdcReviewer', regionCode: '321302000000' });
    await makeUser(t.db, { username: 'cdcOut', role: 'cdcReviewer', regionCode: '321311000000' });
    await makeUser(t.db, { username: 'countyS', role: 'countySupervisor', regionCode: '321302000000' });
    await makeUser(t.db, { username: 'cityS', role: 'citySupervisor', regionCode: '321300000000' });
    for (const u of ['admin', 'repA', 'repB', 'cdcIn', 'cdcOut', 'countyS', 'cityS']) c[u] = await t.login(u);
  });
  after(() => t.close());

  const body = (extra: Record<string, unknown> = {}, person: Record<string, unknown> = {}) => ({
    diseaseCode: 'covid19',
    classification: 'confirmed',
    onsetAt: new Date(Date.now() - 30 * HOUR).toISOString(),
    diagnosedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    regionCode: town1,
    sex: 'male',
    ageYears: 41,
    person: { name: NAME, idType: 'resident', idNumber: GOOD_ID, phone: '13812345678', ...person },
    ...extra,
  });
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ph_cases'))[0]?.n;
  const post = (who: string, url: string, payload: unknown, lang = 'zh') =>
    t.app.inject({ method: 'POST', url, headers: { cookie: c[who] as string, 'accept-language': lang }, payload: payload as object });

  test('bilingual 400 on the field, nothing written', async () => {
    for (const [payload, field] of [
      [body({}, { idNumber: BAD_ID }), 'person.idNumber'],
      [body({ onsetAt: new Date(Date.now() - HOUR).toISOString() }), 'onsetAt'],
      [body({ diseaseCode: 'h1n1' }), 'diseaseCode'],
    ] as const) {
      for (const lang of ['zh', 'en']) {
        const res = await post('repA', '/api/v1/health-cases', payload, lang);
        assert.equal(res.statusCode, 400, res.body);
        const msg = res.json().error.fields[field] as string;
        assert.ok(msg, res.body);
        assert.equal(/[\u4e00-\u9fa5]/.test(msg), lang === 'zh', msg);
      }
    }
    assert.equal(await count(), 0);
    const byCdc = await post('cdcIn', '/api/v1/health-cases', body());
    assert.equal(byCdc.statusCode, 403);
    assert.equal(await count(), 0);
  });

  let caseId = '';
  test('a confirmed report: deadline, review window, investigation task, sealed person, clean audit', async () => {
    const res = await post('repA', '/api/v1/health-cases', body());
    assert.equal(res.statusCode, 201, res.body);
    const k = res.json();
    caseId = k.id;
    assert.equal(k.person.name, NAME);
    assert.equal(k.late, false);
    assert.equal(new Date(k.deadlineAt).getTime() - new Date(k.diagnosedAt).getTime(), 24 * HOUR);
    assert.equal(new Date(k.reviewDueAt).getTime() - new Date(k.reportedAt).getTime(), 24 * HOUR);
    assert.deepEqual(k.allowedActions, ['revoke', 'reclassify']);
    const [task] = await t.db.query<{ due_at: Date; region_code: string }>(
      "SELECT due_at, region_code FROM ph_tasks WHERE case_id = $1 AND kind = 'investigation'",
      [caseId],
    );
    assert.ok(task);
    assert.equal(new Date(task.due_at).getTime() - new Date(k.diagnosedAt).getTime(), 24 * HOUR);
    assert.equal(task.region_code, town1);
    const [row] = await t.db.query<{ person_sealed: string; person_key: string }>(
      'SELECT person_sealed, person_key FROM ph_cases WHERE id = $1',
      [caseId],
    );
    assert.ok(row && !row.person_sealed.includes(NAME) && !row.person_sealed.includes(GOOD_ID) && !row.person_key.includes(GOOD_ID));
    const audits = await t.db.query<{ s: string }>(
      "SELECT coalesce(before::text, '') || coalesce(after::text, '') AS s FROM audit_events WHERE entity_type = 'phCase'",
    );
    assert.ok(audits.length > 0);
    for (const a of audits) assert.ok(!a.s.includes(NAME) && !a.s.includes(GOOD_ID) && !a.s.includes('13812345678'), a.s);
  });

  test('masking for every role in list and detail; another facility sees nothing', async () => {
    const want: Record<string, 'clear' | 'masked' | 'none'> = {
      repA: 'clear',
      cdcIn: 'clear',
      repB: 'none',
      cdcOut: 'none',
      countyS: 'masked',
      cityS: 'masked',
      admin: 'masked',
    };
    for (const [who, w] of Object.entries(want)) {
      const list = await t.inject(c[who] as string, 'GET', '/api/v1/health-cases');
      assert.equal(list.statusCode, 200, `${who} ${list.body}`);
      const item = list.json().items.find((i: { id: string }) => i.id === caseId);
      const detail = await t.inject(c[who] as string, 'GET', `/api/v1/health-cases/${caseId}`);
      if (w === 'none') {
        assert.equal(item, undefined, who);
        assert.equal(detail.statusCode, 404, who);
        continue;
      }
      for (const k of [item, detail.json()]) {
        assert.equal(k.person.name, w === 'clear' ? NAME : '张*丰', who);
        assert.equal(k.person.idNumber, w === 'clear' ? GOOD_ID : `${GOOD_ID.slice(0, 6)}********${GOOD_ID.slice(14)}`, who);
        assert.equal(k.personMasked, w !== 'clear', who);
      }
    }
    const act = await post('repB', `/api/v1/health-cases/${caseId}/revoke`, { version: 1, reason: 'x' });
    assert.equal(act.statusCode, 404);
    const cdcOut = await post('cdcOut', `/api/v1/health-cases/${caseId}/review`, { version: 1 });
    assert.equal(cdcOut.statusCode, 404);
    assert.equal((await t.db.query<{ status: string }>('SELECT status FROM ph_cases WHERE id = $1', [caseId]))[0]?.status, 'reported');
  });

  test('return → resubmit → review; a duplicate merged with its trail; a refusal writes nothing', async () => {
    const ret = await post('cdcIn', `/api/v1/health-cases/${caseId}/return`, { version: 1, reason: '住址不全' });
    assert.equal(ret.statusCode, 200, ret.body);
    assert.equal(ret.json().status, 'returned');
    const resub = await post('repA', `/api/v1/health-cases/${caseId}/resubmit`, { version: 2 });
    assert.equal(resub.json().status, 'reported');
    const rev = await post('cdcIn', `/api/v1/health-cases/${caseId}/review`, { version: 3 });
    assert.equal(rev.json().status, 'reviewed');

    const dupRes = await post(
      'repB',
      '/api/v1/health-cases',
      body({ regionCode: town2 }, { idNumber: `${GOOD_ID.slice(0, 6)} ${GOOD_ID.slice(6)}` }),
    );
    assert.equal(dupRes.statusCode, 201, dupRes.body);
    const dup = dupRes.json();
    const sug = await t.inject(c.cdcIn as string, 'GET', `/api/v1/health-cases/${dup.id}/duplicates`);
    assert.deepEqual(
      sug.json().map((s: { id: string }) => s.id),
      [caseId],
    );
    const tasksBefore = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ph_tasks'))[0]?.n;
    const noReason = await post('cdcIn', `/api/v1/health-cases/${dup.id}/merge`, { version: 1, intoId: caseId });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await t.db.query('SELECT 1 FROM ph_case_merges')).length, 0);
    const merge = await post('cdcIn', `/api/v1/health-cases/${dup.id}/merge`, { version: 1, intoId: caseId, reason: '同一患者复诊' });
    assert.equal(merge.statusCode, 200, merge.body);
    assert.equal(merge.json().status, 'merged');
    assert.equal(merge.json().mergedInto, caseId);
    const [m] = await t.db.query<{ into_id: string; reason: string }>('SELECT into_id, reason FROM ph_case_merges WHERE merged_id = $1', [
      dup.id,
    ]);
    assert.equal(m?.into_id, caseId);
    const hist = (await t.inject(c.cdcIn as string, 'GET', `/api/v1/health-cases/${caseId}`))
      .json()
      .history.map((h: { action: string }) => h.action);
    assert.deepEqual(hist, ['report', 'return', 'resubmit', 'review', 'mergedInto']);
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ph_tasks'))[0]?.n, tasksBefore);
    const stale = await post('cdcIn', `/api/v1/health-cases/${caseId}/revoke`, { version: 1, reason: 'x' });
    assert.equal(stale.statusCode, 409);
  });

  test('diseases with versions; facilities', async () => {
    const d = (await t.inject(c.repA as string, 'GET', '/api/v1/diseases')).json();
    const covid = d.find((x: { code: string }) => x.code === 'covid19');
    assert.equal(covid.versions.length, 3);
    assert.equal(covid.current.provisional, true);
    const f = await t.inject(c.cdcIn as string, 'GET', '/api/v1/health-facilities');
    assert.equal(f.json().length, 2);
  });

  const openTasks = async (id: string) =>
    (
      await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM ph_tasks WHERE case_id = $1 AND kind = 'investigation' AND status = 'open'",
        [id],
      )
    )[0]?.n;

  test('one open investigation task per case: reclassify back and forth, revoke, merge', async () => {
    const r = await post('repA', '/api/v1/health-cases', body());
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id as string;
    let v = r.json().version as number;
    assert.equal(await openTasks(id), 1);
    for (const [cl, want] of [
      ['suspected', 0],
      ['confirmed', 1],
      ['suspected', 0],
      ['confirmed', 1],
    ] as const) {
      const x = await post('repA', `/api/v1/health-cases/${id}/reclassify`, { version: v, classification: cl });
      assert.equal(x.statusCode, 200, x.body);
      v = x.json().version;
      assert.equal(await openTasks(id), want, cl);
    }
    const rv = await post('repA', `/api/v1/health-cases/${id}/revoke`, { version: v, reason: '误报' });
    assert.equal(rv.statusCode, 200, rv.body);
    assert.equal(await openTasks(id), 0);
    // The index holds even against a direct second insert.
    const a = await post('repA', '/api/v1/health-cases', body());
    const b = await post('repA', '/api/v1/health-cases', body());
    await assert.rejects(
      t.db.query("INSERT INTO ph_tasks (kind, case_id, region_code, title, due_at) VALUES ('investigation', $1, $2, 'x', now())", [
        a.json().id,
        town1,
      ]),
    );
    const m = await post('cdcIn', `/api/v1/health-cases/${b.json().id}/merge`, { version: 1, intoId: a.json().id, reason: '重复报告' });
    assert.equal(m.statusCode, 200, m.body);
    assert.equal(await openTasks(b.json().id), 0);
    assert.equal(await openTasks(a.json().id), 1);
  });

  test('the residence must be a township: 400 on regionCode in both languages, nothing written', async () => {
    const before = await count();
    for (const lang of ['zh', 'en']) {
      const res = await post('repA', '/api/v1/health-cases', body({ regionCode: '321302000000' }), lang);
      assert.equal(res.statusCode, 400, res.body);
      const msg = res.json().error.fields.regionCode as string;
      assert.ok(msg, res.body);
      assert.equal(/[\u4e00-\u9fa5]/.test(msg), lang === 'zh', msg);
    }
    assert.equal(await count(), before);
  });

  test('list: bad from/to are 400 on the field; the page and the total follow who may see', async () => {
    for (const [q, field] of [
      ['from=abc', 'from'],
      ['to=2026-13-45', 'to'],
    ] as const) {
      const res = await t.inject(c.cdcIn as string, 'GET', `/api/v1/health-cases?${q}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json().error.fields[field], res.body);
    }
    // Year 0000 passes ISO 8601 but not PostgreSQL: a 400 in both languages, never a 500.
    for (const lang of ['zh', 'en']) {
      const y0 = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health-cases?from=0000-01-01T00:00:00Z',
        headers: { cookie: c.cdcIn as string, 'accept-language': lang },
      });
      assert.equal(y0.statusCode, 400, y0.body);
      assert.equal(/[\u4e00-\u9fa5]/.test(y0.json().error.message), lang === 'zh', y0.body);
    }
    const ok = await t.inject(
      c.cdcIn as string,
      'GET',
      `/api/v1/health-cases?from=${encodeURIComponent(new Date(Date.now() - 48 * HOUR).toISOString())}`,
    );
    assert.equal(ok.statusCode, 200, ok.body);
    for (const who of ['repA', 'repB', 'cdcIn', 'cdcOut', 'countyS', 'cityS', 'admin']) {
      const all = (await t.inject(c[who] as string, 'GET', '/api/v1/health-cases?pageSize=200')).json();
      assert.equal(all.total, all.items.length, who);
      const one = (await t.inject(c[who] as string, 'GET', '/api/v1/health-cases?pageSize=1&page=1')).json();
      assert.equal(one.total, all.total, who);
      assert.equal(one.items.length, Math.min(1, all.total), who);
    }
    const repB = (await t.inject(c.repB as string, 'GET', '/api/v1/health-cases?pageSize=200')).json();
    assert.equal(repB.total, 1);
    assert.equal((await t.inject(c.cdcOut as string, 'GET', '/api/v1/health-cases')).json().total, 0);
  });

  test('the disease list: the administrator adds a disease and changes a class from a date; history stays; a report is judged by its date', async () => {
    const versionsOf = async (code: string) =>
      (
        (await t.inject(c.admin as string, 'GET', '/api/v1/diseases')).json() as {
          code: string;
          versions: { id: string; class: string; effectiveFrom: string; effectiveTo: string | null; provisional: boolean }[];
        }[]
      ).find((d) => d.code === code)?.versions ?? [];
    const audits = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'phDiseases.%'"))[0]?.n;
    const newOne = {
      code: 'xdisease',
      nameZh: '某新发传染病',
      nameEn: 'A new disease',
      class: 'B',
      effectiveFrom: '2020-01-01',
      source: '国家卫生健康委公告（测试）',
    };
    // Only the national or provincial administrator; a CDC reviewer and a city supervisor are refused.
    for (const who of ['cdcIn', 'cityS', 'repA']) assert.equal((await post(who, '/api/v1/diseases', newOne)).statusCode, 403, who);
    // Bad input: bilingual 400 on the field, nothing written.
    for (const [payload, field] of [
      [{ ...newOne, code: 'X-1' }, 'code'],
      [{ ...newOne, class: 'D' }, 'class'],
      [{ ...newOne, class: 'C', managedAsClassA: true }, 'managedAsClassA'],
      [{ ...newOne, effectiveFrom: '2020-02-30' }, 'effectiveFrom'],
      [{ ...newOne, nameZh: '麻疹' }, 'nameZh'],
      [{ ...newOne, code: 'measles' }, 'code'],
      [{ ...newOne, source: '' }, 'source'],
    ] as const)
      for (const lang of ['zh', 'en']) {
        const res = await post('admin', '/api/v1/diseases', payload, lang);
        assert.equal(res.statusCode, 400, `${field} ${res.body}`);
        const msg = res.json().error.fields[field] as string;
        assert.ok(msg, res.body);
        assert.equal(/[\u4e00-\u9fa5]/.test(msg), lang === 'zh', msg);
      }
    assert.equal(await audits(), 0);
    assert.equal((await versionsOf('xdisease')).length, 0);
    assert.equal((await post('admin', '/api/v1/diseases', newOne)).statusCode, 201);
    // Class A from tomorrow: the open version closes there; a change on or before the latest start is refused.
    const tomorrow = new Date(Date.now() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
    const change = { class: 'A', effectiveFrom: tomorrow, source: '国家卫生健康委公告（测试）' };
    assert.equal((await post('admin', '/api/v1/diseases/xdisease/versions', { ...change, effectiveFrom: '2020-01-01' })).statusCode, 400);
    assert.equal((await post('admin', '/api/v1/diseases/nosuch/versions', change)).statusCode, 404);
    const province = await makeUser(t.db, { username: 'provS', role: 'provinceSupervisor', regionCode: '320000000000' });
    assert.ok(province);
    c.provS = await t.login('provS');
    assert.equal((await post('provS', '/api/v1/diseases/xdisease/versions', change)).statusCode, 201);
    const vs = await versionsOf('xdisease');
    assert.deepEqual(
      vs.map((v) => [v.class, v.effectiveFrom, v.effectiveTo]),
      [
        ['B', '2020-01-01', tomorrow],
        ['A', tomorrow, null],
      ],
    );
    // Today a report is still judged class B (24 h); the class A version is not yet in force.
    const res = await post('repA', '/api/v1/health-cases', body({ diseaseCode: 'xdisease' }, { idNumber: GOOD_ID, name: '李四' }));
    assert.equal(res.statusCode, 201, res.body);
    const card = res.json();
    assert.equal(new Date(card.deadlineAt).getTime() - new Date(card.diagnosedAt).getTime(), 24 * HOUR);
    // A provisional version is confirmed once, with the document that settled it.
    const seeded = (await versionsOf('measles')).find((v) => v.provisional);
    assert.ok(seeded);
    assert.equal((await post('cdcIn', `/api/v1/disease-versions/${seeded.id}/confirm`, { source: '公告' })).statusCode, 403);
    assert.equal(
      (await post('admin', `/api/v1/disease-versions/${seeded.id}/confirm`, { source: '国家卫生健康委公告2026年第1号' })).statusCode,
      200,
    );
    assert.equal(
      (await post('admin', `/api/v1/disease-versions/${seeded.id}/confirm`, { source: '国家卫生健康委公告2026年第1号' })).statusCode,
      409,
    );
    assert.equal((await versionsOf('measles')).find((v) => v.id === seeded.id)?.provisional, false);
    // Removed from the list from a date: nothing in force after it.
    const later = new Date(Date.now() + 8 * HOUR + 10 * 24 * HOUR).toISOString().slice(0, 10);
    assert.equal(
      (await post('admin', '/api/v1/diseases/xdisease/versions', { ...change, effectiveFrom: later, removed: true })).statusCode,
      201,
    );
    assert.equal((await versionsOf('xdisease')).at(-1)?.effectiveTo, later);
    assert.equal(
      (await post('admin', '/api/v1/diseases/xdisease/versions', { ...change, effectiveFrom: '2099-01-01', removed: true })).statusCode,
      400,
    );
    assert.equal(await audits(), 4);
  });

  test('a returned card is corrected by its facility: fields checked again, the person sealed again, the change named not shown', async () => {
    const id17b = '32130219900101234';
    const first = await post(
      'repA',
      '/api/v1/health-cases',
      body({ classification: 'suspected' }, { idNumber: id17b + idCheckChar(id17b), name: '王五' }),
    );
    assert.equal(first.statusCode, 201, first.body);
    const card = first.json();
    const put = (who: string, payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/health-cases/${card.id}`,
        headers: { cookie: c[who] as string },
        payload: payload as object,
      });
    // Not returned yet: the facility may not correct it (409); another facility never (404).
    const corrected = body(
      { classification: 'confirmed', regionCode: town2, onsetAt: card.onsetAt, diagnosedAt: card.diagnosedAt },
      { idNumber: id17b + idCheckChar(id17b), name: '王五一' },
    );
    assert.equal((await put('repA', { ...corrected, version: card.version })).statusCode, 409);
    const ret = await post('cdcIn', `/api/v1/health-cases/${card.id}/return`, { version: card.version, reason: '姓名有误' });
    assert.equal(ret.statusCode, 200, ret.body);
    const v = ret.json().version;
    assert.equal((await put('repB', { ...corrected, version: v })).statusCode, 404);
    assert.equal((await put('cdcIn', { ...corrected, version: v })).statusCode, 403);
    // Bad input: 400 on the field, nothing changed.
    const bad = await put('repA', { ...corrected, person: { ...corrected.person, idNumber: BAD_ID }, version: v });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields['person.idNumber']);
    assert.equal((await put('repA', { ...corrected, version: v - 1 })).statusCode, 409);
    const ok = await put('repA', { ...corrected, version: v });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = ok.json();
    assert.equal(after.status, 'reported');
    assert.equal(after.classification, 'confirmed');
    assert.equal(after.person.name, '王五一');
    assert.equal(after.regionCode, town2);
    // Confirmed now: its 流调 task exists; the history names the fields, the audit has no name.
    const [task] = await t.db.query<{ region_code: string }>(
      "SELECT region_code FROM ph_tasks WHERE case_id = $1 AND kind = 'investigation' AND status = 'open'",
      [card.id],
    );
    assert.equal(task?.region_code, town2);
    const detail = (await t.inject(c.cdcIn as string, 'GET', `/api/v1/health-cases/${card.id}`)).json();
    const last = detail.history.at(-1);
    assert.equal(last.action, 'resubmit');
    assert.deepEqual(last.detail.corrected, ['classification', 'regionCode', 'person']);
    const audit = await t.db.query<{ body: string }>(
      "SELECT row_to_json(a)::text AS body FROM audit_events a WHERE entity_id = $1 AND action = 'phCases.resubmit'",
      [card.id],
    );
    assert.equal(audit.length, 1);
    assert.ok(!audit[0]?.body.includes('王五'), 'no name in the audit');
    // The stored row holds the new name sealed, not in clear.
    const [row] = await t.db.query<{ body: string }>('SELECT row_to_json(c)::text AS body FROM ph_cases c WHERE id = $1', [card.id]);
    assert.ok(!row?.body.includes('王五一'));
  });

  test('a hospital reports a resident of another county: that county’s CDC lists it, opens it in clear and reviews it; the card names its facility', async () => {
    const [far] = await t.db.query<{ code: string }>(
      "SELECT code FROM regions WHERE parent_code = '321311000000' AND level = 'township' ORDER BY code LIMIT 1",
    );
    const res = await post('repA', '/api/v1/health-cases', body({ regionCode: far?.code }, { idNumber: GOOD_ID, name: '赵远' }));
    assert.equal(res.statusCode, 201, res.body);
    const card = res.json();
    assert.equal(card.facilityName, '卫生院1');
    const list = (await t.inject(c.cdcOut as string, 'GET', '/api/v1/health-cases?pageSize=100')).json();
    const mine = list.items.filter((x: { id: string }) => x.id === card.id);
    assert.equal(mine.length, 1, 'in the residence county’s list');
    assert.equal(list.items.length, Math.min(list.total, 100), 'the page holds what the total counts');
    assert.equal(mine[0].facilityName, '卫生院1');
    const detail = await t.inject(c.cdcOut as string, 'GET', `/api/v1/health-cases/${card.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.json().person.name, '赵远');
    const rev = await post('cdcOut', `/api/v1/health-cases/${card.id}/review`, { version: card.version });
    assert.equal(rev.statusCode, 200, rev.body);
    assert.equal(rev.json().status, 'reviewed');
  });

  test('a card returned and resubmitted unchanged gets a fresh review window', async () => {
    const res = await post('repA', '/api/v1/health-cases', body({}, { idNumber: GOOD_ID, name: '钱晚' }));
    const card = res.json();
    const ret = await post('cdcIn', `/api/v1/health-cases/${card.id}/return`, { version: card.version, reason: '请核对发病日期' });
    assert.equal(ret.statusCode, 200, ret.body);
    // Three days pass while the card is back at the facility: its first window has long run out.
    await t.db.query("UPDATE ph_cases SET review_due_at = now() - interval '2 days' WHERE id = $1", [card.id]);
    const resub = await post('repA', `/api/v1/health-cases/${card.id}/resubmit`, { version: ret.json().version });
    assert.equal(resub.statusCode, 200, resub.body);
    assert.equal(resub.json().reviewOverdue, false);
    const due = Date.parse(resub.json().reviewDueAt);
    assert.ok(Math.abs(due - (Date.now() + 24 * HOUR)) < 5 * 60_000, resub.json().reviewDueAt);
  });
});
