/**
 * The JSON API over HTTP: POST /api/eligibility (results, problems, CORS, methods),
 * GET /api/questions, GET /api/services, and GET /api/openapi.json, checked against the
 * responses themselves so the document cannot drift. Synthetic ID numbers only, made here
 * with the domain's checkCharacter.
 */
import { describe, expect, it, inject } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkCharacter } from '../../src/domain/identity';
import { QUESTIONS, RULES } from '../../src/domain/eligibility';

const base = inject('baseUrl');
const API = `${base}/api/eligibility`;

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(API, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
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
const regionIds = readdirSync('content/regions').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

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

  it('leaves the nursing subsidy unknown at level 3 intellectual where the region’s extension is unknown', async () => {
    const answers = { hasCertificate: true, level: 3, category: 'intellectual', needsLongTermCare: true };
    const { json } = await check({ region: 'jilin-city', asOf: '2026-06-01', answers });
    const nursing = resultFor(json, 'nursing-subsidy');
    expect(nursing.status).toBe('unknown');
    expect(nursing.reasons.find((r: any) => r.criterion === 'severeOrExtended')).toMatchObject({ status: 'unknown', missing: [] });
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

  it('refuses a body over 16 KiB', async () => {
    const body = JSON.stringify({ region: 'jilin-city', answers: { certificateNumber: 'x'.repeat(17 * 1024) } });
    await expectProblems(await post(body), 400, [['', 'tooLarge']]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    await expectProblems(await post({ region: 'jilin-city' }, { 'content-type': 'text/plain', origin: base }), 415, [['', 'unsupportedMediaType']]);
    await expectProblems(await post('region=jilin-city', { 'content-type': 'application/x-www-form-urlencoded', origin: base }), 415, [['', 'unsupportedMediaType']]);
  });

  it('accepts JSON with a charset', async () => {
    expect((await post({ region: 'jilin-city' }, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s with 405 and an Allow header', async (method) => {
    // Same-origin: Astro's CSRF check refuses cross-site non-GET requests without a JSON type first.
    const res = await fetch(API, { method, headers: { origin: base } });
    const json = await expectProblems(res, 405, [['', 'methodNotAllowed']]);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(json.title).toBe('Method Not Allowed');
  });

  it('answers a CORS preflight', async () => {
    const res = await fetch(API, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });
});

describe('GET /api/questions', () => {
  it('lists the region first, then every question as data', async () => {
    const res = await fetch(`${base}/api/questions`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { questions } = (await res.json()) as any;
    expect(questions.map((q: any) => q.id)).toEqual(['region', ...QUESTIONS.map((q) => q.id)]);
    expect(questions[0]).toMatchObject({ type: 'choice', allowsUnknown: false, label: { zh: expect.any(String), en: expect.any(String) } });
    expect(questions[0].options.map((o: any) => o.value).sort()).toEqual(regionIds);
    for (const o of questions[0].options) expect(o.label.zh).toMatch(/\S/);
    for (const q of questions) expect(Object.keys(q)).not.toContain('askWhen');
  });

  it('answers POST with 405, and HEAD as it says it does', async () => {
    const res = await fetch(`${base}/api/questions`, { method: 'POST', headers: { origin: base } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    for (const path of ['/api/questions', '/api/services']) {
      const head = await fetch(`${base}${path}`, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-type'), path).toContain('application/json');
    }
  });

  it('asks for the region in the same words as the pages', async () => {
    const { questions } = await (await fetch(`${base}/api/questions`)).json();
    expect(questions[0].label).toEqual({ zh: '你的户籍在哪里？', en: 'Where is your household registration (hukou)?' });
  });
});

describe('GET /api/services', () => {
  it('lists every service with its regions, pages and criteria', async () => {
    const res = await fetch(`${base}/api/services`);
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
      expect(s.criteria).toEqual((rule?.criteria ?? []).map((c) => ({ id: c.id, text: c.text, source: c.source })));
    }
    expect(services.find((s: any) => s.slug === 'living-subsidy').criteria.length).toBeGreaterThan(0);
  });
});

describe('GET /api/openapi.json', () => {
  const doc = async () => (await (await fetch(`${base}/api/openapi.json`)).json()) as any;

  it('is an OpenAPI 3.1 document of every path and response', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const d = (await res.json()) as any;
    expect(d.openapi).toBe('3.1.0');
    expect(Object.keys(d.paths)).toEqual(expect.arrayContaining(['/api/eligibility', '/api/questions', '/api/services']));
    expect(Object.keys(d.paths['/api/eligibility'].post.responses).sort()).toEqual(['200', '400', '405', '415']);
    expect(d.paths['/api/eligibility'].post.requestBody.content['application/json'].schema).toBeDefined();
    for (const path of ['/api/questions', '/api/services']) expect(Object.keys(d.paths[path].get.responses).sort()).toEqual(['200', '405']);
    // Every $ref resolves.
    for (const [, name] of JSON.stringify(d).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(d.components.schemas, name).toHaveProperty(name!);
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
    expect(keys(json.results[0].reasons[0])).toEqual([...schemas.Reason.required].sort());
    expect(json.next).not.toBeNull();
    expect(keys(json.next)).toEqual(expect.arrayContaining(schemas.Question.required));
    for (const k of keys(json.next)) expect(schemas.Question.properties).toHaveProperty(k);
    for (const r of json.results) expect(schemas.Result.properties.status.enum).toContain(r.status);

    const problem = (await (await post({ region: 'atlantis' })).json()) as any;
    expect(keys(problem)).toEqual([...schemas.ProblemDocument.required].sort());
    expect(keys(problem.problems[0])).toEqual([...schemas.Problem.required].sort());
    expect(schemas.Problem.properties.code.enum).toContain(problem.problems[0].code);

    const { services } = (await (await fetch(`${base}/api/services`)).json()) as any;
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
