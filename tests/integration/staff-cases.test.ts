/**
 * Deciding a case over HTTP without JavaScript (issue 13 points 3-6 and 9): the two subsidies'
 * statutory chain taken by three members of staff in their roles (the township accepts, the
 * county DPF reviews, county civil affairs refuses with a reason, or asks for information); a
 * move by the wrong role refused in the domain; every route for a case outside the member's
 * region (page, document, move) answered 404; a document sent as an attachment; every view,
 * download and move in the audit log, whose chain verifies; and the applicant's status page
 * showing each step, the reason and the route to challenge it, and who looked at the file.
 */
import { describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '../../src/server/audit/audit';
import { exampleApplication, idFor } from '../people';
import { applyJourneys, applyWalk, send, ApplyVisitor, PHOTO } from '../apply-visitor';
import { newStaff, plain, StaffVisitor, summary, withDatabase } from '../staff-visitor';
import { formatCode } from '../../src/domain/applications/codes';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

let born = 0;
const person = () => idFor(`1933${String(1 + (born % 12)).padStart(2, '0')}${String(1 + Math.floor(born++ / 12)).padStart(2, '0')}`, '220201', String(100 + Math.floor(Math.random() * 900)));
async function apply(region = 'jilin-city', idNumber = person()) {
  const res = await fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(exampleApplication({ region }, idNumber)) });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { reference: string; accessCode: string };
  return { ...body, idNumber };
}
async function signedIn(role: string, region: string) {
  const v = new StaffVisitor(base);
  await v.firstSignIn(await newStaff(databaseUrl, { role, region }));
  return v;
}
const withDb = <T>(work: Parameters<typeof withDatabase<T>>[1]) => withDatabase(databaseUrl, work);
const track = async (reference: string, accessCode: string) => plain(await (await new ApplyVisitor(base).post('/track/', { reference, accessCode, action: 'find' })).text());

