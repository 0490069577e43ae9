/**
 * Reporting a problem with a page (issue 13 point 10), without JavaScript: the link in every
 * page's footer with the page filled in, the form on /feedback/ and on the accessibility
 * statement, each message the form can show, the defences against scripts (the stamp that
 * dates the form, the hidden field) that cost a person only a second press, one report per form
 * sent, the reference, and the staff queue (supervisors and administrators) with its status and
 * audit trail. The store itself on both engines: one report per form and text, the limit per
 * client, the queue's order, the moves allowed, and the purge of closed reports.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Transaction } from 'kysely';
import { appendAudit, verifyAuditChain } from '../../src/server/audit/audit';
import type { Database } from '../../src/server/db/schema';
import { checkStamp, feedbackQueue, formStamp, MAX_FORM_AGE_MS, moveFeedback, openFeedback, purgeFeedback, submitFeedback } from '../../src/server/feedback/feedback';
import { secretKey } from '../../src/server/http/secret-key';
import { ENGINES, migratedDatabase } from '../databases';
import { Visitor } from '../check-visitor';
import { newStaff, plain, StaffVisitor, summary, withDatabase } from '../staff-visitor';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const key = secretKey({ TX_SECRET: inject('txSecret') });
const DAY = 86_400_000;
/** A stamp drawn `ago` ms before now, as a person who took that long to write would send. */
const stampAgo = (ago = 10_000) => formStamp(key, Date.now() - ago);
const stampOf = (html: string) => /name="stamp" value="([^"]+)"/.exec(html)?.[1] ?? '';
const referenceOf = (html: string) => /<p class="reference"[^>]*>([A-Z0-9 ]+)</.exec(html)?.[1]?.replace(/ /g, '');

async function signedIn(role: string, region = 'jilin') {
  const v = new StaffVisitor(base);
  await v.firstSignIn(await newStaff(databaseUrl, { role, region }));
  return v;
}
/** Sends a report and follows the 303 to its reference. */
async function report(fields: Record<string, string>, v = new Visitor(base), prefix = '') {
  const sent = await v.post(`${prefix}/feedback/`, { stamp: stampAgo(), website: '', ...fields });
  expect(sent.status, await sent.clone().text()).toBe(303);
  const page = await v.get(sent.headers.get('location')!);
  const html = await page.text();
  return { reference: referenceOf(html)!, html, location: sent.headers.get('location')! };
}

describe('the link on every page', () => {
  it('fills in the page it is on, in both languages, prerendered or not', async () => {
    for (const path of ['/', '/services/minimum-living-allowance/', '/en/services/', '/en/search?q=bus', '/track/', '/staff/sign-in/', '/en/accessibility/']) {
      const html = await (await fetch(new URL(path, base))).text();
      const pathname = new URL(path, base).pathname;
      const link = /<p class="report"[^>]*><a href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      expect(link, path).toBe(`${path.startsWith('/en') ? '/en' : ''}/feedback/?page=${encodeURIComponent(pathname)}`);
    }
    // Not on the form itself; and an address that is not found names itself.
    expect(await (await fetch(new URL('/feedback/', base))).text()).not.toContain('class="report"');
    expect(await (await fetch(new URL('/en/no-such-page/', base))).text()).toContain('href="/en/feedback/?page=%2Fen%2Fno-such-page%2F"');
  });

  it('opens the form with the page filled in, and ignores an address off the site', async () => {
    const html = await (await fetch(new URL('/en/feedback/?page=%2Fen%2Fservices%2F', base))).text();
    expect(html).toMatch(/id="page"[^>]*value="\/en\/services\/"/);
    expect(html).toContain('action="/en/feedback/"');
    const evil = await (await fetch(new URL('/feedback/?page=https%3A%2F%2Fevil.example%2F', base))).text();
    expect(evil).toContain('id="page"');
    expect(evil).not.toContain('evil.example');
  });

  it('is a form on the accessibility statement too, beside the hotline, dated for this visitor', async () => {
    for (const prefix of ['', '/en']) {
      const res = await fetch(new URL(`${prefix}/accessibility/`, base));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('no-store');
      const html = await res.text();
      expect(html).toContain(`action="${prefix}/feedback/"`);
      expect(checkStamp(key, stampOf(html), Date.now())).toEqual({ ok: false, reason: 'tooFast' });
      expect(plain(html)).toContain('12385');
    }
  });
});

