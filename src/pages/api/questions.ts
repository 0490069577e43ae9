/**
 * `GET /api/questions`: the self-check's questions as data (the same data the no-JS pages and
 * the island render), the region first. A question is its data without its `askWhen` function;
 * which one to ask next comes from `POST /api/eligibility`.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { QUESTIONS } from '../../domain/eligibility';
import { methodNotAllowed, problemDocument, questionJson } from '../../server/eligibility-input';

export const prerender = false;

const ALLOW = 'GET, HEAD';

/** The region question, with the regions in content/regions as its options. */
export async function regionQuestion() {
  const regions = (await getCollection('regions')).sort((a, b) => a.id.localeCompare(b.id));
  return {
    id: 'region' as const,
    type: 'choice' as const,
    label: { zh: '你的户籍在哪里？', en: 'Where is your household registered (hukou)?' },
    hint: {
      zh: '补贴一般在户籍所在地申请，各地的条件可能不一样。',
      en: 'Subsidies are usually applied for where your household is registered, and the conditions may differ from place to place.',
    },
    options: regions.map((r) => ({ value: r.id, label: r.data.shortName })),
    allowsUnknown: false,
    fills: [],
  };
}

export const GET: APIRoute = async () =>
  new Response(JSON.stringify({ questions: [await regionQuestion(), ...QUESTIONS.map(questionJson)] }), {
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
