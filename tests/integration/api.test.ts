/**
 * The JSON API over HTTP: POST /api/eligibility (results, problems, limits, CORS, methods),
 * GET /api/questions, GET /api/services, and GET /api/openapi.json, checked against the
 * responses themselves so the document cannot drift: every status it lists is produced here,
 * and every status seen here is listed. Synthetic ID numbers only, made here with the domain's
 * checkCharacter.
 */
import { contentRegions } from '../region-tree';
import { describe, expect, it, inject } from 'vitest';
import { request as httpRequest } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkCharacter } from '../../src/domain/identity';
import { QUESTIONS, RULES } from '../../src/domain/eligibility';
import { limits } from '../../src/server/http/limits';
import { randomUUID } from 'node:crypto';
import { exampleApplication, idFor } from '../people';

const base = inject('baseUrl');
const API = `${base}/api/eligibility`;
const GET_PATHS = ['/api/questions', '/api/services', '/api/openapi.json'];

/** Every `METHOD path status` this file has seen, to check the document lists each. */
const observed = new Set<string>();

/**
 * A request over node:http, for what fetch will not send: TRACE (a forbidden method), a
 * malformed Host, headers over the server's limit.
 */
const raw = (url: URL, method: string, headers: Record<string, string> = {}) =>
  new Promise<Response>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, String(value));
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(method === 'HEAD' || chunks.length === 0 ? null : Buffer.concat(chunks), { status: res.statusCode!, headers })));
    });
    req.on('error', reject);
    req.end();
  });
const trace = (url: URL) => raw(url, 'TRACE');

/** A request to the portal (`path` or a full URL), recording the status it got. */
async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(path, base);
  const method = (init.method ?? 'GET').toUpperCase();
  const res = method === 'TRACE' ? await trace(url) : await fetch(url, init);
  // An application's own address is recorded as the document's template.
  observed.add(`${method} ${url.pathname.replace(/^\/api\/applications\/[^/]+$/, '/api/applications/{reference}')} ${res.status}`);
  return res;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call(API, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const tooLarge = () => JSON.stringify({ region: 'jilin-city', answers: { certificateNumber: 'x'.repeat(limits.jsonBodyBytes) } });
const preflight = () =>
  call(API, {
    method: 'OPTIONS',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
const check = async (body: unknown) => {
  const res = await post(body);
  return { res, json: (await res.json()) as any };
};

/** Service slugs by region, from content/services (`regions:`). */
const servicesIn = (region: string) =>
  readdirSync('content/services')
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => (parse(readFileSync(`content/services/${f}`, 'utf8')).regions as string[]).includes(region))
    .map((f) => f.replace(/\.yaml$/, ''));
/** The served regions: those some service is offered in (the levels above are in the tree only). */
const regionIds = [...contentRegions().keys()].sort();

const syntheticId = (birth: string) => {
  const first17 = `220201${birth}123`;
  return first17 + checkCharacter(first17);
};

const resultFor = (json: any, service: string) => json.results.find((r: any) => r.service === service);

/** Expects a problem document with exactly these [path, code] pairs (in any order). */
async function expectProblems(res: Response, status: number, expected: [string, string][]) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const json = (await res.json()) as any;
  expect(json).toMatchObject({ type: 'about:blank', status, title: expect.any(String) });
  expect(json.problems.map((p: any) => [p.path, p.code]).sort()).toEqual([...expected].sort());
  for (const p of json.problems) expect(p.message).toEqual({ zh: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) });
  return json;
}

