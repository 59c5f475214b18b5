import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type CastApp, creditCode, enterpriseBody, makeDepartment, makeUser, openCastApp } from '../../test/harness.ts';

const COUNTY = '320582000000'; // 张家港市
const TOWN = '320582100000';

function multipart(filename: string, content: Buffer | string, contentType = 'text/csv') {
  const boundary = '----taishan-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('enterprise directory', () => {
  // The standard cast: county is Zhangjiagang's supervisor, kunshan the neighbouring county's
  // (it must not see Zhangjiagang's enterprises); the cast's own two enterprises are already there.
  let t: CastApp;
  let county: string;
  let otherCounty: string;
  let admin: string;
  before(async () => {
    t = await openCastApp();
    ({ county, kunshan: otherCounty, admin } = t.cookies);
  });
  after(() => t.close());

  const post = (cookie: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: { cookie }, payload: payload as object });
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises'))[0]?.n;
  /** Audit events of one action on one record (the cast's own set-up writes events too). */
  const audits = async (action: string, entityId: string) =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2', [
        action,
        entityId,
      ])
    )[0]?.n;

  test('create in scope: 201, flags derived, audit event written', async () => {
    const res = await post(county, enterpriseBody(1, TOWN, { employees: 150, highRisk: ['hazardousChemicals'] }));
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json();
    assert.equal(e.regionCode, TOWN);
    assert.equal(e.creditCodeWarning, false);
    assert.equal(e.lacksSafetyDirector, true);
    assert.deepEqual(e.allowedActions, ['update', 'delete', 'changeRegion', 'changeCreditCode', 'changeSupervision']);
    assert.equal(await audits('enterprise.create', e.id), 1);
  });

  test('a bad check character is accepted with a visible warning flag', async () => {
    const res = await post(county, { ...enterpriseBody(2, TOWN), creditCode: creditCode(2, '320582', true) });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().creditCodeWarning, true);
    const list = await t.app.inject({ url: '/api/v1/enterprises?creditCodeWarning=true', headers: { cookie: county } });
    assert.deepEqual(
      list.json().items.map((x: { name: string }) => x.name),
      ['测试企业2有限公司'],
    );
  });

  test('wrong length, illegal character, unknown industry, missing region → 400 with bilingual field messages, nothing written', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...enterpriseBody(3, TOWN), creditCode: '91320582MA1234' }, 'creditCode'],
      [{ ...enterpriseBody(3, TOWN), creditCode: '91320582MA12345O6X' }, 'creditCode'],
      [{ ...enterpriseBody(3, TOWN), industryCode: '98' }, 'industryCode'],
      [{ ...enterpriseBody(3, TOWN), regionCode: '999999' }, 'regionCode'],
      [{ ...enterpriseBody(3, TOWN), employees: -1 }, 'employees'],
      [{ ...enterpriseBody(3, TOWN), highRisk: ['volcano'] }, 'highRisk.0'],
      [{ ...enterpriseBody(3, TOWN), extra: 1 }, '_'],
    ];
    for (const [body, field] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        headers: { cookie: county, 'accept-language': 'en' },
        payload: body,
      });
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const err = res.json().error;
      assert.equal(err.code, 'validation_error');
      assert.ok(err.fields[field], `${field} in ${JSON.stringify(err.fields)}`);
      assert.ok(err.fieldMessages[field].zh && err.fieldMessages[field].en);
    }
    assert.equal(await count(), before);
  });

  test('creating outside the jurisdiction is refused and writes nothing', async () => {
    const before = await count();
    const res = await post(county, enterpriseBody(4, '320583100000'));
    assert.equal(res.statusCode, 403);
    assert.ok(res.json().error.fields.regionCode);
    assert.equal(await count(), before);
  });

  test('duplicate credit code → 409 even when the other record is out of scope', async () => {
    const other = await post(otherCounty, enterpriseBody(5, '320583100000'));
    assert.equal(other.statusCode, 201);
    const res = await post(county, { ...enterpriseBody(6, TOWN), creditCode: other.json().creditCode });
    assert.equal(res.statusCode, 409);
    assert.ok(res.json().error.fields.creditCode);
  });

  test('another county’s enterprise answers 404 for read, update and delete', async () => {
    const mine = (await post(county, enterpriseBody(7, TOWN))).json();
    for (const [method, payload] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
      const res = await t.app.inject({ method, url: `/api/v1/enterprises/${mine.id}`, headers: { cookie: otherCounty }, payload });
      assert.equal(res.statusCode, 404, method);
    }
    const still = await t.app.inject({ url: `/api/v1/enterprises/${mine.id}`, headers: { cookie: county } });
    assert.equal(still.json().name, mine.name);
  });

  test('update: audit keeps before and after; stale version → 409; moving out of scope → 403', async () => {
    const e = (await post(county, enterpriseBody(8, TOWN))).json();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      headers: { cookie: county },
      payload: { name: '新名称有限公司', version: 1 },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 2);
    const [ev] = await t.db.query<{ before: { name: string }; after: { name: string } }>(
      "SELECT before, after FROM audit_events WHERE action = 'enterprise.update' AND entity_id = $1",
      [e.id],
    );
    assert.equal(ev?.before.name, e.name);
    assert.equal(ev?.after.name, '新名称有限公司');
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      headers: { cookie: county },
      payload: { name: 'x', version: 1 },
    });
    assert.equal(stale.statusCode, 409);
    const away = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      headers: { cookie: county },
      payload: { regionCode: '320583100000' },
    });
    assert.equal(away.statusCode, 403);
  });

  test('enterprise admin sees and edits only its own enterprise, cannot move it or delete it', async () => {
    const e = (await post(county, enterpriseBody(9, TOWN))).json();
    const other = (await post(county, enterpriseBody(10, TOWN))).json();
    await makeUser(t.db, { username: 'ent', role: 'enterpriseAdmin', enterpriseId: e.id });
    const ent = await t.login('ent');
    const list = await t.app.inject({ url: '/api/v1/enterprises', headers: { cookie: ent } });
    assert.deepEqual(
      list.json().items.map((x: { id: string }) => x.id),
      [e.id],
    );
    assert.equal((await t.app.inject({ url: `/api/v1/enterprises/${other.id}`, headers: { cookie: ent } })).statusCode, 404);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      headers: { cookie: ent },
      payload: { safetyDirector: '张安全' },
    });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json().allowedActions, ['update', 'requestChange']);
    const move = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      headers: { cookie: ent },
      payload: { regionCode: '320582101000' },
    });
    assert.equal(move.statusCode, 403);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/enterprises/${e.id}`, headers: { cookie: ent } })).statusCode, 403);
    assert.equal((await post(ent, enterpriseBody(11, TOWN))).statusCode, 403);
  });

  test('安全生产标准化 grade: a validity is required with it (400 on the field), set and cleared by the county; the enterprise may not change it', async () => {
    const missing = await post(county, enterpriseBody(601, TOWN, { standardizationGrade: 'level2' }));
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(Object.keys(missing.json().error.fields), ['standardizationValidUntil']);
    const badGrade = await post(
      county,
      enterpriseBody(601, TOWN, { standardizationGrade: 'level9', standardizationValidUntil: '2027-12-31' }),
    );
    assert.equal(badGrade.statusCode, 400);
    assert.ok(badGrade.json().error.fields.standardizationGrade);
    const res = await post(county, enterpriseBody(601, TOWN, { standardizationGrade: 'level2', standardizationValidUntil: '2027-12-31' }));
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json();
    assert.equal(e.standardizationGrade, 'level2');
    assert.equal(e.standardizationValidUntil, '2027-12-31');
    const url = `/api/v1/enterprises/${e.id}`;
    const orphan = await t.inject(county, 'PATCH', url, { standardizationValidUntil: null });
    assert.equal(orphan.statusCode, 400, 'the grade stays and needs its validity');
    assert.ok(orphan.json().error.fields.standardizationValidUntil);
    await makeUser(t.db, { username: 'ent-std', role: 'enterpriseAdmin', enterpriseId: e.id });
    const ent = await t.login('ent-std');
    const raise = await t.inject(ent, 'PATCH', url, { standardizationGrade: 'level1' });
    assert.equal(raise.statusCode, 403);
    assert.ok(raise.json().error.fields.standardizationGrade);
    const cleared = await t.inject(county, 'PATCH', url, {
      standardizationGrade: null,
      standardizationValidUntil: null,
      version: e.version,
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().standardizationGrade, null);
    assert.equal(cleared.json().standardizationValidUntil, null);
    assert.equal(await audits('enterprise.update', e.id), 1);
  });

  test('department inspector sees only its industries in its region', async () => {
    await post(county, enterpriseBody(12, TOWN, { industryCode: '4700', name: '建筑甲有限公司' }));
    const dept = await makeDepartment(t.db, '住建局', COUNTY, ['47', '48']);
    await makeUser(t.db, { username: 'zhujian', role: 'departmentInspector', regionCode: COUNTY, departmentId: dept });
    const insp = await t.login('zhujian');
    const list = await t.app.inject({ url: '/api/v1/enterprises', headers: { cookie: insp } });
    assert.deepEqual(
      list.json().items.map((x: { name: string }) => x.name),
      ['建筑甲有限公司'],
    );
  });

  test('search by name, credit code, region, industry section, high-risk flag, safety-director flag', async () => {
    await post(
      county,
      enterpriseBody(13, '320582101000', { name: '港城矿业有限公司', industryCode: '0610', highRisk: ['mining'], employees: 300 }),
    );
    const q = async (qs: string) =>
      (await t.app.inject({ url: `/api/v1/enterprises?${qs}`, headers: { cookie: county } }))
        .json()
        .items.map((x: { name: string }) => x.name);
    assert.deepEqual(await q(`q=${encodeURIComponent('港城矿')}`), ['港城矿业有限公司']);
    assert.deepEqual(await q(`q=${creditCode(13, '320582')}`), ['港城矿业有限公司']);
    assert.deepEqual(await q('region=320582101'), ['港城矿业有限公司']);
    assert.deepEqual(await q('industry=B'), ['港城矿业有限公司']);
    assert.deepEqual(await q('highRisk=mining'), ['港城矿业有限公司']);
    assert.ok((await q('lacksSafetyDirector=true')).includes('港城矿业有限公司'));
    assert.deepEqual(await q(`q=${encodeURIComponent('%')}`), []);
    const bad = await t.app.inject({ url: '/api/v1/enterprises?pageSize=100000', headers: { cookie: county } });
    assert.equal(bad.statusCode, 400);
  });

  test('CSV import: per-row results; rejected rows write nothing; GB18030 files are read', async () => {
    const header = '统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员数,高危行业领域\n';
    const rows = [
      `${creditCode(100, '320582')},导入甲化工有限公司,320582100000,2614,120,危险化学品`,
      `${creditCode(101, '320582', true)},导入乙有限公司,320582100000,1713,10,`,
      `${creditCode(102, '320582')},导入丙有限公司,320583100000,1713,10,`, // another county
      '91320582MA1234,导入丁有限公司,320582100000,1713,10,', // wrong length
      `${creditCode(104, '320582')},导入戊有限公司,320582100000,1713,很多,`, // not a number
      `${creditCode(100, '320582')},重复甲有限公司,320582100000,2614,1,`, // duplicate of row 1
    ];
    const before = await count();
    const file = multipart('名录.csv', Buffer.from(new TextEncoder().encode(header + rows.join('\n'))));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: { cookie: county, ...file.headers },
      payload: file.payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.deepEqual(
      r.rows.map((x: { line: number; status: string }) => [x.line, x.status]),
      [
        [2, 'imported'],
        [3, 'warning'],
        [4, 'rejected'],
        [5, 'rejected'],
        [6, 'rejected'],
        [7, 'rejected'],
      ],
    );
    assert.deepEqual([r.imported, r.warning, r.rejected], [1, 1, 4]);
    assert.equal(r.rows[4].reasons[0].field, 'employees');
    assert.equal(await count(), (before ?? 0) + 2);

    // GB18030-encoded, as Excel on a Chinese Windows saves CSV.
    const gbRow = `${header}${creditCode(105, '320582')},国标编码有限公司,320582100000,1713,5,\n`;
    const f2 = multipart('gb.csv', encodeGb18030(gbRow));
    const r2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: { cookie: county, ...f2.headers },
      payload: f2.payload,
    });
    assert.equal(r2.json().rows[0].name, '国标编码有限公司');
    assert.equal(r2.json().imported, 1);
  });

  test('import reads the standardisation grade (一级/二级/三级) and its validity; a grade without validity is refused; export writes them', async () => {
    const header = '统一社会信用代码,企业名称,行政区划代码,行业代码,安全生产标准化等级,标准化有效期至\n';
    const rows = [
      `${creditCode(110, '320582')},标准化二级有限公司,320582100000,1713,二级,2027年6月30日`,
      `${creditCode(111, '320582')},标准化三级有限公司,320582100000,1713,3,2026/9/1`,
      `${creditCode(112, '320582')},缺有效期有限公司,320582100000,1713,一级,`,
    ];
    const file = multipart('标准化.csv', Buffer.from(new TextEncoder().encode(header + rows.join('\n'))));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: { cookie: county, ...file.headers },
      payload: file.payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.deepEqual(
      r.rows.map((x: { status: string }) => x.status),
      ['imported', 'imported', 'rejected'],
    );
    assert.equal(r.rows[2].reasons[0].field, 'standardizationValidUntil');
    const stored = await t.db.query<{ name: string; g: string; v: string }>(
      "SELECT name, standardization_grade AS g, to_char(standardization_valid_until, 'YYYY-MM-DD') AS v FROM enterprises WHERE name LIKE '标准化%' ORDER BY name",
    );
    assert.deepEqual(
      stored.map((x) => [x.name, x.g, x.v]),
      [
        ['标准化三级有限公司', 'level3', '2026-09-01'],
        ['标准化二级有限公司', 'level2', '2027-06-30'],
      ],
    );
    const exp = await t.app.inject({ url: '/api/v1/enterprises/export', headers: { cookie: county } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    const gradeCol = headers.indexOf('安全生产标准化等级');
    const untilCol = headers.indexOf('标准化有效期至');
    assert.ok(gradeCol > 0 && untilCol > 0, headers.join(','));
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(2).value === '标准化二级有限公司') {
        found = true;
        assert.equal(row.getCell(gradeCol).value, '二级');
        assert.equal(row.getCell(untilCol).value, '2027-06-30');
      }
    });
    assert.ok(found);
  });

  test('import refuses a file without the required columns, a non-table file, and non-admin roles', async () => {
    const f = multipart('x.csv', 'a,b\n1,2\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: { cookie: county, ...f.headers },
      payload: f.payload,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.fields.file, /缺少必需列/);
    const pdf = multipart('x.pdf', '%PDF-1.4', 'application/pdf');
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/enterprises/import',
          headers: { cookie: county, ...pdf.headers },
          payload: pdf.payload,
        })
      ).statusCode,
      400,
    );
    const broken = multipart('x.xlsx', 'not a zip', 'application/octet-stream');
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/enterprises/import',
          headers: { cookie: county, ...broken.headers },
          payload: broken.payload,
        })
      ).statusCode,
      400,
    );
  });

  test('Excel export lists the scope only, and imports again into a fresh region unchanged', async () => {
    const res = await t.app.inject({ url: '/api/v1/enterprises/export', headers: { cookie: county } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    assert.equal(ws.getCell('A1').value, '统一社会信用代码');
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(3).value));
    });
    const total = (await t.app.inject({ url: '/api/v1/enterprises', headers: { cookie: county } })).json().total;
    assert.equal(codes.length, total);
    assert.ok(codes.every((c) => c.startsWith('320582')));

    // Round trip: delete everything, import the export back as admin, same rows.
    const before = await t.db.query<{ credit_code: string; name: string }>(
      "SELECT credit_code, name FROM enterprises WHERE region_code LIKE '320582%' ORDER BY credit_code",
    );
    await t.db.query('DELETE FROM users WHERE enterprise_id IS NOT NULL');
    await t.db.query("DELETE FROM enterprises WHERE region_code LIKE '320582%'");
    const f = multipart('export.xlsx', res.rawPayload, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: { cookie: admin, ...f.headers },
      payload: f.payload,
    });
    assert.equal(imp.json().rejected, 0, imp.body);
    const again = await t.db.query<{ credit_code: string; name: string }>(
      "SELECT credit_code, name FROM enterprises WHERE region_code LIKE '320582%' ORDER BY credit_code",
    );
    assert.deepEqual(again, before);
  });
});

/** Minimal GB18030 encoder for the test: via the platform's TextDecoder table, reversed. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`cannot encode ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
