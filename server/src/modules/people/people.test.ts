// People through the HTTP API (issue 26): an enterprise records its people and certificates (bad
// input 400 with bilingual fields, nothing written), the windows and filters computed from the
// domain rules, ID numbers masked for a department inspector but not for the county, another
// enterprise and another county seeing nothing; the certificate import's per-row results with
// nothing half written; closed courses ordered after an accident with attendance; the publicity
// log's totals; the 工作台 counts equal to their lists' totals; audit events in every command.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addYearsClamped, shiftCalendarDay } from '@taishan/domain';
import { readScoped, withScope } from '../../db/scope.ts';
import { CAST, type CastApp, makeDepartment, makeUser, multipartFile, openCastApp } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';

const today = todayInShanghai();
const year = Number(today.slice(0, 4));
const ID1 = '32058219800101123X';
const ID2 = '320582198502021234';
const ID3 = '320582199003031235';

describe('people', () => {
  let t: CastApp;
  let chemInspector: string;
  before(async () => {
    t = await openCastApp();
    // A department supervising the chemical industry (division 26) of the county.
    const departmentId = await makeDepartment(t.db, '张家港市化工园区管理办公室', CAST.county, ['26']);
    await makeUser(t.db, { username: 'cast-chem', role: 'departmentInspector', regionCode: CAST.county, departmentId });
    chemInspector = await t.login('cast-chem');
  });
  after(() => t.close());

  const post = async (who: keyof CastApp['cookies'], url: string, body: unknown, status = 201) => {
    const res = await t.inject(t.cookies[who], 'POST', url, body);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const get = async (who: keyof CastApp['cookies'], url: string) => {
    const res = await t.inject(t.cookies[who], 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const audits = async (action: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]))[0]?.n ?? 0;

  let principal: { id: string; idNumber?: string; allowedActions?: string[]; flags?: { missingQualification: boolean } };
  let welder: { id: string };

  test('requires authentication', async () => {
    assert.equal((await t.inject('', 'GET', '/api/v1/people')).statusCode, 401);
    assert.equal((await t.inject('', 'POST', '/api/v1/people', {})).statusCode, 401);
  });

  test('bad input is 400 with bilingual field messages and writes nothing', async () => {
    const res = await t.inject(t.cookies.ent, 'POST', '/api/v1/people', { name: '', idNumber: '123', position: 'boss' });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields;
    assert.ok(fields.name && fields.idNumber && fields.position, res.body);
    assert.match(fields.idNumber, /身份证号/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: t.cookies.ent, 'accept-language': 'en' },
      payload: { name: '张三', idNumber: '123', position: 'principal' },
    });
    assert.equal(en.statusCode, 400);
    assert.match(en.json().error.fields.idNumber, /ID number/);
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people'))[0]?.n, 0);
    // A regulator does not record an enterprise's people.
    assert.equal(
      (await t.inject(t.cookies.county, 'POST', '/api/v1/people', { name: '张三', idNumber: ID1, position: 'principal' })).statusCode,
      403,
    );
  });

  test('an enterprise records people and certificates; the windows follow the domain rules', async () => {
    principal = await post('ent', '/api/v1/people', { name: '王强', idNumber: ID1, position: 'principal', hiredOn: '2019-03-01' });
    assert.equal(principal.idNumber, ID1, 'the enterprise sees the number in full');
    assert.deepEqual(principal.allowedActions, ['edit', 'addCertificate', 'addTraining']);
    assert.equal(principal.flags?.missingQualification, true, 'no 合格证 yet');
    // A 合格证 expiring in 30 days: in its window.
    const p1 = await post('ent', `/api/v1/people/${principal.id}/certificates`, {
      kind: 'qualification',
      number: 'HG-2024-001',
      issuedOn: '2024-01-01',
      validTo: shiftCalendarDay(today, 30),
    });
    assert.equal(p1.certificates[0].status, 'expiryWindow');
    assert.equal(p1.certificates[0].daysToDue, 30);
    assert.equal(p1.flags.expiring, true);
    assert.equal(p1.flags.missingQualification, false);

    welder = await post('ent', '/api/v1/people', { name: '李四', idNumber: ID2, position: 'specialWorker', hiredOn: '2015-05-01' });
    // Issued 3 years and 1 day ago, never reviewed: the review is overdue by a day.
    const issued = shiftCalendarDay(addYearsClamped(today, -3), -1);
    const w = await post('ent', `/api/v1/people/${welder.id}/certificates`, {
      kind: 'special',
      category: 'welding',
      item: '熔化焊接与热切割作业',
      number: 'T320582198502021234',
      issuedOn: issued,
    });
    const c = w.certificates[0];
    assert.equal(c.validTo, addYearsClamped(issued, 6), 'valid 6 years from issue, computed');
    assert.equal(c.status, 'reviewOverdue');
    assert.equal(c.daysToDue, -1);
    assert.equal(w.flags.overdue, true);
    // The same number again is refused with the field named, nothing written.
    const dup = await t.inject(t.cookies.ent, 'POST', `/api/v1/people/${welder.id}/certificates`, {
      kind: 'special',
      category: 'welding',
      number: 'T320582198502021234',
      issuedOn: issued,
    });
    assert.equal(dup.statusCode, 400);
    assert.ok(dup.json().error.fields.number);
    // A special certificate without its category: 400.
    const noCat = await t.inject(t.cookies.ent, 'POST', `/api/v1/people/${welder.id}/certificates`, {
      kind: 'special',
      number: 'X1',
      issuedOn: issued,
    });
    assert.equal(noCat.statusCode, 400);
    assert.ok(noCat.json().error.fields.category);
    // The 6-year interval needs 10 years in the trade by the review: 李四 has no start recorded.
    const ext = await t.inject(t.cookies.ent, 'POST', `/api/v1/people/${welder.id}/certificates`, {
      kind: 'special',
      category: 'electrician',
      number: 'T-EXT-1',
      issuedOn: issued,
      extendedReview: true,
    });
    assert.equal(ext.statusCode, 400);
    assert.ok(ext.json().error.fields.extendedReview);
    assert.equal(await audits('certificate.add'), 2);
    assert.equal(await audits('person.create'), 2);

    // Off the job for 6 months: re-test required.
    const cur = await get('ent', `/api/v1/people/${welder.id}`);
    const off = await t.inject(t.cookies.ent, 'PUT', `/api/v1/people/${welder.id}`, {
      name: '李四',
      idNumber: ID2,
      position: 'specialWorker',
      hiredOn: '2015-05-01',
      offJobSince: addYearsClamped(today, -1),
      version: cur.version,
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().flags.retest, true);
    const stale = await t.inject(t.cookies.ent, 'PUT', `/api/v1/people/${welder.id}`, {
      name: '李四',
      idNumber: ID2,
      position: 'specialWorker',
      version: cur.version,
    });
    assert.equal(stale.statusCode, 409);
  });

  test('training hours against the minimum: a chemicals enterprise (2614) owes 16 hours a year for its principal', async () => {
    const before = await get('ent', `/api/v1/people/${principal.id}`);
    assert.equal(before.training.required, 16);
    assert.equal(before.training.highRiskGroup, 'hazardousChemicals');
    assert.equal(before.training.shortfall, 16);
    const after = await post('ent', `/api/v1/people/${principal.id}/training`, {
      course: '主要负责人年度再培训',
      attendedOn: `${year}-03-10`,
      hours: 12,
    });
    assert.equal(after.training.hours, 12);
    assert.equal(after.training.shortfall, 4);
    const bad = await t.inject(t.cookies.ent, 'POST', `/api/v1/people/${principal.id}/training`, {
      course: 'x',
      attendedOn: '2026-13-01',
      hours: -1,
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.hours && bad.json().error.fields.attendedOn);
    const list = await get('ent', '/api/v1/people?filter=trainingShortfall');
    assert.ok(list.items.some((p: { id: string }) => p.id === principal.id));
  });

  test('scope: another enterprise and another county see nothing; the county sees numbers in full, an inspector masked', async () => {
    const other = await get('otherEnt', '/api/v1/people');
    assert.equal(other.total, 0);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `/api/v1/people/${principal.id}`)).statusCode, 404);
    assert.equal(
      (await t.inject(t.cookies.otherEnt, 'POST', `/api/v1/people/${principal.id}/training`, { course: 'x', attendedOn: today, hours: 1 }))
        .statusCode,
      404,
    );
    assert.equal((await get('kunshan', '/api/v1/people')).total, 0);
    assert.equal((await get('kunshan', '/api/v1/people/enterprises')).total, 0, 'not the county next door');
    const county = await get('county', '/api/v1/people');
    assert.equal(county.total, 2);
    assert.ok(county.items.some((p: { idNumber: string }) => p.idNumber === ID1));
    assert.deepEqual(county.items[0].allowedActions, [], 'the county reads, the enterprise edits');
    const inspectorRes = await t.inject(chemInspector, 'GET', '/api/v1/people');
    assert.equal(inspectorRes.statusCode, 200, inspectorRes.body);
    const inspector = inspectorRes.json();
    assert.equal(inspector.total, 2);
    for (const p of inspector.items) {
      assert.equal(p.idNumberMasked, true);
      assert.match(p.idNumber, /^320582\*{8}\d{3}[\dX]$/);
    }
    // The filters a regulator uses.
    assert.deepEqual(
      (await get('county', '/api/v1/people?filter=expiring')).items.map((p: { name: string }) => p.name),
      ['王强'],
    );
    assert.deepEqual(
      (await get('county', '/api/v1/people?filter=overdue')).items.map((p: { name: string }) => p.name),
      ['李四'],
    );
    const ents = await get('county', '/api/v1/people/enterprises?filter=overdue');
    assert.equal(ents.total, 1);
    assert.equal(ents.items[0].overdue, 1);
    assert.equal(ents.items[0].expiring, 1);
    assert.equal((await t.inject(t.cookies.grid, 'GET', '/api/v1/people')).statusCode, 403);
  });

  test('row-level security is the second wall: a bare query in another scope sees no row and cannot write one', async () => {
    const kunshan = { regionPrefix: '320583', industries: null, enterpriseId: null };
    const other = { regionPrefix: CAST.otherTown, industries: null, enterpriseId: t.otherEnterpriseId };
    for (const scope of [kunshan, other]) {
      for (const table of ['people', 'person_certificates', 'person_training']) {
        const [n] = await readScoped(t.db, scope, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
        assert.equal(n?.n, 0, `${table} in ${scope.regionPrefix}`);
      }
    }
    const [own] = await readScoped(t.db, { regionPrefix: '320582', industries: null, enterpriseId: null }, (tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people'),
    );
    assert.equal(own?.n, 2);
    // The other enterprise's account cannot insert a person into this enterprise.
    await assert.rejects(
      withScope(t.db, other, (tx) =>
        tx.query(
          `INSERT INTO people (enterprise_id, region_code, industry_code, name, id_number, position) VALUES ($1, $2, '2614', 'x', '320582199901011111', 'other')`,
          [t.enterpriseId, CAST.town],
        ),
      ),
    );
  });

  test('the certificate import: a result per row, nothing half written for a bad row', async () => {
    const csv = [
      '姓名,身份证号,岗位,入职日期,证书类型,作业类别,操作项目,证书编号,发证日期,有效期至,复审日期',
      `赵六,${ID3},特种作业人员,2020-01-01,特种作业操作证,电工作业,低压电工作业,T-IMPORT-1,2024/5/6,,`,
      `钱七,320582199104041236,安全管理人员,2021-01-01,合格证,,,HG-IMPORT-2,2024-01-01,,`, // a 合格证 without its valid-to
      `孙八,12345,其他,,特种作业操作证,焊接与热切割作业,,T-IMPORT-3,2024-01-01,,`, // a bad ID number
      `赵六,${ID3},特种作业人员,2020-01-01,特种作业操作证,高处作业,,T-IMPORT-4,2025-01-01,,`, // the same person, a second certificate
      `周九,320582199205051237,特种作业人员,,特种作业操作证,电工作业,,T-IMPORT-1,2024-01-01,,`, // a number already taken
    ].join('\n');
    const { payload, headers } = multipartFile('证书.csv', Buffer.from(csv), 'text/csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/certificates/import',
      headers: { ...headers, cookie: t.cookies.ent },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.total, 5);
    assert.equal(s.imported, 2);
    assert.equal(s.rejected, 3);
    assert.deepEqual(
      s.rows.map((r: { line: number; status: string }) => [r.line, r.status]),
      [
        [2, 'imported'],
        [3, 'rejected'],
        [4, 'rejected'],
        [5, 'imported'],
        [6, 'rejected'],
      ],
    );
    assert.equal(s.rows[0].personCreated, true);
    assert.equal(s.rows[3].personCreated, false, 'the second row found the person');
    assert.ok(s.rows[1].reasons.some((r: { field: string }) => r.field === 'validTo'));
    assert.ok(s.rows[2].reasons.some((r: { field: string }) => r.field === 'idNumber'));
    assert.ok(s.rows[4].reasons.some((r: { field: string; zh: string }) => r.field === 'number' && r.zh.includes('已登记')));
    const names = (await t.db.query<{ name: string }>('SELECT name FROM people ORDER BY name')).map((r) => r.name);
    assert.ok(names.includes('赵六'));
    for (const n of ['钱七', '孙八', '周九']) assert.ok(!names.includes(n), `${n}: no person left behind by a rejected row`);
    assert.equal(await audits('certificate.import'), 1);
    // The template is an .xlsx that imports as it is (its two example rows).
    const tpl = await t.inject(t.cookies.ent, 'GET', '/api/v1/people/certificates/template');
    assert.equal(tpl.statusCode, 200);
    assert.match(String(tpl.headers['content-type']), /spreadsheetml/);
    const x = multipartFile('证书模板.xlsx', tpl.rawPayload, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const xr = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/certificates/import',
      headers: { ...x.headers, cookie: t.cookies.ent },
      payload: x.payload,
    });
    assert.equal(xr.statusCode, 200, xr.body);
    assert.deepEqual(
      xr.json().rows.map((r: { status: string }) => r.status),
      ['imported', 'imported'],
      xr.body,
    );
    assert.equal(await audits('certificate.import'), 2);
    // Not for regulators; a file without the required columns is 400 for the file.
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/certificates/import',
      headers: { ...headers, cookie: t.cookies.county },
      payload,
    });
    assert.equal(county.statusCode, 403);
    const bad = multipartFile('x.csv', Buffer.from('姓名\n张三'), 'text/csv');
    const badRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/certificates/import',
      headers: { ...bad.headers, cookie: t.cookies.ent },
      payload: bad.payload,
    });
    assert.equal(badRes.statusCode, 400);
    assert.match(badRes.json().error.fields.file, /缺少必需列/);
  });

  test('closed training: the county orders it after an accident, records attendance to completion', async () => {
    const acc = await post('ent', '/api/v1/accidents', {
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      place: '二号车间',
      description: '反应釜泄漏，一名操作工灼伤',
    });
    const body = {
      title: `${year}年第一期主要负责人强制性封闭培训`,
      startsOn: shiftCalendarDay(today, 7),
      endsOn: shiftCalendarDay(today, 10),
      place: '张家港市应急管理培训中心',
      reason: 'accident',
      accidentId: acc.id,
      enterpriseId: t.enterpriseId,
      personIds: [principal.id],
    };
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/people/courses', body)).statusCode, 403);
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'POST', '/api/v1/people/courses', body)).statusCode,
      404,
      'another county cannot see the enterprise',
    );
    const worker = await t.inject(t.cookies.county, 'POST', '/api/v1/people/courses', { ...body, personIds: [welder.id] });
    assert.equal(worker.statusCode, 400, 'closed training is for the principal and safety managers');
    const noLink = await t.inject(t.cookies.county, 'POST', '/api/v1/people/courses', { ...body, accidentId: undefined });
    assert.equal(noLink.statusCode, 400);
    assert.ok(noLink.json().error.fields.caseId);
    const course = await post('county', '/api/v1/people/courses', body);
    assert.equal(course.accidentNumber, acc.number);
    assert.equal(course.attendees[0].status, 'ordered');
    assert.deepEqual(course.attendees[0].allowedActions, ['attended', 'absent']);
    assert.equal((await get('county', '/api/v1/people/courses?pending=true')).total, 1);
    assert.equal((await get('ent', '/api/v1/people/courses')).total, 1, 'the enterprise sees its order');
    const entWork = (await get('ent', '/api/v1/workbench')).items.find((i: { kind: string }) => i.kind === 'people.coursesOrdered');
    assert.equal(entWork.count, 1, 'and must act on it');
    assert.equal((await get('otherEnt', '/api/v1/people/courses')).total, 0);
    const url = `/api/v1/people/courses/${course.id}/attendees/${principal.id}`;
    assert.equal(
      (await t.inject(t.cookies.county, 'POST', url, { status: 'completed' })).statusCode,
      409,
      'completed needs attended first',
    );
    assert.equal((await t.inject(t.cookies.ent, 'POST', url, { status: 'attended' })).statusCode, 403);
    await post('county', url, { status: 'attended' }, 200);
    const done = await post('county', url, { status: 'completed', note: '考试合格' }, 200);
    assert.equal(done.completed, true);
    assert.equal((await get('county', '/api/v1/people/courses?pending=true')).total, 0);
    assert.equal(await audits('closedCourse.order'), 1);
    assert.equal(await audits('closedCourse.attendance'), 2);
  });

  test('publicity: events per venue and region; another county and enterprises see none', async () => {
    await post('county', '/api/v1/people/publicity', {
      title: '安全生产月宣传咨询日',
      venue: 'community',
      heldOn: `${year}-06-16`,
      place: '杨舍镇暨阳湖广场',
      organiser: '张家港市安委办',
      reach: 1200,
      regionCode: CAST.town,
    });
    await post('town', '/api/v1/people/publicity', {
      title: '安全知识进课堂',
      venue: 'school',
      heldOn: `${year}-09-01`,
      place: '杨舍实验小学',
      organiser: '杨舍镇安监办',
      reach: 800,
    });
    const out = await t.inject(t.cookies.town, 'POST', '/api/v1/people/publicity', {
      title: 'x',
      venue: 'family',
      heldOn: today,
      place: 'x',
      organiser: 'x',
      reach: 1,
      regionCode: CAST.otherTown,
    });
    assert.equal(out.statusCode, 400, 'only its own jurisdiction');
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/people/publicity', {
      title: 'x',
      venue: 'market',
      heldOn: today,
      place: 'x',
      organiser: 'x',
      reach: -1,
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.venue && bad.json().error.fields.reach);
    const list = await get('county', '/api/v1/people/publicity');
    assert.equal(list.total, 2);
    assert.deepEqual(
      list.totals.byVenue.filter((v: { events: number }) => v.events > 0),
      [
        { venue: 'community', events: 1, reach: 1200 },
        { venue: 'school', events: 1, reach: 800 },
      ],
    );
    assert.deepEqual(
      list.totals.byRegion.map((r: { code: string; reach: number }) => [r.code, r.reach]),
      [[CAST.town, 2000]],
    );
    assert.equal((await get('kunshan', '/api/v1/people/publicity')).total, 0);
    assert.equal((await t.inject(t.cookies.ent, 'GET', '/api/v1/people/publicity')).statusCode, 403);
    assert.equal(await audits('publicity.record'), 2);
    // The second wall: a bare query in an enterprise's scope reads none of it, the county's all.
    const count = (scope: { regionPrefix: string; industries: null; enterpriseId: string | null }) =>
      readScoped(t.db, scope, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM publicity_events')).then((r) => r[0]?.n);
    assert.equal(await count({ regionPrefix: '', industries: null, enterpriseId: t.enterpriseId }), 0);
    assert.equal(await count({ regionPrefix: '320583', industries: null, enterpriseId: null }), 0);
    assert.equal(await count({ regionPrefix: '320582', industries: null, enterpriseId: null }), 2);
  });

  test('工作台: each count equals its list total', async () => {
    for (const who of ['ent', 'county'] as const) {
      const wb = await get(who, '/api/v1/workbench');
      const mine = wb.items.filter((i: { kind: string }) => i.kind.startsWith('people.'));
      assert.ok(mine.length >= 2, `${who}: ${JSON.stringify(wb)}`);
      for (const item of mine) {
        const qs = new URLSearchParams({ ...item.query, pageSize: '200' }).toString();
        const list = await get(who, `${item.apiPath}?${qs}`);
        assert.equal(item.count, list.total, `${who} ${item.kind}`);
      }
    }
    const ent = (await get('ent', '/api/v1/workbench')).items.filter((i: { kind: string }) => i.kind.startsWith('people.'));
    assert.ok(ent.find((i: { kind: string }) => i.kind === 'people.overdue').count >= 1);
  });

  test('a review passed is recorded on the certificate: from the opening of its window, never in the future', async () => {
    const before = await get('ent', `/api/v1/people/${welder.id}`);
    const cert = before.certificates.find((c: { kind: string }) => c.kind === 'special');
    assert.equal(cert.status === 'reviewOverdue' || cert.status === 'retestRequired', true);
    const url = `/api/v1/people/${welder.id}/certificates/${cert.id}/review`;
    const early = await t.inject(t.cookies.ent, 'POST', url, { reviewedOn: shiftCalendarDay(cert.nextDue, -61) });
    assert.equal(early.statusCode, 400, 'day 61 before is not this review');
    assert.ok(early.json().error.fields.reviewedOn);
    assert.equal((await t.inject(t.cookies.ent, 'POST', url, { reviewedOn: shiftCalendarDay(today, 1) })).statusCode, 400);
    assert.equal((await t.inject(t.cookies.county, 'POST', url, { reviewedOn: today })).statusCode, 403);
    assert.equal((await t.inject(t.cookies.otherEnt, 'POST', url, { reviewedOn: today })).statusCode, 404);
    const after = await post('ent', url, { reviewedOn: shiftCalendarDay(cert.nextDue, -60) }, 200);
    const c = after.certificates.find((x: { id: string }) => x.id === cert.id);
    assert.equal(c.nextDueKind, 'renewal');
    assert.equal(c.nextDue, c.validTo);
    assert.equal(after.flags.overdue, false);
    assert.equal(await audits('certificate.review'), 1);
  });

  test('a certificate number held by another enterprise in another county: a field error per row, the import goes on', async () => {
    // 昆山's enterprise holds T-ELSEWHERE-1; this enterprise's scope cannot see it, the national unique index can.
    const kunshanWorker = await post('otherEnt', '/api/v1/people', {
      name: '吴十',
      idNumber: '320583198806061238',
      position: 'specialWorker',
    });
    await post('otherEnt', `/api/v1/people/${kunshanWorker.id}/certificates`, {
      kind: 'special',
      category: 'electrician',
      number: 'T-ELSEWHERE-1',
      issuedOn: '2024-02-01',
    });
    const held = async () =>
      t.db.query<{ enterprise_id: string }>(
        `SELECT enterprise_id FROM person_certificates WHERE kind = 'special' AND number = 'T-ELSEWHERE-1'`,
      );
    const seenByEnt = await readScoped(t.db, { regionPrefix: '', industries: null, enterpriseId: t.enterpriseId }, (tx) =>
      tx.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE number = 'T-ELSEWHERE-1')::int AS n, count(*) FILTER (WHERE number = 'T320582198502021234')::int AS own
           FROM person_certificates`,
      ),
    );
    assert.deepEqual(seenByEnt[0], { n: 0, own: 1 }, 'the check in scope cannot see it: the unique index refuses it');
    const addsBefore = await audits('certificate.add');
    const csv = [
      '姓名,身份证号,岗位,入职日期,证书类型,作业类别,操作项目,证书编号,发证日期,有效期至,复审日期',
      '郑一,320582199306061230,特种作业人员,2022-01-01,特种作业操作证,电工作业,低压电工作业,T-AROUND-1,2024-03-01,,',
      '冯二,320582199407071231,特种作业人员,2022-01-01,特种作业操作证,电工作业,低压电工作业,T-ELSEWHERE-1,2024-03-01,,', // held in 昆山
      '陈三,320582199508081232,特种作业人员,2022-01-01,特种作业操作证,电工作业,低压电工作业,T-AROUND-2,2024-03-01,,',
    ].join('\n');
    const { payload, headers } = multipartFile('证书.csv', Buffer.from(csv), 'text/csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/certificates/import',
      headers: { ...headers, cookie: t.cookies.ent },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.deepEqual(
      s.rows.map((r: { line: number; status: string }) => [r.line, r.status]),
      [
        [2, 'imported'],
        [3, 'rejected'],
        [4, 'imported'],
      ],
      res.body,
    );
    assert.equal(s.imported, 2);
    assert.equal(s.rejected, 1);
    const reason = s.rows[1].reasons.find((r: { field: string }) => r.field === 'number');
    assert.ok(reason?.zh && reason?.en && reason.zh !== reason.en, `bilingual number reason: ${JSON.stringify(s.rows[1])}`);
    const names = (await t.db.query<{ name: string }>('SELECT name FROM people WHERE enterprise_id = $1', [t.enterpriseId])).map(
      (r) => r.name,
    );
    assert.ok(names.includes('郑一') && names.includes('陈三'), names.join());
    assert.ok(!names.includes('冯二'), 'no person left behind by the rejected row');
    assert.deepEqual(
      (await held()).map((r) => r.enterprise_id),
      [t.otherEnterpriseId],
      'the number stays 昆山’s',
    );
    assert.equal(await audits('certificate.add'), addsBefore + 2);
    // The single add: 400 on the field, bilingual, nothing written.
    const single = await t.inject(t.cookies.ent, 'POST', `/api/v1/people/${welder.id}/certificates`, {
      kind: 'special',
      category: 'electrician',
      number: 'T-ELSEWHERE-1',
      issuedOn: '2024-03-01',
    });
    assert.equal(single.statusCode, 400, single.body);
    const m = single.json().error.fieldMessages?.number;
    assert.ok(m?.zh && m?.en && m.zh !== m.en, `bilingual: ${single.body}`);
    assert.equal((await held()).length, 1);
    assert.equal(await audits('certificate.add'), addsBefore + 2);
  });
});
