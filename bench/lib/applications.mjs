/**
 * Section 11: submissions (issue 11 point 12). For each engine (SQLite always; PostgreSQL when
 * DATABASE_URL names one, each run in a schema of its own), a portal of its own (server.mjs over
 * dist/, two workers, a fresh database) and its bare twin (bare-submit.mjs: node:http, the same
 * writes) each take `concurrency` clients sending the example application, each for a
 * new person with a new Idempotency-Key, for `durationMs` after a warm-up. Reported:
 * submissions per second, p50 and p99 latency, statuses, and the peak resident memory of the
 * primary and its workers (sampled every 100 ms from /proc). Then, on each engine's portal, the
 * draft-save round trip as one person feels it: a page's Continue (read, saved, 303) and the
 * island's autosave (saved as typed, 204), one after another.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { childPids } from './robustness.mjs';
import { freePort, percentile } from './util.mjs';

export const GOALS = { ratio: 0.5, p99Ms: 50, islandJsGz: 25 * 1024 };
/** The offered rate of the open-loop latency run: well inside what both servers carry. */
export const OFFERED_RATE = 100;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacter = (first17) => '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0) % 11];

/** The n-th made-up person (a valid ID number; never a real person's): distinct for n < 1,000,000. */
export function person(n, region) {
  const day = n % 28;
  const month = Math.floor(n / 28) % 12;
  const year = 1930 + (Math.floor(n / 336) % 60);
  const seq = String(Math.floor(n / 20160) % 1000).padStart(3, '0');
  const first17 = `${region}${year}${String(month + 1).padStart(2, '0')}${String(day + 1).padStart(2, '0')}${seq}`;
  return first17 + checkCharacter(first17);
}

function body(n, region) {
  const id = person(n, region);
  const helper = '22020119850101123';
  return JSON.stringify({
    form: 'two-subsidies',
    region: 'jilin-city',
    applicant: { name: '王建国', idNumber: id, certificateNumber: `${id}42`, address: '吉林市船营区某街1号' },
    submitter: { name: '王丽', relationship: 'supportDuty', phone: '13800001234', idNumber: helper + checkCharacter(helper) },
    answers: { household: 'dibao', needsLongTermCare: true, subsidies: ['living-subsidy', 'nursing-subsidy'] },
    consent: { sensitiveData: true, declaration: true },
  });
}

const rssOf = (pid) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

export async function start(script, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: '0', METRICS_PORT: '0', WEB_CONCURRENCY: '2', SUBMIT_LIMIT_PER_HOUR: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => {
    err += c;
    if (process.env.BENCH_DEBUG) process.stderr.write(c);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Any answer means it listens (the bare twin answers GET with a 500: it only takes POSTs).
    const up = await fetch(`${url}/readyz`).then(() => true, () => false);
    if (up && childPids(child.pid).length >= 2) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${script} did not start: ${err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000);
      }),
  };
}

function post(agent, url, text) {
  return new Promise((resolve) => {
    const req = http.request(url, { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'idempotency-key': randomUUID() } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(text);
  });
}

/** `concurrency` clients submitting for `durationMs`; each submission a new person. */
async function drive(server, { concurrency, durationMs, warmup, region, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = `${server.url}/api/applications`;
  let w = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (w++ < warmup) await post(agent, url, body(next(), region)); }));
  let peak = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, [server.pid, ...childPids(server.pid)].reduce((s, p) => s + rssOf(p), 0));
  }, 100);
  const latencies = [];
  const statuses = {};
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - t0 < durationMs) {
        const started = performance.now();
        const status = await post(agent, url, body(next(), region));
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sample);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const created = statuses[201] ?? 0;
  return { perSecond: created / seconds, requests: latencies.length, statuses, p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssBytes: peak };
}

/**
 * Latency at an offered rate (open loop): submissions started every 1/`rate` s whatever the
 * answers, for `durationMs`, as a county's traffic arrives. A closed loop of 50 clients measures
 * the queue as much as the server (at N submissions/s each waits about 50/N s); this measures the
 * server at a load it carries.
 */
