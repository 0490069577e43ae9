/**
 * The eligibility self-check's three figures (issue 5, point 9):
 *  1. measureEngine: checkIn() calls per second (all rules of a region for one person), one core;
 *  2. measureIsland: the JS a self-check step page loads (the island with Lit), gzipped;
 *  3. measureJourney (lib/journey.mjs): no-JS journey requests per second, portal vs a bare
 *     node:http server doing the same work (and vs a trivial one).
 * See bench/README.md, section 5.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { assertLoopback, get, installedPackage } from './util.mjs';
import { measurePage } from './weight.mjs';

export const GOALS = { enginePerSecond: 10000, islandJsGz: 20 * 1024, journeyRatio: 0.5 };

const CHILD = fileURLToPath(new URL('./engine-child.mjs', import.meta.url));

/** Today in China (YYYY-MM-DD), the date the portal judges answers on. */
export const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

/**
 * The engine's view of every served region, as src/catalogue/regions.ts builds it: the chain up
 * the region tree (content/regions `parent:`, each level's dated `parameters:`) and the services
 * whose `regions:` include the region. A region no service is offered in is a level of the tree only.
 */
export function regionData(root) {
  const services = yamls(root, 'services');
  const tree = new Map(yamls(root, 'regions').map((r) => [r.id, regionNode(r)]));
  const chainOf = (id) => {
    const chain = [];
    for (let node = tree.get(id); node; node = node.parent === undefined ? undefined : tree.get(node.parent)) chain.push(node);
    return chain;
  };
  return [...tree.keys()]
    .filter((id) => services.some((s) => (s.data.regions ?? []).includes(id)))
    .sort()
    .map((id) => ({ id, chain: chainOf(id), services: services.filter((s) => (s.data.regions ?? []).includes(id)).map((s) => s.id).sort() }));
}

/** A content/regions entry as a node of the region tree (src/domain/eligibility/regions.ts RegionNode). */
function regionNode(r) {
  const d = r.data;
  return {
    id: r.id,
    name: { zh: d.shortName.zh, en: d.shortName.en ?? d.shortName.zh },
    ...(d.parent !== undefined && { parent: d.parent }),
    sources: (d.sources ?? []).map((s) => s.source),
    parameters: Object.fromEntries(Object.entries(d.parameters ?? {}).map(([name, p]) => [name, { reference: p.reference, values: p.values }])),
  };
}

const yamls = (root, dir) =>
  readdirSync(join(root, 'content', dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(join(root, 'content', dir, f), 'utf8')) }));

/**
 * What the self-check pages take from the content collections beside the engine's data: each
 * region's names and DPF, each service's title (both languages). For the same-work baseline.
 */
export function selfCheckContent(root) {
  const names = new Map(yamls(root, 'regions').map((r) => [r.id, r.data]));
  return {
    regions: regionData(root).map((r) => ({ ...r, name: names.get(r.id).name, shortName: names.get(r.id).shortName, dpf: names.get(r.id).dpf })),
    services: Object.fromEntries(yamls(root, 'services').map((s) => [s.id, s.data.title])),
  };
}

/** Four answer sets a person could have reached, from nothing to a full adult's. */
export function answerSets(asOf) {
  const yearsAgo = (years) => `${Number(asOf.slice(0, 4)) - years}${asOf.slice(4)}`.replace(/-02-29$/, '-02-28');
  return [
    { name: 'empty', answers: {}, skipped: [] },
    {
      name: 'adult, certificate level 2, dibao',
      answers: { hasCertificate: true, birthDate: '1980-03-07', household: 'dibao', level: 2, category: 'physical', needsLongTermCare: true, isAutistic: false },
      skipped: ['certificateNumber'],
    },
    {
      name: '5-year-old autistic child',
      answers: { hasCertificate: false, birthDate: yearsAgo(5), household: 'none', category: 'intellectual', needsLongTermCare: true, isAutistic: true },
      skipped: [],
    },
    {
      name: 'adult, level 3 psychosocial, low-income',
      answers: { hasCertificate: true, birthDate: '1975-06-15', household: 'low-income', level: 3, category: 'psychosocial', needsLongTermCare: false, isAutistic: false },
      skipped: ['certificateNumber'],
    },
  ];
}

function runChild(moduleFile, casesFile, minMs, warmupMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', CHILD, moduleFile, casesFile, String(minMs), String(warmupMs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000 + minMs * 20);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`engine child exited with ${code ?? signal}: ${(err || out).trim().split('\n').slice(0, 5).join(' | ')}`));
      }
    });
  });
}

/**
 * Figure 1. Imports the engine in a child process (Node strips the types); when plain Node
 * cannot resolve its imports, bundles src/domain/eligibility/index.ts once with esbuild into
 * `workDir`/engine.bundle.mjs and imports that. Warm-up, then at least `minMs` of checkIn().
 */
