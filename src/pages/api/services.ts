/**
 * `GET /api/services`: the service catalogue as data: each service's title, summary, category,
 * the regions offering it, its pages, and the criteria the self-check judges it on (from its
 * rule; none where the self-check has no rule for it). English may be missing while a
 * translation is pending: `en` is then absent, as in the content.
 */
import type { APIRoute } from 'astro';
import { allServices } from '../../catalogue/entries';
import { ruleFor } from '../../domain/eligibility';
import { methodNotAllowed, problemDocument } from '../../server/eligibility-input';

export const prerender = false;

const ALLOW = 'GET, HEAD';

export async function servicesJson() {
  return (await allServices()).map((s) => ({
    slug: s.id,
    title: s.data.title,
    summary: s.data.summary,
    category: s.data.category,
    regions: s.data.regions.map((r) => r.id),
    requiresCertificate: s.data.requiresCertificate,
    url: { zh: `/services/${s.id}/`, en: `/en/services/${s.id}/` },
    criteria: (ruleFor(s.id)?.criteria ?? []).map((c) => ({ id: c.id, text: c.text, source: c.source })),
  }));
}

export const GET: APIRoute = async () =>
  new Response(JSON.stringify({ services: await servicesJson() }), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  });

export const ALL: APIRoute = () =>
  new Response(JSON.stringify(problemDocument(405, [methodNotAllowed(['GET', 'HEAD'])])), {
    status: 405,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*', Allow: ALLOW },
  });
