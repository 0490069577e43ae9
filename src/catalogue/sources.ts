/** Source citations, shown as "title (publisher, date, number)" with the quoted sentence. */
import { getCollection, getEntry } from 'astro:content';
import { localePath, pick, type Lang } from '../i18n';
import { proseEntries } from './entries';

export interface Citation {
  source: { id: string };
  quote?: string | undefined;
}

export interface ShownCitation {
  id: string;
  title: string;
  detail: string;
  quote?: string | undefined;
}

/** Resolves citations for display; repeated sources are kept, since each may quote a different sentence. */
export async function showCitations(citations: Citation[], lang: Lang): Promise<ShownCitation[]> {
  return Promise.all(
    citations.map(async (c) => {
      const source = await getEntry('sources', c.source.id);
      if (!source) throw new Error(`Unknown source ${c.source.id}`);
      const d = source.data;
      const detail = [pick(lang, d.publisher).text, d.documentNumber, d.date].filter(Boolean).join(lang === 'en' ? ', ' : '，');
      return { id: source.id, title: d.title, detail, quote: c.quote };
    }),
  );
}

/**
 * How to show a rule criterion's source id: the source's title, linked to its policy page
 * where the portal has one in `lang`.
 */
export async function sourceResolver(lang: Lang): Promise<(id: string) => { title: string; href?: string | undefined }> {
  const [sources, policies] = await Promise.all([getCollection('sources'), proseEntries('policies', lang)]);
  const titles = new Map(sources.map((s) => [s.id, s.data.title]));
  const pages = new Set(policies.map((p) => p.slug));
  return (id) => ({ title: titles.get(id) ?? id, href: pages.has(id) ? localePath(lang, `/policies/${id}/`) : undefined });
}
