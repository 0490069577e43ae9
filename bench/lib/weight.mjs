/**
 * Page weight: the HTML (with its inline CSS and inline scripts), every linked stylesheet
 * (with its @imports), and every script the page loads with its full static module graph,
 * each file counted once per page and gzipped on its own (gzip -9) as a server would send it.
 */
import { init, parse } from 'es-module-lexer';
import { get, gz } from './util.mjs';

await init;

/** Drops HTML comments, so commented-out tags are not counted. */
const stripComments = (html) => html.replace(/<!--[\s\S]*?-->/g, '');

const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Attributes of one tag's attribute text, lower-cased names. */
export function attributes(text) {
  const attrs = {};
  const re = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of text.matchAll(re)) attrs[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

/** The stylesheets, scripts, module preloads and inline module scripts of a page. */
export function pageResources(html) {
  const clean = stripComments(html);
  const stylesheets = [];
  const scripts = [];
  const preloads = [];
  const inlineModules = [];
  for (const m of clean.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attributes(m[1]);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!a.href) continue;
    if (rel.includes('stylesheet')) stylesheets.push(a.href);
    if (rel.includes('modulepreload')) preloads.push(a.href);
  }
  for (const m of clean.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = attributes(m[1]);
    const module = (a.type ?? '').toLowerCase() === 'module';
    if (a.src) scripts.push({ src: a.src, module });
    else if (module) inlineModules.push(m[2]);
  }
  return { stylesheets, scripts, preloads, inlineModules };
}

/** Static and dynamic import specifiers of an ES module's source. */
export function moduleImports(source) {
  const [imports] = parse(source);
  const staticImports = [];
  const dynamicImports = [];
  for (const imp of imports) {
    if (imp.d === -1 && imp.n) staticImports.push(imp.n);
    else if (imp.d >= 0 && imp.n) dynamicImports.push(imp.n);
  }
  return { staticImports, dynamicImports };
}

/** `@import` targets of a stylesheet. */
const cssImports = (css) =>
  [...css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?/gi)].map((m) => m[1]);

/** Resolves a specifier against a base URL; bare specifiers (not resolvable by a browser without an import map) give undefined. */
function resolve(spec, base) {
  if (/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(spec)) return new URL(spec, base).href;
  return undefined;
}

/**
 * Measures one page. `cookie` is sent with the page and its stylesheets (so /display.css
 * answers as it would for that visitor).
 */
export async function measurePage(url, { cookie } = {}) {
  const page = await get(url, { cookie });
  const result = {
    url,
    path: new URL(url).pathname,
    status: page.status,
    htmlBytes: page.body.length,
    htmlGz: gz(page.body),
    css: [],
    js: [],
    lazy: [],
    problems: [],
  };
  if (page.status !== 200) {
    result.problems.push(`page answered ${page.status}`);
    return finish(result);
  }
  const html = page.body.toString('utf8');
  const res = pageResources(html);

  // Stylesheets and their @imports, each once.
  const seenCss = new Set();
  const cssQueue = res.stylesheets.map((h) => new URL(h, url).href);
  while (cssQueue.length) {
    const href = cssQueue.shift();
    if (seenCss.has(href)) continue;
    seenCss.add(href);
    const r = await get(href, { cookie });
    if (r.status !== 200) result.problems.push(`${href} answered ${r.status}`);
    result.css.push({ url: href, status: r.status, bytes: r.body.length, gz: gz(r.body) });
    for (const imp of cssImports(r.body.toString('utf8'))) cssQueue.push(new URL(imp, href).href);
  }

  // Scripts: every src, every modulepreload, and the static graph of every module, each once.
  const seenJs = new Set();
  const jsQueue = [
    ...res.scripts.map((s) => ({ href: new URL(s.src, url).href, module: s.module })),
    ...res.preloads.map((h) => ({ href: new URL(h, url).href, module: true })),
  ];
  const lazy = new Set();
  const follow = (source, base) => {
    let imports;
    try {
      imports = moduleImports(source);
    } catch (err) {
      result.problems.push(`could not parse ${base}: ${err.message}`);
      return;
    }
    for (const spec of imports.staticImports) {
      const href = resolve(spec, base);
      if (href) jsQueue.push({ href, module: true });
      else result.problems.push(`bare import "${spec}" in ${base}`);
    }
    for (const spec of imports.dynamicImports) {
      const href = resolve(spec, base);
      if (href) lazy.add(href);
    }
  };
  for (const source of res.inlineModules) follow(source, url);
  while (jsQueue.length) {
    const { href, module } = jsQueue.shift();
    if (seenJs.has(href)) continue;
    seenJs.add(href);
    const r = await get(href);
    if (r.status !== 200) result.problems.push(`${href} answered ${r.status}`);
    result.js.push({ url: href, status: r.status, bytes: r.body.length, gz: gz(r.body) });
    if (module && r.status === 200) follow(r.body.toString('utf8'), href);
  }
  // Modules only reachable through import(): not counted, but weighed (with their own static
  // graphs) so the comparison can show what a page may fetch later.
  result.lazy = [];
  const lazyQueue = [...lazy].filter((h) => !seenJs.has(h));
  const seenLazy = new Set(seenJs);
  while (lazyQueue.length) {
    const href = lazyQueue.shift();
    if (seenLazy.has(href)) continue;
    seenLazy.add(href);
    const r = await get(href);
    result.lazy.push({ url: href, status: r.status, bytes: r.body.length, gz: gz(r.body) });
    if (r.status !== 200) continue;
    try {
      const imports = moduleImports(r.body.toString('utf8'));
      for (const spec of [...imports.staticImports, ...imports.dynamicImports]) {
        const next = resolve(spec, href);
        if (next) lazyQueue.push(next);
      }
    } catch {
      /* not a module we can read; its bytes are still counted */
    }
  }
  result.inlineModuleScripts = res.inlineModules.length;
  return finish(result);
}

function finish(r) {
  r.cssGz = r.css.reduce((s, f) => s + f.gz, 0);
  r.htmlCssGz = r.htmlGz + r.cssGz;
  r.jsGz = r.js.reduce((s, f) => s + f.gz, 0);
  r.jsBytes = r.js.reduce((s, f) => s + f.bytes, 0);
  r.totalGz = r.htmlCssGz + r.jsGz;
  r.lazyJsGz = r.lazy.reduce((s, f) => s + f.gz, 0);
  return r;
}

/** Page URLs from /sitemap-index.xml → its sitemaps, rewritten onto `base`. */
export async function sitemapUrls(base) {
  const locs = (xml) => [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => decode(m[1]));
  const onBase = (loc) => {
    const u = new URL(loc);
    return new URL(u.pathname + u.search, base).href;
  };
  const index = await get(new URL('/sitemap-index.xml', base).href);
  if (index.status !== 200) throw new Error(`/sitemap-index.xml answered ${index.status}`);
  const pages = [];
  for (const sm of locs(index.body.toString('utf8'))) {
    const r = await get(onBase(sm));
    if (r.status !== 200) throw new Error(`${sm} answered ${r.status}`);
    pages.push(...locs(r.body.toString('utf8')).map(onBase));
  }
  return [...new Set(pages)];
}
