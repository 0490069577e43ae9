/**
 * Lighthouse (its defaults: mobile form factor, simulated throttling) run programmatically,
 * one fresh headless Chromium per URL launched by chrome-launcher.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertLoopback, installedPackage, withTimeout } from './util.mjs';

export const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
};

export const chromePath = () => process.env.CHROME_PATH || '/usr/bin/chromium';
export const lighthouseVersion = () => installedPackage('lighthouse')?.version;

/** Why an audit failed, where Lighthouse says so per item (e.g. hreflang: "Relative href value"). */
function reasons(audit) {
  const out = new Set();
  for (const item of audit.details?.items ?? []) {
    for (const sub of item.subItems?.items ?? []) if (sub.reason) out.add(sub.reason);
    if (item.reason) out.add(item.reason);
  }
  return [...out].slice(0, 3);
}

/**
 * Runs Lighthouse on one URL; writes <name>.report.json and .html into outDir.
 * Resolves to scores (0-100), key metrics and the audits that lost points.
 */
export async function runLighthouse(url, { name, outDir, timeoutMs = 120000 }) {
  assertLoopback(url);
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: chromePath(), chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await withTimeout(
      lighthouse(url, { port: chrome.port, output: ['json', 'html'], logLevel: 'silent', onlyCategories: CATEGORIES }),
      timeoutMs,
      `Lighthouse on ${url}`,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr, report } = result;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${name}.report.json`), report[0]);
    writeFileSync(join(outDir, `${name}.report.html`), report[1]);
    const scores = {};
    const lost = {};
    for (const id of CATEGORIES) {
      const cat = lhr.categories[id];
      scores[id] = cat?.score === null || cat?.score === undefined ? null : Math.round(cat.score * 100);
      lost[id] = (cat?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
        .map((a) => ({ id: a.id, title: a.title, score: a.score, reasons: reasons(a) }));
    }
    const metrics = {};
    for (const [k, id] of Object.entries(METRICS)) metrics[k] = lhr.audits[id]?.numericValue ?? null;
    // Everything the page fetched (fonts, images, media too), as Lighthouse saw it on the wire;
    // data: URLs (e.g. the browser's own video-control icons) are not requests.
    const requests = (lhr.audits['network-requests']?.details?.items ?? []).filter((r) => !String(r.url).startsWith('data:'));
    metrics.requests = requests.length;
    metrics.transferBytes = requests.reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
    return {
      url,
      scores,
      metrics,
      lost,
      runtimeError: lhr.runtimeError?.message ?? null,
      runWarnings: lhr.runWarnings ?? [],
      userAgent: lhr.environment?.hostUserAgent ?? null,
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
      lighthouseVersion: lhr.lighthouseVersion,
      formFactor: lhr.configSettings?.formFactor,
    };
  } finally {
    await chrome.kill();
  }
}
