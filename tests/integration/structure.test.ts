/**
 * The shell on every page in the sitemap (so pages added later are covered with no new
 * test code): language, skip link first, landmarks, one <h1>, unique titles, breadcrumbs,
 * the language switch to the same page, the help line, and the sign-language slot where due.
 */
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { sitemapUrls } from '../sitemap';

const base = inject('baseUrl');
const pages = new Map<string, string>();

beforeAll(async () => {
  for (const url of await sitemapUrls(base)) pages.set(new URL(url).pathname, await (await fetch(url)).text());
});

const count = (html: string, re: RegExp) => [...html.matchAll(re)].length;

describe('every page in the sitemap', () => {
  it('includes every kind of page in both languages', () => {
    for (const path of ['/', '/services/', '/regions/', '/regions/jilin-city/', '/services/living-subsidy/', '/services/living-subsidy/easy-read/', '/policies/',
      '/policies/guofa-2015-52/', '/news/', '/accessibility/', '/privacy/', '/settings/']) {
      expect([...pages.keys()]).toContain(path);
      expect([...pages.keys()]).toContain(path === '/' ? '/en/' : `/en${path}`);
    }
  });

  it('has lang on <html> matching its address', () => {
    for (const [path, html] of pages) expect(html, path).toMatch(path.startsWith('/en/') ? /<html lang="en"/ : /<html lang="zh-CN"/);
  });

  it('starts with a skip link to <main id="main">, and has one main, header, footer and nav', () => {
    for (const [path, html] of pages) {
      const body = html.slice(html.indexOf('<body'));
      const firstFocusable = /<(a|button|input|select|textarea)\b[^>]*>/.exec(body)?.[0] ?? '';
      expect(firstFocusable, path).toContain('href="#main"');
      expect(count(html, /<main\b/g), path).toBe(1);
      expect(html, path).toMatch(/<main[^>]*id="main"/);
      expect(count(html, /<header\b/g), path).toBeGreaterThanOrEqual(1);
      expect(count(html, /<footer\b/g), path).toBe(1);
    }
  });

  it('has exactly one <h1>', () => {
    for (const [path, html] of pages) expect(count(html, /<h1\b/g), path).toBe(1);
  });

  it('has a unique <title>', () => {
    const titles = new Map<string, string>();
    for (const [path, html] of pages) {
      const title = /<title>([^<]+)<\/title>/.exec(html)?.[1];
      expect(title, path).toBeTruthy();
      expect(titles.get(title!), `${path} and ${titles.get(title!)} share "${title}"`).toBeUndefined();
      titles.set(title!, path);
    }
  });

  it('links the language switch to the same page in the other language', () => {
    for (const [path, html] of pages) {
      const other = path.startsWith('/en/') ? path.slice(3) || '/' : path === '/' ? '/en/' : `/en${path}`;
      expect(html, path).toMatch(new RegExp(`class="lang-switch"[^>]*href="${other}"|href="${other}"[^>]*class="lang-switch"`));
    }
  });

  it('names the language switch’s target in that language, for screen readers', () => {
    for (const [path, html] of pages) {
      const hint = path.startsWith('/en/') ? '切换到中文版本' : 'Switch to the English version';
      expect(html, path).toContain(hint);
    }
  });

  it('offers the 12385 help line and a region choice', () => {
    for (const [path, html] of pages) {
      expect(html, path).toContain('href="tel:12385"');
      expect(html, path).toMatch(/<select[^>]*name="region"/);
    }
  });

  it('has breadcrumbs on every page but the home page', () => {
    for (const [path, html] of pages) {
      if (path === '/' || path === '/en/') continue;
      expect(html, path).toMatch(/<nav class="breadcrumbs"[^>]*aria-label=/);
    }
  });

  it('has a sign-language slot on every service, easy-read and policy page, just after the summary', () => {
    for (const [path, html] of pages) {
      if (!/\/(services|policies)\/[\w-]+\//.test(path)) continue;
      const slot = html.indexOf('data-slot="sign-language"');
      expect(slot, path).toBeGreaterThan(0);
      // Before the body: the contents list (service), the first question (easy read), the summary's text (policy).
      const body = /\/easy-read\/$/.test(path) ? html.indexOf('id="q0"') : path.includes('/services/') ? html.indexOf('id="contents-heading"') : html.indexOf('class="prose');
      expect(body, path).toBeGreaterThan(0);
      expect(slot, path).toBeLessThan(body);
      // Only one <h2> before it: none of the page's own sections come first.
      expect(count(html.slice(0, slot), /<h2[\s>]/g), path).toBe(0);
    }
  });

  it('never presents the sample (a test card) as a sign-language video: it plays only in the labelled demonstration', () => {
    for (const [path, html] of pages) {
      if (!html.includes('<video')) continue;
      expect(path, 'a video outside the accessibility statement').toMatch(/^(\/en)?\/accessibility\/$/);
      expect(html.slice(0, html.indexOf('<video')), path).toMatch(/id="player-demo"/);
    }
    expect(pages.get('/accessibility/')).toContain('<video');
    expect(pages.get('/en/accessibility/')).toContain('<video');
  });

  it('gives every page a way to ask without a phone call, not only the voice hotline', () => {
    for (const [path, html] of pages) expect(html, path).toMatch(path.startsWith('/en/') ? /in writing if you prefer/ : /写下来问也可以/);
  });

  it('links each service page to its easy-read version with a link saying so', () => {
    for (const [path, html] of pages) {
      const m = /^(\/en)?\/services\/([\w-]+)\/$/.exec(path);
      if (!m) continue;
      const words = m[1] ? 'Easy read' : '易读版';
      expect(html, path).toMatch(new RegExp(`<a href="${path}easy-read/"[^>]*>${words}`));
    }
  });

  it('names each document once in a service’s conditions: the next condition on it says “as above”', () => {
    for (const [path, html] of pages) {
      if (!/^(\/en)?\/services\/[\w-]+\/$/.test(path)) continue;
      const at = html.indexOf('class="who-rule"');
      if (at < 0) continue;
      const rule = html.slice(at, html.indexOf('</section>', at));
      const titles = [...rule.matchAll(/<(?:a|cite)\b[^>]*>(《[^》]+》|[^<]{12,})<\/(?:a|cite)>/g)].map((m) => m[1]);
      expect(titles.length, path).toBe(new Set(titles).size);
    }
  });

  it('loads no web fonts and no third-party resources', () => {
    for (const [path, html] of pages) {
      expect(html, path).not.toMatch(/@font-face|fonts\.googleapis|\.woff2?/);
      expect(html, path).not.toMatch(/(src|href)="https?:\/\/(?!127\.0\.0\.1|localhost)/);
    }
  });
});

describe('the sign-language player', () => {
  it('has captions, no autoplay, signer, length, size, a download and a transcript', () => {
    const html = pages.get('/accessibility/')!;
    const video = /<video[^>]*>/.exec(html)![0];
    expect(video).toContain('controls');
    expect(video).not.toContain('autoplay');
    // No video bytes before the person asks for them (poster only).
    expect(video).toContain('preload="none"');
    expect(html).toMatch(/<track kind="captions" src="\/videos\/sample\.zh\.vtt" srclang="zh-CN"/);
    expect(html).toContain('手语演示者：');
    expect(html).toContain('时长：4秒');
    expect(html).toMatch(/文件大小：64 KB/);
    expect(html).toMatch(/<a href="\/videos\/sample\.mp4" download/);
    expect(html).toContain('文字稿');
    expect(html).toContain('这是一个示例视频，用来测试播放器');
  });

  it('says a video is being made, and how to get a signed explanation now, where there is none', () => {
    const html = pages.get('/en/services/nursing-subsidy/')!;
    expect(html).not.toContain('<video');
    expect(html).toContain('A sign-language video for this page is being made.');
    expect(html).toContain('Disabled Persons&#39; Federation');
  });
});
