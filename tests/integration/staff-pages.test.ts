/**
 * The staff pages over HTTP without JavaScript (issue 13 points 1-3, 5 and 9): every staff route
 * sends a visitor without a session to sign in; a first sign-in sets the account up (own
 * password, authenticator, recovery codes) and rotates the session at each step; later sign-ins
 * take a code or a recovery code once; failures are answered alike and then locked; every form
 * needs the session's CSRF token and a same-origin post; the queue shows only the member's
 * region and what lies below it, masks ID numbers, and shows an administrator nothing; signing
 * out everywhere and disabling the account end every session. On the run's own server
 * (PostgreSQL when DATABASE_URL names one).
 */
import { describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openDatabase, readDatabaseConfig } from '../../src/server/db/database';
import { disableStaff } from '../../src/server/staff/accounts';
import { totp } from '../../src/server/staff/totp';
import { exampleApplication, idFor } from '../people';
import { newStaff, plain, StaffVisitor, summary, withDatabase } from '../staff-visitor';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

let born = 0;
const person = () => idFor(`1937${String(1 + (born % 12)).padStart(2, '0')}${String(1 + Math.floor(born++ / 12)).padStart(2, '0')}`, '220201', String(100 + Math.floor(Math.random() * 900)));
/** Sends an application through the API; returns its reference and the person's ID number. */
async function apply(region: string, form = 'two-subsidies') {
  const idNumber = person();
  const body = exampleApplication({ region, ...(form === 'two-subsidies' ? {} : { form, answers: { household: 'dibao', homeNeeds: '门口有三级台阶' } }) }, idNumber);
  const res = await fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return { reference: ((await res.json()) as { reference: string }).reference, idNumber };
}

