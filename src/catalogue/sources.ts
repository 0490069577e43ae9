/** Source citations, shown as "title (publisher, date, number)" with the quoted sentence. */
import { getEntry } from 'astro:content';
import { pick, type Lang } from '../i18n';

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
