/**
 * Site search without JavaScript, ranked by MiniSearch (BM25 over title, summary and body).
 *
 * The tokenizer is the word segmenter (Intl.Segmenter), taught a few words it splits: ICU cuts
 * 公交 into 公/交 and 低保 into 低/保, so a query for 公交 would otherwise match any page holding
 * 公 and 交 apart. Two things put the words back together:
 * - the search words (`content/search-synonyms.yaml`, every query word and every word it stands
 *   for): where the segments spell one of them, it is one term;
 * - a run of single-character segments: in the index every stretch of two or more of them is a
 *   term too; in a query the run is one term.
 * A query never matches by one character of a longer word: its single characters are dropped
 * when it has any longer word, and so are words that only frame a question (怎么, how…).
 * English words also index their singular (buses → bus), and whole words only ("bus" is not
 * "business"). Synonyms count at half weight, and a service outranks a document about it.
 */
import MiniSearch, { type Query } from 'minisearch';

/** One searchable page, in one language, in the words a person reads (no markup). */
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
  /** The indexed words that matched, for marking them in the results. */
  matched: string[];
}

/** The index of one language's pages, with what the tokenizer knows. */
export interface SearchIndex {
  mini: MiniSearch<SearchDocument & { id: number }>;
  docs: SearchDocument[];
  lang: string;
  words: ReadonlySet<string>;
  /** Query word → the words the content uses for it (a Map: a query word is never an object's own key, as 'constructor' would be). */
  synonyms: ReadonlyMap<string, string[]>;
}

const segmenters = new Map<string, Intl.Segmenter>();
const segmenter = (lang: string) => {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: 'word' })));
  return s;
};

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;
const isCjk = (w: string) => CJK.test(w);
const isLatin = (w: string) => /^[a-z0-9’'-]+$/.test(w);

/** Words that frame a question rather than say what it is about. */
const QUESTION_WORDS = new Set([
  '怎么', '怎么办', '怎样', '如何', '什么', '哪里', '哪些', '哪个', '能不能', '可不可以', '可以', '是否', '需要', '我', '我们', '你', '您', '的', '了', '吗', '呢', '吧', '和', '或',
  'a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'and', 'or', 'how', 'what', 'where', 'when', 'who', 'which', 'do', 'does', 'i', 'my', 'me', 'can', 'is', 'are', 'get', 'with',
]);

/** An English word's forms that may be its singular (buses → buse, bus); other words as they are. */
export function singulars(word: string): string[] {
  if (!/^[a-z]{4,}$/.test(word) || !word.endsWith('s') || word.endsWith('ss')) return [];
  const forms = [word.slice(0, -1)];
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  return forms;
}

/** The word-like segments of `text`, lower-cased, in order. */
function segments(text: string, lang: string): string[] {
  const out: string[] = [];
  for (const part of segmenter(lang).segment(text.toLowerCase())) {
    if (part.isWordLike) out.push(part.segment);
    else if (part.segment.trim()) out.push(''); // punctuation ends a run of words
  }
  return out;
}

/**
 * Terms of a text. Known words are put back together from their segments (longest first);
 * `index` adds what a query may look for inside: the segments of a known word, and every
 * stretch of two or more single characters in a run of them. A query keeps each run whole.
 */
export function terms(text: string, lang: string, words: ReadonlySet<string>, index: boolean): string[] {
  const segs = segments(text, lang);
  const out: string[] = [];
  const singles: string[] = [];
  const flushSingles = () => {
    if (singles.length > 1) {
      if (index) {
        // Every stretch of 2 to 6 characters, so 助学金 is found in 扶残助学金.
        for (let i = 0; i < singles.length; i++) for (let j = i + 2; j <= Math.min(singles.length, i + 6); j++) out.push(singles.slice(i, j).join(''));
      } else out.push(singles.join(''));
    } else if (singles.length === 1) out.push(singles[0]!);
    singles.length = 0;
  };
  for (let i = 0; i < segs.length; ) {
    const seg = segs[i]!;
    if (!seg) {
      flushSingles();
      i++;
      continue;
    }
    // The longest known word that these segments spell, from a segment boundary to another.
    let joined = '';
    let end = i;
    if (isCjk(seg)) {
      let text = '';
      for (let j = i; j < segs.length && segs[j] && isCjk(segs[j]!) && text.length < 12; j++) {
        text += segs[j];
        if (j > i && words.has(text)) {
          joined = text;
          end = j;
        }
      }
    }
    if (joined) {
      flushSingles();
      out.push(joined);
      if (index) for (let j = i; j <= end; j++) out.push(segs[j]!);
      i = end + 1;
      continue;
    }
    if (isCjk(seg) && seg.length === 1) singles.push(seg);
    else {
      flushSingles();
      out.push(seg);
      if (index) out.push(...singulars(seg));
    }
    i++;
  }
  flushSingles();
  return out.filter(Boolean);
}

/** A query's words: known words whole, question words and (beside longer words) single characters dropped. */
export function queryWords(query: string, index: Pick<SearchIndex, 'lang' | 'words'>): string[] {
  const all = [...new Set(terms(query, index.lang, index.words, false))].filter((w) => !QUESTION_WORDS.has(w));
  const long = all.filter((w) => !(isCjk(w) && w.length === 1));
  return (long.length ? long : all).slice(0, 10);
}

/** Services are what people look for; documents and stories about them come after. */
const KIND_WEIGHT: Record<SearchDocument['kind'], number> = { service: 2, policy: 1, news: 0.7, page: 0.5 };

/**
 * Builds the index. `synonyms` maps a query word to the words the content uses for it; all of
 * them become known words of the tokenizer.
 */
export function buildIndex(docs: SearchDocument[], lang: string, synonyms: Record<string, string[]> = {}): SearchIndex {
  const words = new Set<string>();
  for (const [word, also] of Object.entries(synonyms)) for (const w of [word, ...also]) if (isCjk(w.toLowerCase())) words.add(w.toLowerCase());
  const mini = new MiniSearch<SearchDocument & { id: number }>({
    fields: ['title', 'summary', 'body'],
    tokenize: (text) => terms(text, lang, words, true),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 6, summary: 3, body: 1 } },
  });
  mini.addAll(docs.map((d, id) => ({ ...d, id })));
  const lowered = new Map(Object.entries(synonyms).map(([k, v]) => [k.toLowerCase(), v.map((s) => s.toLowerCase())]));
  return { mini, docs, lang, words, synonyms: lowered };
}

