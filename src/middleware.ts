/**
 * Methods a resource does not take are refused with 405 and `Allow`, and cross-site form posts are refused (CSRF), as Astro's `security.checkOrigin` does, with one
 * difference that is why this is ours: the public JSON API under `/api/` is open to every
 * origin by design (no cookies, nothing stored), so it answers for itself — 415 for a body that
 * is not JSON, 405 for a method it does not take — where Astro's check would answer those with a
 * `403 text/plain` no cross-origin caller can read. Behind a trusted proxy the request URL
 * already carries the public `https://` origin (src/server/http/front-door.ts), so the
 * comparison is with what the browser sent.
 */
import { defineMiddleware } from 'astro:middleware';
import { refusal } from './server/http/refusals';
import { routeOf } from './server/http/routes';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The content types a cross-site HTML form can send without a CORS preflight. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Whether a request is a cross-site write to a form page (Astro 7.3's rule, checkOrigin). */
export function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (SAFE.has(request.method)) return false;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return false;
  const sameOrigin = request.headers.get('origin') === url.origin;
  const type = request.headers.get('content-type');
  if (type === null) return !sameOrigin;
  return FORM_TYPES.some((t) => type.toLowerCase().includes(t)) && !sameOrigin;
}

export const onRequest = defineMiddleware((context, next) => {
  // One table of methods (server/http/routes.ts): the production server answers 405 from it
  // before Astro runs; this gives `astro dev` and any other server the same answer, so no page
  // or endpoint writes a 405 of its own.
  const { allow } = routeOf(context.url.pathname);
  if (!context.isPrerendered && !allow.includes(context.request.method)) {
    const { status, headers, body } = refusal('methodNotAllowed', context.url.pathname, { allow });
    return new Response(body, { status, headers });
  }
  if (!context.isPrerendered && isCrossSiteWrite(context.request, context.url)) {
    return new Response(`Cross-site ${context.request.method} form submissions are forbidden`, {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return next();
});
