/**
 * The staff pages in each of their states (issue 13 point 9), with the queue of reports of a
 * problem and the public form's error state (point 10), for the accessibility crawl and
 * the HTML conformance check: each reached over HTTP as a member of staff would reach it, with
 * the session cookie that shows it. Errors that count as failed sign-ins are not used here (the
 * crawl opens each state in several modes, and would lock the account or the client): the
 * empty field, the common password and a wrong code at set-up show the same markup.
 */
import { randomUUID } from 'node:crypto';
import { exampleApplication, idFor } from './people';
import { newStaff, StaffVisitor, withDatabase } from './staff-visitor';
import { submitFeedback } from '../src/server/feedback/feedback';

/** A page opened with `cookie` (or none), answering `status`. */
export interface StaffState {
  cookie?: string;
  status: number;
}
/** A page reached by filling in (`fill`: selector → value) and pressing `press`, with `cookie`. */
export interface StaffPost {
  name: string;
  path: string;
  cookie?: string;
  fill: Record<string, string>;
  press: string;
  status: number;
  /** A form filled in and sent first, to reach the page whose form is then sent (a status page found by its codes). */
  first?: { fill: Record<string, string>; press: string };
}

const staffCookie = (v: StaffVisitor) => `tx-staff=${v.cookieNamed('tx-staff')}`;

