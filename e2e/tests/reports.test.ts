// Browser test of a public report on a phone: an anonymous report with a photo → receipt; the
// county accepts and asks a question; the reporter answers with the receipt; the county finds it
// true (a hazard is created), decides and pays the reward; the reporter sees the outcome.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makePng } from '../../server/src/test/png.ts';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const PHONE = { width: 390, height: 844 };

describe(`public report in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  const photo = join(tmpdir(), 'taishan-report.png');
  before(async () => {
    server = await startServer();
    browser = await launch();
    writeFileSync(photo, makePng(240, 160));
  });
  after(async () => {
    await closeBrowser(browser, 'reports');
    await server?.stop();
  });

  const ok = (page: Page) => page.locator('.ant-modal-footer .ant-btn-primary').click();
  const step = async (page: Page, name: string) => {
    await page.getByRole('button', { name, exact: true }).click();
    await page.locator('.ant-modal-content').waitFor();
  };

  test('report → receipt → accept and ask → answer → substantiated → hazard → reward → the reporter sees it', async () => {
    const own = (await (
      await fetch(`${server.url}/api/v1/enterprises`, { headers: { cookie: await apiLogin(server.url, 'entadmin') } })
    ).json()) as { items: { id: string; name: string }[] };
    const enterprise = own.items[0];
    assert.ok(enterprise);

    // 1. An anonymous reporter on a phone: no account, no cookie.
    const reporterCtx = await browser.newContext({
      viewport: PHONE,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
    });
    const r = await reporterCtx.newPage();
    const sentCookies: string[] = [];
    r.on('request', (req) => {
      if (req.url().includes('/api/') && req.headers().cookie) sentCookies.push(req.url());
    });
    await r.goto(`${server.url}/report`);
    await r.getByText('我们保存什么、不保存什么').waitFor();
    await r.locator('#enterpriseName').fill(enterprise.name.slice(0, 6));
    await r.locator(`.ant-select-dropdown:visible .ant-select-item-option[title*="${enterprise.name}"]`).first().click();
    await r.fill('#description', '仓库后门的液氨管道长期滴漏，夜班工人没有防护面具，已经有人头晕');
    await r.fill('#happenedAt', '最近一周夜班');
    await r.locator('input[type=file]').setInputFiles(photo);
    await r.getByText('taishan-report.png').waitFor();
    await r.screenshot({ path: shot('report-phone'), fullPage: true });
    await r.getByRole('button', { name: '提交举报' }).click();
    const receiptEl = r.locator('[data-testid=receipt]');
    await receiptEl.waitFor({ timeout: 30_000 });
    const receipt = (await receiptEl.innerText()).trim();
    assert.match(receipt, /^\d{4}( \d{4}){4}$/);
    await r.screenshot({ path: shot('report-receipt-phone') });

    // 2. The county handler accepts and asks a question.
    const handlerCtx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const h = await handlerCtx.newPage();
    await loginAs(h, server.url, 'county');
    await h.goto(`${server.url}/reports`);
    // The demo has reports of its own; this one is the one received today.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await h.locator('tr', { hasText: enterprise.name }).filter({ hasText: today }).first().click();
    await h.locator('[data-testid=report-description]').getByText('液氨管道长期滴漏').waitFor();
    await h.locator('img[alt="taishan-report.jpg"]').waitFor();
    await step(h, '受理');
    await ok(h);
    await h.getByRole('button', { name: '开始核查' }).waitFor();
    await h.fill('[data-testid=handler-reply]', '请问漏点在管道的哪一段？');
    await h.getByRole('button', { name: '发送' }).click();
    await h.getByText('请问漏点在管道的哪一段？').waitFor();

    // 3. The reporter opens the report with the receipt and answers.
    await r.goto(`${server.url}/report/follow`);
    await r.fill('[data-testid=receipt-input]', receipt);
    await r.getByRole('button', { name: '查询' }).click();
    await r.getByText('请问漏点在管道的哪一段？').waitFor();
    assert.equal(await r.locator('[data-testid=report-status]').innerText(), '已受理');
    // Headed 状态, not 结果 (issue 22 item 13).
    await r.locator('.ant-descriptions-item-label', { hasText: /^状态$/ }).waitFor();
    assert.equal(await r.locator('.ant-descriptions-item-label', { hasText: /^结果$/ }).count(), 0);
    await r.fill('[data-testid=reply]', '在冷库北墙外，阀门下方');
    await r.getByRole('button', { name: '发送' }).click();
    await r.getByText('在冷库北墙外，阀门下方').waitFor();

    // 4. The handler verifies, finds it true (a hazard is created), decides and pays the reward.
    await h.reload();
    await h.getByText('在冷库北墙外，阀门下方').waitFor();
    await step(h, '开始核查');
    await ok(h);
    await step(h, '核查属实');
    await h.fill('.ant-modal-content textarea', '液氨管道阀门滴漏，夜班作业人员未配备防护器具');
    await ok(h);
    await h.locator('[data-testid=hazard-link]').waitFor();
    await step(h, '决定奖励');
    await h.locator('#penalty').fill('50000');
    await ok(h);
    await h.locator('[data-testid=reward-amount]').getByText('7,500 元').waitFor();
    await h.getByText('行政处罚金额 50,000 元 × 15% = 7,500 元').waitFor();
    await step(h, '发放奖励');
    await h.locator('#paidOn').fill('2026-11-23');
    await h.fill('#reference', 'SQ-2026-018');
    await ok(h);
    await h.getByText('SQ-2026-018').waitFor();
    await h.screenshot({ path: shot('report-handler'), fullPage: true });
    await h.locator('[data-testid=hazard-link]').click();
    await h.locator('[data-testid=hazard-detail]').getByText('液氨管道阀门滴漏').first().waitFor();

    // 5. The reporter sees the outcome.
    await r.getByRole('button', { name: '查询' }).click();
    await r.locator('[data-testid=report-status]').getByText('奖励已发放').waitFor();
    assert.match(await r.locator('[data-testid=reward]').innerText(), /7,500 元/);
    await r.screenshot({ path: shot('report-outcome-phone'), fullPage: true });
    assert.deepEqual(sentCookies, [], 'the reporter’s pages send no cookie');
    await reporterCtx.close();
    await handlerCtx.close();
  });
});
