/**
 * The portal over HTTP, as a browser without JavaScript sees it: headers, the settings
 * form's POST-redirect-GET, the per-visitor stylesheet, the catalogue's GET filters, errors
 * in the visitor's language, and a sitemap that lists every built page.
 */
import { describe, expect, it, inject } from 'vitest';
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dirname, relative } from 'node:path';
import { htmlFiles } from '../../src/integrations/internal-links';
import { sitemapUrls } from '../sitemap';
import { SEARCH_QUERIES } from '../search-queries';
import { routeOf } from '../../src/server/http/routes';

const base = inject('baseUrl');
const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, { redirect: 'manual', ...init });
const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  get(path, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers },
  });

describe('security headers', () => {
  it.each([
    ['a prerendered page', '/services/living-subsidy/'],
    ['an on-demand page', '/services/?category=living'],
    ['the settings form', '/en/settings/'],
    ['the display stylesheet', '/display.css'],
    ['a static file', '/videos/sample.zh.vtt'],
    ['a script', '/sitemap-index.xml'],
    ['a 404', '/en/no-such-page/'],
  ])('are sent with %s', async (_what, path) => {
    const res = await get(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('allows, by hash, exactly the inline styles and scripts of every page (or the page loses its styles)', async () => {
    for (const url of await sitemapUrls(base)) {
      const res = await fetch(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      const html = await res.text();
      const inline = [...html.matchAll(/<(style|script)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/g)];
      for (const [, tag, body] of inline) {
        const hash = `'sha256-${createHash('sha256').update(body!).digest('base64')}'`;
        expect(csp, `${url}: inline <${tag}> not allowed by its CSP`).toContain(hash);
      }
    }
  });

  it.each([
    ['the report form', '/feedback/', 'same-origin'],
    ['the accessibility statement, which takes a report', '/en/accessibility/', 'same-origin'],
    ['tracking', '/track', 'same-origin'],
    ['an application', '/apply/two-subsidies/', 'same-origin'],
    ['the staff sign-in', '/staff/sign-in/', 'same-origin'],
    ['the catalogue, which keeps a region', '/services/?category=living', null],
    ['the self-check', '/check/', null],
    ['the settings form', '/en/settings/', null],
    ['search results', '/search?q=bus', null],
    ['a prerendered page', '/services/living-subsidy/', null],
    ['the home page', '/en/', null],
  ])('cut %s off from a cross-origin opener only where the page holds records', async (_what, path, policy) => {
    // Elsewhere the header would only make a page opened in a new tab start a second renderer
    // process (bench section 10): a window handle reaches nothing on those pages.
    expect((await get(path)).headers.get('cross-origin-opener-policy')).toBe(policy);
  });

  it('gives pages a script policy with hashes, never unsafe-inline', async () => {
    const csp = (await get('/')).headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
  });
});

describe('display settings without JavaScript', () => {
  it('saves the choice in a cookie and redirects back (POST-redirect-GET)', async () => {
    const res = await post('/settings/', { textSize: 'larger', contrast: 'high', lineSpacing: 'wide', motion: 'reduce', action: 'save' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings/?saved=1');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tx-display=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=31536000/);
    const value = cookie.split(';')[0]!;
    const css = await (await get('/display.css', { headers: { cookie: value } })).text();
    expect(css).toContain('--text-scale:1.5');
    expect(css).toContain('--c-bg:var(--high-bg)');
    expect(css).toContain('--line-height:2');
    expect(css).toContain('animation-duration:0s');
    const page = await (await get('/settings/?saved=1', { headers: { cookie: value } })).text();
    expect(page).toContain('已保存你的显示设置');
    expect(page).toMatch(/id="textSize-larger"[^>]*checked/);
  });

  it('keeps the English visitor in English', async () => {
    const res = await post('/en/settings/', { textSize: 'large', action: 'save' });
    expect(res.headers.get('location')).toBe('/en/settings/?saved=1');
  });

  it('clears the cookie when the defaults are restored', async () => {
    const res = await post('/settings/', { action: 'reset' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings/?reset=1');
    expect(res.headers.get('set-cookie')).toMatch(/tx-display=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
  });

  it('answers a tampered value with 400 and an error summary naming the field', async () => {
    const res = await post('/en/settings/', { textSize: 'giant', contrast: 'high' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('Select an option from the list for “Text size”');
    expect(html).toContain('href="#textSize-standard"');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('saves nothing from a body that is not a form, and says so (400, not "saved")', async () => {
    const res = await get('/en/settings/', {
      method: 'POST',
      body: JSON.stringify({ textSize: 'large' }),
      headers: { 'content-type': 'multipart/form-data; boundary=x', origin: base },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Your settings could not be saved.');
  });

  it('refuses a cross-site POST (CSRF)', async () => {
    const res = await post('/settings/', { textSize: 'large' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('serves an empty, revalidated stylesheet by default, and 304 when unchanged', async () => {
    const res = await get('/display.css');
    expect(await res.text()).toBe('');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toMatch(/^Cookie\b/);
    const again = await get('/display.css', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('ignores a garbled cookie', async () => {
    const res = await get('/display.css', { headers: { cookie: 'tx-display=%%%;textSize' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

/** A GET or HEAD with nothing decoded: status, headers and the bytes as sent. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pages as sent: compressed, with /display.css only for a visitor who has a setting or a region', () => {
  const links = (html: string) => html.match(/<link rel="stylesheet" href="\/display\.css">/g)?.length ?? 0;

  it.each([
    ['a prerendered page', '/en/services/living-subsidy/'],
    ['an on-demand page', '/search?q=bus'],
    ['the catalogue', '/services/'],
  ])('links no /display.css by default (%s), and says the page varies by Cookie', async (_what, path) => {
    const res = await raw(path);
    expect(res.status).toBe(200);
    expect(links(res.body.toString())).toBe(0);
    expect(res.headers.vary).toMatch(/Cookie/);
  });

  it.each([
    ['a display setting', 'tx-display=textSize%3Dlarger'],
    ['a kept region', 'tx-region=jilin-city'],
    ['both, among other cookies', 'tx-check=x; tx-region=jilin-city; tx-display=contrast%3Dhigh'],
  ])('links /display.css once in the head for a visitor with %s, on prerendered and on-demand pages', async (_what, cookie) => {
    for (const path of ['/en/services/living-subsidy/', '/', '/search?q=bus', '/services/', '/en/settings/']) {
      const res = await raw(path, { cookie });
      const html = res.body.toString();
      expect(links(html), path).toBe(1);
      expect(html.indexOf('href="/display.css"'), path).toBeLessThan(html.indexOf('</head>'));
    }
  });

  it('keeps a visitor\'s page out of shared caches, and gives each form its own ETag', async () => {
    const plain = await raw('/privacy/');
    const personal = await raw('/privacy/', { cookie: 'tx-display=textSize%3Dlarge' });
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    expect(personal.headers['cache-control']).toBe('private, no-cache');
    expect(personal.headers.etag).not.toBe(plain.headers.etag);
    const notModified = await raw('/privacy/', { 'if-none-match': plain.headers.etag! });
    expect(notModified.status).toBe(304);
    // Its headers are merged into the browser's copy: the page's own policy, not `default-src 'none'`.
    expect(notModified.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
    // The plain page's tag does not answer for the visitor's page: they get theirs in full.
    const crossed = await raw('/privacy/', { 'if-none-match': plain.headers.etag!, cookie: 'tx-display=textSize%3Dlarge' });
    expect(crossed.status).toBe(200);
    expect(links(crossed.body.toString())).toBe(1);
  });

  it.each([
    ['br', 'gzip, deflate, br', (b: Buffer) => brotliDecompressSync(b)],
    ['gzip', 'gzip', (b: Buffer) => gunzipSync(b)],
    ['gzip', 'br;q=0.5, gzip', (b: Buffer) => gunzipSync(b)],
    ['br', '*', (b: Buffer) => brotliDecompressSync(b)],
  ])('sends a prerendered page as %s for Accept-Encoding "%s", the same page as uncompressed', async (coding, accept, decode) => {
    const identity = await raw('/en/services/living-subsidy/');
    expect(identity.headers['content-encoding']).toBeUndefined();
    const res = await raw('/en/services/living-subsidy/', { 'accept-encoding': accept });
    expect(res.headers['content-encoding']).toBe(coding);
    expect(Number(res.headers['content-length'])).toBe(res.body.byteLength);
    expect(res.body.byteLength).toBeLessThan(identity.body.byteLength / 2);
    expect(decode(res.body).equals(identity.body)).toBe(true);
    expect(res.headers['content-security-policy']).toBe(identity.headers['content-security-policy']);
    expect(res.headers.etag).not.toBe(identity.headers.etag);
  });

  it('sends a page uncompressed when no coding is acceptable', async () => {
    for (const accept of ['identity', 'br;q=0, gzip;q=0', 'compress']) {
      const res = await raw('/en/', { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body.toString(), accept).toContain('<!DOCTYPE html>');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await raw('/en/privacy/', { 'accept-encoding': 'gzip' });
    const head = await raw('/en/privacy/', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('compresses on-demand pages and JSON too, and serves hashed assets compressed and immutable', async () => {
    const search = await raw('/search?q=bus', { 'accept-encoding': 'gzip' });
    expect(search.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(search.body).toString()).toContain('</html>');
    const api = await raw('/api/services', { 'accept-encoding': 'br' });
    expect(api.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(api.body).toString())).toBeTruthy();
    const page = (await raw('/en/services/living-subsidy/')).body.toString();
    const script = page.match(/src="(\/_astro\/[^"]+\.js)"/)![1]!;
    const asset = await raw(script, { 'accept-encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('leaves files that do not shrink, like the sample video, to the adapter with their byte ranges', async () => {
    const res = await raw('/videos/sample.zh.vtt', { range: 'bytes=0-9', 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.status).toBe(206);
    expect(res.body.byteLength).toBe(10);
  });
});

describe('catalogue filters (plain GET)', () => {
  const titles = (html: string) => [...html.matchAll(/<h3[^>]*><a href="[^"]*\/services\/([\w-]+)\/"/g)].map((m) => m[1]);

  it('lists every service with no filter', async () => {
    const html = await (await get('/services/')).text();
    expect(titles(html)).toEqual(expect.arrayContaining(['living-subsidy', 'nursing-subsidy', 'free-bus-travel']));
  });

  it('filters by region: free bus travel is a Jilin City service', async () => {
    const jilin = await (await get('/en/services/?region=jilin-city')).text();
    expect(titles(jilin)).toContain('free-bus-travel');
    const yuhua = await (await get('/en/services/?region=changsha-yuhua')).text();
    expect(titles(yuhua)).not.toContain('free-bus-travel');
    expect(titles(yuhua)).toContain('living-subsidy');
    expect(yuhua).toContain('<title>Services: Yuhua District, Changsha - Tongxing</title>');
  });

  it('shows the empty state with a way forward', async () => {
    const html = await (await get('/services/?category=education&region=changsha-yuhua')).text();
    expect(titles(html)).toEqual([]);
    expect(html).toContain('没有符合这些条件的服务');
    expect(html).toContain('12385');
  });

  it('answers an unknown filter with 400, a message, and every service', async () => {
    const res = await get('/services/?category=%3Cscript%3E&region=atlantis');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('你选择的筛选条件无效');
    expect(html).not.toContain('<script>');
    expect(titles(html).length).toBeGreaterThanOrEqual(3);
  });
});

describe('region pages', () => {
  const section = (html: string, id: string) => {
    const start = html.indexOf(`id="group-${id}"`);
    return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
  };

  it('lists national services apart from local ones, from the policies they rest on', async () => {
    const jilin = await (await get('/regions/jilin-city/')).text();
    expect(section(jilin, 'national')).toContain('/services/living-subsidy/');
    expect(section(jilin, 'national')).toContain('/services/nursing-subsidy/');
    expect(section(jilin, 'local')).toContain('/services/free-bus-travel/');
    expect(jilin).toContain('/policies/jilin-free-bus/');
  });

  it('does not offer a Jilin City service in Yuhua District', async () => {
    const yuhua = await (await get('/en/regions/changsha-yuhua/')).text();
    expect(yuhua).not.toContain('/services/free-bus-travel/');
    expect(section(yuhua, 'national')).toContain('/en/services/living-subsidy/');
  });

  it('names the local DPF and 12385, with no invented address or phone number', async () => {
    const html = await (await get('/regions/changsha-yuhua/')).text();
    expect(html).toContain('长沙市雨花区残疾人联合会');
    expect(html).toContain('我们没有收录它的地址和电话');
  });
});

describe('errors in the visitor’s language', () => {
  it.each([
    ['/no-such-page/', 'zh-CN', '找不到这个页面'],
    ['/en/no-such-page/', 'en', 'Page not found'],
    ['/en/services/no-such-service/', 'en', 'Page not found'],
    ['/fr/settings/', 'zh-CN', '找不到这个页面'],
  ])('%s → 404 in %s', async (path, lang, text) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(text);
  });

  it('has a server-error page that tells the visitor what to do, without details of the error', async () => {
    const res = await get('/500');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('抱歉，网站出了问题');
    expect(html).toContain('12385');
  });

  it('answers an undecodable address with 400, not a crash', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });
});

describe('sitemap', () => {
  it('lists every prerendered page, in both languages', async () => {
    const listed = new Set((await sitemapUrls(base)).map((u) => new URL(u).pathname));
    const dist = new URL('../../dist/client/', import.meta.url).pathname;
    const built = htmlFiles(dist)
      .filter((f) => f.endsWith('/index.html'))
      .map((f) => `/${relative(dist, dirname(f))}/`.replace('//', '/'));
    expect(built.length).toBeGreaterThan(20);
    expect(built.filter((p) => !listed.has(p))).toEqual([]);
    for (const path of listed) if (!path.startsWith('/en/')) expect(listed, path).toContain(path === '/' ? '/en/' : `/en${path}`);
  });

  it('lists only pages that answer 200', async () => {
    for (const url of await sitemapUrls(base)) expect((await fetch(url)).status, url).toBe(200);
  });
});

describe('the region a visitor chose', () => {
  it('is kept in a cookie when chosen, opens the catalogue on it, and is forgotten when every region is chosen', async () => {
    const chosen = await get('/services/?region=jilin-city');
    const set = chosen.headers.getSetCookie().find((c) => c.startsWith('tx-region='));
    expect(set).toMatch(/^tx-region=jilin-city; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    const kept = await (await get('/services/', { headers: { cookie: 'tx-region=jilin-city' } })).text();
    expect(kept).toContain('这里只列出你选的地区（吉林市）的服务。');
    expect(kept).toMatch(/<option value="jilin-city" selected/);
    expect(kept).not.toContain('/services/temporary-assistance/'); // a Yuhua-only service
    const all = await get('/services/?region=', { headers: { cookie: 'tx-region=jilin-city' } });
    expect(all.headers.getSetCookie().join()).toMatch(/tx-region=[^;]*; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(await all.text()).toContain('/services/temporary-assistance/');
  });

  it('never lets a shared cache serve one visitor’s catalogue to another', async () => {
    const res = await get('/services/');
    expect(res.headers.get('cache-control')).toMatch(/private/);
    expect(res.headers.get('vary')).toMatch(/Cookie/i);
  });

  it('is shown on every page by /display.css, for a region the portal knows only', async () => {
    const css = await (await get('/display.css', { headers: { cookie: 'tx-region=jilin-city' } })).text();
    expect(css).toContain('p.kept-region[data-region="jilin-city"] { display: block; }');
    for (const bad of ['no-such-region', '"]{}body{display:none', '../x']) {
      expect(await (await get('/display.css', { headers: { cookie: `tx-region=${encodeURIComponent(bad)}` } })).text(), bad).not.toContain('kept-region');
    }
    const page = await (await get('/services/living-subsidy/')).text();
    expect(page).toMatch(/<p class="kept-region"[^>]*data-region="jilin-city"[^>]*>现在选的地区：<span[^>]*>吉林市<\/span><\/p>/);
  });
});

describe('search (no JavaScript)', () => {
  const results = async (path: string) => {
    const html = await (await get(path)).text();
    return [...html.matchAll(/<h3[^>]*><a href="([^"]+)"/g)].map((m) => m[1]);
  };

  const searchPath = (lang: string, q: string) => `${lang === 'en' ? '/en' : ''}/search?q=${encodeURIComponent(q)}`;

  it.each(SEARCH_QUERIES.map((s) => [s.lang, s.q, s.first] as const))('%s “%s” finds %s first', async (lang, q, first) => {
    expect((await results(searchPath(lang, q)))[0]).toBe(first);
  });

  it('never lists a page that shares only a single character with a longer query', async () => {
    for (const { lang, q } of SEARCH_QUERIES.filter((s) => s.lang === 'zh-CN' && s.q.replace(/\s/g, '').length > 1)) {
      const html = await (await get(searchPath(lang, q))).text();
      const list = html.slice(html.indexOf('<ol class="results"'));
      const items = list.slice(0, list.indexOf('</ol>')).split('<li').slice(1);
      for (const item of items) {
        const marks = [...item.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]!);
        expect(marks.some((m) => m.length > 1), `${q}: ${item.slice(0, 200)}`).toBe(true);
      }
    }
  });

  it('lists for 公交 only the pages about buses', async () => {
    const found = await results(searchPath('zh-CN', '公交'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(4);
    expect(found).not.toContain('/services/pension-contribution-aid/');
  });

  it('shows snippets as plain text: no Markdown, no link addresses marked', async () => {
    for (const path of ['/search?q=%E5%85%AC%E4%BA%A4', '/en/search?q=bus', '/en/search?q=rehabilitation']) {
      const html = await (await get(path)).text();
      const list = html.slice(html.indexOf('<ol class="results"'), html.indexOf('</ol>'));
      expect(list, path).not.toMatch(/\]\(|##|\*\*|\/services\/[a-z-]+\/\)/);
      expect(list.replace(/href="[^"]*"/g, ''), path).not.toMatch(/\/services\//);
    }
  });

  it('marks the matching words in the results', async () => {
    const html = await (await get('/en/search?q=bus')).text();
    expect(html).toMatch(/<mark[^>]*>bus<\/mark>/i);
  });

  it('suggests categories and 12385 when nothing matches, and escapes the query', async () => {
    const html = await (await get('/search?q=%3Cscript%3Ezzzz')).text();
    expect(html).toContain('没有找到和“&lt;script&gt;zzzz”有关的内容');
    expect(html).toContain('/services/?category=living');
    expect(html).toContain('12385');
    // The query comes back only escaped: as text, and as the search box's (quoted) value.
    expect(html.replaceAll('value="<script>zzzz"', '')).not.toContain('<script>zzzz');
  });

  it('answers a query that names an object property like any other word, not with a 500', async () => {
    for (const q of ['constructor', '__proto__', 'toString']) expect((await get(`/en/search?q=${q}`)).status, q).toBe(200);
  });

  it('refuses an over-long query with a message, not a crash', async () => {
    const res = await get(`/en/search?q=${'a'.repeat(500)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The search is too long');
  });
});

describe('easy read', () => {
  it('explains the hard words the page uses, in the page’s language', async () => {
    const zh = await (await get('/services/living-subsidy/easy-read/')).text();
    const glossary = zh.slice(zh.indexOf('<dl class="glossary"'));
    expect(glossary).toContain('低保');
    expect(glossary).toContain('政府给收入很低的家庭的钱');
    const en = await (await get('/en/services/living-subsidy/easy-read/')).text();
    expect(en).toContain('Hard words');
    expect(en).toContain('Money from the government for families with very low income.');
  });
});

describe('methods: the server’s table (src/server/http/routes.ts) and the routes agree', () => {
  const OTHER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  it.each([
    '/',
    '/en/',
    '/services/living-subsidy/',
    '/services/?category=living',
    '/search?q=bus',
    '/display.css',
    '/videos/sample.zh.vtt',
    '/settings/',
    '/en/check/region',
    '/check/',
    '/api/eligibility',
    '/api/questions',
    '/api/openapi.json',
  ])('%s: every method it allows is served, every other is 405 with the same Allow', async (path) => {
    const allow = routeOf(path).allow;
    for (const method of OTHER) {
      const res = await get(path, { method, headers: { origin: base, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      if (allow.includes(method)) {
        expect(res.status, `${method} ${path}`).not.toBe(405);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      } else {
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow.join(', '));
      }
    }
  });
});
