/**
 * 动态口令 The second factor (issue 13 point 1): time-based one-time passwords as RFC 6238 has them
 * (HMAC-SHA-1, 30-second steps, 6 digits: what authenticator apps expect), the secret shown as
 * base32 (RFC 4648) and as an otpauth:// URI for a QR code, and single-use recovery codes. A code
 * is accepted one step either side of now, for a phone's clock that is a little off, and never
 * twice: the step used is returned, for the caller to keep and refuse at or before next time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer | undefined {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) return undefined;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation). */
export const newTotpSecret = (): Buffer => randomBytes(20);

/** HOTP (RFC 4226) for `counter`, `digits` long. */
export function hotp(secret: Uint8Array, counter: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The step a moment (ms since the epoch) falls in. */
export const stepAt = (nowMs: number): number => Math.floor(nowMs / 1000 / STEP_SECONDS);

/** TOTP (RFC 6238) at `nowMs`. */
export const totp = (secret: Uint8Array, nowMs: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1') => hotp(secret, stepAt(nowMs), digits, algorithm);

/**
 * The step whose code `typed` is, within one step of now and after `lastUsed` (a code is used
 * once), or undefined. Spaces typed are ignored.
 */
export function verifyTotp(secret: Uint8Array, typed: string, nowMs: number, lastUsed = -1): number | undefined {
  const code = typed.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = stepAt(nowMs);
  for (const step of [now - 1, now, now + 1]) {
    if (step <= lastUsed) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) return step;
  }
  return undefined;
}

/** The otpauth:// URI an authenticator app reads (as a QR code, or typed). */
export const otpauthUri = (secret: Uint8Array, account: string, issuer = 'Tongxing') =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;

/** Recovery codes: 10 of them, each 10 characters from an alphabet without look-alikes, shown in two groups of five. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    // 30 letters: rejection sampling keeps each equally likely.
    let code = '';
    while (code.length < 10) {
      const byte = randomBytes(1)[0]!;
      if (byte < 240) code += RECOVERY_ALPHABET[byte % 30];
    }
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** A recovery code as typed, in its one form (case, spaces and hyphens ignored), or undefined. */
export function readRecoveryCode(typed: string): string | undefined {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{10}$/.test(clean) ? `${clean.slice(0, 5)}-${clean.slice(5)}` : undefined;
}

/** What is kept of a recovery code: its keyed hash (the server's key), never the code. */
export const recoveryCodeHash = (key: Uint8Array, code: string) => createHmac('sha256', key).update(`recovery\0${code}`).digest('base64url');
