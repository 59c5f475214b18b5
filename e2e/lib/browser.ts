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

/** Log in through the login page as a demo user (password from the demo seed). */
export async function loginAs(page: import('playwright-core').Page, baseUrl: string, username: string, password = 'Taishan@2026') {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(/\/enterprises/);
}
