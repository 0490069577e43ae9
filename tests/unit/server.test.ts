/** The production server's own pieces: page paths, the CSP it adds, and its request log. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendFrameAncestors, loadStaticCsp, pagePath } from '../../scripts/security-headers.mjs';
import { requestLogLine } from '../../scripts/request-log.mjs';

/** A stand-in for node's ServerResponse, enough for the header helpers. */
const fakeResponse = (headers: Record<string, string> = {}) => ({
  headers: { ...headers } as Record<string, string>,
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  },
  setHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  },
});

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
  it('adds it to a page policy set on the response', () => {
    const res = fakeResponse({ 'content-security-policy': "default-src 'self'" });
    appendFrameAncestors(res, [200]);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'");
  });

  it('adds it to a policy passed to writeHead', () => {
    const headers = { 'Content-Security-Policy': "script-src 'self';" };
    appendFrameAncestors(fakeResponse(), [200, headers]);
    expect(headers['Content-Security-Policy']).toBe("script-src 'self'; frame-ancestors 'none'");
  });

  it('gives a response with no policy a closed one', () => {
    const res = fakeResponse();
    appendFrameAncestors(res, [200]);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('leaves a policy that already forbids framing alone', () => {
    const res = fakeResponse({ 'content-security-policy': "frame-ancestors 'none'; default-src 'self'" });
    appendFrameAncestors(res, [200]);
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'; default-src 'self'");
  });
});

describe('request log', () => {
  it('records method, path, status and time, and never the query string', () => {
    expect(requestLogLine('GET', '/services/?region=jilin-city&idNumber=110101199003077777', 200, 3.14159)).toBe('GET /services/ 200 3.1ms');
    expect(requestLogLine('POST', '/settings/#x', 303, 1)).toBe('POST /settings/ 303 1.0ms');
  });
});
