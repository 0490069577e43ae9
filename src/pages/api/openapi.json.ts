/**
 * `GET /api/openapi.json`: the API described in OpenAPI 3.1. Built from the code, not copied:
 * the request schema is the zod schema the endpoint validates with, the enums come from
 * the service and disability categories, HOUSEHOLDS, QUESTIONS and content/regions, the methods
 * from the route table (server/http/routes.ts), the limits from `limits`, and the examples are real answers of the engine
 * and the parser, so the document cannot drift from what the API does. Every status a path
 * answers is listed under the method that gets it (tests/integration/api.test.ts produces each).
 */
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { checkIn, QUESTIONS } from '../../domain/eligibility';
import { checkCharacter } from '../../domain/identity';
import { SERVICE_CATEGORIES } from '../../schemas/content';
import { regionData } from '../../catalogue/regions';
import { PROBLEM_CODES, WARNING_CODES, parseEligibilityRequest, requestSchema } from '../../server/self-check/api-request';
import { questionJson, type QuestionJson } from '../../server/self-check/question-json';
import { bodyProblem, headOf } from '../../server/http/json';
import { HTTP_PROBLEMS, PROBLEM_STATUSES, problemDocument } from '../../server/http/problem';
import { limits } from '../../server/http/limits';
import { routeOf } from '../../server/http/routes';
import { regionQuestion } from './questions';
import { servicesJson } from './services';

export const prerender = false;

/** The methods each path takes: the one table (server/http/routes.ts). */
const ELIGIBILITY_METHODS = routeOf('/api/eligibility').allow;
const QUESTIONS_METHODS = routeOf('/api/questions').allow;
const SERVICES_METHODS = routeOf('/api/services').allow;
const ALLOWED_METHODS = routeOf('/api/openapi.json').allow;

/** The methods an OpenAPI 3.1 path item can describe (all but CONNECT). */
export const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type PathItemMethod = (typeof PATH_ITEM_METHODS)[number];