describe('the statutory chain', () => {
  it('goes from the township to the county DPF to civil affairs, each in its role, and the applicant sees each step', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    const reviewer = await signedIn('countyDpfReviewer', 'jilin-city');
    const approver = await signedIn('countyCivilAffairsApprover', 'jilin');
    const casePath = `/staff/cases/${made.reference}/`;

    // The clerk sees the case: the person, the answers, the pre-screen with its reasons; the ID in full here.
    const opened = await clerk.page(casePath);
    expect(opened.status).toBe(200);
    const text = plain(opened.html);
    expect(text).toContain('王建国');
    expect(text).toContain(made.idNumber);
    expect(text).toContain('自查预审结果');
    expect(opened.html).toContain('value="accept"');
    expect(opened.html).not.toContain('value="approve"');

    // The reviewer cannot accept: the domain refuses, whatever is posted.
    const early = await reviewer.submit(casePath, { action: 'accept' });
    expect(early.status).toBe(409);
    expect(summary(early.html)).toEqual(['actions-heading: 这个申请刚刚有了变化，请看最新的状态再办理。']);

    const accepted = await clerk.submit(casePath, { action: 'accept' });
    expect(accepted.status).toBe(303);
    expect(plain((await clerk.page(accepted.location!)).html)).toContain('已受理。');
    // Twice: refused (it has moved on).
    expect((await clerk.submit(casePath, { action: 'accept' })).status).toBe(409);
    expect((await reviewer.submit(casePath, { action: 'review' })).status).toBe(303);

    // A refusal needs its reason and its text.
    const empty = await approver.submit(casePath, { action: 'refuse', reason: '', reasonText: ' ' });
    expect(empty.status).toBe(400);
    expect(summary(empty.html)).toEqual(['reason-0: 请选择不批准的原因', 'reasonText: 请写给申请人的说明']);
    expect((await approver.submit(casePath, { action: 'refuse', reason: 'household', reasonText: '家庭不是低保家庭，也不是困难家庭。' })).status).toBe(303);
    const closed = await approver.page(casePath);
    expect(plain(closed.html)).toContain('这个申请现在不需要你办理');

    // The applicant sees each step, the reason and the route to challenge it, and who looked.
    const status = await track(made.reference, made.accessCode);
    expect(status).toContain('未批准');
    expect(status).toContain('不批准的原因：家庭不是低保家庭，也不是困难家庭。');
    expect(status).toContain('行政复议');
    expect(status).toContain('乡镇（街道）受理窗口（乡镇（街道）受理人员）查看了申请');
    expect(status).toContain('县级民政部门（县级民政审批人员）查看了申请');
    expect(status).not.toContain('王芳');
    // Closed: the same person may apply again for the same form.
    expect((await apply('jilin-city', made.idNumber)).reference).not.toBe(made.reference);

    await withDb(async (db) => {
      const rows = await db.selectFrom('audit_log').innerJoin('applications', 'applications.id', 'audit_log.application_id').select(['audit_log.action', 'audit_log.role', 'audit_log.request_id']).where('applications.reference', '=', made.reference).orderBy('audit_log.seq').execute();
      expect(rows.map((r) => `${r.role}:${r.action}`)).toEqual(
        expect.arrayContaining(['townshipClerk:view', 'townshipClerk:accept', 'countyDpfReviewer:review', 'countyCivilAffairsApprover:refuse', 'countyCivilAffairsApprover:view']),
      );
      for (const r of rows) expect(r.request_id).toMatch(/^[0-9a-f-]{36}$/);
      // No personal data in the log.
      expect(JSON.stringify(rows)).not.toContain(made.idNumber);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });
  });

  it('asks for information with items and a due date, and nothing moves on until the reply', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    const casePath = `/staff/cases/${made.reference}/`;
    const bad = await clerk.submit(casePath, { action: 'requestInformation', items: '  ', due: '2001-01-01' });
    expect(bad.status).toBe(400);
    expect(summary(bad.html)).toEqual(['items: 请写需要补充什么', 'due: 请选择截止日期，不能早于今天']);
    expect((await clerk.submit(casePath, { action: 'requestInformation', items: '户口簿复印件\n低保证', due: '2099-01-31' })).status).toBe(303);
    const waiting = await clerk.page(casePath);
    expect(plain(waiting.html)).toContain('等待申请人补充：户口簿复印件、低保证（2099-01-31 前）');
    expect(waiting.html).not.toContain('value="accept"');
    expect((await clerk.submit(casePath, { action: 'accept' })).status).toBe(409);
    expect(await track(made.reference, made.accessCode)).toContain('办理机构请你补充：户口簿复印件、低保证。请在 2099-01-31 前');

    // The applicant replies on the status page, with text and a file; the request closes.
    const family = new ApplyVisitor(base);
    const codes = { reference: made.reference, accessCode: made.accessCode };
    const noText = await family.postMultipart('/track/', { ...codes, action: 'reply', reply: ' ' });
    expect(noText.status).toBe(400);
    expect(summary(await noText.text())).toEqual(['reply: 请写你的回复']);
    const body = new FormData();
    for (const [k, v] of Object.entries({ ...codes, action: 'reply', reply: '户口簿复印件附上，低保证下周送到窗口。' })) body.append(k, v);
    body.append('file', new Blob([new TextEncoder().encode('<html>not a photo</html>')], { type: 'image/jpeg' }), 'fake.jpg');
    const lying = await family.request('/track/', { method: 'POST', body, headers: { origin: base } });
    expect(lying.status).toBe(400);
    expect(summary(await lying.text())).toEqual(['file: 只能上传 JPG、PNG 照片或 PDF 文件']);
    const withFile = new FormData();
    for (const [k, v] of Object.entries({ ...codes, action: 'reply', reply: '户口簿复印件附上，低保证下周送到窗口。' })) withFile.append(k, v);
    withFile.append('file', new Blob([new Uint8Array(PHOTO)], { type: 'image/jpeg' }), '户口簿.jpg');
    const sent = await family.request('/track/', { method: 'POST', body: withFile, headers: { origin: base } });
    expect(sent.status).toBe(200);
    const after = plain(await sent.text());
    expect(after).toContain('你的回复已经发送');
    expect(after).not.toContain('发送回复');
    const reopened = await clerk.page(casePath);
    expect(plain(reopened.html)).toContain('户口簿复印件附上，低保证下周送到窗口。');
    expect(plain(reopened.html)).toContain('户口簿.jpg');
    expect(reopened.html).toContain('value="accept"');
    expect((await clerk.submit(casePath, { action: 'accept' })).status).toBe(303);
  });
});

