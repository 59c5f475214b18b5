// Labels, not codes (issue 22 items 12 and 13): every page a demo role reaches, rendered in
// Chinese, shows no ASCII word that is a code of the domain (a status, tier, level, action, role,
// audit action or system account such as `patrol`, `escalate`, `hazard.fixes`, `system`, `demo`),
// and the column headings say what the column holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as domain from '@taishan/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

/**
 * Every code the domain defines: the values of its exported lists of strings (statuses, tiers,
 * levels, actions, roles...) and the keys of its label tables. Codes with a digit (GB 18218's
 * categories J1, W5.1; industry codes) are standard codes printed on purpose beside their names.
 */
function domainCodes(): Set<string> {
  const codes = new Set<string>();
  for (const [name, value] of Object.entries(domain)) {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) for (const v of value) codes.add(v);
    else if (/_LABELS$/.test(name) && value && typeof value === 'object') for (const k of Object.keys(value)) codes.add(k);
  }
  for (const c of [...codes]) if (/\d/.test(c) || !/^[A-Za-z][A-Za-z.]*$/.test(c)) codes.delete(c);
  // A single capital letter is a name people use, not a code: the supervision classes (A类 … D类,
  // 分类分级) and LEC's L, E, C are printed as such on purpose.
  for (const c of [...codes]) if (/^[A-Z]$/.test(c)) codes.delete(c);
  return codes;
}
const CODES = domainCodes();
// The demo users' login names are names a person chose, shown where a user is named (the users
// page, who did what). Some are spelled like tier codes (county, city), so they are not judged
// as words on their own; a code glued to Chinese text (升级至city) is judged whatever it is.
const DEMO_USERS = new Set([
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
  'clinic',
  'cdc',
]);

/** The domain codes in a page's visible text, each with the text around it. */
function codesIn(text: string): string[] {
  const found: string[] = [];
  // A hyphenated identifier (a checklist's code: fire-general) is one word, not its parts.
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const word = m[0];
    const at = m.index ?? 0;
    const around = text.slice(Math.max(0, at - 12), at + word.length + 12).replace(/\s+/g, ' ');
    const glued = /[\u4e00-\u9fff]/.test(text[at - 1] ?? '') || /[\u4e00-\u9fff]/.test(text[at + word.length] ?? '');
    if (CODES.has(word) && (!DEMO_USERS.has(word) || glued)) found.push(`${word} 〔${around}〕`);
  }
  return found;
}

