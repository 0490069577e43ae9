/**
 * The baseline for the no-JS journey figure: a bare node:http server doing the least work a
 * server must do for the same requests, run as its own process (like the portal) by
 * lib/journey.mjs:
 *   node bare-server.mjs <port> <config.json>
 * config: { redirects: { "<POST path>": "<Location>" }, pages: { "<GET path>": <body bytes> } },
 * both taken from one probe journey against the portal, so the same load code drives both and
 * the GET bodies have the portal's sizes. Per request: read the cookie; on POST, read and parse
 * the form body, add its fields to the cookie's answers, set the cookie and 303 to the portal's
 * Location; on GET, a small HTML page of the portal page's size. No crypto, no templates.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [portArg, configFile] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const COOKIE = 'tx-check';

/** An HTML page of exactly `bytes` bytes (UTF-8), naming the path. */
function page(path, bytes) {
  const head = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${path}</title></head><body><main><h1>${path}</h1><p>`;
  const tail = '</p></main></body></html>\n';
  const fill = Math.max(0, bytes - Buffer.byteLength(head) - Buffer.byteLength(tail));
  return Buffer.from(head + 'x'.repeat(fill) + tail);
}
const pages = new Map(Object.entries(config.pages).map(([path, bytes]) => [path, page(path, bytes)]));
const fallback = page('/', 2048);

function readCookie(header) {
  if (!header) return '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return '';
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  const answers = new URLSearchParams(readCookie(req.headers.cookie));
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      for (const [k, v] of form) answers.set(`${path}:${k}`, v);
      res.writeHead(303, {
        location: config.redirects[path] ?? '/check/',
        'set-cookie': `${COOKIE}=${encodeURIComponent(answers.toString())}; Max-Age=1800; Path=/; HttpOnly; SameSite=Lax`,
        'cache-control': 'private, no-store',
        'content-length': 0,
      });
      res.end();
    });
    return;
  }
  const body = pages.get(path) ?? fallback;
  res.writeHead(pages.has(path) ? 200 : 404, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'private, no-store',
    // Reading the cookie is part of the work; say how many answers it held.
    'x-answers': String([...answers.keys()].length),
  });
  res.end(body);
});
server.keepAliveTimeout = 5000;
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
