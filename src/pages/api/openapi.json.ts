/**
 * `GET /api/openapi.json`: the API described in OpenAPI 3.1. Built from the code, not copied:
 * the request schema is the zod schema the endpoint validates with, the enums come from
 * CATEGORIES, HOUSEHOLDS, QUESTIONS and content/regions, and the examples are real answers of
 * the engine and the parser, so the document cannot drift from what the API does.
 */
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { checkIn, QUESTIONS, type AnswerType } from '../../domain/eligibility';
import { checkCharacter } from '../../domain/identity';
import { CATEGORIES as SERVICE_CATEGORIES } from '../../schemas/content';
import { regionData } from '../../catalogue/regions';
import {
  MAX_BODY_BYTES,
  PROBLEM_CODES,
  WARNING_CODES,
  methodNotAllowed,
  parseEligibilityRequest,
  problemDocument,
  questionJson,
  requestSchema,
  REQUEST_MESSAGES,
} from '../../server/eligibility-input';
import { regionQuestion } from './questions';
import { servicesJson } from './services';

export const prerender = false;

const ANSWER_TYPES = ['yesNo', 'choice', 'date', 'level', 'certificate'] as const satisfies readonly AnswerType[];
// Every AnswerType is listed (a new one fails the type check here).
const _allTypes: Exclude<AnswerType, (typeof ANSWER_TYPES)[number]> extends never ? true : never = true;
void _allTypes;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const text = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } }, additionalProperties: false };
const arrayOf = (items: object) => ({ type: 'array', items });

/** A synthetic certificate number (never a real person's): an ID number with its check character, and category and level digits. */
function syntheticCertificate(birth: string, categoryDigit: number, level: number, wrongCheck = false) {
  const first17 = `220201${birth}123`;
  const check = checkCharacter(first17);
  return `${first17}${wrongCheck ? (check === '0' ? '1' : '0') : check}${categoryDigit}${level}`;
}

