/**
 * What a request is for, read defensively before any framework sees it: the path (from the
 * origin-form, absolute-form or asterisk-form target), the host (a plain host name or address
 * and port, nothing else), and — only when the operator says a proxy is trusted
 * (`TRUST_PROXY=1`) — the public protocol and host from `X-Forwarded-Proto` / `X-Forwarded-Host`.
 * Anything else is a 400 here, not an exception in the adapter: @astrojs/node 11.1.6 throws
 * outside any try/catch on a Host with userinfo (`new Request` refuses credentials in a URL).
 */

/** A host as RFC 9110 §7.2 allows it, without userinfo: a name or IPv4, or a bracketed IPv6, and an optional port 0-65535. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** The host when it is a valid Host header value (at most 255 characters), else undefined. */
export function validHost(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0 || value.length > 255) return undefined;
  const m = HOST.exec(value);
  if (!m) return undefined;
  if (m[1] !== undefined && Number(m[1]) > 65535) return undefined;
  return value;
}

/** The first value of a header that proxies append to (`a, b` → `a`). */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();

/** The request as the portal reads it. */
export type Target =
  | { ok: true; kind: 'path'; path: string; host: string | undefined; isHttps: boolean }
  | { ok: true; kind: 'asterisk' }
  | { ok: false; reason: string };

/** What `readTarget` needs of a request. */
export interface RawRequestHead {
  url?: string | undefined;
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  encrypted?: boolean;
}

/**
 * Reads the target and host. The absolute form (`GET http://host/path`, which RFC 9112 §3.2.2
 * says a server must accept) is reduced to its path: this server answers for itself only, and
 * the Host header stays the authority, as for every other request.
 */
export function readTarget(req: RawRequestHead, trustProxy: boolean): Target {
  const url = req.url ?? '';
  if (url === '*') return req.method === 'OPTIONS' ? { ok: true, kind: 'asterisk' } : { ok: false, reason: 'asterisk target' };
  let path = url;
  if (!url.startsWith('/')) {
    const absolute = /^https?:\/\/[^/?#]*(.*)$/i.exec(url);
    if (!absolute) return { ok: false, reason: 'target not a path' };
    path = absolute[1] || '/';
    if (!path.startsWith('/')) path = `/${path}`;
  }
  if (path.startsWith('//')) return { ok: false, reason: 'target starts with //' };
  try {
    decodeURI(path);
  } catch {
    return { ok: false, reason: 'bad percent-encoding' };
  }
  const rawHost = req.headers.host;
  if (Array.isArray(rawHost)) return { ok: false, reason: 'several Host headers' };
  let host = rawHost === undefined ? undefined : validHost(rawHost);
  if (rawHost !== undefined && host === undefined) return { ok: false, reason: 'bad Host' };
  let isHttps = !!req.encrypted;
  if (trustProxy) {
    const proto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'https') isHttps = true;
    else if (proto === 'http') isHttps = false;
    else if (proto) return { ok: false, reason: 'bad X-Forwarded-Proto' };
    const forwardedHost = first(req.headers['x-forwarded-host']);
    if (forwardedHost) {
      host = validHost(forwardedHost);
      if (!host) return { ok: false, reason: 'bad X-Forwarded-Host' };
    }
  }
  return { ok: true, kind: 'path', path, host, isHttps };
}

/** Whether the operator has said a proxy in front sets X-Forwarded-Proto and X-Forwarded-Host (and strips clients' own). */
export const trustsProxy = (env: Record<string, string | undefined>) => env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
