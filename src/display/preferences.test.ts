import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  COLOUR_TOKENS, DEFAULTS, parsePreferences, preferencesCss, readPreferencesForm, serializePreferences,
} from './preferences';

describe('display preferences', () => {
  it('reads the defaults from no cookie, and ignores unknown or bad parts', () => {
    expect(parsePreferences(undefined)).toEqual(DEFAULTS);
    expect(parsePreferences('textSize=huge&contrast=high&evil=1')).toEqual({ ...DEFAULTS, contrast: 'high' });
  });

  it('round-trips through the cookie, storing only what differs from the defaults', () => {
    const prefs = { textSize: 'larger', contrast: 'standard', lineSpacing: 'wide', motion: 'reduce' } as const;
    expect(parsePreferences(serializePreferences(prefs))).toEqual(prefs);
    expect(serializePreferences(DEFAULTS)).toBe('');
    expect(serializePreferences({ ...DEFAULTS, textSize: 'large' })).toBe('textSize=large');
  });

  it('accepts a valid form and names each invalid field', () => {
    const form = (values: Record<string, string>) => (n: string) => values[n] ?? null;
    expect(readPreferencesForm(form({ textSize: 'large', contrast: 'high' }))).toEqual({
      ok: true,
      prefs: { ...DEFAULTS, textSize: 'large', contrast: 'high' },
    });
    expect(readPreferencesForm(form({ textSize: 'giant', motion: 'fast', contrast: 'high' }))).toEqual({
      ok: false,
      invalid: ['textSize', 'motion'],
    });
  });

  it('serves an empty stylesheet for the defaults', () => {
    expect(preferencesCss(DEFAULTS)).toBe('');
  });

  it.each([
    ['large text', { textSize: 'large' }, '--text-scale:1.25'],
    ['largest text', { textSize: 'larger' }, '--text-scale:1.5'],
    ['high contrast', { contrast: 'high' }, '--c-bg:var(--high-bg)'],
    ['standard contrast overrides the system', { contrast: 'standard' }, '--c-bg:var(--light-bg)'],
    ['wide line spacing', { lineSpacing: 'wide' }, '--line-height:2'],
    ['reduced motion', { motion: 'reduce' }, 'animation-duration:0s!important'],
  ] as const)('writes %s', (_name, change, expected) => {
    expect(preferencesCss({ ...DEFAULTS, ...change })).toContain(expected);
  });

  it('points at palette tokens that global.css defines for every palette', () => {
    const css = readFileSync(new URL('../styles/global.css', import.meta.url), 'utf8');
    for (const palette of ['light', 'dark', 'high']) {
      for (const token of COLOUR_TOKENS) expect(css, `--${palette}-${token}`).toContain(`--${palette}-${token}:`);
    }
    for (const token of COLOUR_TOKENS) expect(css).toContain(`--c-${token}: var(--light-${token})`);
  });
});
