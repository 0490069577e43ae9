/**
 * Every page of the portal, in both languages: the sitemap's contents, and so the list the
 * accessibility crawl scans. A test checks that every prerendered page is listed here.
 */
import { allServices, proseEntries } from './entries';
import { servedRegions } from './regions';
import { LANGS, localePath } from '../i18n';

/** Paths without language prefix, for one language. */
export async function pagePaths(): Promise<string[]> {
  const fixed = ['/', '/services/', '/regions/', '/search/', '/check/', '/apply/', '/track/', '/feedback/', '/policies/', '/news/', '/settings/', '/content-report/'];
  const regions = (await servedRegions()).map((r) => `/regions/${r.id}/`);
  const services = (await allServices()).flatMap((s) => [`/services/${s.id}/`, `/services/${s.id}/easy-read/`]);
  const prose = async (c: 'policies' | 'news' | 'pages', prefix: string) =>
    (await proseEntries(c, 'zh-CN')).map((e) => `${prefix}${e.slug}/`);
  return [...fixed, ...regions, ...(await prose('pages', '/')), ...services, ...(await prose('policies', '/policies/')), ...(await prose('news', '/news/'))];
}

/** A <urlset> with both languages of every page, linked as alternates. */
export async function urlset(site: URL): Promise<string> {
  const abs = (p: string) => new URL(p, site).href;
  const urls = (await pagePaths()).flatMap((path) =>
    LANGS.map((lang) => {
      const alts = LANGS.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${abs(localePath(l, path))}"/>`).join('');
      return `<url><loc>${abs(localePath(lang, path))}</loc>${alts}</url>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}
