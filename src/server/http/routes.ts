/**
 * Which methods each resource takes, and a short route name for metrics, from the path alone.
 * The production server answers 405 with `Allow` from here before anything else runs, so
 * static files (which @astrojs/node 11.1.6 serves to any method, PROPFIND and PURGE included)
 * and methods the adapter cannot even represent (TRACE, TRACK, CONNECT: undici refuses them,
 * and the adapter's static handler throws outside any try/catch) get a proper answer. The
 * on-demand routes keep their own 405s for `astro dev`; tests/integration/http.test.ts checks
 * that every method allowed here is served and every other is refused.
 */
import { posix } from 'node:path';

/** A resource's methods and its name in metrics. */
export interface Route {
  name: string;
  allow: readonly string[];
}

const READ = ['GET', 'HEAD'] as const;
const FORM = ['GET', 'HEAD', 'POST'] as const;

/** Routes other than reading pages and files, by their path without the `/en` prefix or a trailing slash. */
const ROUTES: [RegExp, Route][] = [
  [/^\/api\/eligibility$/, { name: 'api-eligibility', allow: ['POST', 'OPTIONS'] }],
  [/^\/api\/applications$/, { name: 'api-applications', allow: ['POST', 'OPTIONS'] }],
  [/^\/api\/applications\/[^/]+$/, { name: 'api-application', allow: ['GET', 'HEAD', 'OPTIONS'] }],
  [/^\/api\/(questions|services)$/, { name: 'api-read', allow: READ }],
  [/^\/api\/openapi\.json$/, { name: 'api-openapi', allow: READ }],
  [/^\/settings$/, { name: 'settings', allow: FORM }],
  [/^\/apply\/[^/]+(\/[^/]+)?$/, { name: 'apply', allow: FORM }],
  [/^\/track$/, { name: 'track', allow: FORM }],
  [/^\/feedback$/, { name: 'feedback', allow: FORM }],
  [/^\/staff(\/.*)?$/, { name: 'staff', allow: FORM }],
  [/^\/check(\/[^/]+)?$/, { name: 'check', allow: FORM }],
  [/^\/(healthz|readyz)$/, { name: 'health', allow: READ }],
  [/^\/(display\.css|search|services)$/, { name: 'on-demand', allow: READ }],
];

/** The path as the adapter will resolve it: decoded, `.` and `..` resolved, no trailing slash or `/index.html`. */
export function canonicalPath(path: string): string {
  let decoded = path.split(/[?#]/)[0] ?? '/';
  try {
    decoded = decodeURI(decoded);
  } catch {
    /* the caller has refused it already; keep it as written */
  }
  let p = posix.normalize(decoded).replace(/\/index\.html$/, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p || '/';
}

/** The route of a path: its name and the methods it takes (reading pages and files: GET and HEAD). */
export function routeOf(path: string): Route {
  const p = canonicalPath(path);
  const unprefixed = p === '/en' ? '/' : p.startsWith('/en/') ? p.slice(3) : p;
  for (const [pattern, route] of ROUTES) if (pattern.test(unprefixed)) return route;
  if (p.startsWith('/_astro/') || /\.[a-z0-9]+$/i.test(p)) return { name: 'file', allow: READ };
  return { name: 'page', allow: READ };
}
