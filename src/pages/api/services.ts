/**
 * `GET /api/services`: the service catalogue as data: each service's title, summary, category,
 * the regions offering it, its pages, and the criteria the self-check judges it on (from its
 * rule; none where the self-check has no rule for it). English may be missing while a
 * translation is pending: `en` is then absent, as in the content. The body's schema is
 * published in /api/openapi.json.
 */
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { allServices } from '../../catalogue/entries';
import { ruleFor } from '../../domain/eligibility';
import { SERVICE_CATEGORIES } from '../../schemas/content';
import { headOf, publicJson } from '../../server/http/json';
import { contentTextSchema, textSchema } from '../../server/http/text-schema';

export const prerender = false;

/** The body; each service's regions are among `regionIds`. */
export const servicesResponseSchema = (regionIds: readonly string[]) => {
  const service = z
    .strictObject({
      slug: z.string().meta({ description: 'The service’s id, as in results (`service`) and its pages’ addresses.' }),
      title: contentTextSchema,
      summary: contentTextSchema,
      category: z.enum(SERVICE_CATEGORIES),
      regions: z.array(z.enum(regionIds)).meta({ description: 'The regions offering it (content/regions ids).' }),
      requiresCertificate: z.boolean().meta({ description: 'Whether a disability certificate is needed to apply.' }),
      url: textSchema.meta({ description: 'The service page in each language.' }),
      criteria: z
        .array(
          z.strictObject({
            id: z.string(),
            text: textSchema,
            source: z.string().meta({ description: 'A content/sources id or a content/policies slug.' }),
            clause: z.string().optional().meta({ description: 'The quoted clause of that source (its `clauses` id), where the criterion rests on one.' }),
            region: z.string().optional().meta({ description: 'A content/regions id: the criterion holds only in the regions under it.' }),
          }),
        )
        .meta({ description: 'The conditions the self-check judges the service on; empty when it has no rule for the service.' }),
    })
    .meta({ description: 'A service of the catalogue.' });
  return z
    .strictObject({ services: z.array(service).meta({ description: 'Every service, in catalogue order.' }) })
    .meta({ description: 'The service catalogue.' });
};
type ServicesResponse = z.infer<ReturnType<typeof servicesResponseSchema>>;

export async function servicesJson(): Promise<ServicesResponse['services']> {
  return (await allServices()).map((s) => ({
    slug: s.id,
    title: s.data.title,
    summary: s.data.summary,
    category: s.data.category,
    regions: s.data.regions.map((r) => r.id),
    requiresCertificate: s.data.requiresCertificate,
    url: { zh: `/services/${s.id}/`, en: `/en/services/${s.id}/` },
    criteria: (ruleFor(s.id)?.criteria ?? []).map((c) => ({
      id: c.id,
      text: c.text,
      source: c.source.source,
      ...(c.source.clause !== undefined && { clause: c.source.clause }),
      ...(c.appliesIn !== undefined && { region: c.appliesIn }),
    })),
  }));
}

export const GET: APIRoute = async () => publicJson({ services: await servicesJson() });

export const HEAD = headOf(GET);

