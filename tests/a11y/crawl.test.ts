/**
 * Accessibility of every page in the sitemap and every state (filters, empty, invalid,
 * saved, error, 404, 500), in both languages: axe-core (WCAG 2.0/2.1/2.2 A and AA) with and
 * without JavaScript, in standard and high contrast and the system dark scheme, and pa11y's
 * HTML_CodeSniffer in both contrasts. Zero violations allowed, and no console errors (a CSP
 * violation is a broken page even when axe is content). Also: content reflows at 320 CSS px
 * (400% zoom of a 1280 px window) with no sideways scrolling. The list comes from the sitemap,
 * so new pages are scanned with no new test code, one test per page and mode. axe with
 * JavaScript in standard contrast, pa11y in standard contrast and the reflow check take every
 * page; the other modes take a sample of the pages that share a template (`sampled`), and every
 * state and every self-check step.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import pa11y from 'pa11y';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launch, displayCookie } from '../browser';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import { walk } from '../check-visitor';
import { portalStates } from '../states';

const base = inject('baseUrl');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const { STATES, ERROR_STATES, PATHS, CHECK_JOURNEYS, CHECK_STATES, CHECK_ERRORS, REFUSALS, APPLY_STATES, APPLY_POSTS, STAFF_STATES, STAFF_POSTS } = await portalStates(base, inject('txSecret'), inject('databaseUrl'));
/** A Cookie header (`a=1; b=2`) as the browser's cookies for the portal. */
const cookiesOf = (header: string | undefined) =>
  (header ?? '').split('; ').filter(Boolean).map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: base }));
/** Sets the application and staff cookies of a state, and only those. */
async function applyCookies(page: Page, header: string | undefined) {
  const context = page.context();
  for (const name of ['tx-apply', 'tx-applied', 'tx-staff']) await context.clearCookies({ name });
  const cookies = cookiesOf(header);
  if (cookies.length) await context.addCookies(cookies);
}
/** Opens an application page by filling in its form and pressing a button, as a person would. */
async function openByPost(page: Page, post: (typeof APPLY_POSTS)[number] | (typeof STAFF_POSTS)[number]) {
  await applyCookies(page, post.cookie);
  await page.goto(`${base}${post.path}`);
  // A page reached by a first form: filled in and sent before the one scanned.
  if ('first' in post && post.first) {
    for (const [selector, value] of Object.entries(post.first.fill)) await page.fill(selector, value);
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click(post.first.press)]);
  }
  for (const [selector, value] of Object.entries(post.fill)) {
    if (value === true) await page.check(selector);
    else await page.fill(selector, value);
  }
  // The form's own POST (not the island's autosave), or, with JavaScript, the island's error
  // summary (it has no autofocus: the server's has) when the island finds the problems first.
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && !(r.request().postData() ?? '').includes('action=autosave'), { timeout: 20_000 }).catch(() => undefined);
  const caught = page.waitForSelector('.error-summary:not([autofocus])', { timeout: 20_000 }).then(() => 'island' as const, () => undefined);
  await page.click(post.press);
  const res = await Promise.race([posted, caught]);
  if (res === 'island') expect(post.status).toBe(400);
  else {
    expect(res?.status()).toBe(post.status);
    await page.waitForLoadState('load');
  }
}
const checkCookie = (value: string) => ({ name: 'tx-check', value, url: base });
const urlOf = (key: string) => `${base}${key.replace(/#\w+$/, '')}`;

interface Mode {
  name: string;
  /** Run the portal's own scripts (islands). */
  js: boolean;
  cookie?: string;
  context?: BrowserContextOptions;
}
const AXE_MODES: Mode[] = [
  { name: 'with JavaScript, standard contrast', js: true },
  { name: 'with JavaScript, high contrast', js: true, cookie: 'contrast=high' },
  { name: 'without JavaScript, standard contrast', js: false },
  { name: 'without JavaScript, high contrast', js: false, cookie: 'contrast=high' },
  { name: 'with JavaScript, system dark scheme', js: true, context: { colorScheme: 'dark' } },
];

