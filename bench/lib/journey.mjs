/**
 * Figure 3: the self-check as a browser without JavaScript goes through it, with cookies,
 * driven concurrently against the portal and against two bare node:http servers started in the
 * same run, by the same load code: same-work-server.mjs (the portal's own work per request, none
 * of the framework's: the figure's baseline) and bare-server.mjs (the least a server must do).
 * Each journey:
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
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOALS, cookieHeader, selfCheckContent, updateJar } from './eligibility.mjs';
import { load as getLoad } from './load.mjs';
import { assertLoopback, freePort, get, percentile } from './util.mjs';

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
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, setCookies: res.headers['set-cookie'], headers: res.headers, bytes }));
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
    trace.push({ method, path, status: r.status, location, bytes: r.bytes, headers: r.headers });
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
  trace.cookie = cookieHeader(jar); // the journey's last cookies (the finished, sealed state)
  return trace;
}

/**
 * One journey, for its trace (which the baselines copy: Locations, page sizes, headers), with
 * `trace.cookie`, the cookies at its end. Throws with the reason when it fails.
 */
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

/** Starts a lib/ server script as its own process (`node <script> <port> ...args`); resolves to { url, pid, stop() } once it prints "ready". */
async function startServer(script, args = [], { env, name = script } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${name} did not start within 10 s`)), 10000);
    child.stdout.on('data', (c) => {
      if (String(c).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} exited with ${code}: ${err.trim()}`));
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

/** Starts bare-server.mjs (the trivial baseline) as its own process; resolves to { url, pid, stop() }. */
export const startBareServer = (configFile) => startServer('./bare-server.mjs', [configFile], { name: 'bare server' });

/**
 * Starts same-work-server.mjs as its own process: a cluster primary with `workers` workers, each
 * running the bundle of lib/same-work-entry.ts; the cookie key is `secret` (TX_SECRET).
 */
export const startSameWorkServer = (configFile, bundleFile, workers, secret) =>
  startServer('./same-work-server.mjs', [configFile, bundleFile, String(workers)], { env: { TX_SECRET: secret }, name: 'same-work server' });

/** lib/same-work-entry.ts (everything the same-work server takes from src/) bundled into `workDir`. */
export async function bundleSameWork(root, workDir) {
  const { build } = await import('esbuild');
  const entry = fileURLToPath(new URL('./same-work-entry.ts', import.meta.url));
  const outfile = join(workDir, 'same-work.bundle.mjs');
  const absWorkingDir = resolve(root);
  const built = await build({ entryPoints: [entry], absWorkingDir, bundle: true, format: 'esm', platform: 'node', target: 'node22', outfile, metafile: true, logLevel: 'silent' });
  const fromSrc = Object.keys(built.metafile.inputs).filter((f) => f.startsWith('src/')).sort();
  return { file: outfile, path: relative(absWorkingDir, outfile), modules: Object.keys(built.metafile.inputs).length, fromSrc };
}

// Headers that belong to one response or one connection, not to the page: never copied.
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'location']);
const pageHeaders = (headers) => Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => !OWN_HEADERS.has(k)));
const cookieAttributes = (setCookies) => (setCookies ?? []).map((c) => c.slice(c.indexOf(';'))).filter((a, i, all) => all.indexOf(a) === i);
const step = (t) => `${t.method} ${t.path} → ${t.status}${t.location ? ` ${t.location}` : ''}${t.method === 'GET' ? ` (${t.bytes} B)` : ''}`;

/**
 * Whether the same-work server walked the portal's journey: the same requests, statuses and
 * Locations (its own, from nextStep()), the same page sizes, the same cookie attributes, and
 * cookies each side can open (one key): the portal shows its results page for the same-work
 * server's finished state, and the other way round.
 */
async function checkSameWork(portalBase, sameWorkBase, portalTrace, sameWorkTrace) {
  const differences = [];
  const max = Math.max(portalTrace.length, sameWorkTrace.length);
  for (let i = 0; i < max; i++) {
    const a = portalTrace[i] && step(portalTrace[i]);
    const b = sameWorkTrace[i] && step(sameWorkTrace[i]);
    if (a !== b) differences.push(`request ${i + 1}: portal ${a ?? 'none'}, same-work ${b ?? 'none'}`);
  }
  const attrs = {
    portal: cookieAttributes(portalTrace.flatMap((t) => t.headers?.['set-cookie'] ?? [])),
    sameWork: cookieAttributes(sameWorkTrace.flatMap((t) => t.headers?.['set-cookie'] ?? [])),
  };
  if (attrs.portal.join() !== attrs.sameWork.join()) differences.push(`Set-Cookie attributes: portal ${attrs.portal.join(' | ')}, same-work ${attrs.sameWork.join(' | ')}`);
  const sealedBy = (trace) => trace.flatMap((t) => t.headers?.['set-cookie'] ?? []).length;
  const portalOpens = (await get(`${portalBase}/check/results`, { cookie: sameWorkTrace.cookie })).status;
  const sameWorkOpens = (await get(`${sameWorkBase}/check/results`, { cookie: portalTrace.cookie })).status;
  if (portalOpens !== 200) differences.push(`the portal answered ${portalOpens} to /check/results with the same-work server's cookie (200 expected: it could not open it, or the state was not finished)`);
  if (sameWorkOpens !== 200) differences.push(`the same-work server answered ${sameWorkOpens} to /check/results with the portal's cookie (200 expected)`);
  return {
    matches: differences.length === 0,
    differences,
    cookieAttributes: attrs,
    cookiesSealed: { portal: sealedBy(portalTrace), sameWork: sealedBy(sameWorkTrace) },
    crossOpen: { portalOpensSameWorkCookie: portalOpens, sameWorkOpensPortalCookie: sameWorkOpens },
  };
}

