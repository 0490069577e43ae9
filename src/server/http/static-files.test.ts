import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { DISPLAY_COOKIE } from '../../display/preferences';
import { REGION_COOKIE } from '../../catalogue/kept-region';
import { DISPLAY_LINK_COOKIES, DISPLAY_STYLESHEET, wantsDisplayStylesheet } from './display-link';
import { chooseCoding, createPublicFiles, createStaticFiles, personalise } from './static-files';

describe('chooseCoding (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.9, gzip;q=0.9', 'br'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=nonsense', 'identity'],
    [',,;q=1,', 'identity'],
  ])('%j → %s', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding);
  });
});

describe('wantsDisplayStylesheet', () => {
  it('names the cookies that the display settings and the kept region are stored in', () => {
    expect([...DISPLAY_LINK_COOKIES].sort()).toEqual([DISPLAY_COOKIE, REGION_COOKIE].sort());
  });

  it.each([
    ['tx-display=textSize%3Dlarge', true],
    ['tx-region=jilin-city', true],
    ['a=1; tx-region=jilin-city', true],
    ['a=1;tx-display=x', true],
    [undefined, false],
    ['', false],
    ['tx-check=abc', false],
    ['not-tx-display=1', false],
    ['xtx-region=1', false],
    ['a=tx-display=1', false],
  ])('%j → %s', (header, wanted) => {
    expect(wantsDisplayStylesheet(header)).toBe(wanted);
  });
});

describe('personalise', () => {
  it('adds the display stylesheet once, at the end of the head', () => {
    const out = personalise(Buffer.from('<html><head><title>页</title></head><body>x</body></html>')).toString();
    expect(out).toBe(`<html><head><title>页</title>${DISPLAY_STYLESHEET}</head><body>x</body></html>`);
  });

  it('leaves a document without a head as it is', () => {
    expect(personalise(Buffer.from('plain')).toString()).toBe('plain');
  });
});

describe('createStaticFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tx-static-'));
  mkdirSync(join(dir, 'en', 'about'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>home</body></html>');
  writeFileSync(join(dir, 'en', 'about', 'index.html'), `<html><head></head><body>${'about '.repeat(200)}</body></html>`);
  writeFileSync(join(dir, '_astro', 'a.Xy12.js'), 'export const a = 1;');
  writeFileSync(join(dir, '_astro', 'clip.Xy12.mp4'), 'not text');
  const files = createStaticFiles(dir, ['/', '/en/about', '/en/missing']);

  /** A stand-in for ServerResponse that keeps what is written. */
  function response() {
    const headers: Record<string, string | number> = {};
    const out = { status: 0, headers, body: undefined as Buffer | undefined, ended: false };
    const res = {
      setHeader: (k: string, v: string | number) => void (headers[k.toLowerCase()] = v),
      writeHead: (s: number) => void (out.status = s),
      end: (b?: Buffer) => {
        out.body = b;
        out.ended = true;
      },
    };
    return { res, out };
  }
  const serve = (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const { res, out } = response();
    const served = files.serve({ method, headers } as never, res as never, path);
    return { served, ...out };
  };

  it('serves built pages and text assets, and skips what is missing or not text', () => {
    expect(files.size).toBe(3);
    expect(serve('/').served).toBe(true);
    expect(serve('/en/about/').served).toBe(true);
    expect(serve('/en/about/index.html').served).toBe(true);
    expect(serve('/en/about?x=1').served).toBe(true);
    expect(serve('/en/missing').served).toBe(false);
    expect(serve('/_astro/clip.Xy12.mp4').served).toBe(false);
    expect(serve('/_astro/a.Xy12.js').headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves other methods to the adapter (which answers 405)', () => {
    expect(serve('/', {}, 'POST').served).toBe(false);
    expect(serve('/', {}, 'DELETE').served).toBe(false);
  });

  it('compresses, and the compressed page is the page', () => {
    const plain = serve('/en/about');
    const br = serve('/en/about', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body!).equals(plain.body!)).toBe(true);
    expect(br.headers['content-length']).toBe(br.body!.byteLength);
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
  });

  it('answers 304 to its own ETag only, per coding and per visitor', () => {
    const br = serve('/en/about', { 'accept-encoding': 'br' });
    const tag = String(br.headers.etag);
    expect(serve('/en/about', { 'accept-encoding': 'br', 'if-none-match': tag }).status).toBe(304);
    expect(serve('/en/about', { 'accept-encoding': 'br', 'if-none-match': `W/${tag}` }).status).toBe(304);
    expect(serve('/en/about', { 'accept-encoding': 'br', 'if-none-match': `"other", ${tag}` }).status).toBe(304);
    expect(serve('/en/about', { 'accept-encoding': 'gzip', 'if-none-match': tag }).status).toBe(200);
    expect(serve('/en/about', { 'accept-encoding': 'br', 'if-none-match': tag, cookie: 'tx-region=jilin-city' }).status).toBe(200);
  });

  it('sends a visitor with a setting the page with /display.css, privately', () => {
    const mine = serve('/', { cookie: 'tx-display=textSize%3Dlarge' });
    expect(mine.body!.toString()).toContain(DISPLAY_STYLESHEET);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    const anyone = serve('/');
    expect(anyone.body!.toString()).not.toContain('display.css');
    expect(anyone.headers['cache-control']).toBe('public, no-cache');
  });

  it('answers HEAD with the length of what GET sends, and no body', () => {
    const head = serve('/en/about', { 'accept-encoding': 'gzip' }, 'HEAD');
    const get = serve('/en/about', { 'accept-encoding': 'gzip' });
    expect(head.body).toBeUndefined();
    expect(head.headers['content-length']).toBe(get.body!.byteLength);
  });
});

