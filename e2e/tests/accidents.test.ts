// Browser test of an accident from an enterprise's phone to its published investigation report
// (issue 25, items 2–5 and 10): the enterprise's safety director reports it on a phone with the
// deaths not yet known (不详); the county sees it in its list with the live countdown and forwards it
// to the city; the city acknowledges it; a follow-up with 3 deaths regrades it to 较大, and the chain
// now waits at the city to forward to the province; the city investigates (team, report), a second
// city account approves (four eyes) and publishes; the report is on /open/accidents. The public
// calculator there says 3 deaths is 较大.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as domain from '@taishan/domain';
import type { Browser, Page } from 'playwright-core';
import {
  OPEN_DIMENSION_LABELS,
  OPEN_GRADE_LABELS,
  OPEN_LEVEL_LABELS,
  OPEN_SECTION_LABELS,
  OPEN_TYPE_LABELS,
} from '../../web/src/pages/accidents/public/labels.ts';
import { closeBrowser, confirmDialog, dialog, fillDialog, launch, loginAs, shot } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 1000 };
const TIMEOUT = 60_000; // the machine is shared: generous, but every wait is bounded
const DEMO_CITY = '321300000000';

describe(`accident in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'accidents');
    await server?.stop();
  });

  async function login(username: string, viewport = DESK, password?: string) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username, password);
    return { ctx, page };
  }
  const modal = dialog;
  const step = (page: Page, action: string) => page.locator(`[data-testid=accident-step-${action}]`);
  const status = (page: Page, label: string) => page.locator('[data-testid=accident-status]').getByText(label, { exact: true }).waitFor();

  /** A second city supervisor for the four-eyes approval: the demo has one city account, so the admin makes another. */
  async function secondCityAccount(): Promise<{ username: string; password: string }> {
    const cookie = await apiLogin(server.url, 'admin');
    const account = { username: 'city-acc2', password: 'Taishan@2026-acc' };
    const r = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ...account, displayName: '市级监管员（二）', role: 'citySupervisor', regionCode: DEMO_CITY }),
    });
    assert.equal(r.status, 201, await r.text());
    return account;
  }

  test('the public page carries the same labels as domain (it cannot load the domain barrel)', () => {
    assert.deepEqual(OPEN_GRADE_LABELS, domain.ACCIDENT_GRADE_LABELS);
    assert.deepEqual(OPEN_DIMENSION_LABELS, domain.GRADING_DIMENSION_LABELS);
    const { enterprise: _, ...levels } = domain.CHAIN_LEVEL_LABELS;
    assert.deepEqual(OPEN_LEVEL_LABELS, levels);
    assert.deepEqual(OPEN_SECTION_LABELS, domain.REPORT_SECTION_LABELS);
    assert.deepEqual(OPEN_TYPE_LABELS, domain.ACCIDENT_TYPE_LABELS);
  });

  test('reported on a phone → county forwards → city acknowledges → regraded to 较大 → investigated, approved, published', async () => {
    // 1. The enterprise's safety director, on a phone: the 快报 with deaths unknown.
    const { ctx: c1, page: p1 } = await login('entadmin', PHONE);
    await p1.goto(`${server.url}/accidents/new`);
    await p1.waitForFunction(() => {
      const text = document.querySelector('[data-testid=accident-unit]')?.textContent ?? '';
      return text.length > 1 && !text.includes('…');
    });
    const unitName = (await p1.locator('[data-testid=accident-unit]').innerText()).trim();
    assert.match(unitName, /有限公司$/, 'the unit is the enterprise’s own, fixed');
    await p1.locator('#place').fill('二号车间反应釜区域');
    await p1.locator('#description').fill('反应釜检修时发生物料泄漏，两名检修工被困，现场已组织救援');
    await p1.locator('#deathsUnknown').click();
    await p1.locator('#minorInjuries').fill('2');
    await p1.locator('#measures').fill('已停车泄压，疏散周边人员，拨打 120');
    // The grade the figures imply and the unit's 1-hour deadline show as it is filled.
    await p1.locator('[data-testid=accident-implied-grade]').getByText('一般事故').waitFor();
    await p1.locator('[data-testid=accident-unit-deadline]').waitFor();
    const overflow = await p1.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the report form fits a phone (${overflow}px too wide)`);
    await p1.screenshot({ path: shot('accident-report-phone'), fullPage: true });
    await p1.click('[data-testid=accident-submit]');
    await p1.waitForURL(/\/accidents\/[0-9a-f-]{36}$/);
    const url = new URL(p1.url()).pathname;
    const number = (await p1.locator('[data-testid=accident-number]').innerText()).trim();
    assert.match(number, /^SG\d{6}\d{4}-\d{4}$/, number);
    await p1.locator('[data-testid=accident-deaths]').getByText('不详').waitFor();
    await status(p1, '报告中');
    await c1.close();

    // 2. The county: in its list with the countdown; forwards to the city.
    const { ctx: c2, page: p2 } = await login('county');
    await p2.goto(`${server.url}/accidents?q=${encodeURIComponent(number)}`);
    const row = p2.locator('[data-testid=accident-list] tr.ant-table-row').filter({ hasText: number });
    await row.waitFor();
    await row.getByText('待县级上报').waitFor();
    assert.match(await row.locator('[data-testid=accident-countdown]').innerText(), /剩余 [01] 小时 \d+ 分/);
    await row.getByText('不详').first().waitFor();
    await p2.goto(`${server.url}/accidents?waitingMine=true&q=${encodeURIComponent(number)}`);
    await p2.locator('[data-testid=accident-list] tr.ant-table-row').filter({ hasText: number }).waitFor();
    await p2.goto(`${server.url}${url}`);
    await p2.locator('[data-testid=chain-county-countdown]').waitFor();
    await step(p2, 'forward').click();
    await modal(p2).locator('[data-testid=step-to]').getByText('设区的市级').waitFor();
    await confirmDialog(p2);
    await p2
      .locator('[data-testid=chain-county]')
      .getByText(/上报至设区的市级/)
      .waitFor();
    assert.equal(await step(p2, 'forward').count(), 0, 'forwarded once');
    // 事故后检查: the new-inspection form opens filled in with the unit.
    await p2.click('[data-testid=accident-new-inspection]');
    await p2.waitForURL((u) => u.pathname === '/enforcement/inspections');
    await modal(p2).getByText(unitName).first().waitFor();
    await modal(p2).locator('.ant-modal-footer .ant-btn').first().click();
    await c2.close();

    // 3. The city: sees it, acknowledges; a follow-up with 3 deaths regrades it to 较大.
    const { ctx: c3, page: p3 } = await login('city');
    await p3.goto(`${server.url}/accidents?q=${encodeURIComponent(number)}`);
    await p3
      .locator('[data-testid=accident-list] tr.ant-table-row')
      .filter({ hasText: number })
      .getByRole('link', { name: number })
      .click();
    await p3.waitForURL((u) => u.pathname === url);
    await step(p3, 'acknowledge').click();
    await confirmDialog(p3);
    await p3.locator('[data-testid=chain-city-acknowledged]').waitFor();
    assert.equal(await step(p3, 'forward').count(), 0, 'an ordinary accident stops at the city');
    await step(p3, 'followUp').click();
    await fillDialog(p3, '#deaths', '3');
    await fillDialog(p3, '#text', '两名被困人员经抢救无效死亡，另一名重伤者送医后死亡');
    await confirmDialog(p3);
    await p3.locator('.ant-card-head [data-testid=accident-grade]').getByText('较大事故').waitFor();
    await p3.locator('[data-testid=accident-regrade]').getByText('一般事故 ↑ 较大事故').waitFor();
    await p3
      .locator('[data-testid=accident-grade-by]')
      .getByText(/按死亡人数定级/)
      .waitFor();
    // The chain now waits at the city to forward to the province, with its own 2-hour window.
    await p3.locator('[data-testid=chain-city-countdown]').waitFor();
    await p3.locator('[data-testid=chain-province]').getByText('尚未接报').waitFor();
    await step(p3, 'forward').click();
    await modal(p3).locator('[data-testid=step-to]').getByText('省级').waitFor();
    await confirmDialog(p3);
    await p3
      .locator('[data-testid=chain-city]')
      .getByText(/上报至省级/)
      .waitFor();
    await p3.screenshot({ path: shot('accident-regraded'), fullPage: true });

    // 4. The city investigates (较大 → the city's government): start, the team, the report.
    await step(p3, 'startInvestigation').click();
    await confirmDialog(p3);
    await status(p3, '调查中');
    await p3
      .locator('[data-testid=accident-clock]')
      .getByText(/剩余 \d+ 日/)
      .waitFor();
    await step(p3, 'addMember').click();
    await fillDialog(p3, '[data-testid=step-member-name]', '王建国');
    await fillDialog(p3, '[data-testid=step-member-org]', '宿迁市应急管理局');
    await confirmDialog(p3);
    await p3.locator('[data-testid=accident-investigation]').getByText('王建国').waitFor();
    await step(p3, 'submitReport').click();
    for (const s of domain.REPORT_SECTIONS)
      await fillDialog(p3, `[data-testid=step-report-${s}]`, `${domain.REPORT_SECTION_LABELS[s].zh}：经调查查明的情况。`);
    await confirmDialog(p3);
    await status(p3, '调查报告待批复');
    assert.equal(await step(p3, 'approve').count(), 0, 'who submitted the report does not approve it');
    await c3.close();

    // 5. A second city account approves and publishes.
    const second = await secondCityAccount();
    const { ctx: c4, page: p4 } = await login(second.username, DESK, second.password);
    await p4.goto(`${server.url}${url}`);
    await status(p4, '调查报告待批复');
    await step(p4, 'approve').click();
    await confirmDialog(p4);
    await status(p4, '已批复');
    await step(p4, 'publish').click();
    await confirmDialog(p4);
    await status(p4, '已公开');
    await c4.close();

    // 6. On the public page, without a login.
    const anon = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    anon.setDefaultTimeout(TIMEOUT);
    const p5 = await anon.newPage();
    await p5.goto(`${server.url}/open/accidents#reports`);
    const published = p5.locator('[data-testid=open-accident-reports] tr.ant-table-row').filter({ hasText: number });
    await published.waitFor();
    await published.getByText('较大事故').waitFor();
    await published.click();
    await p5.locator('[data-testid=open-accident-report]').getByText('事故发生的原因和事故性质：经调查查明的情况。').waitFor();
    await anon.close();
  });

  test('the public calculator: 3 deaths is 较大, reported to the province, investigated by the city', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/open/accidents`);
    await page.locator('#deaths').fill('3');
    await page.click('[data-testid=calc-compute]');
    await page.locator('[data-testid=calc-grade]').getByText('较大事故').waitFor();
    const answer = page.locator('[data-testid=calc-answer]');
    await answer.getByText('死亡人数', { exact: true }).waitFor();
    await answer.getByText('省级', { exact: true }).waitFor();
    await answer.getByText('设区的市级人民政府').waitFor();
    await answer.getByText('100 万元以上 200 万元以下').waitFor();
    // Bad input: the server's field message under the field.
    await page.locator('#deaths').fill('-1');
    await page.click('[data-testid=calc-compute]');
    await page
      .locator('.ant-form-item-explain-error')
      .getByText(/不能为负数/)
      .waitFor();
    await page.screenshot({ path: shot('accident-calculator-phone'), fullPage: true });
    await ctx.close();
  });
});
