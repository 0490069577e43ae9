/**
 * Production server: the Astro node adapter's handler (static files and on-demand pages)
 * behind a plain node:http server that adds the security headers to every response, static
 * or not. (In standalone mode the adapter serves static files itself, so Astro middleware never
 * sees them; wrapping the handler is the one place that covers both.) HOST, PORT honoured.
 */
import http from 'node:http';
import { requestLogLine } from './scripts/request-log.mjs';
import { securityHeaders, appendFrameAncestors, loadStaticCsp, pagePath } from './scripts/security-headers.mjs';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import('./dist/server/entry.mjs');
const staticCsp = loadStaticCsp(new URL('./dist/_headers.json', import.meta.url));

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    const type = String(res.getHeader('content-type') ?? '');
    const pageCsp = type.startsWith('text/html') ? staticCsp.get(pagePath(req.url)) : undefined;
    if (pageCsp) res.setHeader('Content-Security-Policy', pageCsp);
    appendFrameAncestors(res, args);
    return writeHead.apply(this, args);
  };
  res.on('finish', () => {
    if (process.env.LOG_REQUESTS !== '0') {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(`${requestLogLine(req.method, req.url, res.statusCode, ms)}\n`);
    }
  });
  handler(req, res);
});
server.keepAliveTimeout = 5000;
server.listen(port, host, () => console.log(`Tongxing listening on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
