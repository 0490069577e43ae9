/** Reading a request's target and host before the adapter sees them. */
import { describe, expect, it } from 'vitest';
import { readTarget, trustsProxy, validHost } from './request-target';

const head = (url: string, headers: Record<string, string | string[]> = { host: '127.0.0.1:4321' }, method = 'GET') => ({ url, method, headers });

describe('Host values', () => {
  it.each(['127.0.0.1', '127.0.0.1:4321', 'localhost', 'tongxing.example.cn', 'tongxing.example.cn.', '[::1]', '[::1]:443', 'xn--fiq228c.example'])('takes %s', (h) => expect(validHost(h)).toBe(h));
  it.each(['x@127.0.0.1', 'user:pass@host', '127.0.0.1:99999', '127.0.0.1:-1', '[::1', 'a b', '', 'host/evil', 'host\\evil', 'h:1:2', 'évil.example', 'h#x', 'h?x', `${'a'.repeat(64)}.example`, 'a'.repeat(256)])(
    'refuses %s',
    (h) => expect(validHost(h)).toBeUndefined(),
  );
});

describe('targets', () => {
  it('takes a path as it is', () => expect(readTarget(head('/services/?x=1'), false)).toEqual({ ok: true, kind: 'path', path: '/services/?x=1', host: '127.0.0.1:4321', isHttps: false }));
  it('reduces the absolute form to its path, keeping the Host header', () => {
    expect(readTarget(head('http://evil.example/settings/?a=1'), false)).toMatchObject({ ok: true, path: '/settings/?a=1', host: '127.0.0.1:4321' });
    expect(readTarget(head('https://x@127.0.0.1'), false)).toMatchObject({ ok: true, path: '/' });
  });
  it('takes the asterisk form for OPTIONS only', () => {
    expect(readTarget(head('*', undefined, 'OPTIONS'), false)).toEqual({ ok: true, kind: 'asterisk' });
    expect(readTarget(head('*'), false).ok).toBe(false);
  });
  it.each(['relative', '//evil.example/', '/%', '/%zz', '/%E0%A4%A', 'ftp://x/'])('refuses %s', (url) => expect(readTarget(head(url), false).ok).toBe(false));
  it('refuses a bad or doubled Host, and takes none (HTTP/1.0)', () => {
    expect(readTarget(head('/', { host: 'x@127.0.0.1' }), false).ok).toBe(false);
    expect(readTarget(head('/', { host: ['a', 'b'] }), false).ok).toBe(false);
    expect(readTarget(head('/', {}), false)).toMatchObject({ ok: true, host: undefined });
  });
});

describe('behind a proxy', () => {
  const forwarded = { host: '127.0.0.1:4321', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tongxing.example.cn' };
  it('ignores X-Forwarded-* unless TRUST_PROXY is set', () => {
    expect(readTarget(head('/', forwarded), false)).toMatchObject({ ok: true, host: '127.0.0.1:4321', isHttps: false });
  });
  it('takes the public protocol and host when it is', () => {
    expect(readTarget(head('/', forwarded), true)).toMatchObject({ ok: true, host: 'tongxing.example.cn', isHttps: true });
    expect(readTarget(head('/', { ...forwarded, 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'a.example, b.example' }), true)).toMatchObject({ host: 'a.example', isHttps: true });
    expect(readTarget(head('/', { host: 'h', 'x-forwarded-proto': 'http' }), true)).toMatchObject({ ok: true, isHttps: false });
  });
  it.each<Record<string, string>>([
    { 'x-forwarded-proto': 'gopher' },
    { 'x-forwarded-host': 'x@evil.example' },
    { 'x-forwarded-host': 'evil.example:99999' },
  ])('refuses %o', (h) => expect(readTarget(head('/', { host: 'h', ...h }), true).ok).toBe(false));
  it('reads TRUST_PROXY', () => {
    expect(trustsProxy({ TRUST_PROXY: '1' })).toBe(true);
    expect(trustsProxy({ TRUST_PROXY: 'true' })).toBe(true);
    expect(trustsProxy({})).toBe(false);
    expect(trustsProxy({ TRUST_PROXY: '0' })).toBe(false);
  });
});
