/**
 * `POST /api/eligibility`: the self-check as a stateless public calculator. JSON in (region,
 * date, answers, "I don't know"s), every service's result in the region out, with the reasons
 * and the next question that still matters. No cookies, nothing kept, open to any origin.
 * Every invalid input is a 4xx problem document listing its problems, never a 500: a body that
 * is not JSON is 415, one over `limits.jsonBodyBytes` 413, anything else 400. Every status is
 * documented in /api/openapi.json.
 */
import type { APIRoute } from 'astro';
import { regionData } from '../../catalogue/regions';
import { corsPreflight, jsonResponse, problemResponse, readJsonRequest } from '../../server/http/json';
import { routeOf } from '../../server/http/routes';
import { todayInChina } from '../../server/http/clock';
import { parseEligibilityRequest } from '../../server/self-check/api-request';
import { eligibilityResponse } from '../../server/self-check/api-response';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const body = await readJsonRequest(request);
  if (!body.ok) return body.response;
  const parsed = parseEligibilityRequest(body.value, await regionData(), todayInChina());
  if (!parsed.ok) return problemResponse(400, parsed.problems, { moreProblems: parsed.moreProblems });
  return jsonResponse(200, eligibilityResponse(parsed.value));
};

/** CORS preflight: any origin may POST JSON. */
export const OPTIONS: APIRoute = ({ url }) => corsPreflight(routeOf(url.pathname).allow, { headers: 'Content-Type' });
