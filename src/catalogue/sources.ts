/** Source citations, shown as "title (publisher, date, number)" with the quoted sentence. */
import { getCollection, getEntry } from 'astro:content';
import { localePath, pick, type Lang } from '../i18n';
import { proseEntries } from './entries';

/** A citation as content states it (a service's, policy's, news story's or region's `sources:`). */
export interface Citation {
  source: { id: string };
  quote?: string | undefined;
}

/** A citation ready to show: what `showCitations` returns and the Sources component receives. */
export interface ShownCitation {
  id: string;
  /** The source document's title: in English on English pages where the portal has the policy in English, else its Chinese original. */
  title: string;
  /** The language `title` is in. */
  titleLang: Lang;
  /** Publisher (in the page's language where translated), document number and date, joined. */
  detail: string;
  /** The exact sentence quoted from the source, where the content gives one. */
  quote?: string | undefined;
}

/** Resolves citations for display; repeated sources are kept, since each may quote a different sentence. */
export async function showCitations(citations: Citation[], lang: Lang): Promise<ShownCitation[]> {
  const translated = await translatedPolicyTitles(lang);
  return Promise.all(
    citations.map(async (c) => {
      const source = await getEntry('sources', c.source.id);
      if (!source) throw new Error(`Unknown source ${c.source.id}`);
      const d = source.data;
      const detail = [pick(lang, d.publisher).text, d.documentNumber, d.date].filter(Boolean).join(lang === 'en' ? ', ' : '，');
      const english = translated.get(source.id);
      return { id: source.id, title: english ?? d.title, titleLang: english ? lang : 'zh-CN', detail, quote: c.quote };
    }),
  );
}

/**
 * The titles of the policy pages written in `lang` other than Chinese, by slug: a source with a
 * policy page of the same id is cited by that page's English title on English pages.
 */
async function translatedPolicyTitles(lang: Lang): Promise<Map<string, string>> {
  if (lang === 'zh-CN') return new Map();
  const pages = await proseEntries('policies', lang);
  return new Map(pages.filter((p) => p.lang === lang).map((p) => [p.slug, p.entry.data.title]));
}

/**
 * How to show a rule criterion's source, which is a source document's id or a policy page's
 * slug, and the clause of it where the criterion names one: the title (the policy page's, in
 * `lang` where translated), linked to the policy page where the portal has one, and the clause's
 * place in the document (第五十条 / Article 50). An id or clause that does not exist is a content
 * bug (the content and rule tests catch it).
 */
export async function sourceResolver(lang: Lang): Promise<(id: string, clause?: string) => ShownSource> {
  const [sources, policies] = await Promise.all([getCollection('sources'), proseEntries('policies', lang)]);
  const documents = new Map(sources.map((s) => [s.id, s.data]));
  const pages = new Map(policies.map((p) => [p.slug, p]));
  return (id, clause) => {
    const page = pages.get(id);
    const href = page ? localePath(lang, `/policies/${id}/`) : undefined;
    const document = documents.get(id);
    const found = clause === undefined ? undefined : document?.clauses.find((c) => c.id === clause);
    if (clause !== undefined && !found) throw new Error(`Unknown clause ${id}#${clause}`);
    const place = found && pick(lang, found.label);
    const at = place ? { clause: place.text, clauseLang: place.lang } : {};
    // On English pages a policy translated into English is cited by its English title; otherwise a
    // source document's title is its Chinese original, and a policy page's is in its own language.
    if (page && page.lang === lang && lang !== 'zh-CN') return { title: page.entry.data.title, lang, href, ...at };
    if (document !== undefined) return { title: document.title, lang: 'zh-CN', href, ...at };
    if (page) return { title: page.entry.data.title, lang: page.lang, href, ...at };
    throw new Error(`Unknown source or policy ${id}`);
  };
}

export interface ShownSource {
  title: string;
  /** The language the title is in. */
  lang: Lang;
  href?: string | undefined;
  /** Where in the document: the quoted clause's label (第五十条 / Article 50), where one is named. */
  clause?: string;
  /** The language the clause's label is in. */
  clauseLang?: Lang;
}

/** Clauses (`source#clause`) as citations to show, each with its quoted sentence; each source once, its clauses' quotes joined. */
export async function clauseCitations(refs: readonly string[], lang: Lang): Promise<ShownCitation[]> {
  const bySource = new Map<string, string[]>();
  for (const ref of refs) {
    const [id, clause] = ref.split('#') as [string, string | undefined];
    const source = await getEntry('sources', id);
    if (!source) throw new Error(`Unknown source ${id}`);
    const quote = clause && source.data.clauses.find((c) => c.id === clause)?.quote;
    if (clause && !quote) throw new Error(`Unknown clause ${ref}`);
    const quotes = bySource.get(id) ?? [];
    if (quote && !quotes.includes(quote)) quotes.push(quote);
    bySource.set(id, quotes);
  }
  return showCitations(
    [...bySource].map(([id, quotes]) => ({ source: { id }, quote: quotes.join(' …… ') || undefined })),
    lang,
  );
}
