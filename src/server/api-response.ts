/**
 * Responses of the public JSON API (`src/pages/api/`): open to any origin, JSON bodies, and
 * problems as RFC 9457 problem documents listing every problem.
 */
import { methodNotAllowed, problemDocument, type Problem } from './eligibility-input';

const OPEN = { 'Access-Control-Allow-Origin': '*' };

/** A JSON body; not cached unless `headers` says otherwise. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json') =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', ...OPEN, ...headers },
  });

export const problemResponse = (status: number, problems: Problem[], headers: Record<string, string> = {}) =>
  jsonResponse(status, problemDocument(status, problems), headers, 'application/problem+json');

/** 405 for a method the resource does not take, naming those it does. */
export const methodNotAllowedResponse = (allow: readonly string[]) =>
  problemResponse(405, [methodNotAllowed(allow)], { Allow: allow.join(', ') });

/** A read-only resource's body: public, cacheable for five minutes. */
export const publicJson = (body: unknown) => jsonResponse(200, body, { 'Cache-Control': 'public, max-age=300' });
