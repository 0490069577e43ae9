/** The headers every response leaves with. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HSTS, appendFrameAncestors, finalizeHeaders, holdsRecords, loadStaticCsp, pagePath } from './security-headers';

/** A stand-in for node's ServerResponse, enough for the header helpers. */
const fakeResponse = (headers: Record<string, string | string[]> = {}) => {
  const h: Record<string, string | string[]> = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    headers: h,
    getHeader: (name: string) => h[name.toLowerCase()],
    setHeader: (name: string, value: string | string[]) => {
      h[name.toLowerCase()] = value;
    },
  };
};

describe('page paths for the CSP lookup', () => {
  it.each([
    ['/', '/'],
    ['/en/', '/en'],
    ['/services/living-subsidy/', '/services/living-subsidy'],
    ['/services/living-subsidy/?x=1', '/services/living-subsidy'],
    ['/about/index.html', '/about'],
  ])('%s → %s', (url, path) => expect(pagePath(url)).toBe(path));
});

describe('static CSP by exact path', () => {
  it('gives each page its own policy, never a longer path’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-headers-'));
    const file = join(dir, '_headers.json');
    writeFileSync(
      file,
      JSON.stringify([
        { pathname: '/services/x/easy-read', headers: [{ key: 'Content-Security-Policy', value: 'easy' }] },
        { pathname: '/services/x', headers: [{ key: 'Content-Security-Policy', value: 'full' }] },
      ]),
    );
    const map = loadStaticCsp(file);
    expect(map.get(pagePath('/services/x/'))).toBe('full');
    expect(map.get(pagePath('/services/x/easy-read/'))).toBe('easy');
    expect(loadStaticCsp(join(dir, 'missing.json')).size).toBe(0);
  });
});

describe('frame-ancestors on every response', () => {
  it('adds it to a page policy', () => {
    const res = fakeResponse({ 'content-security-policy': "default-src 'self'" });
    appendFrameAncestors(res);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'");
  });

  it('gives a response with no policy a closed one', () => {
    const res = fakeResponse();
    appendFrameAncestors(res);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('leaves a policy that already forbids framing alone', () => {
    const res = fakeResponse({ 'content-security-policy': "frame-ancestors 'none'; default-src 'self'" });
    appendFrameAncestors(res);
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'; default-src 'self'");
  });
});

describe('the last headers', () => {
  it('sends HSTS over HTTPS only', () => {
    const https = fakeResponse();
    finalizeHeaders(https, { status: 200, isHttps: true });
    expect(https.headers['strict-transport-security']).toBe(HSTS);
    expect(HSTS).toBe('max-age=31536000; includeSubDomains');
    const http = fakeResponse();
    finalizeHeaders(http, { status: 200, isHttps: false });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it.each([
    ['text/html', 'text/html; charset=utf-8'],
    ['text/css', 'text/css; charset=utf-8'],
    ['application/problem+json', 'application/problem+json; charset=utf-8'],
    ['text/html; charset=utf-8', 'text/html; charset=utf-8'],
    ['text/html;charset=UTF-8', 'text/html;charset=UTF-8'],
    ['video/mp4', 'video/mp4'],
  ])('types %s as %s', (type, expected) => {
    const res = fakeResponse({ 'content-type': type });
    finalizeHeaders(res, { status: 200, isHttps: false });
    expect(res.headers['content-type']).toBe(expected);
  });

  it('makes a response that sets a cookie uncacheable, redirects included', () => {
    const res = fakeResponse({ 'set-cookie': ['tx-display=x; Path=/'], 'cache-control': 'public, max-age=60' });
    finalizeHeaders(res, { status: 303, isHttps: false });
    expect(res.headers['cache-control']).toBe('no-store');
    const plain = fakeResponse({ 'cache-control': 'public, max-age=60' });
    finalizeHeaders(plain, { status: 200, isHttps: false });
    expect(plain.headers['cache-control']).toBe('public, max-age=60');
  });

  it('gives a prerendered HTML page its own policy, and the security headers', () => {
    const res = fakeResponse({ 'content-type': 'text/html', 'content-security-policy': 'wrong' });
    finalizeHeaders(res, { status: 200, isHttps: false, pageCsp: "script-src 'self'" });
    expect(res.headers['content-security-policy']).toBe("script-src 'self'; frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('leaves the opener policy to the pages that hold records, whatever the response says of caching', () => {
    // The header would make any page opened in a new tab start a second renderer process (bench
    // section 10): only `holdsRecords` sends it, never finalizeHeaders on its own.
    const cases: Record<string, string | string[]>[] = [{ 'cache-control': 'private, no-store' }, {}, { 'cache-control': 'public, max-age=300' }, { 'set-cookie': ['x=1'] }];
    for (const headers of cases) {
      const res = fakeResponse({ 'content-type': 'text/html', ...headers });
      finalizeHeaders(res, { status: 200, isHttps: false });
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const kept = fakeResponse({ 'content-type': 'text/html', 'cross-origin-opener-policy': 'same-origin' });
    finalizeHeaders(kept, { status: 200, isHttps: true });
    expect(kept.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('marks a page that holds records: never cached, and cut off from a cross-origin opener', () => {
    const headers = new Headers({ 'Cache-Control': 'public, max-age=300' });
    holdsRecords(headers);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('gives a 304 of a prerendered page the page policy, and never the fallback to any 304', () => {
    // The browser merges a 304's headers into its kept copy: `default-src 'none'` there would
    // turn the page's inline styles off on the next visit.
    const page = fakeResponse({ etag: '"x"' });
    finalizeHeaders(page, { status: 304, isHttps: false, pageCsp: "script-src 'self'" });
    expect(page.headers['content-security-policy']).toBe("script-src 'self'; frame-ancestors 'none'");
    const other = fakeResponse({ etag: '"y"' });
    finalizeHeaders(other, { status: 304, isHttps: false });
    expect(other.headers['content-security-policy']).toBeUndefined();
  });
});
