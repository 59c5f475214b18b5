// Search and filters at regulator scale (issue 22, item 17): every filter of the hazard list returns
// exactly the matching hazards of the caller's scope; the dashboard's rates for a period are the
// domain's definitions, to the hazard; the audit log filters and exports.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditActionLabel, type HazardRateFacts, onTimeRectificationRate, periodCounts, rectificationRate } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { type CastApp, enterpriseBody, openCastApp } from '../../test/harness.ts';
import { shanghaiTime, todayInShanghai } from '../../time.ts';

const TOWN_A = '320582100000';
const TOWN_B = '320582101000';
const KUNSHAN_TOWN = '320583100000';

describe('search and filters', () => {
  let t: CastApp;
  let admin: string;
  let county: string;
  let townA: string;
  let kunshan: string;
  const ent: Record<string, { id: string; name: string }> = {};
  const hz: Record<string, { id: string; number: string }> = {};
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const list = async (cookie: string, query: string) => {
    const res = await get(cookie, `/api/v1/hazards?pageSize=200&${query}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items: { id: string }[]; total: number };
    const names = Object.entries(hz)
      .filter(([, h]) => body.items.some((i) => i.id === h.id))
      .map(([k]) => k)
      .sort();
    assert.equal(body.total, body.items.length, `total of ${query}`);
    return names;
  };

  before(async () => {
    // The standard cast: its county, township (TOWN_A) and Kunshan supervisors.
    t = await openCastApp();
    ({ admin, county, town: townA, kunshan } = t.cookies);
    const make = async (key: string, n: number, region: string, name: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        headers: { cookie: admin },
        payload: enterpriseBody(n, region, { name }),
      });
      assert.equal(res.statusCode, 201, res.body);
      ent[key] = { id: res.json().id, name };
    };
    await make('A', 1, TOWN_A, '宏达化工有限公司');
    await make('B', 2, TOWN_B, '沙洲钢铁有限公司');
    await make('C', 3, KUNSHAN_TOWN, '昆山宏达精密有限公司');
    const report = async (key: string, cookie: string, e: string, description: string, location: string | null = null) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hazards',
        headers: { cookie },
        payload: { enterpriseId: ent[e]?.id, description, location },
      });
      assert.equal(res.statusCode, 201, res.body);
      hz[key] = { id: res.json().id, number: res.json().number };
    };
    await report('a1', county, 'A', '配电箱未接地', '一号车间');
    await report('a2', county, 'A', '消防通道堆放杂物', '仓库');
    await report('a3', county, 'A', '安全阀 100% 未校验');
    await report('b1', county, 'B', '配电箱门损坏');
    await report('b2', county, 'B', '应急预案未演练', '配电室');
    await report('c1', kunshan, 'C', '配电箱漏电');
    // Found at known moments: a1 at 00:30 on 2 March in Beijing (16:30 UTC the day before), a2 at
    // 23:30 on 31 March in Beijing, the others in 2025.
    const found: Record<string, string> = {
      a1: '2026-03-01T16:30:00Z',
      a2: '2026-03-31T15:30:00Z',
      a3: '2025-06-01T02:00:00Z',
      b1: '2026-03-15T02:00:00Z',
      b2: '2025-12-31T16:00:00Z',
      c1: '2026-03-15T02:00:00Z',
    };
    for (const [k, at] of Object.entries(found)) await t.db.query('UPDATE hazards SET created_at = $2 WHERE id = $1', [hz[k]?.id, at]);
  });
  after(() => t.close());

  test('keyword: description, number, enterprise name or location, within the scope only', async () => {
    assert.deepEqual(await list(county, `q=${encodeURIComponent('配电箱')}`), ['a1', 'b1']);
    assert.deepEqual(await list(kunshan, `q=${encodeURIComponent('配电箱')}`), ['c1']);
    assert.deepEqual(await list(townA, `q=${encodeURIComponent('配电箱')}`), ['a1']);
    // The enterprise's name: 宏达 is also in Kunshan's enterprise, which the county does not see.
    assert.deepEqual(await list(county, `q=${encodeURIComponent('宏达')}`), ['a1', 'a2', 'a3']);
    assert.deepEqual(await list(kunshan, `q=${encodeURIComponent('宏达')}`), ['c1']);
    // The location (配电室), and the number, whole or in part.
    assert.deepEqual(await list(county, `q=${encodeURIComponent('配电室')}`), ['b2']);
    assert.deepEqual(await list(county, `q=${encodeURIComponent(hz.b2?.number ?? '')}`), ['b2']);
    assert.deepEqual(await list(kunshan, `q=${encodeURIComponent(hz.b2?.number ?? '')}`), []);
    // LIKE's wildcards are plain characters.
    assert.deepEqual(await list(county, `q=${encodeURIComponent('100%')}`), ['a3']);
    assert.deepEqual(await list(county, `q=${encodeURIComponent('%')}`), ['a3']);
    assert.deepEqual(await list(county, `q=${encodeURIComponent('_')}`), []);
    // With the other filters.
    assert.deepEqual(await list(county, `q=${encodeURIComponent('配电')}&region=${TOWN_B}`), ['b1', 'b2']);
    assert.deepEqual(await list(county, `q=${encodeURIComponent('配电')}&enterpriseId=${ent.A?.id}`), ['a1']);
    assert.deepEqual(await list(county, `q=${encodeURIComponent('配电')}&status=open`), ['a1', 'b1', 'b2']);
  });

  test('enterprise and region: exactly theirs, and nothing outside the scope', async () => {
    assert.deepEqual(await list(county, `enterpriseId=${ent.B?.id}`), ['b1', 'b2']);
    assert.deepEqual(await list(county, `enterpriseId=${ent.C?.id}`), []);
    assert.deepEqual(await list(county, `region=${TOWN_A}`), ['a1', 'a2', 'a3']);
    assert.deepEqual(await list(county, `region=${KUNSHAN_TOWN}`), []);
    assert.deepEqual(await list(townA, `region=${TOWN_B}`), []);
    assert.deepEqual(await list(admin, 'region=320583000000'), ['c1']);
  });

  test('date range: Beijing days found, inclusive at both ends', async () => {
    // a1 was found at 00:30 on 2 March in Beijing: 2 March, not 1 March (its UTC day).
    assert.deepEqual(await list(county, 'from=2026-03-02&to=2026-03-02'), ['a1']);
    assert.deepEqual(await list(county, 'from=2026-03-01&to=2026-03-01'), []);
    // a2 at 23:30 on 31 March in Beijing: inside March.
    assert.deepEqual(await list(county, 'from=2026-03-01&to=2026-03-31'), ['a1', 'a2', 'b1']);
    assert.deepEqual(await list(county, 'from=2026-04-01'), []);
    assert.deepEqual(await list(county, 'to=2025-12-31'), ['a3']);
    // b2 at 00:00 on 1 January 2026 in Beijing.
    assert.deepEqual(await list(county, 'from=2026-01-01&to=2026-01-01'), ['b2']);
    assert.deepEqual(await list(kunshan, 'from=2026-03-01&to=2026-03-31'), ['c1']);
    assert.deepEqual(await list(county, `from=2026-03-01&to=2026-03-31&q=${encodeURIComponent('配电箱')}&sort=-createdAt`), ['a1', 'b1']);
  });

  test('risk register by keyword; inspections by tier, date, enterprise and status; within the scope only', async () => {
    const point = async (e: string, name: string, location: string | null) =>
      (
        await t.db.query<{ id: string }>('INSERT INTO risk_points (enterprise_id, name, location) VALUES ($1, $2, $3) RETURNING id', [
          ent[e]?.id,
          name,
          location,
        ])
      )[0]?.id;
    const rp = {
      a: await point('A', '液氯储罐', '罐区'),
      b: await point('B', '高炉煤气柜', '液氯库旁'),
      c: await point('C', '液氯钢瓶库', null),
    };
    const risks = async (cookie: string, query: string) => {
      const res = await get(cookie, `/api/v1/risk-points?pageSize=500&${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      return Object.entries(rp)
        .filter(([, id]) => ids.includes(id as string))
        .map(([k]) => k);
    };
    assert.deepEqual(await risks(county, `q=${encodeURIComponent('液氯')}`), ['a', 'b']);
    assert.deepEqual(await risks(kunshan, `q=${encodeURIComponent('液氯')}`), ['c']);
    assert.deepEqual(await risks(county, `q=${encodeURIComponent('宏达')}`), ['a']);
    assert.deepEqual(await risks(townA, `q=${encodeURIComponent('液氯')}`), ['a']);

    const [checklist] = await t.db.query<{ id: string }>("SELECT id FROM checklist_templates WHERE code = 'fire-general' LIMIT 1");
    const plan = async (e: string, tier: string, plannedDate: string, status = 'planned') =>
      (
        await t.db.query<{ id: string }>(
          `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, status, planned_by)
           VALUES ($1, $2, $3, $4, $5, 'test') RETURNING id`,
          [ent[e]?.id, tier, checklist?.id, plannedDate, status],
        )
      )[0]?.id;
    const ins = {
      a1: await plan('A', 'patrol', '2026-03-02'),
      a2: await plan('A', 'county', '2026-03-31', 'submitted'),
      b1: await plan('B', 'county', '2026-04-01'),
      c1: await plan('C', 'county', '2026-03-15'),
    };
    const inspections = async (cookie: string, query: string) => {
      const res = await get(cookie, `/api/v1/inspections?pageSize=200&${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { items: { id: string }[]; total: number };
      assert.equal(body.total, body.items.length);
      return Object.entries(ins)
        .filter(([, id]) => body.items.some((i) => i.id === id))
        .map(([k]) => k);
    };
    assert.deepEqual(await inspections(county, 'tier=county'), ['a2', 'b1']);
    assert.deepEqual(await inspections(kunshan, 'tier=county'), ['c1']);
    assert.deepEqual(await inspections(county, 'from=2026-03-01&to=2026-03-31'), ['a1', 'a2']);
    assert.deepEqual(await inspections(county, `enterpriseId=${ent.B?.id}`), ['b1']);
    assert.deepEqual(await inspections(county, `enterpriseId=${ent.C?.id}`), []);
    assert.deepEqual(await inspections(county, 'status=submitted'), ['a2']);
    assert.deepEqual(await inspections(townA, 'tier=county&status=planned'), []);
    assert.deepEqual(await inspections(county, 'tier=county&status=planned&from=2026-04-01'), ['b1']);
  });

  test('bad filters: 400 with messages in Chinese and English', async () => {
    for (const q of ['from=2026-13-01', 'to=yesterday', `q=${'长'.repeat(101)}`]) {
      const res = await get(county, `/api/v1/hazards?${q}`);
      assert.equal(res.statusCode, 400, q);
      const fields = res.json().error.fieldMessages as Record<string, { zh: string; en: string }>;
      const [field] = Object.values(fields ?? {});
      assert.ok(field?.zh && field.en, `${q}: ${res.body}`);
    }
  });

  test('the export takes the same filters', async () => {
    const res = await get(county, `/api/v1/hazards/export?q=${encodeURIComponent('配电箱')}`);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const numbers: string[] = [];
    wb.getWorksheet('隐患清单')?.eachRow((row, i) => {
      if (i > 1) numbers.push(String(row.getCell(2).value));
    });
    assert.deepEqual(numbers.sort(), [hz.a1?.number, hz.b1?.number].sort());
  });

  test('dashboard: 整改率 and 按期整改率 of a period are the domain definitions, exactly', async () => {
    // The county's hazards: found in Q1 2026 or before, closed on, before or after their deadlines.
    const set = async (k: string, deadline: string | null, closedAt: string | null, status?: string) =>
      t.db.query(
        `UPDATE hazards SET deadline = $2::date, closed_at = $3::timestamptz,
           status = coalesce($4, CASE WHEN $3::timestamptz IS NULL THEN status ELSE 'closed' END) WHERE id = $1`,
        [hz[k]?.id, deadline, closedAt, status ?? null],
      );
    await set('a1', '2026-03-10', '2026-03-10T15:59:00Z'); // closed 23:59 on its deadline (Beijing): on time
    await set('a2', '2026-03-20', '2026-03-20T16:00:00Z'); // 00:00 on 21 March in Beijing: late
    await set('a3', '2026-03-05', null); // found in 2025, due in March, open
    await set('b1', '2026-04-30', '2026-04-02T02:00:00Z'); // found in March, closed in April
    await set('b2', '2026-03-15', null, 'cancelled'); // cancelled: in neither
    await set('c1', '2026-03-16', '2026-03-16T02:00:00Z'); // Kunshan: not the county's

    const res = await get(county, '/api/v1/hazard-dashboard?from=2026-03-01&to=2026-03-31');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    // By hand: found in March a1, a2, b1 (3), closed by 31 March a1, a2 (2); due in March a1, a2, a3
    // (3), closed by their deadline a1 (1).
    assert.equal(body.period.found, 3);
    assert.equal(body.period.closed, 2);
    assert.equal(body.period.due, 3);
    assert.equal(body.period.closedOnTime, 1);
    assert.equal(body.period.rectificationRate, 2 / 3);
    assert.equal(body.period.onTimeRate, 1 / 3);
    assert.ok(body.period.definitions.rectification.zh.includes('整改率'));

    // And as the domain counts the same rows.
    const rows = await t.db.query<{ created_at: Date; deadline: string | null; closed_at: Date | null; status: string }>(
      `SELECT created_at, to_char(deadline, 'YYYY-MM-DD') AS deadline, closed_at, status FROM hazards WHERE county_code = '320582'`,
    );
    const facts: HazardRateFacts[] = rows.map((r) => ({
      foundOn: todayInShanghai(new Date(r.created_at)),
      deadline: r.deadline,
      closedOn: r.closed_at ? todayInShanghai(new Date(r.closed_at)) : null,
      cancelled: r.status === 'cancelled',
    }));
    const want = periodCounts(facts, { from: '2026-03-01', to: '2026-03-31' });
    assert.deepEqual(
      { found: body.period.found, closed: body.period.closed, due: body.period.due, closedOnTime: body.period.closedOnTime },
      want,
    );
    assert.equal(body.period.rectificationRate, rectificationRate(want));
    assert.equal(body.period.onTimeRate, onTimeRectificationRate(want));

    // Per township: A found a1, a2 (both closed in March); B found b1 (closed in April).
    const byName = Object.fromEntries(body.byRegion.map((r: { code: string }) => [r.code, r]));
    assert.deepEqual(byName[TOWN_A].period, { found: 2, closed: 2, due: 3, closedOnTime: 1, rectificationRate: 1, onTimeRate: 1 / 3 });
    assert.deepEqual(byName[TOWN_B].period, { found: 1, closed: 0, due: 0, closedOnTime: 0, rectificationRate: 0, onTimeRate: null });

    // The township sees its own only; Kunshan only c1.
    const town = (await get(townA, '/api/v1/hazard-dashboard?from=2026-03-01&to=2026-03-31')).json();
    assert.deepEqual([town.period.found, town.period.closed, town.period.due, town.period.closedOnTime], [2, 2, 3, 1]);
    const ks = (await get(kunshan, '/api/v1/hazard-dashboard?from=2026-03-01&to=2026-03-31')).json();
    assert.deepEqual([ks.period.found, ks.period.closed, ks.period.due, ks.period.closedOnTime], [1, 1, 1, 1]);
    // April: b1 closed in April counts as found in March, not April.
    const april = (await get(county, '/api/v1/hazard-dashboard?from=2026-04-01&to=2026-04-30')).json();
    assert.deepEqual([april.period.found, april.period.due, april.period.closedOnTime], [0, 1, 1]);
    assert.equal(april.period.rectificationRate, null);
    const reversed = await get(county, '/api/v1/hazard-dashboard?from=2026-04-01&to=2026-03-01');
    assert.equal(reversed.statusCode, 400);
  });

  test('audit log: by user, action, object and date; exported with Beijing times; admins only', async () => {
    const page = async (query: string) => {
      const res = await get(admin, `/api/v1/audit?pageSize=200&${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: { seq: number; actorName: string; action: string; entityId: string; at: string }[]; total: number };
    };
    const byKunshan = await page('actor=cast-kunshan');
    assert.deepEqual(
      byKunshan.items.map((e) => e.action),
      ['hazard.report', 'auth.login'],
    );
    assert.equal(byKunshan.items[0]?.entityId, hz.c1?.id);
    const reports = await page('action=hazard.report');
    assert.equal(reports.total, 6);
    const family = await page('action=hazard.');
    assert.equal(family.total, 6);
    assert.ok((await page('action=enterprise.')).items.every((e) => e.action.startsWith('enterprise.')));
    const one = await page(`entityType=hazard&entityId=${hz.a2?.id}`);
    assert.deepEqual(
      one.items.map((e) => e.action),
      ['hazard.report'],
    );
    const today = todayInShanghai();
    const all = await page('');
    assert.equal((await page(`from=${today}&to=${today}`)).total, all.total);
    assert.equal((await page('to=2020-01-01')).total, 0);
    const tomorrow = new Date(Date.now() + 86_400_000);
    assert.equal((await page(`from=${todayInShanghai(tomorrow)}`)).total, 0);
    assert.equal((await get(admin, '/api/v1/audit?from=2026-02-30')).statusCode, 400);
    assert.equal((await get(admin, '/api/v1/audit?from=2026-03-02&to=2026-03-01')).statusCode, 400);

    const res = await get(admin, `/api/v1/audit/export?action=hazard.&actor=cast-county`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), new RegExp(encodeURIComponent(`审计日志-${today}.xlsx`)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志');
    const rows: string[][] = [];
    ws?.eachRow((row, i) => {
      if (i > 1) rows.push([String(row.getCell(2).value), String(row.getCell(3).value), String(row.getCell(4).value)]);
    });
    const expected = (await page('action=hazard.&actor=cast-county')).items;
    assert.equal(rows.length, 5);
    assert.deepEqual(
      rows,
      expected.map((e) => [shanghaiTime(e.at), 'cast-county', auditActionLabel(e.action, 'zh')]),
    );
    assert.equal((await get(county, '/api/v1/audit/export')).statusCode, 403);
    assert.equal((await get(county, '/api/v1/audit?actor=cast-county')).statusCode, 403);
  });
});
