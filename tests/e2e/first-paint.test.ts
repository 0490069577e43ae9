/**
 * What a page fetches before the person can read it (issue 14 point 9), in Chromium: the page
 * itself and nothing that holds its first paint. The per-visitor stylesheet only for a visitor
 * with settings, and then before the first paint (their text size from the start, no jump);
 * the islands' scripts (read aloud, display settings) only after the first paint; no video
 * bytes before the person presses play, and never the video or its poster as the page's
 * largest paint.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { displayCookie, launch } from '../browser';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

interface Loaded {
  /** Each request: its path and when it started, in ms from navigation start. */
  requests: { path: string; at: number }[];
  fcp: number;
  lcpTag: string;
  fontSize: string;
}

async function load(path: string, cookie?: string): Promise<Loaded> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  if (cookie) await context.addCookies([displayCookie(base, cookie)]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: string[] };
    w.__lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element })[]) w.__lcp.push(e.element?.tagName ?? '');
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  // Long enough for the islands' "after the first paint, when idle" (at most 2 s).
  await page.waitForTimeout(2500);
  const result = await page.evaluate(() => ({
    requests: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, at: e.startTime })),
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcpTag: (window as unknown as { __lcp: string[] }).__lcp.at(-1) ?? '',
    fontSize: getComputedStyle(document.documentElement).fontSize,
  }));
  await context.close();
  return result;
}

describe('before the first paint', () => {
  it.each(['/services/living-subsidy/', '/en/services/living-subsidy/easy-read/', '/policies/guofa-2015-52/', '/en/settings/', '/regions/jilin-city/'])(
    '%s fetches nothing but the page; its islands come after the first paint',
    async (path) => {
      const { requests, fcp } = await load(path);
      expect(Number.isFinite(fcp)).toBe(true);
      expect(requests.filter((r) => r.path === '/display.css')).toEqual([]);
      const scripts = requests.filter((r) => r.path.endsWith('.js'));
      for (const s of scripts) expect(s.at, s.path).toBeGreaterThan(fcp);
      if (!path.includes('regions')) expect(scripts.length, 'the island arrives').toBeGreaterThan(0);
    },
  );

  it('a visitor with a text size gets it from the first paint: /display.css is fetched before it', async () => {
    const { requests, fcp, fontSize } = await load('/services/living-subsidy/', 'textSize=larger');
    const css = requests.find((r) => r.path === '/display.css');
    expect(css).toBeDefined();
    expect(css!.at).toBeLessThan(fcp);
    expect(parseFloat(fontSize)).toBeGreaterThan(18 * 1.2);
  });
});

describe('a page visited again', () => {
  it('keeps its styles and its policy when the browser revalidates its copy (304)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/privacy/') statuses.push(r.status());
    });
    await page.goto(`${base}/privacy/`);
    const styled = () => page.evaluate(() => getComputedStyle(document.querySelector('.wrap')!).maxInlineSize);
    const first = await styled();
    expect(first).not.toBe('none');
    await page.reload();
    await page.goto(`${base}/privacy/`);
    expect(await styled()).toBe(first);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the sign-language player', () => {
  it('loads no video bytes before play, and neither the video nor its poster is the largest paint', async () => {
    const { requests, lcpTag } = await load('/accessibility/');
    expect(requests.filter((r) => /\.(mp4|webm)$/.test(r.path))).toEqual([]);
    expect(['VIDEO', 'IMG']).not.toContain(lcpTag);
    expect(lcpTag).not.toBe('');
  });
});
