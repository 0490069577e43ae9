/**
 * Reads the content collections for pages: services sorted and filtered, Markdown entries
 * paired by language, and cross-links between services and policies.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { SERVICE_CATEGORIES, UNKNOWN, type Category } from '../schemas/content';
import { LANGS, langSegment, pick, type Lang } from '../i18n';

export type Service = CollectionEntry<'services'>;
export type ProseCollection = 'policies' | 'news' | 'pages';

const categoryOrder = (c: Category) => SERVICE_CATEGORIES.indexOf(c);

/** All services, in category order then by id. */
export async function allServices(): Promise<Service[]> {
  const services = await getCollection('services');
  return services.sort((a, b) => categoryOrder(a.data.category) - categoryOrder(b.data.category) || a.id.localeCompare(b.id));
}

const titles = new Map<Lang, Promise<Record<string, string>>>();
/** Every service's title in `lang`, by id (read once per language: content does not change at run time). */
export function serviceTitles(lang: Lang): Promise<Record<string, string>> {
  let made = titles.get(lang);
  if (!made) {
    made = allServices().then((services) => Object.fromEntries(services.map((s) => [s.id, pick(lang, s.data.title).text])));
    titles.set(lang, made);
  }
  return made;
}

/** The catalogue's filters, as read from the query string. */
export interface CatalogueFilter {
  category?: Category;
  region?: string;
}

/** Services matching every filter given. */
export const filterServices = (services: Service[], filter: CatalogueFilter) =>
  services.filter(
    (s) =>
      (!filter.category || s.data.category === filter.category) &&
      (!filter.region || s.data.regions.some((r) => r.id === filter.region)),
  );

/** A Markdown entry in one language, with the Chinese standing in (visibly) when English is missing. */
export interface ProseEntry<C extends ProseCollection> {
  slug: string;
  entry: CollectionEntry<C>;
  /** The language the entry is written in. */
  lang: Lang;
  untranslated: boolean;
}

const slugOf = (id: string) => id.slice(id.indexOf('/') + 1);

/** Every slug of a Markdown collection, in `lang` (Chinese where no English exists). */
export async function proseEntries<C extends ProseCollection>(collection: C, lang: Lang): Promise<ProseEntry<C>[]> {
  const entries = (await getCollection(collection)) as CollectionEntry<C>[];
  const bySlug = new Map<string, { zh?: CollectionEntry<C>; en?: CollectionEntry<C> }>();
  for (const entry of entries) {
    const [language] = entry.id.split('/') as ['zh' | 'en'];
    const slug = slugOf(entry.id);
    bySlug.set(slug, { ...bySlug.get(slug), [language]: entry });
  }
  const result: ProseEntry<C>[] = [];
  for (const [slug, pair] of bySlug) {
    if (lang === 'en' && pair.en) result.push({ slug, entry: pair.en, lang: 'en', untranslated: false });
    else if (pair.zh) result.push({ slug, entry: pair.zh, lang: 'zh-CN', untranslated: lang === 'en' });
  }
  return result.sort((a, b) => a.slug.localeCompare(b.slug));
}

/** One Markdown entry by slug in `lang`, or undefined. */
export async function proseEntry<C extends ProseCollection>(collection: C, slug: string, lang: Lang) {
  return (await proseEntries(collection, lang)).find((e) => e.slug === slug);
}

export { getEntry };

/** Policy slugs that apply nationally (scope `national`). */
export async function nationalPolicySlugs(): Promise<Set<string>> {
  return new Set((await proseEntries('policies', 'zh-CN')).filter((p) => p.entry.data.scope === 'national').map((p) => p.slug));
}

/**
 * A service is national when it rests on a national policy document; otherwise it is local
 * to the regions that offer it. Derived from data, so a new county needs no code.
 */
export async function isNationalService(service: Service, national?: Set<string>): Promise<boolean> {
  const slugs = national ?? (await nationalPolicySlugs());
  return service.data.policies !== UNKNOWN && service.data.policies.some((p) => slugs.has(p));
}

/** getStaticPaths for pages with one service each (the service page, its easy-read version). */
export async function serviceStaticPaths() {
  const services = await allServices();
  return LANGS.flatMap((lang) => services.map((service) => ({ params: { lang: langSegment(lang), slug: service.id }, props: { lang, service } })));
}

/** getStaticPaths for pages with one Markdown entry each, in both languages. */
export async function proseStaticPaths<C extends ProseCollection>(collection: C) {
  const paths = [];
  for (const lang of LANGS) {
    for (const entry of await proseEntries(collection, lang)) paths.push({ params: { lang: langSegment(lang), slug: entry.slug }, props: { lang, entry } });
  }
  return paths;
}
