/**
 * `GET /api/applications/<reference>` with the header `X-Access-Code`: where the application
 * stands, which office holds it, and its history. A wrong code or an unknown reference get the
 * same 404; too many wrong tries (per client and per reference, counted in the database) get
 * 429 with Retry-After.
 */
import type { APIRoute } from 'astro';
import { readCode } from '../../../domain/applications/codes';
import { clientName, findApplication } from '../../../server/applications/applications';
import { APPLICATION_PROBLEMS } from '../../../server/applications/api-request';
import { database } from '../../../server/db/connection';
import { clientAddressOf, corsPreflight, jsonResponse, problemResponse } from '../../../server/http/json';
import { routeOf } from '../../../server/http/routes';
import { secretKey } from '../../../server/http/secret-key';

export const prerender = false;


export const GET: APIRoute = async (context) => {
  const typed = context.request.headers.get('X-Access-Code');
  if (typed === null || !typed.trim()) return problemResponse(400, [APPLICATION_PROBLEMS.accessCodeMissing()]);
  const reference = readCode('reference', context.params.reference ?? '');
  const accessCode = readCode('access', typed);
  const client = clientName(secretKey(), clientAddressOf(context));
  const found =
    reference.ok && accessCode.ok
      ? await findApplication(await database(), secretKey(), { reference: reference.code, accessCode: accessCode.code, client }, Date.now())
      : ({ ok: false, reason: 'wrong' } as const);
  if (!found.ok) {
    if (found.reason === 'locked') {
      const seconds = Math.max(1, Math.ceil((Date.parse(found.until) - Date.now()) / 1000));
      return problemResponse(429, [APPLICATION_PROBLEMS.tooManyTries()], { headers: { 'Retry-After': String(seconds) } });
    }
    return problemResponse(404, [APPLICATION_PROBLEMS.notFound()]);
  }
  const { view } = found;
  return jsonResponse(200, {
    reference: view.reference,
    form: view.form,
    region: view.region,
    status: view.status,
    office: view.office,
    history: view.history.map((h) => ({ status: h.status, office: h.office, at: h.at })),
  });
};

export const HEAD: APIRoute = async (context) => {
  const res = await GET(context);
  return new Response(null, { status: res.status, headers: res.headers });
};

/** CORS preflight: any origin may GET with an X-Access-Code. */
export const OPTIONS: APIRoute = ({ url }) => corsPreflight(routeOf(url.pathname).allow, { headers: 'X-Access-Code' });
