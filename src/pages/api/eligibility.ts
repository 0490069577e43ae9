/**
 * `POST /api/eligibility`: the self-check as a stateless public calculator. JSON in (region,
 * date, answers, "I don't know"s), every service's result in the region out, with the reasons
 * and the next question that still matters. No cookies, nothing kept, open to any origin.
 * Every invalid input is a 4xx problem document listing its problems, never a 500: a body that
 * is not JSON is 415, one over `limits.jsonBodyBytes` 413, anything else 400. Every status is
 * documented in /api/openapi.json.
 */
import type { APIRoute } from 'astro';
import { checkIn } from '../../domain/eligibility';
import { regionData } from '../../catalogue/regions';
import { jsonResponse as json, methodNotAllowedResponse, problemResponse as problem } from '../../server/api-response';
import { bodyProblem, parseEligibilityRequest, parseJsonBody, questionJson, todayInChina } from '../../server/eligibility-input';
import { limits } from '../../server/http/limits';

export const prerender = false;

/** The methods this path takes (for `Allow`, the preflight and /api/openapi.json). */
export const ALLOWED_METHODS = ['POST', 'OPTIONS'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

/** `application/json` or any `application/*+json`, with or without parameters. */
const isJson = (contentType: string | null) => !!contentType && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType.trim());

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

export const POST: APIRoute = async ({ request }) => {
  // Checked first, whatever the body: a form or text post (or none with no type) is 415, not a
  // confusing "invalid JSON". RFC 9110 15.5.16 suggests Accept-Post to say what would do.
  if (!isJson(request.headers.get('content-type'))) {
    return problem(415, [bodyProblem('unsupportedMediaType')], { headers: { 'Accept-Post': 'application/json' } });
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readLimited(request, limits.jsonBodyBytes);
  } catch {
    bytes = new Uint8Array([0xff]); // an interrupted body: reported as not JSON
  }
  if (!bytes) return problem(413, [bodyProblem('tooLarge')]);
  const body = parseJsonBody(bytes);
  if (!body.ok) return problem(400, [body.problem]);
  const parsed = parseEligibilityRequest(body.value, await regionData(), todayInChina());
  if (!parsed.ok) return problem(400, parsed.problems, { moreProblems: parsed.moreProblems });
  const { region, asOf, answers, skipped, warnings } = parsed.value;
  const { results, next } = checkIn(region, answers, asOf, skipped);
  return json(200, { region: region.id, asOf, results, next: next && questionJson(next), warnings });
};

/** CORS preflight: any origin may POST JSON. */
export const OPTIONS: APIRoute = () =>
  new Response(null, {
    status: 204,
    headers: {
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      Allow: ALLOW,
      'Access-Control-Allow-Methods': ALLOW,
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
    },
  });

export const ALL: APIRoute = () => methodNotAllowedResponse(ALLOWED_METHODS);
