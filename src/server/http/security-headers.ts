import { existsSync, readFileSync } from 'node:fs';

/** Security headers sent with every response (static files and on-demand pages alike). */
export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The policy for responses that carry no CSP of their own (CSS, video, XML): nothing may frame them. */
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The CSP of each prerendered page, from the build's dist/_headers.json, by exact path.
 * @astrojs/node 11.1.6 matches these with `pathname.includes(requestPath)`, which gives
 * `/services/x/` the policy of `/services/x/easy-read` (wrong style hashes: the page loses its
 * styles) and `/about/` none at all; so we match exactly and override what it set.
 */
export function loadStaticCsp(headersFile) {
  const map = new Map();
  if (!existsSync(headersFile)) return map;
  for (const entry of JSON.parse(readFileSync(headersFile, 'utf8'))) {
    const csp = entry.headers.find((h) => h.key.toLowerCase() === 'content-security-policy');
    if (csp) map.set(entry.pathname, csp.value);
  }
  return map;
}

/** `/en/services/?x=1` → `/en/services`; `/` stays `/`; `/x/index.html` → `/x`. */
export function pagePath(url) {
  let path = (url ?? '/').split('?')[0].replace(/\/index\.html$/, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path || '/';
}

/**
 * Makes sure every response's Content-Security-Policy forbids framing. Astro writes the page
 * CSP (with its script and style hashes) itself; `frame-ancestors` is only honoured in a header.
 */
export function appendFrameAncestors(res, args) {
  const headers = typeof args[1] === 'object' && args[1] !== null && !Array.isArray(args[1]) ? args[1] : typeof args[2] === 'object' ? args[2] : undefined;
  const key = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
  const current = key ? headers[key] : res.getHeader('content-security-policy');
  if (!current) {
    res.setHeader('Content-Security-Policy', FALLBACK_CSP);
    return;
  }
  const value = String(current);
  if (/frame-ancestors/.test(value)) return;
  const next = `${value.replace(/;?\s*$/, '')}; frame-ancestors 'none'`;
  if (key) headers[key] = next;
  else res.setHeader('Content-Security-Policy', next);
}
