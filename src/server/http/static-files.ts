/**
 * Prerendered pages and the build's hashed assets (`/_astro/`), served by the front door from
 * memory, each compressed once (Brotli, gzip) on first use. The few other files under
 * `dist/client` (the sign-language sample video with its byte ranges, its poster and captions,
 * the favicon, the sitemaps) are served from disk by `send` (`createPublicFiles`). The adapter,
 * in middleware mode, sees only what is rendered on demand: it no longer stats the disk and
 * matches the route an extra time for every such request, as its standalone static handler did.
 *
 * A prerendered page links no per-visitor stylesheet: most visitors never chose a display setting
 * or a region, and for them `/display.css` would be one more round trip before the first paint.
 * A visitor whose request carries `tx-display` or `tx-region` gets the same page with
 * `<link rel="stylesheet" href="/display.css">` added to its head (README "Display settings");
 * on-demand pages add it themselves (src/layouts/Page.astro). Both forms say `Vary: Cookie`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import send from 'send';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DISPLAY_STYLESHEET, wantsDisplayStylesheet } from './display-link.ts';
import { canonicalPath } from './routes.ts';

export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The content coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): Brotli, then gzip,
 * by the client's q-values; identity when neither is acceptable (or nothing is said).
 */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzip = Math.max(weight('gzip'), q.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

interface Representation {
  body: Buffer;
  etag: string;
}

/** One file served from here: how to make each (variant, coding) of it, once, when first asked. */
interface Entry {
  type: string;
  cacheControl: (personal: boolean) => string;
  vary: string;
  get: (personal: boolean, coding: Coding) => Representation;
}

/**
 * A file whose representations are made from its bytes as built: `variant` makes the page a
 * visitor with settings gets (pages only), then each coding is compressed once and kept.
 */
function entry(file: string, type: string, cacheControl: Entry['cacheControl'], vary: string, variant: (raw: Buffer, personal: boolean) => Buffer = (raw) => raw): Entry {
  const made = new Map<string, Representation>();
  return {
    type,
    cacheControl,
    vary,
    get(personal, coding) {
      const key = `${personal ? 'p' : 'c'}-${coding}`;
      let rep = made.get(key);
      if (!rep) {
        const plain = variant(readFileSync(file), personal);
        const tag = createHash('sha256').update(plain).digest('base64url').slice(0, 22);
        const body =
          coding === 'br'
            ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
            : coding === 'gzip'
              ? gzipSync(plain, { level: 9 })
              : plain;
        rep = { body, etag: `"${tag}${coding === 'identity' ? '' : `-${coding}`}"` };
        made.set(key, rep);
      }
      return rep;
    },
  };
}

/** Adds the display stylesheet to a page's head for a visitor who has settings or a region. */
export function personalise(html: Buffer): Buffer {
  const text = html.toString('utf8');
  const at = text.indexOf('</head>');
  if (at < 0) return html;
  return Buffer.from(`${text.slice(0, at)}${DISPLAY_STYLESHEET}${text.slice(at)}`);
}

const ASSET_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** Whether If-None-Match names this representation (a weak comparison, RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * The static files of a build: `clientDir` is `dist/client`, `pagePaths` the prerendered pages'
 * paths as `_headers.json` names them (`/`, `/en/services/living-subsidy`).
 */
export function createStaticFiles(clientDir: string, pagePaths: Iterable<string>) {
  const entries = new Map<string, Entry>();
  for (const path of pagePaths) {
    const file = join(clientDir, path === '/' ? '' : path, 'index.html');
    if (!existsSync(file)) continue;
    entries.set(
      path,
      entry(file, 'text/html; charset=utf-8', (personal) => (personal ? 'private, no-cache' : 'public, no-cache'), 'Accept-Encoding, Cookie', (raw, personal) => (personal ? personalise(raw) : raw)),
    );
  }
  const assets = join(clientDir, '_astro');
  if (existsSync(assets)) {
    for (const name of readdirSync(assets)) {
      const type = ASSET_TYPES[name.slice(name.lastIndexOf('.'))];
      // Hashed names: a new build is a new address, so a copy never needs checking again.
      if (type) entries.set(`/_astro/${name}`, entry(join(assets, name), type, () => 'public, max-age=31536000, immutable', 'Accept-Encoding'));
    }
  }

  return {
    /** How many files are served from here. */
    get size() {
      return entries.size;
    },
    /**
     * Answers a GET or HEAD for a file served from here and returns true; returns false (having
     * written nothing) for anything else, which the adapter then answers.
     */
    serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const file = entries.get(canonicalPath(path));
      if (!file) return false;
      const personal = file.vary.includes('Cookie') && wantsDisplayStylesheet(req.headers.cookie);
      const coding = chooseCoding(req.headers['accept-encoding']);
      const { body, etag } = file.get(personal, coding);
      res.setHeader('Cache-Control', file.cacheControl(personal));
      res.setHeader('Vary', file.vary);
      res.setHeader('ETag', etag);
      if (matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304);
        res.end();
        return true;
      }
      res.setHeader('Content-Type', file.type);
      if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
      res.setHeader('Content-Length', body.byteLength);
      res.writeHead(200);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}

/**
 * The files under `clientDir` other than pages (`index.html`), listed once at start, so a request for
 * anything else touches no disk; the front door asks `createStaticFiles` first, so these are in
 * practice the files it does not keep in memory. Each is sent by `send`, which answers
 * byte ranges (206, 416), conditional requests and HEAD; compression, if any, is the caller's.
 */
export function createPublicFiles(clientDir: string) {
  const paths = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      if (item.name.startsWith('.')) continue;
      if (item.isDirectory()) {
        walk(join(dir, item.name), `${prefix}/${item.name}`);
      } else if (item.isFile() && item.name !== 'index.html') paths.add(`${prefix}/${item.name}`);
    }
  };
  if (existsSync(clientDir)) walk(clientDir, '');

  return {
    /** The paths served from here (`/videos/sample.mp4`). */
    paths: paths as ReadonlySet<string>,
    /** Sends a listed file for a GET or HEAD and returns true; returns false, writing nothing, otherwise. */
    serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !paths.has(path)) return false;
      send(req, path, { root: clientDir, dotfiles: 'deny', index: false })
        .on('error', (error: { statusCode?: number }) => {
          if (res.headersSent) return res.destroy();
          res.writeHead(error.statusCode ?? 500, { 'Content-Length': '0' });
          res.end();
        })
        .pipe(res);
      return true;
    },
  };
}
