/**
 * 员工账户 Staff accounts in the database (issue 13 point 1): made by `npm run staff:add` with a
 * one-time password, which the first sign-in replaces with the person's own; an authenticator
 * (TOTP) and ten single-use recovery codes for every account; disabled, never deleted, and
 * disabling ends every session of the account in the same transaction.
 *
 * The authenticator's secret is kept sealed with the server's key (AES-256-GCM), the recovery
 * codes as keyed hashes, the password as a scrypt hash (passwords.ts). An email is kept
 * lowercased: it is what the person signs in with.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { STAFF_ROLES, type StaffRole } from '../../domain/applications/decisions.ts';
import type { Database, StaffTable } from '../db/schema.ts';
import { seal, unseal } from '../http/sealed.ts';
import { hashPassword, passwordProblem, type PasswordProblem } from './passwords.ts';
import { newRecoveryCodes, readRecoveryCode, recoveryCodeHash, verifyTotp } from './totp.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const TOTP_PURPOSE = 'staff totp secret';

/** A member of staff as the pages see them: never the secrets. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  region: string;
  passwordIsTemporary: boolean;
  hasAuthenticator: boolean;
  disabled: boolean;
}

export const memberOf = (row: StaffTable): StaffMember => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as StaffRole,
  region: row.region,
  passwordIsTemporary: Number(row.password_is_temporary) === 1,
  hasAuthenticator: row.totp_secret !== null,
  disabled: row.disabled_at !== null,
});

/** The one form of an email address: trimmed, lowercased. */
export const normalEmail = (email: string) => email.trim().toLowerCase();
/** A plain check (one @, something either side, no spaces): the address is the sign-in name, not a mailbox we write to. */
export const isEmail = (email: string) => /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email) && email.length <= 254;

export type NewStaffProblem = 'email' | 'emailTaken' | 'name' | 'role' | PasswordProblem;

/** A one-time password: 16 characters from an alphabet without look-alikes (about 78 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
  let out = '';
  while (out.length < 16) {
    const byte = randomBytes(1)[0]!;
    if (byte < 245) out += alphabet[byte % alphabet.length];
  }
  return out;
}

/**
 * Adds a member of staff. `region` must already be known to be a node of the region tree (the
 * caller checks it against the content). Without `password` a one-time password is made;
 * either way it must be changed at the first sign-in.
 */
export async function addStaff(
  db: Kysely<Database>,
  input: { email: string; name: string; role: string; region: string; password?: string },
  now: number,
): Promise<{ ok: true; member: StaffMember; password: string } | { ok: false; problem: NewStaffProblem }> {
  const email = normalEmail(input.email);
  if (!isEmail(email)) return { ok: false, problem: 'email' };
  const name = input.name.trim();
  if (!name || name.length > 200) return { ok: false, problem: 'name' };
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) return { ok: false, problem: 'role' };
  const password = input.password ?? oneTimePassword();
  const weak = passwordProblem(password);
  if (weak) return { ok: false, problem: weak };
  const row: StaffTable = {
    id: randomUUID(),
    email,
    name,
    role: input.role,
    region: input.region,
    password_hash: await hashPassword(password),
    password_is_temporary: 1,
    totp_secret: null,
    totp_last_step: -1,
    disabled_at: null,
    created_at: iso(now),
    updated_at: iso(now),
  };
  const inserted = await db
    .insertInto('staff')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { ok: false, problem: 'emailTaken' };
  return { ok: true, member: memberOf(row), password };
}

export const staffRowByEmail = (db: Kysely<Database>, email: string) => db.selectFrom('staff').selectAll().where('email', '=', normalEmail(email)).executeTakeFirst();
export const staffRowById = (db: Kysely<Database>, id: string) => db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();

