import { describe, expect, it } from 'vitest';
import { buildIndex, excerpt, htmlText, markMatches, queryWords, search, singulars, terms, type SearchDocument } from './search';


const doc = (url: string, title: string, summary = '', body = '', kind: SearchDocument['kind'] = 'service'): SearchDocument => ({ url, title, summary, body, kind });
const urls = (docs: SearchDocument[], q: string, synonyms: Record<string, string[]> = {}, lang = 'zh-CN') => search(buildIndex(docs, lang, synonyms), q).map((h) => h.doc.url);

describe('the tokenizer (the word segmenter, taught the words it splits)', () => {
  const none = new Set<string>();
  it('keeps a run of single characters whole in a query, and indexes every stretch of it', () => {
    // ICU segments 公交 as 公/交.
    expect(terms('公交', 'zh-CN', none, false)).toEqual(['公交']);
    expect(terms('扶残助学金', 'zh-CN', none, true)).toEqual(expect.arrayContaining(['助学金', '扶残', '扶残助学金']));
  });
  it('puts a known word back together from its segments, and indexes its parts too', () => {
    const words = new Set(['残疾人证']);
    expect(terms('残疾人证', 'zh-CN', words, false)).toEqual(['残疾人证']);
    expect(terms('办理残疾人证', 'zh-CN', words, true)).toEqual(expect.arrayContaining(['残疾人证', '残疾', '办理']));
  });
  it('does not join words across punctuation', () => {
    expect(terms('公，交', 'zh-CN', none, false)).toEqual(['公', '交']);
  });
  it('drops the words that frame a question, and single characters beside longer words', () => {
    const index = { lang: 'zh-CN', words: new Set(['残疾证']) };
    expect(queryWords('残疾证怎么办', index)).toEqual(['残疾证']);
    expect(queryWords('钱', index)).toEqual(['钱']);
    expect(queryWords('  ', index)).toEqual([]);
    expect(queryWords('how do I get a wheelchair', { lang: 'en', words: new Set() })).toEqual(['wheelchair']);
  });
  it('gives English plurals their singulars', () => {
    expect(singulars('buses')).toEqual(['buse', 'bus']);
    expect(singulars('categories')).toContain('category');
    expect(singulars('bus')).toEqual([]);
    expect(singulars('access')).toEqual([]);
  });
});

describe('search engine', () => {
  it('ranks a title match above a body match', () => {
    expect(urls([doc('/a', '辅助器具', '', '轮椅'), doc('/b', '轮椅适配')], '轮椅')).toEqual(['/b', '/a']);
  });

  it('ranks a page matching every word above one matching a word often', () => {
    expect(urls([doc('/often', '康复 康复 康复'), doc('/both', '儿童康复')], '儿童 康复')[0]).toBe('/both');
  });

  it('never matches by one character of a longer word', () => {
    const docs = [doc('/bus', '免费乘坐公交车'), doc('/pension', '公益岗位', '', '交通'), doc('/other', '公开', '', '交')];
    expect(urls(docs, '公交')).toEqual(['/bus']);
  });

  it('widens a query with synonyms, at lower weight', () => {
    const docs = [doc('/child', '残疾儿童康复救助'), doc('/kid', '孩子')];
    expect(urls(docs, '孩子')).toEqual(['/kid']);
    expect(urls(docs, '孩子', { 孩子: ['儿童'] })).toEqual(['/kid', '/child']);
  });

  it('takes a synonym of several words as all of them, not any one', () => {
    const docs = [doc('/dibao', 'Minimum living allowance'), doc('/living', 'Living costs')];
    expect(urls(docs, 'dibao', { dibao: ['minimum living allowance'] }, 'en')).toEqual(['/dibao']);
  });

  it('takes words that name an object’s own properties as words (no crash)', () => {
    const docs = [doc('/c', 'The constructor of a ramp')];
    for (const q of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(() => urls(docs, q, { bus: ['buses'] }, 'en'), q).not.toThrow();
    expect(urls(docs, 'constructor', {}, 'en')).toEqual(['/c']);
  });

  it('matches Latin words whole: "bus" is not "business", and finds "buses"', () => {
    const docs = [doc('/start', 'Start a business'), doc('/bus', 'Free buses')];
    expect(urls(docs, 'bus', {}, 'en')).toEqual(['/bus']);
  });

  it('puts a service before a policy that matches as well', () => {
    expect(urls([doc('/p', 'Bus policy', '', '', 'policy'), doc('/s', 'Bus travel')], 'bus', {}, 'en')[0]).toBe('/s');
  });

  it('marks the matching words and leaves the rest as text', () => {
    expect(markMatches('Free buses', ['bus'])).toEqual([
      { text: 'Free ', mark: false },
      { text: 'buses', mark: true },
    ]);
    expect(markMatches('business', ['bus'])).toEqual([{ text: 'business', mark: false }]);
    expect(markMatches('<b>', ['b'])).toEqual([{ text: '<', mark: false }, { text: 'b', mark: true }, { text: '>', mark: false }]);
  });

  it('excerpts around the first match', () => {
    const text = `${'前'.repeat(100)}轮椅${'后'.repeat(100)}`;
    expect(excerpt(text, ['轮椅'], 40)).toMatch(/^…前+轮椅后+…$/);
  });
});

describe('the text a person reads', () => {
  it('keeps a link’s words and drops its address, tags and entities', () => {
    expect(htmlText('<h2>依据</h2><p>见<a href="/services/free-bus-travel/">残疾人免费乘坐市内公交车</a> &amp; <em>bus</em>&#x3002;</p>')).toBe('依据 见残疾人免费乘坐市内公交车 & bus。');
  });
});