describe('notices', () => {
  it('are written with each change, delivered by the server’s sender, and shown to staff with the number masked', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    const casePath = `/staff/cases/${made.reference}/`;
    expect((await clerk.submit(casePath, { action: 'accept' })).status).toBe(303);
    const reviewer = await signedIn('countyDpfReviewer', 'jilin-city');
    expect((await reviewer.submit(casePath, { action: 'requestInformation', items: '户口簿复印件', due: '2099-01-31' })).status).toBe(303);
    expect((await new ApplyVisitor(base).post('/track/', { reference: made.reference, accessCode: made.accessCode, action: 'withdrawConfirmed' })).status).toBe(200);
    const rows = await withDb(async (db) => {
      const query = () =>
        db.selectFrom('outbox').innerJoin('applications', 'applications.id', 'outbox.application_id').select(['outbox.kind', 'outbox.state', 'outbox.recipient', 'outbox.message', 'outbox.created_at']).where('applications.reference', '=', made.reference).orderBy('outbox.created_at').execute();
      for (let i = 0; i < 100 && (await query()).some((r) => r.state !== 'sent'); i++) await new Promise((r) => setTimeout(r, 100));
      return query();
    });
    expect(rows.map((r) => [r.kind, r.state, r.recipient])).toEqual([
      ['submitted', 'sent', '13800001234'],
      ['accepted', 'sent', '13800001234'],
      ['informationRequested', 'sent', '13800001234'],
      ['withdrawn', 'sent', '13800001234'],
    ]);
    const asked = JSON.parse(rows[2]!.message) as { sms: { zh: string } };
    expect(asked.sms.zh).toContain('2099-01-31');
    expect(asked.sms.zh).toContain(made.reference);
    const page = plain((await reviewer.page(casePath)).html);
    expect(page).toContain('发给申请人的通知');
    expect(page).toContain('请补充材料 · 短信发给 138****1234 ·');
  });
});

