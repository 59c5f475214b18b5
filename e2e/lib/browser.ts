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

/** The dialog now open (antd keeps closed ones in the DOM, hidden). */
export const dialog = (page: import('playwright-core').Page) => page.locator('.ant-modal-wrap:visible .ant-modal');

/**
 * Waits until the open dialog has finished its opening animation. Under load a key press or a
 * click while it zooms in can be lost (seen in CI: a typed 受送达人 vanished and the form stayed
 * open on its required-field error), so every dialog helper below starts from a settled dialog.
 */
export async function dialogSettled(page: import('playwright-core').Page) {
  const d = dialog(page);
  await d.waitFor();
  // Only finite animations end (a spinning loading icon runs forever), and never wait over 3 s.
  await d.evaluate((el) =>
    Promise.race([
      Promise.all(
        el
          .getAnimations({ subtree: true })
          .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]),
  );
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'), undefined, {
    timeout: 10_000,
  });
}

/** Types into a field of the open dialog and checks it holds the value, typing again if a keystroke was lost. */
export async function fillDialog(page: import('playwright-core').Page, selector: string, value: string) {
  await dialogSettled(page);
  const input = dialog(page).locator(selector).first();
  for (let attempt = 0; attempt < 5; attempt++) {
    await input.fill(value);
    if ((await input.inputValue()) === value) return;
    await page.waitForTimeout(300);
  }
  throw new Error(`the field ${selector} would not take ${JSON.stringify(value)}`);
}

/** Ticks a checkbox of the open dialog once it has settled, and checks it holds (a click during the zoom-in can be lost). */
export async function checkDialog(page: import('playwright-core').Page, label: string) {
  await dialogSettled(page);
  await dialog(page).getByLabel(label).check();
}

/**
 * Presses the dialog's primary button and waits for it to close. When it stays open the form
 * refused something: the error shown is what the test reports, not a bare timeout.
 */
export async function confirmDialog(page: import('playwright-core').Page, timeout = 30_000) {
  await dialogSettled(page);
  const d = dialog(page);
  await d.locator('.ant-modal-footer .ant-btn-primary').click();
  try {
    await d.waitFor({ state: 'hidden', timeout });
  } catch (err) {
    const errors = await d
      .locator('.ant-form-item-explain-error, .ant-alert-error')
      .allInnerTexts()
      .catch(() => []);
    const values = await d
      .locator('input, textarea')
      .evaluateAll((els) =>
        els.map((e) => {
          const i = e as HTMLInputElement;
          return `${i.id || i.getAttribute('name') || '?'}=${i.type === 'checkbox' ? (i.checked ? 'checked' : 'unchecked') : i.value}`;
        }),
      )
      .catch(() => []);
    throw new Error(`the dialog stayed open; form errors: ${errors.join('; ') || 'none'}; fields: ${values.join(', ')}`, { cause: err });
  }
}
