/**
 * Throughput: a bounded loop of concurrent keep-alive GETs (node:http Agent) against one URL on
 * 127.0.0.1. `concurrency` clients each send one request at a time until `durationMs` has passed
 * or `maxRequests` have been sent, whichever is first. Reports requests/second and latency.
 */
import http from 'node:http';
import { assertLoopback, percentile } from './util.mjs';

function once(agent, u, headers, sockets) {
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
      res.on('error', reject);
    });
    req.on('socket', (s) => sockets.add(s));
    req.setTimeout(10000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

export async function load(url, { concurrency = 8, durationMs = 3000, maxRequests = 5000, warmup = 100, headers = {} } = {}) {
  assertLoopback(url);
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const sockets = new Set();
  try {
    // Warm-up (not counted): opens the connections and lets both sides' JIT settle.
    let w = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (w++ < warmup) await once(agent, u, headers, sockets);
      }),
    );
    const latencies = [];
    const statuses = {};
    let sent = 0;
    let errors = 0;
    let bytes = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(durationMs) * 1_000_000n;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < maxRequests && process.hrtime.bigint() < deadline) {
          sent++;
          const t0 = process.hrtime.bigint();
          try {
            const r = await once(agent, u, headers, sockets);
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            bytes += r.bytes;
          } catch {
            errors++;
          }
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    latencies.sort((a, b) => a - b);
    return {
      url,
      concurrency,
      requests: latencies.length,
      errors,
      seconds,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1),
      bodyBytesPerResponse: latencies.length ? bytes / latencies.length : 0,
      statuses,
      connections: sockets.size,
      stoppedBy: sent >= maxRequests ? 'request cap' : 'time',
    };
  } finally {
    agent.destroy();
  }
}
