// On a phone (390 × 844, issue 22 items 13 and 19): the hazard list, the inspections and the report
// inbox are cards that show what tells rows apart (enterprise, date, status); the hazard detail
// keeps its title; an inspection that found nothing says so instead of an empty 生成的隐患 box;
// 合格 is green when chosen, not the theme's red.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HAZARD_STATUS_LABELS, PUBLIC_REPORT_STATUS_LABELS } from '@taishan/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

const PHONE = { width: 390, height: 844 };
const STATUS_WORDS = (labels: Record<string, { zh: string }>) =>
  new RegExp(
    Object.values(labels)
      .map((l) => l.zh)
      .join('|'),
  );

describe(`phone lists and pages (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'phone');
    await server?.stop();
  });

  async function phone(username: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    return { ctx, page };
  }
  const json = async <T>(page: Page, path: string, init?: { method: string; data?: unknown }): Promise<T> => {
    const res = await page.request.fetch(`${server.url}${path}`, { method: init?.method ?? 'GET', data: init?.data });
    assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };

  test('lists are cards with enterprise, date and status; the hazard detail keeps its title', async () => {
    const { ctx, page } = await phone('county');

    await page.goto(`${server.url}/hazards`);
    const hazards = await json<{ items: { enterpriseName: string }[] }>(page, '/api/v1/hazards?pageSize=20');
    const hazardCards = page.locator('[data-testid=hazard-cards] [data-testid=mobile-card]');
    await hazardCards.first().waitFor();
    assert.equal(await page.locator('[data-testid=hazard-table]').count(), 0, 'no table squeezed into the phone');
    const first = await hazardCards.first().innerText();
    assert.ok(first.includes(hazards.items[0]?.enterpriseName ?? '?'), `the enterprise: ${first}`);
    assert.match(first, /\d{4}\/\d{1,2}\/\d{1,2}/, 'the date it was found');
    assert.match(first, STATUS_WORDS(HAZARD_STATUS_LABELS), 'its status');
    // Every card fits the screen: nothing to scroll sideways for.
    const box = await hazardCards.first().boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
    await page.screenshot({ path: shot('phone-hazard-cards') });

    // The detail: its title (what and whose) stays readable above the steps.
    await hazardCards.first().getByRole('link').first().click();
    await page.waitForURL((u) => /^\/hazards\/[0-9a-f-]{36}$/.test(u.pathname));
    const title = page.locator('[data-testid=hazard-title]');
    await title.waitFor();
    const titleBox = await title.boundingBox();
    assert.ok(titleBox && titleBox.width > 150, `the title is squeezed: ${JSON.stringify(titleBox)}`);
    assert.ok((await title.innerText()).includes(hazards.items[0]?.enterpriseName ?? '?'));
    await page.screenshot({ path: shot('phone-hazard-detail') });

    await page.goto(`${server.url}/inspections`);
    const inspectionCards = page.locator('[data-testid=inspection-cards] [data-testid=mobile-card]');
    await inspectionCards.first().waitFor();
    assert.equal(await page.locator('[data-testid=inspection-table]').count(), 0);
    const inspection = await inspectionCards.first().innerText();
    assert.match(inspection, /\d{4}-\d{2}-\d{2}/, 'the planned date');
    assert.match(inspection, /待检查|已提交/, 'its status');
    await page.screenshot({ path: shot('phone-inspection-cards') });

    await page.goto(`${server.url}/reports?status=all`);
    const reportCards = page.locator('[data-testid=report-cards] [data-testid=mobile-card]');
    await reportCards.first().waitFor();
    const report = await reportCards.first().innerText();
    assert.match(report, /收到日期：\d{4}-\d{2}-\d{2}/, 'the day it came');
    assert.match(report, STATUS_WORDS(PUBLIC_REPORT_STATUS_LABELS), 'its status');
    await page.screenshot({ path: shot('phone-report-cards') });
    await ctx.close();
  });

  test('an inspection that found nothing says so; 合格 is green and 不合格 red when chosen', async () => {
    const { ctx, page } = await phone('entadmin');
    const own = (await json<{ items: { id: string }[] }>(page, '/api/v1/enterprises?pageSize=1')).items[0]?.id;
    const checklists = await json<{ items: { id: string; tiers: string[] }[] }>(page, '/api/v1/checklists');
    const checklist = checklists.items.find((c) => c.tiers.includes('self'));
    assert.ok(own && checklist);
    const plan = () =>
      json<{ items: { id: string }[] }>(page, '/api/v1/inspections', {
        method: 'POST',
        data: { tier: 'self', checklistId: checklist.id, plannedDate: '2026-12-01', enterpriseIds: [own], unannounced: false },
      }).then((r) => r.items[0]?.id as string);

    // All passed, submitted: no hazards were made, and the page says that in words.
    const clean = await plan();
    const detail = await json<{ checklist: { items: { code: string }[] } }>(page, `/api/v1/inspections/${clean}`);
    await json(page, `/api/v1/inspections/${clean}/results`, {
      method: 'PUT',
      data: { results: detail.checklist.items.map((i) => ({ itemCode: i.code, result: 'pass', photos: [] })) },
    });
    await json(page, `/api/v1/inspections/${clean}/submit`, { method: 'POST', data: {} });
    await page.goto(`${server.url}/inspections/${clean}`);
    await page.locator('[data-testid=inspection-items]').waitFor();
    await page.locator('[data-testid=no-created-hazards]').getByText('检查已提交，未发现隐患').waitFor();
    assert.equal(await page.locator('[data-testid=created-hazards]').count(), 0, 'no empty 生成的隐患 box');
    assert.equal(await page.getByText('生成的隐患').count(), 0);

    // Carrying one out: the chosen result's colour says what it is.
    const open = await plan();
    await page.goto(`${server.url}/inspections/${open}`);
    const item = page.locator('[data-testid=inspection-items] .ant-list-item').first();
    await item.getByText('合格', { exact: true }).click();
    const checked = item.locator('.ant-radio-button-wrapper-checked');
    await page.mouse.move(1, 1); // the colour at rest, not under the pointer
    await page.waitForTimeout(400); // antd's colour transition
    assert.equal(await checked.innerText(), '合格');
    assert.equal(await checked.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(35, 120, 4)', '合格 is green');
    await item.getByText('不合格', { exact: true }).click();
    await page.mouse.move(1, 1);
    await page.waitForTimeout(400);
    assert.equal(await checked.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(168, 7, 26)', '不合格 is red');
    await page.screenshot({ path: shot('phone-inspection-result-colours') });
    await ctx.close();
  });
});
