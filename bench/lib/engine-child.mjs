/**
 * Child process for the engine figure (run by lib/eligibility.mjs, one process = one core):
 *   node --experimental-strip-types engine-child.mjs <module> <cases.json> <minMs> <warmupMs>
 * <module> is src/domain/eligibility/index.ts itself, or an esbuild bundle of it when plain Node
 * cannot resolve its extensionless imports. Times checkIn() calls (one call = every rule of a
 * region for one person, plus the choice of the next question) and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [moduleFile, casesFile, minMsArg, warmupMsArg] = process.argv.slice(2);
const minMs = Number(minMsArg);
const warmupMs = Number(warmupMsArg);
const reply = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

let engine;
try {
  engine = await import(pathToFileURL(moduleFile).href);
} catch (err) {
  reply({ ok: false, stage: 'import', code: err.code ?? null, error: String(err.message ?? err).split('\n')[0] });
  process.exit(0);
}
const { checkIn, RULES } = engine;
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const BATCH = 200;
let sink = 0;

/** Runs `list` round-robin in batches until `ms` have passed; returns calls and seconds. */
function timed(list, ms) {
  let calls = 0;
  let i = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < end) {
    for (let b = 0; b < BATCH; b++) {
      const c = list[i];
      i = i + 1 === list.length ? 0 : i + 1;
      const check = checkIn(c.region, c.answers, c.asOf, c.skipped);
      sink += check.results.length + (check.next ? 1 : 0);
    }
    calls += BATCH;
    now = process.hrtime.bigint();
  }
  return { calls, seconds: Number(now - start) / 1e9 };
}

// What each case gives (a sanity check that the rules really ran), then warm-up, then the run.
const outcomes = cases.map((c) => {
  const check = checkIn(c.region, c.answers, c.asOf, c.skipped);
  const count = (s) => check.results.filter((r) => r.status === s).length;
  return {
    name: c.name,
    region: c.region.id,
    rules: check.results.length,
    eligible: count('eligible'),
    unknown: count('unknown'),
    ineligible: count('ineligible'),
    next: check.next?.id ?? null,
  };
});
timed(cases, warmupMs);
const all = timed(cases, minMs);
// Each case alone, for a quarter of the time (after the mixed run, so the JIT is warm).
const perCase = cases.map((c, k) => {
  const r = timed([c], Math.max(200, minMs / 4));
  return { ...outcomes[k], perSecond: r.calls / r.seconds };
});
reply({
  ok: true,
  rulesInCatalogue: RULES.length,
  calls: all.calls,
  seconds: all.seconds,
  perSecond: all.calls / all.seconds,
  perCase,
  sink,
});