/** Sends an application for a person of this process's own (the crawl and the conformance check share one server). */
async function apply(base: string, n: number) {
  const person = idFor(`1931${String(1 + (n % 12)).padStart(2, '0')}${String(1 + ((process.pid + n) % 28)).padStart(2, '0')}`, '220201', String(100 + ((process.pid * 7 + n) % 900)));
  const res = await fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(exampleApplication({}, person)) });
  if (res.status !== 201) throw new Error(`apply answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { reference: string; accessCode: string };
}

export async function staffStates(base: string, databaseUrl: string) {
  const STAFF_STATES = new Map<string, StaffState>();
  const STAFF_POSTS: StaffPost[] = [];
  /** Applications decided by staff, for their status page on /track. */
  const TRACKED: { prefix: '' | '/en'; reference: string; accessCode: string }[] = [];
  for (const prefix of ['', '/en'] as const) {
    const at = (path: string) => `${prefix}${path}`;
    STAFF_STATES.set(at('/staff/sign-in/'), { status: 200 });
    STAFF_STATES.set(at('/staff/sign-in/?ended=1'), { status: 200 });
    STAFF_STATES.set(at('/staff/sign-in/?ended=1&kept=1'), { status: 200 });
    STAFF_STATES.set(at('/staff/sign-out/?done=here'), { status: 200 });
    STAFF_STATES.set(at('/staff/sign-out/?done=everywhere'), { status: 200 });
    STAFF_POSTS.push({ name: 'nothing filled in', path: at('/staff/sign-in/'), fill: {}, press: 'button[value="signIn"]', status: 400 });

    // Set-up, step 1: a first sign-in with the one-time password.
    const first = await newStaff(databaseUrl);
    const v1 = new StaffVisitor(base, prefix);
    await v1.post(at('/staff/sign-in/'), { email: first.email, password: first.password });
    STAFF_STATES.set(at('/staff/set-up/'), { cookie: staffCookie(v1), status: 200 });
    STAFF_POSTS.push({ name: 'a common password', path: at('/staff/set-up/'), cookie: staffCookie(v1), fill: { '#password': 'password1' }, press: 'button[value="password"]', status: 400 });

    // Step 2: the authenticator (a state of the same address: the key marks it).
    const second = await newStaff(databaseUrl);
    const v2 = new StaffVisitor(base, prefix);
    await v2.post(at('/staff/sign-in/'), { email: second.email, password: second.password });
    await v2.submit('/staff/set-up/', { action: 'password', password: 'a passphrase of my own' });
    STAFF_STATES.set(at('/staff/set-up/#authenticator'), { cookie: staffCookie(v2), status: 200 });
    STAFF_POSTS.push({ name: 'a wrong code from the authenticator', path: at('/staff/set-up/'), cookie: staffCookie(v2), fill: { '#code': '000000' }, press: 'button[value="authenticator"]', status: 400 });

    // A signed-in member (set up in full), and the same account half-way through a later sign-in.
    const member = await newStaff(databaseUrl);
    const signedIn = new StaffVisitor(base, prefix);
    await signedIn.firstSignIn(member);
    const half = new StaffVisitor(base, prefix);
    await half.post(at('/staff/sign-in/'), { email: member.email, password: member.password });
    STAFF_STATES.set(at('/staff/sign-in/code/'), { cookie: staffCookie(half), status: 200 });
    STAFF_POSTS.push({ name: 'no code', path: at('/staff/sign-in/code/'), cookie: staffCookie(half), fill: {}, press: 'button[value="code"]', status: 400 });
    STAFF_STATES.set(at('/staff/'), { cookie: staffCookie(signedIn), status: 200 });
    STAFF_STATES.set(at('/staff/?form=two-subsidies&status=submitted&age=week'), { cookie: staffCookie(signedIn), status: 200 });
    STAFF_STATES.set(at('/staff/?reference=ABC'), { cookie: staffCookie(signedIn), status: 400 });
    STAFF_STATES.set(at('/staff/?recoveryLeft=9'), { cookie: staffCookie(signedIn), status: 200 });
    STAFF_STATES.set(at('/staff/sign-out/'), { cookie: staffCookie(signedIn), status: 200 });
    STAFF_STATES.set(at('/staff/?extended=1'), { cookie: staffCookie(signedIn), status: 200 });

    // A case: new (the clerk may accept it or ask for information), after a request for
    // information, and at civil affairs (refuse, with its errors); then the applicant's status
    // page once it is refused, with who looked at it.
    const fresh = await apply(base, prefix ? 1 : 0);
    STAFF_STATES.set(at(`/staff/cases/${fresh.reference}/`), { cookie: staffCookie(signedIn), status: 200 });
    const asked = await apply(base, prefix ? 3 : 2);
    await signedIn.submit(`/staff/cases/${asked.reference}/`, { action: 'requestInformation', items: '户口簿复印件\n低保证', due: '2099-01-31' });
    await signedIn.submit(`/staff/cases/${asked.reference}/`, { action: 'take' });
    STAFF_STATES.set(at('/staff/?assignee=me'), { cookie: staffCookie(signedIn), status: 200 });
    STAFF_STATES.set(at(`/staff/cases/${asked.reference}/#waiting`), { cookie: staffCookie(signedIn), status: 200 });
    // The applicant's status page with the request and the reply form, and the reply sent empty.
    const find = { fill: { '#reference': asked.reference, '#accessCode': asked.accessCode }, press: 'button[value="find"]' };
    STAFF_POSTS.push({ name: 'a request for information to reply to', path: at('/track/'), ...find, status: 200 });
    STAFF_POSTS.push({ name: 'a reply sent empty', path: at('/track/'), first: find, fill: {}, press: 'button[value="reply"]', status: 400 });
    const decided = await apply(base, prefix ? 5 : 4);
    const reviewer = new StaffVisitor(base, prefix);
    await reviewer.firstSignIn(await newStaff(databaseUrl, { role: 'countyDpfReviewer' }));
    const approver = new StaffVisitor(base, prefix);
    await approver.firstSignIn(await newStaff(databaseUrl, { role: 'countyCivilAffairsApprover', region: 'jilin' }));
    await signedIn.submit(`/staff/cases/${decided.reference}/`, { action: 'accept' });
    await reviewer.submit(`/staff/cases/${decided.reference}/`, { action: 'review' });
    STAFF_STATES.set(at(`/staff/cases/${decided.reference}/`), { cookie: staffCookie(approver), status: 200 });
    STAFF_POSTS.push({ name: 'a refusal without its reason', path: at(`/staff/cases/${decided.reference}/`), cookie: staffCookie(approver), fill: {}, press: 'button[value="refuse"]', status: 400 });
    // A decision saved as a draft: the forms filled in again, and said so.
    const drafted = await apply(base, prefix ? 9 : 8);
    await signedIn.submit(`/staff/cases/${drafted.reference}/`, { action: 'accept' });
    await reviewer.submit(`/staff/cases/${drafted.reference}/`, { action: 'review' });
    await approver.submit(`/staff/cases/${drafted.reference}/`, { save: 'draft', reason: 'other', reasonText: '还在核实' });
    STAFF_STATES.set(at(`/staff/cases/${drafted.reference}/?done=saved`), { cookie: staffCookie(approver), status: 200 });
    const refused = await apply(base, prefix ? 7 : 6);
    await signedIn.submit(`/staff/cases/${refused.reference}/`, { action: 'accept' });
    await reviewer.submit(`/staff/cases/${refused.reference}/`, { action: 'review' });
    await approver.submit(`/staff/cases/${refused.reference}/`, { action: 'refuse', reason: 'household', reasonText: '家庭不是低保家庭。' });
    TRACKED.push({ prefix, ...refused });
    // Its notices given up as failed (the gateway refused them eight times): the case page says to phone.
    await withDatabase(databaseUrl, (db) =>
      db
        .updateTable('outbox')
        .set({ state: 'failed', attempts: 8, last_error: 'gateway refused', claimed_until: null })
        .where('application_id', 'in', db.selectFrom('applications').select('id').where('reference', '=', refused.reference))
        .execute(),
    );
    STAFF_STATES.set(at(`/staff/cases/${refused.reference}/#failed-notices`), { cookie: staffCookie(approver), status: 200 });

    // Step 3: the recovery codes, opened again (so new ones replace those first shown).
    const codes = await newStaff(databaseUrl);
    const vc = new StaffVisitor(base, prefix);
    await vc.firstSignIn(codes, { stopAtCodes: true });
    STAFF_STATES.set(at('/staff/set-up/#recovery'), { cookie: staffCookie(vc), status: 200 });

    // A supervisor's audit log.
    const supervisor = new StaffVisitor(base, prefix);
    await supervisor.firstSignIn(await newStaff(databaseUrl, { role: 'supervisor', region: 'jilin' }));
    STAFF_STATES.set(at('/staff/audit/'), { cookie: staffCookie(supervisor), status: 200 });
    // The supervisor's reports, with another number of days chosen.
    STAFF_STATES.set(at('/staff/reports/'), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_STATES.set(at('/staff/reports/?days=30'), { cookie: staffCookie(supervisor), status: 200 });
    // The supervisor's queue (anyone's cases) and a case with the form that assigns it.
    STAFF_STATES.set(at('/staff/?assignee=none#supervisor'), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_STATES.set(at(`/staff/cases/${asked.reference}/#supervisor`), { cookie: staffCookie(supervisor), status: 200 });

    // Reports of a problem: the supervisor's queue, closed ones, a report with a way to reply,
    // after it was closed, and its form sent without a choice.
    const reported = await withDatabase(databaseUrl, (db) =>
      submitFeedback(db, { input: { page: at('/services/'), message: '高对比度下单选框看不清。\n第二行。', contact: { name: '王阿姨', value: '138 1234 5678', kind: 'phone' } }, stamp: randomUUID(), language: prefix ? 'en' : 'zh-CN', client: 'crawl' }, Date.now(), 0),
    );
    const closedReport = await withDatabase(databaseUrl, (db) => submitFeedback(db, { input: { page: '', message: '字太小' }, stamp: randomUUID(), language: 'zh-CN', client: 'crawl' }, Date.now(), 0));
    if (!reported.ok || !closedReport.ok) throw new Error('a report was not kept');
    await supervisor.submit(`/staff/problem-reports/${closedReport.reference}/`, { status: 'closed', note: '已改大默认字号' });
    STAFF_STATES.set(at('/staff/problem-reports/'), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_STATES.set(at('/staff/problem-reports/?status=closed'), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_STATES.set(at(`/staff/problem-reports/${reported.reference}/`), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_STATES.set(at(`/staff/problem-reports/${closedReport.reference}/?done=closed`), { cookie: staffCookie(supervisor), status: 200 });
    STAFF_POSTS.push({ name: 'a report handled without a choice', path: at(`/staff/problem-reports/${reported.reference}/`), cookie: staffCookie(supervisor), fill: {}, press: '.move button', status: 400 });
    // The public form sent with a way to reply but no consent, and no message: two errors.
    STAFF_POSTS.push({ name: 'a report without its message or consent', path: at('/feedback/'), fill: { '#contact': '138 1234 5678' }, press: 'button[value="send"]', status: 400 });

    // An administrator's queue.
    const third = await newStaff(databaseUrl, { role: 'admin', region: 'china' });
    const v3 = new StaffVisitor(base, prefix);
    await v3.firstSignIn(third);
    STAFF_STATES.set(at('/staff/#admin'), { cookie: staffCookie(v3), status: 200 });
    STAFF_STATES.set(at('/staff/problem-reports/#admin'), { cookie: staffCookie(v3), status: 200 });
  }
  // The status page of a refused application: reached by posting the pair on /track.
  for (const { prefix, reference, accessCode } of TRACKED)
    STAFF_POSTS.push({ name: 'a refused application, and who looked at it', path: `${prefix}/track/`, fill: { '#reference': reference, '#accessCode': accessCode }, press: 'button[value="find"]', status: 200 });
  return { STAFF_STATES, STAFF_POSTS };
}
