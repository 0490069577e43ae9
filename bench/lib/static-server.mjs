/**
 * A tiny static file server (node:http) for the comparison pages, with keep-alive; directories
 * serve their index.html. It sends files as stored, or, with `asPortal`, as the portal sends a
 * page: brotli-compressed when asked for, with the response headers the portal gave that page
 * (read from a `headers.json` beside the file; see bench/lib/bare.mjs).
 */
import http from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

function fileFor(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  const full = resolve(root, `.${normalize(`/${rel}`)}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    const st = statSync(full);
    if (st.isFile()) return { path: full, size: st.size };
    if (st.isDirectory()) {
      const index = join(full, 'index.html');
      const si = statSync(index);
      if (si.isFile()) return { path: index, size: si.size };
    }
  } catch {
    /* not found */
  }
  return undefined;
}

/**
 * Serves `root` on 127.0.0.1:`port`; resolves to { url, close() }.
 * @param {string} root
 * @param {number} port
 * @param {{ asPortal?: boolean }} [options]
 */
export function serveStatic(root, port, { asPortal = false } = {}) {
  const absRoot = resolve(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = fileFor(absRoot, req.url ?? '/');
    let status = 200;
    if (!file) {
      status = 404;
      file = fileFor(absRoot, '/404.html');
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const type = TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    if (asPortal) {
      const headersFile = join(dirname(file.path), 'headers.json');
      const headers = existsSync(headersFile) ? JSON.parse(readFileSync(headersFile, 'utf8')) : {};
      let body = readFileSync(file.path);
      const brotli = /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (brotli) body = brotliCompressSync(body);
      res.writeHead(status, { ...headers, 'content-type': type, 'content-length': body.length, vary: 'Accept-Encoding', ...(brotli ? { 'content-encoding': 'br' } : {}) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(status, {
      'content-type': type,
      'content-length': file.size,
      'cache-control': 'public, max-age=0',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path).pipe(res);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolveListen, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolveListen({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      }),
    );
  });
}
