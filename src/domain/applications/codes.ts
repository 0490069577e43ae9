/**
 * The codes a person writes down or reads out: a draft's resume code, an application's reference
 * and its access code. One alphabet without the characters people confuse (0/O, 1/I/L) and
 * without U (so no accidental words), shown in groups of four. Typing is forgiving: case,
 * spaces and hyphens are ignored. Pure: the random bytes come in.
 */

/** 30 characters: A–Z without I, L, O, U, and 2–9. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** Lengths: a resume code is 8 (30^8 ≈ 6.6 × 10^11, five tries then a lock), the others longer. */
export const CODE_LENGTH = { resume: 8, reference: 10, access: 12 } as const;
export type CodeKind = keyof typeof CODE_LENGTH;

/**
 * A new code of `kind` from `random(n)` (n uniformly random bytes, e.g. node:crypto's randomBytes).
 * Bytes are taken by rejection sampling, so every character is equally likely.
 */
export function newCode(kind: CodeKind, random: (n: number) => Uint8Array): string {
  const length = CODE_LENGTH[kind];
  const n = CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= limit) continue;
      out += CODE_ALPHABET[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A code as shown: groups of four, `ABCD EFGH`. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join(' ') ?? '';
}

export type ReadCode = { ok: true; code: string } | { ok: false; error: 'empty' | 'length' | 'characters' };

/** A code as typed, read: case, spaces and hyphens ignored; the wrong length or a character the codes never use is an error. */
export function readCode(kind: CodeKind, typed: string): ReadCode {
  const code = typed.toUpperCase().replace(/[\s\u3000\-‐‑–—]/g, '');
  if (!code) return { ok: false, error: 'empty' };
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return { ok: false, error: 'characters' };
  if (code.length !== CODE_LENGTH[kind]) return { ok: false, error: 'length' };
  return { ok: true, code };
}
