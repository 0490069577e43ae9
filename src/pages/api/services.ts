/**
 * `GET /api/services`: the service catalogue as data: each service's title, summary, category,
 * the regions offering it, its pages, and the criteria the self-check judges it on (from its
 * rule; none where the self-check has no rule for it). English may be missing while a
 * translation is pending: `en` is then absent, as in the content.
 */
import type { APIRoute } from 'astro';
import { allServices } from '../../catalogue/entries';
import { ruleFor } from '../../domain/eligibility';
import { headOf, publicJson } from '../../server/http/json';

export const prerender = false;

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

export const GET: APIRoute = async () => publicJson({ services: await servicesJson() });

export const HEAD = headOf(GET);

