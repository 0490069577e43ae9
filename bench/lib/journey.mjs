/**
 * Figure 3: the self-check as a browser without JavaScript goes through it, with cookies,
 * driven concurrently against the portal and against a bare node:http server (bare-server.mjs)
 * started in the same run, by the same load code. Each journey:
 *   POST /check/ action=start → 303 /check/region, GET it;
 *   POST /check/region region=jilin-city → 303 /check/hasCertificate, GET it;
 *   POST answer=yes → 303 /check/certificateNumber, GET it; POST action=skip → 303;
 *   then for every following step: GET the redirect's Location, POST its answer → 303 …
 *   until the Location is /check/summary; GET /check/summary; GET /check/results.
 * POSTs carry Origin: <base> and Content-Type: application/x-www-form-urlencoded (Astro's
 * origin check). Every response's status is checked (303 for a POST, 200 for a GET, and the
 * first three Locations); any other answer is counted as unexpected and ends that journey.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOALS, cookieHeader, updateJar } from './eligibility.mjs';
import { load as getLoad } from './load.mjs';
import { assertLoopback, freePort, percentile } from './util.mjs';

/** The form body posted on each step; any other step is answered "I don't know". */
export const JOURNEY_ANSWERS = {
  region: 'region=jilin-city',
  hasCertificate: 'answer=yes',
  certificateNumber: 'action=skip',
  birthDate: 'year=1980&month=3&day=7',
  household: 'answer=dibao',
  level: 'answer=2',
  category: 'answer=physical',
  needsLongTermCare: 'answer=yes',
  isAutistic: 'answer=no',
};
const DEFAULT_ANSWER = 'answer=dontKnow';
const EXPECTED_LOCATION = { '/check/': '/check/region', '/check/region': '/check/hasCertificate', '/check/hasCertificate': '/check/certificateNumber' };
const MAX_STEPS = 20;

const bodyFor = (path) => JOURNEY_ANSWERS[path.replace(/^\/check\//, '')] ?? DEFAULT_ANSWER;

function request(agent, u, method, path, { body, cookie, origin }, sockets) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers.origin = origin;
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ agent, host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, setCookies: res.headers['set-cookie'], bytes }));
      res.on('error', reject);
    });
    req.on('socket', (s) => sockets.add(s));
    req.setTimeout(15000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const ABORT = Symbol('journey aborted');

function recorder() {
  return { latencies: [], byMethodLatencies: { GET: [], POST: [] }, statuses: {}, byMethod: { GET: 0, POST: 0 }, bytes: 0, journeys: 0, unexpected: 0, unexpectedKinds: {}, errors: 0, errorKinds: {} };
}

/** One journey; resolves to its trace (requests in order). Throws ABORT when stopped or on a wrong answer. */
async function journey(base, agent, rec, sockets, shouldStop) {
  const u = new URL(base);
  const jar = new Map();
  const trace = [];
  const send = async (method, path, body) => {
    if (shouldStop()) throw ABORT;
    const t0 = process.hrtime.bigint();
    let r;
    try {
      r = await request(agent, u, method, path, { body, cookie: jar.size ? cookieHeader(jar) : undefined, origin: base }, sockets);
    } catch (err) {
      rec.errors++;
      rec.errorKinds[err.message] = (rec.errorKinds[err.message] ?? 0) + 1;
      throw ABORT;
    }
    const took = Number(process.hrtime.bigint() - t0) / 1e6;
    rec.latencies.push(took);
    rec.byMethodLatencies[method].push(took);
    rec.statuses[r.status] = (rec.statuses[r.status] ?? 0) + 1;
    rec.byMethod[method]++;
    rec.bytes += r.bytes;
    updateJar(jar, r.setCookies);
    const location = r.location ? new URL(r.location, base).pathname : null;
    const wantStatus = method === 'POST' ? 303 : 200;
    const wantLocation = method === 'POST' ? EXPECTED_LOCATION[path] : undefined;
    if (r.status !== wantStatus || (method === 'POST' && !location) || (wantLocation && location !== wantLocation)) {
      const kind = `${method} ${path} → ${r.status}${location ? ` ${location}` : ''} (expected ${wantStatus}${wantLocation ? ` ${wantLocation}` : ''})`;
      rec.unexpected++;
      rec.unexpectedKinds[kind] = (rec.unexpectedKinds[kind] ?? 0) + 1;
      throw ABORT;
    }
    trace.push({ method, path, status: r.status, location, bytes: r.bytes });
    return location;
  };

  let next = await send('POST', '/check/', 'action=start');
  const posted = new Set();
  for (let i = 0; ; i++) {
    await send('GET', next); // the page the browser lands on after the 303
    if (next === '/check/summary') break;
    if (posted.has(next) || i >= MAX_STEPS) {
      const kind = `the journey came back to ${next}`;
      rec.unexpected++;
      rec.unexpectedKinds[kind] = (rec.unexpectedKinds[kind] ?? 0) + 1;
      throw ABORT;
    }
    posted.add(next);
    next = await send('POST', next, bodyFor(next));
  }
  await send('GET', '/check/results');
  rec.journeys++;
  return trace;
}

/** One journey, for its trace (which the bare server copies). Throws with the reason when it fails. */
export async function probeJourney(base) {
  assertLoopback(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const rec = recorder();
  try {
    return await journey(base, agent, rec, new Set(), () => false);
  } catch {
    const why = Object.keys(rec.unexpectedKinds)[0] ?? Object.keys(rec.errorKinds)[0] ?? 'unknown';
    throw new Error(`the journey against ${base} failed: ${why}`);
  } finally {
    agent.destroy();
  }
}

/** `concurrency` clients, each running journeys back to back for `durationMs` (after warm-up journeys). */
export async function journeyLoad(base, { concurrency = 8, durationMs = 3000, warmupJourneys = 2 * concurrency } = {}) {
  assertLoopback(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const sockets = new Set();
  try {
    let w = 0;
    const warm = recorder();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (w++ < warmupJourneys) await journey(base, agent, warm, sockets, () => false).catch(() => {});
      }),
    );
    const rec = recorder();
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(durationMs) * 1_000_000n;
    const shouldStop = () => process.hrtime.bigint() >= deadline;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!shouldStop()) await journey(base, agent, rec, sockets, shouldStop).catch(() => {});
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const lat = rec.latencies.sort((a, b) => a - b);
    return {
      url: base,
      concurrency,
      seconds,
      requests: lat.length,
      rps: lat.length / seconds,
      journeys: rec.journeys,
      journeysPerSecond: rec.journeys / seconds,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      p99: percentile(lat, 99),
      max: lat.at(-1),
      getP50: percentile(rec.byMethodLatencies.GET.sort((a, b) => a - b), 50),
      postP50: percentile(rec.byMethodLatencies.POST.sort((a, b) => a - b), 50),
      gets: rec.byMethod.GET,
      posts: rec.byMethod.POST,
      bodyBytesPerResponse: lat.length ? rec.bytes / lat.length : 0,
      statuses: rec.statuses,
      unexpected: rec.unexpected,
      unexpectedKinds: rec.unexpectedKinds,
      errors: rec.errors,
      errorKinds: rec.errorKinds,
      warmupUnexpected: warm.unexpected + warm.errors,
      connections: sockets.size,
    };
  } finally {
    agent.destroy();
  }
}