describe('createPublicFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tx-public-'));
  mkdirSync(join(dir, 'videos'));
  mkdirSync(join(dir, 'en'));
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, 'videos', 'clip.mp4'), Buffer.from([...Array(100).keys()]));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'en', 'index.html'), '<html></html>');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  writeFileSync(join(dir, '.hidden', 'x.txt'), 'x');
  const files = createPublicFiles(dir);
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!files.serve(req, res, req.url!.split('?')[0]!)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists the files that are not pages, and nothing hidden', () => {
    expect([...files.paths].sort()).toEqual(['/favicon.svg', '/videos/clip.mp4']);
  });

  it('sends a listed file whole, with its type and a validator', async () => {
    const res = await fetch(`${base}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toContain('<svg');
  });

  it('answers a byte range with 206 and just those bytes, and one past the end with 416', async () => {
    const part = await fetch(`${base}/videos/clip.mp4`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/100');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const tail = await fetch(`${base}/videos/clip.mp4`, { headers: { range: 'bytes=-5' } });
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([95, 96, 97, 98, 99]);
    expect((await fetch(`${base}/videos/clip.mp4`, { headers: { range: 'bytes=100-' } })).status).toBe(416);
  });

  /** A request as sent (fetch would add `Cache-Control: no-cache` to a conditional one and resolve `..`). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: new URL(base).port, path, headers }, (res) => resolve(res.resume().statusCode!))
        .on('error', reject)
        .end(),
    );

  it('answers a conditional GET with 304, and HEAD with the length and no body', async () => {
    const first = await fetch(`${base}/favicon.svg`);
    expect(await raw('/favicon.svg', { 'if-none-match': first.headers.get('etag')! })).toBe(304);
    const head = await fetch(`${base}/videos/clip.mp4`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('100');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('leaves pages, hidden files, what is not listed and other methods to the caller, touching nothing', async () => {
    for (const path of ['/en/index.html', '/en/', '/.env', '/.hidden/x.txt', '/videos/', '/videos/../favicon.svg', '/nope.svg']) {
      expect(await raw(path), path).toBe(418);
    }
    expect((await fetch(`${base}/favicon.svg`, { method: 'POST' })).status).toBe(418);
  });
});
