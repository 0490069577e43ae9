/** Launches Debian's Chromium through playwright-core for the browser tests. */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/browser.mjs';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Cookie that sets display preferences, as /settings/ would. */
export const displayCookie = (baseUrl: string, value: string) => ({ name: 'tx-display', value, url: baseUrl });

export type ContextOptions = BrowserContextOptions;

/** Presses Tab until `selector` has focus; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
