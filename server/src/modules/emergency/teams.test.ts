// 队伍、专家与值班 through the HTTP API, on both databases: the 24-hour rule per roster (table), the
// gaps of a roster at their edges (a shift ending 08:00 and the next starting 08:00 is no gap; 08:01
// is), who is on duty at a shift boundary (currentDuty), teams and experts ordered by straight-line
// distance (from a point and from an accident), scope (another county neither sees nor edits),
// an expert's phone masked for those who may not see it and never in the audit, bad input as
// bilingual 400s with nothing written (end before start, one person's overlapping shifts), the
// units with neither a team nor an agreement, the 工作台 counts, and the public duty phones.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NATIONAL_SCOPE } from '@taishan/domain';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { currentDuty } from './teams-store.ts';
import { teamsWorkItems } from './teams-workbench.ts';

// A week far ahead, so "now" never falls in it: Monday 2030-01-07 (Beijing).
const W = (day: number, hm: string) => {
  const d = new Date(`2030-01-07T${hm}:00+08:00`);
  d.setUTCDate(d.getUTCDate() + day);
  return d.toISOString();
};

describe('teams', () => {
  let t: CastApp;
  const logLines: string[] = [];
  before(async () => {
    t = await openCastApp({ logStream: { write: (line: string) => logLines.push(line) } });
    // The cast's unit is a larger hazardous-goods unit (24-hour duty, Art. 14 ¶2) and an Art. 10 unit.
    await t.db.query(`UPDATE enterprises SET high_risk = '{hazardousChemicals}', employees = 150 WHERE id = $1`, [t.enterpriseId]);
  });
  after(() => t.close());

  const post = async (cookie: string, url: string, body: unknown, status = 201) => {
    const res = await t.inject(cookie, 'POST', url, body);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const get = async (cookie: string, url: string, status = 200) => {
    const res = await t.inject(cookie, 'GET', url);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const team = (name: string, lat: number, lng: number, extra: Record<string, unknown> = {}) => ({
    name,
    kind: 'professional',
    specialty: '危化品救援',
    size: 20,
    equipment: ['空气呼吸器', '堵漏工具'],
    regionCode: CAST.county,
    lat,
    lng,
    baseAddress: '张家港市某路1号',
    contactName: '王队长',
    contactPhone: '0512-58000000',
    readiness: 'ready',
    ...extra,
  });
  const shift = (personName: string, startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
    ownerKind: 'government',
    regionCode: CAST.county,
    personName,
    role: 'officer',
    phone: '0512-58111111',
    startsAt,
    endsAt,
    ...extra,
  });

  test('the 24-hour rule per roster: the government and the larger hazardous unit keep 24 h; a plain unit does not', async () => {
    const gov = await get(t.cookies.county, `/api/v1/duty/roster?ownerKind=government&ownerId=${CAST.county}&weekStart=2030-01-07`);
    assert.equal(gov.obligation.twentyFourHour, true);
    assert.equal(gov.obligation.provisional, true);
    const ent = await get(t.cookies.ent, `/api/v1/duty/roster?ownerKind=enterprise&ownerId=${t.enterpriseId}&weekStart=2030-01-07`);
    assert.equal(ent.obligation.twentyFourHour, true);
    assert.deepEqual(ent.allowedActions, ['addShift', 'copyWeek']);
    // A garment maker (GB/T 4754 1810) is in none of Art. 7's kinds (the cast's 2614 is chemicals, one of them).
    await t.db.query(`UPDATE enterprises SET industry_code = '1810' WHERE id = $1`, [t.otherEnterpriseId]);
    const other = await get(
      t.cookies.kunshan,
      `/api/v1/duty/roster?ownerKind=enterprise&ownerId=${t.otherEnterpriseId}&weekStart=2030-01-07`,
    );
    assert.equal(other.obligation.dutySystem, false);
    assert.equal(other.obligation.twentyFourHour, false);
    assert.deepEqual(other.gaps, []);
  });

  test('bad input is a bilingual 400 naming the field, nothing written: end before start, one person overlapping', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/duty/shifts', shift('张三', W(0, '08:00'), W(0, '07:00')));
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(res.json().error.fieldMessages.endsAt, res.body);
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('张三', W(0, '00:00'), W(0, '08:00')));
    const clash = await t.inject(t.cookies.county, 'POST', '/api/v1/duty/shifts', shift('张三', W(0, '07:00'), W(0, '09:00')));
    assert.equal(clash.statusCode, 400, clash.body);
    assert.ok(clash.json().error.fieldMessages.startsAt, clash.body);
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM emergency_duty_shifts WHERE person_name = '张三'`);
    assert.equal(n?.n, 1);
  });

  test('gaps at the edges: 08:00 → 08:00 is none, 08:00 → 08:01 is one minute', async () => {
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('李四', W(0, '08:00'), W(2, '08:00'), { role: 'leader' }));
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('王五', W(2, '08:01'), W(4, '08:00')));
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('赵六', W(4, '08:00'), W(6, '08:00')));
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('钱七', W(6, '08:00'), W(7, '00:00')));
    const week = await get(t.cookies.county, `/api/v1/duty/roster?ownerKind=government&ownerId=${CAST.county}&weekStart=2030-01-07`);
    assert.equal(week.shifts.length, 5);
    assert.deepEqual(week.gaps, [{ from: W(2, '08:00'), to: W(2, '08:01'), minutes: 1 }]);
  });

  test('currentDuty at a shift boundary: the next shift is on at 08:00, the last one until 07:59:59.999', async () => {
    const at = (iso: string) => readScoped(t.db, NATIONAL_SCOPE, (tx) => currentDuty(tx, { regionPrefix: '320582' }, new Date(iso)));
    const [r] = await at(W(0, '08:00'));
    assert.deepEqual(
      r?.people.map((p) => p.personName),
      ['李四'],
    );
    assert.equal(r?.ownerName.endsWith('人民政府'), true);
    const [before] = await at(new Date(Date.parse(W(0, '08:00')) - 1).toISOString());
    assert.deepEqual(
      before?.people.map((p) => p.personName),
      ['张三'],
    );
    const [none] = await at(W(2, '08:00'));
    assert.deepEqual(none?.people, []);
  });

  test('copy last week fills the next week; clashes are left out', async () => {
    const r = await post(
      t.cookies.county,
      '/api/v1/duty/copy-week',
      { ownerKind: 'government', ownerId: CAST.county, weekStart: '2030-01-14' },
      200,
    );
    assert.equal(r.copied, 5);
    const again = await post(
      t.cookies.county,
      '/api/v1/duty/copy-week',
      { ownerKind: 'government', ownerId: CAST.county, weekStart: '2030-01-14' },
      200,
    );
    assert.equal(again.copied, 0);
    const week = await get(t.cookies.county, `/api/v1/duty/roster?ownerKind=government&ownerId=${CAST.county}&weekStart=2030-01-14`);
    assert.equal(week.shifts.length, 5);
  });

  let near: string;
  test('teams by straight-line distance from a point and from an accident; radius; kind filter', async () => {
    near = (await post(t.cookies.county, '/api/v1/teams', team('近队', 31.88, 120.56))).id;
    await post(t.cookies.county, '/api/v1/teams', team('远队', 31.2, 121.4));
    await post(t.cookies.county, '/api/v1/teams', team('中队', 31.7, 120.8, { kind: 'social' }));
    await post(t.cookies.county, '/api/v1/teams', team('无坐标队', 0, 0, { lat: null, lng: null, kind: 'comprehensive' }));
    const list = await get(t.cookies.county, '/api/v1/teams?lat=31.87&lng=120.55');
    assert.deepEqual(
      list.items.map((i: { name: string }) => i.name),
      ['近队', '中队', '远队', '无坐标队'],
    );
    const d = list.items.map((i: { distanceKm: number | null }) => i.distanceKm);
    assert.ok(d[0] < d[1] && d[1] < d[2] && d[3] === null, JSON.stringify(d));
    assert.match(list.distanceNote.zh, /直线距离/);
    const within = await get(t.cookies.county, `/api/v1/teams?lat=31.87&lng=120.55&radiusKm=${Math.ceil(d[1])}`);
    assert.equal(within.total, 2);
    assert.equal((await get(t.cookies.county, '/api/v1/teams?kind=social')).total, 1);
    const acc = await post(t.cookies.county, '/api/v1/accidents', {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: '仓库',
      description: '泄漏',
      enterpriseId: t.enterpriseId,
      regionCode: CAST.town,
      latitude: 31.21,
      longitude: 121.39,
    });
    const fromAccident = await get(t.cookies.county, `/api/v1/teams?accidentId=${acc.id}`);
    assert.equal(fromAccident.items[0].name, '远队');
    const noPoint = await t.inject(t.cookies.county, 'GET', '/api/v1/teams?lat=31.8');
    assert.equal(noPoint.statusCode, 400, noPoint.body);
    // Who is on duty for the accident: its county's government.
    const now = await get(t.cookies.county, `/api/v1/duty/now?accidentId=${acc.id}`);
    assert.equal(now.rosters[0].ownerId, CAST.county);
  });

  test('scope: another county neither sees nor edits a team, an expert or a roster', async () => {
    assert.equal((await get(t.cookies.kunshan, '/api/v1/teams')).total, 0);
    await get(t.cookies.kunshan, `/api/v1/teams/${near}`, 404);
    const current = await get(t.cookies.county, `/api/v1/teams/${near}`);
    const put = await t.inject(t.cookies.kunshan, 'PUT', `/api/v1/teams/${near}`, { ...team('改名', 31, 120), version: current.version });
    assert.equal(put.statusCode === 403 || put.statusCode === 404, true, put.body);
    const add = await t.inject(t.cookies.kunshan, 'POST', '/api/v1/duty/shifts', shift('外人', W(9, '00:00'), W(9, '08:00')));
    assert.equal(add.statusCode, 400, add.body);
    const roster = await t.inject(t.cookies.kunshan, 'GET', `/api/v1/duty/roster?ownerKind=government&ownerId=${CAST.county}`);
    assert.equal(roster.statusCode, 400, roster.body);
    // The unit may not write a government roster; the city may.
    const byEnt = await t.inject(t.cookies.ent, 'POST', '/api/v1/duty/shifts', shift('企业人', W(9, '00:00'), W(9, '08:00')));
    assert.equal(byEnt.statusCode, 400, byEnt.body);
    await post(t.cookies.city, '/api/v1/duty/shifts', shift('市里人', W(9, '00:00'), W(9, '08:00')));
    // A department's roster: its county keeps it, another county cannot.
    const dept = { ownerKind: 'department', regionCode: undefined, departmentId: t.departmentId };
    await post(t.cookies.county, '/api/v1/duty/shifts', shift('部门值班员', W(9, '00:00'), W(9, '08:00'), dept));
    const deptOther = await t.inject(t.cookies.kunshan, 'POST', '/api/v1/duty/shifts', shift('外人', W(9, '08:00'), W(9, '09:00'), dept));
    assert.equal(deptOther.statusCode, 400, deptOther.body);
    const deptWeek = await get(t.cookies.county, `/api/v1/duty/roster?ownerKind=department&ownerId=${t.departmentId}&weekStart=2030-01-14`);
    assert.equal(deptWeek.shifts.length, 1);
    assert.equal(deptWeek.obligation.twentyFourHour, true);
    const put2 = await t.inject(t.cookies.county, 'PUT', `/api/v1/teams/${near}`, {
      ...team('近队（改）', 31.88, 120.56),
      version: current.version,
    });
    assert.equal(put2.statusCode, 200, put2.body);
    assert.equal(put2.json().version, current.version + 1);
  });

  test('an expert’s phone: full for the regulators in scope, masked for the unit and the grid worker; never in the audit', async () => {
    const x = await post(t.cookies.county, '/api/v1/experts', {
      name: '周专家',
      field: 'hazardousChemicals',
      title: '高级工程师',
      unit: '某化工研究院',
      phone: '13912345678',
      regionCode: CAST.county,
      lat: 31.9,
      lng: 120.6,
    });
    assert.equal(x.phone, '13912345678');
    assert.equal((await get(t.cookies.city, `/api/v1/experts/${x.id}`)).phone, '13912345678');
    const byEnt = await get(t.cookies.ent, `/api/v1/experts?field=hazardousChemicals`);
    assert.equal(byEnt.items[0].phone, '139******78');
    assert.equal(byEnt.items[0].phoneMasked, true);
    assert.equal((await get(t.cookies.grid, `/api/v1/experts/${x.id}`)).phone, '139******78');
    await get(t.cookies.kunshan, `/api/v1/experts/${x.id}`, 404);
    const audit = await t.db.query<{ a: string }>(
      `SELECT coalesce(after::text, '') || coalesce(before::text, '') AS a FROM audit_events WHERE entity_id = $1`,
      [x.id],
    );
    assert.equal(audit.length, 1);
    assert.ok(!audit.some((r) => r.a.includes('13912345678')));
    assert.ok(logLines.length > 0);
    assert.ok(!logLines.some((l) => l.includes('13912345678')), 'the phone is never logged');
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/experts', {
      name: '',
      field: 'astrology',
      phone: 'x',
      regionCode: CAST.county,
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error.fieldMessages).sort(), ['field', 'name', 'phone']);
  });

  test('the units with neither a team nor an agreement, until an agreement is recorded; the 工作台 counts equal the lists', async () => {
    const before = await get(t.cookies.county, '/api/v1/teams/uncovered-units');
    assert.ok(before.items.some((u: { enterpriseId: string }) => u.enterpriseId === t.enterpriseId));
    const bad = await t.inject(t.cookies.ent, 'POST', '/api/v1/teams/agreements', {
      enterpriseId: t.enterpriseId,
      teamId: near,
      signedOn: '2026-01-01',
      validFrom: '2026-01-01',
      validUntil: '2025-12-31',
    });
    assert.equal(bad.statusCode, 400, bad.body);
    await post(t.cookies.ent, '/api/v1/teams/agreements', {
      enterpriseId: t.enterpriseId,
      teamId: near,
      signedOn: '2026-01-01',
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    });
    const afterAgreement = await get(t.cookies.county, '/api/v1/teams/uncovered-units');
    assert.ok(!afterAgreement.items.some((u: { enterpriseId: string }) => u.enterpriseId === t.enterpriseId));
    assert.equal((await get(t.cookies.ent, '/api/v1/teams/agreements')).total, 1);
    assert.equal((await get(t.cookies.otherEnt, '/api/v1/teams/agreements')).total, 0);

    const wb = (await get(t.cookies.county, '/api/v1/workbench')).items as { kind: string; count: number }[];
    const gaps = await get(t.cookies.county, '/api/v1/duty/gaps');
    assert.equal(wb.find((i) => i.kind === 'teams.rosterGaps')?.count, gaps.total);
    // The county's own roster (empty now) and its 24-hour unit both have gaps this week.
    assert.equal(gaps.total, 2);
    assert.equal(wb.find((i) => i.kind === 'teams.uncoveredUnits')?.count, afterAgreement.total);
    const entGaps = await get(t.cookies.ent, '/api/v1/duty/gaps');
    assert.equal(entGaps.total, 1);
    assert.equal(typeof teamsWorkItems, 'function');
  });

  test('an unknown region is a bilingual 400 on regionCode, not a foreign-key 409; a unit outside the team’s region is a 400', async () => {
    const unknown = '320582999000';
    const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
    const [teams, experts] = [await count('emergency_teams'), await count('emergency_experts')];
    const bad = await post(t.cookies.county, '/api/v1/teams', team('无区划队', 31.8, 120.5, { regionCode: unknown }), 400);
    assert.equal(bad.error.fields.regionCode, '行政区划不存在');
    const made = (await post(t.cookies.county, '/api/v1/teams', team('区划队', 31.8, 120.5))).id;
    const cur = await get(t.cookies.county, `/api/v1/teams/${made}`);
    const edit = await t.inject(t.cookies.county, 'PUT', `/api/v1/teams/${made}`, {
      version: cur.version,
      ...team('区划队', 31.8, 120.5, { regionCode: unknown }),
    });
    assert.equal(edit.statusCode, 400, edit.body);
    assert.equal(edit.json().error.fields.regionCode, '行政区划不存在');
    const expert = await post(
      t.cookies.county,
      '/api/v1/experts',
      { name: '张三', field: 'hazardousChemicals', phone: '13800000000', regionCode: unknown },
      400,
    );
    assert.equal(expert.error.fields.regionCode, '行政区划不存在');
    const phone = await t.inject(t.cookies.county, 'PUT', '/api/v1/duty/phones', {
      regionCode: unknown,
      name: '值班室',
      phone: '0512-12345678',
    });
    assert.equal(phone.statusCode, 400, phone.body);
    assert.equal(phone.json().error.fields.regionCode, '行政区划不存在');
    // The unit (in 320582100) registers a team in Kunshan's township: outside the team's region.
    const away = await post(
      t.cookies.ent,
      '/api/v1/teams',
      team('外地队', 31.3, 121.0, { kind: 'enterprise', regionCode: CAST.otherTown, enterpriseId: t.enterpriseId }),
      400,
    );
    assert.equal(away.error.fields.enterpriseId, '单位不在队伍所在区划内');
    assert.deepEqual([await count('emergency_teams'), await count('emergency_experts')], [teams + 1, experts]);
    // In its own township, or the county's, it is fine.
    await post(
      t.cookies.ent,
      '/api/v1/teams',
      team('本单位队', 31.8, 120.5, { kind: 'enterprise', regionCode: CAST.town, enterpriseId: t.enterpriseId }),
    );
  });

  test('the duty phones: set by the county, published without login', async () => {
    const res = await t.inject(t.cookies.county, 'PUT', '/api/v1/duty/phones', {
      regionCode: CAST.county,
      name: '张家港市应急管理局总值班室',
      phone: '0512-58679000',
    });
    assert.equal(res.statusCode, 200, res.body);
    const other = await t.inject(t.cookies.kunshan, 'PUT', '/api/v1/duty/phones', {
      regionCode: CAST.county,
      name: '冒名',
      phone: '0512-1',
    });
    assert.equal(other.statusCode, 403, other.body);
    const pub = await t.app.inject({ url: '/api/public/duty-phones?region=3205' });
    assert.equal(pub.statusCode, 200, pub.body);
    assert.deepEqual(
      pub.json().items.map((p: { phone: string }) => p.phone),
      ['0512-58679000'],
    );
  });
});
