/**
 * The front door in-process, in front of a stand-in for the adapter: what it answers itself,
 * what it hands on (and how), and that a throwing adapter costs one request, not the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFrontDoor } from './front-door';
import { readLimits } from './limits';
import { sendRaw } from '../../../tests/robustness/raw-requests';

/** What the stand-in adapter saw of the last request it was given. */
let seen: { url?: string; host?: string; encrypted?: boolean; body?: string; requestId?: string } = {};
const adapter = (req: IncomingMessage, res: ServerResponse) => {
  const body = (req as IncomingMessage & { body?: Buffer }).body;
  seen = { url: req.url, host: req.headers.host, encrypted: 'encrypted' in req.socket && !!(req.socket as { encrypted?: boolean }).encrypted, body: body?.toString(), requestId: req.headers['x-request-id'] as string | undefined };
  if (req.url === '/throw') throw new Error('adapter bug');
  if (req.url === '/reject') return Promise.reject(new Error('async adapter bug'));
  if (req.url?.startsWith('/settings')) {
    res.writeHead(303, { Location: '/settings/?saved=1', 'Set-Cookie': ['tx-display=x; Path=/; HttpOnly'] });
    return res.end();
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<p>ok</p>');
};

const limits = readLimits({ FORM_BODY_LIMIT: '1024', JSON_BODY_LIMIT: '512' });
const servers: http.Server[] = [];
const start = async (trustProxy: boolean) => {
  const door = createFrontDoor({ handler: adapter, limits, trustProxy, staticCsp: new Map(), logRequests: false });
  const server = http.createServer(door.handle);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { door, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, port: (server.address() as AddressInfo).port };
};
let plain: Awaited<ReturnType<typeof start>>;
let proxied: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  plain = await start(false);
  proxied = await start(true);
});
afterAll(() => servers.forEach((s) => s.close()));

describe('the request id', () => {
  it('gives every request one of its own, whatever the client sent', async () => {
    await fetch(`${plain.base}/a`, { headers: { 'x-request-id': 'chosen-by-the-client' } });
    const first = seen.requestId;
    await fetch(`${plain.base}/a`);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.requestId).not.toBe(first);
  });
});

describe('answered at the door', () => {
  it('405 with Allow for a method the resource does not take, static pages and files included', async () => {
    for (const [method, path, allow] of [
      ['POST', '/services/living-subsidy/', 'GET, HEAD'],
      ['PUT', '/videos/sample.zh.vtt', 'GET, HEAD'],
      ['DELETE', '/settings/', 'GET, HEAD, POST'],
      ['GET', '/api/eligibility', 'POST, OPTIONS'],
    ]) {
      const res = await fetch(`${plain.base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
    }
    const api = await fetch(`${plain.base}/api/eligibility`);
    expect(api.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await api.json()).toMatchObject({ status: 405, problems: [{ code: 'methodNotAllowed' }] });
  });

  it('405 for methods fetch cannot even send (TRACE, PROPFIND), over a socket', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'SEARCH', 'PURGE']) {
      const a = await sendRaw('127.0.0.1', plain.port, `${method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(a.status, method).toBe(405);
      expect(a.raw).toMatch(/\r\nAllow: GET, HEAD\r\n/i);
    }
  });

  it('400 for a Host with userinfo, in the page language', async () => {
    const a = await sendRaw('127.0.0.1', plain.port, 'GET /en/ HTTP/1.1\r\nHost: x@127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(a.status).toBe(400);
    expect(a.raw).toContain('lang="en"');
    expect(a.raw).toContain('We could not read this request');
  });

  it('413 for a form body over the limit, declared or streamed, and reads no further', async () => {
    const declared = await fetch(`${plain.base}/settings/`, { method: 'POST', body: 'a'.repeat(2000), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(declared.status).toBe(413);
    const html = await declared.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('1 KiB');
    expect(html).toContain('href="/settings/"');
    const chunks = (async function* () {
      for (let i = 0; i < 100; i++) yield new Uint8Array(100);
    })();
    const streamed = await fetch(`${plain.base}/en/settings/`, { method: 'POST', body: chunks as unknown as BodyInit, duplex: 'half', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain('You sent too much');
    const api = await fetch(`${plain.base}/api/eligibility`, { method: 'POST', body: JSON.stringify({ x: 'a'.repeat(600) }), headers: { 'content-type': 'application/json' } });
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ status: 413, problems: [{ code: 'tooLarge' }] });
  });

  it('hands on a body under the limit as req.body', async () => {
    const res = await fetch(`${plain.base}/settings/`, { method: 'POST', body: 'textSize=large', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
    expect(seen.body).toBe('textSize=large');
  });

  it('answers /healthz, and /readyz until it drains', async () => {
    const door = await start(false);
    expect((await fetch(`${door.base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${door.base}/readyz`)).json()).toEqual({ status: 'ok' });
    door.door.drain();
    const ready = await fetch(`${door.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('connection')).toBe('close');
    expect((await fetch(`${door.base}/healthz`)).status).toBe(200);
  });
});

describe('handed on', () => {
  it('with the absolute form reduced to a path', async () => {
    await sendRaw('127.0.0.1', plain.port, 'GET http://evil.example/news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(seen).toMatchObject({ url: '/news/', host: '127.0.0.1' });
  });

  it('as HTTPS with the public host only behind a trusted proxy', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tongxing.example.cn' };
    const direct = await fetch(`${plain.base}/`, { headers });
    expect(seen).toMatchObject({ encrypted: false, host: new URL(plain.base).host });
    expect(direct.headers.get('strict-transport-security')).toBeNull();
    const viaProxy = await fetch(`${proxied.base}/`, { headers });
    expect(seen).toMatchObject({ encrypted: true, host: 'tongxing.example.cn' });
    expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    await fetch(`${proxied.base}/`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(seen.encrypted).toBe(false);
    expect((await fetch(`${proxied.base}/`, { headers: { 'x-forwarded-proto': 'gopher' } })).status).toBe(400);
  });

  it('with the last headers set: charset, and no-store on a redirect that sets a cookie', async () => {
    expect((await fetch(`${plain.base}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    const res = await fetch(`${plain.base}/settings/`, { method: 'POST', body: 'a=1', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the guard', () => {
  it('turns what the adapter throws into a 500 for that request, and keeps serving', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      for (const path of ['/throw', '/reject']) {
        const res = await fetch(`${plain.base}${path}`);
        expect(res.status).toBe(500);
        expect(await res.text()).toContain('很抱歉，网站出了问题');
      }
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(2);
    expect((await fetch(`${plain.base}/`)).status).toBe(200);
  });
});
