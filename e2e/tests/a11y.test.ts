// Accessibility (WCAG 2.1 AA, which GB/T 37668 follows): axe-core runs on every page every demo
// role can open — the workbench, each menu page, a detail page of each kind — and on the public
// report and follow pages, in Chinese, then on a few pages in English after a reload. Any critical
// or serious violation fails the test, listed with the page and the elements. The public report
// form also says what a screen-reader user depends on: a failed submit puts focus on the first
// invalid field, and the receipt is announced and focused.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// A11Y_ROLES=admin,entadmin narrows a local run to some roles.
const ROLES = process.env.A11Y_ROLES?.split(',') ?? [
  'admin',
  'province',
  'city',
  'county',
  'county2',
  'township',
  'grid',
  'inspector',
  'entadmin',
  'entstaff',
];
const REPORT_HANDLERS = ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'];

type Me = { role: string; scope: { enterpriseId: string | null } };
type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** The menu of a role, as web/src/components/Layout.tsx builds it. */
function menuPaths(me: Me): string[] {
  const own = me.scope.enterpriseId;
  const admin = me.role === 'platformAdmin';
  return [
    '/enterprises',
    '/hazards',
    '/inspections',
    '/inspection-schedules',
    '/checklists',
    ...(own ? [] : ['/hazard-dashboard']),
    '/risks',
    ...(own ? [`/enterprises/${own}/risk-map`] : []),
    '/installations',
    '/risk-reports',
    ...(own ? [] : ['/risk-distribution']),
    '/monitoring',
    '/sensors',
    ...(own || admin ? ['/monitoring/gateways'] : []),
    ...(admin ? ['/monitoring/ingest'] : []),
    ...(REPORT_HANDLERS.includes(me.role) ? ['/reports', '/report-stats', '/report-reward-rules'] : []),
    ...(admin ? ['/admin/users', '/admin/departments', '/admin/audit'] : []),
    '/inbox',
  ];
}

/** Wait until the page has its data: no spinner, no skeleton; animations are off (see newContext). */
async function settle(page: Page) {
  await page.waitForLoadState('domcontentloaded');
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-card-loading-content'), undefined, {
      timeout: 8_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(250);
}

/** Critical and serious violations of WCAG 2.0/2.1 A and AA on the page as it is now. */
async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations;
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

const describeViolations = (where: string, vs: Violation[]) =>
  vs.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} element(s): ${v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`)
        .join('; ')}`,
  );