describe('a decision being written', () => {
  const reviewed = async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    const reviewer = await signedIn('countyDpfReviewer', 'jilin-city');
    const casePath = `/staff/cases/${made.reference}/`;
    expect((await clerk.submit(casePath, { action: 'accept' })).status).toBe(303);
    expect((await reviewer.submit(casePath, { action: 'review' })).status).toBe(303);
    const account = await newStaff(databaseUrl, { role: 'countyCivilAffairsApprover', region: 'jilin' });
    const approver = new StaffVisitor(base);
    await approver.firstSignIn(account);
    return { made, casePath, approver, account };
  };
  const statusOf = (reference: string) => withDb(async (db) => (await db.selectFrom('applications').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status);

  it('is kept by "save as draft" without JavaScript, fills the form again, and goes when the decision is made', async () => {
    const { made, casePath, approver } = await reviewed();
    const saved = await approver.submit(casePath, { save: 'draft', reason: 'household', reasonText: '家庭不是低保家庭' });
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/\?done=saved$/);
    const page = await approver.page(`${casePath}?done=saved`);
    expect(plain(page.html)).toContain('草稿已保存，还没有办理。');
    expect(plain(page.html)).toContain('已保存为草稿，还没有办理。');
    expect(page.html).toContain('>家庭不是低保家庭</textarea>');
    expect(page.html).toMatch(/value="household" checked/);
    // Saving the other form keeps this one's fields.
    expect((await approver.submit(casePath, { save: 'draft', items: '', due: '' })).status).toBe(303);
    expect((await approver.page(casePath)).html).toContain('>家庭不是低保家庭</textarea>');
    expect(await statusOf(made.reference)).toBe('reviewed');
    expect((await approver.submit(casePath, { action: 'refuse', reason: 'household', reasonText: '家庭不是低保家庭。' })).status).toBe(303);
    await withDb(async (db) => expect(await db.selectFrom('decision_drafts').innerJoin('applications', 'applications.id', 'decision_drafts.application_id').select('fields').where('applications.reference', '=', made.reference).execute()).toEqual([]));
  });

  it('is saved as JSON for the island, without a page or an audited view each time', async () => {
    const { made, casePath, approver } = await reviewed();
    const csrf = StaffVisitor.csrfOf((await approver.page(casePath)).html);
    const views = () => withDb(async (db) => (await db.selectFrom('audit_log').innerJoin('applications', 'applications.id', 'audit_log.application_id').select('seq').where('applications.reference', '=', made.reference).where('audit_log.action', '=', 'view').execute()).length);
    const before = await views();
    const res = await approver.request(casePath, { method: 'POST', body: new URLSearchParams({ csrf, save: 'draft', reasonText: '正在写' }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ savedAt: expect.stringMatching(/^\d\d:\d\d$/) });
    expect(await views()).toBe(before);
    const forged = await approver.request(casePath, { method: 'POST', body: new URLSearchParams({ csrf: 'x', save: 'draft', reasonText: '伪造' }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'application/json' } });
    expect(forged.status).not.toBe(200);
    expect((await approver.page(casePath)).html).toContain('>正在写</textarea>');
  });

  it('survives the session ending: the decision posted after the end is kept, and nothing is decided', async () => {
    const { made, casePath, approver, account } = await reviewed();
    const csrf = StaffVisitor.csrfOf((await approver.page(casePath)).html);
    const endIdle = () => withDb((db) => db.updateTable('staff_sessions').set({ idle_until: new Date(Date.now() - 60_000).toISOString() }).where('staff_id', '=', account.member.id).execute());
    await endIdle();
    const late = await approver.submit(casePath, { action: 'refuse', reason: 'other', reasonText: '写了很久的说明' }, csrf);
    expect(late.status).toBe(303);
    expect(late.location).toBe('/staff/sign-in/?ended=1&kept=1');
    expect(plain((await approver.page(late.location!)).html)).toContain('你正在写的审批意见已保存为草稿');
    expect(await statusOf(made.reference)).toBe('reviewed');
    await approver.signIn(account);
    const again = await approver.page(casePath);
    expect(again.html).toContain('>写了很久的说明</textarea>');
    expect(again.html).toMatch(/value="other" checked/);
    // With a token that is not the session's, nothing is kept.
    await endIdle();
    const forged = await approver.submit(casePath, { action: 'refuse', reason: 'other', reasonText: '别人写的' }, 'not-the-token');
    expect(forged.location).toBe('/staff/sign-in/?ended=1');
    // A third sign-in within the half minute: a recovery code (each authenticator code works once).
    await approver.signIn(account, account.recoveryCodes![0]);
    expect((await approver.page(casePath)).html).not.toContain('别人写的');
  });
});

