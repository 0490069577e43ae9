/**
 * Small shared helpers for the bench: gzip size, HTTP fetches to loopback, tables, percentiles.
 */
import { gzipSync } from 'node:zlib';
import net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KiB = 1024;

/**
 * gzip -9 size of a body, as node:zlib makes it. An empty body counts 0: no server
 * compresses an empty response, so the 20-byte gzip frame would be an artefact.
 */
export function gz(body) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  return buf.length === 0 ? 0 : gzipSync(buf, { level: 9 }).length;
}

/** Refuses any URL whose host is not on the loopback interface. */
export function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (!/^127\.\d+\.\d+\.\d+$/.test(hostname) && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`bench: refusing to contact ${hostname}; all traffic must stay on 127.0.0.1`);
  }
}

/** GET a URL on loopback; returns status, headers and the (decoded) body as a Buffer. */
export async function get(url, { cookie, timeoutMs = 15000 } = {}) {
  assertLoopback(url);
  const headers = cookie ? { cookie } : {};
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

/**
 * Exact bytes of one HTTP/1.1 response on the wire (status line + headers + body as sent,
 * no compression asked), via a raw socket. Used for the cost of the extra /display.css request.
 */
export function wireGet(url, extraHeaders = {}, timeoutMs = 10000) {
  assertLoopback(url);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) });
    const chunks = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`timeout: ${url}`)));
    socket.on('connect', () => {
      const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close'];
      for (const [k, v] of Object.entries(extraHeaders)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split + 4).toString('latin1');
      resolve({
        status: Number(head.split(' ')[1]),
        bytes: all.length,
        headerBytes: split + 4,
        bodyBytes: all.length - split - 4,
        etag: /^etag:\s*(.+)$/im.exec(head)?.[1]?.trim(),
      });
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** p-th percentile (0..100) of an ascending array, nearest-rank. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const n = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
export const kib = (x) => (Number.isFinite(x) ? `${(x / KiB).toFixed(1)}` : '–');
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–');
export const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : '–');

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s) {
  let w = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
  }
  return w;
}

/**
 * A plain-text table. `align` is a string with one letter per column: l or r.
 * Rows may contain null for an empty cell.
 */
export function table(headers, rows, align = '') {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const pad = (s, i) => {
    const gap = ' '.repeat(widths[i] - width(s));
    return align[i] === 'r' ? gap + s : s + gap;
  };
  const line = (r) => `  ${r.map(pad).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Rejects when a promise takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const t0 = Date.now();
/** A progress line with the time since the bench started. */
export function progress(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[${s} s] ${msg}`);
}

export function heading(title) {
  console.log(`\n${'='.repeat(title.length + 4)}\n  ${title}\n${'='.repeat(title.length + 4)}`);
}

/**
 * package.json of an installed package, found by walking up node_modules folders from this
 * file (some packages do not export ./package.json). Undefined when not installed.
 */
export function installedPackage(name) {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return { ...JSON.parse(readFileSync(file, 'utf8')), dir: dirname(file) };
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
