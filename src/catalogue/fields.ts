/**
 * Walks a content entry's data: its localized texts and its `unknown` sections, with their
 * paths. Imports types only, so plain Node can run it (npm run content:report).
 */
import type { Localized, UNKNOWN } from '../schemas/content';

const unknownMark: typeof UNKNOWN = 'unknown';

/** Every localized text ({ zh, en? }) in `value`, with its field path (e.g. `apply.steps.0`). */
export function* localizedFields(value: unknown, path: string[] = []): Generator<[string, Localized]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* localizedFields(v, [...path, String(i)]);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.zh === 'string') yield [path.join('.'), o as Localized];
    else for (const [k, v] of Object.entries(o)) yield* localizedFields(v, [...path, k]);
  }
}

/** The field path of every section marked `unknown` in `value`. */
export function* unknownFields(value: unknown, path: string[] = []): Generator<string> {
  if (value === unknownMark) yield path.join('.');
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* unknownFields(v, [...path, String(i)]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* unknownFields(v, [...path, k]);
}