let browser: Browser;
let pBrowser: PuppeteerBrowser;
/** Per mode: its page, the console errors seen, and the address being scanned now. */
const pages = new Map<string, { page: Page; errors: string[]; current: string }>();

beforeAll(async () => {
  browser = await launch();
  pBrowser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  for (const mode of AXE_MODES) {
    const context = await browser.newContext(mode.context);
    // axe itself runs as script in the page, so "without JavaScript" blocks the portal's own
    // scripts (all under /_astro/) instead: the page is exactly what a no-JS browser renders.
    if (!mode.js) await context.route('**/_astro/**/*.js', (route) => route.abort());
    if (mode.cookie) await context.addCookies([displayCookie(base, mode.cookie)]);
    const page = await context.newPage();
    const state = { page, errors: [] as string[], current: '' };
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // Chromium logs the intended 400/404/500 of the page itself; a failed stylesheet,
      // script or image still counts. (page.url() can lag behind the navigation here.)
      if (m.location().url === state.current && /status of (400|404|500)/.test(m.text())) return;
      if (!mode.js && m.location().url.includes('/_astro/')) return;
      state.errors.push(`console: ${m.text()} (${m.location().url})`);
    });
    pages.set(mode.name, state);
  }
});

afterAll(async () => {
  await browser?.close();
  await pBrowser?.close();
});

/**
 * Pages built from one template that differ only in their content (/services/<slug>/ and its
 * easy-read version, /policies/<slug>/, /news/<slug>/, /regions/<id>/). axe with JavaScript in
 * standard contrast, and pa11y in standard contrast, scan every page; the slower modes scan
 * SAMPLE pages of each template in each language, and every page that is no template's.
 */