/** Starts bare-server.mjs as its own process; resolves to { url, pid, stop() }. */
export async function startBareServer(configFile) {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bare-server.mjs', import.meta.url)), String(port), configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start within 10 s')), 10000);
    child.stdout.on('data', (c) => {
      if (String(c).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bare server exited with ${code}: ${err.trim()}`));
    });
  });
  const stop = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

/**
 * Figure 3. Probes one journey on the portal (its Locations and GET body sizes become the bare
 * server's config), starts the bare server, checks the same journey works there, then loads
 * each in turn with the same settings. `onStart` receives the bare server's stop() for cleanup.
 */
export async function measureJourney(portalBase, workDir, load, { onStart, log = () => {} } = {}) {
  const trace = await probeJourney(portalBase);
  const config = {
    redirects: Object.fromEntries(trace.filter((t) => t.method === 'POST').map((t) => [t.path, t.location])),
    pages: Object.fromEntries(trace.filter((t) => t.method === 'GET').map((t) => [t.path, t.bytes])),
  };
  const configFile = join(workDir, 'bare-server.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const bare = await startBareServer(configFile);
  onStart?.(bare.stop);
  try {
    const bareTrace = await probeJourney(bare.url);
    const same = bareTrace.map((t) => `${t.method} ${t.path}`).join() === trace.map((t) => `${t.method} ${t.path}`).join();
    log(`Journey: ${trace.length} requests (${config.pages ? Object.keys(config.pages).length : 0} GET pages); portal under load, ${load.concurrency} clients, ${load.durationMs / 1000} s…`);
    const portal = await journeyLoad(portalBase, load);
    log(`Journey: bare node:http server (pid ${bare.pid}) under the same load…`);
    const baseline = await journeyLoad(bare.url, load);
    const ratio = portal.rps / baseline.rps;
    // The framework's floor: the portal's smallest on-demand response (GET /display.css, no
    // cookie: no page, no answers) beside the bare server's page, both with section 4's GET
    // loop. No Astro-rendered journey can beat that floor's share of the bare server.
    log('Journey: the framework floor, GET /display.css beside the bare server\'s /check/region…');
    const get = { concurrency: load.concurrency, durationMs: load.durationMs, maxRequests: 1e6, warmup: 100 };
    const floorPortal = await getLoad(`${portalBase}/display.css`, get);
    const floorBare = await getLoad(`${bare.url}/check/region`, get);
    const floor = {
      portal: floorPortal,
      bare: floorBare,
      ratio: floorPortal.rps / floorBare.rps,
      journeyShareOfFloor: portal.rps / floorPortal.rps,
    };
    return {
      goal: GOALS.journeyRatio,
      value: ratio,
      ratio: ratio / GOALS.journeyRatio,
      ok: ratio >= GOALS.journeyRatio && portal.unexpected === 0 && portal.errors === 0,
      requestsPerJourney: trace.length,
      trace: trace.map((t) => `${t.method} ${t.path} → ${t.status}${t.location ? ` ${t.location}` : ''} (${t.bytes} B)`),
      bareMatchesPortal: same,
      portal,
      bare: baseline,
      floor,
    };
  } finally {
    await bare.stop();
  }
}
