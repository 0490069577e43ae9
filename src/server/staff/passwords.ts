/**
 * 员工密码 Staff passwords (issue 13 point 1), as NIST SP 800-63B and OWASP ASVS 5.0 V6 ask:
 * at least 8 characters and up to 256 (so a password manager's long ones fit), no composition
 * rules, checked against a list of common passwords shipped with the project (the 49,233 of
 * @zxcvbn-ts/language-common, MIT), Unicode-normalised (NFKC) before hashing, and hashed with
 * scrypt from node:crypto, each with a salt of its own. The stored form names its parameters, so
 * they can be raised later and old hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** scrypt's cost: N = 2^15, r = 8, p = 1 (OWASP's recommended minimum), 32-byte key. */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

let common: Set<string> | undefined;
/** The common passwords, lowercased: a password is common whatever its case. */
const commonPasswords = () => (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** Why a new password will not do, or undefined. Length counts characters (code points), after NFKC. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  const normal = password.normalize('NFKC');
  const length = [...normal].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  if (commonPasswords().has(normal.toLowerCase())) return 'common';
  return undefined;
}

const derive = (password: string, salt: Buffer, cost: ScryptOptions, length: number) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFKC'), salt, length, cost, (error, key) => (error ? reject(error) : resolve(key))));

/** The stored form: `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, KEY_LENGTH);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from; false for a stored form it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem };
  if (![cost.N, cost.r, cost.p].every((x) => Number.isSafeInteger(x) && x > 0)) return false;
  const expected = Buffer.from(key, 'base64url');
  const got = await derive(password, Buffer.from(salt, 'base64url'), cost, expected.length);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
