/**
 * Accessibility of every page in the sitemap and every state (filters, empty, invalid,
 * saved, error, 404, 500), in both languages: axe-core (WCAG 2.0/2.1/2.2 A and AA) with and
 * without JavaScript, in standard and high contrast and the system dark scheme, and pa11y's
 * HTML_CodeSniffer in both contrasts. Zero violations allowed, and no console errors (a CSP
 * violation is a broken page even when axe is content). Also: content reflows at 320 CSS px
 * (400% zoom of a 1280 px window) with no sideways scrolling. The list comes from the sitemap,
 * so new pages are scanned with no new test code, one test per page and mode.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import pa11y from 'pa11y';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launch, displayCookie } from '../browser';
import { sitemapUrls } from '../sitemap';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import { expiredCookie, idNumber, walk } from '../check-visitor';
import { sendRaw } from '../robustness/raw-requests';
import { refusal } from '../../src/server/http/refusals';
import { limits } from '../../src/server/http/limits';

const base = inject('baseUrl');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Pages that are states rather than sitemap entries. */
const STATES = [
  '/services/?category=living',
  '/en/services/?region=jilin-city',
  '/services/?category=education&region=changsha-yuhua',
  '/en/services/?category=no-such-category',
  '/search?q=%E5%AD%A9%E5%AD%90+%E5%BA%B7%E5%A4%8D', // 孩子 康复: results, words marked
  '/en/search?q=bus',
  '/search?q=zzzz', // no results: categories and 12385
  `/en/search?q=${'a'.repeat(101)}`, // too long: error summary
  '/settings/?saved=1',
  '/en/settings/?reset=1',
  '/no-such-page/',
  '/en/no-such-page/',
  '/500',
];
/** The settings form after a tampered submission: its error state, reached by a real POST. */
const ERROR_STATES = ['/settings/', '/en/settings/'];

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const PATHS = [...(await sitemapUrls(base)).map(pathOf), ...STATES];

/**
 * Every self-check step, reached by answering over HTTP; the browser then carries that
 * answers cookie. Three journeys per language: an adult whose certificate number is read
 * (18 characters in English, so the confirmation shows its warning), a young child without a
 * certificate, and an adult who skips the number.
 */
type Answers = Record<string, Record<string, string>>;
const CHECK_JOURNEYS = (lang: 'zh' | 'en'): Answers[] => [
  { region: { region: 'jilin-city' }, hasCertificate: { answer: 'yes' }, certificateNumber: { certificateNumber: lang === 'zh' ? `${idNumber('19800307')}52` : idNumber('19800307') }, confirm: { answer: 'yes' }, household: { answer: 'dibao' }, needsLongTermCare: { answer: 'yes' } },
  { region: { region: 'changsha-yuhua' }, hasCertificate: { answer: 'no' }, birthDate: { year: '2021', month: '5', day: '1' }, category: { answer: 'multiple' }, isAutistic: { answer: 'yes' } },
  { region: { region: 'jilin-city' }, hasCertificate: { answer: 'yes' }, certificateNumber: { action: 'skip' }, birthDate: { year: '1970', month: '12', day: '31' }, household: { answer: 'low-income' }, level: { answer: '3' }, category: { answer: 'psychosocial' } },
];
const CHECK_STATES = new Map<string, string | undefined>();
for (const prefix of ['', '/en'] as const) {
  for (const answers of CHECK_JOURNEYS(prefix ? 'en' : 'zh')) {
    for (const { path, cookie } of await walk(base, prefix, answers)) {
      // One scan per step, but each journey's results (they differ).
      const key = path.endsWith('/results') ? `${path}#${CHECK_STATES.size}` : path;
      if (!CHECK_STATES.has(key)) CHECK_STATES.set(key, cookie);
    }
  }
  CHECK_STATES.set(`${prefix}/check/?cleared=1`, undefined);
  // The start page telling why the answers are gone: expired, or sent back altered.
  CHECK_STATES.set(`${prefix}/check/#expired`, await expiredCookie(inject('txSecret')));
  CHECK_STATES.set(`${prefix}/check/#unreadable`, 'AAAA');
}
/** The self-check's error states: a step's form sent with a bad answer, by the browser. */
const CHECK_ERRORS = ['', '/en'].flatMap((prefix): { path: string; fill: Record<string, string> }[] => [
  { path: `${prefix}/check/region`, fill: {} },
  // Continue with no box ticked: the many-of question's "required" error, next to checkboxes.
  { path: `${prefix}/check/alreadyReceives`, fill: {} },
  { path: `${prefix}/check/certificateNumber`, fill: { '#certificateNumber': '12345' } },
  { path: `${prefix}/check/birthDate`, fill: { '#date-year': '2999', '#date-month': '2', '#date-day': '30' } },
]);
/**
 * The pages the production server writes itself (src/server/http/refusals.ts), as it sends
 * them: 400 for an unreadable address, 405 for a method the page does not take, 413 for a form
 * too large; and the 500 it sends when the adapter throws (which no request should provoke).
 */
const { hostname, port } = new URL(base);
const rawHtml = async (bytes: string) => (await sendRaw(hostname, Number(port), bytes)).raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
const REFUSALS: [string, string][] = [];
for (const prefix of ['', '/en']) {
  REFUSALS.push([`400 ${prefix}/`, await rawHtml(`GET ${prefix}/%zz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)]);
  REFUSALS.push([`405 ${prefix}/settings/`, await rawHtml(`DELETE ${prefix}/settings/ HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)]);
  const big = `textSize=${'a'.repeat(limits.formBodyBytes)}`;
  REFUSALS.push([`413 ${prefix}/settings/`, await (await fetch(`${base}${prefix}/settings/`, { method: 'POST', body: big, headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' } })).text()]);
  REFUSALS.push([`500 ${prefix}/`, refusal('serverError', `${prefix}/`).body]);
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

describe.each(AXE_MODES.map((m) => [m.name]))('axe-core %s', (modeName) => {
  it.each(PATHS)('%s', async (path) => {
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

  it.each(REFUSALS)('the server’s own %s page', async (_name, html) => {
    const state = pages.get(modeName)!;
    const { page, errors } = state;
    errors.length = 0;
    expect(html).toMatch(/^<!doctype html>/);
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
  it.each(PATHS)('%s', async (path) => {
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

  it.each([...CHECK_STATES.keys()])('self-check %s needs no sideways scrolling', async (key) => {
    const cookie = CHECK_STATES.get(key);
    await page.context().clearCookies({ name: 'tx-check' });
    if (cookie) await page.context().addCookies([checkCookie(cookie)]);
    await page.goto(urlOf(key));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});
