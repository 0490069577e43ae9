/**
 * Responses of the public JSON API (`src/pages/api/`): open to any origin, JSON bodies, and
 * problems as RFC 9457 problem documents listing every problem (up to `limits.maxProblems`).
 */
import type { APIRoute } from 'astro';
import { methodNotAllowed, problemDocument, type Problem, type ProblemStatus } from './eligibility-input';

const OPEN = { 'Access-Control-Allow-Origin': '*' };

/** A JSON body; not cached unless `headers` says otherwise. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json') =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', ...OPEN, ...headers },
  });

/** A problem document; `moreProblems` counts problems found beyond those in `problems`. */
export const problemResponse = (status: ProblemStatus, problems: Problem[], { moreProblems = 0, headers = {} }: { moreProblems?: number; headers?: Record<string, string> } = {}) =>
  jsonResponse(status, problemDocument(status, problems, moreProblems), headers, 'application/problem+json');

/** 405 for a method the resource does not take, naming those it does. */
export const methodNotAllowedResponse = (allow: readonly string[]) =>
  problemResponse(405, [methodNotAllowed(allow)], { headers: { Allow: allow.join(', ') } });

/** A read-only resource's body: public, cacheable for five minutes. */
export const publicJson = (body: unknown) => jsonResponse(200, body, { 'Cache-Control': 'public, max-age=300' });

/**
 * HEAD for a GET handler: GET's status and headers, no body. Explicit rather than left to the
 * HTTP server to drop the body, so it holds whichever server runs the handler.
 */
export const headOf =
  (get: APIRoute): APIRoute =>
  async (context) => {
    const res = await get(context);
    return new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