describe('staying signed in', () => {
  it('moves the idle limit on from the staff bar, without JavaScript and as JSON, never for anyone else', async () => {
    const account = await newStaff(databaseUrl, { role: 'townshipClerk', region: 'jilin-city' });
    const v = new StaffVisitor(base);
    await v.firstSignIn(account);
    const idleUntil = () => withDb(async (db) => (await db.selectFrom('staff_sessions').select('idle_until').where('staff_id', '=', account.member.id).executeTakeFirstOrThrow()).idle_until);
    const soon = new Date(Date.now() + 4 * 60_000).toISOString();
    await withDb((db) => db.updateTable('staff_sessions').set({ idle_until: soon, seen_at: new Date().toISOString() }).where('staff_id', '=', account.member.id).execute());
    const queue = await v.page('/staff/');
    expect(queue.html).toMatch(/data-seconds-left="2[0-9]{2}"/);
    const stay = await v.submit('/staff/session/', { back: '/staff/' }, StaffVisitor.csrfOf(queue.html));
    expect(stay.status).toBe(303);
    expect(stay.location).toBe('/staff/?extended=1');
    expect(Date.parse(await idleUntil())).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(plain((await v.page(stay.location!)).html)).toContain('已延长：你的登录保持到');
    const json = await v.request('/staff/session/', { method: 'POST', body: new URLSearchParams({ csrf: StaffVisitor.csrfOf(queue.html) }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'application/json' } });
    expect(await json.json()).toEqual({ secondsLeft: expect.any(Number) });
    // Back only to a staff page of this site; a GET does nothing; no token, no extension.
    expect((await v.submit('/staff/session/', { back: '//evil.example/staff/' }, StaffVisitor.csrfOf(queue.html))).location).toBe('/staff/');
    expect((await v.page('/staff/session/')).location).toBe('/staff/');
    expect((await v.submit('/staff/session/', {}, 'wrong')).status).toBe(403);
    expect((await new StaffVisitor(base).submit('/staff/session/', {}, 'x')).location).toBe('/staff/sign-in/');
  });
});

describe('who works on a case', () => {
  it('is taken by a clerk, given to another by a supervisor, filtered in the queue, cleared when it moves on, each step audited', async () => {
    const made = await apply();
    const casePath = `/staff/cases/${made.reference}/`;
    const first = await newStaff(databaseUrl, { role: 'townshipClerk', region: 'jilin-city', name: '张一' });
    const clerk = new StaffVisitor(base);
    await clerk.firstSignIn(first);
    const second = await newStaff(databaseUrl, { role: 'townshipClerk', region: 'jilin-city', name: '李二' });
    const colleague = new StaffVisitor(base);
    await colleague.firstSignIn(second);
    const reviewer = await newStaff(databaseUrl, { role: 'countyDpfReviewer', region: 'jilin-city', name: '赵三' });
    const supervisor = await signedIn('supervisor', 'jilin');

    expect(plain((await clerk.page(casePath)).html)).toContain('办理人 还没有人办理');
    const taken = await clerk.submit(casePath, { action: 'take' });
    expect(taken.location).toBe(`${casePath}?done=take`);
    expect(plain((await clerk.page(taken.location!)).html)).toContain('张一（你）');
    // Someone else's: the colleague cannot take it or give it back.
    const refused = await colleague.submit(casePath, { action: 'take' });
    expect(refused.status).toBe(409);
    expect(summary(refused.html)).toEqual(['actions-heading: 这个申请已经由别人办理。需要换人请找主管。']);
    expect((await colleague.submit(casePath, { action: 'release' })).status).toBe(409);
    // The queue: mine, and nobody's.
    const mine = plain((await clerk.page('/staff/?assignee=me')).html);
    expect(mine).toContain(formatCode(made.reference));
    expect(plain((await clerk.page('/staff/?assignee=none')).html)).not.toContain(formatCode(made.reference));

    // The supervisor gives it to the colleague; not to the reviewer, whose step it is not.
    const form = await supervisor.page(casePath);
    expect(form.html).toContain(`<option value="${second.member.id}"`);
    expect(form.html).not.toContain(`<option value="${reviewer.member.id}"`);
    const wrong = await supervisor.submit(casePath, { action: 'assign', assignee: reviewer.member.id });
    expect(wrong.status).toBe(400);
    expect(summary(wrong.html)).toEqual(['assignee: 请选择负责这个地区、这个环节的工作人员']);
    expect((await supervisor.submit(casePath, { action: 'assign', assignee: second.member.id })).location).toBe(`${casePath}?done=assign`);
    expect(plain((await supervisor.page(`/staff/?assignee=${second.member.id}`)).html)).toContain('李二');
    expect(plain((await colleague.page(casePath)).html)).toContain('李二（你）');
    expect((await colleague.submit(casePath, { action: 'release' })).location).toBe(`${casePath}?done=release`);
    expect((await colleague.submit(casePath, { action: 'take' })).status).toBe(303);

    // Accepted: the county DPF holds it now, and nobody there has taken it yet.
    expect((await colleague.submit(casePath, { action: 'accept' })).status).toBe(303);
    expect(plain((await supervisor.page(casePath)).html)).toContain('办理人 还没有人办理');

    await withDb(async (db) => {
      const rows = await db.selectFrom('audit_log').innerJoin('applications', 'applications.id', 'audit_log.application_id').select(['audit_log.action', 'audit_log.role', 'audit_log.target']).where('applications.reference', '=', made.reference).where('audit_log.action', '=', 'assign').orderBy('audit_log.seq').execute();
      expect(rows.map((r) => `${r.role}:${r.target}`)).toEqual([`townshipClerk:${first.member.id}`, `supervisor:${second.member.id}`, 'townshipClerk:nobody', `townshipClerk:${second.member.id}`]);
    });
  });
});

