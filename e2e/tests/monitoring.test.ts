// Browser test of the monitoring wall: a gas sensor crosses high-high → the alarm appears on the
// county's wall within 2 s (pushed, no reload) → acknowledge → handle with a disposal note → the
// gas falls back → clear.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { closeBrowser, launch, loginAs, openMenuGroup, shot, viaMenu } from '../lib/browser.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

describe(`monitoring wall in the browser (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    // No simulator: this test decides every reading.
    server = await startServer({ env: { SIMULATE: '0' } });
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'monitoring');
    await server?.stop();
  });

  test('high-high → on the wall within 2 s → acknowledge → handle → clear', async () => {
    const cookie = await apiLogin(server.url, 'county');
    const sensors = (await (await fetch(`${server.url}/api/v1/sensors`, { headers: { cookie } })).json()) as {
      items: { code: string; creditCode: string; highHigh: number }[];
    };
    const gas = sensors.items.find((s) => s.code.startsWith('GT-'));
    assert.ok(gas, 'the demo has gas sensors in the county');
    const send = async (value: number, ts = Date.now()) => {
      const r = await fetch(`${server.url}/api/v1/telemetry`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ creditCode: gas.creditCode, readings: [{ sensor: gas.code, ts, value }] }),
      });
      assert.equal(r.status, 200, await r.text());
    };
    await send(5, Date.now() - 2000);

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'county');
    await page.goto(`${server.url}/monitoring`);
    await page.getByText('实时推送已连接').waitFor();

    const t0 = Date.now();
    await send(gas.highHigh + 5);
    const status = page.locator(`[data-testid="alarm-status-${gas.code}-threshold"]`);
    await status.waitFor({ timeout: 2000 });
    const ms = Date.now() - t0;
    assert.ok(ms <= 2000, `on the wall after ${ms} ms`);
    assert.equal(await status.innerText(), '未确认');
    await page.screenshot({ path: shot('monitoring-wall'), fullPage: true });

    await page.click(`[data-testid="alarm-acknowledge-${gas.code}-threshold"]`);
    await page.locator(`[data-testid="alarm-status-${gas.code}-threshold"]`, { hasText: '已确认' }).waitFor();
    await page.click(`[data-testid="alarm-handle-${gas.code}-threshold"]`);
    await page.fill('[data-testid=disposal]', '关闭进料阀，开启事故风机，现场检测确认浓度下降');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal-footer').waitFor({ state: 'hidden' }); // sent (or its error shown)
    await page.locator(`[data-testid="alarm-status-${gas.code}-threshold"]`, { hasText: '已处置' }).waitFor();
    assert.equal(await page.locator(`[data-testid="alarm-clear-${gas.code}-threshold"]`).count(), 0, 'no clearing while the gas is high');

    await send(3);
    // This alarm's row (the demo's other alarms may have recovered too).
    await page.locator('tr', { has: status }).getByText('已恢复正常').waitFor();
    await page.click(`[data-testid="alarm-clear-${gas.code}-threshold"]`);
    await status.waitFor({ state: 'detached' });
    await ctx.close();
  });

  test('the enterprise admin issues a gateway credential, the gateway publishes with it, revoking cuts it off', async () => {
    const cookie = await apiLogin(server.url, 'entadmin');
    const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).json()) as { scope: { enterpriseId: string } };
    const own = (await (await fetch(`${server.url}/api/v1/enterprises/${me.scope.enterpriseId}`, { headers: { cookie } })).json()) as {
      creditCode: string;
    };
    const port = /MQTT: mqtt:\/\/localhost:(\d+)/.exec(server.log())?.[1];
    assert.ok(port, 'the server names its embedded broker');
    const url = `mqtt://127.0.0.1:${port}`;

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'entadmin');
    await viaMenu(page, '重大危险源监测', '数据接入凭证', '/monitoring/gateways');
    await page.getByRole('button', { name: '签发凭证' }).click();
    await page.getByLabel('名称').fill('1号罐区 DCS 网关');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('密钥只显示这一次').waitFor();
    // The issuing dialog may still be fading out: everything below is within the one that shows the secret.
    const issued = page.getByRole('dialog', { name: '凭证已签发' });
    const codes = issued.locator('.ant-descriptions code');
    const username = await codes.nth(0).innerText();
    const password = await codes.nth(1).innerText();
    assert.equal(await codes.nth(2).innerText(), `taishan/telemetry/${own.creditCode}`);
    await page.screenshot({ path: shot('gateway-credential-issued') });
    await issued.getByLabel('Close', { exact: true }).click();

    const opts = { reconnectPeriod: 0, connectTimeout: 5000, username, password };
    const gw = await mqtt.connectAsync(url, opts);
    // Acknowledged: the broker took it for this enterprise (an unknown sensor is dead-lettered, not refused).
    await gw.publishAsync(
      `taishan/telemetry/${own.creditCode}`,
      JSON.stringify({ readings: [{ sensor: 'GW-TEST', ts: Date.now(), value: 1 }] }),
      {
        qos: 1,
      },
    );
    const cut = new Promise<void>((r) => gw.once('close', () => r()));
    await page
      .getByRole('row', { name: /1号罐区 DCS 网关/ })
      .getByRole('button', { name: '吊销' })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page
      .getByRole('row', { name: /1号罐区 DCS 网关/ })
      .getByText('已吊销')
      .waitFor();
    await cut;
    gw.end(true);
    await assert.rejects(mqtt.connectAsync(url, opts), /Bad username or password/i, 'a revoked credential no longer logs in');
    await ctx.close();
  });

  test('the platform admin watches ingest: healthy, the embedded broker, readings refused with their reason', async () => {
    const county = await apiLogin(server.url, 'county');
    const sensors = (await (await fetch(`${server.url}/api/v1/sensors`, { headers: { cookie: county } })).json()) as {
      items: { creditCode: string }[];
    };
    const creditCode = sensors.items[0]?.creditCode;
    const r = await fetch(`${server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { cookie: county, 'content-type': 'application/json' },
      body: JSON.stringify({ creditCode, readings: [{ sensor: 'NO-SUCH-7', ts: Date.now(), value: 1 }] }),
    });
    assert.deepEqual(await r.json(), { accepted: 0, rejected: 1 });

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'admin');
    await viaMenu(page, '重大危险源监测', '接入运行', '/monitoring/ingest');
    await page.getByTestId('ingest-healthy').waitFor();
    const port = /MQTT: mqtt:\/\/localhost:(\d+)/.exec(server.log())?.[1];
    await page.getByText(`内置服务，端口 ${port}`).waitFor();
    assert.ok(Number((await page.getByTestId('ingest-rejected').innerText()).replace(/,/g, '')) >= 1);
    const row = page.getByTestId('dead-letters').getByRole('row', { name: /NO-SUCH-7/ });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`http[\\s\\S]*${creditCode}[\\s\\S]*未登记的传感器`));
    await page
      .getByTestId('dead-letter-reasons')
      .getByText(/未登记的传感器 \d+/)
      .waitFor();
    await page.screenshot({ path: shot('ingest-status'), fullPage: true });

    // Supervisors run no gateways: no menu entry, and the address leads elsewhere.
    const other = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const cp = await other.newPage();
    await loginAs(cp, server.url, 'county');
    await openMenuGroup(cp, '重大危险源监测');
    await cp.getByRole('menuitem', { name: '监测点位' }).waitFor();
    assert.equal(await cp.getByRole('menuitem', { name: '接入运行' }).count(), 0);
    await cp.goto(`${server.url}/monitoring/ingest`);
    await cp.waitForURL((u) => u.pathname === '/');
    await other.close();
    await ctx.close();
  });
});