describe('POST /api/eligibility', () => {
  it('gives results only for the services offered in Jilin City', async () => {
    const { res, json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers: {} });
    expect(res.status).toBe(200);
    const offered = servicesIn('jilin-city');
    const withRules = RULES.map((r) => r.service).filter((s) => offered.includes(s)).sort();
    expect(json.results.map((r: any) => r.service).sort()).toEqual(withRules);
    expect(json.results.length).toBeGreaterThan(0);
    for (const r of json.results) expect(offered).toContain(r.service);
  });

  it('finds the living subsidy eligible with a certificate and dibao', async () => {
    const { json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers: { hasCertificate: true, household: 'dibao' } });
    expect(resultFor(json, 'living-subsidy')).toMatchObject({ status: 'eligible', missing: [] });
    expect(resultFor(json, 'living-subsidy').reasons.every((r: any) => r.status === 'met')).toBe(true);
  });

  it('rules the nursing subsidy out at level 3 in Jilin City, citing 吉林省’s clause (levels 1-2 only)', async () => {
    const answers = { hasCertificate: true, level: 3, category: 'intellectual', needsLongTermCare: true };
    const { json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers });
    const nursing = resultFor(json, 'nursing-subsidy');
    expect(nursing.status).toBe('ineligible');
    expect(nursing.reasons.find((r: any) => r.criterion === 'severeOrExtended')).toMatchObject({ status: 'notMet', source: 'jilin-two-subsidies', clause: 'nursing-subsidy-recipients' });
  });

  it('gives the nursing subsidy at level 1 in Yuhua District without asking about long-term care (湖南省 defines it by level)', async () => {
    const { json } = await check({ region: 'changsha-yuhua', asOf: '2026-06-01', answers: { hasCertificate: true, level: 1 } });
    const nursing = resultFor(json, 'nursing-subsidy');
    expect(nursing).toMatchObject({ status: 'eligible', missing: [] });
    expect(nursing.reasons.find((r: any) => r.criterion === 'needsLongTermCare')).toMatchObject({ status: 'met', source: 'hunan-two-subsidies', clause: 'nursing-subsidy-recipients' });
  });

  it('reads a certificate number and gives the next question', async () => {
    const certificateNumber = `${syntheticId('19850315')}53`;
    const { res, json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers: { certificateNumber } });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ region: 'jilin-city', asOf: '2026-06-01', warnings: [] });
    expect(resultFor(json, 'living-subsidy').missing).toEqual(['household']);
    expect(json.next).toMatchObject({ id: 'household', type: 'choice', allowsUnknown: true });
    expect(json.next).not.toHaveProperty('askWhen');
    expect(json.next.options.map((o: any) => o.value)).toContain('dibao');
  });

  it('does not ask again what was answered "I don’t know", and returns warnings', async () => {
    const { json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers: { certificateNumber: syntheticId('19850315') }, dontKnow: ['household'] });
    expect(json.next?.id).not.toBe('household');
    expect(json.warnings.map((w: any) => w.code)).toEqual(['noCategoryOrLevel']);
  });

  it('asks first whether there is a certificate, and defaults asOf to today in China', async () => {
    const { json } = await check({ region: 'changsha-yuhua' });
    expect(json.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.next.id).toBe('hasCertificate');
  });

  it('sends no-store, CORS for any origin, and no cookies', async () => {
    const res = await post({ region: 'jilin-city' }, { origin: 'https://example.org' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each<[string, unknown, [string, string][]]>([
    ['a missing region', { answers: {} }, [['region', 'required']]],
    ['an unknown region', { region: 'atlantis' }, [['region', 'unknownRegion']]],
    ['an unknown field', { region: 'jilin-city', colour: 'blue' }, [['colour', 'unknownKey']]],
    ['a typo in an answer', { region: 'jilin-city', answers: { levle: 3 } }, [['answers.levle', 'unknownKey']]],
    ['a wrong type', { region: 'jilin-city', answers: { hasCertificate: 'yes', level: '3' } }, [['answers.hasCertificate', 'wrongType'], ['answers.level', 'wrongType']]],
    ['a level out of range', { region: 'jilin-city', answers: { level: 5 } }, [['answers.level', 'outOfRange']]],
    ['an unknown option', { region: 'jilin-city', answers: { category: 'mental', household: 'rich' } }, [['answers.category', 'notAnOption'], ['answers.household', 'notAnOption']]],
    ['a date that is not real', { region: 'jilin-city', asOf: '2026-02-30' }, [['asOf', 'invalidDate']]],
    ['a birth date after asOf', { region: 'jilin-city', asOf: '2026-06-01', answers: { birthDate: '2026-07-01' } }, [['answers.birthDate', 'dateAfterAsOf']]],
    ['a failing certificate number', { region: 'jilin-city', answers: { certificateNumber: `${syntheticId('19850315')}93` } }, [['answers.certificateNumber', 'category']]],
    ['a conflict with the certificate number', { region: 'jilin-city', answers: { certificateNumber: `${syntheticId('19850315')}53`, level: 1, hasCertificate: false } }, [['answers.level', 'conflict'], ['answers.hasCertificate', 'conflict']]],
    ['an unknown question in dontKnow', { region: 'jilin-city', dontKnow: ['income'] }, [['dontKnow[0]', 'notAnOption']]],
    ['a body that is not an object', [1, 2], [['', 'notObject']]],
    ['a JSON null', null, [['', 'notObject']]],
    ['everything at once', { region: 'atlantis', asOf: 'today', x: 1, answers: { level: 0 } }, [['region', 'unknownRegion'], ['asOf', 'invalidDate'], ['x', 'unknownKey'], ['answers.level', 'outOfRange']]],
  ])('refuses %s with a 400 problem document', async (_what, body, expected) => {
    await expectProblems(await post(body), 400, expected);
  });

  it('refuses malformed JSON', async () => {
    await expectProblems(await post('{"region": "jilin-city",'), 400, [['', 'invalidJson']]);
    await expectProblems(await post(''), 400, [['', 'invalidJson']]);
  });

  it(`refuses a body over limits.jsonBodyBytes (${limits.jsonBodyBytes}) with 413`, async () => {
    const json = await expectProblems(await post(tooLarge()), 413, [['', 'tooLarge']]);
    expect(json.title).toBe('Content Too Large');
    expect(json.problems[0].message.en).toContain(`${limits.jsonBodyBytes / 1024} KiB`);
  });

  it('takes a body of exactly limits.jsonBodyBytes', async () => {
    const body = JSON.stringify({ region: 'jilin-city', answers: {} });
    const padded = body.slice(0, -1) + ' '.repeat(limits.jsonBodyBytes - body.length) + '}';
    expect(padded).toHaveLength(limits.jsonBodyBytes);
    expect((await post(padded)).status).toBe(200);
  });

  it(`refuses JSON nested deeper than limits.jsonMaxDepth (${limits.jsonMaxDepth}) with 400 tooDeep`, async () => {
    // The body's object is level 1, so `dontKnow` may hold arrays nested one level less than the limit.
    const withDontKnow = (depth: number) => `{"region":"jilin-city","dontKnow":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    await expectProblems(await post(withDontKnow(limits.jsonMaxDepth - 1)), 400, [['dontKnow[0]', 'wrongType']]);
    await expectProblems(await post(withDontKnow(limits.jsonMaxDepth)), 400, [['', 'tooDeep']]);
    // 8,000 deep fits in the size limit and never reaches JSON.parse.
    await expectProblems(await post('['.repeat(8000)), 400, [['', 'tooDeep']]);
  });

  it(`lists the first limits.maxProblems (${limits.maxProblems}) problems and counts the rest`, async () => {
    const json = await expectProblems(
      await post({ region: 'jilin-city', dontKnow: Array.from({ length: limits.maxProblems + 30 }, () => 'income') }),
      400,
      Array.from({ length: limits.maxProblems }, (_, i): [string, string] => [`dontKnow[${i}]`, 'notAnOption']),
    );
    expect(json.problems.map((p: any) => p.path)).toEqual(Array.from({ length: limits.maxProblems }, (_, i) => `dontKnow[${i}]`));
    expect(json.moreProblems).toBe(30);
    const few = (await (await post({ region: 'atlantis' })).json()) as any;
    expect(few).not.toHaveProperty('moreProblems');
  });

  const form = new FormData();
  form.set('region', 'jilin-city');
  it.each<[string, BodyInit, Record<string, string>, RegExp | null]>([
    ['text/plain', JSON.stringify({ region: 'jilin-city' }), { 'content-type': 'text/plain' }, /^text\/plain/],
    ['a form', 'region=jilin-city', { 'content-type': 'application/x-www-form-urlencoded' }, /^application\/x-www-form-urlencoded/],
    ['multipart', form, {}, /^multipart\/form-data; boundary=/],
    ['no Content-Type at all', new TextEncoder().encode(JSON.stringify({ region: 'jilin-city' })), {}, null],
  ])('refuses a cross-site POST of %s with 415 (not 403), open to any origin', async (_what, body, headers, sent) => {
    const init = { method: 'POST', body, headers: { origin: 'https://example.org', ...headers } };
    const type = new Request(API, init).headers.get('content-type');
    if (sent) expect(type).toMatch(sent);
    else expect(type).toBeNull();
    const res = await call(API, init);
    await expectProblems(res, 415, [['', 'unsupportedMediaType']]);
    expect(res.headers.get('accept-post')).toBe('application/json');
  });

  it('accepts JSON with a charset', async () => {
    expect((await post({ region: 'jilin-city' }, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and an Allow header', async (method) => {
    // No Origin, as from curl or a server; the API is not behind the pages' cross-site form check.
    const res = await call(API, { method });
    const json = await expectProblems(res, 405, [['', 'methodNotAllowed']]);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(json.title).toBe('Method Not Allowed');
  });

  it('answers HEAD with 405 and no body, as GET', async () => {
    const res = await call(API, { method: 'HEAD' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await res.text()).toBe('');
  });

  it('answers a CORS preflight', async () => {
    const res = await preflight();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });
});

describe('GET /api/questions', () => {
  it('lists the region first, then every question as data', async () => {
    const res = await call('/api/questions');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { questions } = (await res.json()) as any;
    expect(questions.map((q: any) => q.id)).toEqual(['region', ...QUESTIONS.map((q) => q.id)]);
    expect(questions[0]).toMatchObject({ type: 'choice', allowsUnknown: false, label: { zh: expect.any(String), en: expect.any(String) } });
    expect(questions[0].options.map((o: any) => o.value).sort()).toEqual(regionIds);
    for (const o of questions[0].options) expect(o.label.zh).toMatch(/\S/);
    for (const q of questions) expect(Object.keys(q)).not.toContain('askWhen');
  });

  it('answers POST with 405', async () => {
    const res = await call('/api/questions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('asks for the region in the same words as the pages', async () => {
    const { questions } = await (await call('/api/questions')).json();
    expect(questions[0].label).toEqual({ zh: '你的户籍在哪里？', en: 'Where is your household registration (hukou)?' });
  });
});

describe('GET /api/services', () => {
  it('lists every service with its regions, pages and criteria', async () => {
    const res = await call('/api/services');
    expect(res.status).toBe(200);
    const { services } = (await res.json()) as any;
    const files = readdirSync('content/services').filter((f) => f.endsWith('.yaml'));
    expect(services).toHaveLength(files.length);
    for (const s of services) {
      const yaml = parse(readFileSync(`content/services/${s.slug}.yaml`, 'utf8'));
      expect(s).toMatchObject({ title: yaml.title, summary: yaml.summary, category: yaml.category, requiresCertificate: yaml.requiresCertificate });
      expect(s.regions.sort()).toEqual([...yaml.regions].sort());
      expect(s.url).toEqual({ zh: `/services/${s.slug}/`, en: `/en/services/${s.slug}/` });
      const rule = RULES.find((r) => r.service === s.slug);
      expect(s.criteria).toEqual(
        (rule?.criteria ?? []).map((c) => ({
          id: c.id,
          text: c.text,
          source: c.source.source,
          ...(c.source.clause !== undefined && { clause: c.source.clause }),
          ...(c.appliesIn !== undefined && { region: c.appliesIn }),
        })),
      );
    }
    expect(services.find((s: any) => s.slug === 'living-subsidy').criteria.length).toBeGreaterThan(0);
  });
});

describe('HEAD', () => {
  /** Headers that frame the message rather than describe it: a HEAD may leave them out (RFC 9110 9.3.2). */
  const FRAMING = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
  const described = (res: Response) => [...res.headers].filter(([name]) => !FRAMING.has(name));

  it.each(GET_PATHS)('answers HEAD %s with GET’s status and headers, and no body', async (path) => {
    const [get, head] = [await call(path), await call(path, { method: 'HEAD' })];
    expect(head.status).toBe(200);
    expect(described(head)).toEqual(described(get));
    expect(await head.text()).toBe('');
  });
});

describe('GET /api/openapi.json', () => {
  const doc = async () => (await (await call('/api/openapi.json')).json()) as any;

  it('is an OpenAPI 3.1 document of every path and response', async () => {
    const res = await call('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const d = (await res.json()) as any;
    expect(d.openapi).toBe('3.1.0');
    expect(Object.keys(d.paths).sort()).toEqual(['/api/eligibility', '/api/applications', '/api/applications/{reference}', ...GET_PATHS].sort());
    expect(Object.keys(d.paths['/api/eligibility'].post.responses).sort()).toEqual(['200', '400', '408', '413', '415', '431', '500']);
    // Every operation also lists what the server answers before the API: 400, 408, 431, 500.
    const own = (responses: object) => Object.keys(responses).filter((s) => !['400', '408', '431', '500'].includes(s) || !('$ref' in (responses as any)[s]));
    expect(own(d.paths['/api/eligibility'].options.responses)).toEqual(['204']);
    for (const method of ['get', 'put', 'delete', 'head', 'patch', 'trace']) {
      expect(own(d.paths['/api/eligibility'][method].responses), method).toEqual(['405']);
      expect(Object.keys(d.paths['/api/eligibility'][method].responses).sort(), method).toEqual(['400', '405', '408', '431', '500']);
    }
    expect(d.paths['/api/eligibility'].post.requestBody.content['application/json'].schema).toBeDefined();
    for (const path of GET_PATHS) {
      expect(own(d.paths[path].get.responses), path).toEqual(['200']);
      expect(own(d.paths[path].head.responses), path).toEqual(['200']);
      for (const method of ['put', 'post', 'delete', 'options', 'patch', 'trace']) expect(own(d.paths[path][method].responses), `${method} ${path}`).toEqual(['405']);
    }
    for (const [, name] of JSON.stringify(d).matchAll(/"\$ref":"#\/components\/responses\/([^"]+)"/g)) expect(d.components.responses, name).toHaveProperty(name!);
    // Every $ref resolves.
    for (const [, name] of JSON.stringify(d).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(d.components.schemas, name).toHaveProperty(name!);
  });

  it('states the limits the API applies', async () => {
    const d = await doc();
    const post = d.paths['/api/eligibility'].post;
    expect(post.requestBody.description).toContain(`at most ${limits.jsonBodyBytes} bytes`);
    expect(post.requestBody.description).toContain(`nested at most ${limits.jsonMaxDepth} deep`);
    expect(post.responses['413'].description).toContain(String(limits.jsonBodyBytes));
    const problemDocument = d.components.schemas.ProblemDocument;
    expect(problemDocument.properties.problems.maxItems).toBe(limits.maxProblems);
    expect(problemDocument.properties.moreProblems).toMatchObject({ type: 'integer', minimum: 1 });
    expect(problemDocument.properties.status.enum).toEqual([400, 404, 405, 409, 413, 415, 422, 429, 500]);
    expect(d.components.schemas.Problem.properties.code.enum).toContain('tooDeep');
  });

  it('derives its enums from the code and content', async () => {
    const d = await doc();
    const request = d.components.schemas.EligibilityRequest;
    expect(request.properties.region.enum.sort()).toEqual(regionIds);
    expect(request.additionalProperties).toBe(false);
    expect(request.properties.answers.additionalProperties).toBe(false);
    expect(d.components.schemas.QuestionId.enum).toEqual(QUESTIONS.map((q) => q.id));
  });

  it('matches real responses: their keys are the schemas’ required keys', async () => {
    const d = await doc();
    const schemas = d.components.schemas;
    const keys = (o: object) => Object.keys(o).sort();
    const { json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers: { hasCertificate: true } });
    expect(keys(json)).toEqual([...schemas.EligibilityResponse.required].sort());
    expect(keys(json.results[0])).toEqual([...schemas.Result.required].sort());
    // Every required key, and no key the schema does not name (`clause` is there where the rule cites one).
    for (const reason of json.results.flatMap((r: any) => r.reasons)) {
      expect(keys(reason)).toEqual(expect.arrayContaining(schemas.Reason.required));
      expect(Object.keys(reason).filter((k) => !(k in schemas.Reason.properties))).toEqual([]);
    }
    expect(json.next).not.toBeNull();
    expect(keys(json.next)).toEqual(expect.arrayContaining(schemas.Question.required));
    for (const k of keys(json.next)) expect(schemas.Question.properties).toHaveProperty(k);
    for (const r of json.results) expect(schemas.Result.properties.status.enum).toContain(r.status);

    const problem = (await (await post({ region: 'atlantis' })).json()) as any;
    expect(keys(problem)).toEqual([...schemas.ProblemDocument.required].sort());
    expect(keys(problem.problems[0])).toEqual([...schemas.Problem.required].sort());
    expect(schemas.Problem.properties.code.enum).toContain(problem.problems[0].code);

    const { services } = (await (await call('/api/services')).json()) as any;
    expect(keys(services[0])).toEqual([...schemas.Service.required].sort());
  });

  it('has examples that the API really answers', async () => {
    const d = await doc();
    const post200 = d.paths['/api/eligibility'].post;
    for (const [name, example] of Object.entries<any>(post200.requestBody.content['application/json'].examples)) {
      const { res, json } = await check(example.value);
      expect(res.status, name).toBe(200);
      expect(json, name).toEqual(post200.responses['200'].content['application/json'].examples[name].value);
    }
  });
});

describe('every status in /api/openapi.json', () => {
  const doc = async () => (await (await call('/api/openapi.json')).json()) as any;
  let person = 0;
  /** The example, for a person no other request here has used. */
  const application = () => exampleApplication({}, idFor(`1952${String(1 + (person % 12)).padStart(2, '0')}${String(1 + Math.floor(person++ / 12)).padStart(2, '0')}`, '220203'));
  const submit = (body: unknown, headers: Record<string, string> = { 'idempotency-key': randomUUID() }) =>
    call('/api/applications', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  let first: Promise<{ reference: string; accessCode: string }> | undefined;
  /** One application, sent once for the GET and HEAD producers. */
  const made = () => (first ??= submit(application()).then((r) => r.json() as Promise<{ reference: string; accessCode: string }>));
  const tracked = (method: string, { reference, accessCode }: { reference: string; accessCode: string }) =>
    call(`/api/applications/${reference}`, { method, headers: accessCode ? { 'x-access-code': accessCode } : {} });
  let lockedOne: Promise<{ reference: string; accessCode: string }> | undefined;
  /** An application whose reference has had five wrong codes. */
  const locked = async (method: string) => {
    lockedOne ??= submit(application()).then(async (r) => {
      const app = (await r.json()) as { reference: string; accessCode: string };
      for (let i = 0; i < 5; i++) await tracked('GET', { ...app, accessCode: 'ABCDEFGHJKMN' });
      return app;
    });
    return tracked(method, await lockedOne);
  };

  /**
   * A request that gets each listed status, by `METHOD path status`. Any other listed status
   * (200 for GET and HEAD, 405 for a method a path does not take) is got by a plain request.
   */
  const PRODUCERS: Record<string, () => Promise<Response>> = {
    'POST /api/eligibility 200': () => post({ region: 'jilin-city' }),
    'POST /api/eligibility 400': () => post({ region: 'atlantis' }),
    'POST /api/eligibility 413': () => post(tooLarge()),
    'POST /api/eligibility 415': () => post('region=jilin-city', { 'content-type': 'application/x-www-form-urlencoded' }),
    'OPTIONS /api/eligibility 204': preflight,
    'POST /api/applications 201': () => submit(application()),
    'POST /api/applications 400': () => submit(application(), {}),
    'POST /api/applications 409': async () => {
      const body = application();
      await submit(body);
      return submit(body);
    },
    'POST /api/applications 413': () => submit('x'.repeat(limits.jsonBodyBytes + 1)),
    'POST /api/applications 415': () => submit('form=two-subsidies', { 'idempotency-key': randomUUID(), 'content-type': 'application/x-www-form-urlencoded' }),
    'POST /api/applications 422': async () => {
      const key = { 'idempotency-key': randomUUID() };
      await submit(application(), key);
      return submit(application(), key);
    },
    'OPTIONS /api/applications 204': () => call('/api/applications', { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } }),
    'GET /api/applications/{reference} 200': async () => tracked('GET', await made()),
    'GET /api/applications/{reference} 400': async () => tracked('GET', { ...(await made()), accessCode: '' }),
    'GET /api/applications/{reference} 404': async () => tracked('GET', { ...(await made()), accessCode: 'ABCDEFGHJKMN' }),
    'GET /api/applications/{reference} 429': async () => locked('GET'),
    'HEAD /api/applications/{reference} 200': async () => tracked('HEAD', await made()),
    'HEAD /api/applications/{reference} 400': async () => tracked('HEAD', { ...(await made()), accessCode: '' }),
    'HEAD /api/applications/{reference} 404': async () => tracked('HEAD', { ...(await made()), accessCode: 'ABCDEFGHJKMN' }),
    'HEAD /api/applications/{reference} 429': async () => locked('HEAD'),
    'OPTIONS /api/applications/{reference} 204': () => call('/api/applications/ABCD', { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } }),
  };

  /**
   * Statuses every operation lists because the server itself can answer them before the API
   * (components.responses), got by a request that provokes them; two are not provoked here.
   */
  const SERVER_PRODUCERS: Record<string, (method: string, path: string) => Promise<Response>> = {
    400: (method, path) => raw(new URL(path, base), method, { host: 'x@127.0.0.1' }),
    431: (method, path) => raw(new URL(path, base), method, { 'x-large': 'a'.repeat(limits.maxHeaderBytes + 1024) }),
  };
  const NOT_PROVOKED: Record<string, string> = {
    408: 'needs HEADERS_TIMEOUT_MS (10 s) of silence; tests/integration/production-server.test.ts provokes it with 1 s',
    500: 'no request should ever get it: tests/robustness/ checks that none does',
  };
  /** Answers this portal (no submission limit, for the suites' many submissions) cannot give. */
  const PRODUCED_ELSEWHERE: Record<string, string> = {
    'POST /api/applications 429': 'needs SUBMIT_LIMIT_PER_HOUR: tests/integration/rate-limits.test.ts provokes it on a portal of its own and checks it against this document',
  };

  it('lists only statuses the API answers, with the headers and type it says', async () => {
    const d = await doc();
    let checked = 0;
    for (const [path, item] of Object.entries<any>(d.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        for (const [status, listed] of Object.entries<any>(operation.responses)) {
          const what = `${method.toUpperCase()} ${path} ${status}`;
          const fromServer = typeof listed.$ref === 'string';
          const response = fromServer ? d.components.responses[listed.$ref.split('/').pop()] : listed;
          expect(response, `${what}: ${listed.$ref}`).toBeDefined();
          if (fromServer && NOT_PROVOKED[status]) continue;
          if (PRODUCED_ELSEWHERE[what]) continue;
          const producer = PRODUCERS[what] ?? (fromServer ? () => SERVER_PRODUCERS[status]!(method.toUpperCase(), path) : () => call(path, { method: method.toUpperCase() }));
          const res = await producer();
          expect(res.status, what).toBe(Number(status));
          for (const header of Object.keys(response.headers ?? {})) expect(res.headers.has(header), `${what}: ${header}`).toBe(true);
          const types = Object.keys(response.content ?? {});
          if (types.length && method !== 'head') expect(types, what).toContain(res.headers.get('content-type')?.split(';')[0]);
          else if (!types.length && method !== 'head') expect(await res.text(), what).toBe('');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4 * 8 * 3);
  });

  // Last in the file: by now every test above has recorded what it saw.
  it('lists every status the tests in this file saw', async () => {
    const d = await doc();
    const listed = new Set(
      Object.entries<any>(d.paths).flatMap(([path, item]) =>
        Object.entries<any>(item).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
      ),
    );
    expect(observed.size).toBeGreaterThan(10);
    expect([...observed].filter((seen) => !listed.has(seen))).toEqual([]);
  });
});
