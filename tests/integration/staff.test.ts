/**
 * Staff accounts, sign-in and sessions on both engines (issue 13 points 1 and 2): accounts made
 * with a one-time password; a wrong password and an unknown email answered alike; failures
 * slowed, then locked, per account and per client; each authenticator code and each recovery
 * code used once, even by two requests at once; sessions rotated at each stage, ended by their
 * time limits, by signing out everywhere, and by disabling the account or changing its role.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { addStaff, changeStaffScope, checkSecondFactor, confirmAuthenticator, disableStaff, recoveryCodesLeft, sealTotpSecret, setOwnPassword, staffRowById } from '../../src/server/staff/accounts';
import { checkPassword, checkSecondStep, type SignInPolicy } from '../../src/server/staff/sign-in';
import { ABSOLUTE_MS, ENDED_KEPT_MS, IDLE_MS, csrfMatches, endAllSessions, endedSession, endSession, extendSession, purgeExpiredSessions, readSession, startSession } from '../../src/server/staff/sessions';
import { newTotpSecret, totp } from '../../src/server/staff/totp';
import { verifyPassword } from '../../src/server/staff/passwords';
import { ENGINES, migratedDatabase } from '../databases';

const KEY = randomBytes(32);
const T0 = Date.parse('2026-12-03T08:00:00Z');
const MIN = 60_000;
const POLICY: SignInPolicy = { account: { maxFailures: 5, lockMs: MIN }, accountLong: { maxFailures: 20, lockMs: 30 * MIN }, client: { maxFailures: 50, lockMs: 15 * MIN } };
let people = 0;
const clerk = (over: Record<string, string> = {}) => ({ email: `clerk${people++}@example.org`, name: '王芳', role: 'townshipClerk', region: 'jilin-city', ...over });

describe.each(ENGINES)('staff on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  /** A member with their own password and an authenticator set up; returns the secret too. */
  async function ready(password = 'correct horse battery staple') {
    const made = await addStaff(database.db, clerk(), T0);
    if (!made.ok) throw new Error(made.problem);
    await setOwnPassword(database.db, made.member.id, password, T0);
    const secret = newTotpSecret();
    const confirmed = await confirmAuthenticator(database.db, KEY, made.member.id, sealTotpSecret(KEY, secret), totp(secret, T0), T0);
    if (!confirmed.ok) throw new Error('authenticator');
    return { member: made.member, password, secret, recoveryCodes: confirmed.recoveryCodes };
  }

  run('adds an account with a one-time password that must be changed, and refuses what will not do', async () => {
    const made = await addStaff(database.db, clerk({ email: '  Li.Na@Example.ORG ' }), T0);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.member).toMatchObject({ email: 'li.na@example.org', role: 'townshipClerk', region: 'jilin-city', passwordIsTemporary: true, hasAuthenticator: false, disabled: false });
    expect(made.password).toMatch(/^[a-zA-Z0-9]{16}$/);
    const row = await staffRowById(database.db, made.member.id);
    expect(row!.password_hash).not.toContain(made.password);
    expect(await verifyPassword(made.password, row!.password_hash)).toBe(true);
    expect(await addStaff(database.db, clerk({ email: 'LI.NA@example.org' }), T0)).toEqual({ ok: false, problem: 'emailTaken' });
    expect(await addStaff(database.db, clerk({ email: 'not an email' }), T0)).toEqual({ ok: false, problem: 'email' });
    expect(await addStaff(database.db, clerk({ role: 'mayor' }), T0)).toEqual({ ok: false, problem: 'role' });
    expect(await addStaff(database.db, clerk({ name: '  ' }), T0)).toEqual({ ok: false, problem: 'name' });
    expect(await addStaff(database.db, { ...clerk(), password: 'password1' }, T0)).toEqual({ ok: false, problem: 'common' });
    expect(await addStaff(database.db, { ...clerk(), password: 'short' }, T0)).toEqual({ ok: false, problem: 'tooShort' });
    expect(await setOwnPassword(database.db, made.member.id, 'qwertyuiop', T0)).toBe('common');
    expect(await setOwnPassword(database.db, made.member.id, '我的新密码是很长的一句话', T0)).toBeUndefined();
    expect((await staffRowById(database.db, made.member.id))!.password_is_temporary).toBe(0);
  });

  run('answers a wrong password and an unknown email alike, and signs in with the right one', async () => {
    const { member, password } = await ready();
    const client = `c-${people}`;
    expect(await checkPassword(database.db, KEY, { email: member.email, password: 'wrong password!', client }, T0, POLICY)).toEqual({ ok: false, reason: 'wrong' });
    expect(await checkPassword(database.db, KEY, { email: 'nobody@example.org', password: 'wrong password!', client }, T0, POLICY)).toEqual({ ok: false, reason: 'wrong' });
    const right = await checkPassword(database.db, KEY, { email: member.email.toUpperCase(), password, client }, T0, POLICY);
    expect(right.ok && right.row.id).toBe(member.id);
  });

  run('slows an account after five failures for a minute, locks it after twenty, and the right password waits too', async () => {
    const { member, password } = await ready();
    const tryWith = (pw: string, at: number, client = `c-slow-${at}`) => checkPassword(database.db, KEY, { email: member.email, password: pw, client }, at, POLICY);
    for (let i = 0; i < 4; i++) expect((await tryWith('wrong password!', T0)).ok).toBe(false);
    expect(await tryWith('wrong password!', T0)).toEqual({ ok: false, reason: 'locked', until: new Date(T0 + MIN).toISOString() });
    expect(await tryWith(password, T0 + 30_000)).toMatchObject({ ok: false, reason: 'locked' });
    // A minute on, it may be tried again; fifteen more failures, slowed each fifth, and it locks for thirty minutes.
    let at = T0 + MIN;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await tryWith('wrong password!', at);
      at += MIN;
    }
    const locked = await tryWith(password, at);
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(locked.ok === false && locked.reason === 'locked' && Date.parse(locked.until)).toBeGreaterThanOrEqual(at + 25 * MIN);
    expect((await tryWith(password, at + 31 * MIN)).ok).toBe(true);
  });

  run('locks a client that fails on many accounts', async () => {
    const client = `c-many-${people}`;
    for (let i = 0; i < 49; i++) await checkPassword(database.db, KEY, { email: `guess${i}@example.org`, password: 'wrong password!', client }, T0, POLICY);
    expect(await checkPassword(database.db, KEY, { email: 'guess-last@example.org', password: 'wrong password!', client }, T0, POLICY)).toMatchObject({ ok: false, reason: 'locked' });
    const { member, password } = await ready();
    expect(await checkPassword(database.db, KEY, { email: member.email, password, client }, T0 + MIN, POLICY)).toMatchObject({ ok: false, reason: 'locked' });
    expect((await checkPassword(database.db, KEY, { email: member.email, password, client: 'another office' }, T0 + MIN, POLICY)).ok).toBe(true);
  });

  run('takes each authenticator code once, even from two requests at once', async () => {
    const { member, secret } = await ready();
    const code = totp(secret, T0 + 60_000);
    const both = await Promise.all([checkSecondFactor(database.db, KEY, member.id, code, T0 + 60_000), checkSecondFactor(database.db, KEY, member.id, code, T0 + 60_000)]);
    expect(both.sort()).toEqual(['authenticator', undefined].sort());
    expect(await checkSecondFactor(database.db, KEY, member.id, code, T0 + 61_000)).toBeUndefined();
    expect(await checkSecondFactor(database.db, KEY, member.id, totp(secret, T0 + 90_000), T0 + 90_000)).toBe('authenticator');
    expect(await checkSecondFactor(database.db, KEY, member.id, '000000', T0 + 120_000)).toBeUndefined();
  });

  run('takes each recovery code once, in any case and with or without its hyphen', async () => {
    const { member, recoveryCodes } = await ready();
    expect(recoveryCodes).toHaveLength(10);
    const [first, second] = recoveryCodes as [string, string];
    expect(await checkSecondFactor(database.db, KEY, member.id, first.toLowerCase().replace('-', ' '), T0)).toBe('recoveryCode');
    expect(await checkSecondFactor(database.db, KEY, member.id, first, T0)).toBeUndefined();
    const both = await Promise.all([checkSecondFactor(database.db, KEY, member.id, second, T0), checkSecondFactor(database.db, KEY, member.id, second, T0)]);
    expect(both.filter(Boolean)).toEqual(['recoveryCode']);
    expect(await recoveryCodesLeft(database.db, member.id)).toBe(8);
    // No code is kept in clear.
    const rows = await database.db.selectFrom('staff_recovery_codes').selectAll().where('staff_id', '=', member.id).execute();
    expect(JSON.stringify(rows)).not.toContain(second.replace('-', ''));
  });

  run('counts wrong second steps against the account like wrong passwords', async () => {
    const { member, secret } = await ready();
    const input = { staffId: member.id, email: member.email, typed: '123456', client: `c-2fa-${people}` };
    for (let i = 0; i < 4; i++) expect(await checkSecondStep(database.db, KEY, input, T0, POLICY)).toEqual({ ok: false, reason: 'wrong' });
    expect(await checkSecondStep(database.db, KEY, input, T0, POLICY)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await checkSecondStep(database.db, KEY, { ...input, typed: totp(secret, T0 + 30_000) }, T0 + 30_000, POLICY)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await checkSecondStep(database.db, KEY, { ...input, typed: totp(secret, T0 + MIN) }, T0 + MIN, POLICY)).toEqual({ ok: true, used: 'authenticator' });
  });

  run('rotates the session at each stage: the old token is dead, the absolute limit kept', async () => {
    const { member } = await ready();
    const first = await startSession(database.db, KEY, member.id, 'secondFactor', T0);
    const read = await readSession(database.db, KEY, first.token, T0);
    expect(read).toMatchObject({ stage: 'secondFactor', member: { id: member.id } });
    const second = await startSession(database.db, KEY, member.id, 'signedIn', T0 + MIN, first.token);
    expect(second.token).not.toBe(first.token);
    expect(second.csrf).not.toBe(first.csrf);
    expect(await readSession(database.db, KEY, first.token, T0 + MIN)).toBeUndefined();
    const now = await readSession(database.db, KEY, second.token, T0 + MIN);
    expect(now).toMatchObject({ stage: 'signedIn', absoluteUntil: new Date(T0 + ABSOLUTE_MS).toISOString() });
    expect(csrfMatches(now!, second.csrf)).toBe(true);
    expect(csrfMatches(now!, first.csrf)).toBe(false);
    expect(csrfMatches(now!, undefined)).toBe(false);
    expect(csrfMatches(now!, '')).toBe(false);
    // Nothing in the table signs anyone in: the token is not there.
    expect(JSON.stringify(await database.db.selectFrom('staff_sessions').selectAll().execute())).not.toContain(second.token);
  });

  run('ends a session after 30 idle minutes, moves the limit on with each request, and never past 12 hours', async () => {
    const { member } = await ready();
    const s = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await readSession(database.db, KEY, s.token, T0 + IDLE_MS - 1)).toBeDefined(); // moves the limit on
    expect(await readSession(database.db, KEY, s.token, T0 + IDLE_MS + 10 * MIN)).toBeDefined();
    expect(await readSession(database.db, KEY, s.token, T0 + 2 * IDLE_MS + 10 * MIN)).toBeUndefined();
    // Extended again and again, it still ends 12 hours after sign-in.
    const long = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    let at = T0;
    while (at < T0 + ABSOLUTE_MS - 20 * MIN) {
      at += 20 * MIN;
      expect(await extendSession(database.db, KEY, long.token, at)).toBeDefined();
    }
    expect(await readSession(database.db, KEY, long.token, T0 + ABSOLUTE_MS)).toBeUndefined();
    expect(await extendSession(database.db, KEY, long.token, T0 + ABSOLUTE_MS)).toBeUndefined();
  });

  run('signs out here, everywhere, and when the account is disabled or its role changes', async () => {
    const { member } = await ready();
    const a = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    const b = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    await endSession(database.db, KEY, a.token);
    expect(await readSession(database.db, KEY, a.token, T0)).toBeUndefined();
    expect(await readSession(database.db, KEY, b.token, T0)).toBeDefined();
    const c = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await endAllSessions(database.db, member.id)).toBe(2);
    expect(await readSession(database.db, KEY, c.token, T0)).toBeUndefined();

    const d = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    await changeStaffScope(database.db, member.id, { role: 'supervisor' }, T0);
    expect(await readSession(database.db, KEY, d.token, T0)).toBeUndefined();

    const e = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await disableStaff(database.db, member.id, T0)).toBe(true);
    expect(await readSession(database.db, KEY, e.token, T0)).toBeUndefined();
    expect(await database.db.selectFrom('staff_sessions').select('id_hash').where('staff_id', '=', member.id).execute()).toEqual([]);
    expect(await checkPassword(database.db, KEY, { email: member.email, password: 'correct horse battery staple', client: 'c-disabled' }, T0, POLICY)).toEqual({ ok: false, reason: 'wrong' });
    expect(await checkSecondFactor(database.db, KEY, member.id, '123456', T0)).toBeUndefined();
  });

  run('npm run staff:add prints a one-time password, or takes one from standard input, and refuses what will not do', () => {
    const add = (args: string[], input?: string) => spawnSync(process.execPath, ['scripts/staff-add.mjs', ...args], { env: { ...process.env, ...database.env }, input, encoding: 'utf8' });
    const made = add(['--email', 'zhao@example.org', '--name', '赵敏', '--role', 'countyDpfReviewer', '--region', 'changsha-yuhua']);
    expect(made.status, made.stderr).toBe(0);
    const password = made.stdout.trim().split('\n').at(-1)!;
    expect(password).toMatch(/^[a-zA-Z0-9]{16}$/);
    const piped = add(['--email', 'qian@example.org', '--name', '钱', '--role', 'supervisor', '--region', 'jilin', '--password-stdin'], 'a long passphrase from a manager\n');
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).not.toContain('a long passphrase');
    const again = add(['--email', 'ZHAO@example.org', '--name', '赵敏', '--role', 'countyDpfReviewer', '--region', 'changsha-yuhua']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already');
    for (const [args, text] of [
      [['--email', 'x@example.org', '--name', 'x', '--role', 'mayor', '--region', 'jilin'], 'not a role'],
      [['--email', 'x@example.org', '--name', 'x', '--role', 'admin', '--region', 'atlantis'], 'not a region'],
      [['--email', 'x@example.org', '--role', 'admin', '--region', 'jilin'], '--name is missing'],
      [['--email', 'x@example.org', '--name', 'x', '--role', 'admin', '--region', 'jilin', '--colour', 'red'], 'colour'],
    ] as const) {
      const refused = add([...args]);
      expect(refused.status, text).toBe(2);
      expect(refused.stderr).toContain(text);
      expect(refused.stderr).toContain('Usage: npm run staff:add');
    }
    expect(add(['--email', 'sun@example.org', '--name', '孙', '--role', 'admin', '--region', 'jilin', '--password-stdin'], 'password\n').stderr).toContain('common');
    return Promise.all([
      checkPassword(database.db, KEY, { email: 'zhao@example.org', password, client: 'cli' }, T0, POLICY),
      checkPassword(database.db, KEY, { email: 'qian@example.org', password: 'a long passphrase from a manager', client: 'cli' }, T0, POLICY),
    ]).then(([a, b]) => {
      expect(a.ok && a.row).toMatchObject({ role: 'countyDpfReviewer', region: 'changsha-yuhua', password_is_temporary: 1 });
      expect(b.ok).toBe(true);
    });
  });

  run('purges sessions past their limits', async () => {
    const { member } = await ready();
    const s = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    await purgeExpiredSessions(database.db, T0 + IDLE_MS + 1);
    // Ended by time, it signs nobody in, but is kept for a form posted after the end, once.
    expect(await readSession(database.db, KEY, s.token, T0 + IDLE_MS + 1)).toBeUndefined();
    expect(await endedSession(database.db, KEY, s.token, T0 + IDLE_MS + 1)).toEqual({ staffId: member.id, csrf: s.csrf });
    expect(await endedSession(database.db, KEY, s.token, T0 + IDLE_MS + 1)).toBeUndefined();
    const s2 = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await purgeExpiredSessions(database.db, T0 + IDLE_MS + ENDED_KEPT_MS + 1)).toBeGreaterThanOrEqual(1);
    expect(await endedSession(database.db, KEY, s2.token, T0 + IDLE_MS + 2)).toBeUndefined();
  });

  run('keeps nothing for a session still live, one signed out, or one ended too long ago', async () => {
    const { member } = await ready();
    const live = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await endedSession(database.db, KEY, live.token, T0 + 1000)).toBeUndefined();
    expect(await readSession(database.db, KEY, live.token, T0 + 1000)).toBeDefined();
    await endSession(database.db, KEY, live.token);
    expect(await endedSession(database.db, KEY, live.token, T0 + IDLE_MS + 1)).toBeUndefined();
    const old = await startSession(database.db, KEY, member.id, 'signedIn', T0);
    expect(await endedSession(database.db, KEY, old.token, T0 + IDLE_MS + ENDED_KEPT_MS + 1)).toBeUndefined();
  });
});
