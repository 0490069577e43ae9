/**
 * The applications' part of /api/openapi.json (src/pages/api/openapi.json.ts builds the whole):
 * `POST /api/applications` and `GET /api/applications/{reference}`, their schemas from the zod
 * schemas the code parses and answers with. The document's helpers come in as arguments, so
 * this file depends on nothing under pages/.
 */
import { z } from 'zod';
import { answersSchema } from '../../domain/applications/schemas';
import { FORMS, FORM_IDS } from '../../domain/applications/forms';
import { HELPER_ROLES } from '../../domain/applications/applicant';
import { CONSENT_WORDING } from '../../domain/applications/consent';
import { STATUSES } from '../../domain/applications/status';
import { checkCharacter } from '../../domain/identity';
import { limits } from '../http/limits';
import { routeOf } from '../http/routes';
import { APPLICATION_PROBLEMS, applicationProblemDocumentSchema, submittedSchema } from './api-request';

const status = z.enum(STATUSES);
const office = z.enum(['township', 'countyDpf', 'none']).meta({ description: '`township`: the township or sub-district office; `countyDpf`: the local DPF; `none`: closed.' });

export const applicationViewSchema = z
  .strictObject({
    reference: z.string().regex(/^[A-Z2-9]{10}$/),
    form: z.enum(FORM_IDS),
    region: z.string(),
    status,
    office,
    history: z.array(z.strictObject({ status, office, at: z.iso.datetime().meta({ description: 'UTC, ISO 8601.' }) })).meta({ description: 'Each step, oldest first.' }),
  })
  .meta({ description: 'Where an application stands, which office holds it, and its history.' });

/** The request as documented: each form's answers spelled out (the code checks the same with the form's schema). */
function applicationRequestSchema(regionIds: readonly string[]) {
  const text = (description: string) => z.string().meta({ description });
  return z
    .strictObject({
      form: z.enum(FORM_IDS),
      region: z.enum(regionIds as [string, ...string[]]).meta({ description: 'Where the person’s household is registered; the form’s service must be offered there.' }),
      applicant: z
        .strictObject({
          name: text('As on the ID card, up to 50 characters.'),
          idNumber: text('18 characters, checked like the pages check it (check character, a real birth date). May be left out when `certificateNumber` is given: its first 18 characters are taken. When both are given they must agree.').optional(),
          certificateNumber: text('The disability certificate number (its first 18 characters are the ID number). Required for `two-subsidies`; one of `idNumber` and `certificateNumber` is required for every form.').optional(),
          phone: text('A mainland mobile or a landline with its area code. Required when `submitter` is null; otherwise the person’s own, to receive every notice too.').optional(),
          address: text('Up to 200 characters.'),
        })
        .meta({ description: 'The disabled person.' }),
      submitter: z
        .strictObject({ name: text('Up to 50 characters.'), relationship: z.enum(HELPER_ROLES), phone: text('Every notice goes here.'), idNumber: text('18 characters.') })
        .nullable()
        .meta({ description: 'Who applies for the person, in one of the legal roles; null when the person applies. A child under 14 never applies alone.' }),
      answers: z.union(FORMS.map((f) => answersSchema(f, { asOf: '2000-01-01' }).meta({ title: f.id, description: `The answers of \`${f.id}\`: ${f.title.en}.` }))),
      consent: z.strictObject({
        sensitiveData: z.boolean().meta({ description: `Must be true. ${CONSENT_WORDING.sensitiveData.basis.en} ${CONSENT_WORDING.sensitiveData.ifRefused.en}` }),
        declaration: z.boolean().meta({ description: 'Must be true: what the application says is true and complete.' }),
        otherServices: z
          .boolean()
          .optional()
          .meta({ description: `Optional. ${CONSENT_WORDING.otherServices.purpose.en} ${CONSENT_WORDING.otherServices.ifRefused.en}` }),
      }),
    })
    .meta({ description: 'An application. Unknown fields are refused; an answer to a question the other answers do not ask is refused too.' });
}

