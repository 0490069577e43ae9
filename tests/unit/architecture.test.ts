/**
 * The dependency rules of ARCHITECTURE.md, checked on the source: `src/domain` is pure (no
 * Astro, no Node built-ins, no server code, no network, no clock); islands never import server
 * code, nor anything that brings zod into the page; no feature of `src/server` imports another
 * (shared pieces live in `server/http`); components and layouts receive what they show, and
 * never read content collections themselves.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { existsSync } from 'node:fs';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string, ext = /\.ts$/): string[] =>
  readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name), ext) : ext.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );

/** The specifiers a file imports (static imports and re-exports). */
const importsOf = (file: string): string[] =>
  [...readFileSync(join(SRC, file), 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g)].map((m) => (m[1] ?? m[2])!);

describe('architecture', () => {
  it.each(files('domain'))('src/%s is pure', (file) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    expect(text).not.toMatch(/from ['"](astro|astro:[\w-]+|node:[\w/]+|lit)['"]/);
    expect(text).not.toMatch(/from ['"][./]*\/(server|pages|components|islands)\//);
    expect(text).not.toMatch(/\bfetch\(|new Date\(\)|Date\.now\(\)/);
  });

  it.each(files('islands'))('src/%s does not import server code', (file) => {
    expect(readFileSync(join(SRC, file), 'utf8')).not.toMatch(/from ['"][./]*\/server\//);
  });

  it('no island bundle carries zod: the answer types read forms without it, their schemas are separate exports', () => {
    // Checked on the build (npm test builds first): the islands import the answer types, whose
    // modules also hold their zod schemas; the bundler must leave those out of the page.
    const dir = new URL('../../dist/client/_astro/', import.meta.url).pathname;
    expect(existsSync(dir), 'dist/client/_astro: build first (npm test does)').toBe(true);
    const bundles = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(bundles.length).toBeGreaterThan(0);
    for (const f of bundles) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/ZodError|\$ZodType|\b_zod\b/);
  });

  const FEATURES = readdirSync(join(SRC, 'server'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'http' && d.name !== 'db').map((d) => d.name);
  it.each(FEATURES.flatMap((feature) => files(join('server', feature)).map((file) => [file, feature])))('src/%s imports no other server feature', (file, feature) => {
    for (const spec of importsOf(file)) {
      const target = spec.startsWith('.') ? normalize(join(dirname(file), spec)) : '';
      const other = /^server\/([^/]+)/.exec(target)?.[1];
      if (other) expect([feature, 'http', 'db'], `${file} imports ${spec}`).toContain(other);
    }
  });

  it.each([...files('components', /\.(astro|ts)$/), ...files('layouts', /\.astro$/)])('src/%s receives what it shows (reads no collection)', (file) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    expect(text).not.toMatch(/\b(getCollection|getEntry|getEntries)\s*\(/);
    // Types from the loaders are fine; calling a loader is the page's job.
    expect(text).not.toMatch(/import (?!type )[^;]*from ['"][./]*\/catalogue\/(entries|regions|sources)['"]/);
  });
});
