/**
 * The staff pages in each of their states (issue 13 point 9), for the accessibility crawl and
 * the HTML conformance check: each reached over HTTP as a member of staff would reach it, with
 * the session cookie that shows it. Errors that count as failed sign-ins are not used here (the
 * crawl opens each state in several modes, and would lock the account or the client): the
 * empty field, the common password and a wrong code at set-up show the same markup.
 */
import { newStaff, StaffVisitor } from './staff-visitor';

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
}

const staffCookie = (v: StaffVisitor) => `tx-staff=${v.cookieNamed('tx-staff')}`;

export async function staffStates(base: string, databaseUrl: string) {
  const STAFF_STATES = new Map<string, StaffState>();
  const STAFF_POSTS: StaffPost[] = [];
  for (const prefix of ['', '/en'] as const) {
    const at = (path: string) => `${prefix}${path}`;
    STAFF_STATES.set(at('/staff/sign-in/'), { status: 200 });
    STAFF_STATES.set(at('/staff/sign-in/?ended=1'), { status: 200 });
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

    // Step 3: the recovery codes, opened again (so new ones replace those first shown).
    const codes = await newStaff(databaseUrl);
    const vc = new StaffVisitor(base, prefix);
    await vc.firstSignIn(codes, { stopAtCodes: true });
    STAFF_STATES.set(at('/staff/set-up/#recovery'), { cookie: staffCookie(vc), status: 200 });

    // An administrator's queue.
    const third = await newStaff(databaseUrl, { role: 'admin', region: 'china' });
    const v3 = new StaffVisitor(base, prefix);
    await v3.firstSignIn(third);
    STAFF_STATES.set(at('/staff/#admin'), { cookie: staffCookie(v3), status: 200 });
  }
  return { STAFF_STATES, STAFF_POSTS };
}
