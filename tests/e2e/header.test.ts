/**
 * The header leaves the page its first screen (issue 14, point 1): at 390×844, in both languages,
 * at the default and the largest text size (with high contrast), the page's <h1> starts on the
 * first screen, and at default text the header takes at most a quarter of it. On a phone the
 * sections, search and region wait behind a "menu" disclosure that works without JavaScript; on a
 * wide screen they are always shown, with no menu button, in the same keyboard order.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launch } from '../browser';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const PHONE = { width: 390, height: 844 };
const PAGES = ['/', '/services/living-subsidy/', '/services/living-subsidy/easy-read/', '/policies/guofa-2015-52/', '/check/', '/search?q=%E8%BD%AE%E6%A4%85'];
const LARGEST = 'textSize=larger&contrast=high';

async function phone(js: boolean, display?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: js });
  if (display) await context.addCookies([{ name: 'tx-display', value: display, url: base }]);
  return context;
}

describe('the header on a 390×844 phone', () => {
  describe.each([
    ['default text', undefined],
    ['the largest text with high contrast', LARGEST],
  ] as const)('%s', (_name, display) => {
    it.each(['', '/en'])('puts every page type’s <h1> on the first screen (%s)', async (lang) => {
      const context = await phone(false, display);
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(`${base}${lang}${path}`);
        const { header, h1 } = await page.evaluate(() => ({
          header: document.querySelector('header')!.getBoundingClientRect().height,
          h1: document.querySelector('h1')!.getBoundingClientRect().top + scrollY,
        }));
        expect(h1, `${lang}${path}`).toBeLessThan(PHONE.height);
        if (!display) expect(header, `${lang}${path}`).toBeLessThanOrEqual(PHONE.height / 4);
      }
      await context.close();
    });
  });

  it('opens the menu by keyboard without JavaScript, and reaches the sections, search and region', async () => {
    const context = await phone(false);
    const page = await context.newPage();
    await page.goto(`${base}/services/`);
    expect(await page.isVisible('nav[aria-label] a[href="/regions/"]')).toBe(false);
    // Skip link, help line, language, site name, then the menu button: 5 stops, not 13.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.matches('.menu > summary'))).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.querySelector('.menu') as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/services/');
    expect(await page.isVisible('#site-search-q')).toBe(true);
    expect(await page.isVisible('#region-choice')).toBe(true);
    await context.close();
  });

  // The open menu is a state of its own, which the sitemap crawl (menu closed) never sees.
  it.each([
    ['zh-CN, default text', '', undefined],
    ['en, largest text with high contrast', '/en', LARGEST],
  ] as const)('passes axe with the menu open (%s)', async (_name, lang, display) => {
    // axe runs in the page, so scripts stay on; the menu itself needs none.
    const context = await phone(true, display);
    const page = await context.newPage();
    await page.goto(`${base}${lang}/services/living-subsidy/`);
    await page.click('.menu > summary');
    expect(await page.evaluate(() => (document.querySelector('.menu') as HTMLDetailsElement).open)).toBe(true);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
});

describe('the header on a 1280×900 screen', () => {
  it('shows the sections, search and region with no menu button, in the same order', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/en/services/`);
    expect(await page.isVisible('.menu > summary')).toBe(false);
    for (const selector of ['nav[aria-label] a[href="/en/regions/"]', '#site-search-q', '#region-choice']) expect(await page.isVisible(selector), selector).toBe(true);
    const order: string[] = [];
    for (let i = 0; i < 13; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('href') || document.activeElement!.tagName));
    }
    expect(order.slice(4)).toEqual(['/en/services/', '/en/regions/', '/en/policies/', '/en/news/', '/en/settings/', 'site-search-q', 'BUTTON', 'region-choice', 'BUTTON']);
    expect(await page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().height)).toBeLessThan(314);
    await context.close();
  });

  it('names each search landmark', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/search?q=bus`);
    const names = await page.$$eval('[role="search"]', (forms) => forms.map((f) => f.getAttribute('aria-label')));
    expect(names.length).toBe(2);
    for (const n of names) expect(n).toMatch(/\S/);
    expect(new Set(names).size).toBe(2);
    await context.close();
  });
});

describe('the region chosen in the header', () => {
  it.each(['', '/en'])('is kept and shown on the next pages, static ones too, without JavaScript (%s)', async (lang) => {
    const context = await phone(false);
    const page = await context.newPage();
    await page.goto(`${base}${lang}/services/living-subsidy/`);
    // Not chosen yet: no line says a region is chosen.
    expect(await page.locator('p.kept-region:visible').count()).toBe(0);
    await page.click('.menu > summary');
    await page.selectOption('#region-choice', 'jilin-city');
    await Promise.all([page.waitForURL(/\/services\/\?region=jilin-city/), page.click('form.region button')]);
    // The catalogue shows that region's services...
    expect(await page.inputValue('#filter-region')).toBe('jilin-city');
    // ...and a static page, opened later, shows the choice in the header.
    await page.goto(`${base}${lang}/policies/guofa-2015-52/`);
    await page.click('.menu > summary');
    const shown = page.locator('p.kept-region:visible');
    expect(await shown.count()).toBe(1);
    expect(await shown.textContent()).toMatch(lang ? /Chosen now: Jilin City/ : /现在选的地区：吉林市/);
    // The catalogue opens on it, says so, and "every region" forgets it.
    await page.goto(`${base}${lang}/services/`);
    expect(await page.inputValue('#filter-region')).toBe('jilin-city');
    await Promise.all([page.waitForURL(/\?region=$/), page.click(`a[href="${lang}/services/?region="]`)]);
    expect(await page.inputValue('#filter-region')).toBe('');
    await page.goto(`${base}${lang}/services/`);
    expect(await page.inputValue('#filter-region')).toBe('');
    expect(await page.locator('p.kept-region:visible').count()).toBe(0);
    await context.close();
  });
});
