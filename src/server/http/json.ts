/**
 * JSON over HTTP for the public API (`src/pages/api/`): responses open to any origin, problems
 * as RFC 9457 documents listing every problem (up to `limits.maxProblems`), and request bodies
 * read within their limits: JSON only, `limits.jsonBodyBytes` at most, nested at most
 * `limits.jsonMaxDepth` deep (checked on the text, before JSON.parse and any schema recurses).
 */
import type { APIRoute } from 'astro';
import { limits } from './limits.ts';
import { HTTP_PROBLEMS, problemDocument, type Problem, type ProblemStatus, type Text } from './problem.ts';

const OPEN = { 'Access-Control-Allow-Origin': '*' };

/** A JSON body; not cached unless `headers` says otherwise. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json') =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', ...OPEN, ...headers },
  });

/** A problem document; `moreProblems` counts problems found beyond those in `problems`. */
export const problemResponse = <C extends string>(status: ProblemStatus, problems: Problem<C>[], { moreProblems = 0, headers = {} }: { moreProblems?: number; headers?: Record<string, string> } = {}) =>
  jsonResponse(status, problemDocument(status, problems, moreProblems), headers, 'application/problem+json');

/** 405 for a method the resource does not take, naming those it does. */
export const methodNotAllowedResponse = (allow: readonly string[]) =>
  problemResponse(405, [HTTP_PROBLEMS.methodNotAllowed(allow)], { headers: { Allow: allow.join(', ') } });

/** A read-only resource's body: public, cacheable for five minutes. */
/**
 * A CORS preflight's answer for an open API route: any origin may use `allow` (the route's
 * methods, from the route table) with the request headers named, and may read `expose`.
 */
export const corsPreflight = (allow: readonly string[], { headers, expose }: { headers: string; expose?: string }) =>
  new Response(null, {
    status: 204,
    headers: {
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      Allow: allow.join(', '),
      'Access-Control-Allow-Methods': allow.join(', '),
      'Access-Control-Allow-Headers': headers,
      ...(expose && { 'Access-Control-Expose-Headers': expose }),
      'Access-Control-Max-Age': '86400',
    },
  });

/** The client's address as the adapter saw it, or undefined where it is not known (astro dev behind some proxies). */
export function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

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

/** The messages of the problems with a JSON body as a whole (path `''`). */
export const JSON_BODY_MESSAGES = {
  invalidJson: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  tooLarge: HTTP_PROBLEMS.tooLarge(limits.jsonBodyBytes).message,
  tooDeep: {
    zh: `请求内容嵌套太深：数组和对象最多只能嵌套 ${limits.jsonMaxDepth} 层（这个接口的请求只需要两层）。`,
    en: `The request body is nested too deeply: arrays and objects may be nested at most ${limits.jsonMaxDepth} levels deep (a request to this API needs two).`,
  },
  unsupportedMediaType: {
    zh: '请用 JSON 发送请求内容，并带上 Content-Type: application/json。',
    en: 'Send the request body as JSON, with the header Content-Type: application/json.',
  },
} satisfies Record<string, Text>;
export type JsonBodyProblemCode = keyof typeof JSON_BODY_MESSAGES;
/** The codes of the problems with a JSON body as a whole. */
export const JSON_BODY_PROBLEM_CODES = Object.keys(JSON_BODY_MESSAGES) as JsonBodyProblemCode[];

/** A problem with the request body as a whole (path `''`). */
export const bodyProblem = (code: JsonBodyProblemCode): Problem<JsonBodyProblemCode> => ({ path: '', code, message: JSON_BODY_MESSAGES[code] });

/** `application/json` or any `application/*+json`, with or without parameters. */
export const isJson = (contentType: string | null) => !!contentType && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType.trim());

/**
 * Whether JSON text nests arrays and objects more than `max` deep (the outermost counts as 1),
 * found by counting brackets outside strings: no recursion, so a body of 100,000 `[` neither
 * overflows a stack here nor reaches JSON.parse. For text that is not JSON the count is only
 * right up to the first error, which is where JSON.parse stops too.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped (\" does not end the string)
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A request body read as JSON, or the problem with it. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; problem: Problem<JsonBodyProblemCode> };

/** Reads a request body (already within the size limit) as UTF-8 JSON, its nesting checked on the text first. */
export function parseJsonBody(bytes: Uint8Array, maxDepth = limits.jsonMaxDepth): JsonBody {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: bodyProblem('invalidJson') };
  }
  if (nestsDeeperThan(text, maxDepth)) return { ok: false, problem: bodyProblem('tooDeep') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: bodyProblem('invalidJson') };
  }
}

/** The body, or undefined when it is larger than `limit` bytes (reading stops there). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * A JSON request's body, or the response refusing it: 415 for a body that is not JSON (checked
 * first, whatever the body: a form or text post is 415, not a confusing "invalid JSON"; RFC
 * 9110 15.5.16 suggests Accept-Post), 413 over `limits.jsonBodyBytes`, 400 for malformed or
 * too deeply nested JSON.
 */
export async function readJsonRequest(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!isJson(request.headers.get('content-type'))) {
    return { ok: false, response: problemResponse(415, [bodyProblem('unsupportedMediaType')], { headers: { 'Accept-Post': 'application/json' } }) };
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readLimited(request, limits.jsonBodyBytes);
  } catch {
    bytes = new Uint8Array([0xff]); // an interrupted body: reported as not JSON
  }
  if (!bytes) return { ok: false, response: problemResponse(413, [bodyProblem('tooLarge')]) };
  const body = parseJsonBody(bytes);
  return body.ok ? body : { ok: false, response: problemResponse(400, [body.problem]) };
}