const ANSWER_TYPES = ['yesNo', 'choice', 'date', 'level', 'certificate'] as const satisfies readonly QuestionJson['type'][];
// Every type the API names is listed (a new one fails the type check here).
const _allTypes: Exclude<QuestionJson['type'], (typeof ANSWER_TYPES)[number]> extends never ? true : never = true;
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
    if (!parsed.ok) return problemDocument(400, parsed.problems, parsed.moreProblems);
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
      { methodNotAllowed: problemDocument(405, [HTTP_PROBLEMS.methodNotAllowed(allow)]) },
      { ...common, Allow: { description: 'The methods accepted.', schema: { type: 'string' } } },
    );
  /**
   * Statuses the production server answers itself, before the API: a request it cannot read
   * (a malformed target, `Host` or `X-Forwarded-*`), headers over `MAX_HEADER_BYTES`, headers
   * not sent within `HEADERS_TIMEOUT_MS`, and a failure of the server (never expected: the fuzz
   * suite checks that no request gets one). 408 and 431 come from Node's parser, with no body.
   */
  const serverResponses = {
    400: problemResponse('The request could not be read: a malformed target, `Host` or `X-Forwarded-*` header (code `badRequest`), or, for POST, the problems found in the body.', {
      badRequest: { type: 'about:blank', title: 'Bad Request', status: 400, problems: [HTTP_PROBLEMS.badRequest()] },
    }, { 'Access-Control-Allow-Origin': common['Access-Control-Allow-Origin'] }),
    408: { description: `The request line and headers did not arrive within ${limits.headersTimeoutMs / 1000} s (HEADERS_TIMEOUT_MS); the connection is closed. No body.` },
    431: { description: `The request line and headers are larger than ${limits.maxHeaderBytes / 1024} KiB (MAX_HEADER_BYTES). No body.` },
    500: problemResponse('The server failed (never expected). Code `serverError`.', {
      serverError: { type: 'about:blank', title: 'Internal Server Error', status: 500, problems: [HTTP_PROBLEMS.serverError()] },
    }, { 'Access-Control-Allow-Origin': common['Access-Control-Allow-Origin'] }),
  };
  const namedServerResponses = { 400: 'BadRequest', 408: 'RequestTimeout', 431: 'HeadersTooLarge', 500: 'ServerError' } as const;
  const serverResponsesByName = Object.fromEntries(Object.entries(serverResponses).map(([status, r]) => [status, { name: namedServerResponses[Number(status) as keyof typeof namedServerResponses], ...r }]));
  const cacheable = { 'Cache-Control': { description: '`public, max-age=300`.', schema: { type: 'string' } }, 'Access-Control-Allow-Origin': common['Access-Control-Allow-Origin'] };

  /** HEAD, from the GET operation: the same statuses and headers, no body. */
  const headOperation = (operationId: string, get: { responses: Record<string, { description: string; headers?: object }> }) => ({
    operationId,
    summary: 'The headers GET would send, without the body',
    responses: Object.fromEntries(Object.entries(get.responses).map(([status, r]) => [status, { description: `${r.description} (Headers only.)`, headers: r.headers }])),
  });
  /**
   * A path item: its operations for the methods the path takes, and for every other method one
   * that answers 405 only. OpenAPI has no "any other method", and 405 listed under a method the
   * path takes would be a status that method never gets.
   */
  const pathItem = (id: string, allow: readonly string[], operations: Partial<Record<PathItemMethod, object>>) => {
    const item: Partial<Record<PathItemMethod, object>> = {};
    for (const method of PATH_ITEM_METHODS) {
      const taken = allow.includes(method.toUpperCase());
      if (taken !== (method in operations)) throw new Error(`openapi.json: ${id} ${method} is ${taken ? 'taken but not described' : 'described but not taken'}`);
      const operation = (operations[method] ?? {
        operationId: `${id}${method[0]!.toUpperCase()}${method.slice(1)}NotAllowed`,
        summary: `Not allowed: this path takes ${allow.join(', ')}`,
        responses: { 405: notAllowed([...allow]) },
      }) as { responses: Record<string, object> };
      // What the production server answers before the API sees a request, on any path.
      item[method] = { ...operation, responses: { ...SERVER_RESPONSES, ...operation.responses } };
    }
    return item;
  };

  /** The server's own answers, for any path and method (src/server/http/front-door.ts), by reference to `components.responses`. */
  const SERVER_RESPONSES = Object.fromEntries(Object.entries(serverResponsesByName).map(([status, r]) => [status, { $ref: `#/components/responses/${r.name}` }]));

  const { $schema: _, ...request } = z.toJSONSchema(requestSchema(regionIds), { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const questions = [await regionQuestion(), ...QUESTIONS.map(questionJson)];
  const services = await servicesJson();

  const listQuestions = {
    operationId: 'listQuestions',
    summary: 'The self-check questions, the region first, in the order they are asked',
    responses: {
      200: {
        description: 'Every question, as data.',
        headers: cacheable,
        content: { 'application/json': { schema: ref('QuestionsResponse'), example: { questions: questions.slice(0, 3) } } },
      },
    },
  };
  const listServices = {
    operationId: 'listServices',
    summary: 'The service catalogue, with the criteria the self-check judges each service on',
    responses: {
      200: {
        description: 'Every service, in catalogue order.',
        headers: cacheable,
        content: { 'application/json': { schema: ref('ServicesResponse'), example: { services: services.slice(0, 1) } } },
      },
    },
  };
  const getDocument = {
    operationId: 'openApiDocument',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1.', headers: cacheable, content: { 'application/json': { schema: { type: 'object' } } } } },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongxing (同行) eligibility API',
      version: '1.0.0',
      description:
        'A stateless public calculator: which services a disabled person may be eligible for in a region, why, and which question to answer next. ' +
        'Nothing is stored and no cookies are used. Results are guidance, not decisions: the office that runs a service decides. ' +
        'Texts come in Chinese (`zh`) and English (`en`). Content `en` texts may be missing while a translation is pending. ' +
        'Every status a path answers is listed under its methods; any other method is 405. No request should get a 500: one would be a bug.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/eligibility': pathItem('eligibility', ELIGIBILITY_METHODS, {
        post: {
          operationId: 'checkEligibility',
          summary: 'Check eligibility for every service offered in a region',
          requestBody: {
            required: true,
            description:
              `JSON (Content-Type \`application/json\`, otherwise 415), at most ${limits.jsonBodyBytes} bytes (more is 413), ` +
              `with arrays and objects nested at most ${limits.jsonMaxDepth} deep (deeper is 400 \`tooDeep\`). ` +
              'Unknown fields are refused, so a typo cannot silently change results.',
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
              `The request is not valid: the problems found are listed, the first ${limits.maxProblems} with \`moreProblems\` counting the rest (malformed JSON, nesting deeper than ${limits.jsonMaxDepth}, unknown fields, wrong types, dates that are not real, an unknown region, a certificate number that fails its checks, answers that contradict each other).`,
              {
                manyProblems: evaluate(badRequest),
                invalidJson: problemDocument(400, [bodyProblem('invalidJson')]),
                tooDeep: problemDocument(400, [bodyProblem('tooDeep')]),
              },
            ),
            413: problemResponse(`The body is larger than ${limits.jsonBodyBytes} bytes.`, { tooLarge: problemDocument(413, [bodyProblem('tooLarge')]) }),
            415: problemResponse(
              'The body was not sent as JSON: its Content-Type is not `application/json` (or `application/*+json`), or there is none.',
              { unsupportedMediaType: problemDocument(415, [bodyProblem('unsupportedMediaType')]) },
              { ...common, 'Accept-Post': { description: '`application/json`: the type to send.', schema: { type: 'string' } } },
            ),
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
                'Access-Control-Allow-Methods': { schema: { type: 'string' }, description: `\`${ELIGIBILITY_METHODS.join(', ')}\`` },
                'Access-Control-Allow-Headers': { schema: { type: 'string' }, description: '`Content-Type`' },
                'Access-Control-Max-Age': { schema: { type: 'string' }, description: '`86400`: a day.' },
                Allow: { schema: { type: 'string' }, description: `\`${ELIGIBILITY_METHODS.join(', ')}\`` },
              },
            },
          },
        },
      }),
      '/api/questions': pathItem('questions', QUESTIONS_METHODS, {
        get: listQuestions,
        head: headOperation('listQuestionsHeaders', listQuestions),
      }),
      '/api/services': pathItem('services', SERVICES_METHODS, {
        get: listServices,
        head: headOperation('listServicesHeaders', listServices),
      }),
      '/api/openapi.json': pathItem('openApi', ALLOWED_METHODS, {
        get: getDocument,
        head: headOperation('openApiDocumentHeaders', getDocument),
      }),
    },
    components: {
      responses: Object.fromEntries(Object.values(serverResponsesByName).map(({ name, ...response }) => [name, response])),
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
          description: `RFC 9457 problem details, listing the problems found: all of them, or the first ${limits.maxProblems} and how many more.`,
          required: ['type', 'title', 'status', 'problems'],
          properties: {
            type: { const: 'about:blank' },
            title: { type: 'string' },
            status: { type: 'integer', enum: PROBLEM_STATUSES },
            problems: { ...arrayOf(ref('Problem')), minItems: 1, maxItems: limits.maxProblems, description: 'In the order found.' },
            moreProblems: {
              type: 'integer',
              minimum: 1,
              description: `How many more problems were found than are listed (at most ${limits.maxProblems} are). Absent when every problem is listed.`,
            },
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

export const HEAD = headOf(GET);

