/**
 * Caseworkers with the keyboard only, in Chromium (issue 13 point 9): each of the three roles
 * signs in (email, password, authenticator code), finds the case in the queue and makes its move;
 * the approver refuses, choosing the reason with the arrow keys and writing the text; with and
 * without JavaScript. With JavaScript, too: the idle warning comes five minutes before the end
 * and "stay signed in" moves the limit on in place (WCAG 2.2.1), and a decision being written is
 * saved as a draft as it is typed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launch, tabTo } from '../browser';
import { newStaff, StaffVisitor, withDatabase, type StaffAccount } from '../staff-visitor';
import { exampleApplication, idFor } from '../people';
import { totp } from '../../src/server/staff/totp';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

let born = 0;
async function apply(): Promise<string> {
  const person = idFor(`1934${String(1 + (born % 12)).padStart(2, '0')}${String(1 + Math.floor(born++ / 12)).padStart(2, '0')}`, '220201', String(100 + Math.floor(Math.random() * 900)));
  const res = await fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(exampleApplication({}, person)) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

/** An account already set up (over HTTP), ready to sign in with a code. */
async function account(role: string, region: string): Promise<StaffAccount> {
  const made = await newStaff(databaseUrl, { role, region });
  await new StaffVisitor(base).firstSignIn(made);
  return made;
}

const withDb = <T>(work: Parameters<typeof withDatabase<T>>[1]) => withDatabase(databaseUrl, work);

/** Signs in with the keyboard only: Tab to each field, type, Enter. */
async function signIn(page: Page, who: StaffAccount) {
  await page.goto(`${base}/staff/sign-in/`);
  await tabTo(page, '#email');
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await Promise.all([page.waitForURL(/\/staff\/sign-in\/code\/$/), page.keyboard.press('Enter')]);
  await tabTo(page, '#code');
  await page.keyboard.type(totp(who.secret!, Date.now() + 30_000));
  await Promise.all([page.waitForURL(/\/staff\/(\?.*)?$/), page.keyboard.press('Enter')]);
}

/**
 * From the queue, find the case by its reference (the queue lists fifty a page, oldest first, so a
 * new case is not on the first page of a busy office): Tab to the filter, type it, Enter; then
 * Tab to the case and open it.
 */
async function openCase(page: Page, reference: string) {
  await tabTo(page, '#reference');
  await page.keyboard.type(reference);
  await Promise.all([page.waitForURL(/\/staff\/\?reference=/), page.keyboard.press('Enter')]);
  await tabTo(page, `a[href$="/staff/cases/${reference}/"]`, 200);
  await Promise.all([page.waitForURL(new RegExp(`/staff/cases/${reference}/$`)), page.keyboard.press('Enter')]);
}

/** Tab to a move's button and press it; the page says it is done. */
async function move(page: Page, action: string) {
  await tabTo(page, `button[value="${action}"]`, 200);
  await Promise.all([page.waitForURL(new RegExp(`\\?done=${action}$`)), page.keyboard.press('Enter')]);
  expect(await page.locator('[role="status"]').first().textContent()).toBeTruthy();
}

const statusOf = (reference: string) => withDb(async (db) => (await db.selectFrom('applications').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status);

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('a caseworker %s, keyboard only', (_label, js) => {
  it('takes an application from the township through the DPF to a refusal by civil affairs', async () => {
    const reference = await apply();
    const steps: [StaffAccount, string][] = [
      [await account('townshipClerk', 'jilin-city'), 'accept'],
      [await account('countyDpfReviewer', 'jilin-city'), 'review'],
    ];
    for (const [who, action] of steps) {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      await signIn(page, who);
      await openCase(page, reference);
      await move(page, action);
      await context.close();
    }
    expect(await statusOf(reference)).toBe('reviewed');

    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    await signIn(page, await account('countyCivilAffairsApprover', 'jilin'));
    await openCase(page, reference);
    // The reason: Tab into the group, then the arrow keys choose.
    await tabTo(page, 'input[name="reason"]', 200);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => (document.querySelector('input[name="reason"]:checked') as HTMLInputElement | null)?.value);
    expect(chosen).toBe('certificateOrLevel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reasonText');
    await page.keyboard.type('残疾等级不符合条件。');
    await move(page, 'refuse');
    expect(await statusOf(reference)).toBe('refused');
    await context.close();
  });
});

describe('a caseworker with JavaScript', () => {
  it('is warned five minutes before the idle limit and stays signed in with the keyboard', async () => {
    const who = await account('townshipClerk', 'jilin-city');
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who);
    const soon = new Date(Date.now() + 4 * 60_000).toISOString();
    await withDb((db) => db.updateTable('staff_sessions').set({ idle_until: soon, seen_at: new Date().toISOString() }).where('staff_id', '=', who.member.id).execute());
    await page.reload();
    const warning = page.locator('.session-warning[role="alert"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('还有不到 5 分钟');
    // The warning's state scanned like every other (the crawl cannot reach it: it comes with time).
    const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await tabTo(page, 'tx-session-timer button', 200);
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'detached' });
    expect(await page.locator('[data-session-state]').textContent()).toContain('你的登录保持到');
    // The browser's session (the set-up over HTTP left one of its own, still near its end).
    const until = await withDb(async (db) => (await db.selectFrom('staff_sessions').select('idle_until').where('staff_id', '=', who.member.id).execute()).map((r) => Date.parse(r.idle_until)));
    expect(Math.max(...until)).toBeGreaterThan(Date.now() + 29 * 60_000);
    await context.close();
  });

  it('keeps a decision being written as a draft while it is typed', async () => {
    const reference = await apply();
    const clerk = await account('townshipClerk', 'jilin-city');
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, clerk);
    await openCase(page, reference);
    await tabTo(page, '#items', 200);
    await page.keyboard.type('户口簿复印件');
    await page.locator('[data-draft-state]').filter({ hasText: '草稿已自动保存' }).waitFor();
    const fields = await withDb(async (db) => (await db.selectFrom('decision_drafts').select('fields').where('staff_id', '=', clerk.member.id).executeTakeFirstOrThrow()).fields);
    expect(JSON.parse(fields)).toEqual({ items: '户口簿复印件' });
    await page.reload();
    expect(await page.inputValue('#items')).toBe('户口簿复印件');
    await context.close();
  });
});
