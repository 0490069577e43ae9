/**
 * Accessibility of every page in the sitemap and every state (filters, empty, invalid,
 * saved, error, 404), in both languages: axe-core (WCAG 2.0/2.1/2.2 A and AA) with and
 * without JavaScript, in standard and high contrast, and pa11y's HTML_CodeSniffer in both
 * contrasts. Zero violations allowed. Also: content reflows at 320 CSS px (400% zoom of a
 * 1280 px window) with no sideways scrolling. The list comes from the sitemap, so new pages
 * are scanned with no new test code.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import pa11y from 'pa11y';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, displayCookie } from '../browser';
import { sitemapUrls } from '../sitemap';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';

const base = inject('baseUrl');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CONTRASTS = ['standard', 'high'] as const;

/** Pages that are states rather than sitemap entries. */
const STATES = [
  '/services/?category=living',
  '/en/services/?region=jilin-city',
  '/services/?category=education',
  '/en/services/?category=no-such-category',
  '/settings/?saved=1',
  '/en/settings/?reset=1',
  '/no-such-page/',
  '/en/no-such-page/',
];
/** The settings form after a tampered submission: its error state, reached by a real POST. */
const ERROR_STATES = ['/settings/', '/en/settings/'];

let browser: Browser;
let pBrowser: PuppeteerBrowser;
let urls: string[];
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  urls = [...(await sitemapUrls(base)), ...STATES.map((s) => base + s)];
  browser = await launch();
  pBrowser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS as string[], headless: true });
  for (const js of [true, false]) {
    for (const contrast of CONTRASTS) {
      // axe itself runs as script in the page, so "without JavaScript" blocks the portal's own
      // scripts (all under /_astro/) instead: the page is exactly what a no-JS browser renders.
      const context = await browser.newContext();
      if (!js) await context.route('**/_astro/**/*.js', (route) => route.abort());
      if (contrast === 'high') await context.addCookies([displayCookie(base, 'contrast=high')]);
      contexts.set(`${js}-${contrast}`, context);
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await pBrowser?.close();
});

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function openErrorState(page: Page, path: string) {
  // A tampered submission, made by a real form POST (with the browser's own Origin header).
  await page.goto(`${base}${path}`);
  await page.evaluate(() => {
    const radio = document.querySelector<HTMLInputElement>('#textSize-larger')!;
    radio.value = 'giant';
    radio.checked = true;
  });
  const [res] = await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  expect(res?.status()).toBe(400);
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('axe-core %s', (_label, js) => {
  describe.each(CONTRASTS)('%s contrast', (contrast) => {
    it('finds no violations on any page or state', async () => {
      const page = await contexts.get(`${js}-${contrast}`)!.newPage();
      const failures: string[] = [];
      // A CSP violation or script error is a broken page even when axe finds nothing.
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        // Chromium logs the intended 400/404 of the page itself (invalid filter, error states,
        // not-found pages); a failed stylesheet, script or image still counts.
        if (m.location().url === page.url() && /status of 40[04]/.test(m.text())) return;
        // Without JavaScript, the portal's scripts are blocked on purpose.
        if (!js && m.location().url.includes('/_astro/')) return;
        failures.push(`${page.url()}\n    console: ${m.text()}`);
      });
      for (const url of urls) {
        // Module scripts (the islands) run before `load`, so the enhanced page is there to scan.
        await page.goto(url, { waitUntil: 'load' });
        for (const v of await axe(page)) failures.push(`${url}\n    ${v}`);
      }
      for (const path of ERROR_STATES) {
        await openErrorState(page, path);
        for (const v of await axe(page)) failures.push(`POST ${path} (error state)\n    ${v}`);
      }
      await page.close();
      expect(failures).toEqual([]);
    }, 300_000);
  });
});

describe.each(CONTRASTS)('pa11y (HTML_CodeSniffer, WCAG2AA) in %s contrast', (contrast) => {
  it('finds no errors on any page or state', async () => {
    const failures: string[] = [];
    for (const url of urls) {
      const result = await pa11y(url, {
        browser: pBrowser,
        runners: ['htmlcs'],
        standard: 'WCAG2AA',
        timeout: 30_000,
        headers: contrast === 'high' ? { Cookie: 'tx-display=contrast=high' } : {},
      });
      for (const issue of result.issues.filter((i) => i.type === 'error')) failures.push(`${url}\n    ${issue.code}: ${issue.message} (${issue.selector})`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('reflow', () => {
  it('fits every page into 320 CSS px without sideways scrolling (WCAG 1.4.10, 400% zoom)', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    await context.addCookies([displayCookie(base, 'textSize=larger&lineSpacing=wide')]);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const url of urls) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) failures.push(`${url}: ${overflow}px too wide`);
    }
    await context.close();
    expect(failures).toEqual([]);
  }, 300_000);
});
