/**
 * Hostile requests as exact bytes, for a TCP socket (fetch would refuse or rewrite most of
 * them): methods, Host forms, absolute-form and asterisk targets, bad percent-encodings, odd
 * X-Forwarded-* values, odd Origin and Cookie values, broken framing. Shared by the
 * robustness test (each one answered, the process still serving) and the bench.
 */
import { connect } from 'node:net';

/** One request: a name for the report, and its bytes. */
export interface RawRequest {
  name: string;
  bytes: string | Buffer;
}

const req = (method: string, target: string, headers: string[] = ['Host: 127.0.0.1'], body = '') =>
  `${method} ${target} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`;

const METHODS = ['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'PURGE', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE', 'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'LINK', 'UNLINK', 'SOURCE', 'QUERY', 'BIND', 'REBIND', 'UNBIND', 'ACL'];
/** A static file, a prerendered page, an on-demand page, a form page, the API, and a missing path. */
const PATHS = ['/', '/videos/sample.zh.vtt', '/services/living-subsidy/', '/search?q=bus', '/settings/', '/check/region', '/api/eligibility', '/api/openapi.json', '/no-such-page/'];
const HOSTS = ['x@127.0.0.1', 'user:pass@127.0.0.1', '127.0.0.1:99999', '127.0.0.1:-1', '[::1', '[::1]:80', '127.0.0.1/evil', '127.0.0.1\\evil', 'a b', '', '127.0.0.1:4321:1', '%41', 'xn--', '.', '..', 'localhost.', `${'a'.repeat(300)}.example`, 'évil.example', '127.0.0.1#x', '127.0.0.1?x'];
const TARGETS = ['*', 'http://evil.example/', 'https://x@127.0.0.1/', 'http://127.0.0.1:4321/settings/', '//evil.example/', '/%', '/%zz', '/%E0%A4%A', '/%c0%ae%c0%ae/etc/passwd', '/..%2f..%2fetc/passwd', '/%00', '/services/%00/', '/\\evil', '/a?%', '/?q=%ff%fe', `/${'a'.repeat(8000)}`, '/check/%E2%80%AE', '/api/eligibility/..%2f..%2f', 'relative', '/en/../../etc/passwd', '/_astro/../../package.json', '/.env', '/.git/config', '/index.html/', '/services/living-subsidy/index.html', '/120101199001011234', '/check/120101199001011234'];
const FORWARDED = ['X-Forwarded-Proto: https', 'X-Forwarded-Proto: gopher', 'X-Forwarded-Proto: https, http', 'X-Forwarded-Proto: ', 'X-Forwarded-Host: x@evil.example', 'X-Forwarded-Host: evil.example:99999', 'X-Forwarded-Host: [::1', 'X-Forwarded-Host: a b', 'X-Forwarded-Host: , ,', 'X-Forwarded-Port: -1', 'X-Forwarded-Port: 99999999', 'X-Forwarded-For: not-an-ip', `X-Forwarded-For: ${'1.1.1.1, '.repeat(500)}1.1.1.1`, 'Forwarded: for=unknown;proto=https;host=x@y'];
const ORIGINS = ['Origin: null', 'Origin: ', 'Origin: http://127.0.0.1', 'Origin: https://evil.example', 'Origin: x@127.0.0.1', 'Origin: http://[::1', `Origin: http://${'a'.repeat(5000)}`, 'Origin: \u00e9'];
const COOKIES = ['Cookie: ', 'Cookie: ;;;;', 'Cookie: tx-display=', 'Cookie: tx-display=%', 'Cookie: tx-display=%ff%fe', 'Cookie: tx-check=' + 'A'.repeat(4000), 'Cookie: tx-check=...', 'Cookie: tx-check=e30', 'Cookie: =x', 'Cookie: tx-display=a; tx-display=b; tx-check=c; tx-check=d', 'Cookie: __proto__=x; constructor=y'];

/** The catalogue: every hostile form once (a few hundred requests). */
export function rawCatalogue(formOrigin: string): RawRequest[] {
  const out: RawRequest[] = [];
  for (const method of METHODS) for (const path of PATHS) out.push({ name: `${method} ${path}`, bytes: req(method, path) });
  for (const host of HOSTS) for (const path of ['/', '/services/living-subsidy/', '/settings/', '/api/questions']) out.push({ name: `Host: ${host.slice(0, 40)} GET ${path}`, bytes: req('GET', path, [`Host: ${host}`]) });
  out.push({ name: 'two Host headers', bytes: req('GET', '/', ['Host: 127.0.0.1', 'Host: evil.example']) });
  out.push({ name: 'no Host (HTTP/1.1)', bytes: 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n' });
  out.push({ name: 'no Host (HTTP/1.0)', bytes: 'GET /settings/ HTTP/1.0\r\n\r\n' });
  for (const target of TARGETS) for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS']) out.push({ name: `${method} ${target.slice(0, 40)}`, bytes: req(method, target, ['Host: 127.0.0.1', 'Content-Length: 0']) });
  for (const h of FORWARDED) for (const path of ['/', '/settings/', '/display.css']) {
    out.push({ name: `${h.slice(0, 40)} GET ${path}`, bytes: req('GET', path, ['Host: 127.0.0.1', h]) });
    out.push({ name: `${h.slice(0, 40)} POST ${path}`, bytes: req('POST', path, ['Host: 127.0.0.1', h, `Origin: ${formOrigin}`, 'Content-Type: application/x-www-form-urlencoded', 'Content-Length: 14'], 'textSize=large') });
  }
  for (const h of [...ORIGINS, ...COOKIES]) for (const [method, path, type, body] of [
    ['GET', '/settings/', '', ''],
    ['POST', '/settings/', 'application/x-www-form-urlencoded', 'textSize=large&action=save'],
    ['POST', '/check/region', 'application/x-www-form-urlencoded', 'region=jilin-city'],
    ['POST', '/api/eligibility', 'application/json', '{"region":"jilin-city"}'],
    ['GET', '/display.css', '', ''],
  ] as const) {
    const headers = ['Host: 127.0.0.1', h, ...(type ? [`Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`] : [])];
    out.push({ name: `${h.slice(0, 40)} ${method} ${path}`, bytes: req(method, path, headers, body) });
  }
  const framing: [string, string][] = [
    ['lowercase method', 'get / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
    ['HTTP/2 preface on HTTP/1', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['HTTP/0.9', 'GET /\r\n\r\n'],
    ['HTTP/9.9', 'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n'],
    ['bare LF', 'GET / HTTP/1.1\nHost: 127.0.0.1\n\n'],
    ['space before colon', 'GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n'],
    ['obs-fold header', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\n\r\n'],
    ['NUL in header', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\u0000b\r\n\r\n'],
    ['CL and TE together', 'POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['two Content-Lengths', 'POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd'],
    ['negative Content-Length', 'POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n'],
    ['huge Content-Length, no body', 'POST /api/eligibility HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}'],
    ['bad chunk size', 'POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
    ['unknown Transfer-Encoding', 'POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n'],
    ['Expect: 100-continue', 'POST /api/eligibility HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n{}'],
    ['Expect: something else', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n'],
    ['Upgrade: websocket', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'],
    ['Upgrade: h2c', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n'],
    ['Range on a static file', 'GET /videos/sample.zh.vtt HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=999999-,0-,-1,abc\r\nConnection: close\r\n\r\n'],
    ['If-Modified-Since garbage', 'GET /services/living-subsidy/ HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-Modified-Since: yesterday\r\nIf-None-Match: *\r\nConnection: close\r\n\r\n'],
    ['Accept-Language garbage', 'GET /no-such-page/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ' + '*;q=x,'.repeat(300) + '\r\nConnection: close\r\n\r\n'],
    ['header just under 16 KiB', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${'a'.repeat(15_000)}\r\nConnection: close\r\n\r\n`],
    ['headers over 16 KiB', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`],
    ['500 headers', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 500 }, (_, i) => `X-${i}: ${i}`).join('\r\n')}\r\nConnection: close\r\n\r\n`],
    ['pipelined requests', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nTRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /settings/ HTTP/1.1\r\nHost: x@y\r\nConnection: close\r\n\r\n'],
    ['garbage', '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003'],
  ];
  for (const [name, bytes] of framing) out.push({ name, bytes });
  out.push({ name: 'invalid UTF-8 in path', bytes: Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')]) });
  out.push({ name: 'invalid UTF-8 in header', bytes: Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tx-display='), Buffer.from([0xff, 0xfe]), Buffer.from('\r\nConnection: close\r\n\r\n')]) });
  return out;
}

/** What came back for one raw request: the status line's code, or the socket's fate. */
export interface RawAnswer {
  status?: number;
  raw: string;
  error?: string;
}

/**
 * Sends bytes on a fresh connection and collects what comes back until the server closes it,
 * or nothing more arrives for `idleMs` after the first bytes, or `ms` pass. The socket is not
 * half-closed: Node's server drops the answers still owed to a client that has sent FIN.
 */
export function sendRaw(host: string, port: number, bytes: string | Buffer, ms = 3000, idleMs = 300): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let idle: NodeJS.Timeout | undefined;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(idle);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      resolve({ status: m ? Number(m[1]) : undefined, raw, error });
    };
    const timer = setTimeout(() => {
      if (!chunks.length) error = 'timeout';
      done();
    }, ms);
    socket.on('data', (c) => {
      chunks.push(c);
      clearTimeout(idle);
      idle = setTimeout(done, idleMs);
    });
    socket.on('error', (e) => {
      error = (e as NodeJS.ErrnoException).code ?? e.message;
    });
    socket.on('close', done);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** Every status code in a raw answer (pipelined requests have several). */
export const statuses = (raw: string) => [...raw.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