export function applicationsSchemas(regionIds: readonly string[]) {
  const { $schema: _, ...request } = z.toJSONSchema(applicationRequestSchema(regionIds), { io: 'input', target: 'draft-2020-12' });
  const output = (schema: z.ZodType) => {
    const { $schema: __, ...json } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' });
    return json;
  };
  return {
    ApplicationRequest: request,
    ApplicationSubmitted: output(submittedSchema),
    ApplicationStatus: output(applicationViewSchema),
    ApplicationProblemDocument: output(applicationProblemDocumentSchema),
  };
}

/** The document's helpers, as openapi.json.ts has them. */
interface Helpers {
  pathItem: (path: string, id: string, operations: Record<string, any>) => object;
  problemResponse: (description: string, examples: Record<string, { value: unknown }>, headers?: object) => any;
  header: (description: string) => object;
  ref: (name: string) => object;
  NO_STORE: object;
  OPEN: object;
  headOperation: (operationId: string, get: any) => any;
}

const doc = (status: 400 | 404 | 409 | 413 | 415 | 422 | 429, problems: { path: string; code: string; message: unknown }[]) => ({
  value: {
    type: 'about:blank',
    title: { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests' }[status],
    status,
    problems,
  },
});

export async function applicationsPaths(h: Helpers) {
  const problems = (description: string, examples: Record<string, { value: unknown }>, headers: object = h.NO_STORE) => {
    const r = h.problemResponse(description, examples, headers);
    return { ...r, content: { 'application/problem+json': { ...r.content['application/problem+json'], schema: h.ref('ApplicationProblemDocument') } } };
  };
  const postAllow = routeOf('/api/applications').allow.join(', ');
  const getAllow = routeOf('/api/applications/X').allow.join(', ');
  // Synthetic ID numbers (never a real person's), with their check characters.
  const id = (first17: string) => `${first17}${checkCharacter(first17)}`;
  const person = id('22020119560307123');
  const example = {
    form: 'two-subsidies',
    region: 'jilin-city',
    applicant: { name: '王建国', idNumber: person, certificateNumber: `${person}42`, address: '吉林市船营区某街1号' },
    submitter: { name: '王丽', relationship: 'supportDuty', phone: '13800001234', idNumber: id('22020119850101123') },
    answers: { household: 'dibao', needsLongTermCare: true, subsidies: ['living-subsidy', 'nursing-subsidy'] },
    consent: { sensitiveData: true, declaration: true },
  };
  const submitted = { reference: 'K7PM3XWQ9D', accessCode: 'R4TN8JC2HVXA', status: 'submitted' };
  const view = {
    reference: 'K7PM3XWQ9D',
    form: 'two-subsidies',
    region: 'jilin-city',
    status: 'submitted',
    office: 'township',
    history: [{ status: 'submitted', office: 'township', at: '2026-12-02T08:00:00.000Z' }],
  };
  const idempotencyKey = {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description: 'A new random value (a UUID) for each application, the same one for a retry: a retry then never sends a second application. 1-255 visible ASCII characters.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  };
  const acceptLanguage = {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'The language the person is told of the application in (the text messages sent at each change): English when English is preferred to Chinese, otherwise Chinese.',
    schema: { type: 'string', example: 'en' },
  };
  const get = {
    operationId: 'getApplication',
    summary: 'Where an application stands, with its reference and access code',
    parameters: [
      { name: 'reference', in: 'path', required: true, description: 'The reference given when it was sent (case, spaces and hyphens ignored).', schema: { type: 'string' } },
      { name: 'X-Access-Code', in: 'header', required: true, description: 'The access code given when it was sent.', schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'The status, the office holding the case, and the history.', headers: h.NO_STORE, content: { 'application/json': { schema: h.ref('ApplicationStatus'), example: view } } },
      400: problems('No `X-Access-Code` header (code `accessCodeMissing`). The server’s own `badRequest` comes with this status too.', {
        accessCodeMissing: doc(400, [APPLICATION_PROBLEMS.accessCodeMissing()]),
      }),
      404: problems('The reference or the access code is wrong: one answer for both, so nobody learns whether a reference exists.', { notFound: doc(404, [APPLICATION_PROBLEMS.notFound()]) }),
      429: problems(
        'Too many wrong tries for this reference (5) or from this client (100) within 15 minutes; counted in the database, so every server counts them. Even the right pair waits.',
        { tooManyTries: doc(429, [APPLICATION_PROBLEMS.tooManyTries()]) },
        { ...h.NO_STORE, 'Retry-After': h.header('Seconds until the lock ends.') },
      ),
    },
  };
  return {
    '/api/applications': h.pathItem('/api/applications', 'applications', {
      post: {
        operationId: 'submitApplication',
        summary: 'Send an application',
        parameters: [idempotencyKey, acceptLanguage],
        requestBody: {
          required: true,
          description: `JSON, at most ${limits.jsonBodyBytes} bytes, nested at most ${limits.jsonMaxDepth} deep. Checked with the same rules as the portal's pages.`,
          content: { 'application/json': { schema: h.ref('ApplicationRequest'), example } },
        },
        responses: {
          201: {
            description:
              'Sent (or, for a retry with the same Idempotency-Key and body, the first answer again). Keep the reference and the access code: the access code is not stored in clear and cannot be shown again, except to a retry.',
            headers: { ...h.NO_STORE, Location: h.header('The application’s status resource.') },
            content: { 'application/json': { schema: h.ref('ApplicationSubmitted'), example: submitted } },
          },
          400: problems(
            `The request is not valid: no Idempotency-Key (\`idempotencyKeyMissing\`) or a malformed one, or the problems found in the body (the first ${limits.maxProblems}, \`moreProblems\` counting the rest), each at its path with a code and a message in both languages. The server’s own \`badRequest\` comes with this status too.`,
            { idempotencyKeyMissing: doc(400, [APPLICATION_PROBLEMS.idempotencyKeyMissing()]) },
          ),
          409: problems(
            'A request with this Idempotency-Key is still being handled (`inFlight`; retry after `Retry-After`), or the person already has an open application on this form (`openApplicationExists`): it is explained, not duplicated.',
            {
              openApplicationExists: doc(409, [APPLICATION_PROBLEMS.openApplicationExists()]),
              inFlight: doc(409, [APPLICATION_PROBLEMS.inFlight()]),
            },
          ),
          413: problems(`The body is larger than ${limits.jsonBodyBytes} bytes.`, {}),
          415: problems('The body was not sent as JSON.', {}, { ...h.NO_STORE, 'Accept-Post': h.header('`application/json`: the type to send.') }),
          422: problems('This Idempotency-Key was used with a different body (`idempotencyKeyReused`).', { idempotencyKeyReused: doc(422, [APPLICATION_PROBLEMS.idempotencyKeyReused()]) }),
          429: problems(
            'More applications from this client in the current hour than the deployment allows (`SUBMIT_LIMIT_PER_HOUR`, 30 unless set; counted in the database, so every server counts them). Nothing was stored.',
            { tooManySubmissions: doc(429, [APPLICATION_PROBLEMS.tooManySubmissions()]) },
            { ...h.NO_STORE, 'Retry-After': h.header('Seconds until the hour ends.') },
          ),
        },
      },
      options: {
        operationId: 'applicationsPreflight',
        summary: 'CORS preflight: any origin may POST JSON with an Idempotency-Key',
        responses: {
          204: {
            description: 'Allowed.',
            headers: {
              ...h.OPEN,
              'Access-Control-Allow-Methods': h.header(`\`${postAllow}\``),
              'Access-Control-Allow-Headers': h.header('`Content-Type, Idempotency-Key`'),
              Allow: h.header(`\`${postAllow}\``),
            },
          },
        },
      },
    }),
    '/api/applications/{reference}': h.pathItem('/api/applications/X', 'application', {
      get,
      head: h.headOperation('getApplicationHeaders', get),
      options: {
        operationId: 'applicationPreflight',
        summary: 'CORS preflight: any origin may GET with an X-Access-Code',
        responses: {
          204: {
            description: 'Allowed.',
            headers: { ...h.OPEN, 'Access-Control-Allow-Methods': h.header(`\`${getAllow}\``), 'Access-Control-Allow-Headers': h.header('`X-Access-Code`'), Allow: h.header(`\`${getAllow}\``) },
          },
        },
      },
    }),
  };
}
