/**
 * A member of staff in a browser without JavaScript (issue 13): added straight to the portal's
 * database with a password of their own choosing as the one-time one, then signed in over HTTP,
 * setting the account up (own password, authenticator from the key the page shows, recovery
 * codes) or giving a code. Used by the staff tests and by the accessibility crawl.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, readDatabaseConfig } from '../src/server/db/database';
import { addStaff, type StaffMember } from '../src/server/staff/accounts';
import { base32Decode, totp } from '../src/server/staff/totp';
import { Visitor } from './check-visitor';

/** A page's text, without its markup and styles. */
export const plain = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
/** The error summary's entries, as `field: message`. */
export const summary = (html: string) => [...(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '').matchAll(/<a href="#([^"]+)"[^>]*>([^<]+)</g)].map((m) => `${m[1]}: ${m[2]}`);

export interface StaffAccount {
  member: StaffMember;
  email: string;
  password: string;
  /** The authenticator's secret, once set up. */
  secret?: Buffer;
  recoveryCodes?: string[];
}

let made = 0;
/** Adds a member of staff to the database at `databaseUrl`; the password given is their one-time one. */
export async function newStaff(databaseUrl: string, over: { role?: string; region?: string; name?: string } = {}): Promise<StaffAccount> {
  const db = openDatabase(readDatabaseConfig({ DATABASE_URL: databaseUrl }));
  try {
    const email = `staff-${process.pid}-${made++}-${randomBytes(3).toString('hex')}@example.org`;
    const password = `one-time ${randomBytes(6).toString('hex')}`;
    const added = await addStaff(db, { email, name: over.name ?? '王芳', role: over.role ?? 'townshipClerk', region: over.region ?? 'jilin-city', password }, Date.now());
    if (!added.ok) throw new Error(`addStaff: ${added.problem}`);
    return { member: added.member, email, password };
  } finally {
    await db.destroy();
  }
}

/** Runs `work` on a connection of its own to the database at `databaseUrl` (the server's), closed after. */
export async function withDatabase<T>(databaseUrl: string, work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(readDatabaseConfig({ DATABASE_URL: databaseUrl }));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

export class StaffVisitor extends Visitor {
  constructor(
    base: string,
    readonly prefix: '' | '/en' = '',
  ) {
    super(base);
  }

  cookieNamed(name: string): string | undefined {
    return new RegExp(`(?:^|; )${name}=([^;]*)`).exec(this.cookie)?.[1];
  }

  /** The CSRF token of the page's forms. */
  static csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  /** GETs a page and returns its HTML and status. */
  async page(path: string) {
    const res = await this.get(`${this.prefix}${path}`);
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }

  /** POSTs a form of the page at `path` (the session's CSRF token read from the page first, or from the queue when the page has no form). */
  async submit(path: string, fields: Record<string, string>, csrf?: string) {
    const token = csrf ?? (StaffVisitor.csrfOf((await this.page(path)).html) || StaffVisitor.csrfOf((await this.page('/staff/sign-out/')).html));
    const res = await this.post(`${this.prefix}${path}`, { csrf: token, ...fields });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }

  /** The first sign-in of a new account, through the set-up, to the queue; fills in the account's new password, secret and codes. */
  async firstSignIn(account: StaffAccount, { newPassword = `my own ${randomBytes(6).toString('hex')} passphrase`, stopAtCodes = false } = {}) {
    const signIn = await this.post(`${this.prefix}/staff/sign-in/`, { email: account.email, password: account.password });
    if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
    const password = await this.submit('/staff/set-up/', { action: 'password', password: newPassword });
    if (password.status !== 200) throw new Error(`set-up password answered ${password.status}`);
    const key = /<code class="key"[^>]*>([^<]+)</.exec(password.html)?.[1];
    const secret = key && base32Decode(key.replace(/\s/g, ''));
    if (!secret) throw new Error('no key on the authenticator step');
    const confirmed = await this.submit('/staff/set-up/', { action: 'authenticator', code: totp(secret, Date.now()) }, StaffVisitor.csrfOf(password.html));
    const codes = [...confirmed.html.matchAll(/<li[^>]*><code[^>]*>([A-Z0-9-]{11})<\/code><\/li>/g)].map((m) => m[1]!);
    if (codes.length !== 10) throw new Error(`set-up showed ${codes.length} recovery codes`);
    account.password = newPassword;
    account.secret = secret;
    account.recoveryCodes = codes;
    if (stopAtCodes) return account;
    const done = await this.submit('/staff/set-up/', { action: 'done' }, StaffVisitor.csrfOf(confirmed.html));
    if (done.status !== 303) throw new Error(`set-up done answered ${done.status}`);
    return account;
  }

  /**
   * A later sign-in: password, then `code` (by default the authenticator's for the next step, so
   * it was never used; a third sign-in within the same half minute needs a recovery code).
   */
  async signIn(account: StaffAccount, code = totp(account.secret!, Date.now() + 30_000)) {
    const signIn = await this.post(`${this.prefix}/staff/sign-in/`, { email: account.email, password: account.password });
    if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
    const answered = await this.submit('/staff/sign-in/code/', { code });
    if (answered.status !== 303) throw new Error(`code answered ${answered.status}`);
    return answered;
  }
}
