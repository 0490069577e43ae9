/**
 * Staff passwords and the second factor: the length rule and the common-password list, scrypt
 * hashes that verify and refuse, RFC 4226 and RFC 6238's own test vectors, base32 (RFC 4648), a
 * code used once, a clock a step off, and recovery codes.
 */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { base32Decode, base32Encode, hotp, newRecoveryCodes, otpauthUri, readRecoveryCode, recoveryCodeHash, stepAt, totp, verifyTotp } from './totp';

describe('staff passwords', () => {
  it('needs 8 characters and allows 256, with no composition rules, and refuses common ones in any case', () => {
    expect(passwordProblem('short12')).toBe('tooShort');
    expect(passwordProblem('短的密码七个字')).toBe('tooShort');
    expect(passwordProblem('八个汉字的长密码啊')).toBeUndefined();
    expect(passwordProblem('correct horse battery staple')).toBeUndefined();
    expect(passwordProblem('x'.repeat(256))).toBeUndefined();
    expect(passwordProblem('x'.repeat(257))).toBe('tooLong');
    for (const common of ['password', 'PASSWORD1', 'qwertyuiop', '12345678', 'iloveyou', 'Qq123456']) expect(passwordProblem(common), common).toBe('common');
  });

  it('hashes with a salt of its own each time, verifies the same password (after NFKC) and refuses another', async () => {
    const a = await hashPassword('tongxing staff 2026');
    const b = await hashPassword('tongxing staff 2026');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('tongxing staff 2026', a)).toBe(true);
    expect(await verifyPassword('tongxing staff 2027', a)).toBe(false);
    // A full-width form of the same characters is the same password (NIST: normalise first).
    expect(await verifyPassword('ｔｏｎｇｘｉｎｇ staff 2026', a)).toBe(true);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('one-time passwords', () => {
  const ascii = (s: string) => Buffer.from(s, 'ascii');

  it('gives RFC 4226 appendix D values', () => {
    expect(Array.from({ length: 10 }, (_, i) => hotp(ascii('12345678901234567890'), i))).toEqual(['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']);
  });

  it('gives RFC 6238 appendix B values for SHA-1, SHA-256 and SHA-512', () => {
    const sha1 = ascii('12345678901234567890');
    const sha256 = ascii('12345678901234567890123456789012');
    const sha512 = ascii('1234567890123456789012345678901234567890123456789012345678901234');
    const table: [number, string, string, string][] = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [1111111111, '14050471', '67062674', '99943326'],
      [1234567890, '89005924', '91819424', '93441116'],
      [2000000000, '69279037', '90698825', '38618901'],
      [20000000000, '65353130', '77737706', '47863826'],
    ];
    for (const [t, a, b, c] of table) {
      expect(totp(sha1, t * 1000, 8, 'sha1'), `${t}`).toBe(a);
      expect(totp(sha256, t * 1000, 8, 'sha256'), `${t}`).toBe(b);
      expect(totp(sha512, t * 1000, 8, 'sha512'), `${t}`).toBe(c);
    }
  });

  it('encodes base32 as RFC 4648 does, and reads it back whatever its case, spaces or padding', () => {
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base32Encode(ascii(s)))).toEqual(['', 'MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI']);
    expect(base32Decode('mzxw 6ytb oi==')?.toString('ascii')).toBe('foobar');
    expect(base32Decode('MZXW1')).toBeUndefined();
  });

  it('accepts a code one step either side of now, never twice, and nothing older', () => {
    const secret = ascii('12345678901234567890');
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    expect(verifyTotp(secret, totp(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totp(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totp(secret, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(secret, totp(secret, now - 60_000), now)).toBeUndefined();
    const code = totp(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    // Used once: the same code, or an earlier one, is refused after it.
    expect(verifyTotp(secret, code, now, step)).toBeUndefined();
    expect(verifyTotp(secret, totp(secret, now - 30_000), now, step)).toBeUndefined();
    expect(verifyTotp(secret, '12345', now)).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', now)).toBeUndefined();
  });

  it('names the secret in an otpauth URI an authenticator reads', () => {
    expect(otpauthUri(ascii('foobar'), 'li.hua@example.cn')).toBe('otpauth://totp/Tongxing%3Ali.hua%40example.cn?secret=MZXW6YTBOI&issuer=Tongxing&algorithm=SHA1&digits=6&period=30');
  });

  it('makes ten distinct recovery codes without look-alikes, reads them as typed, and keeps only a keyed hash', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{5}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{5}$/);
    expect(readRecoveryCode(` ${codes[0]!.toLowerCase().replace('-', ' ')} `)).toBe(codes[0]);
    expect(readRecoveryCode('ABCDE-FGHI0')).toBeUndefined();
    const key = Buffer.alloc(32, 7);
    expect(recoveryCodeHash(key, codes[0]!)).toBe(recoveryCodeHash(key, codes[0]!));
    expect(recoveryCodeHash(key, codes[0]!)).not.toContain(codes[0]!.replace('-', ''));
    expect(recoveryCodeHash(key, codes[0]!)).not.toBe(recoveryCodeHash(Buffer.alloc(32, 8), codes[0]!));
  });
});
