// Browser test of the workbench (工作台): every demo role lands on it after logging in and finds
// work waiting; a count opens the list filtered to exactly that many rows; English labels too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

const ROLES = ['admin', 'province', 'city', 'county', 'county2', 'township', 'grid', 'inspector', 'entadmin', 'entstaff'];

describe(`workbench in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'workbench');
    await server?.stop();
  });

  test('every demo role lands on its workbench with work waiting', async () => {
    for (const username of ROLES) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await ctx.newPage();
      await loginAs(page, server.url, username);
      assert.equal(new URL(page.url()).pathname, '/', `${username} lands on /`);
      await page.getByRole('menuitem', { name: '工作台' }).waitFor();
      const counts = page.locator('[data-testid=workbench] [data-testid=work-count]');
      await counts.first().waitFor();
      const values = (await counts.allInnerTexts()).map((v) => Number.parseInt(v, 10));
      assert.ok(values.length > 0 && values.every((n) => n > 0), `${username}: ${values}`);
      await page.screenshot({ path: shot(`workbench-${username}`) });
      await ctx.close();
    }
  });

  test('a count opens the hazard list showing exactly that many hazards; a link keeps its filters', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'county');
    // Awaiting acceptance: the overdue job running at start does not change it.
    const card = page.locator('[data-testid="work-hazards.toAccept"]');
    const n = Number.parseInt(await card.locator('[data-testid=work-count]').innerText(), 10);
    assert.ok(n > 0);
    await card.click();
    await page.waitForURL((u) => u.pathname === '/hazards' && u.searchParams.get('status') === 'pendingAcceptance');
    await page.getByText(`共 ${n} 条`).waitFor();
    const rows = page.locator('[data-testid=hazard-table] tbody tr.ant-table-row');
    assert.equal(await rows.count(), Math.min(n, 20));
    await page.screenshot({ path: shot('workbench-county-hazards-to-accept') });

    // Alarms nobody acknowledged: the wall opens filtered to them, and says so.
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="work-alarms.toAcknowledge"]').click();
    await page.waitForURL((u) => u.pathname === '/monitoring' && u.searchParams.get('status') === 'raised');
    await page.locator('[data-testid=active-filters]').getByText('未确认').waitFor();
    await ctx.close();
  });

  test('the enterprise admin in English: its five fixes, linked to its assigned hazards', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'entadmin');
    await page.getByRole('button', { name: 'English' }).click();
    const card = page.locator('[data-testid="work-hazards.fiveFixes"]');
    await card.getByText('Hazards awaiting the five fixes and rectification').waitFor();
    const n = Number.parseInt(await card.locator('[data-testid=work-count]').innerText(), 10);
    await card.click();
    await page.waitForURL((u) => u.pathname === '/hazards' && u.searchParams.get('status') === 'assigned');
    const list = (await (await page.request.get(`${server.url}/api/v1/hazards?status=assigned`)).json()) as { total: number };
    assert.equal(list.total, n);
    await page.screenshot({ path: shot('workbench-entadmin-phone-en') });
    await page.getByRole('button', { name: '中文' }).click();
    await ctx.close();
  });
});
