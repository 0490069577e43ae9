/**
 * `GET /api/questions`: the self-check's questions as data (the same data the no-JS pages and
 * the island render), the region first. A question is its data without its `askWhen` function;
 * which one to ask next comes from `POST /api/eligibility`. The body's schema is published in
 * /api/openapi.json.
 */
import { servedRegions } from '../../catalogue/regions';
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { QUESTIONS } from '../../domain/eligibility';
import { useTranslations, type Lang } from '../../i18n';
import { headOf, publicJson } from '../../server/http/json';
import { questionJson, questionJsonSchema, type QuestionJson } from '../../server/self-check/question-json';

/** The body: every question, the region first. */
export const questionsResponseSchema = z
  .strictObject({ questions: z.array(questionJsonSchema).meta({ description: 'The region first, then the questions in the order they are asked.' }) })
  .meta({ description: 'Every question of the self-check, as data.' });

export const prerender = false;

/** The region question's words: the pages' own. */
const both = (key: 'check.region.label' | 'check.region.hint') =>
  Object.fromEntries((['zh-CN', 'en'] as Lang[]).map((lang) => [lang === 'zh-CN' ? 'zh' : 'en', useTranslations(lang)(key)])) as { zh: string; en: string };

/** The region question, with the regions in content/regions as its options. */
export async function regionQuestion(): Promise<QuestionJson> {
  const regions = await servedRegions();
  return {
    id: 'region',
    type: 'choice',
    label: both('check.region.label'),
    hint: both('check.region.hint'),
    options: regions.map((r) => ({ value: r.id, label: r.data.shortName })),
    allowsUnknown: false,
    fills: [],
  };
}

/** The body of `GET /api/questions`. */
export const questionsJson = async (): Promise<z.infer<typeof questionsResponseSchema>> => ({ questions: [await regionQuestion(), ...QUESTIONS.map(questionJson)] });

export const GET: APIRoute = async () => publicJson(await questionsJson());

export const HEAD = headOf(GET);

