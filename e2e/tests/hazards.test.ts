// Browser test of the closed loop across roles: a township patrol fails an item with a photo →
// hazard; the enterprise fills the five fixes, rectifies, uploads proof and submits; the county
// accepts and the hazard is closed; its dossier downloads as a PDF. A major hazard offers the
// enterprise no way to close it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pdfObjects, pdfText } from '../../server/src/test/pdf.ts';
import { makePng } from '../../server/src/test/png.ts';
import { ARTIFACTS, closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

describe(`hazard loop in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  const photo = join(tmpdir(), 'taishan-hazard.png');
  before(async () => {
    server = await startServer();
    browser = await launch();
    writeFileSync(photo, makePng(200, 150));
  });
  after(async () => {
    await closeBrowser(browser, 'hazards');
    await server?.stop();
  });

  async function login(username: string, viewport = { width: 1366, height: 1000 }) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  const status = (page: Page, s: string) => page.locator('[data-testid=hazard-detail]').locator(`[data-testid=status-${s}]`).waitFor();

  test('patrol → five fixes → rectification → county acceptance → dossier', async () => {
    const own = await (
      await fetch(`${server.url}/api/v1/enterprises`, { headers: { cookie: await apiLogin(server.url, 'entadmin') } })
    ).json();
    const enterprise = (own as { items: { id: string; name: string }[] }).items[0];
    assert.ok(enterprise);

    // 1. Township patrol plans and carries out an inspection on a phone.
    const { ctx: c1, page: p1 } = await login('township', { width: 390, height: 844 });
    await p1.goto(`${server.url}/inspections`);
    await p1.click('[data-testid=plan-inspection]');
    await p1.locator('#plan-enterprises').click();
    await p1.keyboard.type(enterprise.name.slice(2, 6));
    await p1.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${enterprise.name}"]`).click();
    await p1.keyboard.press('Escape');
    await p1.locator('#plan-checklist').click();
    await p1.locator('.ant-select-dropdown:visible .ant-select-item-option[title="消防安全通用检查表 v1"]').click();
    await p1
      .getByRole('button', { name: 'OK' })
      .or(p1.getByRole('button', { name: '确定' }))
      .click();
    // The patrol just planned (the newest first; the demo enterprise has older inspections at every
    // tier, submitted ones among them, which the list now shows 50 to a page, so until the list is
    // fetched again the first patrol row may be one of those): a planned one.
    await p1
      .locator('[data-testid=inspection-table] tr', { hasText: '镇办巡查' })
      .filter({ hasText: enterprise.name })
      .filter({ hasNot: p1.locator('.ant-tag-success') })
      .first()
      .getByRole('link', { name: enterprise.name })
      .click();
    await p1.locator('[data-testid=inspection-items]').waitFor();
    for (let i = 1; i <= 8; i++) {
      await p1
        .locator(`[data-testid=item-F${i}]`)
        .getByText(i === 1 ? '不合格' : '合格', { exact: true })
        .click();
    }
    await p1.locator('[data-testid=item-F1] input[type=file]').setInputFiles(photo);
    await p1.getByText('上传照片 (1)').waitFor();
    await p1.fill('[data-testid=note-F1]', '仓库东侧疏散通道堆放纸箱');
    await p1.screenshot({ path: shot('inspection-phone'), fullPage: true });
    await p1.click('[data-testid=submit-inspection]');
    const hazardLink = p1.locator('[data-testid=created-hazards] a').first();
    await hazardLink.waitFor();
    await hazardLink.click();
    await status(p1, 'reported');
    await p1.click('[data-testid=action-assign]');
    await status(p1, 'assigned');
    const hazardUrl = p1.url();
    await c1.close();

    // 2. The enterprise fills the five fixes, rectifies, uploads proof and submits.
    const { ctx: c2, page: p2 } = await login('entadmin');
    await p2.goto(hazardUrl);
    await status(p2, 'assigned');
    await p2.click('[data-testid=action-start]');
    await p2.getByText('请先补全必填内容').first().waitFor(); // five fixes first
    await p2.fill('#fix-owner', '王安全');
    await p2.fill('#fix-funds', '0.5');
    await p2.locator('#fix-deadline').click();
    await p2.keyboard.type('2026-12-15');
    await p2.keyboard.press('Tab'); // Enter would submit the form early
    await p2.fill('#fix-measures', '清理通道杂物，划设禁放标线');
    await p2.fill('#fix-contingency', '清理前设专人值守');
    await p2.click('[data-testid=save-fixes]');
    await p2.getByText('已保存').first().waitFor();
    await p2.click('[data-testid=action-start]');
    await status(p2, 'rectifying');
    await p2.fill('#fix-note', '杂物已清理，已划设标线');
    await p2.click('[data-testid=save-fixes]');
    await p2.locator('input[type=file]').setInputFiles(photo);
    await p2.locator('.ant-image').nth(1).waitFor();
    await p2.click('[data-testid=action-submit]');
    await status(p2, 'pendingAcceptance');
    assert.equal(await p2.locator('[data-testid=action-accept]').count(), 0, 'a patrol-found hazard is accepted by government');
    await c2.close();

    // 3. The county accepts; the hazard is closed; its dossier downloads as one PDF.
    const { ctx: c3, page: p3 } = await login('county');
    await p3.goto(hazardUrl);
    await p3.click('[data-testid=action-accept]');
    await status(p3, 'closed');
    await p3.locator('[data-testid=hazard-history]').getByText('验收销号').waitFor();
    await p3.screenshot({ path: shot('hazard-closed'), fullPage: true });
    const [download] = await Promise.all([p3.waitForEvent('download'), p3.click('[data-testid=dossier]')]);
    assert.match(download.suggestedFilename(), /^隐患档案-.*\.pdf$/);
    const pdf = readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(join(ARTIFACTS, 'hazard-dossier.pdf'), pdf);
    const text = pdfText(pdf);
    for (const s of ['仓库东侧疏散通道堆放纸箱', '杂物已清理，已划设标线', '验收销号', '已销号'])
      assert.ok(text.includes(s), `the dossier holds ${s}`);
    assert.ok(pdfObjects(pdf, 'Image') >= 2, 'the patrol photo and the proof');
    await c3.close();
  });

  test('a major hazard cannot be closed by the enterprise', async () => {
    const gov = await apiLogin(server.url, 'county');
    const entCookie = await apiLogin(server.url, 'entadmin');
    const own = (await (await fetch(`${server.url}/api/v1/enterprises`, { headers: { cookie: entCookie } })).json()) as {
      items: { id: string }[];
    };
    const post = (cookie: string, path: string, body: object, method = 'POST') =>
      fetch(`${server.url}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ id: string }>,
      );
    const h = await post(gov, '/api/v1/hazards', { enterpriseId: own.items[0]?.id, description: '液氯罐区未设置紧急切断', level: 'major' });
    await post(gov, `/api/v1/hazards/${h.id}/transitions`, { action: 'assign' });
    await post(
      entCookie,
      `/api/v1/hazards/${h.id}`,
      { owner: '王', measures: '增设紧急切断阀', funds: 20, deadline: '2027-01-31', contingency: '降低储量', rectificationNote: '已完成' },
      'PATCH',
    );
    await post(entCookie, `/api/v1/hazards/${h.id}/transitions`, { action: 'start' });
    await post(entCookie, `/api/v1/hazards/${h.id}/transitions`, { action: 'submit' });
    const { ctx, page } = await login('entadmin');
    await page.goto(`${server.url}/hazards/${h.id}`);
    await status(page, 'pendingAcceptance');
    assert.equal(await page.locator('[data-testid=action-accept]').count(), 0);
    const refused = await fetch(`${server.url}/api/v1/hazards/${h.id}/transitions`, {
      method: 'POST',
      headers: { cookie: entCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    assert.equal(refused.status, 403);
    await ctx.close();
  });

  // After the loop above: that inspection was planned on version 1 and must keep it.
  test('an admin edits a checklist and publishes version 2; new inspections use it, planned ones keep version 1', async () => {
    const { ctx: c1, page } = await login('admin');
    await page.goto(`${server.url}/checklists`);
    await page.locator('[data-testid=checklist-table]').getByRole('button', { name: '消防安全通用检查表' }).click();
    await page.locator('[data-testid=checklist-items]').getByText('F8').waitFor();
    await page.click('[data-testid=edit-checklist]');
    const editors = page.locator('[data-testid=checklist-item-editor]');
    assert.equal(await editors.count(), 8, 'the editor starts from the latest version');
    await page.click('[data-testid=add-item]');
    const publish = page.getByRole('button', { name: /^发\s?布$/ }); // antd spaces two-character labels
    const added = editors.nth(8);
    await added.locator('input').first().fill('F9');
    await publish.click();
    await added.locator('.ant-form-item-explain-error').first().waitFor(); // an empty item is refused here, nothing published
    await added.locator('textarea').first().fill('消防控制室值班人员持证上岗，24小时双人值班');
    await added.getByText('重大隐患判定标准').click();
    await publish.click();
    await page.getByText('已发布第 2 版').waitFor();
    const versions = page.locator('[data-testid=checklist-versions]');
    await versions.getByText('第 1 版').waitFor();
    await page.locator('[data-testid=checklist-items]').getByText('消防控制室值班人员持证上岗，24小时双人值班').waitFor();
    await page.locator('[data-testid=checklist-items]').getByText('重大隐患判定标准').waitFor();
    await page.screenshot({ path: shot('checklist-v2'), fullPage: true });
    await c1.close();

    const township = await apiLogin(server.url, 'township');
    const get = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { cookie: township } })).json();
    const latest = (await get('/api/v1/checklists')).items.find((c: { code: string }) => c.code === 'fire-general');
    assert.equal(latest.version, 2);
    assert.equal(latest.items.length, 9);
    assert.equal(latest.items[8].majorCriterion, true);
    // The patrol's inspection of the loop above (self-inspection schedules may plan new ones on version 2).
    const planned = ((await get('/api/v1/inspections')).items as { tier: string; checklistVersion: number }[]).filter(
      (i) => i.tier === 'patrol',
    );
    assert.ok(planned.length > 0 && planned.every((i) => i.checklistVersion === 1), 'planned inspections keep version 1');

    // A township patrol reads the checklists but may not edit them; planning offers version 2.
    const { ctx: c2, page: p2 } = await login('township');
    await p2.goto(`${server.url}/checklists`);
    await p2.locator('[data-testid=checklist-table]').getByRole('button', { name: '消防安全通用检查表' }).click();
    await p2.locator('[data-testid=checklist-versions]').getByText('第 1 版').waitFor();
    assert.equal(await p2.locator('[data-testid=edit-checklist]').count(), 0);
    assert.equal(await p2.locator('[data-testid=new-checklist]').count(), 0);
    await p2.goto(`${server.url}/inspections`);
    await p2.click('[data-testid=plan-inspection]');
    await p2.locator('#plan-checklist').click();
    await p2.locator('.ant-select-dropdown:visible .ant-select-item-option[title="消防安全通用检查表 v2"]').waitFor();
    await c2.close();
  });
});
