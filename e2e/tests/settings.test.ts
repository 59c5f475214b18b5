// The settings page and the holiday calendar page in the browser: the admin opens 系统设置 from
// the menu, sees a provisional setting tagged 暂定 and changes it (the value in force follows);
// the 节假日安排 page lists the National Day (国庆节) holidays and make-up working days of 2026.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeBrowser, launch, loginAs, viaMenu } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

describe(`settings and the holiday calendar (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'settings');
    await server?.stop();
  });

  test('the admin edits a provisional setting, tagged 暂定, from the settings page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'admin');
    await viaMenu(page, '系统管理', '系统设置', '/admin/settings');
    const row = page.getByRole('row', { name: /整改复查期限/ });
    await row.waitFor();
    await page.getByTestId('provisional-enforcement.reviewDays').waitFor();
    assert.equal(await page.getByTestId('provisional-enforcement.reviewDays').innerText(), '暂定');
    assert.match(await row.innerText(), /10\s*\(默认\)/);

    await row.getByRole('button', { name: '修改' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('spinbutton').fill('0');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('不能小于 1').waitFor();
    await dialog.getByRole('spinbutton').fill('7');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() =>
      /7\s*\(全国\)/.test(document.querySelector('[data-row-key="enforcement.reviewDays"]')?.textContent ?? ''),
    );
    await ctx.close();
  });

  test('the holiday calendar page lists the National Day days of 2026', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/admin/calendar?year=2026`);
    await page.getByRole('row', { name: /2026-10-01/ }).waitFor();
    const text = await page.locator('main').innerText();
    for (const d of ['2026-10-01', '2026-10-07', '2026-09-20', '2026-10-10']) assert.ok(text.includes(d), d);
    assert.match(text, /国庆节[\s\S]*放假\s*10-01 至 10-07/);
    assert.match(text, /调休上班\s*09-20、10-10/);
    assert.ok(await page.getByRole('button', { name: '新增日期' }).isVisible(), 'the admin may add a day');
    await ctx.close();
  });
});
