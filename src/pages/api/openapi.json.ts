/**
 * `GET /api/openapi.json`: the API described in OpenAPI 3.1. Built from the code, not copied:
 * every schema is `z.toJSONSchema` of the zod schema the code validates the request with or
 * types its answers by (JSON Schema 2020-12, OpenAPI 3.1's dialect), the methods come from the
 * route table (server/http/routes.ts), the limits from `limits`, and the examples are what the
 * POST handler and the server's refusals really answer. Every status a path answers is listed
 * under the method that gets it; tests/integration/api-contract.test.ts produces each one and
 * validates the real bodies against these schemas.
 */
import type { APIContext, APIRoute } from 'astro';
import { z } from 'zod';
import { regionData } from '../../catalogue/regions';
import { checkCharacter } from '../../domain/identity';
import { headOf } from '../../server/http/json';
import { limits } from '../../server/http/limits';
import { refusal } from '../../server/http/refusals';
import { routeOf } from '../../server/http/routes';
import { contentTextSchema, textSchema } from '../../server/http/text-schema';
import { apiProblemDocumentSchema, requestSchema, warningSchema } from '../../server/self-check/api-request';
import { eligibilityResponseSchema, reasonSchema, resultSchema } from '../../server/self-check/api-response';
import { optionJsonSchema, questionIdSchema, questionJsonSchema } from '../../server/self-check/question-json';
import { POST as checkEligibility } from './eligibility';
import { applicationsPaths, applicationsSchemas } from '../../server/applications/openapi';
import { questionsJson, questionsResponseSchema } from './questions';
import { servicesJson, servicesResponseSchema } from './services';

export const prerender = false;

/** The methods an OpenAPI 3.1 path item can describe (all but CONNECT). */
export const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type PathItemMethod = (typeof PATH_ITEM_METHODS)[number];

/** This document, loosely: its full schema is OpenAPI's own (https://spec.openapis.org/oas/3.1/schema/2022-10-07). */
const openApiDocumentSchema = z
  .looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.looseObject({})) })
  .meta({ description: 'An OpenAPI 3.1 document.' });

/**
 * `components.schemas`: the JSON Schema of every answer's zod schema, each under its name and
 * referenced (`$ref`) wherever another one uses it.
 */
