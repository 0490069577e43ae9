/**
 * Keyboard-only journeys in Chromium: the skip link, the language switch, the settings form
 * (without JavaScript: submit and see it applied on the next page; with JavaScript: applied at
 * once, announced) and the sign-language video's controls.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, tabTo } from '../browser';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function newPage(js: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  return context.newPage();
}


const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), id: el?.id, text: el?.textContent?.trim(), href: el?.getAttribute('href') };
  });

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('keyboard %s', (_label, js) => {
  it('reaches the skip link first, sees it, and jumps to the main content', async () => {
    const page = await newPage(js);
    await page.goto(`${base}/services/living-subsidy/`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', href: '#main', text: '跳到正文' });
    const box = await page.locator('.skip-link').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement));
    expect(next).toBe(true);
    await page.context().close();
  });

  it('switches language to the same page', async () => {
    const page = await newPage(js);
    await page.goto(`${base}/services/nursing-subsidy/`);
    await tabTo(page, '.lang-switch');
    await Promise.all([page.waitForURL(`${base}/en/services/nursing-subsidy/`), page.keyboard.press('Enter')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await tabTo(page, '.lang-switch');
    await Promise.all([page.waitForURL(`${base}/services/nursing-subsidy/`), page.keyboard.press('Enter')]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.context().close();
  });

  it('plays the sign-language video with keyboard-reachable controls', async () => {
    const page = await newPage(js);
    await page.goto(`${base}/accessibility/`);
    await tabTo(page, 'video');
    if (js) {
      await page.waitForSelector('.speed input');
      await tabTo(page, '.speed input');
      // Radio groups move with the arrow keys; 1× is chosen at first, ArrowLeft goes to 0.75×.
      await page.keyboard.press('ArrowLeft');
      expect(await page.evaluate(() => document.querySelector('video')!.playbackRate)).toBe(0.75);
      await page.keyboard.press('ArrowLeft');
      expect(await page.evaluate(() => document.querySelector('video')!.playbackRate)).toBe(0.5);
    } else {
      expect(await page.locator('.speed').count()).toBe(0);
      expect(await page.getAttribute('video', 'controls')).not.toBeNull();
    }
    await tabTo(page, 'a[download]');
    await page.context().close();
  });
});

describe('display settings by keyboard', () => {
  it('without JavaScript: choose, submit, and every page after uses it', async () => {
    const page = await newPage(false);
    await page.goto(`${base}/settings/`);
    await tabTo(page, '#textSize-standard');
    await page.keyboard.press('ArrowDown'); // → 大 (large)
    await tabTo(page, '#contrast-system');
    await page.keyboard.press('ArrowDown'); // → 标准
    await page.keyboard.press('ArrowDown'); // → 高对比度
    await tabTo(page, 'button[value="save"]');
    await Promise.all([page.waitForURL(`${base}/settings/?saved=1`), page.keyboard.press('Enter')]);
    expect(await page.locator('.notice[role="status"]').textContent()).toContain('已保存');
    await page.goto(`${base}/policies/guofa-2015-52/`);
    const style = await page.evaluate(() => ({
      size: getComputedStyle(document.documentElement).fontSize,
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    expect(style).toEqual({ size: '22.5px', bg: 'rgb(0, 0, 0)' });
    await page.context().close();
  });

  it('with JavaScript: a change applies at once, without leaving the page, and is announced', async () => {
    const page = await newPage(true);
    await page.goto(`${base}/en/settings/`);
    await page.waitForFunction(() => customElements.get('tx-display-settings') !== undefined);
    await tabTo(page, '#contrast-system');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // → high contrast
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)');
    expect(page.url()).toBe(`${base}/en/settings/`);
    expect(await page.locator('[data-status]').textContent()).toBe('Your display settings have been saved.');
    // The cookie was saved too: a fresh page load keeps it.
    await page.goto(`${base}/en/`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.context().close();
  });

  it('with JavaScript: quick changes are saved in order, so the last choice is the one kept', async () => {
    const page = await newPage(true);
    await page.goto(`${base}/en/settings/`);
    await page.waitForFunction(() => customElements.get('tx-display-settings') !== undefined);
    // Hold the first save back, as a slow network or a busy worker would.
    let posts = 0;
    let answered = 0;
    page.on('requestfinished', (request) => {
      if (request.method() === 'POST') answered += 1;
    });
    await page.route(`${base}/en/settings/`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 1) await new Promise((resolve) => setTimeout(resolve, 600));
      return route.continue();
    });
    await tabTo(page, '#contrast-system');
    await page.keyboard.press('ArrowDown'); // → standard (its save is held back)
    await page.keyboard.press('ArrowDown'); // → high contrast
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)');
    await expect.poll(() => answered, { timeout: 5000 }).toBe(2);
    expect(posts).toBe(2);
    await page.goto(`${base}/en/`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.context().close();
  });

  it('honours the system preferences when nothing is chosen', async () => {
    const context = await browser.newContext({ forcedColors: 'none', contrast: 'more', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await context.close();
    const dark = await browser.newContext({ colorScheme: 'dark' });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${base}/`);
    expect(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 19, 20)');
    await dark.close();
  });
});
