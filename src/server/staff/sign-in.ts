/**
 * 员工登录 Signing in (issue 13 point 1): a password, then a second factor. Failures are
 * counted in the database (attempts.ts), so the counts hold across workers:
 * - per account: five failures lock it for a minute (slowed), twenty for thirty minutes;
 * - per client: fifty failures lock the address for fifteen minutes (many staff share an
 *   office's address, so more than per account).
 * An unknown email is counted and answered exactly like a wrong password, after the same scrypt
 * work, so neither the answer nor its time tells whether an account exists. No CAPTCHA, no
 * puzzle (WCAG 3.3.8): password managers and pasting work.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { attemptState, clearFailures, recordFailure, type AttemptPolicy } from '../db/attempts.ts';
import type { Database, StaffTable } from '../db/schema.ts';
import { checkSecondFactor, normalEmail, staffRowByEmail } from './accounts.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface SignInPolicy {
  account: AttemptPolicy;
  accountLong: AttemptPolicy;
  client: AttemptPolicy;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  account: { maxFailures: 5, lockMs: 60_000 },
  accountLong: { maxFailures: 20, lockMs: 30 * 60_000 },
  client: { maxFailures: 50, lockMs: 15 * 60_000 },
};

/** The policy with a deployment's own per-client limit (SIGN_IN_FAILURES_PER_CLIENT, server/db/rate-limits.ts). */
export const signInPolicy = (perClient: number): SignInPolicy => ({ ...DEFAULT_SIGN_IN_POLICY, client: { ...DEFAULT_SIGN_IN_POLICY.client, maxFailures: perClient } });

/** The counters a sign-in touches: the account's (by a keyed hash of the email, known or not) and the client's. */
export function signInKeys(key: Uint8Array, email: string, client: string) {
  const who = createHmac('sha256', key).update(`staff sign-in\0${normalEmail(email)}`).digest('base64url');
  return { account: `staff-signin:${who}`, accountLong: `staff-signin-long:${who}`, client: `staff-client:${client}` };
}

export type Refused = { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: string };

/** Whether any of the counters is locked now: the latest lock's end, or undefined. */
export async function lockedUntil(db: Kysely<Database>, keys: ReturnType<typeof signInKeys>, now: number): Promise<string | undefined> {
  const states = await Promise.all([attemptState(db, keys.account, now), attemptState(db, keys.accountLong, now), attemptState(db, keys.client, now)]);
  const ends = states.filter((s) => s.locked).map((s) => s.until!);
  return ends.length ? ends.sort().at(-1) : undefined;
}

/** Counts one failure on every counter; says until when it is now locked, if it is. */
export async function countFailure(db: Kysely<Database>, keys: ReturnType<typeof signInKeys>, now: number, policy: SignInPolicy): Promise<Refused> {
  const states = [await recordFailure(db, keys.account, now, policy.account), await recordFailure(db, keys.accountLong, now, policy.accountLong), await recordFailure(db, keys.client, now, policy.client)];
  const ends = states.filter((s) => s.locked).map((s) => s.until!);
  return ends.length ? { ok: false, reason: 'locked', until: ends.sort().at(-1)! } : { ok: false, reason: 'wrong' };
}

/** A success forgets the account's failures (the client's stay: they may be someone else's). */
export async function forgetFailures(db: Kysely<Database>, keys: ReturnType<typeof signInKeys>): Promise<void> {
  await clearFailures(db, keys.account);
  await clearFailures(db, keys.accountLong);
}

let decoy: Promise<string> | undefined;
/** A hash to verify against when there is no account, so the work is the same. */
const decoyHash = () => (decoy ??= hashPassword(`no such account ${Math.random()}`));

/** The first step: the account whose password this is, if it may sign in now. */
export async function checkPassword(
  db: Kysely<Database>,
  key: Uint8Array,
  input: { email: string; password: string; client: string },
  now: number,
  policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
): Promise<{ ok: true; row: StaffTable } | Refused> {
  const keys = signInKeys(key, input.email, input.client);
  const until = await lockedUntil(db, keys, now);
  if (until) return { ok: false, reason: 'locked', until };
  const row = await staffRowByEmail(db, input.email);
  const right = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !right || row.disabled_at) return countFailure(db, keys, now, policy);
  await forgetFailures(db, keys);
  return { ok: true, row };
}

/** The second step: a code from the authenticator or a recovery code, counted like a password. */
export async function checkSecondStep(
  db: Kysely<Database>,
  key: Uint8Array,
  input: { staffId: string; email: string; typed: string; client: string },
  now: number,
  policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
): Promise<{ ok: true; used: 'authenticator' | 'recoveryCode' } | Refused> {
  const keys = signInKeys(key, input.email, input.client);
  const until = await lockedUntil(db, keys, now);
  if (until) return { ok: false, reason: 'locked', until };
  const used = await checkSecondFactor(db, key, input.staffId, input.typed, now);
  if (!used) return countFailure(db, keys, now, policy);
  await forgetFailures(db, keys);
  return { ok: true, used };
}
