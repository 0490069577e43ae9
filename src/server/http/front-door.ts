/**
 * Every request's way in, in each worker, before the Astro adapter sees it:
 * 1. it is logged and counted when it ends (log.ts, metrics.ts), and its last headers are set
 *    just before the status line (security-headers.ts);
 * 2. what the adapter cannot take is answered here — a target or Host it cannot parse (400),
 *    a method the resource does not take (405 with `Allow`; routes.ts), a body over the limit
 *    (413, read no further; body.ts) — and `/healthz` and `/readyz` are answered here;
 * 3. behind a trusted proxy the request is given the public protocol and host;
 * 4. prerendered pages and hashed assets are answered from memory, compressed (static-files.ts);
 * 5. the other public files (the sample video and its captions, the favicon, the sitemaps) are
 *    sent from disk with their byte ranges, and anything else goes to the adapter, inside a guard;
 *    both answers are compressed: what the adapter throws is logged (masked) and answered 500,
 *    and the process keeps serving.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { bodyDeadline, bodyLimit, readBody } from './body.ts';
import type { Limits } from './limits.ts';
import { logLine, requestEntry } from './log.ts';
import { refusal, type Refusal } from './refusals.ts';
import { readTarget } from './request-target.ts';
import { routeOf } from './routes.ts';
import { finalizeHeaders, pagePath } from './security-headers.ts';

/** The adapter's request handler (`handler` of dist/server/entry.mjs, in middleware mode). */
export type AdapterHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** What the front door needs. */
export interface FrontDoorOptions {
  handler: AdapterHandler;
  limits: Limits;
  trustProxy: boolean;
  /** Prerendered pages' CSP by path (security-headers.ts `loadStaticCsp`). */
  staticCsp: Map<string, string>;
  /** Called once per request when it ends. */
  observe?: (route: string, method: string | undefined, status: number, seconds: number) => void;
  /** Whether request lines go to the log (LOG_REQUESTS=0 turns them off, e.g. in tests). */
  logRequests: boolean;
  /** Fields added to every log line (the worker's id). */
  logFields?: Record<string, unknown>;
  /** Prerendered pages and hashed assets served from memory, compressed (static-files.ts). */
  staticFiles?: { serve(req: IncomingMessage, res: ServerResponse, path: string): boolean };
  /** The other files of the build's client directory, sent from disk (static-files.ts `createPublicFiles`). */
  publicFiles?: { serve(req: IncomingMessage, res: ServerResponse, path: string): boolean };
  /** Compresses what the adapter answers (the `compression` middleware's signature). */
  compress?: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
}

/** How much more of a too-large body is dropped, and for how long, before the connection closes. */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 2000;
/** …or once nothing has arrived for this long. */
const LINGER_IDLE_MS = 200;