describe('the form', () => {
  it('says what is wrong with each field, keeping what was written', async () => {
    const v = new Visitor(base);
    const cases: [Record<string, string>, string[]][] = [
      [{ message: ' ' }, ['message: 请写下哪里有问题']],
      [{ message: '字'.repeat(2001) }, ['message: 请写短一些，最多 2000 个字']],
      [{ message: '看不清', contact: '13812345678' }, ['consent: 要我们回复你，请勾选同意；不需要回复，就把联系方式删掉']],
      [{ message: '看不清', consent: 'yes' }, ['contact: 你勾选了同意，请写下电话或电子邮箱；不需要回复，就取消勾选']],
      [{ message: '看不清', contact: '找王阿姨', consent: 'yes' }, ['contact: 请写手机号、固定电话或电子邮箱，例如 138 1234 5678 或 name@example.com']],
      [{ message: '看不清', page: 'https://evil.example/' }, ['page: 页面地址应该以 / 开头，例如 /services/；不知道可以不填']],
      [{ message: '看不清', name: '名'.repeat(51), contact: '13812345678', consent: 'yes' }, ['name: 称呼最多 50 个字']],
    ];
    for (const [fields, expected] of cases) {
      const res = await v.post('/feedback/', { stamp: stampAgo(), ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(summary(html)).toEqual(expected);
      if (fields.message?.trim()) expect(html).toContain(`>${fields.message}</textarea>`);
    }
    const en = await v.post('/en/feedback/', { stamp: stampAgo(), message: '' });
    expect(summary(await en.text())).toEqual(['message: Say what the problem is']);
  });

  it('asks a script that posts at once, or fills the hidden field, to send again, and a person who does is through', async () => {
    const v = new Visitor(base);
    const form = await (await v.get('/feedback/')).text();
    const fresh = stampOf(form);
    const soon = await v.post('/feedback/', { stamp: fresh, message: '图片没有文字说明', website: '' });
    expect(soon.status).toBe(400);
    const again = await soon.text();
    expect(summary(again)).toEqual(['message: 为了挡住自动发送的程序，请看一下你写的内容，再按一次“发送”']);
    expect(again).toContain('>图片没有文字说明</textarea>');
    // The same stamp comes back, ageing: the second press, two seconds on, is taken.
    expect(stampOf(again)).toBe(fresh);
    const trapped = await v.post('/feedback/', { stamp: stampAgo(), message: '图片没有文字说明', website: 'http://spam.example/' });
    expect(trapped.status).toBe(400);
    expect(summary(await trapped.text())).toEqual(['message: 为了挡住自动发送的程序，请看一下你写的内容，再按一次“发送”']);
    await new Promise((r) => setTimeout(r, 2_100));
    const sent = await v.post('/feedback/', { stamp: fresh, message: '图片没有文字说明', website: '' });
    expect(sent.status).toBe(303);
  });

  it('gives a form without a stamp, or one too old, a fresh one, keeping the text', async () => {
    const v = new Visitor(base);
    for (const stamp of ['', 'forged.stamp.value', formStamp(key, Date.now() - MAX_FORM_AGE_MS - DAY)]) {
      const res = await v.post('/feedback/', { stamp, message: '表格太宽' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('>表格太宽</textarea>');
      expect(checkStamp(key, stampOf(html), Date.now()).ok === false && stampOf(html) !== stamp).toBe(true);
    }
    expect(summary(await (await v.post('/feedback/', { stamp: formStamp(key, Date.now() - MAX_FORM_AGE_MS - DAY), message: 'x' })).text())).toEqual([
      'message: 这个页面打开太久了，请看一下你写的内容，再按一次“发送”',
    ]);
  });

  it('gives a reference, once per form sent, and says whether a reply will come', async () => {
    const v = new Visitor(base);
    const stamp = stampAgo();
    const fields = { stamp, message: '读屏软件读不出按钮', page: '/services/', name: '王阿姨', contact: '138 1234 5678', consent: 'yes' };
    const first = await v.post('/feedback/', fields);
    const second = await v.post('/feedback/', fields);
    expect([first.status, second.status]).toEqual([303, 303]);
    const [a, b] = await Promise.all([first, second].map(async (r) => (await v.get(r.headers.get('location')!)).text()));
    expect(referenceOf(a!)).toMatch(/^[A-Z2-9]{10}$/);
    expect(referenceOf(a!)).toBe(referenceOf(b!));
    expect(plain(a!)).toContain('工作人员会用你留下的联系方式回复你。');
    // Changed and sent again with the same form: a second report.
    const changed = await v.post('/feedback/', { ...fields, message: '读屏软件读不出“继续”按钮' });
    expect(referenceOf(await (await v.get(changed.headers.get('location')!)).text())).not.toBe(referenceOf(a!));
    const stored = await withDatabase(databaseUrl, (db) => db.selectFrom('feedback').selectAll().where('reference', '=', referenceOf(a!)!).executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ page: '/services/', language: 'zh-CN', message: '读屏软件读不出按钮', contact_name: '王阿姨', contact: '138 1234 5678', status: 'new' });
    expect(stored.contact_consent_at).toBeTruthy();
    const en = await report({ message: 'The map has no text version' }, v, '/en');
    expect(plain(en.html)).toContain('You left no contact details, so we will not reply');
    // A sealed address: a made-up one shows the form, not a reference.
    expect(referenceOf(await (await v.get('/feedback/?sent=ABCDEFGHJK')).text())).toBeUndefined();
  });

  it('refuses a post from another site', async () => {
    const res = await fetch(new URL('/feedback/', base), {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `stamp=${encodeURIComponent(stampAgo())}&message=x`,
    });
    expect(res.status).toBe(403);
  });
});

describe('the staff queue of reports', () => {
  it('lets a supervisor read a report, see who may be replied to, and close it with a note, each step audited', async () => {
    const made = await report({ message: '高对比度下单选框看不清', page: '/check/', contact: 'wang@example.cn', consent: 'yes' });
    const supervisor = await signedIn('supervisor');
    const queue = await supervisor.page('/staff/problem-reports/');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`/staff/problem-reports/${made.reference}/`);
    // The queue names no contact details.
    expect(queue.html).not.toContain('wang@example.cn');
    const opened = await supervisor.page(`/staff/problem-reports/${made.reference}/`);
    expect(plain(opened.html)).toContain('wang@example.cn');
    expect(plain(opened.html)).toContain('高对比度下单选框看不清');
    const closed = await supervisor.submit(`/staff/problem-reports/${made.reference}/`, { status: 'closed', note: '已修改单选框的边框' });
    expect(closed.status).toBe(303);
    expect(closed.location).toBe(`/staff/problem-reports/${made.reference}/?done=closed`);
    const after = plain((await supervisor.page(`/staff/problem-reports/${made.reference}/?done=closed`)).html);
    expect(after).toContain('已保存：这份报告现在是“已关闭”。');
    expect(after).toContain('已修改单选框的边框');
    expect(after).toContain('改为“已关闭”');
    // Closed twice: not a move the domain allows.
    const twice = await supervisor.submit(`/staff/problem-reports/${made.reference}/`, { status: 'closed' });
    expect(twice.status).toBe(409);
    expect(summary(twice.html)).toEqual(['status-heading: 这份报告刚才被别人处理过了，请看一下现在的状态再选择']);
    expect((await supervisor.submit(`/staff/problem-reports/${made.reference}/`, { status: 'gone' })).status).toBe(400);
    // A post without the session's token moves nothing.
    expect((await supervisor.post(`/staff/problem-reports/${made.reference}/`, { status: 'inProgress' })).status).toBe(400);
    expect((await supervisor.page('/staff/problem-reports/?status=closed')).html).toContain(made.reference);
    expect((await supervisor.page('/staff/problem-reports/')).html).not.toContain(made.reference);
    const audit = await withDatabase(databaseUrl, async (db) => {
      const row = await db.selectFrom('feedback').select('id').where('reference', '=', made.reference).executeTakeFirstOrThrow();
      return {
        rows: await db.selectFrom('audit_log').select(['action', 'role', 'target', 'purpose']).where('target', '=', `feedback:${row.id}`).orderBy('seq').execute(),
        chain: await verifyAuditChain(db),
      };
    });
    // Each opening (the test reads the page's token before each post), and the one move.
    expect(audit.rows[0]!.action).toBe('view');
    expect(audit.rows.filter((r) => r.action !== 'view').map((r) => r.action)).toEqual(['feedback:closed']);
    expect(audit.rows.length).toBeGreaterThanOrEqual(6);
    expect(audit.rows.every((r) => r.role === 'supervisor' && r.purpose === 'feedback')).toBe(true);
    expect(JSON.stringify(audit.rows)).not.toContain('wang@');
    expect(audit.chain.ok).toBe(true);
  });

  it('is for supervisors and administrators only; anyone else gets the 404 page, and no session goes to sign in', async () => {
    const made = await report({ message: '字太小' });
    const admin = await signedIn('admin', 'china');
    expect((await admin.page('/staff/problem-reports/')).html).toContain(made.reference);
    expect((await admin.page(`/staff/problem-reports/${made.reference}/`)).status).toBe(200);
    for (const role of ['townshipClerk', 'countyDpfReviewer', 'countyCivilAffairsApprover']) {
      const v = await signedIn(role);
      expect((await v.page('/staff/problem-reports/')).status, role).toBe(404);
      expect((await v.page(`/staff/problem-reports/${made.reference}/`)).status, role).toBe(404);
    }
    expect((await admin.page('/staff/problem-reports/ABCDEFGHJK/')).status).toBe(404);
    expect((await admin.page('/staff/problem-reports/not-a-code/')).status).toBe(404);
    for (const path of ['/staff/problem-reports/', `/en/staff/problem-reports/${made.reference}/`]) {
      const res = await fetch(new URL(path, base), { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${path.startsWith('/en') ? '/en' : ''}/staff/sign-in/`);
    }
  });
});

describe('the stamp', () => {
  it('is ours, not too fresh and not too old', () => {
    const now = Date.now();
    expect(checkStamp(key, formStamp(key, now - 5_000), now)).toEqual({ ok: true });
    expect(checkStamp(key, formStamp(key, now - 1_000), now)).toEqual({ ok: false, reason: 'tooFast' });
    expect(checkStamp(key, formStamp(key, now - MAX_FORM_AGE_MS - 1), now)).toEqual({ ok: false, reason: 'stale' });
    expect(checkStamp(key, formStamp(secretKey({ TX_SECRET: 'another key of at least thirty-two characters' }), now - 5_000), now)).toEqual({ ok: false, reason: 'missing' });
    expect(checkStamp(key, undefined, now)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe.each(ENGINES)('the reports kept on $name', (engine) => {
  const database = migratedDatabase(engine);
  const input = (message: string) => ({ page: '/', message });
  const by = (trx: Transaction<Database>, action: string, target: string) =>
    appendAudit(trx, { actor: 'staff-1', role: 'supervisor', office: 'supervisor', action, target, purpose: 'feedback', requestId: 'req-1' }, Date.now());

  it.runIf(engine.available)('keeps one report per form and text, and limits a client per hour', async () => {
    const db = database.db;
    const T = Date.parse('2027-01-05T02:10:00Z');
    const a = await submitFeedback(db, { input: input('a'), stamp: 's1', language: 'zh-CN', client: 'c1' }, T, 2);
    const again = await submitFeedback(db, { input: input('a'), stamp: 's1', language: 'zh-CN', client: 'c1' }, T, 2);
    expect(again).toEqual({ ok: true, reference: (a as { reference: string }).reference, again: true });
    // Two at once, the same form: one report.
    const both = await Promise.all([1, 2].map(() => submitFeedback(db, { input: input('b'), stamp: 's2', language: 'en', client: 'c2' }, T, 0)));
    expect(new Set(both.map((r) => (r as { reference: string }).reference)).size).toBe(1);
    expect(await submitFeedback(db, { input: input('c'), stamp: 's3', language: 'zh-CN', client: 'c1' }, T, 2)).toMatchObject({ ok: true, again: false });
    const limited = await submitFeedback(db, { input: input('d'), stamp: 's4', language: 'zh-CN', client: 'c1' }, T, 2);
    expect(limited).toEqual({ ok: false, reason: 'limited', until: Date.parse('2027-01-05T03:00:00Z') });
    // Another client, or the next hour: taken.
    expect((await submitFeedback(db, { input: input('d'), stamp: 's4', language: 'zh-CN', client: 'c3' }, T, 2)).ok).toBe(true);
    expect((await submitFeedback(db, { input: input('e'), stamp: 's5', language: 'zh-CN', client: 'c1' }, T + 3_600_000, 2)).ok).toBe(true);
    expect(await db.selectFrom('feedback').select('message').orderBy('message').execute()).toEqual(['a', 'b', 'c', 'd', 'e'].map((message) => ({ message })));
  });

  it.runIf(engine.available)('lists open reports oldest first, moves them only as allowed, and purges closed ones after a year', async () => {
    const db = database.db;
    await db.deleteFrom('feedback').execute();
    const T = Date.parse('2027-02-01T00:00:00Z');
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await submitFeedback(db, { input: input(`m${i}`), stamp: `q${i}`, language: 'zh-CN', client: 'c' }, T + i * 1000, 0);
      refs.push((r as { reference: string }).reference);
    }
    expect((await feedbackQueue(db, 'open')).rows.map((r) => r.reference)).toEqual(refs);
    expect((await feedbackQueue(db, 'all')).rows.map((r) => r.reference)).toEqual([...refs].reverse());
    expect(await feedbackQueue(db, 'open', 2)).toMatchObject({ more: true });
    expect(await moveFeedback(db, refs[0]!, 'new', '', by, T)).toEqual({ ok: false, problem: 'notAllowed' });
    expect(await moveFeedback(db, 'NOSUCHREF2', 'closed', '', by, T)).toEqual({ ok: false, problem: 'notFound' });
    expect(await moveFeedback(db, refs[0]!, 'inProgress', '', by, T)).toEqual({ ok: true });
    expect(await moveFeedback(db, refs[0]!, 'closed', '已改正', by, T + DAY)).toEqual({ ok: true });
    expect(await moveFeedback(db, refs[1]!, 'closed', '', by, T + 200 * DAY)).toEqual({ ok: true });
    expect((await openFeedback(db, refs[0]!, by))?.note).toBe('已改正');
    expect((await feedbackQueue(db, 'open')).rows.map((r) => r.reference)).toEqual([refs[2]]);
    // A year after closing, gone; closed later, or still open, kept.
    expect(await purgeFeedback(db, T + 367 * DAY)).toBe(1);
    expect((await feedbackQueue(db, 'all')).rows.map((r) => r.reference).sort()).toEqual([refs[1], refs[2]].sort());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