/**
 * Ranks the pages for a query: each query word, or any of its synonyms (at half weight); a
 * page matching more of the words ranks higher (MiniSearch multiplies by the words matched).
 */
export function search(index: SearchIndex, query: string): SearchHit[] {
  const qWords = queryWords(query.trim(), index);
  if (!qWords.length) return [];
  const exact = { tokenize: (s: string) => [s], processTerm: (t: string) => t };
  // Chinese words also find the longer words they begin (公交 → 公交车); English words match whole.
  const prefix = (term: string) => isCjk(term) && term.length > 1;
  const forms = (word: string): Query => ({ ...exact, combineWith: 'OR', prefix, queries: [word, ...singulars(word)] });
  const alternatives = (word: string): Query[] =>
    (index.synonyms.get(word) ?? []).map((s) => {
      const parts = queryWords(s, index);
      return { ...exact, combineWith: 'AND', prefix, boostTerm: () => 0.5, queries: parts.map(forms) };
    });
  const queries: Query[] = qWords.map((w) => ({ ...exact, combineWith: 'OR', queries: [forms(w), ...alternatives(w)] }));
  const results = index.mini.search({ combineWith: 'OR', queries }, { boostDocument: (id) => KIND_WEIGHT[index.docs[id as number]!.kind] });
  return results.map((r) => ({ doc: index.docs[r.id as number]!, score: r.score, matched: r.terms }));
}

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for a matched term in running text: Chinese as written, English as a whole word with its plurals. */
function pattern(term: string): string {
  if (!isLatin(term)) return escape(term);
  const plurals = term.endsWith('y') ? `(?:s|es)?|${escape(term.slice(0, -1))}ies` : '(?:s|es)?';
  return `(?<![a-z0-9])(?:${escape(term)}${plurals})(?![a-z0-9])`;
}

/** Splits text into plain and marked parts for the words found (case-insensitive). */
export function markMatches(text: string, matched: string[]): { text: string; mark: boolean }[] {
  const found = [...new Set(matched.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!found.length) return [{ text, mark: false }];
  const parts: { text: string; mark: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(found.map(pattern).join('|'), 'gi'))) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}

/** A short excerpt of `text` around the first match, for the results list. */
export function excerpt(text: string, matched: string[], length = 80): string {
  const parts = markMatches(text, matched);
  const first = parts.findIndex((p) => p.mark);
  const at = first < 0 ? -1 : parts.slice(0, first).reduce((n, p) => n + p.text.length, 0);
  if (at < length / 2) return text.length > length ? `${text.slice(0, length)}…` : text;
  const start = Math.max(0, at - Math.floor(length / 3));
  return `…${text.slice(start, start + length)}${start + length < text.length ? '…' : ''}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text a person reads in rendered HTML: no tags, no link addresses, entities decoded, a
 * space where a block ends (so words of two paragraphs do not run together).
 */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|table|tr|td|th|blockquote|br|section|dd|dt|dl)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
