// Export file names carry Beijing's date: at 01:30 on 6 December in Beijing (17:30 UTC on the
// 5th) an export is of the 6th, whatever the server's clock zone.
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { openTestApp, type TestApp } from '../test/harness.ts';
import { datedFileName } from './download.ts';

const LATE_EVENING_UTC = new Date('2026-12-05T17:30:00Z');

test('an export is dated by the day in Beijing', () => {
  assert.equal(datedFileName('隐患清单', 'xlsx', LATE_EVENING_UTC), '隐患清单-2026-12-06.xlsx');
  assert.equal(datedFileName('隐患清单', 'xlsx', new Date('2026-12-05T15:59:59Z')), '隐患清单-2026-12-05.xlsx');
});

describe('every Excel export through the API', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await openTestApp();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('is named with the Beijing date at 17:30 UTC', async () => {
    const exports = {
      '/api/v1/hazards/export': '隐患清单',
      '/api/v1/enterprises/export': '企业名录',
      '/api/v1/risk-points/export': '风险分级管控清单',
    };
    // The routes read the clock themselves: it is set for the requests only.
    mock.timers.enable({ apis: ['Date'], now: LATE_EVENING_UTC });
    try {
      for (const [url, title] of Object.entries(exports)) {
        const res = await t.app.inject({ url, headers: { cookie: admin } });
        assert.equal(res.statusCode, 200, `${url} ${res.body}`);
        const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(res.headers['content-disposition']))?.[1] ?? '');
        assert.equal(name, `${title}-2026-12-06.xlsx`, url);
      }
    } finally {
      mock.timers.reset();
    }
  });
});
