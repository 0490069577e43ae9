/**
 * UI strings and language helpers. zh-CN.json is the source; en.json mirrors it key for key
 * (plural forms may add categories, e.g. `.one` in English). Typing en.json as
 * Record<UiKey, string> makes a missing English key fail the type check.
 */
import zh from './zh-CN.json';
import enJson from './en.json';
import type { Localized } from '../schemas/content';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

type Strings = typeof zh;
/** Every UI string key. Plural keys are written without their category, e.g. `catalogue.count`. */
export type UiKey = {
  [K in keyof Strings]: K extends `${infer Base}.other` ? Base : K;
}[keyof Strings];

const en: Record<keyof Strings, string> = enJson;
const STRINGS: Record<Lang, Record<string, string>> = { 'zh-CN': zh, en };

/** The URL segment for a language: none for Chinese (the default), `en` for English. */
export const langSegment = (lang: Lang): string | undefined => (lang === 'en' ? 'en' : undefined);

/** The language of a `[...lang]` route parameter; undefined when it is not a language. */
export function langFromParam(param: string | undefined): Lang | undefined {
  if (param === undefined || param === '') return 'zh-CN';
  return param === 'en' ? 'en' : undefined;
}

/** The language a URL path is in, for pages that are not routed by language (404, 500). */
export const langFromPath = (pathname: string): Lang =>
  pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh-CN';

/** `/services/` in `lang`: `/services/` or `/en/services/`. `path` starts with `/`. */
export const localePath = (lang: Lang, path: string): string => (lang === 'en' ? (path === '/' ? '/en/' : `/en${path}`) : path);

/** The path without its language prefix: `/en/services/` → `/services/`. */
export function pathWithoutLang(pathname: string): string {
  if (pathname === '/en' || pathname === '/en/') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh-CN' : 'en');

export type Vars = Record<string, string | number>;
export type Translate = (key: UiKey, vars?: Vars) => string;

/**
 * The translator for one language. With `vars.count`, the plural form is chosen by
 * Intl.PluralRules (zh-CN has only `other`; English adds `one`).
 */
/** Made once: building Intl rules is costly, and every component asks for a translator. */
const PLURALS = { 'zh-CN': new Intl.PluralRules('zh-CN'), en: new Intl.PluralRules('en') } satisfies Record<Lang, Intl.PluralRules>;

export function useTranslations(lang: Lang): Translate {
  const strings = STRINGS[lang];
  const plural = PLURALS[lang];
  return (key, vars) => {
    let template = strings[key];
    if (template === undefined && vars && typeof vars.count === 'number') {
      template = strings[`${key}.${plural.select(vars.count)}`] ?? strings[`${key}.other`];
    }
    if (template === undefined) throw new MissingStringError(lang, key);
    return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : template;
  };
}

/** A UI string key that has no text: a bug, caught by the key-parity test before it ships. */
export class MissingStringError extends Error {
  override name = 'MissingStringError';
  constructor(lang: Lang, key: string) {
    super(`No UI string "${key}" in ${lang}`);
  }
}

/** Text of a content field in `lang`, and the language it is really in. */
export interface Picked {
  text: string;
  /** The language of `text`: differs from the page's when the translation is missing. */
  lang: Lang;
  /** True when the English text is missing and the Chinese is shown instead (visibly). */
  untranslated: boolean;
}

export function pick(lang: Lang, value: Localized): Picked {
  if (lang === 'en' && value.en !== undefined) return { text: value.en, lang: 'en', untranslated: false };
  if (lang === 'en') return { text: value.zh, lang: 'zh-CN', untranslated: true };
  return { text: value.zh, lang: 'zh-CN', untranslated: false };
}

/** A short name in `lang` where one is given (a service's `shortTitle`), else the full one. */
export function pickShort(lang: Lang, full: Localized, short?: { zh?: string; en?: string }): Picked {
  const text = lang === 'en' ? short?.en : short?.zh;
  return text !== undefined ? { text, lang, untranslated: false } : pick(lang, full);
}

/** Both languages' versions of a path, for the language switch and hreflang links. */
export const alternates = (path: string) => LANGS.map((lang) => ({ lang, href: localePath(lang, path) }));

/** getStaticPaths entries for a page in every language: `/…` (zh-CN) and `/en/…`. */
export const langPaths = () => LANGS.map((lang) => ({ params: { lang: langSegment(lang) }, props: { lang } }));

/** Whether `key` is a UI string (in the source language; the parity test keeps en.json level). */
export const hasKey = (key: string): key is UiKey => key in zh;

/** A UI string in both languages, for the JSON API's messages (`{ zh, en }`). */
export function inBoth(key: UiKey, vars?: Vars): { zh: string; en: string } {
  return { zh: useTranslations('zh-CN')(key, vars), en: useTranslations('en')(key, vars) };
}
