import { describe, expect, it } from 'vitest';
import { excerpt, markMatches, queryTerms, search, type SearchDocument } from './search';

const doc = (url: string, title: string, summary = '', body = '', kind: SearchDocument['kind'] = 'service'): SearchDocument => ({ url, title, summary, body, kind });

describe('search engine', () => {
  it('segments a Chinese query into words and keeps each part whole', () => {
    expect(queryTerms('孩子 康复')).toEqual(expect.arrayContaining(['孩子', '康复']));
    expect(queryTerms('  ')).toEqual([]);
  });

  it('ranks a title match above a body match', () => {
    const hits = search([doc('/a', '辅助器具', '', '轮椅'), doc('/b', '轮椅适配')], '轮椅');
    expect(hits.map((h) => h.doc.url)).toEqual(['/b', '/a']);
  });

  it('ranks a page matching every word above one matching a word often', () => {
    const hits = search([doc('/often', '康复 康复 康复'), doc('/both', '儿童康复')], '儿童 康复');
    expect(hits[0]!.doc.url).toBe('/both');
  });

  it('widens a query with synonyms, at lower weight', () => {
    const docs = [doc('/child', '残疾儿童康复救助')];
    expect(search(docs, '孩子')).toEqual([]);
    expect(search(docs, '孩子', { 孩子: ['儿童'] })[0]!.matched).toContain('儿童');
  });

  it('matches Latin words whole: "bus" is not "business"', () => {
    const hits = search([doc('/start', 'Start a business'), doc('/bus', 'Free bus travel')], 'bus');
    expect(hits.map((h) => h.doc.url)).toEqual(['/bus']);
  });

  it('puts a service before a policy that matches as well', () => {
    const hits = search([doc('/p', 'Bus policy', '', '', 'policy'), doc('/s', 'Bus travel')], 'bus');
    expect(hits[0]!.doc.url).toBe('/s');
  });

  it('marks the matching words and leaves the rest as text', () => {
    expect(markMatches('Free bus travel', ['bus'])).toEqual([
      { text: 'Free ', mark: false },
      { text: 'bus', mark: true },
      { text: ' travel', mark: false },
    ]);
    expect(markMatches('<b>', ['b'])).toEqual([{ text: '<', mark: false }, { text: 'b', mark: true }, { text: '>', mark: false }]);
  });

  it('excerpts around the first match', () => {
    const text = `${'前'.repeat(100)}轮椅${'后'.repeat(100)}`;
    expect(excerpt(text, ['轮椅'], 40)).toMatch(/^…前+轮椅后+…$/);
  });
});