export async function measureEngine(root, workDir, { minMs = 1500, warmupMs = 500 } = {}) {
  mkdirSync(workDir, { recursive: true });
  const asOf = todayInChina();
  const regions = regionData(root);
  const cases = regions.flatMap((region) => answerSets(asOf).map((s) => ({ ...s, name: `${region.id}: ${s.name}`, region, asOf })));
  const casesFile = join(workDir, 'engine-cases.json');
  writeFileSync(casesFile, `${JSON.stringify(cases, null, 2)}\n`);

  const entry = join(root, 'src', 'domain', 'eligibility', 'index.ts');
  let loadedVia = 'node --experimental-strip-types, the .ts source directly';
  let direct = await runChild(entry, casesFile, minMs, warmupMs);
  let importProblem;
  if (!direct.ok) {
    importProblem = direct.error;
    const { build } = await import('esbuild');
    const bundle = join(workDir, 'engine.bundle.mjs');
    const built = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node22', outfile: bundle, metafile: true, logLevel: 'silent' });
    loadedVia = `esbuild ${installedPackage('esbuild')?.version} bundle (${Object.keys(built.metafile.inputs).length} modules) → ${bundle.slice(root.length)}`;
    direct = await runChild(bundle, casesFile, minMs, warmupMs);
    if (!direct.ok) throw new Error(`the engine bundle did not load: ${direct.error}`);
  }
  return {
    goal: GOALS.enginePerSecond,
    value: direct.perSecond,
    ratio: direct.perSecond / GOALS.enginePerSecond,
    ok: direct.perSecond >= GOALS.enginePerSecond,
    calls: direct.calls,
    seconds: direct.seconds,
    rulesInCatalogue: direct.rulesInCatalogue,
    asOf,
    regions: regions.map((r) => ({ id: r.id, chain: r.chain.map((n) => n.id), services: r.services.length })),
    loadedVia,
    importProblem: importProblem ?? null,
    perCase: direct.perCase,
  };
}

/** Cookie jar of name → value, from Set-Cookie headers (a deleted or expired cookie is dropped). */
export function updateJar(jar, setCookies) {
  for (const sc of setCookies ?? []) {
    const [pair, ...attrs] = sc.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const gone = value === '' || attrs.some((a) => /^\s*max-age\s*=\s*(0|-)/i.test(a) || /^\s*expires\s*=\s*Thu, 01 Jan 1970/i.test(a));
    if (gone) jar.delete(name);
    else jar.set(name, value);
  }
}
export const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function postForm(base, path, body, jar) {
  const url = base + path;
  assertLoopback(url);
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...(jar.size ? { cookie: cookieHeader(jar) } : {}) },
    body,
    signal: AbortSignal.timeout(15000),
  });
  await res.arrayBuffer();
  updateJar(jar, res.headers.getSetCookie());
  return { status: res.status, location: res.headers.get('location') };
}

const LIT = /\b(litHtmlVersions|litElementVersions|reactiveElementVersions)\b/;

/**
 * Figure 2. Starts a journey as a browser does (POST /check/ action=start, keeping cookies),
 * then weighs /check/region with lib/weight.mjs (every <script src>, modulepreload and the static
 * module graph, each file gzip -9). Also weighs the first question page (with a region chosen,
 * where the island has data to run on) and takes the larger of the two as the figure.
 */
export async function measureIsland(base) {
  const jar = new Map();
  const problems = [];
  const start = await postForm(base, '/check/', 'action=start', jar);
  if (start.status !== 303) problems.push(`POST /check/ action=start answered ${start.status}`);
  const pages = [];
  const weigh = async (path) => {
    const w = await measurePage(base + path, { cookie: jar.size ? cookieHeader(jar) : undefined });
    const files = [];
    for (const f of w.js) {
      const body = (await get(f.url)).body.toString('utf8');
      files.push({ path: new URL(f.url).pathname, bytes: f.bytes, gz: f.gz, lit: LIT.test(body) });
    }
    pages.push({
      path,
      status: w.status,
      jsFiles: files.length,
      jsBytes: w.jsBytes,
      jsGz: w.jsGz,
      includesLit: files.some((f) => f.lit),
      files,
      lazy: w.lazy.map((f) => ({ path: new URL(f.url).pathname, gz: f.gz })),
      problems: w.problems,
    });
  };
  await weigh('/check/region');
  const region = await postForm(base, '/check/region', 'region=jilin-city', jar);
  if (region.status !== 303) problems.push(`POST /check/region answered ${region.status}`);
  const first = region.location ? new URL(region.location, base).pathname : '/check/hasCertificate';
  await weigh(first);
  const worst = pages.reduce((a, b) => (b.jsGz > a.jsGz ? b : a));
  for (const p of pages) {
    if (p.status !== 200) problems.push(`${p.path} answered ${p.status}`);
    if (!p.jsFiles) problems.push(`${p.path} loads no JS: is the island on the page?`);
    else if (!p.includesLit) problems.push(`${p.path}: no module carries Lit's version marker (litHtmlVersions)`);
    problems.push(...p.problems.map((x) => `${p.path}: ${x}`));
  }
  return {
    goal: GOALS.islandJsGz,
    value: worst.jsGz,
    ratio: worst.jsGz / GOALS.islandJsGz,
    ok: worst.status === 200 && worst.jsFiles > 0 && worst.jsGz <= GOALS.islandJsGz,
    page: worst.path,
    pages,
    problems,
  };
}