/**
 * Figure 3. Probes one journey on the portal (its Locations, GET body sizes and headers become
 * the baselines' config), starts the trivial bare server and the same-work server (the portal's
 * worker count, the portal's key `secret`), checks the same journey works on both, then loads
 * the portal, the same-work server and the trivial server in turn with the same settings.
 * `onStart` receives each server's stop() for cleanup.
 */
export async function measureJourney(portalBase, workDir, load, { root, portalWorkers = 1, secret, onStart, log = () => {} } = {}) {
  const trace = await probeJourney(portalBase);
  const config = {
    redirects: Object.fromEntries(trace.filter((t) => t.method === 'POST').map((t) => [t.path, t.location])),
    pages: Object.fromEntries(trace.filter((t) => t.method === 'GET').map((t) => [t.path, t.bytes])),
  };
  const configFile = join(workDir, 'bare-server.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);

  // The same-work server's config: the content the pages read, and per request of the probe
  // the portal's page size and headers (its Locations it works out itself).
  const content = selfCheckContent(root);
  const sameWorkConfig = {
    ...content,
    responses: Object.fromEntries(trace.map((t) => [`${t.method} ${t.path}`, { bytes: t.method === 'GET' ? t.bytes : 0, headers: pageHeaders(t.headers) }])),
    cookieAttributes: cookieAttributes(trace.flatMap((t) => t.headers?.['set-cookie'] ?? []))[0],
  };
  const sameWorkConfigFile = join(workDir, 'same-work-server.json');
  writeFileSync(sameWorkConfigFile, `${JSON.stringify(sameWorkConfig, null, 2)}\n`);
  const bundle = await bundleSameWork(root, workDir);

  const bare = await startBareServer(configFile);
  onStart?.(bare.stop);
  let sameWork;
  try {
    sameWork = await startSameWorkServer(sameWorkConfigFile, bundle.file, portalWorkers, secret);
    onStart?.(sameWork.stop);
    const bareTrace = await probeJourney(bare.url);
    const same = bareTrace.map((t) => `${t.method} ${t.path}`).join() === trace.map((t) => `${t.method} ${t.path}`).join();
    const sameWorkTrace = await probeJourney(sameWork.url);
    const sameWorkCheck = { ...(await checkSameWork(portalBase, sameWork.url, trace, sameWorkTrace)), bundle: { path: bundle.path, modules: bundle.modules, fromSrc: bundle.fromSrc } };
    if (!sameWorkCheck.matches) log(`Journey: the same-work server differs from the portal: ${sameWorkCheck.differences.join('; ')}`);

    log(`Journey: ${trace.length} requests (${config.pages ? Object.keys(config.pages).length : 0} GET pages); portal (${portalWorkers} worker${portalWorkers === 1 ? '' : 's'}) under load, ${load.concurrency} clients, ${load.durationMs / 1000} s…`);
    const portal = await journeyLoad(portalBase, load);
    log(`Journey: same-work node:http server (pid ${sameWork.pid}, ${portalWorkers} worker${portalWorkers === 1 ? '' : 's'}) under the same load…`);
    const sameWorkLoad = await journeyLoad(sameWork.url, load);
    log(`Journey: trivial bare node:http server (pid ${bare.pid}, one process) under the same load…`);
    const baseline = await journeyLoad(bare.url, load);
    const ofSameWork = portal.rps / sameWorkLoad.rps;
    // The framework's floor: the portal's smallest on-demand response (GET /display.css, no
    // cookie: no page, no answers) beside the bare server's page, both with section 4's GET
    // loop. No Astro-rendered journey can beat that floor's share of the bare server.
    log('Journey: the framework floor, GET /display.css beside the bare server\'s /check/region…');
    const getLoop = { concurrency: load.concurrency, durationMs: load.durationMs, maxRequests: 1e6, warmup: 100 };
    const floorPortal = await getLoad(`${portalBase}/display.css`, getLoop);
    const floorBare = await getLoad(`${bare.url}/check/region`, getLoop);
    const floor = {
      portal: floorPortal,
      bare: floorBare,
      ratio: floorPortal.rps / floorBare.rps,
      journeyShareOfFloor: portal.rps / floorPortal.rps,
    };
    const clean = (r) => r.unexpected === 0 && r.errors === 0;
    return {
      goal: GOALS.journeyRatio,
      // The figure: the portal's req/s as a share of the same-work server's.
      value: ofSameWork,
      ratio: ofSameWork / GOALS.journeyRatio,
      ok: ofSameWork >= GOALS.journeyRatio && clean(portal) && clean(sameWorkLoad) && sameWorkCheck.matches,
      against: 'same-work node:http server (lib/same-work-server.mjs)',
      ofSameWork,
      ofTrivial: portal.rps / baseline.rps,
      sameWorkOfTrivial: sameWorkLoad.rps / baseline.rps,
      workers: { portal: portalWorkers, sameWork: portalWorkers, trivial: 1 },
      requestsPerJourney: trace.length,
      trace: trace.map(step),
      bareMatchesPortal: same,
      sameWorkCheck,
      portal,
      sameWork: sameWorkLoad,
      bare: baseline,
      floor,
    };
  } finally {
    await sameWork?.stop();
    await bare.stop();
  }
}
