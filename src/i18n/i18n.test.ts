import { describe, expect, it } from 'vitest';
import zh from './zh-CN.json';
import en from './en.json';
import { langFromParam, langFromPath, localePath, pathWithoutLang, pick, pickShort, useTranslations, MissingStringError, type UiKey } from '.';

const base = (key: string) => key.replace(/\.(zero|one|two|few|many|other)$/, '');

describe('UI strings', () => {
  it('has every Chinese key in English and no English key that Chinese lacks (plural forms aside)', () => {
    const zhKeys = new Set(Object.keys(zh).map(base));
    const enKeys = new Set(Object.keys(en).map(base));
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('addresses the reader one way in Chinese: 你, the plain form easy-read uses, never 您', () => {
    expect(Object.entries(zh).filter(([, v]) => v.includes('您'))).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('chooses the plural form by Intl.PluralRules', () => {
    expect(useTranslations('en')('catalogue.count', { count: 1 })).toBe('1 service');
    expect(useTranslations('en')('catalogue.count', { count: 3 })).toBe('3 services');
    expect(useTranslations('zh-CN')('catalogue.count', { count: 1 })).toBe('共 1 项服务');
  });

  it('fills variables and throws a named error for a key with no text', () => {
    expect(useTranslations('en')('easyRead.title', { title: 'Bus' })).toBe('Bus (easy read)');
    expect(() => useTranslations('en')('no.such.key' as UiKey)).toThrow(MissingStringError);
  });
});

describe('language paths', () => {
  it.each([
    ['zh-CN', '/', '/'],
    ['en', '/', '/en/'],
    ['en', '/services/', '/en/services/'],
    ['zh-CN', '/services/', '/services/'],
  ] as const)('%s %s → %s', (lang, path, expected) => {
    expect(localePath(lang, path)).toBe(expected);
    expect(pathWithoutLang(expected)).toBe(path);
  });

  it('reads the language from a route parameter and a path', () => {
    expect(langFromParam(undefined)).toBe('zh-CN');
    expect(langFromParam('en')).toBe('en');
    expect(langFromParam('fr')).toBeUndefined();
    expect(langFromPath('/en/nope')).toBe('en');
    expect(langFromPath('/english')).toBe('zh-CN');
  });

  it('marks a missing English translation instead of falling back silently', () => {
    expect(pick('en', { zh: '公交', en: 'Bus' })).toEqual({ text: 'Bus', lang: 'en', untranslated: false });
    expect(pick('en', { zh: '公交' })).toEqual({ text: '公交', lang: 'zh-CN', untranslated: true });
    expect(pick('zh-CN', { zh: '公交', en: 'Bus' })).toEqual({ text: '公交', lang: 'zh-CN', untranslated: false });
  });

  it('takes a short name in the page\'s language where one is given, the full one otherwise', () => {
    const full = { zh: '重度残疾人护理补贴', en: 'Nursing subsidy for severely disabled people' };
    expect(pickShort('en', full, { en: 'Nursing subsidy' })).toEqual({ text: 'Nursing subsidy', lang: 'en', untranslated: false });
    expect(pickShort('zh-CN', full, { en: 'Nursing subsidy' })).toEqual({ text: '重度残疾人护理补贴', lang: 'zh-CN', untranslated: false });
    expect(pickShort('en', { zh: '公交' }, undefined)).toEqual({ text: '公交', lang: 'zh-CN', untranslated: true });
  });
});
