// The storage budget for public uploads (issue 22, item 5): per report, per day and in total,
// each refused with its own answer and nothing half written (no row, no stored file).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { multipartBody, openTestApp, submitPublicReport, type TestApp } from '../../test/harness.ts';
import { uploadBudgetFrom } from './budget.ts';
import { pngOf } from './test-files.ts';

const KB = 1024;
// Read by the routes when the app is built: 60 KB a report, 100 KB a day, 150 KB in all.
process.env.REPORT_UPLOAD_REPORT_MB = String(60 / 1024);
process.env.REPORT_UPLOAD_DAY_MB = String(100 / 1024);
process.env.REPORT_UPLOAD_TOTAL_MB = String(150 / 1024);

describe('public upload budget', () => {
  let t: TestApp;
  const report = () => submitPublicReport(t.app, { regionCode: '320582100000', anonymous: true });
  const upload = (receipt: string, kb: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/reports/files',
      ...multipartBody({ content: pngOf(kb * KB), filename: 'p.png', type: 'image/png' }, { receipt }),
      headers: { ...multipartBody({ content: Buffer.alloc(0) }).headers, 'accept-language': 'en' },
    });
  const stored = async () => {
    const dir = join(t.filesDir, 'report-files');
    const onDisk = existsSync(dir) ? readdirSync(dir).length : 0;
    const [rows] = await t.db.query<{ n: number; bytes: number }>(
      'SELECT count(*)::int AS n, coalesce(sum(size), 0)::int AS bytes FROM report_files',
    );
    return { onDisk, rows: rows?.n, bytes: rows?.bytes };
  };

  before(async () => {
    t = await openTestApp();
  });
  after(() => t.close());

  test('settings: defaults, decimals, and a bad value stops the start', () => {
    assert.deepEqual(uploadBudgetFrom({}), { reportBytes: 100 * KB * KB, dayBytes: 2048 * KB * KB, totalBytes: 20480 * KB * KB });
    assert.equal(uploadBudgetFrom({ REPORT_UPLOAD_REPORT_MB: '0.5' }).reportBytes, 512 * KB);
    for (const bad of ['0', '-1', 'lots', '1e9'])
      assert.throws(() => uploadBudgetFrom({ REPORT_UPLOAD_DAY_MB: bad }), /REPORT_UPLOAD_DAY_MB/);
  });

  test('per report, per day and in total: each limit is refused with its own answer, nothing half written', async () => {
    const a = await report();
    assert.equal((await upload(a, 40)).statusCode, 201);
    let before = await stored();
    assert.deepEqual([before.onDisk, before.rows], [1, 1]);

    const perReport = await upload(a, 30);
    assert.equal(perReport.statusCode, 400, 'the report would hold 70 KB of its 60');
    assert.match(perReport.json().error.fields.file, /at most 0\.1 MB/);
    assert.match(perReport.json().error.fieldMessages.file.zh, /附件合计不能超过/);
    assert.deepEqual(await stored(), before);

    const b = await report();
    assert.equal((await upload(b, 40)).statusCode, 201, '80 KB today');
    before = await stored();
    const c = await report();
    const perDay = await upload(c, 30);
    assert.equal(perDay.statusCode, 429, '110 KB today of 100');
    assert.match(perDay.json().error.message, /upload tomorrow/);
    assert.deepEqual(await stored(), before);

    // Earlier days' files count towards the total only.
    // (recorded on the first report, which takes no more files here)
    const [{ id: cId } = { id: '' }] = await t.db.query<{ id: string }>('SELECT report_id AS id FROM report_files ORDER BY size LIMIT 1');
    await t.db.query(
      `INSERT INTO report_files (report_id, author, storage_key, sealed_meta, size, added_on) VALUES ($1, 'reporter', 'report-files/x', 'x', $2, '2020-01-01')`,
      [cId, 60 * KB],
    );
    before = await stored();
    const total = await upload(c, 15);
    assert.equal(total.statusCode, 507, '95 KB today is within the day, but 155 KB in all is beyond 150');
    assert.match(total.json().error.message, /Storage for report files is full/);
    assert.deepEqual(await stored(), before);
    assert.equal((await upload(c, 5)).statusCode, 201, 'what still fits is taken');
  });

  test('concurrent uploads cannot all pass the same remaining budget', async () => {
    const receipts = await Promise.all([report(), report(), report(), report()]);
    await t.db.query('DELETE FROM report_files');
    const answers = await Promise.all(receipts.map((r) => upload(r, 40)));
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 201, 429, 429], '100 KB a day holds two of 40 KB');
    const { rows, bytes } = await stored();
    assert.equal(rows, 2);
    assert.ok((bytes ?? 0) <= 100 * KB);
  });
});