const SAMPLE = 3;
const templateOf = (path: string) => path.replace(/^((?:\/en)?\/(?:services|policies|news|regions)\/)[^/?]+\//, '$1*/');
function sampled(paths: string[]): string[] {
  const seen = new Map<string, number>();
  return paths.filter((path) => {
    const template = templateOf(path);
    if (template === path) return true;
    const n = seen.get(template) ?? 0;
    seen.set(template, n + 1);
    return n < SAMPLE;
  });
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The staff pages the slower modes scan: every state in Chinese (the English ones are the same templates). */
const sampledStaff = (keys: string[]) => keys.filter((k) => !k.startsWith('/en/'));
/** The fewest: the sign-in, the set-up's first step and the queue, in Chinese (pa11y in high contrast). */
const fewestStaff = (keys: string[]) => keys.filter((k) => ['/staff/sign-in/', '/staff/set-up/', '/staff/'].includes(k));

/**
 * The application pages the slower modes scan: every page of the two subsidies' journey in
 * Chinese (each template once: the other forms' pages are the same templates with other
 * questions), its details, check and confirmation pages in English, and the saved-application
 * and tracking pages in both languages.
 */
function sampledApply(keys: string[]): string[] {
  return keys.filter((k) => /^\/apply\/two-subsidies\//.test(k) || /^\/en\/apply\/two-subsidies\/(person|check|done)$/.test(k) || /\/apply\/resume\/$|\/track\/$/.test(k));
}
/** The fewest: one page of each kind, in Chinese (pa11y in high contrast). */
const fewestApply = (keys: string[]) => keys.filter((k) => /^\/apply\/two-subsidies\/(person|documents|check|consent|done)$/.test(k));

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

describe.each(AXE_MODES.map((m, i) => [m.name, i] as const))('axe-core %s', (modeName, i) => {
  it.each(i === 0 ? PATHS : sampled(PATHS))('%s', async (path) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = `${base}${path}`;
    await page.goto(state.current, { waitUntil: 'load' });
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  it.each([...CHECK_STATES.keys()])('self-check %s', async (key) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = urlOf(key);
    const cookie = CHECK_STATES.get(key);
    const context = page.context();
    await context.clearCookies({ name: 'tx-check' });
    if (cookie) await context.addCookies([checkCookie(cookie)]);
    const res = await page.goto(state.current, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  it.each(CHECK_ERRORS)('self-check $path after a bad answer', async ({ path, fill }) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    const context = page.context();
    await context.clearCookies({ name: 'tx-check' });
    // Reach the step with the answers before it (the first journey, or one without a certificate).
    const journey = path.endsWith('birthDate') ? CHECK_JOURNEYS('zh')[1]! : CHECK_JOURNEYS('zh')[0]!;
    const steps = await walk(base, path.startsWith('/en') ? '/en' : '', journey);
    const cookie = steps.find((s) => s.path === path)?.cookie;
    if (cookie) await context.addCookies([checkCookie(cookie)]);
    state.current = `${base}${path}`;
    await page.goto(state.current);
    for (const [selector, value] of Object.entries(fill)) await page.fill(selector, value);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[value="continue"]')]);
    expect(res.status()).toBe(400);
    await page.waitForSelector('.error-summary');
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  it.each(i === 0 ? [...APPLY_STATES.keys()] : sampledApply([...APPLY_STATES.keys()]))('applying online: %s', async (key) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = `${base}${key}`;
    await applyCookies(page, APPLY_STATES.get(key));
    const res = await page.goto(state.current, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  // The pages reached by posting a form: with and without JavaScript, in standard contrast.
  if (i === 0 || i === 2)
    it.each(APPLY_POSTS.map((p) => [`${p.path}: ${p.name}`, p] as const))('applying online: %s', async (_name, post) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = `${base}${post.path}`;
    await openByPost(page, post);
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  it.each(i === 0 ? [...STAFF_STATES.keys()] : sampledStaff([...STAFF_STATES.keys()]))('staff: %s', async (key) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = urlOf(key);
    const { cookie, status } = STAFF_STATES.get(key)!;
    await applyCookies(page, cookie);
    const res = await page.goto(state.current, { waitUntil: 'load' });
    expect(res?.status()).toBe(status);
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  if (i === 0 || i === 2)
    it.each(STAFF_POSTS.map((p) => [`${p.path}: ${p.name}`, p] as const))('staff: %s', async (_name, post) => {
      const state = pages.get(modeName)!;
      const { page, errors } = state;
      errors.length = 0;
      state.current = `${base}${post.path}`;
      await openByPost(page, post);
      expect([...(await axe(page)), ...errors]).toEqual([]);
    });

  it.each(REFUSALS)('the server’s own %s page', async (_name, html) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    await page.goto(`${base}/`);
    await page.setContent(html, { waitUntil: 'load' });
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });

  it.each(ERROR_STATES)('%s after an invalid submission', async (path) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    state.current = `${base}${path}`;
    await openErrorState(page, path);
    expect([...(await axe(page)), ...errors]).toEqual([]);
  });
});

describe.each([['standard'], ['high']])('pa11y (HTML_CodeSniffer, WCAG2AA), %s contrast', (contrast) => {
  it.each(contrast === 'standard' ? PATHS : sampled(PATHS))('%s', async (path) => {
    const result = await pa11y(`${base}${path}`, {
      browser: pBrowser,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      timeout: 30_000,
      headers: contrast === 'high' ? { Cookie: 'tx-display=contrast=high' } : {},
    });
    expect(result.issues.filter((i) => i.type === 'error').map((i) => `${i.code}: ${i.message} (${i.selector})`)).toEqual([]);
  });
});

describe.each([['standard'], ['high']])('pa11y (HTML_CodeSniffer, WCAG2AA), self-check, %s contrast', (contrast) => {
  it.each([...CHECK_STATES.keys()])('%s', async (key) => {
    const cookie = CHECK_STATES.get(key);
    const cookies = [...(contrast === 'high' ? ['tx-display=contrast=high'] : []), ...(cookie ? [`tx-check=${cookie}`] : [])];
    const result = await pa11y(urlOf(key), {
      browser: pBrowser,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      timeout: 30_000,
      headers: cookies.length ? { Cookie: cookies.join('; ') } : {},
    });
    expect(result.issues.filter((i) => i.type === 'error').map((i) => `${i.code}: ${i.message} (${i.selector})`)).toEqual([]);
  });
});

describe.each([['standard'], ['high']])('pa11y (HTML_CodeSniffer, WCAG2AA), applying online, %s contrast', (contrast) => {
  it.each(contrast === 'standard' ? sampledApply([...APPLY_STATES.keys()]) : fewestApply([...APPLY_STATES.keys()]))('%s', async (key) => {
    const cookies = [...(contrast === 'high' ? ['tx-display=contrast=high'] : []), ...(APPLY_STATES.get(key) ? [APPLY_STATES.get(key)!] : [])];
    const result = await pa11y(`${base}${key}`, {
      browser: pBrowser,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      timeout: 30_000,
      headers: cookies.length ? { Cookie: cookies.join('; ') } : {},
    });
    expect(result.issues.filter((i) => i.type === 'error').map((i) => `${i.code}: ${i.message} (${i.selector})`)).toEqual([]);
  });
});

describe.each([['standard'], ['high']])('pa11y (HTML_CodeSniffer, WCAG2AA), staff pages, %s contrast', (contrast) => {
  it.each(contrast === 'standard' ? [...STAFF_STATES.keys()] : fewestStaff([...STAFF_STATES.keys()]))('%s', async (key) => {
    const { cookie } = STAFF_STATES.get(key)!;
    const cookies = [...(contrast === 'high' ? ['tx-display=contrast=high'] : []), ...(cookie ? [cookie] : [])];
    const result = await pa11y(urlOf(key), {
      browser: pBrowser,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      timeout: 30_000,
      headers: cookies.length ? { Cookie: cookies.join('; ') } : {},
    });
    expect(result.issues.filter((i) => i.type === 'error').map((i) => `${i.code}: ${i.message} (${i.selector})`)).toEqual([]);
  });
});

describe('reflow at 320 CSS px, largest text, wide spacing (WCAG 1.4.10, 400% zoom)', () => {
  let page: Page;
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    await context.addCookies([displayCookie(base, 'textSize=larger&lineSpacing=wide')]);
    page = await context.newPage();
  });

  it.each(PATHS)('%s needs no sideways scrolling', async (path) => {
    await page.goto(`${base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it.each(sampledApply([...APPLY_STATES.keys()]))('applying online: %s needs no sideways scrolling', async (key) => {
    await applyCookies(page, APPLY_STATES.get(key));
    await page.goto(`${base}${key}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it.each(APPLY_POSTS.map((p) => [`${p.path}: ${p.name}`, p] as const))('applying online: %s needs no sideways scrolling', async (_name, post) => {
    await openByPost(page, post);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it.each([...STAFF_STATES.keys()])('staff: %s needs no sideways scrolling', async (key) => {
    await applyCookies(page, STAFF_STATES.get(key)!.cookie);
    await page.goto(urlOf(key));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it.each(STAFF_POSTS.map((p) => [`${p.path}: ${p.name}`, p] as const))('staff: %s needs no sideways scrolling', async (_name, post) => {
    await openByPost(page, post);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it.each([...CHECK_STATES.keys()])('self-check %s needs no sideways scrolling', async (key) => {
    const cookie = CHECK_STATES.get(key);
    await page.context().clearCookies({ name: 'tx-check' });
    if (cookie) await page.context().addCookies([checkCookie(cookie)]);
    await page.goto(urlOf(key));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});
