#!/usr/bin/env node
/**
 * `npm test`: everything. Type check (astro check), build, then vitest: unit, integration
 * over HTTP, accessibility (axe-core + pa11y on every sitemap page and state, both languages)
 * and keyboard journeys in Chromium. Browser tests are never skipped: Chromium is installed
 * (as root) or its absence stops the run with the command to fix it. Arguments after `--` go
 * to vitest, e.g. `npm test -- tests/unit`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { requireProjectNode } from './node-version.mjs';
import { ensureChineseFont, ensureChromium } from './browser.mjs';

requireProjectNode();
process.env.CHROME_PATH = ensureChromium();
ensureChineseFont();
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const run = (label, args) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(result.status ?? 1);
  }
};

run('Type check (astro check)', ['node_modules/astro/bin/astro.mjs', 'check']);
run('Build', ['node_modules/astro/bin/astro.mjs', 'build', '--silent']);
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
console.log('\n▶ Tests (vitest)');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed`);
} else {
  console.log('\n0 passed, 1 failed');
}
process.exit(vitest.status ?? 1);
