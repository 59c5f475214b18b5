// Browser test of search and filters (issue 22, item 17): a county supervisor finds hazards by
// keyword and by the days they were found, the filters in the URL; the dashboard shows 整改率 and
// 按期整改率 of a period with their definitions; the audit log is filtered and exported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { todayInShanghai } from '../../server/src/time.ts';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

describe(`search and filters in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'search');
    await server?.stop();
  });

  async function login(username: string) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  /** The API's answer with the page's session. */
  const apiOf = (page: Page, path: string) =>
    page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<{ total: number; items: Record<string, unknown>[] }>;
  /** A keyword box (antd may put the test id on the input or on its wrapper). */
  const keyword = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();
  const rows = (page: Page) => page.locator('[data-testid=hazard-table] tbody tr.ant-table-row');

  test('a county supervisor searches hazards by keyword and by the days found', async () => {
    const { ctx, page } = await login('county');
    await page.goto(`${server.url}/hazards`);
    await rows(page).first().waitFor();
    // A keyword: typed, entered, in the URL; every row shows it, as many as the API finds.
    await keyword(page, 'hazard-keyword').fill('挡鼠板');
    await keyword(page, 'hazard-keyword').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '挡鼠板');
    const found = await apiOf(page, `/api/v1/hazards?q=${encodeURIComponent('挡鼠板')}`);
    assert.ok(found.total >= 1);
    await page.getByText(`共 ${found.total} 条`).waitFor();
    for (const text of await rows(page).allInnerTexts()) assert.match(text, /挡鼠板/);

    // Days found: this week has it (the demo found it yesterday), 2020 does not.
    const today = todayInShanghai();
    const weekAgo = todayInShanghai(new Date(Date.now() - 7 * 86_400_000));
    const start = page.getByPlaceholder('发现日期 起');
    const end = page.getByPlaceholder('发现日期 止');
    await start.click();
    await start.fill(weekAgo);
    await start.press('Enter');
    await end.fill(today);
    await end.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === weekAgo && u.searchParams.get('to') === today);
    assert.equal(new URL(page.url()).searchParams.get('q'), '挡鼠板', 'the keyword stays');
    await page.getByText(`共 ${found.total} 条`).waitFor();
    await page.screenshot({ path: shot('search-county-keyword-days') });

    // The URL alone (a shared link) narrows the same way; a range with nothing in it, nothing.
    await page.goto(`${server.url}/hazards?q=${encodeURIComponent('挡鼠板')}&from=2020-01-01&to=2020-12-31`);
    await page.locator('[data-testid=hazard-table] .ant-empty').waitFor();
    assert.equal(await keyword(page, 'hazard-keyword').inputValue(), '挡鼠板', 'the box shows the URL’s keyword');
    assert.equal(await rows(page).count(), 0);

    // The 2025 hazards of the demo, by days found, as the API counts them.
    await page.goto(`${server.url}/hazards?from=2025-01-01&to=2025-12-31`);
    const of2025 = await apiOf(page, '/api/v1/hazards?from=2025-01-01&to=2025-12-31');
    assert.ok(of2025.total > 0);
    await page.getByText(`共 ${of2025.total}${of2025.total >= 1000 ? '+' : ''} 条`).waitFor();
    await ctx.close();
  });

  test('the dashboard: the rates of a period, with their definitions', async () => {
    const { ctx, page } = await login('county');
    await page.goto(`${server.url}/hazard-dashboard?from=2025-01-01&to=2025-12-31`);
    await page.locator('[data-testid=dashboard-period]').getByText('2025-01-01 ~ 2025-12-31').waitFor();
    const d = (await page.evaluate(async () => (await fetch('/api/v1/hazard-dashboard?from=2025-01-01&to=2025-12-31')).json())) as {
      period: { found: number; rectificationRate: number | null; onTimeRate: number | null };
    };
    assert.ok(d.period.found > 0);
    const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
    const rates = page.locator('[data-testid=dashboard-rates]');
    await rates.getByText(pct(d.period.rectificationRate)).first().waitFor();
    await rates.getByText(pct(d.period.onTimeRate)).first().waitFor();
    await page.locator('[data-testid=rate-definition-rectification]').hover();
    await page
      .getByRole('tooltip')
      .getByText(/整改率 = 期间内发现且在期末前销号的隐患数/)
      .waitFor();
    await page.screenshot({ path: shot('search-dashboard-rates') });
    await ctx.close();
  });

  test('the audit log: filtered by actor and action, exported as the filtered rows with Beijing times', async () => {
    const { ctx, page } = await login('admin');
    await page.goto(`${server.url}/admin/audit`);
    const actor = keyword(page, 'filter-actor');
    await actor.fill('county');
    await actor.press('Enter');
    const action = keyword(page, 'filter-action');
    await action.fill('auth.');
    await action.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('actor') === 'county' && u.searchParams.get('action') === 'auth.');
    const listed = await apiOf(page, '/api/v1/audit?actor=county&action=auth.&pageSize=200');
    assert.ok(listed.total >= 1, 'the county logged in');
    await page.getByText(`共 ${listed.total} 条`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=audit-export]')]);
    assert.equal(download.suggestedFilename(), `审计日志-${todayInShanghai()}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志');
    const got: string[][] = [];
    sheet?.eachRow((row, i) => {
      if (i > 1) got.push([String(row.getCell(1).value), String(row.getCell(2).value), String(row.getCell(3).value)]);
    });
    assert.equal(got.length, listed.total);
    for (const [i, e] of listed.items.entries()) {
      const at = new Date(e.at as string).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
      assert.deepEqual(got[i], [String(e.seq), at, 'county']);
    }
    await ctx.close();
  });
});
