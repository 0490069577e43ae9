/**
 * The dependency rules of ARCHITECTURE.md, checked on the source: `src/domain` is pure (no
 * Astro, no Node built-ins, no server code, no network, no clock), and islands never import
 * server code.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.ts$/.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );

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
});
