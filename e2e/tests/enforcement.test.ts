// Browser test of a penalty case from a 双随机 draw to 结案 with payment (issue 24, item 12): an
// officer drawn for an inspection carries it out on a phone — starts it, records a violation and a
// hazard with a deadline, makes the record (现场检查记录 and 责令限期整改指令书 under one number) —
// and follows the violation to its case; at a desk the case is investigated, the penalty proposed
// (an amount outside the article's range is refused with the range), sent for review with the
// party's waiver, approved by a second officer (four eyes), served, paid in full and closed by the
// second officer; its 案卷 PDF holds the decision's number and the party.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pdfText } from '../../server/src/test/pdf.ts';
import {
  ARTIFACTS,
  checkDialog,
  closeBrowser,
  confirmDialog,
  dialog,
  dialogSettled,
  fillDialog,
  launch,
  loginAs,
  shot,
} from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

type Inspection = { id: string; enterpriseName: string; source: string; officers: { id: string; name: string }[] };

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 1000 };
const TIMEOUT = 60_000; // the machine is shared: generous, but every wait is bounded
const beijing = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

describe(`enforcement case in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'enforcement');
    await server?.stop();
  });

  async function login(username: string, viewport = DESK) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }

  /** A drawn inspection still to be carried out by a demo officer: county's if the draw paired county, else another officer's. */
  async function drawnInspection(): Promise<{ officer: string; inspection: Inspection }> {
    const officers = ['county', 'zfdy1', 'zfdy2', 'zfdy3', ...[1, 2, 3, 4, 5, 6].map((i) => `officer${i}`), 'inspector', 'city'];
    for (const officer of officers) {
      const cookie = await apiLogin(server.url, officer).catch(() => null);
      if (!cookie) continue;
      const r = await fetch(`${server.url}/api/v1/enforcement/inspections?source=draw&status=planned&mine=1`, { headers: { cookie } });
      if (!r.ok) continue;
      const [inspection] = ((await r.json()) as { items: Inspection[] }).items;
      if (inspection) return { officer, inspection };
    }
    throw new Error('the demo draw planned no inspection for a demo officer');
  }

  const modal = dialog;
  /** Picks a radio option in the open dialog and waits until it is checked: under load a click
   *  during the dialog's opening animation can be lost, and the form would then go in with the
   *  default kind. */
  const choose = async (page: Page, label: string) => {
    await dialogSettled(page);
    const option = modal(page).locator('label.ant-radio-wrapper').filter({ hasText: label });
    for (let attempt = 0; attempt < 10; attempt++) {
      await option.click();
      if (await option.evaluate((el) => el.classList.contains('ant-radio-wrapper-checked'))) return;
      await page.waitForTimeout(300);
    }
    throw new Error(`the option ${label} could not be picked`);
  };
  /** The status tag in the case's title (已立案, 调查取证 …). */
  const caseStatus = (page: Page, label: string) => page.locator('.ant-card-head').first().getByText(label, { exact: true }).waitFor();
  const step = (page: Page, action: string) => page.locator(`[data-testid=case-step-${action}]`);
  const documentRow = (page: Page, title: string) =>
    page.locator('[data-testid=documents-panel] tr.ant-table-row').filter({ has: page.getByText(title, { exact: true }) });

  test('drawn inspection on a phone → case → four-eyes decision → payment → 结案 and its 案卷', async () => {
    const { officer, inspection } = await drawnInspection();
    assert.equal(inspection.source, 'draw');
    assert.equal(inspection.officers.length, 2, 'a drawn inspection pairs two officers');
    // Four eyes: the review and the closing are another certified officer's.
    const second = officer === 'city' ? 'county' : 'city';
    const year = beijing().slice(0, 4);

    // 1. On site, on a phone: start, a violation and a hazard with a deadline, the record.
    const { ctx: c1, page: p1 } = await login(officer, PHONE);
    await p1.goto(`${server.url}/enforcement/inspections/${inspection.id}`);
    await p1.getByText(inspection.enterpriseName).first().waitFor();
    await p1.getByText('双随机抽查').waitFor();
    await p1.getByText('待检查', { exact: true }).waitFor();
    await p1.click('[data-testid=enf-start]');
    await fillDialog(p1, '#place', '生产车间及培训档案室');
    await confirmDialog(p1);
    await p1.getByText('检查中', { exact: true }).waitFor();
    assert.equal(await p1.locator('[data-testid=enf-start]').count(), 0, 'started once');

    await p1.click('[data-testid=enf-add-finding]');
    await choose(p1, '违法行为');
    await fillDialog(p1, '#description', '未如实记录安全生产教育和培训情况');
    await fillDialog(p1, '#location', '培训档案室');
    await fillDialog(p1, '#article', '97');
    await confirmDialog(p1);
    await p1.locator('[data-testid=enf-findings]').getByText('未如实记录安全生产教育和培训情况').waitFor();

    const deadline = beijing(new Date(Date.now() + 15 * 86_400_000));
    await p1.click('[data-testid=enf-add-finding]');
    await choose(p1, '事故隐患');
    await fillDialog(p1, '#description', '配电箱前堆放杂物，未保持操作通道畅通');
    await fillDialog(p1, '#location', '一号车间');
    await modal(p1).locator('#deadline').click();
    await p1.keyboard.type(deadline);
    await p1.keyboard.press('Tab'); // Enter would submit the form early
    await fillDialog(p1, '#onSiteMeasure', '责令立即清理');
    await confirmDialog(p1);
    const findings = p1.locator('[data-testid=enf-findings]');
    await findings.getByText(`整改期限 ${deadline}`).waitFor();

    await p1.click('[data-testid=enf-record]');
    await fillDialog(p1, '#situation', '检查了安全生产教育培训档案和一号车间现场');
    await fillDialog(p1, '#leaderName', '张经理');
    await confirmDialog(p1);
    await p1.getByText('待复查', { exact: true }).waitFor();
    assert.equal(await p1.locator('[data-testid=enf-record]').count(), 0, 'recorded once');
    assert.equal(await p1.locator('[data-testid=enf-add-finding]').count(), 0, 'no findings after the record');
    // The hazard went to the hazard register with its number; the violation opened a case.
    await findings.getByRole('link', { name: /^隐患 .*隐患第 \d+ 号$/ }).waitFor();
    const caseLink = findings.getByRole('link', { name: '查看案件' });
    assert.equal(await caseLink.count(), 1, 'one case, for the violation');

    // The record and the rectification order are issued under the same number.
    const recordNo = (await documentRow(p1, '现场检查记录').locator('[data-testid=doc-number]').innerText()).trim();
    const orderNo = (await documentRow(p1, '责令限期整改指令书').locator('[data-testid=doc-number]').innerText()).trim();
    const rec = new RegExp(`^（.+）应急检记〔${year}〕(\\d+)号$`).exec(recordNo);
    const ord = new RegExp(`^（.+）应急责改〔${year}〕(\\d+)号$`).exec(orderNo);
    assert.ok(rec, `record number ${recordNo}`);
    assert.ok(ord, `order number ${orderNo}`);
    assert.equal(ord[1], rec[1], `${orderNo} carries the record's serial (${recordNo})`);
    await documentRow(p1, '现场处理措施决定书').waitFor();
    // Usable at phone width: the page itself does not scroll sideways (the documents table scrolls in its card).
    const overflow = await p1.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the inspection page fits a phone (${overflow}px too wide)`);
    await p1.screenshot({ path: shot('enforcement-inspection-phone'), fullPage: true });

    await caseLink.click();
    await p1.waitForURL(/\/enforcement\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = p1.url();
    const caseId = caseUrl.split('/').pop() as string;
    await caseStatus(p1, '已立案');
    await p1.getByText(inspection.enterpriseName).first().waitFor();

    // 2. At the desk: investigate, propose the penalty (the range is the law's), submit with the waiver.
    await p1.setViewportSize(DESK);
    assert.equal(await step(p1, 'approve').count(), 0);
    await step(p1, 'investigate').click();
    await confirmDialog(p1);
    await caseStatus(p1, '调查取证');

    await step(p1, 'notify').click();
    await dialogSettled(p1);
    await modal(p1).locator('[data-testid=case-article]').click();
    await p1.keyboard.type('第九十七条');
    await p1.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '第九十七条' }).click();
    await modal(p1).locator('[data-testid=case-tier]').click();
    await p1.locator('.ant-select-dropdown:visible .ant-select-item-option[title="单位（逾期未改正 / 情节严重）"]').click();
    const range = '罚款应在 100000–200000 元之间';
    await modal(p1).locator('[data-testid=case-range]').getByText(`法定幅度：${range}`).waitFor();
    await fillDialog(p1, '#amount', '50000');
    await fillDialog(p1, '#reasons', '培训档案缺失时间较长，经指出后仍未改正');
    await modal(p1).locator('.ant-modal-footer .ant-btn-primary').click();
    // Refused by the server with the range, shown once under the amount; the form stays open.
    const amountError = modal(p1).locator('.ant-form-item-explain-error').filter({ hasText: range });
    await amountError.waitFor();
    assert.equal(await amountError.count(), 1, 'the range is shown once under the amount');
    await caseStatus(p1, '调查取证');
    await p1.screenshot({ path: shot('enforcement-amount-refused') });
    await fillDialog(p1, '#amount', '120000');
    await confirmDialog(p1);
    await caseStatus(p1, '已告知');
    await p1.getByText('120000', { exact: true }).first().waitFor();
    await documentRow(p1, '行政处罚告知书').waitFor();
    await documentRow(p1, '行政处罚听证告知书').waitFor(); // a fine this size gives a right to a hearing

    await step(p1, 'submitReview').click();
    await checkDialog(p1, '当事人放弃陈述申辩和听证');
    await fillDialog(p1, '#statement', '当事人书面放弃陈述申辩和听证');
    await confirmDialog(p1);
    await caseStatus(p1, '待审核');
    assert.equal(await step(p1, 'approve').count(), 0, 'the handler cannot approve their own case');

    // 3. A second officer approves (four eyes).
    const { ctx: c2, page: p2 } = await login(second);
    await p2.goto(caseUrl);
    await caseStatus(p2, '待审核');
    await step(p2, 'approve').click();
    await fillDialog(p2, '#opinion', '事实清楚，证据确凿，程序合法，同意');
    await confirmDialog(p2);
    await caseStatus(p2, '已决定');
    const decisionNo = (await documentRow(p2, '行政处罚决定书').locator('[data-testid=doc-number]').innerText()).trim();
    assert.match(decisionNo, new RegExp(`^（.+）应急罚〔${year}〕\\d+号$`));

    // 4. The handler serves the decision and records the full payment.
    await p1.reload();
    await caseStatus(p1, '已决定');
    await step(p1, 'serve').click();
    await fillDialog(p1, '#recipient', '张经理');
    await confirmDialog(p1);
    await caseStatus(p1, '已送达');
    await step(p1, 'recordPayment').click();
    assert.equal(await modal(p1).locator('#amount').inputValue(), '120000', 'the payment form offers what is owed');
    await fillDialog(p1, '#receiptNo', 'SQ2026-E2E');
    await confirmDialog(p1);
    await caseStatus(p1, '执行中');
    await p1.locator('.ant-table-row').filter({ hasText: 'SQ2026-E2E' }).waitFor();
    assert.equal(await step(p1, 'recordPayment').count(), 0, 'nothing more is owed');
    assert.equal(await step(p1, 'close').count(), 0, 'the handler cannot close their own case');

    // 5. The second officer closes it: 已结案, no step but publishing left, the 案卷 downloads.
    await p2.reload();
    await caseStatus(p2, '执行中');
    await step(p2, 'close').click();
    await fillDialog(p2, '#summary', '罚款已缴清，同意结案');
    await confirmDialog(p2);
    await caseStatus(p2, '已结案');
    for (const a of ['serve', 'recordPayment', 'close', 'approve', 'transfer'])
      assert.equal(await step(p2, a).count(), 0, `no ${a} on a closed case`);
    await documentRow(p2, '结案审批表').waitFor();
    await p2.screenshot({ path: shot('enforcement-case-closed'), fullPage: true });

    assert.equal(await p2.locator('[data-testid=case-dossier]').getAttribute('href'), `/api/v1/enforcement/cases/${caseId}/dossier`);
    const res = await p2.request.get(`${server.url}/api/v1/enforcement/cases/${caseId}/dossier`);
    assert.equal(res.status(), 200);
    const pdf = await res.body();
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(join(ARTIFACTS, 'enforcement-dossier.pdf'), pdf);
    const text = pdfText(pdf);
    for (const s of [decisionNo, inspection.enterpriseName, '已结案']) assert.ok(text.includes(s), `the dossier holds ${s}`);
    await c2.close();
    await c1.close();
  });
});