describe('reports for supervisors', () => {
  it('draw each chart with its table, export each as CSV (audited), and are 404 to every other role', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    await clerk.submit(`/staff/cases/${made.reference}/`, { action: 'requestInformation', items: '户口簿复印件', due: '2099-01-31' });
    const supervisor = await signedIn('supervisor', 'jilin');
    const page = await supervisor.page('/staff/reports/?days=5');
    expect(page.status).toBe(200);
    const text = plain(page.html);
    expect(text).toContain('按服务和状态统计');
    expect(text).toContain('每个环节用的时间');
    expect(text).toContain(formatCode(made.reference));
    expect(page.html).toMatch(/<svg class="bar"[^>]*aria-hidden="true"/);
    expect(page.html).toMatch(/<option value="5" selected/);
    for (const table of ['status', 'stages', 'requests', 'waiting']) {
      const csv = await supervisor.request(`/staff/reports/export?table=${table}`);
      expect(csv.status, table).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="report-${table}-`));
      expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await csv.text();
      expect(body.endsWith('\r\n')).toBe(true);
      if (table === 'requests') expect(body).toContain(`${made.reference},two-subsidies,jilin-city,2099-01-31,`);
    }
    expect((await supervisor.request('/staff/reports/export?table=people')).status).toBe(404);
    expect((await clerk.page('/staff/reports/')).status).toBe(404);
    expect((await clerk.request('/staff/reports/export?table=status')).status).toBe(404);
    await withDb(async (db) => {
      const exports = await db.selectFrom('audit_log').select('target').where('action', '=', 'export').where('target', 'like', 'report-%').execute();
      expect(exports.map((e) => e.target)).toEqual(expect.arrayContaining(['report-status', 'report-stages', 'report-requests', 'report-waiting']));
    });
  });
});

describe('one application’s audit rows', () => {
  it('are exported by a supervisor from its case page, recorded too, and nothing for a case outside the scope', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    await clerk.page(`/staff/cases/${made.reference}/`);
    const supervisor = await signedIn('supervisor', 'jilin');
    const page = await supervisor.page(`/staff/cases/${made.reference}/`);
    expect(page.html).toContain(`/staff/audit/export?reference=${made.reference}`);
    const csv = await supervisor.request(`/staff/audit/export?reference=${made.reference}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`filename="audit-${made.reference}-`));
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(1)) expect(line).toContain(`,${made.reference},`);
    const elsewhere = await apply('changsha-yuhua');
    expect((await supervisor.request(`/staff/audit/export?reference=${elsewhere.reference}`)).status).toBe(404);
    expect((await supervisor.request('/staff/audit/export?reference=not-a-code')).status).toBe(404);
    await withDb(async (db) => {
      const rows = await db.selectFrom('audit_log').select('target').where('target', '=', `audit-csv:${made.reference}`).execute();
      expect(rows).toHaveLength(1);
    });
  });
});

