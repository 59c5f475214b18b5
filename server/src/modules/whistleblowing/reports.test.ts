// The public report flow end to end through the API, and what it leaves behind: no identifier in
// any log line or stored row, nothing readable at rest, a receipt that only opens its own report.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type CastApp, multipartBody, openCastApp } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';
import { solve } from './pow.ts';
import { pngOf } from './test-files.ts';

const SECRET = '三号仓库后门处液氨管道长期泄漏，夜班偷偷生产';
const NAME = '王秘密';
const PHONE = '13912345678';
const IP = '203.0.113.77';
const UA = 'Mozilla/5.0 (Reporter-Phone; Android 14) UniqueAgent/9.9';

describe('public reports', () => {
  const logs: string[] = [];
  let t: CastApp;
  let county: string;
  let admin: string;
  let kunshan: string;
  let ent: string;
  let enterpriseId: string;
  let receipt = '';
  let reportId = '';
  // Every public request here comes from one address and browser, so that the test can prove
  // neither is kept (the harness's submitPublicReport sends neither).
  const pub = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, remoteAddress: IP, headers: { 'user-agent': UA, 'x-forwarded-for': IP } });
  const inject = (cookie: string, method: string, url: string, payload?: unknown) => t.inject(cookie, method, url, payload);
  const pow = async () => {
    const c = (await pub('GET', '/api/public/reports/challenge')).json();
    return { challenge: c.challenge, nonce: solve(c.challenge, c.bits) };
  };

  before(async () => {
    // The standard cast: the county handles the town's enterprise; Kunshan is the outsider; ent is the reported enterprise.
    t = await openCastApp({ logStream: { write: (line) => void logs.push(line) } });
    ({ admin, county, kunshan, ent } = t.cookies);
    enterpriseId = t.enterpriseId;
  });
  after(() => t.close());

  test('a named report with proof of work gets a 20-digit receipt, shown once, and the no-store/no-referrer headers', async () => {
    const res = await pub('POST', '/api/public/reports', {
      category: 'illegalProduction',
      enterpriseId,
      description: SECRET,
      anonymous: false,
      name: NAME,
      phone: PHONE,
      pow: await pow(),
    });
    assert.equal(res.statusCode, 201, res.body);
    receipt = res.json().receipt;
    assert.match(receipt, /^\d{4}( \d{4}){4}$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    const [row] = await t.db.query<{ id: string }>('SELECT id FROM reports');
    reportId = row?.id as string;
  });

  test('proof of work: missing, wrong, forged and reused tokens are refused and nothing is written', async () => {
    const body = { category: 'hazard', regionCode: '320582100000', description: '消防通道被堵死很久了，无人处理' };
    const before = await t.db.query('SELECT count(*)::int AS n FROM reports');
    assert.equal((await pub('POST', '/api/public/reports', body)).statusCode, 400);
    const p = await pow();
    assert.equal((await pub('POST', '/api/public/reports', { ...body, pow: { ...p, nonce: 'x' } })).statusCode, 400);
    assert.equal((await pub('POST', '/api/public/reports', { ...body, pow: { ...p, challenge: `${p.challenge}0` } })).statusCode, 400);
    assert.equal((await pub('POST', '/api/public/reports', { ...body, pow: p })).statusCode, 201);
    const reused = await pub('POST', '/api/public/reports', { ...body, pow: p });
    assert.equal(reused.statusCode, 400);
    assert.ok(reused.json().error.fields.pow);
    const after = await t.db.query('SELECT count(*)::int AS n FROM reports');
    assert.deepEqual(after, [{ n: (before[0] as { n: number }).n + 1 }]);
  });

  test('only the day of the submission is kept: report row, receive transition, audit event, stored file (issue 22, item 4)', async () => {
    const today = todayInShanghai();
    const midnight = new Date(`${today}T00:00:00+08:00`).getTime();
    const [tr] = await t.db.query<{ at: Date; day_only: boolean }>(
      "SELECT at, day_only FROM report_transitions WHERE report_id = $1 AND action = 'receive'",
      [reportId],
    );
    assert.equal(new Date(tr?.at as Date).getTime(), midnight, 'the receive transition is at midnight Beijing time');
    assert.equal(tr?.day_only, true);
    const [ev] = await t.db.query<{ at: Date; day_only: boolean; seq: number }>(
      "SELECT at, day_only, seq FROM audit_events WHERE action = 'report.receive' AND entity_id = $1",
      [reportId],
    );
    assert.equal(new Date(ev?.at as Date).getTime(), midnight, 'the audit event too');
    assert.equal(ev?.day_only, true);
    assert.match(reportId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random (v4) id');
    const detail = (await inject(county, 'GET', `/api/v1/reports/${reportId}`)).json();
    assert.deepEqual(
      detail.transitions.map((x: { action: string; at: string; dayOnly: boolean }) => [x.action, new Date(x.at).getTime(), x.dayOnly]),
      [['receive', midnight, true]],
    );
    const audit = (await inject(admin, 'GET', `/api/v1/audit?entityId=${reportId}`)).json();
    const shown = (audit.items as { action: string; at: string; dayOnly?: boolean }[]).find((e) => e.action === 'report.receive');
    assert.deepEqual([shown?.at && new Date(shown.at).getTime(), shown?.dayOnly], [midnight, true]);
    assert.equal((await inject(admin, 'GET', '/api/v1/audit/verify')).json().ok, true, 'the chain still verifies');
    // The audit export writes the day alone for it, not a midnight that reads like a moment.
    const xlsx = await inject(admin, 'GET', `/api/v1/audit/export?entityId=${reportId}&action=report.receive`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(String(wb.getWorksheet('审计日志')?.getRow(2).getCell(2).value), today);

    const up = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/files',
      ...multipartBody({ content: pngOf(2048), filename: 'p.png', type: 'image/png' }, { receipt }),
    });
    assert.equal(up.statusCode, 201, up.body);
    const [file] = await t.db.query<{ storage_key: string }>('SELECT storage_key FROM report_files WHERE report_id = $1', [reportId]);
    const st = statSync(join(t.filesDir, file?.storage_key as string));
    assert.deepEqual([st.mtimeMs, st.atimeMs], [midnight, midnight], 'the stored file’s times are the day');
    const [fe] = await t.db.query<{ at: Date }>("SELECT at FROM audit_events WHERE action = 'report.reporterFile' AND entity_id = $1", [
      reportId,
    ]);
    assert.equal(new Date(fe?.at as Date).getTime(), midnight);
  });

  test('handlers of the jurisdiction handle it; others cannot see it; the reporter follows with the receipt', async () => {
    assert.equal((await inject(ent, 'GET', '/api/v1/reports')).statusCode, 403, 'the reported enterprise never sees reports');
    assert.equal((await inject(kunshan, 'GET', '/api/v1/reports')).json().items.length, 0);
    assert.equal((await inject(kunshan, 'GET', `/api/v1/reports/${reportId}`)).statusCode, 404);
    const inbox = (await inject(county, 'GET', '/api/v1/reports?status=received')).json().items;
    assert.equal(inbox.length, 2);
    const detail = (await inject(county, 'GET', `/api/v1/reports/${reportId}`)).json();
    assert.equal(detail.description, SECRET);
    assert.equal(JSON.stringify(detail).includes(NAME), false, 'the identity is not part of the detail');
    // The steps of its status, writing to the reporter, and (a named report) asking for the identity.
    assert.deepEqual(detail.allowedActions.sort(), ['accept', 'merge', 'message', 'reject', 'requestReveal']);

    const refused = await inject(county, 'POST', `/api/v1/reports/${reportId}/transitions`, { action: 'substantiate' });
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(refused.json().error.allowedActions.sort(), ['accept', 'merge', 'message', 'reject', 'requestReveal']);
    assert.equal((await inject(county, 'POST', `/api/v1/reports/${reportId}/transitions`, { action: 'accept' })).statusCode, 200);
    assert.equal(
      (await inject(county, 'POST', `/api/v1/reports/${reportId}/messages`, { text: '请问夜班大约几点开始？' })).statusCode,
      201,
    );

    const seen = (await pub('POST', '/api/public/reports/follow', { receipt })).json();
    assert.equal(seen.status, 'accepted');
    assert.equal(seen.description, SECRET);
    assert.deepEqual(
      seen.messages.map((m: { author: string; text: string }) => [m.author, m.text]),
      [['handler', '请问夜班大约几点开始？']],
    );
    const answered = await pub('POST', '/api/public/reports/messages', { receipt: receipt.replace(/ /g, '-'), text: '晚上十一点以后' });
    assert.equal(answered.statusCode, 201);
    const thread = (await inject(county, 'GET', `/api/v1/reports/${reportId}`)).json().messages;
    assert.deepEqual(
      thread.map((m: { author: string }) => m.author),
      ['handler', 'reporter'],
    );
    const events = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_type = 'report' AND entity_id = $1 ORDER BY seq",
      [reportId],
    );
    assert.deepEqual(
      events.map((e) => e.action),
      ['report.receive', 'report.reporterFile', 'report.accept', 'report.message', 'report.reporterMessage'],
    );
    await inject(county, 'POST', `/api/v1/reports/${reportId}/transitions`, { action: 'verify' });
    const noReason = await inject(county, 'POST', `/api/v1/reports/${reportId}/transitions`, { action: 'unsubstantiate' });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await inject(county, 'POST', `/api/v1/reports/${reportId}/transitions`, { action: 'substantiate' })).statusCode, 200);
    assert.equal((await pub('POST', '/api/public/reports/follow', { receipt })).json().status, 'substantiated');
  });

  test('a wrong receipt is slowed down and opens nothing', async () => {
    const t0 = Date.now();
    const wrong = await pub('POST', '/api/public/reports/follow', { receipt: '1234 5678 9012 3456 7890' });
    assert.equal(wrong.statusCode, 404);
    assert.ok(Date.now() - t0 >= 990, 'each failure costs at least a second');
    assert.equal((await pub('POST', '/api/public/reports/follow', { receipt: 'not a receipt' })).statusCode, 404);
  });

  test('brute force is impractical: the server answers at most a burst and then five wrong guesses a second, from all callers together', async () => {
    const started = Date.now();
    const guesses = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(4, '0')} 1111 2222 3333 4444`);
    const answers = await Promise.all(guesses.map((receipt) => pub('POST', '/api/public/reports/follow', { receipt })));
    const seconds = (Date.now() - started) / 1000;
    const judged = answers.filter((a) => a.statusCode === 404).length;
    const refused = answers.filter((a) => a.statusCode === 429).length;
    assert.equal(judged + refused, guesses.length);
    assert.ok(refused > 0, 'beyond the budget, guesses are refused unjudged');
    assert.ok(judged <= 20 + Math.ceil(5 * seconds) + 1, `${judged} guesses judged in ${seconds}s`);
    // At the sustained rate, even a million live receipts among 10^20 leave an attacker needing
    // 10^20 / 10^6 / 5 per second ≈ 6.3×10^5 years for one expected hit.
    const years = 10 ** 20 / 10 ** 6 / 5 / (365 * 24 * 3600);
    assert.ok(years > 600000);
  });

  test('the budget is judged before the receipt: beyond it a right receipt is refused exactly like a wrong one (issue 22, item 9)', async () => {
    await new Promise((r) => setTimeout(r, 4500)); // the bucket refills to its burst of 20
    const guesses = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(4, '0')} 9999 8888 7777 6666`);
    const answers = await Promise.all([...guesses, receipt].map((r) => pub('POST', '/api/public/reports/follow', { receipt: r })));
    const right = answers.at(-1);
    assert.equal(right?.statusCode, 429, 'the right receipt, sent after the budget was spent, is not judged either');
    assert.deepEqual(right?.json(), answers.find((a) => a.statusCode === 429)?.json(), 'the same answer as a refused wrong guess');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await pub('POST', '/api/public/reports/follow', { receipt })).statusCode, 200, 'within the budget it opens again');
  });

  test('nothing that identifies the reporter is in any log line or stored row; content is sealed at rest', async () => {
    const everything = logs.join('\n');
    assert.ok(logs.length > 10, 'requests were logged');
    for (const needle of [IP, UA, 'UniqueAgent', NAME, PHONE, SECRET.slice(0, 8), receipt.replace(/ /g, '')])
      assert.equal(everything.includes(needle), false, `log holds ${needle}`);
    // A dump of every table the flow touched.
    const dump = JSON.stringify(
      await Promise.all(
        ['reports', 'report_messages', 'report_transitions', 'audit_events', 'sessions'].map((tbl) => t.db.query(`SELECT * FROM ${tbl}`)),
      ),
    );
    for (const needle of [IP, UA, NAME, PHONE, SECRET.slice(0, 8), '晚上十一点', receipt.replace(/ /g, '')])
      assert.equal(dump.includes(needle), false, `a stored row holds ${needle}`);
  });
});
