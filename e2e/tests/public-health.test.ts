// Browser test of 传染病报告 and 风险等级 (issue 28): a clinic reports a case on time from a phone,
// the county CDC reviews it, the county raises a township's risk level (lowering it right away is
// refused), and the public page /open/health-risk shows the new level and its announcement — with
// no person on it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, confirmDialog, fillDialog, launch, loginAs, shot } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 1000 };
const TIMEOUT = 60_000;

/** A mainland resident ID (GB 11643) with its check character. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
  return first17 + '10X98765432'[sum % 11];
}

type Region = { code: string; name: string; kind: string | null; parentCode: string | null; level: string; allowedActions: string[] };

describe(`public health: report → review → risk level → public page (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'public-health');
    await server?.stop();
  });

  async function login(username: string, viewport = DESK) {
    const phone = viewport === PHONE;
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: phone, hasTouch: phone });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  const get = async <T>(cookie: string | null, path: string): Promise<T> => {
    const r = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    return (await r.json()) as T;
  };
  async function choose(page: Page, selector: string, text: string) {
    await page.locator(selector).click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  }

  test('a clinic reports from a phone, the CDC reviews, the county raises a township, the public sees it', async () => {
    // The county's townships (GET /api/v1/risk-levels, county1 = the demo county's scope).
    const countyCookie = await apiLogin(server.url, 'county');
    const board = await get<{ regions: Region[] }>(countyCookie, '/api/v1/risk-levels');
    const townships = board.regions.filter((r) => r.code.slice(6) !== '000000' && r.code.slice(9) === '000');
    assert.ok(townships.length >= 2, `townships of county1: ${JSON.stringify(board.regions.map((r) => [r.code, r.kind]))}`);
    // A township not yet high that the county may change; the case is reported there, so that it has
    // a case just now and lowering it again right away is refused (the quiet period).
    const target = townships.find((r) => r.level !== 'high' && r.allowedActions.includes('confirm'));
    assert.ok(target, `a township of county1 not yet high that the county may change: ${JSON.stringify(townships)}`);
    const residence = target;
    const path = (await get<{ path: { code: string; name: string }[] }>(countyCookie, `/api/v1/regions/${residence.code}`)).path;

    // 1. The clinic's reporter on a phone: 传染病报告卡.
    const name = `测试患者${Date.now() % 100000}`;
    const good = residentId(`${residence.code.slice(0, 6)}19850312123`);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { ctx: c1, page: p1 } = await login('clinic', PHONE);
    await p1.goto(`${server.url}/public-health/report`);
    await p1.locator('[data-testid=ph-report-submit]').waitFor();
    await choose(p1, '[data-testid=ph-report-disease]', '新型冠状病毒感染');
    await p1.locator('label').filter({ hasText: '确诊病例' }).first().click();
    await p1.fill('[data-testid=ph-report-name]', name);
    await p1.fill('[data-testid=ph-report-id]', bad);
    // Residence: the cascader, one level at a time, down to the township.
    await p1.locator('.ant-form-item').filter({ hasText: '现住址' }).locator('.ant-select-selector').click();
    for (const level of path) {
      await p1.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').filter({ hasText: level.name }).first().click();
    }
    if (await p1.locator('.ant-cascader-dropdown:visible').count()) await p1.keyboard.press('Escape');
    await p1
      .locator('.ant-form-item')
      .filter({ hasText: '现住址' })
      .locator('.ant-select-selection-item')
      .filter({ hasText: residence.name })
      .first()
      .waitFor();
    // Diagnosis time: just now (the picker's 此刻, then 确定).
    await p1.locator('#diagnosedAt').click();
    // On a phone the panel runs past the screen's edge: the buttons are pressed where they are.
    await p1.locator('.ant-picker-dropdown:visible .ant-picker-now-btn').dispatchEvent('click');
    if (await p1.locator('.ant-picker-dropdown:visible .ant-picker-ok button').count())
      await p1.locator('.ant-picker-dropdown:visible .ant-picker-ok button').dispatchEvent('click');
    assert.notEqual(await p1.locator('#diagnosedAt').inputValue(), '');

    const before = await get<{ total?: number; items: unknown[] }>(
      await apiLogin(server.url, 'clinic'),
      '/api/v1/health-cases?pageSize=100',
    );
    await p1.click('[data-testid=ph-report-submit]');
    // The wrong check digit: the field says so and nothing is saved.
    await p1.locator('.ant-form-item-explain-error').filter({ hasText: '校验' }).first().waitFor();
    assert.match(new URL(p1.url()).pathname, /\/public-health\/report$/);
    const still = await get<{ total?: number; items: unknown[] }>(
      await apiLogin(server.url, 'clinic'),
      '/api/v1/health-cases?pageSize=100',
    );
    assert.equal(still.total ?? still.items.length, before.total ?? before.items.length, 'nothing saved on a wrong ID');

    await p1.fill('[data-testid=ph-report-id]', good);
    await p1.click('[data-testid=ph-report-submit]');
    await p1.waitForURL(/\/public-health\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(p1.url()).pathname.split('/').pop() as string;
    await p1.getByText('待审核', { exact: true }).first().waitFor();
    assert.equal(await p1.getByText('迟报', { exact: true }).count(), 0, 'reported on time: no 迟报 tag');
    await p1.screenshot({ path: shot('ph-case-reported-phone'), fullPage: true });
    await c1.close();

    // 2. The county CDC returns it (the age is missing); the clinic corrects the card on the phone
    // and sends it back; the history names what changed.
    const { ctx: c2, page: p2 } = await login('cdc');
    await p2.goto(`${server.url}/public-health/cases/${caseId}`);
    await p2.locator('[data-testid=ph-case-return]').click();
    await fillDialog(p2, 'textarea', '请补充年龄');
    await confirmDialog(p2);
    await p2.getByText('已退回', { exact: true }).first().waitFor();
    const { ctx: c1b, page: p1b } = await login('clinic', PHONE);
    await p1b.goto(`${server.url}/public-health/cases/${caseId}`);
    await p1b.locator('[data-testid=ph-case-correct]').click();
    await p1b.getByText('请补充年龄').first().waitFor();
    await p1b.waitForFunction(
      (n) => (document.querySelector('[data-testid=ph-report-name]') as HTMLInputElement | null)?.value === n,
      name,
    );
    await p1b.locator('.ant-input-number input').fill('41');
    await p1b.click('[data-testid=ph-report-submit]');
    await p1b.waitForURL(new RegExp(`/public-health/cases/${caseId}$`));
    await p1b.getByText('待审核', { exact: true }).first().waitFor();
    await p1b
      .getByText(/订正：年龄/)
      .first()
      .waitFor();
    await c1b.close();

    // 3. The county CDC reviews it on the review desk.
    await p2.goto(`${server.url}/public-health/review`);
    const item = p2.locator('.ant-list-item').filter({ has: p2.locator(`a[href="/public-health/cases/${caseId}"]`) });
    await item.waitFor();
    await item.locator('[data-testid=ph-case-review]').click();
    await p2.goto(`${server.url}/public-health/cases/${caseId}`);
    await p2.getByText('已审核', { exact: true }).first().waitFor();
    await c2.close();

    // 4. The county raises another township to high; lowering it right away is refused.
    const change = (code: string, level: string) =>
      fetch(`${server.url}/api/v1/risk-levels/regions/${code}/changes`, {
        method: 'POST',
        headers: { cookie: countyCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ level }),
      });
    const up = await change(target.code, 'high');
    assert.equal(up.status, 201, await up.clone().text());
    const down = await change(target.code, 'low');
    assert.ok(down.status === 409 || down.status === 400, `lowering right away: ${down.status}`);
    const refusal = JSON.stringify(await down.json());
    assert.match(refusal, /[\u4e00-\u9fa5]/, `a Chinese message: ${refusal}`);

    // 5. The public page, logged out: the township at 高风险, the announcement, no person.
    const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const p4 = await ctx.newPage();
    await p4.goto(`${server.url}/open/health-risk`);
    const row = p4.locator(`tr[data-region="${target.code}"]`);
    await row.waitFor();
    await row.getByText('高风险').waitFor();
    await p4.getByText('关于调整').first().waitFor();
    const text = await p4.locator('body').innerText();
    assert.ok(!text.includes(name), 'the reported person’s name is not on the public page');
    assert.ok(!text.includes(good), 'the reported ID is not on the public page');
    await p4.screenshot({ path: shot('ph-open-health-risk'), fullPage: true });
    await ctx.close();
  });
});
