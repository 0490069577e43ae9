/**
 * The states where a form is sent back without being kept, which the crawl's portal never shows
 * (it sets no limits): an application refused for too many from one connection (429), a report
 * refused for the same (429), a report sent at once, as a script would (send it again), and a
 * report whose page was open for more than a week. On a portal of this file's own with a limit of
 * one an hour, each reached as a person reaches it, by filling in the form and pressing its
 * button, in both languages; then scanned like every other state: axe-core with and without
 * JavaScript in standard and high contrast (no console errors), pa11y, and html-validate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import pa11y from 'pa11y';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch, displayCookie } from '../browser';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import { ownPortal, type OwnPortal } from '../own-portal';
import { applyJourneys, applyWalk } from '../apply-visitor';
import { exampleApplication, idFor } from '../people';
import { formStamp } from '../../src/server/feedback/feedback';
import { secretKey } from '../../src/server/http/secret-key';
import { htmlProblems } from '../html-validate';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DAY = 24 * 60 * 60_000;

/** A state: where, the form's fields as the person leaves them, and the answer's status. */
interface Refusal {
  name: string;
  path: string;
  /** The stamp the report form carries when sent, drawn this long before now (negative: after). */
  stampAge?: number;
  fields: Record<string, string>;
  status: number;
  /** What the page says, in part. */
  says: RegExp;
}

let own: OwnPortal;
let key: Buffer;
/** The draft cookie of an application walked to its last page, per language prefix. */
const drafts = new Map<string, string>();
let browser: Browser;
let pBrowser: PuppeteerBrowser;

