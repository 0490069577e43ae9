/**
 * A bare semantic page holding the same text as a portal page: the portal's own HTML with every
 * stylesheet, style, script and module preload taken out, and no class, style or scoped-style
 * attribute left. Headings, lists, landmarks, links, forms and images stay. Issue 14 point 9
 * compares each page type's LCP with its bare twin's, in the same run: whatever the portal adds
 * (CSS, the display stylesheet, islands, the sign-language slot) should cost at most 10%.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The page types measured, one address each. */
export const PAGE_TYPES = [
  { name: 'home', path: '/' },
  { name: 'catalogue', path: '/services/' },
  { name: 'service', path: '/services/living-subsidy/' },
  { name: 'easy-read', path: '/services/living-subsidy/easy-read/' },
  { name: 'policy', path: '/policies/guofa-2015-52/' },
  { name: 'news', path: '/news/jilin-four-combinations/' },
  { name: 'region', path: '/regions/jilin-city/' },
  { name: 'search', path: `/search?q=${encodeURIComponent('公交')}` },
  { name: 'self-check', path: '/check/' },
  { name: 'settings', path: '/settings/' },
  { name: 'standing page', path: '/privacy/' },
];

/** The bare twin of a page's HTML. */
export function bareHtml(html) {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/<link\b[^>]*rel="(?:stylesheet|modulepreload|preload)"[^>]*>/gi, '')
    .replace(/\s(?:class|style|data-astro-cid-[\w-]+)(?:="[^"]*")?(?=[\s>/])/g, '');
}

/**
 * The response headers the portal sends with a page that shape how a browser opens it (security
 * policy, cache policy), which the twin served "as the portal serves it" sends too.
 * Cross-Origin-Opener-Policy matters most: in Lighthouse's fresh tab, a page that sends it
 * starts in a new browsing-context group (a new renderer process), which a page without it does
 * not; see bench/README.md section 10.
 */
const DELIVERY_HEADERS = ['cache-control', 'content-security-policy', 'cross-origin-opener-policy', 'permissions-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options'];

/**
 * Writes each page type's bare twin under `dir` (dir/<name>/index.html, and the portal's
 * delivery headers for it in dir/<name>/headers.json); returns name → path.
 */
export async function writeBarePages(baseUrl, dir) {
  const paths = {};
  for (const t of PAGE_TYPES) {
    const res = await fetch(baseUrl + t.path);
    const html = await res.text();
    const slug = t.name.replace(/\s+/g, '-');
    mkdirSync(join(dir, slug), { recursive: true });
    writeFileSync(join(dir, slug, 'index.html'), bareHtml(html));
    const headers = Object.fromEntries(DELIVERY_HEADERS.filter((h) => res.headers.has(h)).map((h) => [h, res.headers.get(h)]));
    writeFileSync(join(dir, slug, 'headers.json'), JSON.stringify(headers, null, 2));
    paths[t.name] = `/${slug}/`;
  }
  return paths;
}
