/**
 * Search quality over the query table people type (tests/search-queries.ts): the share of
 * queries whose expected page comes first and in the top three, the mean number of results,
 * and the results that share only a single character with a longer Chinese query (every
 * marked word in the result is one character). Reads the no-JS results page, so the same
 * measure runs on any build of the portal, before and after.
 */
import { SEARCH_QUERIES } from '../../tests/search-queries.ts';
import { assertLoopback } from './util.mjs';

export { SEARCH_QUERIES };

/** One query's results: their paths, and for each the words marked in it. */
async function resultsOf(base, { lang, q }) {
  const url = `${base}${lang === 'en' ? '/en' : ''}/search?q=${encodeURIComponent(q)}`;
  assertLoopback(url);
  const html = await (await fetch(url)).text();
  const start = html.indexOf('<ol class="results"');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf('</ol>', start));
  return list
    .split('<li')
    .slice(1)
    .map((item) => ({
      path: /<a href="([^"]+)"/.exec(item)?.[1],
      marks: [...item.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]),
    }));
}

const isLongChinese = (q) => /[\u4e00-\u9fff]/.test(q) && q.replace(/\s/g, '').length > 1;

/** Measures the portal at `base` over the whole table. */
export async function measureSearch(base, queries = SEARCH_QUERIES) {
  const rows = [];
  for (const query of queries) {
    const found = await resultsOf(base, query);
    const paths = found.map((r) => r.path);
    rows.push({
      ...query,
      results: found.length,
      rank: paths.indexOf(query.first) + 1,
      firstFound: paths[0],
      singleCharOnly: isLongChinese(query.q) ? found.filter((r) => !r.marks.some((m) => m.length > 1)).map((r) => r.path) : [],
    });
  }
  const share = (f) => rows.filter(f).length / rows.length;
  return {
    queries: rows.length,
    first: share((r) => r.rank === 1),
    top3: share((r) => r.rank >= 1 && r.rank <= 3),
    meanResults: rows.reduce((s, r) => s + r.results, 0) / rows.length,
    singleCharOnly: rows.reduce((s, r) => s + r.singleCharOnly.length, 0),
    queriesWithSingleCharOnly: rows.filter((r) => r.singleCharOnly.length).length,
    rows,
  };
}
