/**
 * The visitor's display settings as a stylesheet, linked from every page for a visitor who has
 * settings or a region (src/server/http/display-link.ts), and the line that shows
 * the region they chose (src/catalogue/kept-region.ts). Reading pages stay
 * static and cacheable by anyone; only this small response varies, per cookie. An ETag makes
 * repeat visits a 304 with no body. See README "Display settings".
 */
import type { APIRoute } from 'astro';
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import { DISPLAY_COOKIE, parsePreferences, preferencesCss } from '../display/preferences';
import { REGION_COOKIE, keptRegionCss, readKeptRegion } from '../catalogue/kept-region';

export const prerender = false;

let regionIds: Promise<Set<string>> | undefined;

export const GET: APIRoute = async ({ cookies, request }) => {
  const known = await (regionIds ??= getCollection('regions').then((all) => new Set(all.map((r) => r.id))));
  const css = preferencesCss(parsePreferences(cookies.get(DISPLAY_COOKIE)?.value)) + keptRegionCss(readKeptRegion(cookies.get(REGION_COOKIE)?.value, known));
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
