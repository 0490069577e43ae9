/** The searchable pages in one language, built from the content collections (cached). */
import { getCollection } from 'astro:content';
import { allServices, proseEntries } from './entries';
import { localePath, pick, type Lang } from '../i18n';
import { localizedFields } from './fields';
import { buildIndex, htmlText, type SearchDocument, type SearchIndex } from './search';

/** Every localized text in a value, in `lang`. */
const textsOf = (value: unknown, lang: Lang): string[] => [...localizedFields(value)].map(([, t]) => pick(lang, t).text);

export async function searchDocuments(lang: Lang): Promise<SearchDocument[]> {
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
      docs.push({ url: localePath(lang, `${prefix}${e.slug}/`), title: e.entry.data.title, summary: e.entry.data.summary, body: htmlText(e.entry.rendered?.html ?? ''), kind });
    }
  }
  return docs;
}

/** The synonym table, query word → words the content uses (an empty list: a word the segmenter splits, no synonyms). */
export async function synonyms(): Promise<Record<string, string[]>> {
  return Object.fromEntries((await getCollection('synonyms')).map((e) => [e.id.toLowerCase(), e.data.also]));
}

const indexes = new Map<Lang, Promise<SearchIndex>>();
/** The index of one language's pages, built once (content does not change at run time). */
export function searchIndex(lang: Lang): Promise<SearchIndex> {
  let made = indexes.get(lang);
  if (!made) {
    made = Promise.all([searchDocuments(lang), synonyms()]).then(([docs, syn]) => buildIndex(docs, lang === 'en' ? 'en' : 'zh-CN', syn));
    indexes.set(lang, made);
  }
  return made;
}
