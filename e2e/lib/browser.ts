// Debian's Chromium driven by playwright-core; never a downloaded browser.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from './server.ts';

export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

/** Log in through the login page as a demo user (password from the demo seed); every role lands on its workbench (工作台). */
export async function loginAs(page: import('playwright-core').Page, baseUrl: string, username: string, password = 'Taishan@2026') {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => u.pathname === '/');
  await page.locator('[data-testid=workbench]').waitFor();
}

/**
 * Close the browser, first reporting every page still open. A test closes its contexts when it
 * passes, so a page left open belongs to a test that failed: its address, a screenshot and the
 * start of its text say where the user was stuck (CI keeps only the printed output).
 */
export async function closeBrowser(browser: Browser | undefined, label: string) {
  if (!browser) return;
  let n = 0;
  for (const ctx of browser.contexts()) {
    for (const page of ctx.pages()) {
      n += 1;
      const name = `failed-${label}-${n}`;
      await page.screenshot({ path: shot(name), fullPage: true }).catch(() => undefined);
      const text = await page
        .locator('body')
        .innerText({ timeout: 2000 })
        .catch((err: Error) => `(no text: ${err.message})`);
      console.error(`# page left open by a failed test (${name}.png): ${page.url()}\n# ${text.slice(0, 1500).replace(/\n+/g, ' | ')}`);
    }
  }
  await browser.close();
}

/** Opens a group of the side menu (inline: its title toggles it) unless it is open already. */
export async function openMenuGroup(page: import('playwright-core').Page, group: string) {
  const title = page.getByTestId('main-nav').getByRole('menuitem', { name: group });
  if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
}

/**
 * Open a page through the side menu (open the group, click the item) and wait until it is there.
 * A click can land while the group is still animating open and then miss; a person would simply
 * click again, and so does this (three tries).
 */
export async function viaMenu(page: import('playwright-core').Page, group: string, item: string, path: string) {
  for (let attempt = 1; ; attempt++) {
    await openMenuGroup(page, group);
    await page.getByRole('menuitem', { name: item }).click();
    try {
      await page.waitForURL((u) => u.pathname === path, { timeout: 5000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
