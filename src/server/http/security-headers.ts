/**
 * The headers every response leaves with, static file or on-demand page alike: the security
 * headers, the page's own Content-Security-Policy (with `frame-ancestors`, which only a header
 * can carry), HSTS over HTTPS, a charset on text, and `no-store` on anything that sets a cookie.
 * `server.mjs` applies them just before the status line is written, when every other header
 * is known.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Security headers sent with every response (static files and on-demand pages alike). */
export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'X-Frame-Options': 'DENY',
};

/**
 * Cuts the page's window off from a window of another origin that opened it: that window can no
 * longer send the tab elsewhere (to a look-alike asking for the same details), count its frames or
 * see when it closes. Sent only by the pages that show or take a person's records, through
 * `holdsRecords`: an application and its confirmation, tracking, a report to the portal, and the
 * back office. Not by every page (issue 14 point 9): a page with the header opens in a new
 * browsing-context group, so one opened in a new tab (a search result, a link from a chat) starts a
 * second renderer process instead of the tab's own, about 50 ms of main thread here and 200 ms
 * at Lighthouse's 4x, enough to cost a page its Lighthouse 100 even as a bare twin (bench section
 * 10). The reading pages, search, the catalogue, settings and the self-check hold nothing a
 * window handle could reach: no frames, and their text and the visitor's choices are the
 * same-origin policy's to guard, with or without the header.
 */
export const OPENER_POLICY = ['Cross-Origin-Opener-Policy', 'same-origin'] as const;

/**
 * For a page that shows or takes a person's records: no cache keeps it, the back-forward cache
 * included, and no window of another origin that opened it keeps a handle on it (`OPENER_POLICY`).
 */
export function holdsRecords(headers: Headers): void {
  headers.set('Cache-Control', 'private, no-store');
  headers.set(...OPENER_POLICY);
}

/** HSTS for a year, subdomains included: sent over HTTPS only (over plain HTTP it means nothing and could be forged). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The policy for responses that carry no CSP of their own (CSS, video, XML): nothing may frame them. */
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'";

/** What `finalizeHeaders` reads and writes: a Node ServerResponse, or a stand-in in tests. */
export interface HeaderTarget {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string | string[]): unknown;
}

/**
 * The CSP of each prerendered page, from the build's dist/_headers.json, by exact path.
 * @astrojs/node 11.1.6 matches these with `pathname.includes(requestPath)`, which gives
 * `/services/x/` the policy of `/services/x/easy-read` (wrong style hashes: the page loses its
 * styles) and `/about/` none at all; so we match exactly and override what it set.
 */
export function loadStaticCsp(headersFile: string | URL): Map<string, string> {
  const map = new Map<string, string>();
  if (!existsSync(headersFile)) return map;
  const entries = JSON.parse(readFileSync(headersFile, 'utf8')) as { pathname: string; headers: { key: string; value: string }[] }[];
  for (const entry of entries) {
    const csp = entry.headers.find((h) => h.key.toLowerCase() === 'content-security-policy');
    if (csp) map.set(entry.pathname, csp.value);
  }
  return map;
}

/** `/en/services/?x=1` → `/en/services`; `/` stays `/`; `/x/index.html` → `/x`. */
export function pagePath(url: string | undefined): string {
  let path = (url ?? '/').split('?')[0]!.replace(/\/index\.html$/, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path || '/';
}

/** Makes sure the response's Content-Security-Policy forbids framing (Astro writes the page CSP, with its hashes, itself). */
export function appendFrameAncestors(res: HeaderTarget): void {
  const current = res.getHeader('content-security-policy');
  if (!current) {
    res.setHeader('Content-Security-Policy', FALLBACK_CSP);
    return;
  }
  const value = String(current);
  if (/frame-ancestors/.test(value)) return;
  res.setHeader('Content-Security-Policy', `${value.replace(/;?\s*$/, '')}; frame-ancestors 'none'`);
}

/** Types that are text and should say so: HTML, CSS, plain text, JSON (problem documents too), JavaScript, XML. */
const TEXTUAL = /^(text\/[\w.+-]+|application\/([\w.-]+\+)?(json|javascript|xml))\s*(;|$)/i;

/** What the response is: its status, whether it goes out over HTTPS, and the prerendered page's CSP if it is one. */
export interface FinalizeContext {
  status: number;
  isHttps: boolean;
  pageCsp?: string | undefined;
}

/** Sets the last headers on a response whose other headers are all set (see the module comment). */
export function finalizeHeaders(res: HeaderTarget, { status, isHttps, pageCsp }: FinalizeContext): void {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const type = String(res.getHeader('content-type') ?? '');
  // A 304 has no Content-Type, but the browser merges its headers into the copy it keeps
  // (RFC 9111 §4.3.4): a prerendered page's 304 carries the page's own policy, and a 304 is
  // never given the fallback `default-src 'none'`, which would turn the kept page's inline
  // styles off on the next visit.
  if (pageCsp && (type.startsWith('text/html') || status === 304)) res.setHeader('Content-Security-Policy', pageCsp);
  if (status !== 304 || res.getHeader('content-security-policy') !== undefined) appendFrameAncestors(res);
  if (isHttps) res.setHeader('Strict-Transport-Security', HSTS);
  if (type && TEXTUAL.test(type) && !/;\s*charset=/i.test(type)) res.setHeader('Content-Type', `${type.replace(/;\s*$/, '')}; charset=utf-8`);
  // A response that sets a cookie belongs to one visitor: no cache may keep it or replay its
  // Set-Cookie to another (RFC 9111 §3 lets shared caches store 3xx by default).
  if (res.getHeader('set-cookie') !== undefined && status !== 304) res.setHeader('Cache-Control', 'no-store');
}