async function paced(server, { rate, durationMs, region, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = `${server.url}/api/applications`;
  const latencies = [];
  const statuses = {};
  const pending = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < durationMs; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const started = performance.now();
    pending.push(
      post(agent, url, body(next(), region)).then((status) => {
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rate, requests: latencies.length, statuses, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A form POST with the draft's cookie; resolves to the status and the cookie set, if any. */
function postForm(agent, url, fields, cookie) {
  const text = new URLSearchParams(fields).toString();
  return new Promise((resolve) => {
    const origin = new URL(url).origin;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(text), origin, ...(cookie && { cookie }) };
    const req = http.request(url, { agent, method: 'POST', headers }, (res) => {
      res.resume();
      const set = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('tx-apply='));
      res.on('end', () => resolve({ status: res.statusCode, cookie: set }));
    });
    req.on('error', () => resolve({ status: 0 }));
    req.end(text);
  });
}

/** One person's draft saves, one after another: `rounds` Continues of the person page and `rounds` autosaves. */
async function draftSaves(server, rounds = 200) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const at = (path) => `${server.url}${path}`;
  const started = await postForm(agent, at('/apply/two-subsidies/'), { action: 'start' });
  const cookie = started.cookie;
  await postForm(agent, at('/apply/two-subsidies/region'), { region: 'jilin-city', action: 'continue' }, cookie);
  await postForm(agent, at('/apply/two-subsidies/who'), { role: 'self', action: 'continue' }, cookie);
  const id = person(999_999, '220208');
  const fields = { name: '王建国', certificateNumber: `${id}42`, phone: '13800001234', address: '吉林市船营区某街1号' };
  const timed = async (extra, expected) => {
    const times = [];
    const statuses = {};
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const { status } = await postForm(agent, at('/apply/two-subsidies/person'), { ...fields, ...extra }, cookie);
      times.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), statuses, ok: statuses[expected] === rounds };
  };
  const out = { rounds, continue: await timed({ action: 'continue' }, 303), autosave: await timed({ action: 'autosave' }, 204) };
  agent.destroy();
  return out;
}

/** A PostgreSQL schema of its own for one server, and how to drop it. */
export async function ownSchema(url) {
  const pg = (await import('pg')).default;
  const schema = `tx_bench_${randomBytes(6).toString('hex')}`;
  const run = async (text) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const own = new URL(url);
  own.searchParams.set('options', `-c search_path=${schema}`);
  return { url: own.href, drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

export async function measureApplications(root, { concurrency = 50, durationMs = 10_000, warmup = 200, log = () => {} } = {}) {
  const engines = [{ name: 'sqlite' }];
  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) engines.push({ name: 'postgres', url: pgUrl });
  const out = { concurrency, durationMs, engines: {}, notes: [] };
  if (engines.length === 1) out.notes.push('PostgreSQL not measured: DATABASE_URL does not name one (.ci/run starts one; see TOOLCHAIN.md).');
  let n = 0;
  const next = () => n++;
  for (const engine of engines) {
    const row = {};
    for (const [kind, script] of [['portal', join(root, 'server.mjs')], ['bare', join(root, 'bench/lib/bare-submit.mjs')]]) {
      const schema = engine.name === 'postgres' ? await ownSchema(engine.url) : undefined;
      const env = engine.name === 'postgres' ? { DATABASE_URL: schema.url } : { DATABASE_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), `tx-bench-${kind}-`)), TX_SECRET: randomBytes(24).toString('hex') };
      log(`submissions: ${kind} on ${engine.name}, ${concurrency} clients for ${durationMs / 1000} s…`);
      const server = await start(script, env);
      try {
        row[kind] = await drive(server, { concurrency, durationMs, warmup, region: kind === 'portal' ? '220206' : '220207', next });
        log(`submissions: ${kind} on ${engine.name}, ${OFFERED_RATE} a second offered for ${durationMs / 1000} s…`);
        row[`${kind}Paced`] = await paced(server, { rate: OFFERED_RATE, durationMs, region: kind === 'portal' ? '220206' : '220207', next });
        if (kind === 'portal') {
          log(`draft saves on ${engine.name}…`);
          row.draftSaves = await draftSaves(server);
        }
      } finally {
        await server.stop();
        await schema?.drop().catch(() => {});
      }
    }
    row.ratio = row.portal.perSecond / row.bare.perSecond;
    out.engines[engine.name] = row;
  }
  return out;
}
