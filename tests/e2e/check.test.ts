/**
 * The self-check in Chromium with the keyboard only, with and without JavaScript. With it, the
 * <tx-eligibility-check> island keeps the person on one page: each answer brings the next
 * question in place with focus on its heading, and live results are announced politely. If the
 * script stops mid-way, the plain pages carry on from the same answers; if the network drops,
 * the answer stays on the page and Continue works again.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, tabTo } from '../browser';
import { idNumber, walk } from '../check-visitor';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());


/**
 * Chooses an answer by its label with the keyboard: Tab into the group, then arrows to the
 * radio (or Tab to the checkbox), Space.
 */
async function choose(page: Page, label: string) {
  await tabTo(page, 'input[type="radio"], input[type="checkbox"]');
  for (let i = 0; i < 12; i++) {
    const { current, checkbox } = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { current: el.labels?.[0]?.textContent?.trim() ?? '', checkbox: el.type === 'checkbox' };
    });
    if (current.startsWith(label)) {
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press(checkbox ? 'Tab' : 'ArrowDown');
  }
  throw new Error(`No choice labelled ${label}`);
}

/** Presses Enter in the form and waits for the next page (a POST answered by a redirect). */
async function submit(page: Page) {
  const before = page.url();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.href !== before);
  await page.waitForLoadState();
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('the self-check with the keyboard', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('with JavaScript: one page, focus on each new question, live results announced', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${base}/en/check/`);
    await tabTo(page, 'button[value="start"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/region');
    loads.length = 0;

    await choose(page, 'Jilin City');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/hasCertificate');
    await expect.poll(() => focusedText(page)).toBe('Do you have a disability certificate?');
    // Live results appear once the region is known, and a choice updates them before Continue.
    const status = page.locator('.live-results [role="status"]');
    await choose(page, 'No');
    await expect.poll(() => status.textContent()).toMatch(/Likely eligible: 0\. Need more information: \d+\. Not eligible: [1-9]/);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/birthDate');
    await expect.poll(() => focusedText(page)).toBe('What is the date of birth?');
    // The breadcrumb and the language switch follow the question swapped in place.
    expect(await page.locator('a.lang-switch').getAttribute('href')).toBe('/check/birthDate');
    expect(await page.locator('nav.breadcrumbs [aria-current="page"]').textContent()).toBe('What is the date of birth?');
    // A bad date: the error summary takes focus, on the same page.
    await tabTo(page, '#date-year');
    await page.keyboard.type('2999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await page.fill('#date-year', '1980');
    await page.fill('#date-month', '3');
    await page.fill('#date-day', '7');
    await page.focus('#date-day');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/check\/(?!birthDate)\w+$/);
    // No full page load between the steps.
    expect(loads).toEqual([]);
  });

  it('nothing is lost when the script stops mid-way: the plain pages carry on', async () => {
    // Same answers (the cookie), JavaScript now off.
    const state = await context.storageState();
    const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: state });
    const page = await noJs.newPage();
    await page.goto(`${base}/en/check/`);
    await tabTo(page, 'button[value="start"]');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).not.toMatch(/region|hasCertificate|birthDate/);
    await noJs.close();
  });

  it('nothing is lost when the network fails mid-way: the answer stays, Continue works again', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/en/check/`);
    await tabTo(page, 'button[value="start"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/region');
    await choose(page, 'Jilin City');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/hasCertificate');
    // The next answer's POST fails as on a dropped connection.
    await page.route('**/en/check/hasCertificate', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await choose(page, 'No');
    await page.keyboard.press('Enter');
    const status = page.locator('.live-results [role="status"]');
    await expect.poll(() => status.textContent()).toContain('We could not save that answer');
    expect(new URL(page.url()).pathname).toBe('/en/check/hasCertificate');
    expect(await page.isChecked('input[value="no"]')).toBe(true);
    expect(await page.isEnabled('button[value="continue"]')).toBe(true);
    // Back online: the same Continue goes on, and the region chosen before is still there.
    await page.unroute('**/en/check/hasCertificate');
    await page.focus('button[value="continue"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/check/birthDate');
    await page.goto(`${base}/en/check/hasCertificate`);
    expect(await page.isChecked('input[value="no"]')).toBe(true);
    await page.goto(`${base}/en/check/region`);
    expect(await page.isChecked('input[value="jilin-city"]')).toBe(true);
    await ctx.close();
  });

  it('without JavaScript: the whole journey by keyboard, to the results', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${base}/check/`);
    await tabTo(page, 'button[value="start"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/check/region');
    // 吉林省 lifted the family-means condition for children's rehabilitation, so "don't know" about the household still leaves the child covered.
    await choose(page, '吉林省吉林市');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/check/hasCertificate');
    await choose(page, '否');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/check/birthDate');
    await tabTo(page, '#date-year');
    await page.keyboard.type('2021');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await submit(page);
    for (let i = 0; i < 8 && !page.url().endsWith('/check/summary'); i++) {
      await choose(page, page.url().endsWith('isAutistic') ? '是' : '不知道');
      await submit(page);
    }
    expect(page.url()).toMatch(/\/check\/summary$/);
    await tabTo(page, 'a[href="/check/results"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/check/results');
    const eligible = await page.locator('#group-eligible').locator('..').textContent();
    expect(eligible).toContain('残疾儿童康复救助');
    await tabTo(page, 'button[value="clear"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/check/?cleared=1');
    expect(await page.locator('[role="status"]').first().textContent()).toContain('你的回答已经清除');
    await noJs.close();
  });

  it('"none of these" and "I don\'t know" stand alone: ticking one unticks the others, with JavaScript', async () => {
    const steps = await walk(base, '', {
      region: { region: 'jilin-city' },
      hasCertificate: { answer: 'yes' },
      certificateNumber: { certificateNumber: `${idNumber('19800307')}52` },
      confirm: { answer: 'yes' },
      household: { answer: 'dibao' },
      needsLongTermCare: { answer: 'yes' },
    });
    const cookie = steps.find((s) => s.path === '/check/alreadyReceives')?.cookie;
    expect(cookie).toBeTruthy();
    const ctx = await browser.newContext();
    await ctx.addCookies([{ name: 'tx-check', value: cookie!, url: base }]);
    const page = await ctx.newPage();
    await page.goto(`${base}/check/alreadyReceives`);
    const ticked = () => page.$$eval('input[type="checkbox"]', (boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value));
    await tabTo(page, 'input[value="living-subsidy"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[value="nursing-subsidy"]');
    await page.keyboard.press('Space');
    expect(await ticked()).toEqual(['living-subsidy', 'nursing-subsidy']);
    await tabTo(page, 'input[value="none"]');
    await page.keyboard.press('Space');
    expect(await ticked()).toEqual(['none']);
    await page.check('input[value="dontKnow"]');
    expect(await ticked()).toEqual(['dontKnow']);
    await page.check('input[value="work-injury-nursing-allowance"]');
    expect(await ticked()).toEqual(['work-injury-nursing-allowance']);
    await ctx.close();
  });
});
