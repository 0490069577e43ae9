/** Launches Debian's Chromium through playwright-core for the browser tests. */
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/browser.mjs';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Cookie that sets display preferences, as /settings/ would. */
export const displayCookie = (baseUrl: string, value: string) => ({ name: 'tx-display', value, url: baseUrl });

export type ContextOptions = BrowserContextOptions;
