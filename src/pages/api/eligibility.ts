/**
 * `POST /api/eligibility`: the self-check as a stateless public calculator. JSON in (region,
 * date, answers, "I don't know"s), every service's result in the region out, with the reasons
 * and the next question that still matters. No cookies, nothing kept, open to any origin.
 * Every invalid input is a 400 problem document listing all its problems, never a 500.
 * Documented in /api/openapi.json.
 */
import type { APIRoute } from 'astro';
import { checkIn } from '../../domain/eligibility';
import { regionData } from '../../catalogue/regions';
import { jsonResponse as json, methodNotAllowedResponse, problemResponse as problem } from '../../server/api-response';
import { MAX_BODY_BYTES, REQUEST_MESSAGES, parseEligibilityRequest, questionJson, todayInChina } from '../../server/eligibility-input';

export const prerender = false;

const ALLOW = ['POST', 'OPTIONS'];

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
  if (!isJson(request.headers.get('content-type'))) {
    return problem(415, [{ path: '', code: 'unsupportedMediaType', message: REQUEST_MESSAGES.unsupportedMediaType }]);
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readLimited(request, MAX_BODY_BYTES);
  } catch {
    bytes = new Uint8Array([0xff]); // an interrupted body: reported as not JSON
  }
  if (!bytes) return problem(400, [{ path: '', code: 'tooLarge', message: REQUEST_MESSAGES.tooLarge }]);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return problem(400, [{ path: '', code: 'invalidJson', message: REQUEST_MESSAGES.invalidJson }]);
  }
  const parsed = parseEligibilityRequest(body, await regionData(), todayInChina());
  if (!parsed.ok) return problem(400, parsed.problems);
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
      Allow: ALLOW.join(', '),
      'Access-Control-Allow-Methods': ALLOW.join(', '),
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
    },
  });

export const ALL: APIRoute = () => methodNotAllowedResponse(ALLOW);
