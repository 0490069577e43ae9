/**
 * Hostile raw requests (tests/robustness/raw-requests.ts), each sent as exact bytes over a TCP
 * socket to the suite's server: every one is answered with a status below 500 (pipelined ones
 * with one status each), and after each one the portal still answers `GET /` with 200. Before
 * the front door, `TRACE /` and `Host: x@127.0.0.1` each ended the process.
 */
import { describe, expect, it, inject } from 'vitest';
import { rawCatalogue, sendRaw, statuses } from './raw-requests';

const base = inject('baseUrl');
const { hostname, port } = new URL(base);
const catalogue = rawCatalogue(base);

describe('raw hostile requests', () => {
  it(`answers all ${catalogue.length} below 500, and keeps serving after each`, async () => {
    const wrong: string[] = [];
    for (const r of catalogue) {
      const answer = await sendRaw(hostname, Number(port), r.bytes);
      const got = statuses(answer.raw);
      if (got.length === 0 || got.some((s) => s >= 500)) wrong.push(`${r.name}: ${got.join(',') || answer.error || 'no answer'}`);
      const alive = await fetch(`${base}/`).then((res) => res.status, (e: Error) => e.message);
      if (alive !== 200) throw new Error(`after "${r.name}" GET / answered ${alive}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('answers methods a resource does not take with 405 and Allow, static files included', async () => {
    for (const [method, path, allow] of [
      ['TRACE', '/', 'GET, HEAD'],
      ['PROPFIND', '/videos/sample.zh.vtt', 'GET, HEAD'],
      ['PURGE', '/services/living-subsidy/', 'GET, HEAD'],
      ['SEARCH', '/', 'GET, HEAD'],
      ['POST', '/services/living-subsidy/', 'GET, HEAD'],
      ['DELETE', '/settings/', 'GET, HEAD, POST'],
      ['TRACE', '/api/eligibility', 'POST, OPTIONS'],
      ['CONNECT', '/', 'GET, HEAD, POST, OPTIONS'],
    ]) {
      const answer = await sendRaw(hostname, Number(port), `${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.raw, `${method} ${path}`).toMatch(new RegExp(`\\r\\nallow: ${allow}\\r\\n`, 'i'));
      // The refusal, never the resource itself.
      expect(answer.raw).not.toMatch(/WEBVTT|site-header/);
    }
  });

  it('answers a Host with userinfo, or a bad percent-encoding, with 400', async () => {
    for (const bytes of [`GET / HTTP/1.1\r\nHost: x@${hostname}\r\nConnection: close\r\n\r\n`, `GET /%zz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`]) {
      expect((await sendRaw(hostname, Number(port), bytes)).status).toBe(400);
    }
  });
});
