// Browser test of the serious-discredit list (issue 26, item 2 and 11): from an accident to a listing
// decision and the public page. The demo enterprise reports a 重大 accident (10 deaths); the county
// proposes the events' candidates from its list page and finds the enterprise's, with the accident
// as its source; it notifies (告知: a numbered 应急失告 notice, previewed as the PDF lays it out); the enterprise sees
// the notice in its 工作台 and objects; the county rejects the objection and the city decides (a numbered
// 应急失决 decision, 3 years, the partner departments notified); the public page lists the enterprise
// with the decision number, and shows persons' ID numbers only masked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as domain from '@taishan/domain';
import type { Browser, Page } from 'playwright-core';
import { OPEN_REASON_LABELS, OPEN_SUBJECT_LABELS } from '../../web/src/pages/credit/public/labels.ts';
import { closeBrowser, confirmDialog, dialog, fillDialog, launch, loginAs, shot, viaMenu } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const DESK = { width: 1366, height: 1000 };
const TIMEOUT = 60_000; // the machine is shared: generous, but every wait is bounded
/** The demo person's ID number (server/src/demo/blacklist.ts): never shown whole on the public page. */
const DEMO_PERSON_ID = '321302197603154517';

describe(`serious-discredit list in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'credit');
    await server?.stop();
  });

  async function login(username: string) {
    const ctx = await browser.newContext({ viewport: DESK, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  const step = (page: Page, action: string) => page.locator(`[data-testid=blacklist-step-${action}]`);
  /** The step buttons shown (exactly the server's allowedActions). */
  const actions = (page: Page) =>
    page
      .locator('[data-testid=blacklist-actions] button')
      .evaluateAll((bs) => bs.map((b) => (b.getAttribute('data-testid') ?? '').replace('blacklist-step-', '')));
  const status = (page: Page, label: string) => page.locator('[data-testid=blacklist-status]').getByText(label, { exact: true }).waitFor();

  test('the public page carries the same labels as domain (it cannot load the domain barrel)', () => {
    assert.deepEqual(OPEN_REASON_LABELS, domain.BLACKLIST_REASON_LABELS);
    assert.deepEqual(OPEN_SUBJECT_LABELS, domain.BLACKLIST_SUBJECT_LABELS);
  });

  test('a 重大 accident → candidate → 告知 → objection rejected → listing decision → public list', async () => {
    // 1. The demo enterprise reports a 重大 accident (10 deaths) through the API.
    const ent = await apiLogin(server.url, 'entadmin');
    const reported = await fetch(`${server.url}/api/v1/accidents`, {
      method: 'POST',
      headers: { cookie: ent, 'content-type': 'application/json' },
      body: JSON.stringify({
        occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        place: '三号罐区',
        description: '储罐检修动火作业引发爆炸，造成10人死亡',
        deaths: 10,
      }),
    });
    const body = await reported.text();
    assert.equal(reported.status, 201, body);
    const accident = JSON.parse(body) as { id: string; number: string; unitName: string };

    // 2. The county proposes the events' candidates and opens the enterprise's.
    const { ctx: c1, page: p1 } = await login('county');
    await viaMenu(p1, '信用管理', '严重失信主体名单', '/credit/blacklist');
    await p1.click('[data-testid=blacklist-scan]');
    // (0 when the hourly job, which also runs at the server's start, proposed it first.)
    await p1.getByText(/新增候选 \d+ 条/).waitFor();
    await p1.goto(`${server.url}/credit/blacklist?view=candidates&reason=majorAccident&q=${encodeURIComponent(accident.unitName)}`);
    const row = p1.locator('[data-testid=blacklist-list] tr.ant-table-row').filter({ hasText: accident.number });
    await row.waitFor();
    await row.locator('[data-testid=blacklist-row-link]').click();
    await p1.waitForURL(/\/credit\/blacklist\/[0-9a-f-]{36}$/);
    const entryPath = new URL(p1.url()).pathname;
    await status(p1, '候选');
    await p1.locator('[data-testid=blacklist-detail]').getByRole('link', { name: accident.number }).waitFor();
    assert.deepEqual(await actions(p1), ['notify', 'drop']);

    // 3. 告知: the numbered notice, previewed as a PDF.
    await step(p1, 'notify').click();
    await confirmDialog(p1);
    await status(p1, '已告知');
    await p1
      .locator('[data-testid=blacklist-doc-number]')
      .getByText(/应急失告〔\d{4}〕\d+号/)
      .waitFor();
    assert.equal(await step(p1, 'decide').count(), 0, 'no decision while the objection window runs');
    await p1.click('[data-testid=blacklist-preview-creditNotice]');
    await dialog(p1).locator('[data-testid=blacklist-doc-preview]').getByText('列入严重失信主体名单告知书').waitFor();
    await dialog(p1)
      .locator('[data-testid=blacklist-doc-preview]')
      .getByText(/有权进行陈述和申辩/)
      .waitFor();
    await p1.screenshot({ path: shot('blacklist-notice'), fullPage: true });
    await dialog(p1).locator('.ant-modal-close').click();
    await c1.close();

    // 4. The enterprise: the notice waits in its 工作台; it objects within the window.
    const { ctx: c2, page: p2 } = await login('entadmin');
    await p2.locator('[data-testid="work-blacklist.noticed"]').waitFor();
    await p2.goto(`${server.url}${entryPath}`);
    await status(p2, '已告知');
    assert.deepEqual(await actions(p2), ['recordObjection']);
    await step(p2, 'recordObjection').click();
    await fillDialog(p2, '#objection', '事故等级认定所依据的死亡人数有误，请求核实');
    await confirmDialog(p2);
    await status(p2, '异议核实中');
    await c2.close();

    // 5. The county rejects the objection; having sent the notice it may not also decide (four
    // eyes), so the city decides: listed for three years, partners notified.
    const { ctx: c4, page: p4 } = await login('county');
    await p4.goto(`${server.url}${entryPath}`);
    await step(p4, 'handleObjection').click();
    await fillDialog(p4, '#reply', '经核实，事故造成10人死亡，等级认定无误，异议不成立');
    await confirmDialog(p4);
    await status(p4, '已告知');
    assert.equal(await step(p4, 'decide').count(), 0, 'the one who sent the notice may not decide');
    await c4.close();
    const { ctx: c3, page: p3 } = await login('city');
    await p3.goto(`${server.url}${entryPath}`);
    await status(p3, '已告知');
    await step(p3, 'decide').click();
    await confirmDialog(p3);
    await status(p3, '已列入');
    const decision = (
      await p3
        .locator('[data-testid=blacklist-doc-number]')
        .getByText(/应急失决/)
        .innerText()
    ).trim();
    assert.match(decision, /^（.+）应急失决〔\d{4}〕\d+号$/);
    const listedAt = await p3.locator('[data-testid=blacklist-listed-at]').innerText();
    const expiresAt = await p3.locator('[data-testid=blacklist-expires-at]').innerText();
    assert.equal(Number(expiresAt.slice(0, 4)) - Number(listedAt.slice(0, 4)), 3, `${listedAt} → ${expiresAt}`);
    await p3.locator('[data-testid=blacklist-partners]').getByText('生态环境主管部门').waitFor();
    await p3.screenshot({ path: shot('blacklist-listed'), fullPage: true });
    await c3.close();

    // 6. The public page, without a login: the enterprise with its decision number; ID numbers masked.
    const ctx = await browser.newContext({ viewport: DESK, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/open/blacklist`);
    const publicRow = page.locator('[data-testid=open-blacklist-row]').filter({ hasText: accident.unitName });
    await publicRow.getByText(decision).waitFor();
    await publicRow.getByText(domain.BLACKLIST_REASON_LABELS.majorAccident.zh).waitFor();
    await page.locator('[data-testid=open-blacklist]').getByText('3213**********4517').waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes(DEMO_PERSON_ID), 'an unmasked ID number on the public page');
    await page.screenshot({ path: shot('blacklist-public'), fullPage: true });
    await ctx.close();
  });
});
