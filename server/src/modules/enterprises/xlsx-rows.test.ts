// xlsx imports count the rows before parsing (issue 22, item 9): a file over the limit is refused
// quickly, without building the workbook in memory; a file within it reads as before.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { multipartBody, openTestApp, type TestApp } from '../../test/harness.ts';
import { MAX_IMPORT_ROWS, readTable } from './tabular.ts';
import { countXlsxRows } from './xlsx-rows.ts';

const HEADER = ['统一社会信用代码', '企业名称', '行政区划代码', '行业代码'];

/** An .xlsx of `rows` data rows under the directory's header, written by exceljs's streaming writer. */
async function sheet(rows: number, sharedStrings = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: sharedStrings, useStyles: false });
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow([`91320582MA${String(i).padStart(7, '0')}X`, `企业${i}`, '320582100000', '2614']).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** Peak heap growth while `fn` runs, sampled every 5 ms. */
async function peakHeapGrowth<T>(fn: () => Promise<T>): Promise<{ result: T | Error; growth: number; ms: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = Date.now();
  let result: T | Error;
  try {
    result = await fn();
  } catch (err) {
    result = err as Error;
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { result, growth: peak - base, ms: Date.now() - t0 };
}

describe('xlsx import: rows counted before parsing', () => {
  let big: Buffer;
  let t: TestApp;
  before(async () => {
    big = await sheet(MAX_IMPORT_ROWS + 1); // 200,001 data rows
    t = await openTestApp();
  });
  after(() => t.close());

  test('the row count of the first sheet, exact up to the limit, with inline or shared strings', async () => {
    for (const shared of [false, true]) {
      const small = await sheet(1234, shared);
      assert.equal(await countXlsxRows(small, 10_000), 1235);
      assert.ok((await countXlsxRows(small, 100)) > 100, 'stops past the limit');
      const rows = await readTable(small, 'a.xlsx');
      assert.equal(rows.length, 1234);
      assert.deepEqual(rows[1233], {
        line: 1235,
        values: { creditCode: '91320582MA0001233X', name: '企业1233', regionCode: '320582100000', industryCode: '2614' },
      });
    }
  });

  test('200,001 rows: refused in well under a second or two, heap bounded, no workbook built', async () => {
    const { result, growth, ms } = await peakHeapGrowth(() => readTable(big, 'big.xlsx'));
    assert.ok(result instanceof Error, 'refused');
    assert.match(result.message, /最多 200000 行/);
    assert.ok(ms < 3000, `took ${ms} ms`);
    assert.ok(growth < 64 * 1024 * 1024, `heap grew ${Math.round(growth / 1024 / 1024)} MB`);
  });

  test('through the API: 400 with the limit in Chinese and English, nothing imported', async () => {
    const cookie = await t.login('admin');
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises'))[0]?.n;
    const f = multipartBody({
      content: big,
      filename: 'big.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    for (const lang of ['zh', 'en']) {
      const t0 = Date.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises/import',
        headers: { cookie, 'accept-language': lang, ...f.headers },
        payload: f.payload,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().error.fields.file, lang === 'zh' ? /最多 200000 行/ : /At most 200000 rows/);
      assert.ok(Date.now() - t0 < 5000);
    }
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises'))[0]?.n, before);
  });

  test('not a zip, a truncated zip: 400 as before', async () => {
    await assert.rejects(readTable(Buffer.from('not a zip'), 'x.xlsx'), /无法读取 Excel 文件/);
    const small = await sheet(10);
    await assert.rejects(readTable(small.subarray(0, small.length - 30), 'x.xlsx'), /无法读取 Excel 文件/);
  });
});
