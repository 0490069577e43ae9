/** Reads content/ straight from disk for tests: YAML entries and Markdown front matter. */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const CONTENT = new URL('../content/', import.meta.url).pathname;

export interface Entry {
  collection: string;
  id: string;
  file: string;
  data: Record<string, unknown>;
  body?: string;
}

export function yamlEntries(collection: string): Entry[] {
  const dir = join(CONTENT, collection);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ collection, id: f.replace(/\.yaml$/, ''), file: join(dir, f), data: parse(readFileSync(join(dir, f), 'utf8')) }));
}

export function markdownEntries(collection: string): Entry[] {
  const entries: Entry[] = [];
  for (const lang of ['zh', 'en']) {
    const dir = join(CONTENT, collection, lang);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${collection}/${lang}/${f} has no front matter`);
      entries.push({ collection, id: `${lang}/${f.replace(/\.md$/, '')}`, file: join(dir, f), data: parse(match[1]!), body: match[2]! });
    }
  }
  return entries;
}

/** The source's text, when the project holds it. */
export function sourceText(sourceId: string): string | undefined {
  const source = yamlEntries('sources').find((s) => s.id === sourceId);
  const file = source?.data.textFile as string | undefined;
  return file ? readFileSync(join(CONTENT, 'sources', 'texts', file), 'utf8') : undefined;
}

/** Every object in a tree, with its path, so nested citations and texts can be found. */
export function* walk(value: unknown, path: string[] = []): Generator<[string[], Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* walk(v, [...path, String(i)]);
  } else if (value && typeof value === 'object') {
    yield [path, value as Record<string, unknown>];
    for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
  }
}
