import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealed';

describe('seal and unseal', () => {
  const key = randomBytes(32);

  it('opens what it sealed, for the same purpose only, and never the same way twice', () => {
    const a = seal(key, 'one', '秘密 text');
    expect(unseal(key, 'one', a)).toBe('秘密 text');
    expect(unseal(key, 'two', a)).toBeUndefined();
    expect(unseal(randomBytes(32), 'one', a)).toBeUndefined();
    expect(seal(key, 'one', '秘密 text')).not.toBe(a);
    expect(a).not.toContain('text');
  });

  it('opens nothing altered, cut, empty or too long', () => {
    const a = seal(key, 'one', 'hello');
    const [iv, tag, body] = a.split('.') as [string, string, string];
    // The first character: the last one's low bits may be padding, which decoding ignores.
    const flipped = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    for (const bad of [`${iv}.${tag}.${flipped}`, `${iv}.${tag}`, `${iv}.${tag}.${body}.x`, '', undefined, 'a.b.c', `${iv}.${tag.slice(2)}.${body}`]) expect(unseal(key, 'one', bad)).toBeUndefined();
    expect(unseal(key, 'one', seal(key, 'one', 'x'.repeat(5000)))).toBeUndefined();
    expect(unseal(key, 'one', seal(key, 'one', 'x'.repeat(5000)), 10_000)).toBe('x'.repeat(5000));
  });
});
