/**
 * Request bodies read whole, up to a limit, before the portal sees them: a form body
 * (`FORM_BODY_LIMIT`) or a JSON body (`JSON_BODY_LIMIT`, on `/api/`). Reading stops at the
 * limit, so a 200 MB body costs the server at most the limit in memory; the caller answers
 * 413 and closes the connection. The adapter then takes the bytes from `req.body` (astro
 * 7.3's `createRequestFromNodeRequest` reads a Buffer there before it reads the stream).
 */
import type { IncomingMessage } from 'node:http';
import type { Limits } from './limits.ts';

/** The whole body, or `tooLarge` once it passes `limit` bytes, `aborted` when the client goes away, `tooSlow` past the deadline. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'tooLarge' | 'aborted' | 'tooSlow' };

/** An application's documents page, and the status page where the applicant replies with a file: files come in their body. */
const isUpload = (path: string) => /^(\/en)?\/(apply\/[^/]+\/documents|track)\/?$/.test(path);

/** The limit for a path's body: JSON for the API, files for the documents and status pages, form for the rest. */
export const bodyLimit = (path: string, limits: Pick<Limits, 'formBodyBytes' | 'jsonBodyBytes' | 'uploadBodyBytes'>) =>
  path === '/api' || path.startsWith('/api/') ? limits.jsonBodyBytes : isUpload(path) ? limits.uploadBodyBytes : limits.formBodyBytes;

/**
 * How long a path's whole request may take to arrive: an application's documents page has
 * `UPLOAD_TIMEOUT_MS` (files over a slow network: 10 MB at 20 KB/s is over eight minutes), every
 * other request `REQUEST_TIMEOUT_MS`. Node's own request timeout is set to the longer of the two;
 * this is the shorter, per path.
 */
export const bodyDeadline = (path: string, limits: Pick<Limits, 'requestTimeoutMs' | 'uploadTimeoutMs'>) => (isUpload(path) ? limits.uploadTimeoutMs : limits.requestTimeoutMs);

/**
 * Reads the body of `req`, stopping at `limit` bytes (a declared Content-Length over it is refused
 * unread), and giving up `deadlineMs` after the request began (`startedAt`, ms).
 */
export function readBody(req: IncomingMessage, limit: number, deadline?: { startedAt: number; deadlineMs: number }): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'tooLarge' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const timer = deadline && setTimeout(() => settle({ ok: false, reason: 'tooSlow' }), Math.max(0, deadline.startedAt + deadline.deadlineMs - Date.now()));
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        settle({ ok: false, reason: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = () => settle({ ok: false, reason: 'aborted' });
    const onClose = () => settle(req.complete ? { ok: true, body: Buffer.concat(chunks, size) } : { ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
