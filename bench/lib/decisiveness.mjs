/**
 * Issue 10's figures: how decisive the self-check is, and whether its results fit a phone,
 * measured in the same run for the rules as they are and as they were at the issue's base
 * (BASELINE_COMMIT, taken out of git into the work folder):
 *  1. the services some answer set can make "likely eligible" (over a fixed sample of answer
 *     sets in every region, plus every typical person's);
 *  2. "need more information" counts for typical persons in each region, after answering every
 *     question the self-check asks them (simulated with the engine: the journey's own routing);
 *  3. for every service that still always ends in "ask the office", the fact no source gives
 *     (the conditions only the office can decide, as the rules word them);
 *  4. the results page's height in Chromium at 390×844, default text, for each typical person
 *     (the no-JS journey posted over HTTP, then the page opened with that cookie), in screens.
 * See bench/README.md, section 7.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { regionData, todayInChina, updateJar, cookieHeader } from './eligibility.mjs';
import { assertLoopback } from './util.mjs';

/** The commit issue 10 was filed against: the "before" figures are this commit's rules and content. */
export const BASELINE_COMMIT = '188918c';
/** Issue 10's goal: a fully answered typical person's results in at most 3 screens at 390×844. */
export const GOALS = { screens: 3 };
const VIEWPORT = { width: 390, height: 844 };

