/**
 * Fails the build when a page links to an internal address that does not exist: every
 * href/src starting with `/` in the prerendered HTML must be a built file, a built page, or
 * one of the on-demand routes named here. Runs after `astro build` (astro:build:done).
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORM_IDS } from '../domain/applications/forms';

/** Routes rendered on demand, so not files in dist/client (paths without language prefix). */
export const ON_DEMAND = [
  '/services/', '/settings/', '/search', '/search/', '/display.css', '/check/', '/api/eligibility', '/api/questions', '/api/services', '/api/openapi.json',
  // Applying online (each form's start page, the saved-application page) and following an application.
  ...FORM_IDS.map((id) => `/apply/${id}/`), '/apply/resume/', '/track/',
  // Reporting a problem with a page, and the accessibility statement that holds the same form.
  '/feedback/', '/accessibility/',
];

/** Every internal link target in an HTML document (fragment and query removed). */
export function internalLinks(html: string): string[] {
  const links = new Set<string>();
  for (const m of html.matchAll(/\s(?:href|src|poster)="(\/[^"#?]*)[^"]*"/g)) {
    if (!m[1]!.startsWith('//')) links.add(m[1]!);
  }
  return [...links];
}

/** Whether `path` is served: a file, a directory page, or an on-demand route. */
export function exists(clientDir: string, path: string): boolean {
  const bare = path.startsWith('/en/') ? path.slice(3) : path === '/en' ? '/' : path;
  if (ON_DEMAND.includes(bare) || ON_DEMAND.includes(`${bare}/`)) return true;
  const file = join(clientDir, decodeURIComponent(path));
  if (existsSync(file) && statSync(file).isFile()) return true;
  return existsSync(join(file, 'index.html'));
}

/** Every .html file under `dir`, as absolute paths. */
export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? htmlFiles(join(dir, d.name)) : d.name.endsWith('.html') ? [join(dir, d.name)] : [],
  );
}

export default function internalLinkCheck(): AstroIntegration {
  return {
    name: 'tongxing:internal-links',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        const broken: string[] = [];
        for (const file of htmlFiles(clientDir)) {
          for (const link of internalLinks(readFileSync(file, 'utf8'))) {
            if (!exists(clientDir, link)) broken.push(`${file.slice(clientDir.length - 1)} → ${link}`);
          }
        }
        if (broken.length) throw new Error(`Broken internal links:\n  ${broken.join('\n  ')}`);
        logger.info('every internal link resolves');
      },
    },
  };
}
