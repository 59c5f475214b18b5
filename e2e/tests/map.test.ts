// Browser test of the map (issue 23, item 11): the demo city's supervisor opens the hazard
// dashboard, the district map draws from the bundled boundaries, its table shows the API's numbers
// per district, and a district opens its own dashboard (from the table's link and from the map).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs, shot } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

type Dash = { byRegion: { code: string; name: string; open?: number; riskPoints: { total: number } }[] };
const SUQIAN_DISTRICTS = ['321302', '321311', '321322', '321323', '321324'];

describe(`the district map in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'map');
    await server?.stop();
  });

  async function cityDashboard() {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'city');
    await page.goto(`${server.url}/hazard-dashboard`);
    await page.locator('[data-testid=map-hazards-canvas] canvas').waitFor();
    await page.locator('[data-testid=map-risks-canvas] canvas').waitFor();
    return { ctx, page };
  }
  const api = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path);
  /** The number the map's table shows for a district. */
  const listed = async (page: Page, map: string, code: string) =>
    Number(await page.locator(`[data-testid=${map}-list] tr[data-code="${code}"] [data-testid=map-value]`).innerText());

  test('the city supervisor sees its districts on the map, with the same numbers as the API', async () => {
    const { ctx, page } = await cityDashboard();
    const boundaries = (await api(page, '/api/v1/regions/321300/boundaries')) as {
      geojson: { features: { properties: { code: string } }[] };
    };
    assert.deepEqual(
      boundaries.geojson.features.map((f) => f.properties.code),
      SUQIAN_DISTRICTS,
    );
    const d = (await api(page, '/api/v1/hazard-dashboard')) as Dash;
    assert.ok(d.byRegion.some((r) => (r.open ?? 0) > 0) && d.byRegion.some((r) => r.riskPoints.total > 0), 'the demo has something to map');
    for (const r of d.byRegion) {
      assert.equal(await listed(page, 'map-hazards', r.code), r.open ?? 0, `${r.name} open hazards`);
      assert.equal(await listed(page, 'map-risks', r.code), r.riskPoints.total, `${r.name} risk points`);
    }
    // The 审图号 in force for the province (the setting map.approvalNumber; the demo sets one) under each map.
    const approval = (await api(page, '/api/v1/settings/public/map.approvalNumber?province=32')) as { value: string };
    assert.ok(approval.value, 'the demo sets an approval number');
    await page.getByTestId('map-hazards-approval').getByText(`审图号：${approval.value}`).waitFor();
    await page.getByTestId('map-risks-approval').getByText(`审图号：${approval.value}`).waitFor();
    // The canvas is drawn (not blank): some pixel differs from the top-left corner.
    const drawn = await page
      .locator('[data-testid=map-hazards-canvas] canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const g = c.getContext('2d');
        if (!g) return false;
        const { data } = g.getImageData(0, 0, c.width, c.height);
        for (let i = 4; i < data.length; i += 4 * 97)
          if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
        return false;
      });
    assert.ok(drawn, 'the map is drawn');
    await page.screenshot({ path: shot('map-city-dashboard') });

    // The table's link opens the district's own dashboard: its townships, and no map (no boundaries for it).
    const first = d.byRegion.find((r) => r.code.startsWith('321302'));
    assert.ok(first);
    await page.locator(`[data-testid=map-risks-list] tr[data-code="${first.code}"] button`).click();
    await page.waitForURL((u) => u.searchParams.get('region') === '321302');
    const county = (await api(page, '/api/v1/hazard-dashboard?region=321302')) as Dash & { region: string };
    assert.equal(county.region, '321302');
    await page.locator('[data-testid=dashboard-totals]').waitFor();
    await page
      .getByRole('button', { name: county.byRegion[0]?.name ?? '' })
      .first()
      .waitFor();
    assert.equal(await page.locator('[data-testid=dashboard-maps]').count(), 0);
    await ctx.close();
  });

  test('a click on a district of the map drills down to it', async () => {
    const { ctx, page } = await cityDashboard();
    const canvas = page.locator('[data-testid=map-hazards-canvas]');
    const box = await canvas.boundingBox();
    assert.ok(box);
    // The middle of the city is inside one of its districts (the map is centred on them).
    await page.waitForTimeout(300);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((u) => SUQIAN_DISTRICTS.includes(u.searchParams.get('region') ?? ''));
    await ctx.close();
  });
});