describe('scope', () => {
  it('answers 404 for every route of a case outside the member’s region, and for an administrator', async () => {
    const made = await apply('changsha-yuhua');
    for (const [role, region] of [
      ['townshipClerk', 'jilin-city'],
      ['supervisor', 'jilin'],
      ['admin', 'china'],
    ] as const) {
      const v = await signedIn(role, region);
      const page = await v.page(`/staff/cases/${made.reference}/`);
      expect(page.status, `${role} ${region}`).toBe(404);
      expect((await v.submit(`/staff/cases/${made.reference}/`, { action: 'accept' }, StaffVisitor.csrfOf((await v.page('/staff/')).html))).status).toBe(404);
      expect((await v.page(`/staff/cases/${made.reference}/documents/${randomUUID()}`)).status).toBe(404);
      expect((await v.page('/staff/cases/NOTAREF/')).status).toBe(404);
    }
    // Without a session: sign in first, for the page and the document alike.
    expect((await fetch(`${base}/staff/cases/${made.reference}/`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${base}/staff/cases/${made.reference}/documents/${randomUUID()}`, { redirect: 'manual' })).status).toBe(303);
    // In scope: the county DPF reviewer of 雨花区 opens it (the short chain's forms and the township's alike).
    expect((await (await signedIn('countyDpfReviewer', 'changsha-yuhua')).page(`/staff/cases/${made.reference}/`)).status).toBe(200);
  });
});

describe('documents', () => {
  it('are sent to staff in scope as attachments, never sniffed or cached, and each download is recorded', async () => {
    const [journey] = applyJourneys('733');
    const { visitor } = await applyWalk(base, '', journey!);
    const sent = await send(visitor, '', journey!.form);
    const reference = sent.reference.replace(/\s/g, '');
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    const html = (await clerk.page(`/staff/cases/${reference}/`)).html;
    const link = /href="(\/staff\/cases\/[A-Z2-9]+\/documents\/[0-9a-f-]{36})"/.exec(html)?.[1];
    expect(link).toBeTruthy();
    const res = await clerk.get(link!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const outsider = await signedIn('townshipClerk', 'changsha-yuhua');
    expect((await outsider.get(link!)).status).toBe(404);
    await withDb(async (db) => {
      const downloads = await db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'download').where('target', '=', link!.split('/').at(-1)!).execute();
      expect(downloads).toHaveLength(1);
    });
    expect(await track(reference, sent.accessCode.replace(/\s/g, ''))).toContain('下载了一份材料');
  });
});

describe('the audit log for supervisors', () => {
  it('shows the rows about cases in scope with the chain checked, exports them as CSV (recorded too), and is 404 to every other role', async () => {
    const made = await apply();
    const clerk = await signedIn('townshipClerk', 'jilin-city');
    await clerk.page(`/staff/cases/${made.reference}/`);
    const supervisor = await signedIn('supervisor', 'jilin');
    const page = await supervisor.page('/staff/audit/');
    expect(page.status).toBe(200);
    // Whole, checked in full here, or since the retention job's last full check (another server on this database may have run it).
    expect(plain(page.html)).toMatch(/哈希链完整：(\d+ 行|.+完整检查过一次（\d+ 行），之后新增的 \d+ 行刚才也检查过)/);
    expect(page.html).toContain(`/staff/cases/${made.reference}/`);
    const csv = await supervisor.get('/staff/audit/export');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('seq,at,actor,role,office,action,reference,target,purpose,request_id');
    expect(text).toContain(`,townshipClerk,township,view,${made.reference},`);
    // Out of scope: a supervisor of 湖南 sees none of 吉林's rows.
    const other = await signedIn('supervisor', 'hunan');
    expect((await other.page('/staff/audit/')).html).not.toContain(made.reference);
    await withDb(async (db) => {
      expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'export').where('target', '=', 'audit-csv').execute()).not.toHaveLength(0);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });
    for (const role of ['townshipClerk', 'countyDpfReviewer', 'countyCivilAffairsApprover', 'admin']) {
      const v = await signedIn(role, 'jilin');
      expect((await v.page('/staff/audit/')).status, role).toBe(404);
      expect((await v.get('/staff/audit/export')).status, role).toBe(404);
    }
    expect((await fetch(`${base}/staff/audit/export`, { redirect: 'manual' })).status).toBe(303);
  });
});