/** The request's https view of its socket (see `markHttps`). */
const httpsView = (socket: Socket) =>
  new Proxy(socket, {
    get(target, key) {
      if (key === 'encrypted') return true;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    has: (target, key) => key === 'encrypted' || Reflect.has(target, key),
  });

/**
 * Makes the adapter see an HTTPS request: astro 7.3's `createRequestFromNodeRequest` takes the
 * protocol only from `req.socket.encrypted` and ignores X-Forwarded-Proto. The socket is shared
 * by every request on a kept-alive connection, so this request gets its own view of it rather
 * than the socket being changed.
 */
function markHttps(req: IncomingMessage) {
  Object.defineProperty(req, 'socket', { value: httpsView(req.socket), configurable: true, writable: true });
}

/** The front door: `handle` for http.createServer, `drain` to stop taking work. */
export function createFrontDoor(options: FrontDoorOptions) {
  const { handler, limits, trustProxy, staticCsp, observe, logRequests, logFields = {}, staticFiles, publicFiles, compress } = options;
  let draining = false;

  const send = (req: IncomingMessage, res: ServerResponse, r: Refusal, close = false) => {
    if (close) res.shouldKeepAlive = false;
    res.writeHead(r.status, r.headers);
    res.end(req.method === 'HEAD' ? undefined : r.body);
  };

  /**
   * Answers 413 at once, then drops what the client is still sending — up to `LINGER_BYTES`
   * more, for at most `LINGER_MS`, and only while bytes keep coming — before closing. Closing at once would cut the client off
   * mid-write: it sees EPIPE or a reset, never the answer (Node's fetch lost 17 of 100 such
   * answers to a 200 KB body in the fuzz suite; curl, which reads while it writes, lost none).
   * Nothing past the limit is kept.
   */
  const refuseTooLarge = (req: IncomingMessage, res: ServerResponse, r: Refusal) => {
    res.shouldKeepAlive = false;
    res.writeHead(r.status, r.headers);
    res.write(r.body);
    let dropped = 0;
    const done = () => {
      clearTimeout(timer);
      clearTimeout(idle);
      req.off('data', onData);
      req.off('end', done);
      req.off('close', done);
      if (!res.writableEnded) res.end();
    };
    // A client that has stopped sending (it read the 413 and gave up) is let go at once.
    let idle = setTimeout(done, LINGER_IDLE_MS);
    const onData = (chunk: Buffer) => {
      dropped += chunk.byteLength;
      clearTimeout(idle);
      if (dropped > LINGER_BYTES) done();
      else idle = setTimeout(done, LINGER_IDLE_MS);
    };
    const timer = setTimeout(done, LINGER_MS);
    req.on('data', onData);
    req.on('end', done);
    req.on('close', done);
    req.resume();
  };

  /**
   * Refuses a request that may still be sending a body: the body is read (and dropped) first,
   * up to the form limit, so the client is not cut off mid-send (it would see EPIPE, not the
   * answer); past the limit the connection is closed instead.
   */
  const refuseAfterBody = async (req: IncomingMessage, res: ServerResponse, r: Refusal, close = false) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.complete) {
      const body = await readBody(req, limits.formBodyBytes, { startedAt: Date.now(), deadlineMs: limits.requestTimeoutMs });
      if (!body.ok) {
        if (body.reason === 'aborted') return res.destroy();
        close = true;
      }
    }
    send(req, res, r, close);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = process.hrtime.bigint();
    const startedAt = Date.now();
    const originalUrl = req.url;
    const originalMethod = req.method;
    // Ours, whatever the client sent: the log line and the staff audit log name the request by it.
    const requestId = randomUUID();
    req.headers['x-request-id'] = requestId;
    let routeName = 'bad-request';
    let isHttps = 'encrypted' in req.socket && !!(req.socket as { encrypted?: boolean }).encrypted;
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observe?.(routeName, originalMethod, res.statusCode, seconds);
      if (logRequests) process.stdout.write(logLine({ ...requestEntry(originalMethod, originalUrl, res.statusCode, seconds * 1000, !res.writableFinished), id: requestId, ...logFields }));
    });
    const writeHead = res.writeHead as (this: ServerResponse, status: number, message?: string) => ServerResponse;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      // Headers given here are moved onto the response, so every header is seen in one place.
      const message = typeof rest[0] === 'string' ? rest[0] : undefined;
      const headers = rest.find((x) => typeof x === 'object' && x !== null);
      if (Array.isArray(headers)) {
        const pairs = Array.isArray(headers[0]) ? (headers as [string, string][]) : headers.flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]] as [string, string]]));
        for (const [name, value] of pairs) res.appendHeader(name, value);
      } else if (headers) {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string | string[]);
      }
      finalizeHeaders(res, { status, isHttps, pageCsp: staticCsp.get(pagePath(req.url)) });
      if (draining) res.shouldKeepAlive = false;
      return message === undefined ? writeHead.call(this, status) : writeHead.call(this, status, message);
    } as typeof res.writeHead;

    const target = readTarget({ url: req.url, method: req.method, headers: req.headers, encrypted: isHttps }, trustProxy);
    // Only to choose the answer's form (problem document on /api/, page language): never echoed.
    const writtenPath = req.url?.startsWith('/') ? req.url.split(/[?#]/)[0]! : '/';
    if (!target.ok) return refuseAfterBody(req, res, refusal('badRequest', writtenPath), true);
    if (target.kind === 'asterisk') {
      res.writeHead(204, { Allow: 'GET, HEAD, POST, OPTIONS' });
      return res.end();
    }
    const { path } = target;
    isHttps = target.isHttps;
    const route = routeOf(path);
    routeName = route.name;
    const method = req.method ?? 'GET';
    if (!route.allow.includes(method)) return refuseAfterBody(req, res, refusal('methodNotAllowed', path, { allow: route.allow }));
    if (route.name === 'health') {
      const ready = !path.startsWith('/readyz') || !draining;
      res.writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return res.end(method === 'HEAD' ? undefined : JSON.stringify({ status: ready ? 'ok' : 'draining' }));
    }

    req.url = path;
    if (target.host !== undefined) req.headers.host = target.host;
    if (isHttps) markHttps(req);
    if (staticFiles?.serve(req, res, path)) return;
    if (method === 'POST') {
      const limit = bodyLimit(path, limits);
      const body = await readBody(req, limit, { startedAt, deadlineMs: bodyDeadline(path, limits) });
      if (!body.ok) {
        if (body.reason === 'aborted') return res.destroy();
        // Too slow for its path (Node's own timeout is the longest path's): 408, and the connection closed.
        if (body.reason === 'tooSlow') {
          res.shouldKeepAlive = false;
          res.writeHead(408, { 'Content-Length': '0', 'Cache-Control': 'no-store' });
          return res.end();
        }
        return refuseTooLarge(req, res, refusal('tooLarge', path, { limitBytes: limit }));
      }
      (req as IncomingMessage & { body?: Buffer }).body = body.body;
    }
    try {
      // A HEAD is answered as its GET, headers and all (Content-Encoding too: RFC 9110 §9.3.2);
      // Node sends no body for it, whatever is written.
      if (method === 'HEAD') req.method = 'GET';
      if (compress) await new Promise<void>((resolve, reject) => compress(req, res, (error) => (error ? reject(error) : resolve())));
      if (publicFiles?.serve(req, res, path)) return;
      await handler(req, res);
    } catch (error) {
      // Whatever the adapter throws lands here rather than ending the process.
      console.error(error);
      if (!res.headersSent) send(req, res, refusal('serverError', path), true);
      else res.destroy();
    }
  }

  return {
    /** The request listener. It never throws: a failure is a 500 for this request only. */
    handle(req: IncomingMessage, res: ServerResponse) {
      handle(req, res).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) send(req, res, refusal('serverError', '/'), true);
        else res.destroy();
      });
    },
    /** Stop taking work: /readyz answers 503 and every answer closes its connection. */
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
}
