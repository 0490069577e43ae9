/** The limits and their environment variables. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LIMIT_SPECS, LimitConfigError, readLimits } from './limits';

describe('limits', () => {
  it('default to the documented values', () => {
    expect(readLimits({})).toMatchObject({ formBodyBytes: 65536, jsonBodyBytes: 16384, jsonMaxDepth: 8, maxProblems: 20 });
  });
  it('take whole numbers above zero from the environment', () => {
    expect(readLimits({ FORM_BODY_LIMIT: '1024', HEADERS_TIMEOUT_MS: ' 500 ' }).formBodyBytes).toBe(1024);
  });
  it.each(['0', '-1', '1.5', 'abc', '1e400'])('refuse %s with a message naming the variable', (v) => {
    expect(() => readLimits({ JSON_BODY_LIMIT: v })).toThrow(LimitConfigError);
    expect(() => readLimits({ JSON_BODY_LIMIT: v })).toThrow(/JSON_BODY_LIMIT must be a whole number above zero/);
  });
  it('are each named in the README with their default', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const spec of Object.values(LIMIT_SPECS)) expect(readme, spec.env).toMatch(new RegExp(`\`${spec.env}\`[^\\n]*${String(spec.default).replace(/\B(?=(\d{3})+(?!\d))/g, '[ ,]?')}`));
  });
});
