/**
 * The visitor's display settings as a stylesheet, linked from every page. Reading pages stay
 * static and cacheable by anyone; only this small response varies, per cookie. An ETag makes
 * repeat visits a 304 with no body. See README "Display settings".
 */
import type { APIRoute } from 'astro';
import { createHash } from 'node:crypto';
import { DISPLAY_COOKIE, parsePreferences, preferencesCss } from '../display/preferences';

export const prerender = false;

export const GET: APIRoute = ({ cookies, request }) => {
  const css = preferencesCss(parsePreferences(cookies.get(DISPLAY_COOKIE)?.value));
  const etag = `"${createHash('sha1').update(css).digest('base64url').slice(0, 16)}"`;
  const headers = {
    'Content-Type': 'text/css; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    Vary: 'Cookie',
    ETag: etag,
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(css, { headers });
};
