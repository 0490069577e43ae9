/**
 * The production server as an operator runs it (its own instance, not the suite's): workers
 * under a supervisor that replaces one killed with SIGKILL under load, a drain on SIGTERM that
 * finishes what is in flight and exits 0, HTTPS behind a real TLS-terminating proxy
 * (TRUST_PROXY=1), timeouts for slow clients, metrics on their own port, and a log of JSON lines
 * with no identity numbers in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { freePort } from '../free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ID = '110101199003077777';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker processes of a primary, from /proc (Linux). */
const workersOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

interface Portal {
  child: ChildProcess;
  base: string;
  port: number;
  metrics: string;
  output: () => string;
  exit: Promise<number | null>;
}

async function startPortal(env: Record<string, string>): Promise<Portal> {
  const port = await freePort();
  const metricsPort = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['server.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: String(metricsPort), DATA_DIR: mkdtempSync(join(tmpdir(), 'tx-prod-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready && workersOf(child.pid!).length === Number(env.WEB_CONCURRENCY ?? 1)) break;
    if (Date.now() > deadline) throw new Error(`The portal did not start:\n${out}`);
    await sleep(100);
  }
  return { child, base, port, metrics: `http://127.0.0.1:${metricsPort}/metrics`, output: () => out, exit };
}

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ WEB_CONCURRENCY: '2', TRUST_PROXY: '1', HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '3000', UPLOAD_TIMEOUT_MS: '20000', SHUTDOWN_GRACE_MS: '4000' });
});
afterAll(() => {
  if (portal.child.exitCode === null) portal.child.kill('SIGKILL');
});