describe(`accessibility in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'a11y');
    await server?.stop();
  });

  const newContext = async (locale = 'zh-CN', viewport = { width: 1366, height: 900 }): Promise<BrowserContext> => {
    // bypassCSP: axe-core is injected as a script the page's CSP (script-src 'self') would refuse;
    // the CSP itself is checked by csp.test.ts.
    const ctx = await browser.newContext({ viewport, locale, timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', bypassCSP: true });
    // Colour contrast is judged on the settled page, not mid-fade.
    await ctx.addInitScript(() => {
      const style = () => {
        const s = document.createElement('style');
        s.textContent =
          '*,*::before,*::after{animation-duration:0s!important;transition-duration:0s!important;animation-delay:0s!important}';
        document.head.append(s);
      };
      if (document.head) style();
      else document.addEventListener('DOMContentLoaded', style);
    });
    return ctx;
  };

  const check = async (page: Page, where: string, found: string[]) => {
    await settle(page);
    const vs = await axe(page);
    if (vs.length) {
      found.push(...describeViolations(where, vs));
      await page.screenshot({ path: shot(`a11y-${where.replace(/[^\w-]+/g, '_')}`), fullPage: true }).catch(() => undefined);
    }
  };

  test('every page of every demo role, in Chinese: no critical or serious violation', async () => {
    const found: string[] = [];
    let pages = 0;
    for (const username of ROLES) {
      const ctx = await newContext();
      const page = await ctx.newPage();
      await loginAs(page, server.url, username);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      await check(page, `${username} /`, found);
      pages++;
      const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as Me;
      const first = async (path: string) => {
        const r = await page.request.get(`${server.url}/api/v1/${path}${path.includes('?') ? '&' : '?'}pageSize=1`);
        if (!r.ok()) return undefined;
        const body = (await r.json()) as { items?: { id: string }[] };
        return body.items?.[0]?.id;
      };
      const details = [
        ['enterprises', '/enterprises/'],
        ['hazards', '/hazards/'],
        ['risk-points', '/risks/'],
        ['inspections', '/inspections/'],
        ...(REPORT_HANDLERS.includes(me.role) ? [['reports', '/reports/']] : []),
      ] as const;
      const detailPaths: string[] = [];
      for (const [api, path] of details) {
        const id = await first(api);
        if (id) detailPaths.push(`${path}${id}`);
      }
      for (const path of [...menuPaths(me), ...detailPaths]) {
        await page.goto(`${server.url}${path}`);
        await check(page, `${username} ${path}`, found);
        pages++;
      }
      await ctx.close();
    }
    console.log(`# axe-core checked ${pages} pages`);
    assert.deepEqual(found, [], `${found.length} critical or serious violations:\n${found.join('\n')}`);
  });

  test('public health and the command centre (issue 28), each page of its roles: no critical or serious violation', async () => {
    const found: string[] = [];
    const pagesOf = {
      clinic: ['/public-health/report', '/public-health/cases'],
      cdc: ['/public-health/review', '/public-health/events', '/public-health/tasks', '/public-health/levels'],
      county: [
        '/public-health/cases',
        '/public-health/diseases',
        '/command',
        '/command/wall',
        '/command/hotline',
        '/command/duty',
        '/command/briefings',
      ],
    };
    for (const [username, paths] of Object.entries(pagesOf)) {
      const ctx = await newContext();
      const page = await ctx.newPage();
      await loginAs(page, server.url, username);
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await check(page, `${username} ${path}`, found);
      }
      await ctx.close();
    }
    const anon = await newContext();
    const page = await anon.newPage();
    await page.goto(`${server.url}/open/health-risk`);
    await check(page, 'public /open/health-risk', found);
    await anon.close();
    assert.deepEqual(found, [], `${found.length} critical or serious violations:\n${found.join('\n')}`);
  });

  test('the public report and follow pages, on a phone: no violation; focus goes where the reporter needs it', async () => {
    const found: string[] = [];
    const ctx = await newContext('zh-CN', { width: 390, height: 844 });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/report`);
    await page.locator('#description').waitFor();
    await check(page, 'public /report', found);
    await page.getByText('选择地区').click();
    await check(page, 'public /report (by region)', found);
    await page.goto(`${server.url}/report`);
    await page.locator('#description').waitFor();

    // A failed submit: focus moves to the first invalid field, which says it is invalid.
    await page.getByRole('button', { name: '提交举报' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'enterpriseName');
    assert.equal(await page.locator('#enterpriseName').getAttribute('aria-invalid'), 'true');
    await check(page, 'public /report (errors)', found);

    // A report sent: the receipt is announced (a live region) and focused.
    const enterprise = (await (await page.request.get(`${server.url}/api/public/enterprises?q=${encodeURIComponent('公司')}`)).json()) as {
      items: { name: string }[];
    };
    const name = enterprise.items[0]?.name ?? '';
    assert.ok(name);
    await page.locator('#enterpriseName').fill(name.slice(0, 6));
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title*="${name}"]`).first().click();
    await page.fill('#description', '车间东侧的消防通道被成品堆满，夜班没有人清理');
    await page.getByRole('button', { name: '提交举报' }).click();
    const receipt = page.locator('[data-testid=receipt]');
    await receipt.waitFor({ timeout: 30_000 });
    const live = page.locator('[data-testid=receipt-announcement]');
    assert.equal(await live.getAttribute('role'), 'status');
    assert.match(await live.innerText(), /举报已提交/);
    assert.match(await live.innerText(), /\d{4} \d{4}/);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    assert.equal(focused, 'receipt-announcement');
    await check(page, 'public /report (receipt)', found);
    const code = (await receipt.innerText()).trim();

    await page.goto(`${server.url}/report/follow`);
    await page.locator('[data-testid=receipt-input]').waitFor();
    await check(page, 'public /report/follow', found);
    await page.fill('[data-testid=receipt-input]', code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('[data-testid=report-status]').waitFor();
    await check(page, 'public /report/follow (report)', found);
    await page.screenshot({ path: shot('a11y-follow-phone'), fullPage: true });
    await ctx.close();
    assert.deepEqual(found, [], `${found.length} critical or serious violations:\n${found.join('\n')}`);
  });

  test('in English after a reload: <html lang="en"> and no violation', async () => {
    const found: string[] = [];
    const ctx = await newContext();
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'county');
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.locator('[data-testid=workbench]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the language survives a reload');
    await check(page, 'en /', found);
    const hazards = (await (await page.request.get(`${server.url}/api/v1/hazards?pageSize=1`)).json()) as { items: { id: string }[] };
    for (const path of ['/hazards', `/hazards/${hazards.items[0]?.id}`, '/risks', '/monitoring']) {
      await page.goto(`${server.url}${path}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await check(page, `en ${path}`, found);
    }
    await page.goto(`${server.url}/report`);
    await page.locator('#description').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await check(page, 'en /report', found);
    await ctx.close();
    assert.deepEqual(found, [], `${found.length} critical or serious violations:\n${found.join('\n')}`);
  });

  test('the five fixes: labels point at their fields, the five are marked required, errors at the fields, no 已保存 when saving failed, read-only as text', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'entadmin');
    const list = (await (await page.request.get(`${server.url}/api/v1/hazards?status=assigned&pageSize=1`)).json()) as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id;
    assert.ok(id, 'the demo enterprise has a hazard waiting for its five fixes');
    await page.goto(`${server.url}/hazards/${id}`);
    const form = page.locator('form[data-testid=five-fixes]');
    await form.waitFor();
    // Every label names an element that exists.
    const dangling = await form.evaluate((f) =>
      Array.from(f.querySelectorAll('label[for]'))
        .map((l) => l.getAttribute('for') ?? '')
        .filter((x) => !document.getElementById(x)),
    );
    assert.deepEqual(dangling, []);
    const required = (await form.locator('label.ant-form-item-required').allInnerTexts()).map((x) => x.trim());
    assert.deepEqual(required.sort(), ['责任人', '整改资金（万元）', '整改期限', '整改措施', '应急预案'].sort());

    // A required field left empty: the error is at the field, focus goes to it, nothing is saved.
    await page.fill('#fix-owner', '');
    await page.click('[data-testid=save-fixes]');
    await page.waitForFunction(() => document.activeElement?.id === 'fix-owner');
    assert.equal(await page.locator('#fix-owner').getAttribute('aria-invalid'), 'true');
    const ownerItem = page.locator('.ant-form-item', { has: page.locator('#fix-owner') });
    await ownerItem.locator('.ant-form-item-explain-error').waitFor();

    // Saving refused by the server (someone else saved first): an error, never 已保存.
    await page.fill('#fix-owner', '王安全');
    await page.fill('#fix-funds', '0.5');
    await page.locator('#fix-deadline').click();
    await page.keyboard.type('2026-12-15');
    await page.keyboard.press('Tab');
    await page.fill('#fix-measures', '清理通道杂物');
    await page.fill('#fix-contingency', '设专人值守');
    const current = (await (await page.request.get(`${server.url}/api/v1/hazards/${id}`)).json()) as { version: number };
    const bumped = await page.request.patch(`${server.url}/api/v1/hazards/${id}`, {
      data: { owner: '李主任', version: current.version },
    });
    assert.equal(bumped.status(), 200);
    await page.click('[data-testid=save-fixes]');
    await page.locator('.ant-message-error').waitFor();
    assert.equal(await page.locator('.ant-message').getByText('已保存').count(), 0, 'no 已保存 after a failed save');

    // Read-only (a regulator sees the enterprise's five fixes): text, not disabled inputs.
    const county = await newContext();
    const cp = await county.newPage();
    await loginAs(cp, server.url, 'province');
    await cp.goto(`${server.url}/hazards/${id}`);
    const ro = cp.locator('[data-testid=five-fixes]');
    await ro.getByText('李主任').waitFor();
    assert.equal(await ro.locator('input, textarea').count(), 0, 'read-only values are text');
    await county.close();
    await ctx.close();
  });
});
