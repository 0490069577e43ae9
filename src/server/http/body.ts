/**
 * Request bodies read whole, up to a limit, before the portal sees them: a form body
 * (`FORM_BODY_LIMIT`) or a JSON body (`JSON_BODY_LIMIT`, on `/api/`). Reading stops at the
 * limit, so a 200 MB body costs the server at most the limit in memory; the caller answers
 * 413 and closes the connection. The adapter then takes the bytes from `req.body` (astro
 * 7.3's `createRequestFromNodeRequest` reads a Buffer there before it reads the stream).
 */
import type { IncomingMessage } from 'node:http';
import type { Limits } from './limits.ts';

/** The whole body, or `tooLarge` once it passes `limit` bytes, or `aborted` when the client goes away. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'tooLarge' | 'aborted' };

/** The limit for a path's body: JSON for the API, form for the rest. */
export const bodyLimit = (path: string, limits: Pick<Limits, 'formBodyBytes' | 'jsonBodyBytes' | 'uploadBodyBytes'>) =>
  path === '/api' || path.startsWith('/api/') ? limits.jsonBodyBytes : /^(\/en)?\/apply\/[^/]+\/documents\/?$/.test(path) ? limits.uploadBodyBytes : limits.formBodyBytes;

/** Reads the body of `req`, stopping at `limit` bytes (a declared Content-Length over it is refused unread). */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'tooLarge' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
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