/** Typical persons: every answer they would give (a question they are not asked is never used). */
export function typicalPersons(asOf) {
  // A birth date `years` full years (周岁) before asOf: the day before that anniversary, since a
  // year of age is reached the day after the birthday (src/domain/identity ageOn).
  const yearsAgo = (years) => {
    const d = new Date(`${Number(asOf.slice(0, 4)) - years}${asOf.slice(4).replace(/-02-29$/, '-02-28')}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };
  // A typical person knows what is paid to them: here, none of the subsidies yet.
  const adult = { isAutistic: false, schoolStage: 'none', hasMotorizedWheelchair: false, hasSuddenHardship: false, alreadyReceives: [] };
  return [
    { name: 'adult, level 2 physical, household none', answers: { ...adult, hasCertificate: true, birthDate: yearsAgo(45), household: 'none', level: 2, category: 'physical', needsLongTermCare: true } },
    { name: 'adult, level 1 visual, dibao', answers: { ...adult, hasCertificate: true, birthDate: yearsAgo(38), household: 'dibao', level: 1, category: 'visual', needsLongTermCare: false } },
    { name: 'older adult, level 3 intellectual, low-income', answers: { ...adult, hasCertificate: true, birthDate: yearsAgo(67), household: 'low-income', level: 3, category: 'intellectual', needsLongTermCare: true } },
    { name: '4-year-old, hearing, no certificate, dibao', answers: { hasCertificate: false, birthDate: yearsAgo(4), household: 'dibao', category: 'hearing', needsLongTermCare: false, isAutistic: false, schoolStage: 'none', hasSuddenHardship: false } },
    { name: '17-year-old student, level 2 physical, none', answers: { ...adult, hasCertificate: true, birthDate: yearsAgo(17), household: 'none', level: 2, category: 'physical', needsLongTermCare: false, schoolStage: 'senior-secondary' } },
  ];
}

/** The engine at `root` (an esbuild bundle: plain Node cannot resolve its extensionless imports). */
async function loadEngine(root, outFile, modules = join(root, 'node_modules')) {
  const { build } = await import('esbuild');
  await build({ entryPoints: [join(root, 'src', 'domain', 'eligibility', 'index.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node22', outfile: outFile, nodePaths: [modules], logLevel: 'silent' });
  return import(`${pathToFileURL(outFile).href}?t=${Date.now()}`);
}

/** The baseline's regions as its own engine took them: `eligibility:` rules per region, no tree. */
function baselineRegions(root) {
  const yamls = (dir) =>
    readdirSync(join(root, 'content', dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(join(root, 'content', dir, f), 'utf8')) }));
  const services = yamls('services');
  return yamls('regions').map((r) => ({ id: r.id, rules: r.data.eligibility, services: services.filter((s) => (s.data.regions ?? []).includes(r.id)).map((s) => s.id).sort() }));
}

/** Values per answer that the rules tell apart; a fixed sample of sets draws from them. */
function answerValues(asOf) {
  const yearsAgo = (years) => `${Number(asOf.slice(0, 4)) - years}${asOf.slice(4)}`.replace(/-02-29$/, '-02-28');
  return {
    hasCertificate: [true, false],
    category: ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple'],
    level: [1, 2, 3, 4],
    birthDate: [yearsAgo(3), yearsAgo(10), yearsAgo(17), yearsAgo(40), yearsAgo(70)],
    household: ['dibao', 'low-income', 'tekun', 'registered-poor', 'none'],
    needsLongTermCare: [true, false],
    isAutistic: [true, false],
    schoolStage: ['none', 'compulsory', 'senior-secondary', 'higher'],
    hasMotorizedWheelchair: [true, false],
    hasSuddenHardship: [true, false],
    alreadyReceives: [[], ['living-subsidy'], ['nursing-subsidy'], ['work-injury-nursing-allowance']],
  };
}

function sample(values, count, seed = 20261201) {
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const answers = {};
    for (const [key, options] of Object.entries(values)) {
      const i = Math.floor(random() * (options.length + 1));
      if (i < options.length) answers[key] = options[i];
    }
    return answers;
  });
}

/** A person's journey through the engine: ask what it asks, answer from `person`, "don't know" otherwise. */
function journey(engine, region, person, asOf) {
  const answers = {};
  const skipped = [];
  for (let i = 0; i < 40; i++) {
    const check = engine.checkIn(region, answers, asOf, skipped);
    if (!check.next) return { check, asked: i, answers, skipped };
    const id = check.next.id;
    if (id !== 'certificateNumber' && person[id] !== undefined) answers[id] = person[id];
    else skipped.push(id);
  }
  throw new Error(`journey for ${JSON.stringify(person)} did not end`);
}

/** Figures 1-3 for one engine and its regions. */
function figures(engine, regions, asOf, persons, sets) {
  const services = new Set(regions.flatMap((r) => r.services));
  const canBeEligible = new Set();
  const alwaysOffice = new Map([...services].map((s) => [s, true]));
  const officeReasons = new Map();
  for (const region of regions) {
    for (const answers of [...sets, ...persons.map((p) => p.answers)]) {
      for (const r of engine.checkIn(region, answers, asOf, []).results) {
        if (r.status === 'eligible') canBeEligible.add(r.service);
        if (!(r.status === 'unknown' && r.missing.length === 0)) alwaysOffice.set(r.service, false);
      }
    }
  }
  const typical = regions.map((region) => ({
    region: region.id,
    offered: region.services.length,
    persons: persons.map((p) => {
      const { check, asked } = journey(engine, region, p.answers, asOf);
      const count = (s) => check.results.filter((r) => r.status === s).length;
      for (const r of check.results) {
        if (r.status !== 'unknown' || !alwaysOffice.get(r.service)) continue;
        const facts = officeReasons.get(r.service) ?? new Map();
        for (const reason of r.reasons) if (reason.status === 'unknown' && reason.missing.length === 0) facts.set(`${region.id}: ${reason.text.en}`, reason.source);
        officeReasons.set(r.service, facts);
      }
      return { name: p.name, asked, eligible: count('eligible'), unknown: count('unknown'), ineligible: count('ineligible') };
    }),
  }));
  return {
    services: services.size,
    canBeEligible: [...canBeEligible].sort(),
    typical,
    alwaysOffice: [...alwaysOffice].filter(([, always]) => always).map(([service]) => ({ service, facts: [...(officeReasons.get(service) ?? new Map())].map(([text, source]) => ({ text, source })) })),
  };
}

/**
 * Figures 1-3, now and at the baseline. `workDir` gets the baseline's sources (git archive) and
 * both engine bundles.
 */
export async function measureDecisiveness(root, workDir) {
  mkdirSync(workDir, { recursive: true });
  const asOf = todayInChina();
  const persons = typicalPersons(asOf);
  const sets = sample(answerValues(asOf), 4000);
  const now = figures(await loadEngine(root, join(workDir, 'engine-now.mjs')), regionData(root), asOf, persons, sets);

  const baseRoot = join(workDir, 'baseline');
  rmSync(baseRoot, { recursive: true, force: true });
  mkdirSync(baseRoot, { recursive: true });
  let before;
  try {
    const archive = execFileSync('git', ['archive', BASELINE_COMMIT, 'src/domain', 'content/regions', 'content/services'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', baseRoot], { input: archive });
    before = figures(await loadEngine(baseRoot, join(workDir, 'engine-baseline.mjs'), join(root, 'node_modules')), baselineRegions(baseRoot), asOf, persons, sets);
  } catch (err) {
    before = { error: `baseline ${BASELINE_COMMIT} not measured: ${String(err.message ?? err).split('\n')[0]}` };
  }
  return { asOf, sampleSize: sets.length, persons: persons.map((p) => p.name), now, before, baseline: BASELINE_COMMIT };
}

/**
 * The portal as it was at the baseline, to measure its results page in the same run: the whole
 * tree at BASELINE_COMMIT (git archive) in `dir`, this checkout's node_modules linked in. The
 * caller starts it (lib/portal.mjs builds it first).
 */
export function baselineTree(root, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', BASELINE_COMMIT], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive, maxBuffer: 64 * 1024 * 1024 });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The form body each self-check step takes, from a person's answers ("don't know" where they have none). */
function bodyFor(step, region, person) {
  const v = person[step];
  if (step === 'region') return `region=${region}`;
  if (step === 'certificateNumber') return 'action=skip';
  if (step === 'birthDate' && v) {
    const [y, m, d] = v.split('-');
    return `year=${y}&month=${Number(m)}&day=${Number(d)}`;
  }
  if (v === undefined) return 'answer=dontKnow';
  // Checkboxes: each ticked value once; none ticked is "none of these".
  if (Array.isArray(v)) return v.length ? v.map((x) => `answer=${x}`).join('&') : 'answer=none';
  return `answer=${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`;
}

/** Posts the no-JS journey for a person; returns the cookie jar at the summary. */
export async function postJourney(base, region, person) {
  const jar = new Map();
  const send = async (method, path, body) => {
    const url = base + path;
    assertLoopback(url);
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { ...(body !== undefined && { origin: base, 'content-type': 'application/x-www-form-urlencoded' }), ...(jar.size && { cookie: cookieHeader(jar) }) },
      body,
      signal: AbortSignal.timeout(15000),
    });
    await res.arrayBuffer();
    updateJar(jar, res.headers.getSetCookie());
    return res;
  };
  let res = await send('POST', '/check/', 'action=start');
  for (let i = 0; i < 40; i++) {
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect at step ${i} (status ${res.status})`);
    const step = new URL(location, base).pathname.replace(/^\/check\//, '').replace(/\/$/, '');
    if (step === 'summary') return jar;
    res = await send('POST', `/check/${step}`, bodyFor(step, region, person));
  }
  throw new Error('the journey did not reach the summary');
}

/** Figure 4: the results page's height for each typical person in each region and language, at 390×844. */
export async function measureResultsHeight(base, chromium, executablePath, regions) {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const asOf = todayInChina();
    const out = [];
    for (const region of regions) {
      for (const p of typicalPersons(asOf)) {
        const jar = await postJourney(base, region, p.answers);
        for (const [lang, path] of [['zh-CN', '/check/results'], ['en', '/en/check/results']]) {
          const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
          const u = new URL(base);
          await context.addCookies([...jar].map(([name, value]) => ({ name, value, domain: u.hostname, path: '/' })));
          const page = await context.newPage();
          const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          out.push({ region, person: p.name, lang, status: res?.status() ?? 0, height, screens: height / VIEWPORT.height });
          await context.close();
        }
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}
