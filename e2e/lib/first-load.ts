// What a first visit of a page costs (README "Web delivery"): the compressed bytes of the scripts it
// loads (as sent on the wire: Content-Encoding br/gzip) and the time until its first form field shows.
// Used by e2e/tests/bundle.test.ts (budget) and e2e/bench/web.ts (`npm run bench:web`, throttled).
import type { Browser } from 'playwright-core';

export type Throttle = { downloadKbps: number; uploadKbps: number; latencyMs: number; cpuSlowdown: number };

/** Chrome DevTools' "Fast 3G" and a 4× slower CPU (a mid-range phone). */
export const FAST_3G: Throttle = { downloadKbps: 1600, uploadKbps: 750, latencyMs: 150, cpuSlowdown: 4 };

export type FirstLoad = {
  path: string;
  /** Bytes on the wire of every script, headers included (CDP encodedDataLength). */
  scriptBytes: number;
  scripts: { url: string; bytes: number; encoding: string }[];
  /** From navigation start to the first input/textarea visible. */
  firstFieldMs: number;
};

export async function measureFirstLoad(browser: Browser, baseUrl: string, path: string, throttle?: Throttle): Promise<FirstLoad> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: throttle.latencyMs,
        downloadThroughput: (throttle.downloadKbps * 1000) / 8,
        uploadThroughput: (throttle.uploadKbps * 1000) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpuSlowdown });
    }
    const scripts = new Map<string, { url: string; encoding: string }>();
    const sizes = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type !== 'Script') return;
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      scripts.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] ?? 'identity' });
    });
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
    const started = Date.now();
    await page.goto(`${baseUrl}${path}`);
    await page.locator('input:visible, textarea:visible, select:visible').first().waitFor({ state: 'visible', timeout: 120_000 });
    const firstFieldMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    const list = [...scripts].map(([id, s]) => ({ url: new URL(s.url).pathname, bytes: sizes.get(id) ?? 0, encoding: s.encoding }));
    return { path, scriptBytes: list.reduce((n, s) => n + s.bytes, 0), scripts: list, firstFieldMs };
  } finally {
    await context.close();
  }
}