/** Sets the person's own password (the one-time one is then gone). */
export async function setOwnPassword(db: Kysely<Database>, staffId: string, password: string, now: number): Promise<PasswordProblem | undefined> {
  const weak = passwordProblem(password);
  if (weak) return weak;
  await db
    .updateTable('staff')
    .set({ password_hash: await hashPassword(password), password_is_temporary: 0, updated_at: iso(now) })
    .where('id', '=', staffId)
    .execute();
  return undefined;
}

/** A new authenticator secret, sealed, to keep while the person types a first code from it. */
export const sealTotpSecret = (key: Uint8Array, secret: Uint8Array) => seal(key, TOTP_PURPOSE, Buffer.from(secret).toString('base64url'));
export function openTotpSecret(key: Uint8Array, sealed: string | null | undefined): Buffer | undefined {
  const text = sealed ? unseal(key, TOTP_PURPOSE, sealed) : undefined;
  return text === undefined ? undefined : Buffer.from(text, 'base64url');
}

/**
 * Keeps the authenticator once a code from it was typed, with ten new recovery codes (returned
 * once, to show; only their hashes are kept). Any earlier codes are replaced.
 */
export async function confirmAuthenticator(db: Kysely<Database>, key: Uint8Array, staffId: string, sealedSecret: string, typed: string, now: number): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false }> {
  const secret = openTotpSecret(key, sealedSecret);
  const step = secret && verifyTotp(secret, typed, now);
  if (step === undefined) return { ok: false };
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ totp_secret: sealedSecret, totp_last_step: step, updated_at: iso(now) }).where('id', '=', staffId).execute();
    return { ok: true, recoveryCodes: await replaceRecoveryCodes(trx, key, staffId) };
  });
}

/** Ten new recovery codes in place of any before (returned once, to show; only their hashes are kept). */
export async function replaceRecoveryCodes(db: Kysely<Database>, key: Uint8Array, staffId: string): Promise<string[]> {
  const recoveryCodes = newRecoveryCodes();
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await db
    .insertInto('staff_recovery_codes')
    .values(recoveryCodes.map((code) => ({ staff_id: staffId, code_hash: recoveryCodeHash(key, code), used_at: null })))
    .execute();
  return recoveryCodes;
}

/**
 * Checks a second factor: a code from the authenticator (each works once: the step is claimed
 * in one conditional update, so two requests with one code cannot both pass), or an unused
 * recovery code (used up the same way). Says which it was, or undefined.
 */
export async function checkSecondFactor(db: Kysely<Database>, key: Uint8Array, staffId: string, typed: string, now: number): Promise<'authenticator' | 'recoveryCode' | undefined> {
  const row = await staffRowById(db, staffId);
  if (!row || row.disabled_at) return undefined;
  const secret = openTotpSecret(key, row.totp_secret);
  if (secret) {
    const step = verifyTotp(secret, typed, now, Number(row.totp_last_step));
    if (step !== undefined) {
      const claimed = await db.updateTable('staff').set({ totp_last_step: step }).where('id', '=', staffId).where('totp_last_step', '<', step).executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1 ? 'authenticator' : undefined;
    }
  }
  const code = readRecoveryCode(typed);
  if (!code) return undefined;
  const used = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: iso(now) })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', recoveryCodeHash(key, code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recoveryCode' : undefined;
}

/** How many recovery codes are left. */
export async function recoveryCodesLeft(db: Kysely<Database>, staffId: string): Promise<number> {
  const row = await db.selectFrom('staff_recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('staff_id', '=', staffId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Disables an account and ends every session of it, in one transaction. */
export async function disableStaff(db: Kysely<Database>, staffId: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('staff').set({ disabled_at: iso(now), updated_at: iso(now) }).where('id', '=', staffId).where('disabled_at', 'is', null).executeTakeFirst();
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
    return Number(done.numUpdatedRows) === 1;
  });
}

/** Changes an account's role or region: a privilege change, so every session of it ends. */
export async function changeStaffScope(db: Kysely<Database>, staffId: string, change: { role?: StaffRole; region?: string }, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ ...change, updated_at: iso(now) })
      .where('id', '=', staffId)
      .execute();
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
  });
}
