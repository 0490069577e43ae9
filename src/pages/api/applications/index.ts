/**
 * `POST /api/applications`: sends an application, for partner apps and people helping others to
 * apply (issue 11 point 10). JSON in, checked with the same schema as the journey's pages; the
 * header `Idempotency-Key` makes a retry safe (IETF draft "The Idempotency-Key HTTP Header
 * Field"): missing → 400, the same key with another body → 422, the same key while the first is
 * still being handled → 409, the same key and body → the first answer again. `201` with the
 * reference and access code. No cookies; open to any origin.
 */
import type { APIRoute } from 'astro';
import { createHash } from 'node:crypto';
import { regionData, regionServices } from '../../../catalogue/regions';
import { prescreen } from '../../../domain/applications/prescreen';
import { clientName, submissionAllowed, submitApplication } from '../../../server/applications/applications';
import { readRateLimits } from '../../../server/db/rate-limits';
import { notifyNow } from '../../../server/outbox/outbox';
import { APPLICATION_PROBLEMS, isIdempotencyKey, noticeLanguageOf, parseApplicationRequest } from '../../../server/applications/api-request';
import { database } from '../../../server/db/connection';
import { todayInChina } from '../../../server/http/clock';
import { clientAddressOf, corsPreflight, jsonResponse, problemResponse, readJsonRequest } from '../../../server/http/json';
import { routeOf } from '../../../server/http/routes';
import { secretKey } from '../../../server/http/secret-key';

export const prerender = false;

/** The idempotency scope: a key given here means nothing elsewhere. */
export const SUBMIT_SCOPE = 'POST /api/applications';

export const POST: APIRoute = async (context) => {
  const { request } = context;
  const key = request.headers.get('Idempotency-Key');
  if (key === null) return problemResponse(400, [APPLICATION_PROBLEMS.idempotencyKeyMissing()]);
  if (!isIdempotencyKey(key)) return problemResponse(400, [APPLICATION_PROBLEMS.idempotencyKeyInvalid()]);
  const body = await readJsonRequest(request);
  if (!body.ok) return body.response;
  const regions = await regionData();
  const asOf = todayInChina();
  const parsed = parseApplicationRequest(body.value, await regionServices(), asOf);
  if (!parsed.ok) return problemResponse(400, parsed.problems, { moreProblems: parsed.moreProblems });
  const input = parsed.value;
  // The body as JSON again: the same application sent with other spacing is the same body.
  const bodyHash = createHash('sha256').update(JSON.stringify(body.value)).digest('base64url');
  const allowed = await submissionAllowed(await database(), clientName(secretKey(), clientAddressOf(context)), Date.now(), readRateLimits(process.env).submissionsPerHour);
  if (!allowed.ok) return problemResponse(429, [APPLICATION_PROBLEMS.tooManySubmissions()], { headers: { 'Retry-After': String(Math.ceil((allowed.retryAt - Date.now()) / 1000)) } });
  const result = await submitApplication(await database(), secretKey(), input, prescreen(input, regions.get(input.region)!, asOf), { scope: SUBMIT_SCOPE, key, bodyHash }, Date.now(), { notify: notifyNow, language: noticeLanguageOf(request.headers.get('Accept-Language')) });
  switch (result.kind) {
    case 'created':
    case 'replay':
      return jsonResponse(201, { reference: result.reference, accessCode: result.accessCode, status: 'submitted' }, { Location: `/api/applications/${result.reference}` });
    case 'conflict':
      return problemResponse(422, [APPLICATION_PROBLEMS.idempotencyKeyReused()]);
    case 'inFlight':
      return problemResponse(409, [APPLICATION_PROBLEMS.inFlight()], { headers: { 'Retry-After': '1' } });
    case 'openExists':
      return problemResponse(409, [APPLICATION_PROBLEMS.openApplicationExists()]);
  }
};

/** CORS preflight: any origin may POST JSON with an Idempotency-Key. */
export const OPTIONS: APIRoute = ({ url }) => corsPreflight(routeOf(url.pathname).allow, { headers: 'Content-Type, Idempotency-Key', expose: 'Location, Retry-After' });