describe('staff routes without a session', () => {
  it('send every GET and POST to sign in, in the page language', async () => {
    for (const prefix of ['', '/en'] as const) {
      for (const path of ['/staff/', '/staff/set-up/', '/staff/sign-in/code/']) {
        for (const method of ['GET', 'POST']) {
          const res = await fetch(`${base}${prefix}${path}`, { method, redirect: 'manual', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, ...(method === 'POST' && { body: 'csrf=x' }) });
          expect(res.status, `${method} ${prefix}${path}`).toBe(303);
          expect(new URL(res.headers.get('location')!, base).pathname).toBe(`${prefix}/staff/sign-in/`);
          expect(res.headers.get('cache-control')).toBe('private, no-store');
        }
      }
      expect((await fetch(`${base}${prefix}/staff/sign-out/`, { redirect: 'manual' })).status).toBe(303);
      expect((await fetch(`${base}${prefix}/staff/sign-in/`)).status).toBe(200);
    }
  });

  it('refuse a cross-site post', async () => {
    const res = await fetch(`${base}/staff/sign-in/`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a@b.c&password=x' });
    expect(res.status).toBe(403);
  });
});

describe('signing in', () => {
  it('sets a first sign-in up step by step, rotating the session, and lands on the queue', async () => {
    const account = await newStaff(databaseUrl);
    const v = new StaffVisitor(base, '/en');
    const form = await v.page('/staff/sign-in/');
    expect(form.html).toContain('autocomplete="username"');
    expect(form.html).toContain('autocomplete="current-password"');
    const signIn = await v.post('/en/staff/sign-in/', { email: account.email.toUpperCase(), password: account.password });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/en/staff/set-up/');
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('tx-staff='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const first = v.cookieNamed('tx-staff');

    // Step 1: their own password (not the one-time one, not a common one).
    const step1 = await v.page('/staff/set-up/');
    expect(step1.html).toContain('Step 1 of 3');
    expect(step1.html).toContain('autocomplete="new-password"');
    expect(summary((await v.submit('/staff/set-up/', { action: 'password', password: '' })).html)).toEqual(['password: Enter a new password']);
    expect(summary((await v.submit('/staff/set-up/', { action: 'password', password: account.password })).html)).toEqual(['password: The new password cannot be the one-time password']);
    expect(summary((await v.submit('/staff/set-up/', { action: 'password', password: 'iloveyou' })).html)).toEqual(['password: That is a common password and easy to guess. Choose another']);
    expect((await v.submit('/staff/set-up/', { action: 'password', password: 'password' }, 'not-the-token')).status).toBe(400);

    // Steps 2 and 3, and the queue.
    await v.firstSignIn(account);
    const home = await v.page('/staff/');
    expect(home.status).toBe(200);
    expect(plain(home.html)).toContain('Signed in: 王芳 (Township (sub-district) clerk, Jilin City)');
    expect(v.cookieNamed('tx-staff')).not.toBe(first);
    // The first token no longer opens anything.
    const old = await fetch(`${base}/staff/`, { redirect: 'manual', headers: { cookie: `tx-staff=${first}` } });
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe('/staff/sign-in/?ended=1');
    expect(plain(await (await fetch(`${base}/staff/sign-in/?ended=1`)).text())).toContain('为了安全，你的登录已结束');
  });

  it('takes a code, or a recovery code once, and answers a wrong one', async () => {
    const account = await newStaff(databaseUrl);
    await new StaffVisitor(base).firstSignIn(account);
    const v = new StaffVisitor(base);
    await v.post('/staff/sign-in/', { email: account.email, password: account.password });
    const wrong = await v.submit('/staff/sign-in/code/', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(summary(wrong.html)).toEqual(['code: 验证码不正确或已经用过。请输入应用现在显示的验证码。']);
    expect(wrong.html).toContain('autocomplete="one-time-code"');
    const recovery = await v.submit('/staff/sign-in/code/', { code: account.recoveryCodes![0]!.toLowerCase() });
    expect(recovery.status).toBe(303);
    expect(plain((await v.page(recovery.location!.replace(/^\/staff/, '/staff'))).html)).toContain('你用了一个恢复码，还剩 9 个');
    // Again with the same recovery code: refused.
    const again = new StaffVisitor(base);
    await again.post('/staff/sign-in/', { email: account.email, password: account.password });
    expect((await again.submit('/staff/sign-in/code/', { code: account.recoveryCodes![0]! })).status).toBe(400);
    expect((await again.submit('/staff/sign-in/code/', { code: totp(account.secret!, Date.now() + 30_000) })).status).toBe(303);
  });

  it('answers a wrong password and an unknown email alike, then locks the account for a while', async () => {
    const account = await newStaff(databaseUrl);
    await new StaffVisitor(base).firstSignIn(account);
    const v = new StaffVisitor(base);
    const wrong = await v.post('/staff/sign-in/', { email: account.email, password: 'not the password' });
    const unknown = await v.post('/staff/sign-in/', { email: `nobody-${randomUUID()}@example.org`, password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(summary(await wrong.text())).toEqual(summary(await unknown.text()));
    for (let i = 0; i < 3; i++) await v.post('/staff/sign-in/', { email: account.email, password: 'not the password' });
    const locked = await v.post('/staff/sign-in/', { email: account.email, password: 'not the password' });
    expect(locked.status).toBe(429);
    expect(summary(await locked.text())[0]).toMatch(/^email: 错误次数太多。请在 \d\d:\d\d 之后再试。$/);
    // The right password waits too.
    expect((await v.post('/staff/sign-in/', { email: account.email, password: account.password })).status).toBe(429);
    expect(summary(await (await v.post('/staff/sign-in/', { email: '', password: '' })).text())).toEqual(['email: 请输入电子邮箱', 'password: 请输入密码']);
  });
});

describe('the queue', () => {
  it('shows a member only their region and what lies below it, masked, and an administrator nothing', async () => {
    const jilin = await apply('jilin-city');
    const yuhua = await apply('changsha-yuhua');
    const look = async (role: string, region: string, reference: string) => {
      const account = await newStaff(databaseUrl, { role, region });
      const v = new StaffVisitor(base);
      await v.firstSignIn(account);
      return v.page(`/staff/?reference=${reference}`);
    };
    const clerk = await look('townshipClerk', 'jilin-city', jilin.reference);
    expect(plain(clerk.html)).toContain(jilin.reference.slice(0, 4));
    expect(plain(clerk.html)).toContain('共 1 件申请');
    expect(clerk.html).toContain(`${jilin.idNumber.slice(0, 4)}**********${jilin.idNumber.slice(-4)}`);
    expect(clerk.html).not.toContain(jilin.idNumber);
    expect(plain((await look('townshipClerk', 'jilin-city', yuhua.reference)).html)).toContain('没有符合条件的申请');
    expect(plain((await look('countyDpfReviewer', 'changsha-yuhua', yuhua.reference)).html)).toContain('共 1 件申请');
    expect(plain((await look('supervisor', 'hunan', jilin.reference)).html)).toContain('没有符合条件的申请');
    expect(plain((await look('supervisor', 'china', yuhua.reference)).html)).toContain('共 1 件申请');
    const admin = await look('admin', 'china', jilin.reference);
    expect(plain(admin.html)).toContain('系统管理员负责管理工作人员账户，默认不能查看申请内容');
    expect(admin.html).not.toContain(jilin.reference.slice(0, 4) + ' ');
  });

  it('lists fifty cases a page, oldest first, with links to the pages before and after that keep the filters', async () => {
    // Sixty cases older than any other in this run's database (received in 2001), so they are the first two pages of "older than a month".
    const mine = Array.from({ length: 60 }, (_, i) => ({ reference: `PG${String(i).padStart(2, '0')}${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`, at: new Date(Date.UTC(2001, 0, 1, 0, i)).toISOString() }));
    await withDatabase(databaseUrl, (db) =>
      db
        .insertInto('applications')
        .values(
          mine.map((m) => ({
            id: randomUUID(),
            reference: m.reference,
            access_hash: 'x',
            form: 'two-subsidies',
            region: 'jilin-city',
            status: 'submitted',
            office: 'township',
            open_key: null,
            data: JSON.stringify({ person: { idNumber: person() } }),
            prescreen: '{}',
            created_at: m.at,
            updated_at: m.at,
            waiting: null,
            assignee: null,
          })),
        )
        .execute(),
    );
    const v = new StaffVisitor(base);
    await v.firstSignIn(await newStaff(databaseUrl, { role: 'supervisor', region: 'jilin' }));
    const referencesOn = (html: string) => [...html.matchAll(/\/staff\/cases\/([A-Z0-9]+)\//g)].map((m) => m[1]);
    const first = await v.page('/staff/?age=month&form=two-subsidies');
    expect(referencesOn(first.html)).toEqual(mine.slice(0, 50).map((m) => m.reference));
    expect(plain(first.html)).toContain('第 1 到 50 件申请');
    expect(first.html).toContain('href="/staff/?age=month&amp;form=two-subsidies&amp;page=2" rel="next"');
    expect(first.html).not.toContain('rel="prev"');
    const second = await v.page('/staff/?age=month&form=two-subsidies&page=2');
    expect(referencesOn(second.html).slice(0, 10)).toEqual(mine.slice(50).map((m) => m.reference));
    expect(second.html).toContain('href="/staff/?age=month&amp;form=two-subsidies" rel="prev"');
    // Past the end, and a page that is not a number: said so, or the first page.
    expect(plain((await v.page('/staff/?age=month&page=9999')).html)).toContain('这一页没有申请 回到第一页');
    expect(referencesOn((await v.page('/staff/?age=month&form=two-subsidies&page=abc')).html)[0]).toBe(mine[0]!.reference);
  });

  it('filters by service, status and age, and says what is wrong with a reference', async () => {
    const made = await apply('jilin-city', 'home-accessibility');
    const account = await newStaff(databaseUrl);
    const v = new StaffVisitor(base);
    await v.firstSignIn(account);
    const hit = await v.page(`/staff/?reference=${made.reference}&form=home-accessibility&status=submitted`);
    expect(plain(hit.html)).toContain('共 1 件申请');
    expect(hit.html).toMatch(/<option value="home-accessibility" selected/);
    expect(plain((await v.page(`/staff/?reference=${made.reference}&form=two-subsidies`)).html)).toContain('没有符合条件的申请');
    expect(plain((await v.page(`/staff/?reference=${made.reference}&status=withdrawn`)).html)).toContain('没有符合条件的申请');
    expect(plain((await v.page(`/staff/?reference=${made.reference}&age=week`)).html)).toContain('没有符合条件的申请');
    const bad = await v.page('/staff/?reference=abc');
    expect(bad.status).toBe(400);
    expect(summary(bad.html)).toHaveLength(1);
    // Unknown filter values are ignored, not errors.
    expect((await v.page('/staff/?form=nonsense&status=%3Cscript%3E&age=forever')).status).toBe(200);
  });
});

describe('signing out', () => {
  it('here, everywhere, and when the account is disabled', async () => {
    const account = await newStaff(databaseUrl);
    const a = new StaffVisitor(base);
    await a.firstSignIn(account);
    const b = new StaffVisitor(base);
    await b.signIn(account);
    const c = new StaffVisitor(base);
    await c.signIn(account, account.recoveryCodes![0]);
    // Without the token: refused, still signed in.
    expect((await a.submit('/staff/sign-out/', { action: 'here' }, 'wrong')).status).toBe(400);
    expect((await a.page('/staff/')).status).toBe(200);
    const here = await a.submit('/staff/sign-out/', { action: 'here' });
    expect(here.status).toBe(303);
    expect(here.location).toBe('/staff/sign-out/?done=here');
    expect(plain((await a.page(here.location!)).html)).toContain('你已退出登录');
    expect((await a.page('/staff/')).status).toBe(303);
    expect((await b.page('/staff/')).status).toBe(200);
    const everywhere = await b.submit('/staff/sign-out/', { action: 'everywhere' });
    expect(plain((await b.page(everywhere.location!)).html)).toContain('你已在所有设备上退出登录');
    expect((await c.page('/staff/')).status).toBe(303);

    const d = new StaffVisitor(base);
    await d.signIn(account, account.recoveryCodes![1]);
    expect((await d.page('/staff/')).status).toBe(200);
    const db = openDatabase(readDatabaseConfig({ DATABASE_URL: databaseUrl }));
    try {
      await disableStaff(db, account.member.id, Date.now());
    } finally {
      await db.destroy();
    }
    expect((await d.page('/staff/')).location).toBe('/staff/sign-in/?ended=1');
  });
});
