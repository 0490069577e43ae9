/**
 * The Starlight comparison page: a minimal Starlight project generated under
 * bench/out/starlight-site/ (astro.config.mjs with starlight({ title }), src/content.config.ts
 * with docsLoader/docsSchema, one docs page with the service text), built with the project's
 * own Astro. The only option besides `title` is the locale, so the page is `lang="zh-CN"`
 * like the other two.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HEADINGS } from './service-text.mjs';
import { installedPackage } from './util.mjs';

const pkg = (name) => {
  const p = installedPackage(name);
  if (!p) throw new Error(`${name} is not installed`);
  return p;
};

/** Does a version satisfy a simple npm range (^, ~, >=, >, <=, <, =, x, ||, space = and)? */
export function satisfies(version, range) {
  const parse = (v) => v.replace(/^[=v]+/, '').split('-')[0].split('.').map((x) => (x === 'x' || x === '*' || x === undefined ? NaN : Number(x)));
  const cmp = (a, b) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const v = parse(version);
  const one = (c) => {
    c = c.trim();
    if (!c || c === '*' || c === 'x') return true;
    const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(c);
    const op = m[1] ?? '=';
    const r = parse(m[2]);
    const lo = r.map((x) => (Number.isNaN(x) ? 0 : x));
    if (op === '^') {
      const i = lo[0] > 0 ? 0 : lo[1] > 0 ? 1 : 2;
      const hi = lo.map((x, j) => (j < i ? x : j === i ? x + 1 : 0));
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    }
    if (op === '~') return cmp(v, lo) >= 0 && cmp(v, [lo[0], lo[1] + 1, 0]) < 0;
    if (op === '>=') return cmp(v, lo) >= 0;
    if (op === '>') return cmp(v, lo) > 0;
    if (op === '<=') return cmp(v, lo) <= 0;
    if (op === '<') return cmp(v, lo) < 0;
    // = with wildcards: compare the given parts only
    return r.every((x, i) => Number.isNaN(x) || x === v[i]);
  };
  return range.split('||').some((alt) => alt.trim().split(/\s+/).every(one));
}

/**
 * Whether the installed @astrojs/starlight declares support for the installed astro.
 * Returns { ok, reason, starlight, astro, peer }.
 */
export function starlightSupport() {
  let astro;
  try {
    astro = pkg('astro').version;
  } catch {
    return { ok: false, reason: 'astro is not installed' };
  }
  let sl;
  try {
    sl = pkg('@astrojs/starlight');
  } catch {
    return { ok: false, astro, reason: '@astrojs/starlight is not installed (npm i -D @astrojs/starlight)' };
  }
  const peer = sl.peerDependencies?.astro;
  if (!peer) return { ok: false, astro, starlight: sl.version, reason: '@astrojs/starlight names no astro peer range' };
  if (!satisfies(astro, peer)) {
    return {
      ok: false, astro, starlight: sl.version, peer,
      reason: `@astrojs/starlight ${sl.version} supports astro ${peer}, not the installed astro ${astro}; no published Starlight supported astro ${astro.split('.')[0]} when checked`,
    };
  }
  return { ok: true, astro, starlight: sl.version, peer };
}

/** Path of the docs page inside the built site. */
export const STARLIGHT_PAGE = '/services/living-subsidy/';

/** Writes the project into `siteDir` (emptied first). */
export function writeStarlightSite(siteDir, text) {
  rmSync(siteDir, { recursive: true, force: true });
  const docs = join(siteDir, 'src', 'content', 'docs', 'services');
  mkdirSync(docs, { recursive: true });
  // Astro finds the integration packages to bundle (rather than leave to Node, which cannot
  // load their `astro:` imports) by crawling this package.json's dependencies.
  const manifest = {
    name: 'bench-starlight-site',
    private: true,
    type: 'module',
    dependencies: { astro: pkg('astro').version, '@astrojs/starlight': pkg('@astrojs/starlight').version },
  };
  writeFileSync(join(siteDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(siteDir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: '同行',
      // The page is Chinese like the other two; Starlight's own strings follow the locale.
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
    }),
  ],
});
`,
  );
  writeFileSync(
    join(siteDir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
`,
  );
  const yamlString = (s) => JSON.stringify(s); // JSON strings are valid YAML scalars
  const md = `---
title: ${yamlString(text.title)}
description: ${yamlString(text.summary)}
---

${text.summary}

## ${HEADINGS.eligibility}

${text.eligibility.map((x) => `- ${x}`).join('\n')}

## ${HEADINGS.benefits}

${text.benefits}

## ${HEADINGS.steps}

${text.steps.map((x, i) => `${i + 1}. ${x}`).join('\n')}

## ${HEADINGS.decision}

${text.decision}

## ${HEADINGS.appeal}

${text.appeal}
`;
  writeFileSync(join(docs, 'living-subsidy.md'), md);
  // The favicon Starlight links by default (its starter template ships one in public/).
  mkdirSync(join(siteDir, 'public'), { recursive: true });
  writeFileSync(
    join(siteDir, 'public', 'favicon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#3d56a8"/></svg>\n',
  );
  // A home page, as every Starlight site has (its sidebar links here).
  writeFileSync(
    join(siteDir, 'src', 'content', 'docs', 'index.md'),
    `---\ntitle: 同行\ndescription: 残疾人服务信息\n---\n\n[${text.title}](${STARLIGHT_PAGE})\n`,
  );
}

/** Builds the site with the project's Astro; resolves to the dist directory. */
export function buildStarlightSite(projectRoot, siteDir, timeoutMs) {
  const astroBin = join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--root', relative(projectRoot, siteDir)], {
      cwd: projectRoot,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    const keep = (c) => {
      for (const line of c.toString().split('\n')) if (line.trim()) tail.push(line) && tail.length > 30 && tail.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const dist = join(siteDir, 'dist');
      if (code === 0 && existsSync(dist)) resolve(dist);
      else reject(new Error(`astro build (Starlight) ${signal ? `was stopped (${signal}, over ${timeoutMs / 1000} s)` : `exited ${code}`}:\n${tail.join('\n')}`));
    });
  });
}
