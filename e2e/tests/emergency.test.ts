// Browser test of 物资调拨 (issue 27, items 6 and 11): a request from the township to receipt. The
// demo township asks its county for drinking water through the form; the county approves fewer
// than asked (部分批准), issues the numbered 调拨指令 and ships from its own reserve (the proposal's
// nearest warehouse, with vehicle and driver); the township signs for part of it on the phone page,
// then for the rest; the request's line shows requested / approved / shipped / received at each step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, confirmDialog, dialog, dialogSettled, fillDialog, launch, loginAs, shot, viaMenu } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

const DESK = { width: 1366, height: 1000 };
const PHONE = { width: 390, height: 844 };
const TIMEOUT = 60_000; // the machine is shared: generous, but every wait is bounded

describe(`emergency supplies dispatch in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'emergency');
    await server?.stop();
  });

  async function login(username: string, viewport = DESK) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: viewport === PHONE });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  const step = (page: Page, action: string) => page.locator(`[data-testid=dispatch-step-${action}]`);
  const actions = (page: Page) =>
    page
      .locator('[data-testid=dispatch-actions] button')
      .evaluateAll((bs) => bs.map((b) => (b.getAttribute('data-testid') ?? '').replace('dispatch-step-', '')));
  const status = (page: Page, label: string) =>
    page.locator('[data-testid=dispatch-status]').getByText(label, { exact: true }).first().waitFor();
  /** The request's line as the detail page shows it: requested / approved / shipped / received. */
  const line = async (page: Page) => {
    const row = page.locator('[data-testid=dispatch-lines] tr.ant-table-row').first();
    const cell = (k: string) => row.locator(`[data-testid=line-${k}]`).innerText();
    return [await cell('requested'), await cell('approved'), await cell('shipped'), await cell('received')];
  };
  /** An antd InputNumber's input, whether the test id lands on the input or its wrapper. */
  const num = (id: string) => `input[data-testid=${id}], [data-testid=${id}] input`;
  /** Picks an option of an antd Select (typing to filter when asked). */
  async function choose(page: Page, selector: string, text?: string) {
    await page.locator(selector).click();
    if (text) await page.keyboard.type(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await (text ? option.filter({ hasText: text }) : option).first().click();
  }

  test('township asks → county approves in part, issues the order, ships → township receives in two parts', async () => {
    // 1. The township asks its county (the default: the level above) for 20 cases of water.
    const { ctx: t1, page: p1 } = await login('township');
    await viaMenu(p1, '应急准备', '物资调拨', '/emergency/dispatch');
    await p1.click('[data-testid=dispatch-new]');
    await p1.waitForURL(/\/emergency\/dispatch\/new$/);
    await choose(p1, '[data-testid=dispatch-field-item-0]', '饮用水');
    await p1.locator(num('dispatch-field-quantity-0')).first().fill('20');
    await p1.fill('[data-testid=dispatch-field-purpose]', '暴雨转移群众饮水保障');
    await p1.fill('[data-testid=dispatch-field-deliverTo]', '镇中心小学安置点');
    await p1.fill('[data-testid=dispatch-field-receiverUnit]', '镇人民政府');
    await p1.fill('[data-testid=dispatch-field-receiverName]', '赵文明');
    await p1.fill('[data-testid=dispatch-field-receiverPhone]', '13805279999');
    await p1.click('[data-testid=dispatch-submit]');
    await p1.waitForURL(/\/emergency\/dispatch\/[0-9a-f-]{36}$/);
    const path = new URL(p1.url()).pathname;
    await status(p1, '待审批');
    assert.deepEqual(await line(p1), ['20', '—', '0', '0']);
    assert.deepEqual(await actions(p1), ['cancel']);
    await t1.close();

    // 2. The county approves 15 of 20, issues the numbered order and ships from its reserve.
    const { ctx: c1, page: p2 } = await login('county');
    await p2.goto(`${server.url}${path}`);
    await status(p2, '待审批');
    assert.deepEqual(await actions(p2), ['approve', 'reject', 'cancel']);
    await step(p2, 'approve').click();
    await fillDialog(p2, num('dispatch-approve-0'), '15');
    await confirmDialog(p2);
    await status(p2, '部分批准');
    assert.deepEqual(await line(p2), ['20', '15', '0', '0']);
    await step(p2, 'issueOrder').click();
    await fillDialog(p2, '#supplierContact', '宿城区应急管理局 陈科长');
    await fillDialog(p2, '#supplierPhone', '0527-84300001');
    await confirmDialog(p2);
    await status(p2, '已下达调拨指令');
    const number = (await p2.locator('[data-testid=dispatch-order-number]').innerText()).trim();
    assert.match(number, /应急调〔\d{4}〕\d+号$/);
    // The proposal names the county's own reserve first (straight-line distance, said so).
    await p2.locator('[data-testid=dispatch-proposal]').getByText('道路距离不在本系统计算范围内', { exact: false }).waitFor();
    await step(p2, 'ship').click();
    await dialogSettled(p2);
    await choose(p2, '[data-testid=dispatch-field-warehouse]');
    await fillDialog(p2, '#vehicle', '苏N·B5678');
    await fillDialog(p2, '#driverName', '钱师傅');
    await fillDialog(p2, '#driverPhone', '13905278888');
    await confirmDialog(p2);
    await status(p2, '运输中');
    assert.deepEqual(await line(p2), ['20', '15', '15', '0']);
    await p2.screenshot({ path: shot('dispatch-in-transit'), fullPage: true });
    await c1.close();

    // 3. The township signs on a phone: 10 now (部分签收), then the other 5.
    const { ctx: t2, page: p3 } = await login('township', PHONE);
    await p3.goto(`${server.url}${path}/receive`);
    await p3.locator('[data-testid=dispatch-receive]').waitFor();
    await p3.locator(num('dispatch-receive-0')).first().fill('10');
    await p3.fill('[data-testid=dispatch-field-signer]', '赵文明');
    await p3.click('[data-testid=dispatch-sign]');
    await status(p3, '部分签收');
    await p3.locator(num('dispatch-receive-0')).first().waitFor();
    assert.equal(await p3.locator(num('dispatch-receive-0')).first().inputValue(), '5');
    await p3.fill('[data-testid=dispatch-field-signer]', '赵文明');
    await p3.click('[data-testid=dispatch-sign]');
    await status(p3, '已签收');
    await p3.screenshot({ path: shot('dispatch-received-phone'), fullPage: true });
    await p3.goto(`${server.url}${path}`);
    await status(p3, '已签收');
    assert.deepEqual(await line(p3), ['20', '15', '15', '15']);
    assert.equal(await dialog(p3).count(), 0);
    await t2.close();
  });
});