export async function openApiDocument() {
  const regions = await regionData();
  const regionIds = [...regions.keys()];
  const questionIds = QUESTIONS.map((q) => q.id);
  const exampleRegion = regions.has('jilin-city') ? 'jilin-city' : regionIds[0]!;
  const asOf = '2026-06-01';

  const requestExamples = {
    answers: {
      summary: 'Answers given one by one',
      value: { region: exampleRegion, asOf, answers: { hasCertificate: true, level: 3, category: 'intellectual', household: 'dibao' }, dontKnow: ['needsLongTermCare'] },
    },
    certificateNumber: {
      summary: 'A (synthetic) certificate number, which fills birth date, category and level',
      value: { region: exampleRegion, asOf, answers: { certificateNumber: syntheticCertificate('19850315', 5, 3), household: 'dibao' } },
    },
  };
  const evaluate = (body: unknown) => {
    const parsed = parseEligibilityRequest(body, regions, asOf);
    if (!parsed.ok) return problemDocument(400, parsed.problems);
    const { results, next } = checkIn(parsed.value.region, parsed.value.answers, parsed.value.asOf, parsed.value.skipped);
    return { region: parsed.value.region.id, asOf: parsed.value.asOf, results, next: next && questionJson(next), warnings: parsed.value.warnings };
  };
  const badRequest = {
    region: 'nowhere',
    asOf: '2026-02-30',
    answers: { levle: 3, household: 'rich', hasCertificate: 'yes', certificateNumber: syntheticCertificate('19850315', 5, 3, true) },
    dontKnow: ['birthDate'],
  };

  const common = {
    'Cache-Control': { description: '`no-store`: answers are never cached.', schema: { type: 'string' } },
    'Access-Control-Allow-Origin': { description: '`*`: a public calculator with no cookies.', schema: { type: 'string' } },
  };
  const problemResponse = (description: string, examples: Record<string, unknown>, headers: object = common) => ({
    description,
    headers,
    content: { 'application/problem+json': { schema: ref('ProblemDocument'), examples: Object.fromEntries(Object.entries(examples).map(([k, value]) => [k, { value }])) } },
  });
  const notAllowed = (allow: string[]) =>
    problemResponse(
      `Method not allowed: the \`Allow\` header lists the methods accepted (${allow.join(', ')}).`,
      { methodNotAllowed: problemDocument(405, [methodNotAllowed(allow)]) },
      { ...common, Allow: { description: 'The methods accepted.', schema: { type: 'string' } } },
    );
  const cacheable = { 'Cache-Control': { description: '`public, max-age=300`.', schema: { type: 'string' } }, 'Access-Control-Allow-Origin': common['Access-Control-Allow-Origin'] };

  const { $schema: _, ...request } = z.toJSONSchema(requestSchema(regionIds), { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const questions = [await regionQuestion(), ...QUESTIONS.map(questionJson)];
  const services = await servicesJson();

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongxing (同行) eligibility API',
      version: '1.0.0',
      description:
        'A stateless public calculator: which services a disabled person may be eligible for in a region, why, and which question to answer next. ' +
        'Nothing is stored and no cookies are used. Results are guidance, not decisions: the office that runs a service decides. ' +
        'Texts come in Chinese (`zh`) and English (`en`). Content `en` texts may be missing while a translation is pending.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/eligibility': {
        post: {
          operationId: 'checkEligibility',
          summary: 'Check eligibility for every service offered in a region',
          requestBody: {
            required: true,
            description: `JSON, at most ${MAX_BODY_BYTES} bytes. Unknown fields are refused, so a typo cannot silently change results.`,
            content: { 'application/json': { schema: ref('EligibilityRequest'), examples: requestExamples } },
          },
          responses: {
            200: {
              description: 'A result for each service offered in the region that the self-check has a rule for, and the next question that would help.',
              headers: common,
              content: {
                'application/json': {
                  schema: ref('EligibilityResponse'),
                  examples: Object.fromEntries(Object.entries(requestExamples).map(([k, e]) => [k, { summary: e.summary, value: evaluate(e.value) }])),
                },
              },
            },
            400: problemResponse(
              `The request is not valid: every problem found is listed (malformed JSON, a body over ${MAX_BODY_BYTES} bytes, unknown fields, wrong types, dates that are not real, an unknown region, a certificate number that fails its checks, answers that contradict each other).`,
              {
                manyProblems: evaluate(badRequest),
                invalidJson: problemDocument(400, [{ path: '', code: 'invalidJson', message: REQUEST_MESSAGES.invalidJson }]),
              },
            ),
            405: notAllowed(['POST', 'OPTIONS']),
            415: problemResponse('The body was not sent as JSON (Content-Type: application/json).', {
              unsupportedMediaType: problemDocument(415, [{ path: '', code: 'unsupportedMediaType', message: REQUEST_MESSAGES.unsupportedMediaType }]),
            }),
          },
        },
        options: {
          operationId: 'eligibilityPreflight',
          summary: 'CORS preflight: any origin may POST JSON',
          responses: {
            204: {
              description: 'Allowed: POST with Content-Type.',
              headers: {
                'Access-Control-Allow-Origin': common['Access-Control-Allow-Origin'],
                'Access-Control-Allow-Methods': { schema: { type: 'string' }, description: '`POST, OPTIONS`' },
                'Access-Control-Allow-Headers': { schema: { type: 'string' }, description: '`Content-Type`' },
              },
            },
          },
        },
      },
      '/api/questions': {
        get: {
          operationId: 'listQuestions',
          summary: 'The self-check questions, the region first, in the order they are asked',
          responses: {
            200: {
              description: 'Every question, as data.',
              headers: cacheable,
              content: { 'application/json': { schema: ref('QuestionsResponse'), example: { questions: questions.slice(0, 3) } } },
            },
            405: notAllowed(['GET', 'HEAD']),
          },
        },
      },
      '/api/services': {
        get: {
          operationId: 'listServices',
          summary: 'The service catalogue, with the criteria the self-check judges each service on',
          responses: {
            200: {
              description: 'Every service, in catalogue order.',
              headers: cacheable,
              content: { 'application/json': { schema: ref('ServicesResponse'), example: { services: services.slice(0, 1) } } },
            },
            405: notAllowed(['GET', 'HEAD']),
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          summary: 'This document',
          responses: {
            200: { description: 'OpenAPI 3.1.', headers: cacheable, content: { 'application/json': { schema: { type: 'object' } } } },
            405: notAllowed(['GET', 'HEAD']),
          },
        },
      },
    },
    components: {
      schemas: {
        Text: { ...text, description: 'A text in Chinese and English.' },
        ContentText: {
          type: 'object',
          required: ['zh'],
          properties: { zh: { type: 'string' }, en: { type: 'string', description: 'Missing while a translation is pending.' } },
          additionalProperties: false,
        },
        QuestionId: { type: 'string', enum: questionIds },
        EligibilityRequest: request,
        Reason: {
          type: 'object',
          required: ['criterion', 'status', 'text', 'source', 'missing'],
          properties: {
            criterion: { type: 'string' },
            status: { type: 'string', enum: ['met', 'notMet', 'unknown'] },
            text: ref('Text'),
            source: { type: 'string', description: 'The content/sources id the condition comes from.' },
            missing: { ...arrayOf(ref('QuestionId')), description: 'For `unknown`: the questions that would decide it; empty when only the office (12385 or the local DPF) can.' },
          },
          additionalProperties: false,
        },
        Result: {
          type: 'object',
          required: ['service', 'status', 'reasons', 'missing'],
          properties: {
            service: { type: 'string', description: 'The service slug (see /api/services).' },
            status: { type: 'string', enum: ['eligible', 'ineligible', 'unknown'] },
            reasons: arrayOf(ref('Reason')),
            missing: { ...arrayOf(ref('QuestionId')), description: 'Questions whose answers would decide an undecided service.' },
          },
          additionalProperties: false,
        },
        Option: {
          type: 'object',
          required: ['value', 'label'],
          properties: { value: { type: 'string' }, label: ref('Text'), hint: ref('Text') },
          additionalProperties: false,
        },
        Question: {
          type: 'object',
          required: ['id', 'type', 'label', 'options', 'allowsUnknown', 'fills'],
          properties: {
            id: { type: 'string', enum: ['region', ...questionIds] },
            type: { type: 'string', enum: ANSWER_TYPES },
            label: ref('Text'),
            hint: ref('Text'),
            options: { ...arrayOf(ref('Option')), description: 'For `choice` and `level`: the allowed values, in display order.' },
            allowsUnknown: { type: 'boolean', description: 'Whether "I don\'t know" is an honest answer (send the id in `dontKnow`).' },
            fills: { ...arrayOf(ref('QuestionId')), description: 'Questions this one answers too.' },
          },
          additionalProperties: false,
        },
        Warning: {
          type: 'object',
          required: ['path', 'code', 'message'],
          properties: { path: { type: 'string' }, code: { type: 'string', enum: WARNING_CODES }, message: ref('Text') },
          additionalProperties: false,
        },
        EligibilityResponse: {
          type: 'object',
          required: ['region', 'asOf', 'results', 'next', 'warnings'],
          properties: {
            region: { type: 'string', enum: regionIds },
            asOf: { type: 'string', format: 'date' },
            results: arrayOf(ref('Result')),
            next: { oneOf: [ref('Question'), { type: 'null' }], description: 'The next question that would help, or null when nothing more can change a result.' },
            warnings: { ...arrayOf(ref('Warning')), description: 'Unusual but plausible certificate numbers, for the person to check.' },
          },
          additionalProperties: false,
        },
        Problem: {
          type: 'object',
          required: ['path', 'code', 'message'],
          properties: {
            path: { type: 'string', description: 'The field, e.g. `answers.level` or `dontKnow[1]`; empty for the body as a whole.' },
            code: { type: 'string', enum: PROBLEM_CODES },
            message: ref('Text'),
          },
          additionalProperties: false,
        },
        ProblemDocument: {
          type: 'object',
          description: 'RFC 9457 problem details, listing every problem found.',
          required: ['type', 'title', 'status', 'problems'],
          properties: {
            type: { const: 'about:blank' },
            title: { type: 'string' },
            status: { type: 'integer', enum: [400, 405, 415] },
            problems: { ...arrayOf(ref('Problem')), minItems: 1 },
          },
          additionalProperties: false,
        },
        QuestionsResponse: {
          type: 'object',
          required: ['questions'],
          properties: { questions: arrayOf(ref('Question')) },
          additionalProperties: false,
        },
        Service: {
          type: 'object',
          required: ['slug', 'title', 'summary', 'category', 'regions', 'requiresCertificate', 'url', 'criteria'],
          properties: {
            slug: { type: 'string' },
            title: ref('ContentText'),
            summary: ref('ContentText'),
            category: { type: 'string', enum: SERVICE_CATEGORIES },
            regions: arrayOf({ type: 'string', enum: regionIds }),
            requiresCertificate: { type: 'boolean' },
            url: { ...text, description: 'The service page in each language.' },
            criteria: {
              ...arrayOf({
                type: 'object',
                required: ['id', 'text', 'source'],
                properties: { id: { type: 'string' }, text: ref('Text'), source: { type: 'string' } },
                additionalProperties: false,
              }),
              description: 'The conditions the self-check judges the service on; empty when it has no rule for the service.',
            },
          },
          additionalProperties: false,
        },
        ServicesResponse: {
          type: 'object',
          required: ['services'],
          properties: { services: arrayOf(ref('Service')) },
          additionalProperties: false,
        },
      },
    },
  };
}

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await openApiDocument(), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });

export const ALL: APIRoute = () =>
  new Response(JSON.stringify(problemDocument(405, [methodNotAllowed(['GET', 'HEAD'])])), {
    status: 405,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*', Allow: 'GET, HEAD' },
  });
