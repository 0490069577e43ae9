/** The searchable pages in one language, built from the content collections (cached). */
import { getCollection } from 'astro:content';
import { allServices, proseEntries } from './entries';
import { localePath, pick, type Lang } from '../i18n';
import { localizedFields } from './fields';
import type { SearchDocument } from './search';

/** Every localized text in a value, in `lang`. */
const textsOf = (value: unknown, lang: Lang): string[] => [...localizedFields(value)].map(([, t]) => pick(lang, t).text);

const cache = new Map<Lang, SearchDocument[]>();

export async function searchDocuments(lang: Lang): Promise<SearchDocument[]> {
  const cached = cache.get(lang);
  if (cached) return cached;
  const docs: SearchDocument[] = [];
  for (const s of await allServices()) {
    const d = s.data;
    docs.push({
      url: localePath(lang, `/services/${s.id}/`),
      title: pick(lang, d.title).text,
      summary: pick(lang, d.summary).text,
      body: textsOf([d.eligibility, d.benefits, d.materials, d.apply, d.decision, d.easyRead], lang).join(' '),
      kind: 'service',
    });
  }
  for (const [collection, prefix, kind] of [['policies', '/policies/', 'policy'], ['news', '/news/', 'news'], ['pages', '/', 'page']] as const) {
    for (const e of await proseEntries(collection, lang)) {
      docs.push({ url: localePath(lang, `${prefix}${e.slug}/`), title: e.entry.data.title, summary: e.entry.data.summary, body: e.entry.body ?? '', kind });
    }
  }
  cache.set(lang, docs);
  return docs;
}

/** The synonym table, query word → words the content uses. */
export async function synonyms(): Promise<Record<string, string[]>> {
  return Object.fromEntries((await getCollection('synonyms')).map((e) => [e.id.toLowerCase(), e.data.also]));
}
