import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, newCode, readCode } from './codes';

describe('the code alphabet', () => {
  it('has none of the characters people confuse, and no U', () => {
    for (const c of '01OILU') expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
  });
});

describe('newCode', () => {
  it.each(Object.entries(CODE_LENGTH))('makes a %s code of %i characters from the alphabet only', (kind, length) => {
    for (let i = 0; i < 200; i++) {
      const code = newCode(kind as keyof typeof CODE_LENGTH, randomBytes);
      expect(code).toHaveLength(length);
      for (const c of code) expect(CODE_ALPHABET).toContain(c);
    }
  });

  it('uses every character about equally (rejection sampling, no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const c of newCode('access', randomBytes)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (4000 * 12) / CODE_ALPHABET.length;
    expect(counts.size).toBe(CODE_ALPHABET.length);
    for (const [c, n] of counts) expect(Math.abs(n - expected) / expected, c).toBeLessThan(0.15);
  });

  it('skips bytes past the last whole round of the alphabet', () => {
    // 255 and 254 would be biased: they are dropped, and 0 maps to the first character.
    let calls = 0;
    const code = newCode('resume', (n) => (calls++ === 0 ? new Uint8Array(n).fill(255) : new Uint8Array(n)));
    expect(code).toBe(CODE_ALPHABET[0]!.repeat(8));
  });
});

describe('formatCode and readCode', () => {
  it('shows a code in groups of four', () => {
    expect(formatCode('ABCD2345')).toBe('ABCD 2345');
    expect(formatCode('ABCD2345XY')).toBe('ABCD 2345 XY');
  });

  it.each([
    ['abcd 2345', 'ABCD2345'],
    ['ABCD-2345', 'ABCD2345'],
    [' abcd2345 ', 'ABCD2345'],
    ['ABCD\u30002345', 'ABCD2345'],
  ])('reads %j as %s', (typed, code) => {
    expect(readCode('resume', typed)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ABCD 234', 'length'],
    ['ABCD 23456', 'length'],
    ['ABCD 0345', 'characters'],
    ['OBCD 2345', 'characters'],
    ['ABCD 2345!', 'characters'],
  ])('refuses %j (%s)', (typed, error) => {
    expect(readCode('resume', typed)).toEqual({ ok: false, error });
  });
});