describe('behind a TLS-terminating proxy (TRUST_PROXY=1)', () => {
  let proxy: https.Server;
  let proxyPort: number;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-tls-'));
    // A throwaway self-signed certificate for the test proxy (openssl ships with Debian).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    // What nginx's `proxy_set_header X-Forwarded-Proto $scheme; X-Forwarded-Host $host` does.
    proxy = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      const upstream = http.request(
        { host: '127.0.0.1', port: portal.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': req.headers.host } },
        (up) => {
          res.writeHead(up.statusCode!, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(() => proxy.close());

  /** A request through the proxy, as a browser on https://localhost:<port> sends it. */
  const viaProxy = (path: string, method = 'GET', body?: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: proxyPort,
          path,
          method,
          rejectUnauthorized: false,
          headers: { host: `localhost:${proxyPort}`, ...(body !== undefined ? { origin: `https://localhost:${proxyPort}`, 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('takes form posts from the https origin, with Secure cookies and HSTS', async () => {
    const settings = await viaProxy('/en/settings/', 'POST', 'textSize=large&action=save');
    expect(settings.status).toBe(303);
    expect(settings.headers['set-cookie']![0]).toMatch(/^tx-display=.*; Secure/i);
    expect(settings.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(settings.headers['cache-control']).toBe('no-store');
    const check = await viaProxy('/check/region', 'POST', 'region=jilin-city');
    expect(check.status).toBe(303);
    expect(check.headers['set-cookie']!.join('\n')).toMatch(/tx-check=[^;]+;.*Secure/i);
  });

  it('sends HSTS on pages and static files over https', async () => {
    for (const path of ['/', '/services/living-subsidy/', '/videos/sample.zh.vtt', '/api/questions', '/no-such-page/']) {
      const res = await viaProxy(path);
      expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('over plain http, sends neither HSTS nor Secure cookies, and refuses the https origin', async () => {
    const home = await fetch(`${portal.base}/`);
    expect(home.headers.get('strict-transport-security')).toBeNull();
    const origin = portal.base;
    const plain = await fetch(`${portal.base}/en/settings/`, { method: 'POST', redirect: 'manual', body: 'textSize=large&action=save', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const crossScheme = await fetch(`${portal.base}/en/settings/`, { method: 'POST', redirect: 'manual', body: 'textSize=large', headers: { origin: 'https://localhost', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(crossScheme.status).toBe(403);
  });
});

describe('without TRUST_PROXY', () => {
  it('ignores X-Forwarded-Proto: no HSTS, no Secure cookie, the https origin refused', async () => {
    const p = await startPortal({ WEB_CONCURRENCY: '1' });
    try {
      const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tongxing.example.cn', origin: 'https://tongxing.example.cn', 'content-type': 'application/x-www-form-urlencoded' };
      const res = await fetch(`${p.base}/settings/`, { method: 'POST', redirect: 'manual', body: 'textSize=large', headers });
      expect(res.status).toBe(403);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
    }
  });
});

describe('slow clients', () => {
  it('closes a connection whose headers never finish (HEADERS_TIMEOUT_MS)', async () => {
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(portal.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
      socket.on('error', () => {});
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  /** POSTs `path` with a body of `size` bytes sent in 10 pieces over `ms`; resolves to what the server answered. */
  const trickle = (path: string, size: number, ms: number) =>
    new Promise<{ answer: string; took: number }>((resolve) => {
      const started = Date.now();
      const socket = connect(portal.port, '127.0.0.1', () => {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${portal.port}\r\nOrigin: ${portal.base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`);
        let sent = 0;
        const tick = setInterval(() => {
          if (socket.destroyed || sent >= size) return clearInterval(tick);
          const piece = Math.min(Math.ceil(size / 10), size - sent);
          socket.write('a'.repeat(piece));
          sent += piece;
        }, ms / 10);
      });
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve({ answer: text, took: Date.now() - started }));
      socket.on('error', () => {});
    });

  it('gives a form body REQUEST_TIMEOUT_MS, and an application’s documents page UPLOAD_TIMEOUT_MS', async () => {
    // A form body still arriving after 3 s: 408 and the connection closed.
    const form = await trickle('/settings/', 1000, 6000);
    expect(form.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(form.took).toBeLessThan(5000);
    // The same pace on the documents page arrives whole and is answered (no draft: back to the start page).
    const upload = await trickle('/apply/two-subsidies/documents', 1000, 5000);
    expect(upload.took).toBeGreaterThan(4000);
    expect(upload.answer).toMatch(/^HTTP\/1\.1 303/);
  });
});

describe('logs and metrics', () => {
  it('logs one masked JSON object per line, never an identity number', async () => {
    await fetch(`${portal.base}/check/${ID}?idNumber=${ID}`);
    await fetch(`${portal.base}/en/${ID}52/`);
    await sleep(200);
    const lines = portal.output().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(portal.output()).not.toContain(ID.slice(0, 12));
    expect(lines.some((l) => JSON.parse(l).path === '/check/[masked]')).toBe(true);
  });

  it('serves request counts and latency on the metrics port, not the public one', async () => {
    const text = await (await fetch(portal.metrics)).text();
    expect(text).toMatch(/tx_http_requests_total\{route="page",method="GET",status="200"\} \d+/);
    expect(text).toContain('tx_http_request_duration_seconds_bucket');
    expect(text).toMatch(/tx_workers 2/);
    expect((await fetch(`${portal.base}/metrics`)).status).toBe(404);
  });
});

describe('a worker killed under load', () => {
  it('is replaced within a second; only requests in flight on it may fail', async () => {
    const [victim] = workersOf(portal.child.pid!);
    let killedAt = Infinity;
    const results: { started: number; ok: boolean }[] = [];
    const body = JSON.stringify({ region: 'jilin-city', answers: { hasCertificate: true, level: 1 } });
    // A fresh connection per request (no keep-alive pool): a request can then only meet the
    // killed worker if it was already in flight on it, never through a stale pooled socket.
    const request = (method: string, path: string, payload?: string) =>
      new Promise<boolean>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: portal.port, method, path, agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode! < 500));
          res.on('error', () => resolve(false));
        });
        req.on('error', () => resolve(false));
        req.setTimeout(2000, () => req.destroy());
        req.end(payload);
      });
    const loop = async (until: number) => {
      while (Date.now() < until) {
        const started = Date.now();
        const ok = await (Math.random() < 0.5 ? request('GET', '/') : request('POST', '/api/eligibility', body));
        results.push({ started, ok });
      }
    };
    const until = Date.now() + 3000;
    const load = Promise.all(Array.from({ length: 8 }, () => loop(until)));
    await sleep(1000);
    killedAt = Date.now();
    process.kill(victim!, 'SIGKILL');
    let replacedIn = Infinity;
    for (let waited = 0; waited < 3000; waited += 20) {
      const now = workersOf(portal.child.pid!);
      if (now.length === 2 && !now.includes(victim!)) {
        replacedIn = Date.now() - killedAt;
        break;
      }
      await sleep(20);
    }
    await load;
    expect(replacedIn).toBeLessThan(1000);
    const failed = results.filter((r) => !r.ok);
    // At most the 8 requests that were in flight when it died; none started after it died.
    expect(failed.length).toBeLessThanOrEqual(8);
    expect(failed.map((r) => r.started - killedAt).filter((late) => late > 0)).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
    expect((await fetch(`${portal.base}/`)).status).toBe(200);
    const died = portal.output().split('\n').filter((l) => l.includes('worker died'));
    expect(died.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'error', reason: 'signal-SIGKILL' })]);
    expect(await (await fetch(portal.metrics)).text()).toMatch(/tx_worker_restarts_total\{reason="signal-SIGKILL"\} 1/);
  });
});

describe('SIGTERM', () => {
  it('stops accepting, finishes the request in flight, and exits 0', async () => {
    const body = 'textSize=large&action=save';
    const socket = connect(portal.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c) => (answer += c));
    await new Promise((r) => socket.on('connect', r));
    socket.write(`POST /settings/ HTTP/1.1\r\nHost: 127.0.0.1:${portal.port}\r\nOrigin: ${portal.base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    await sleep(200);
    portal.child.kill('SIGTERM');
    await sleep(500);
    const refused = await fetch(`${portal.base}/`).then(() => false, () => true);
    expect(refused).toBe(true);
    socket.write(body.slice(5));
    const code = await portal.exit;
    expect(code).toBe(0);
    expect(answer).toMatch(/^HTTP\/1\.1 303/);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
  });
});

describe('a SIGTERM that reaches the workers before the primary (npm stopped, Ctrl-C)', () => {
  it('drains and exits 0, though the workers have already exited', async () => {
    const own = await startPortal({ WEB_CONCURRENCY: '2' });
    try {
      const workers = workersOf(own.child.pid!);
      const state = (pid: number) => {
        try {
          return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0];
        } catch {
          return 'gone';
        }
      };
      // The primary is held while its workers take the signal and exit; it then finds both
      // signals waiting, its workers' channels closed (the order the process group gave in CI).
      process.kill(own.child.pid!, 'SIGSTOP');
      for (const w of workers) process.kill(w, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!workers.every((w) => state(w) === 'Z') && Date.now() < deadline) await sleep(20);
      process.kill(own.child.pid!, 'SIGTERM');
      // 'close' rather than 'exit': the output is all read only when the pipes have closed.
      const closed = new Promise((r) => own.child.on('close', r));
      process.kill(own.child.pid!, 'SIGCONT');
      expect(await own.exit).toBe(0);
      await closed;
      expect(own.output()).toContain('"msg":"stopped"');
      expect(own.output()).not.toMatch(/EPIPE|ERR_IPC_CHANNEL_CLOSED|Unhandled/);
    } finally {
      if (own.child.exitCode === null) own.child.kill('SIGKILL');
    }
  }, 60_000);
});