describe(`labels, not codes, in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'labels');
    await server?.stop();
  });

  async function session(username: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  async function firstId(page: Page, path: string): Promise<string | undefined> {
    const res = await page.request.get(`${server.url}${path}`);
    assert.equal(res.status(), 200, path);
    const body = (await res.json()) as { items: { id: string }[] };
    return body.items[0]?.id;
  }
  /** Open a page, wait for its data, and return its visible text. */
  async function render(page: Page, path: string): Promise<string> {
    await page.goto(`${server.url}${path}`);
    await page.locator('.ant-layout-content, main, #root').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton, .ant-card-loading-content'), null, {
      timeout: 15_000,
    });
    await page.waitForTimeout(250);
    return page.locator('body').innerText();
  }
  async function sweep(page: Page, who: string, paths: (string | undefined)[]) {
    const leaks: string[] = [];
    for (const path of paths) {
      if (!path) continue;
      const found = codesIn(await render(page, path));
      if (found.length) {
        leaks.push(`${who} ${path}: ${found.slice(0, 8).join('; ')}`);
        await page.screenshot({ path: shot(`labels-leak-${who}-${path.replace(/[^a-z0-9]+/gi, '-')}`) });
      }
    }
    return leaks;
  }

  test('the domain codes the test looks for include the ones users saw', () => {
    for (const c of ['patrol', 'report', 'escalate', 'demo', 'system', 'auth.login', 'hazard.fixes', 'pendingAcceptance', 'major'])
      assert.ok(CODES.has(c), c);
    assert.deepEqual(codesIn('逾期未整改，升级至city · county · 验收销号'), ['city 〔逾期未整改，升级至city · county · 〕']);
    assert.equal(codesIn('2026/12/5 10:00 · system · escalate').length, 2);
  });

  test('every page of every demo role in Chinese: no codes', async () => {
    const leaks: string[] = [];

    const county = await session('county');
    const p = county.page;
    const overdue = await firstId(p, '/api/v1/hazards?overdue=true&pageSize=1');
    const closed = await firstId(p, '/api/v1/hazards?status=closed&pageSize=1');
    const open = await firstId(p, '/api/v1/hazards?status=assigned&pageSize=1');
    // A county issues no 约谈 of its own in the demo (the city does); its list entries are its own.
    const blacklisted = await firstId(p, '/api/v1/blacklist?pageSize=1');
    const record = await firstId(p, '/api/v1/accountability/records?pageSize=1');
    assert.ok(overdue && closed, 'the demo has an overdue hazard (escalated by the system) and a closed one (by the demo)');
    leaks.push(
      ...(await sweep(p, 'county', [
        '/',
        '/enterprises',
        `/enterprises/${await firstId(p, '/api/v1/enterprises?pageSize=1')}`,
        '/risks',
        `/risks/${await firstId(p, '/api/v1/risk-points?pageSize=1')}`,
        '/installations',
        '/risk-reports',
        '/risk-distribution',
        '/hazards',
        `/hazards/${overdue}`,
        `/hazards/${closed}`,
        open && `/hazards/${open}`,
        '/inspections',
        `/inspections/${await firstId(p, '/api/v1/inspections?status=submitted&pageSize=1')}`,
        '/checklists',
        '/hazard-dashboard',
        '/inbox',
        '/monitoring',
        '/sensors',
        '/monitoring/gateways',
        '/reports?status=all',
        `/reports/${await firstId(p, '/api/v1/reports')}`,
        '/report-stats',
        '/report-reward-rules',
        // 执法监察 (issue 24): every page, and a record of each kind.
        '/enforcement/plan',
        '/enforcement/draws',
        `/enforcement/draws/${await firstId(p, '/api/v1/enforcement/draws')}`,
        '/enforcement/inspections',
        `/enforcement/inspections/${await firstId(p, '/api/v1/enforcement/inspections?status=recorded')}`,
        '/enforcement/cases',
        `/enforcement/cases/${await firstId(p, '/api/v1/enforcement/cases')}`,
        '/enforcement/stats',
        // 事故 (issue 25): the list, an accident, the report form, the statistics, the lessons.
        '/accidents',
        `/accidents/${await firstId(p, '/api/v1/accidents?pageSize=1')}`,
        '/accidents/new',
        '/accidents/stats',
        '/accidents/lessons',
        // 信用、问责、人员 (issue 26): every page of the county's menu, and a record of each kind.
        '/credit',
        `/credit/enterprises/${await firstId(p, '/api/v1/enterprises?pageSize=1')}`,
        '/credit/commitments',
        '/credit/intermediaries',
        '/credit/blacklist',
        blacklisted && `/credit/blacklist/${blacklisted}`,
        '/accountability/responsibilities',
        '/accountability/officials',
        '/accountability/triggers',
        '/accountability/records',
        record && `/accountability/records/${record}`,
        '/accountability/tours',
        '/assessments',
        '/assessments/vetoes',
        '/assessments/bulletins',
        '/people',
        '/people/enterprises',
        '/people/courses',
        '/people/publicity',
        // issue 27: emergency preparedness
        '/emergency/plans',
        `/emergency/plans/${await firstId(p, '/api/v1/emergency/plans?pageSize=1')}`,
        '/emergency/filings',
        '/emergency/drills',
        '/emergency/drills/missing',
        `/emergency/drills/${await firstId(p, '/api/v1/drills?pageSize=1')}`,
        '/emergency/supplies',
        '/emergency/supplies/alerts',
        `/emergency/supplies/warehouses/${await firstId(p, '/api/v1/supplies/warehouses?pageSize=1')}`,
        '/emergency/dispatch',
        `/emergency/dispatch/${await firstId(p, '/api/v1/dispatch/requests?pageSize=1')}`,
        '/emergency/dispatch/new',
        '/emergency/dispatch/replenishment',
        '/emergency/donations',
        '/emergency/producers',
        '/emergency/teams',
        `/emergency/teams/${await firstId(p, '/api/v1/teams?pageSize=1')}`,
        `/emergency/experts/${await firstId(p, '/api/v1/experts?pageSize=1')}`,
        '/emergency/duty',
        '/emergency/duty/gaps',
        '/emergency/duty/phones',
        // issue 28: public health (cases masked for a supervisor) and the command centre
        '/public-health/cases',
        `/public-health/cases/${await firstId(p, '/api/v1/health-cases?pageSize=1')}`,
        '/public-health/diseases',
        '/public-health/events',
        `/public-health/events/${await firstId(p, '/api/v1/health-events')}`,
        '/public-health/tasks',
        '/public-health/levels',
        '/command',
        '/command/wall',
        '/command/hotline',
        '/command/duty',
        '/command/briefings',
      ])),
    );
    // The overdue hazard says in words where it went, and who sent it there.
    await p.goto(`${server.url}/hazards/${overdue}`);
    await p.locator('[data-testid=hazard-history]').getByText('系统自动处理').first().waitFor();
    await p.getByText(/逾期未整改，已升级至(镇（街道）级|县级|市级|省级)/).waitFor();
    await p.locator('[data-testid=hazard-detail]').getByText('状态', { exact: true }).waitFor();
    assert.equal(await p.locator('[data-testid=hazard-detail]').getByText('结果', { exact: true }).count(), 0);
    await p.goto(`${server.url}/hazards/${closed}`);
    await p.locator('[data-testid=hazard-history]').getByText('演示数据').first().waitFor();
    // Installations: the unit's name is headed 单元名称, and S explains itself (GB 18218).
    await p.goto(`${server.url}/installations`);
    await p.getByRole('columnheader', { name: '单元名称' }).waitFor();
    assert.equal(await p.getByRole('columnheader', { name: '企业名称' }).count(), 0);
    await p.locator('[data-testid="gb18218-S"]').first().hover();
    await p
      .getByRole('tooltip')
      .getByText(/辨识指标/)
      .waitFor();
    await p.locator('[data-testid="gb18218-R"]').first().hover();
    await p
      .getByRole('tooltip')
      .getByText(/分级指标/)
      .waitFor();
    await county.ctx.close();

    const ent = await session('entadmin');
    const e = ent.page;
    const own = await firstId(e, '/api/v1/enterprises?pageSize=1');
    leaks.push(
      ...(await sweep(e, 'entadmin', [
        '/',
        `/enterprises/${own}`,
        `/enterprises/${own}/risk-map`,
        '/risks',
        '/installations',
        '/risk-reports',
        '/hazards',
        `/hazards/${await firstId(e, '/api/v1/hazards?pageSize=1')}`,
        '/inspections',
        '/inspection-schedules',
        '/monitoring',
        '/sensors',
        '/inbox',
        '/enforcement/inspections',
        '/enforcement/cases',
        '/accidents',
        '/accidents/new',
        '/accidents/lessons',
        // issue 26: its own credit file, commitments, its list entry, its people
        `/credit/enterprises/${own}`,
        '/credit/commitments',
        '/credit/blacklist',
        '/people',
        '/people/courses',
        // issue 27: its plans, drills, stock and duty
        '/emergency/plans',
        `/emergency/plans/${await firstId(e, '/api/v1/emergency/plans?pageSize=1')}`,
        '/emergency/drills',
        `/emergency/drills/${await firstId(e, '/api/v1/drills?pageSize=1')}`,
        '/emergency/supplies',
        '/emergency/teams',
        '/emergency/duty',
      ])),
    );
    await ent.ctx.close();

    // Issue 28's roles: the clinic's report form and cards, the CDC's desk, events and tasks.
    for (const [who, pages] of [
      ['clinic', ['/', '/public-health/report', '/public-health/cases']],
      [
        'cdc',
        ['/', '/public-health/review', '/public-health/cases', '/public-health/events', '/public-health/tasks', '/public-health/levels'],
      ],
    ] as const) {
      const s = await session(who);
      const card = await firstId(s.page, '/api/v1/health-cases?pageSize=1');
      leaks.push(...(await sweep(s.page, who, [...pages, card && `/public-health/cases/${card}`])));
      await s.ctx.close();
    }

    // The other demo roles: the lists and the first hazard they reach.
    for (const who of ['province', 'city', 'township', 'grid', 'inspector', 'county2', 'entstaff']) {
      const other = await session(who);
      const hazard = await firstId(other.page, '/api/v1/hazards?pageSize=1');
      leaks.push(
        ...(await sweep(other.page, who, [
          '/',
          '/hazards',
          hazard && `/hazards/${hazard}`,
          '/inspections',
          '/risks',
          '/monitoring',
          '/inbox',
          '/emergency/dispatch',
          '/emergency/teams',
        ])),
      );
      await other.ctx.close();
    }

    const admin = await session('admin');
    const a = admin.page;
    leaks.push(...(await sweep(a, 'admin', ['/admin/users', '/admin/departments', '/admin/audit', '/monitoring/ingest'])));
    // The audit log: actions, objects and system accounts in words.
    await a.goto(`${server.url}/admin/audit`);
    await a.getByRole('cell', { name: '登录', exact: true }).first().waitFor();
    // Departments are headed 部门名称; every user has a status.
    await a.goto(`${server.url}/admin/departments`);
    await a.getByRole('columnheader', { name: '部门名称' }).waitFor();
    assert.equal(await a.getByRole('columnheader', { name: '企业名称' }).count(), 0);
    await a.goto(`${server.url}/admin/users`);
    const rows = a.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const statusColumn = (await a.locator('.ant-table-thead th').allInnerTexts()).findIndex((h) => h.trim() === '状态');
    assert.ok(statusColumn >= 0, 'the users table has a 状态 column');
    for (const text of await rows.evaluateAll(
      (trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement | undefined)?.innerText ?? ''),
      statusColumn,
    ))
      assert.ok(text.trim(), 'no user has a blank status');
    await admin.ctx.close();

    // The public reporting page, not logged in.
    const anon = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    leaks.push(
      ...(await sweep(await anon.newPage(), 'public', [
        '/report',
        '/report/follow',
        '/open/enforcement',
        '/open/accidents',
        '/open/blacklist',
        '/open/health-risk',
      ])),
    );
    await anon.close();

    assert.deepEqual(leaks, [], `codes shown in Chinese pages:\n${leaks.join('\n')}`);
  });
});