function responseSchemas(regionIds: readonly string[]) {
  const services = servicesResponseSchema(regionIds);
  const named: Record<string, z.ZodType> = {
    Text: textSchema,
    ContentText: contentTextSchema,
    QuestionId: questionIdSchema,
    Option: optionJsonSchema,
    Question: questionJsonSchema,
    Reason: reasonSchema,
    Result: resultSchema,
    Warning: warningSchema,
    EligibilityResponse: eligibilityResponseSchema(regionIds),
    Problem: apiProblemDocumentSchema.shape.problems.element,
    ProblemDocument: apiProblemDocumentSchema,
    QuestionsResponse: questionsResponseSchema,
    Service: services.shape.services.element,
    ServicesResponse: services,
    OpenApiDocument: openApiDocumentSchema,
  };
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'output', uri: (id) => `#/components/schemas/${id}` });
  // A schema used twice but not named would land in a `__shared` document no $ref here reaches.
  if ('__shared' in schemas) throw new Error(`openapi.json: name the shared schemas ${Object.keys(schemas.__shared!.$defs ?? {}).join(', ')}`);
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** A synthetic certificate number (never a real person's): an ID number with its check character, and category and level digits. */
function syntheticCertificate(birth: string, categoryDigit: number, level: number, wrongCheck = false) {
  const first17 = `220201${birth}123`;
  const check = checkCharacter(first17);
  return `${first17}${wrongCheck ? (check === '0' ? '1' : '0') : check}${categoryDigit}${level}`;
}

/** Examples named, each the real POST handler's answer to its body, which must get `status`. */
async function handlerExamples(status: number, requests: Record<string, { summary?: string; body: string; contentType?: string }>) {
  const examples: Record<string, { summary?: string; value: unknown }> = {};
  for (const [name, { summary, body, contentType = 'application/json' }] of Object.entries(requests)) {
    const request = new Request('http://localhost/api/eligibility', { method: 'POST', headers: { 'content-type': contentType }, body });
    const res = await checkEligibility({ request, url: new URL(request.url) } as APIContext);
    if (res.status !== status) throw new Error(`openapi.json: the example ${name} is answered ${res.status}, not ${status}`);
    examples[name] = { ...(summary ? { summary } : {}), value: await res.json() };
  }
  return examples;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const header = (description: string) => ({ description, schema: { type: 'string' } });
const OPEN = { 'Access-Control-Allow-Origin': header('`*`: a public calculator with no cookies.') };
const NO_STORE = { 'Cache-Control': header('`no-store`: answers are never cached.'), ...OPEN };
const CACHEABLE = { 'Cache-Control': header('`public, max-age=300`.'), ...OPEN };
/** The server's own refusal on an API path (src/server/http/refusals.ts), as sent. */
const refusalBody = (...args: Parameters<typeof refusal>) => JSON.parse(refusal(...args).body) as unknown;

const problemResponse = (description: string, examples: Record<string, { value: unknown }>, headers: object = NO_STORE) => ({
  description,
  headers,
  content: { 'application/problem+json': { schema: ref('ProblemDocument'), examples } },
});

/**
 * What the production server answers itself, before the API, on any path and method
 * (src/server/http/front-door.ts), in `components.responses`: a request it cannot read (a
 * malformed target, `Host` or `X-Forwarded-*`), headers not sent within HEADERS_TIMEOUT_MS or
 * over MAX_HEADER_BYTES (both from Node's parser, with no body), and a failure of the server
 * (never expected: the fuzz suite checks that no request gets one).
 */
const SERVER_RESPONSES = {
  BadRequest: [400, problemResponse('The request could not be read: a malformed target, `Host` or `X-Forwarded-*` header (code `badRequest`), or, for POST, the problems found in the body.', { badRequest: { value: refusalBody('badRequest', '/api') } }, OPEN)],
  RequestTimeout: [408, { description: `The request line and headers did not arrive within ${limits.headersTimeoutMs / 1000} s (HEADERS_TIMEOUT_MS); the connection is closed. No body.` }],
  HeadersTooLarge: [431, { description: `The request line and headers are larger than ${limits.maxHeaderBytes / 1024} KiB (MAX_HEADER_BYTES). No body.` }],
  ServerError: [500, problemResponse('The server failed (never expected). Code `serverError`.', { serverError: { value: refusalBody('serverError', '/api') } }, OPEN)],
} as const;
const SERVER_REFS = Object.fromEntries(Object.entries(SERVER_RESPONSES).map(([name, [status]]) => [status, { $ref: `#/components/responses/${name}` }]));

export type Operation = { operationId: string; summary: string; responses: Record<string, { description: string; headers?: object; content?: object }>; [key: string]: unknown };

/** HEAD, from the GET operation: the same statuses and headers, no body. */
const headOperation = (operationId: string, get: Operation): Operation => ({
  operationId,
  summary: 'The headers GET would send, without the body',
  responses: Object.fromEntries(Object.entries(get.responses).map(([status, r]) => [status, { description: `${r.description} (Headers only.)`, headers: r.headers }])),
});

/**
 * A path item: its operations for the methods the path takes (routeOf), and for every other
 * method one that answers 405 only. OpenAPI has no "any other method", and 405 listed under a
 * method the path takes would be a status that method never gets. Every operation also lists
 * the server's own answers.
 */
function pathItem(path: string, id: string, operations: Partial<Record<PathItemMethod, Operation>>) {
  const allow = routeOf(path).allow;
  const notAllowed = problemResponse(
    `Method not allowed: the \`Allow\` header lists the methods accepted (${allow.join(', ')}).`,
    { methodNotAllowed: { value: refusalBody('methodNotAllowed', path, { allow }) } },
    { ...NO_STORE, Allow: header('The methods accepted.') },
  );
  const item: Partial<Record<PathItemMethod, object>> = {};
  for (const method of PATH_ITEM_METHODS) {
    const taken = allow.includes(method.toUpperCase());
    if (taken !== (method in operations)) throw new Error(`openapi.json: ${path} ${method} is ${taken ? 'taken but not described' : 'described but not taken'}`);
    const operation = operations[method] ?? {
      operationId: `${id}${method[0]!.toUpperCase()}${method.slice(1)}NotAllowed`,
      summary: `Not allowed: this path takes ${allow.join(', ')}`,
      responses: { 405: notAllowed },
    };
    item[method] = { ...operation, responses: { ...SERVER_REFS, ...operation.responses } };
  }
  return item;
}

/** A read-only resource: GET, and HEAD from it. */
const readOnly = (path: string, id: string, get: Operation) => pathItem(path, id, { get, head: headOperation(`${get.operationId}Headers`, get) });
const getOperation = (operationId: string, summary: string, description: string, schema: string, example?: unknown): Operation => ({
  operationId,
  summary,
  responses: { 200: { description, headers: CACHEABLE, content: { 'application/json': { schema: ref(schema), ...(example === undefined ? {} : { example }) } } } },
});

export async function openApiDocument() {
  const regions = await regionData();
  const regionIds = [...regions.keys()];
  const region = regions.has('jilin-city') ? 'jilin-city' : regionIds[0]!;
  const asOf = '2026-06-01';
  const eligibilityMethods = routeOf('/api/eligibility').allow.join(', ');

  const requestExamples = {
    answers: {
      summary: 'Answers given one by one',
      value: { region, asOf, answers: { hasCertificate: true, level: 3, category: 'intellectual', household: 'dibao' }, dontKnow: ['needsLongTermCare'] },
    },
    certificateNumber: {
      summary: 'A (synthetic) certificate number, which fills birth date, category and level',
      value: { region, asOf, answers: { certificateNumber: syntheticCertificate('19850315', 5, 3), household: 'dibao' } },
    },
  };
  const badRequest = {
    region: 'nowhere',
    asOf: '2026-02-30',
    answers: { levle: 3, household: 'rich', hasCertificate: 'yes', certificateNumber: syntheticCertificate('19850315', 5, 3, true) },
    dontKnow: ['birthDate'],
  };
  const { $schema: _, ...request } = z.toJSONSchema(requestSchema(regionIds), { io: 'input', target: 'draft-2020-12' });
  const { questions } = await questionsJson();

  const checkEligibilityOperation: Operation = {
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
        headers: NO_STORE,
        content: {
          'application/json': {
            schema: ref('EligibilityResponse'),
            examples: await handlerExamples(200, Object.fromEntries(Object.entries(requestExamples).map(([name, e]) => [name, { summary: e.summary, body: JSON.stringify(e.value) }]))),
          },
        },
      },
      400: problemResponse(
        `The request is not valid: the problems found are listed, the first ${limits.maxProblems} with \`moreProblems\` counting the rest (malformed JSON, nesting deeper than ${limits.jsonMaxDepth}, unknown fields, wrong types, dates that are not real, an unknown region, a certificate number that fails its checks, answers that contradict each other). The server's own \`badRequest\` comes with this status too.`,
        await handlerExamples(400, {
          manyProblems: { body: JSON.stringify(badRequest) },
          invalidJson: { body: '{"region": ' },
          tooDeep: { body: '['.repeat(limits.jsonMaxDepth + 1) },
        }),
      ),
      413: problemResponse(`The body is larger than ${limits.jsonBodyBytes} bytes.`, await handlerExamples(413, { tooLarge: { body: ' '.repeat(limits.jsonBodyBytes + 1) } })),
      415: problemResponse(
        'The body was not sent as JSON: its Content-Type is not `application/json` (or `application/*+json`), or there is none.',
        await handlerExamples(415, { unsupportedMediaType: { body: `region=${region}`, contentType: 'application/x-www-form-urlencoded' } }),
        { ...NO_STORE, 'Accept-Post': header('`application/json`: the type to send.') },
      ),
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongxing (同行) API: eligibility and applications',
      version: '1.0.0',
      description:
        'A stateless public calculator: which services a disabled person may be eligible for in a region, why, and which question to answer next ' +
        '(nothing is stored); and applications, sent and followed by partner apps and people helping others to apply. No cookies are used. ' +
        'Results are guidance, not decisions: the office that runs a service decides. ' +
        'Texts come in Chinese (`zh`) and English (`en`). Content `en` texts may be missing while a translation is pending. ' +
        'Every status a path answers is listed under its methods; any other method is 405. No request should get a 500: one would be a bug.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/eligibility': pathItem('/api/eligibility', 'eligibility', {
        post: checkEligibilityOperation,
        options: {
          operationId: 'eligibilityPreflight',
          summary: 'CORS preflight: any origin may POST JSON',
          responses: {
            204: {
              description: 'Allowed: POST with Content-Type.',
              headers: {
                ...OPEN,
                'Access-Control-Allow-Methods': header(`\`${eligibilityMethods}\``),
                'Access-Control-Allow-Headers': header('`Content-Type`'),
                'Access-Control-Max-Age': header('`86400`: a day.'),
                Allow: header(`\`${eligibilityMethods}\``),
              },
            },
          },
        },
      }),
      '/api/questions': readOnly(
        '/api/questions',
        'questions',
        getOperation('listQuestions', 'The self-check questions, the region first, in the order they are asked', 'Every question, as data.', 'QuestionsResponse', { questions: questions.slice(0, 3) }),
      ),
      '/api/services': readOnly(
        '/api/services',
        'services',
        getOperation('listServices', 'The service catalogue, with the criteria the self-check judges each service on', 'Every service, in catalogue order.', 'ServicesResponse', {
          services: (await servicesJson()).slice(0, 1),
        }),
      ),
      ...(await applicationsPaths({ pathItem, problemResponse, header, ref, NO_STORE, OPEN, headOperation })),
      '/api/openapi.json': readOnly('/api/openapi.json', 'openApi', getOperation('openApiDocument', 'This document', 'OpenAPI 3.1.', 'OpenApiDocument')),
    },
    components: {
      responses: Object.fromEntries(Object.entries(SERVER_RESPONSES).map(([name, [, response]]) => [name, response])),
      schemas: { EligibilityRequest: request, ...responseSchemas(regionIds), ...applicationsSchemas(regionIds) },
    },
  };
}

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await openApiDocument(), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });

export const HEAD = headOf(GET);
