// Browser test of enterprise change requests (issue 22, item 6): the enterprise admin sees the
// fields that decide its supervision read-only and asks for a change; the county finds the request
// on its workbench and approves it; the enterprise's record then shows the new value.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

describe(`enterprise change requests in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'enterprise-changes');
    await server?.stop();
  });

  const open = async (username: string): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return page;
  };

  test('the enterprise asks, the county approves from its workbench, the record follows', async () => {
    const ent = await open('entadmin');
    const own = await ent.evaluate(
      async () => (await (await fetch('/api/v1/enterprises')).json()).items[0] as { id: string; name: string; employees: number | null },
    );
    const wanted = (own.employees ?? 0) + 7;
    await ent.goto(`${server.url}/enterprises/${own.id}/edit`);
    await ent.locator('[data-testid=supervision-read-only]').waitFor();
    assert.equal(await ent.getByLabel('从业人员数').isDisabled(), true, 'employees read-only for the enterprise');
    await ent.locator('[data-testid=supervision-read-only] [data-testid=request-change]').click();
    const dialog = ent.getByRole('dialog');
    await dialog.getByLabel('从业人员数').fill(String(wanted));
    await dialog.getByLabel('变更理由').fill('新增一条生产线，招聘人员');
    await dialog.locator('[data-testid=request-change-submit]').click();
    await ent.getByText('变更申请已提交，等待县级确认').waitFor();
    await ent.screenshot({ path: shot('enterprise-change-requested') });
    await ent.goto(`${server.url}/enterprises/${own.id}`);
    const mine = ent.locator('[data-testid=change-request]').filter({ hasText: '新增一条生产线' });
    await mine.locator('[data-testid=change-status]', { hasText: '待确认' }).waitFor();
    await mine.locator('[data-testid=change-withdraw]').waitFor();
    await ent.context().close();

    const county = await open('county');
    const card = county.locator('[data-testid="work-enterpriseChanges.toConfirm"]');
    const n = Number.parseInt(await card.locator('[data-testid=work-count]').innerText(), 10);
    assert.ok(n >= 2, `the demo's request and this one: ${n}`);
    await card.click();
    await county.waitForURL((u) => u.pathname === '/enterprises/changes' && u.searchParams.get('toConfirm') === 'true');
    const items = county.locator('[data-testid=change-request]');
    await items.first().waitFor();
    assert.equal(await items.count(), n);
    const request = items.filter({ hasText: '新增一条生产线' });
    await request.getByText(`${own.employees ?? '（空）'} → ${wanted}`).waitFor();
    await county.screenshot({ path: shot('enterprise-change-to-confirm') });
    await request.locator('[data-testid=change-approve]').click();
    await county.getByText('已处理').waitFor();
    await items.filter({ hasText: '新增一条生产线' }).waitFor({ state: 'detached' });
    assert.equal(await items.count(), n - 1);

    await county.goto(`${server.url}/enterprises/${own.id}`);
    const detail = county.locator('[data-testid=enterprise-detail]');
    await detail.getByText(String(wanted), { exact: true }).waitFor();
    await county.locator('[data-testid=change-status]', { hasText: '已批准' }).first().waitFor();
    await county.context().close();
  });

  test('in English too', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.addInitScript(() => localStorage.setItem('taishan.lang', 'en'));
    await loginAs(page, server.url, 'county');
    await page.goto(`${server.url}/enterprises/changes?toConfirm=true`);
    await page.getByRole('button', { name: 'Approve' }).first().waitFor();
    await page.getByText('Reason for the change').first().waitFor();
    await ctx.close();
  });
});