beforeAll(async () => {
  own = await ownPortal({ SUBMIT_LIMIT_PER_HOUR: '1', FEEDBACK_LIMIT_PER_HOUR: '1', NOTIFY_SENDER: 'off' });
  key = secretKey({ TX_SECRET: own.secret });
  // This hour's one application and one report from this connection: every later one is refused.
  const sent = await fetch(`${own.base}/api/applications`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(exampleApplication({}, idFor('19400101'))) });
  expect(sent.status).toBe(201);
  const reported = await fetch(`${own.base}/feedback/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: own.base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ stamp: formStamp(key, Date.now() - 10_000), message: '第一份报告' }),
  });
  expect(reported.status).toBe(303);
  for (const [prefix, seq] of [['', '611'], ['/en', '612']] as const) drafts.set(prefix, (await applyWalk(own.base, prefix, applyJourneys(seq)[0]!)).visitor.cookie);
  browser = await launch();
  pBrowser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pBrowser?.close();
  own?.stop();
});

const CONSENT = { 'consent-sensitiveData': 'yes', 'consent-otherServices': 'no', declaration: 'yes' };
const REFUSALS: Refusal[] = (['', '/en'] as const).flatMap((prefix) => {
  const en = prefix === '/en';
  const message = en ? 'The table is too wide on my phone' : '手机上表格太宽';
  return [
    { name: `${prefix}/apply/two-subsidies/consent: too many from this connection`, path: `${prefix}/apply/two-subsidies/consent`, fields: CONSENT, status: 429, says: en ? /Too many applications have been sent from this connection/ : /这个网络连接一小时内提交的申请太多了/ },
    { name: `${prefix}/feedback/: too many from this network`, path: `${prefix}/feedback/`, stampAge: 10_000, fields: { message }, status: 429, says: en ? /Too many reports came from your network/ : /这一个小时里从你的网络发来的报告太多了/ },
    // Drawn a minute ahead: "sent at once" however slow the machine is.
    { name: `${prefix}/feedback/: sent at once, send it again`, path: `${prefix}/feedback/`, stampAge: -60_000, fields: { message }, status: 400, says: en ? /press Send once more/ : /再按一次/ },
    { name: `${prefix}/feedback/: open for more than a week`, path: `${prefix}/feedback/`, stampAge: 8 * DAY, fields: { message }, status: 400, says: en ? /open for a long time/ : /打开太久了/ },
  ];
});

/** The cookies of a state's visitor: the walked draft for the consent page. */
const cookieFor = (r: Refusal) => (r.path.includes('/apply/') ? drafts.get(r.path.startsWith('/en') ? '/en' : '')! : '');
const stampFor = (r: Refusal) => (r.stampAge === undefined ? undefined : formStamp(key, Date.now() - r.stampAge));
/** The form as the browser sends it. */
const bodyOf = (r: Refusal) => new URLSearchParams({ ...r.fields, ...(stampFor(r) && { stamp: stampFor(r)! }), action: 'send' }).toString();

const MODES = [
  { name: 'with JavaScript, standard contrast', js: true, contrast: '' },
  { name: 'without JavaScript, standard contrast', js: false, contrast: '' },
  { name: 'with JavaScript, high contrast', js: true, contrast: 'contrast=high' },
  { name: 'without JavaScript, high contrast', js: false, contrast: 'contrast=high' },
];

describe.each(MODES)('axe-core $name: a form sent back', (mode) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext();
    if (!mode.js) await context.route('**/_astro/**/*.js', (route) => route.abort());
    if (mode.contrast) await context.addCookies([displayCookie(own.base, mode.contrast)]);
  });
  afterAll(() => context?.close());

  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s', async (_name, refusal) => {
    const page = await context.newPage();
    const errors: string[] = [];
    const url = `${own.base}${refusal.path}`;
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // Chromium logs the page's own intended status; a failed stylesheet or script still counts.
      if (m.location().url === url && new RegExp(`status of ${refusal.status}`).test(m.text())) return;
      if (!mode.js && m.location().url.includes('/_astro/')) return;
      errors.push(`console: ${m.text()} (${m.location().url})`);
    });
    for (const pair of cookieFor(refusal).split('; ').filter(Boolean)) {
      const at = pair.indexOf('=');
      await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: own.base }]);
    }
    await page.goto(url);
    for (const [name, value] of Object.entries(refusal.fields)) {
      const box = page.locator(`[name="${name}"]`);
      if ((await box.first().getAttribute('type')) === 'radio' || (await box.first().getAttribute('type')) === 'checkbox') await page.check(`[name="${name}"][value="${value}"]`);
      else await box.fill(value);
    }
    const stamp = stampFor(refusal);
    if (stamp) await page.locator('input[name="stamp"]').evaluate((input: HTMLInputElement, value) => (input.value = value), stamp);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[value="send"]')]);
    expect(res.status()).toBe(refusal.status);
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary').innerText()).toMatch(refusal.says);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect([...results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), ...errors]).toEqual([]);
    await page.close();
  });
});

describe('pa11y (HTML_CodeSniffer, WCAG2AA) and html-validate: a form sent back', () => {
  const headersOf = (r: Refusal) => ({ origin: own.base, 'content-type': 'application/x-www-form-urlencoded', ...(cookieFor(r) && { cookie: cookieFor(r) }) });

  it.each(REFUSALS.map((r) => [r.name, r] as const))('pa11y: %s', async (_name, refusal) => {
    const result = await pa11y(`${own.base}${refusal.path}`, { browser: pBrowser, runners: ['htmlcs'], standard: 'WCAG2AA', timeout: 30_000, method: 'POST', postData: bodyOf(refusal), headers: headersOf(refusal) });
    expect(result.documentTitle).toMatch(refusal.path.includes('/en') ? /^There is a problem/ : /^有问题需要处理/);
    expect(result.issues.filter((i) => i.type === 'error').map((i) => `${i.code}: ${i.message} (${i.selector})`)).toEqual([]);
  });

  it.each(REFUSALS.map((r) => [r.name, r] as const))('html-validate: %s', async (_name, refusal) => {
    const res = await fetch(`${own.base}${refusal.path}`, { method: 'POST', headers: headersOf(refusal), body: bodyOf(refusal) });
    expect(res.status).toBe(refusal.status);
    expect(await htmlProblems(await res.text(), refusal.name)).toEqual([]);
  });
});
