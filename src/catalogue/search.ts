/**
 * Site search without JavaScript: Chinese is segmented with Intl.Segmenter, English is split
 * into lower-case words; query words are widened by a small synonym table (content data);
 * documents are scored by where a word matches (title ≫ summary ≫ body) and by how many of
 * the query's words they match, so "孩子 康复" puts children's rehabilitation first.
 */

/** One searchable page, in one language. */
export interface SearchDocument {
  url: string;
  title: string;
  summary: string;
  body: string;
  /** What kind of page, for the results list. */
  kind: 'service' | 'policy' | 'news' | 'page';
}

export interface SearchHit {
  doc: SearchDocument;
  score: number;
  /** Query words (and synonyms) found, for marking them in the results. */
  matched: string[];
}

const segmenters = new Map<string, Intl.Segmenter>();
const segmenter = (lang: string) => {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: 'word' })));
  return s;
};

/** Words of a text, lower-cased; Chinese segmented into words. */
export function words(text: string, lang = 'zh-CN'): string[] {
  const out: string[] = [];
  for (const part of segmenter(lang).segment(text.toLowerCase())) if (part.isWordLike) out.push(part.segment);
  return out;
}

/** The query's terms: its words, plus, for Chinese, the whole of each space-separated part. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const part of query.toLowerCase().split(/[\s,，、]+/).filter(Boolean)) {
    terms.add(part);
    for (const w of words(part)) if (w.length > 1 || /[\u4e00-\u9fff]/.test(w)) terms.add(w);
  }
  return [...terms].slice(0, 10);
}

const FIELD_WEIGHT = { title: 10, summary: 4, body: 1 } as const;

const isLatin = (term: string) => /^[a-z0-9-]+$/.test(term);
const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How often `term` occurs in `text`, at most 5. Chinese terms match as substrings (so 康复
 * finds 康复救助); Latin terms match whole words (so "bus" does not find "business").
 */
function occurrences(text: string, term: string): number {
  if (isLatin(term)) return Math.min(5, [...text.matchAll(new RegExp(`(?<![a-z0-9])${escape(term)}(?![a-z0-9])`, 'g'))].length);
  let n = 0;
  for (let i = text.indexOf(term); i !== -1 && n < 5; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

/** Services are what people look for; documents and stories about them come after. */
const KIND_WEIGHT: Record<SearchDocument['kind'], number> = { service: 2, policy: 1, news: 0.7, page: 0.5 };

/**
 * Ranks documents for a query. Each query term scores by field weight × occurrences (its
 * synonyms count at half); a document gains for each distinct query term it matches, so
 * matching every word beats matching one word often.
 */
export function search(docs: SearchDocument[], query: string, synonyms: Record<string, string[]> = {}): SearchHit[] {
  const terms = queryTerms(query.trim());
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const fields = { title: doc.title.toLowerCase(), summary: doc.summary.toLowerCase(), body: doc.body.toLowerCase() };
    let score = 0;
    let termsMatched = 0;
    const matched = new Set<string>();
    for (const term of terms) {
      let termScore = 0;
      for (const [variant, factor] of [[term, 1], ...(synonyms[term] ?? []).map((s) => [s.toLowerCase(), 0.5] as const)] as const) {
        for (const field of ['title', 'summary', 'body'] as const) {
          const n = occurrences(fields[field], variant);
          if (n) {
            termScore += FIELD_WEIGHT[field] * n * factor;
            matched.add(variant);
          }
        }
      }
      if (termScore) termsMatched++;
      score += termScore;
    }
    if (score > 0) hits.push({ doc, score: score * (1 + termsMatched) * KIND_WEIGHT[doc.kind], matched: [...matched] });
  }
  return hits.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
}

/** Splits text into plain and marked parts for the words found (case-insensitive). */
export function markMatches(text: string, matched: string[]): { text: string; mark: boolean }[] {
  const terms = matched.filter(Boolean).sort((a, b) => b.length - a.length);
  if (!terms.length) return [{ text, mark: false }];
  const escaped = terms.map((t) => (isLatin(t) ? `(?<![a-z0-9])${escape(t)}(?![a-z0-9])` : escape(t)));
  const parts: { text: string; mark: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(escaped.join('|'), 'gi'))) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}

/** A short excerpt of `text` around the first match, for the results list. */
export function excerpt(text: string, matched: string[], length = 80): string {
  const lower = text.toLowerCase();
  const at = Math.min(...matched.map((m) => lower.indexOf(m)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(at) || at < length / 2) return text.length > length ? `${text.slice(0, length)}…` : text;
  const start = Math.max(0, at - Math.floor(length / 3));
  return `…${text.slice(start, start + length)}${start + length < text.length ? '…' : ''}`;
}
