/**
 * Lighthouse (its defaults: mobile form factor, simulated throttling) run programmatically,
 * one fresh headless Chromium per URL launched by chrome-launcher, its fonts warmed first
 * (`warmFonts`).
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

/**
 * A page of text in the system's faces (sans-serif, serif, system-ui, monospace; regular and
 * bold; Chinese and English): what a running browser has already drawn before a visitor opens
 * any page of ours.
 */
const FONT_WARMER = `data:text/html;charset=utf-8,${encodeURIComponent(
  '<!doctype html><html lang="zh-CN"><body>' +
    ['sans-serif', 'serif', 'system-ui', 'monospace'].map((f) => `<p style="font-family:${f}">中文 English <b>中文 English</b></p>`).join('') +
    '</body></html>',
)}`;

/**
 * Shows FONT_WARMER in the fresh Chromium on `port` and closes it. A fresh Chromium on Linux
 * copies each font file it first draws with into shared memory (FontDataService): about 170 ms
 * for the 19 MB Noto Sans CJK file on this machine, 700 ms at Lighthouse's 4x CPU. Unwarmed,
 * that lands in whichever page is measured, portal or bare twin alike, and in Total Blocking
 * Time whenever the page painted something before it: a cost of the lab's fresh browser, which a
 * visitor's running browser (or a phone, whose system fonts are always loaded) never pays. The
 * page is a data: URL, so it has a renderer process of its own, closed before Lighthouse starts.
 */
async function warmFonts(port) {
  const { default: puppeteer } = await import('puppeteer');
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  try {
    const page = await browser.newPage();
    await page.goto(FONT_WARMER, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.close();
  } finally {
    await browser.disconnect();
  }
}

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
    await warmFonts(chrome.port);
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
