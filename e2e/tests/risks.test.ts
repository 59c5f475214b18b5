// Browser test of risk control across roles: the enterprise admin draws an area on its site plan,
// creates a risk point in it assessed by LEC, sees the colour on the register and the map, and
// submits a risk report; the county supervisor sees it in the distribution and acknowledges it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makePng } from '../../server/src/test/png.ts';
import { closeBrowser, launch, loginAs, shot, viaMenu } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

describe(`risk control in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'risks');
    await server?.stop();
  });

  const login = (page: Page, username: string) => loginAs(page, server.url, username);
  const choose = async (page: Page, selector: string, option: string) => {
    await page.locator(selector).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  };

  test('enterprise admin → county supervisor', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await login(page, 'entadmin');

    // Site plan and an area on the four-colour map.
    const own = await (await page.request.get(`${server.url}/api/v1/me`)).json();
    own.enterpriseName = (await (await page.request.get(`${server.url}/api/v1/enterprises/${own.scope.enterpriseId}`)).json()).name;
    await page.goto(`${server.url}/enterprises/${own.scope.enterpriseId}/risk-map`);
    const planFile = join(tmpdir(), 'taishan-plan.png');
    writeFileSync(planFile, makePng(600, 400));
    await page.locator('input[type=file]').setInputFiles(planFile);
    await page.locator('[data-testid=risk-map-svg]').waitFor();
    await page.click('[data-testid=draw-area]');
    const svg = page.locator('[data-testid=risk-map-svg]');
    const box = await svg.boundingBox();
    assert.ok(box);
    for (const [x, y] of [
      [0.1, 0.1],
      [0.5, 0.1],
      [0.5, 0.5],
      [0.1, 0.5],
    ] as const)
      await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
    await page.click('[data-testid=finish-area]');
    await page.fill('#area-name', '液氯罐区');
    await page
      .getByRole('button', { name: 'OK' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    await page.locator('[data-testid="area-液氯罐区"]').waitFor();

    // A risk point in that area, assessed by LEC from the tables: 6 × 6 × 15 = 540 → red.
    await page.goto(`${server.url}/risks`);
    await page.click('[data-testid=new-risk-point]');
    await page.fill('#rp-name', '液氯储罐');
    await choose(page, '#rp-area', '液氯罐区');
    await page.locator('#rp-accidents').click();
    await page.keyboard.type('中毒');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="中毒和窒息"]').click();
    await page.keyboard.press('Escape');
    await page.click('[data-testid=add-measure]');
    await page.getByPlaceholder('措施内容').fill('设置氯气泄漏检测报警与紧急切断装置');
    await page.getByPlaceholder('责任人').fill('张安全');
    await choose(page, '#lec-L', '6 — 相当可能');
    await choose(page, '#lec-E', '6 — 每天工作时间内暴露');
    await choose(page, '#lec-C', '15 — 非常严重，一人死亡');
    await page.locator('[data-testid=live-result]').getByText('D = 540').waitFor();
    await page.click('[data-testid=save-risk-point]');
    await page.locator('[data-testid=risk-point-detail]').locator('[data-testid=level-major]').waitFor();
    await page.screenshot({ path: shot('risk-point-detail') });

    // Red on the register and on the map.
    await page.goto(`${server.url}/risks`);
    const row = page.locator('[data-testid=risk-register] tr', { has: page.getByRole('link', { name: '液氯储罐', exact: true }) });
    await row.locator('[data-testid=level-major]').waitFor();
    await page.screenshot({ path: shot('risk-register') });
    await page.goto(`${server.url}/enterprises/${own.scope.enterpriseId}/risk-map`);
    const area = page.locator('[data-testid="area-液氯罐区"]');
    await area.waitFor();
    assert.equal(await area.getAttribute('data-level'), 'major');
    assert.equal(await area.getAttribute('fill'), '#e53935');
    await page.screenshot({ path: shot('risk-map') });

    // Submit a risk report.
    await page.goto(`${server.url}/risk-reports`);
    await page.click('[data-testid=new-report]');
    await page.click('[data-testid=submit-report]');
    await page.locator('[data-testid=risk-reports]').getByText('已报送').waitFor();
    await ctx.close();

    // The county supervisor sees it in the distribution and acknowledges the report.
    const ctx2 = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN' });
    const sup = await ctx2.newPage();
    await login(sup, 'county');
    // Through the menu: 风险管控 → 风险分布.
    await viaMenu(sup, '风险管控', '风险分布', '/risk-distribution');
    await sup.locator('[data-testid=chart-region] canvas').waitFor();
    const majorCount = await sup
      .locator('[data-testid=distribution-totals] .ant-statistic')
      .first()
      .locator('.ant-statistic-content-value')
      .innerText();
    assert.ok(Number(majorCount) >= 1, `major count ${majorCount}`);
    await sup.screenshot({ path: shot('risk-distribution') });
    // The demo has other enterprises' reports waiting too: acknowledge this one.
    await sup.goto(`${server.url}/risk-reports`);
    const ownRows = sup.locator('[data-testid=risk-reports] tr', { hasText: own.enterpriseName });
    await ownRows.locator('[data-testid=acknowledge-report]').click();
    await ownRows.locator('[data-testid=acknowledge-report]').waitFor({ state: 'detached' });
    assert.equal(await ownRows.getByText('已确认').count(), 2, "this year's and the demo's of last year");
    await sup.screenshot({ path: shot('risk-report-acknowledged') });
    // The supervisor reads the register but cannot add to it.
    await sup.goto(`${server.url}/risks`);
    await sup.locator('[data-testid=risk-register]').getByRole('link', { name: '液氯储罐', exact: true }).waitFor();
    assert.equal(await sup.locator('[data-testid=new-risk-point]').count(), 0);
    await ctx2.close();
  });
});
