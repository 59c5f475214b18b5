// The web under the server's Content-Security-Policy (issue 22, item 10): every page a demo role
// opens — and the public report pages — renders with no CSP violation (no inline script, no eval,
// no foreign origin), and the pages carry the headers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launch, loginAs } from '../lib/browser.ts';
import { type RunningServer, startServer } from '../lib/server.ts';

/** Record every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe(`the web under the Content-Security-Policy (${process.env.E2E_DB ?? 'pglite'})`, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await closeBrowser(browser, 'csp');
    await server?.stop();
  });

  test('pages carry the headers', async () => {
    for (const path of ['/', '/login', '/report', '/api/health']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    }
  });

  const pages: [string, string[]][] = [
    ['admin', ['/', '/enterprises', '/admin/users', '/admin/audit', '/monitoring', '/hazard-dashboard', '/risk-distribution']],
    ['county', ['/', '/hazards', '/inspections', '/reports', '/risks', '/monitoring', '/inbox']],
    ['entadmin', ['/', '/enterprises', '/hazards', '/sensors']],
  ];
  for (const [user, paths] of pages) {
    test(`${user}: every page renders with no CSP violation`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await ctx.newPage();
      const violations = await watchViolations(page);
      await loginAs(page, server.url, user);
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await page.locator('.ant-layout-content, main').first().waitFor();
        await page.waitForLoadState('networkidle');
        assert.deepEqual(violations, [], `${user} ${path}`);
      }
      await ctx.close();
    });
  }

  test('the public report pages render with no CSP violation', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    const violations = await watchViolations(page);
    for (const path of ['/report', '/report/follow']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('button').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(violations, []);
    await ctx.close();
  });
});
