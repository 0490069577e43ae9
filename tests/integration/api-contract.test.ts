/**
 * The API against its own document. Real requests to the built server produce every status
 * /api/openapi.json lists, for every path and method; each real body is validated (ajv, JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1) against the schema the document gives for that
 * status and content type, read in place in the document; and every status seen must be listed.
 * api.test.ts checks what the answers say; this checks that the document says what they are.
 * Synthetic ID numbers only, made here with the domain's checkCharacter.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { checkCharacter } from '../../src/domain/identity';
import { limits } from '../../src/server/http/limits';
import { routeOf } from '../../src/server/http/routes';
import { randomUUID } from 'node:crypto';
import { exampleApplication, idFor } from '../people';

const base = inject('baseUrl');
/** The document's address, also its base URI for ajv: its `#/components/...` refs resolve in it. */
const DOC = new URL('/api/openapi.json', base).href;

/**
 * Listed statuses no request here produces, with where they are produced instead. Both are
 * answered by the server for any path and method (components.responses).
 */
const NOT_PRODUCED: Record<string, string> = {
  408: 'needs a socket silent for HEADERS_TIMEOUT_MS (10 s) before its headers end; tests/integration/production-server.test.ts provokes it with 1 s',
  500: 'needs a bug: src/server/http/front-door.test.ts makes the adapter throw, and tests/robustness/ checks that no request gets one',
};
/** One operation's status this portal (no submission limit, for the suites' many submissions) cannot give. */
const PRODUCED_ELSEWHERE: Record<string, string> = {
  'POST /api/applications 429': 'needs SUBMIT_LIMIT_PER_HOUR: tests/integration/rate-limits.test.ts provokes it on a portal of its own and checks the answer against this document',
};

/** One request and its answer, as sent and received on the wire. */
interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A request over node:http, which sends what fetch will not (TRACE, a malformed Host, headers
 * over the server's limit) and gives the body as the bytes received.
 */
const send = (method: string, path: string, { headers = {}, body, url }: { headers?: Record<string, string>; body?: string; url?: string } = {}) =>
  new Promise<Exchange>((resolve, reject) => {
    // A templated path (`{reference}`) is sent with a value in its place, unless `url` says which.
    const req = httpRequest(new URL(url ?? path.replace('{reference}', 'K7PM3XWQ9D'), base), { method, headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ method, path, status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });

const ELIGIBILITY = '/api/eligibility';
const APPLICATIONS = '/api/applications';
const APPLICATION = '/api/applications/{reference}';

/** A synthetic certificate number: an ID number with its check character, then category and level digits. */
const synthetic = (birth: string, suffix = '') => {
  const first17 = `220201${birth}123`;
  return `${first17}${checkCharacter(first17)}${suffix}`;
};

let doc: any;
let ajv: Ajv2020;
/** `METHOD path status` of every answer validated. */
const seen = new Set<string>();
let validatedBodies = 0;
let emptyBodies = 0;

const pointer = (parts: string[]) => `${DOC}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
/** The validator of the schema at `parts` in the document (compiled once; ajv caches it). */
const validatorAt = (parts: string[]): ValidateFunction => {
  const validate = ajv.getSchema(pointer(parts));
  if (!validate) throw new Error(`No schema at ${pointer(parts)}`);
  return validate;
};

/** The response the document lists for a status, and where it is (a `$ref` followed into components.responses). */
function documented(method: string, path: string, status: number): { response: any; at: string[] } | undefined {
  const m = method.toLowerCase();
  const listed = doc.paths[path]?.[m]?.responses?.[status];
  if (!listed) return undefined;
  if (typeof listed.$ref === 'string') {
    const name = listed.$ref.replace('#/components/responses/', '');
    return { response: doc.components.responses[name], at: ['components', 'responses', name] };
  }
  return { response: listed, at: ['paths', path, m, 'responses', String(status)] };
}

/** Checks a real answer against the document: listed, its headers, its content type, its body valid. Returns the parsed body, if any. */
function expectDocumented(ex: Exchange): any {
  const what = `${ex.method} ${ex.path} ${ex.status}`;
  seen.add(what);
  const found = documented(ex.method, ex.path, ex.status);
  expect(found, `${what} is not in the document`).toBeDefined();
  const { response, at } = found!;
  // Soft: one run lists every difference between the document and the answers.
  for (const header of Object.keys(response.headers ?? {})) expect.soft(ex.headers[header.toLowerCase()], `${what}: header ${header}`).toBeDefined();
  const types = Object.keys(response.content ?? {});
  const type = ex.headers['content-type']?.split(';')[0]!.trim();
  if (ex.method === 'HEAD' || types.length === 0) {
    // HEAD has no body (RFC 9110 9.3.2); a response listed without content has none either.
    expect(ex.body.length, `${what}: a body`).toBe(0);
    if (types.length && type) expect(types, `${what}: Content-Type`).toContain(type);
    emptyBodies++;
    return undefined;
  }
  expect(types, `${what}: Content-Type ${type}`).toContain(type);
  const body = JSON.parse(ex.body.toString('utf8'));
  const validate = validatorAt([...at, 'content', type!, 'schema']);
  expect.soft(validate(body), `${what}: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}\n${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
  validatedBodies++;
  return body;
}

/** Sends a request and checks its answer against the document. */
const exchange = async (...args: Parameters<typeof send>) => {
  const ex = await send(...args);
  return { ex, body: expectDocumented(ex) };
};

beforeAll(async () => {
  const res = await fetch(DOC);
  expect(res.status).toBe(200);
  doc = await res.json();
  ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // The document's own fields are not JSON Schema keywords: declared so that strict mode, which
  // refuses unknown keywords, accepts the document as the resource its schemas live in.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components']);
  ajv.addSchema(doc, DOC);
});

describe('the document', () => {
  it('has schemas that compile in strict mode, none of which takes anything', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(() => validatorAt(['components', 'schemas', name]), name).not.toThrow();
      // Every schema here is an object or a string enum: a number fits none (an empty schema would take it).
      expect(validatorAt(['components', 'schemas', name])(42), name).toBe(false);
    }
  });

  it('has examples that validate against their own schemas', () => {
    let checked = 0;
    const media = (content: Record<string, any> | undefined, at: string[]) => {
      for (const [type, m] of Object.entries(content ?? {})) {
        if (!m.schema) continue;
        const validate = validatorAt([...at, 'content', type, 'schema']);
        const values = [...(m.example === undefined ? [] : [m.example]), ...Object.values<any>(m.examples ?? {}).map((e) => e.value)];
        for (const value of values) {
          expect.soft(validate(value), `${at.join(' ')} ${type}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          checked++;
        }
      }
    };
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        if (operation.requestBody) media(operation.requestBody.content, ['paths', path, method, 'requestBody']);
        for (const [status, r] of Object.entries<any>(operation.responses)) if (!r.$ref) media(r.content, ['paths', path, method, 'responses', status]);
      }
    }
    for (const [name, r] of Object.entries<any>(doc.components.responses ?? {})) media(r.content, ['components', 'responses', name]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

describe('POST /api/eligibility, 200', () => {
  /** An answer for the question `next`, as the person might give it. */
  const answerTo = (next: any): [string, unknown] => {
    switch (next.type) {
      case 'yesNo':
        return [next.id, true];
      case 'certificate':
        return [next.id, synthetic('19850315', '53')];
      case 'date':
        return [next.id, '1985-03-15'];
      case 'level':
        return [next.id, Number(next.options[0].value)];
      case 'choices':
        return [next.id, [next.options[0].value]];
      default:
        return [next.id, next.options[0].value];
    }
  };

  /** Answers (or, with `dontKnow`, says "I don't know" to) each next question until none is left; every answer on the way is validated. */
  async function walk(first: Record<string, unknown>, dontKnowAll: boolean) {
    const answers: Record<string, unknown> = { ...first };
    const dontKnow: string[] = [];
    const types = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { ex, body } = await exchange('POST', ELIGIBILITY, {
        body: JSON.stringify({ region: 'jilin-city', asOf: '2026-06-01', answers, dontKnow }),
        headers: { 'content-type': 'application/json' },
      });
      expect(ex.status).toBe(200);
      if (!body.next) return types;
      types.add(body.next.type);
      if (dontKnowAll && body.next.allowsUnknown) dontKnow.push(body.next.id);
      else {
        const [id, value] = answerTo(body.next);
        answers[id] = value;
      }
    }
    throw new Error('The questions never ended');
  }

  it('validates every answer of walks through the questions, to the end (next: null)', async () => {
    const types = new Set<string>();
    // Yes to everything (a certificate number fills the level); "I don't know" to everything; no
    // certificate; a certificate whose number is not known (so the level is asked).
    for (const [first, dontKnowAll] of [[{}, false], [{}, true], [{ hasCertificate: false }, false], [{ hasCertificate: true }, true]] as const) {
      for (const type of await walk(first, dontKnowAll)) types.add(type);
    }
    // Every answer type the document names has been `next` at least once.
    const listed = doc.components.schemas.Question.properties.type.enum;
    expect([...types].sort()).toEqual([...listed].sort());
  });

  it('validates answers with warnings, a default date and a certificate number', async () => {
    const { body } = await exchange('POST', ELIGIBILITY, {
      body: JSON.stringify({ region: 'changsha-yuhua', answers: { certificateNumber: synthetic('19850315') } }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(body.warnings.map((w: any) => w.code)).toEqual(['noCategoryOrLevel']);
    for (const region of ['jilin-city', 'changsha-yuhua']) {
      await exchange('POST', ELIGIBILITY, {
        body: JSON.stringify({ region, answers: { certificateNumber: synthetic('20200315', '53'), household: 'dibao', needsLongTermCare: true, isAutistic: true } }),
        headers: { 'content-type': 'application/json' },
      });
    }
  });
});

describe('POST /api/eligibility, problems', () => {
  it.each<[string, string | unknown]>([
    ['a missing region', { answers: {} }],
    ['an unknown region', { region: 'atlantis' }],
    ['unknown fields', { region: 'jilin-city', colour: 'blue', answers: { levle: 3 } }],
    ['wrong types', { region: 'jilin-city', answers: { hasCertificate: 'yes', level: '3', birthDate: 19850315 } }],
    ['values out of range', { region: 'jilin-city', answers: { level: 5, birthDate: '1850-01-01' } }],
    ['unknown options', { region: 'jilin-city', answers: { category: 'mental', household: 'rich' }, dontKnow: ['income'] }],
    ['dates that are not real', { region: 'jilin-city', asOf: '2026-02-30', answers: { birthDate: '1985-13-01' } }],
    ['a birth date after asOf', { region: 'jilin-city', asOf: '2026-06-01', answers: { birthDate: '2026-07-01' } }],
    ['a failing certificate number', { region: 'jilin-city', answers: { certificateNumber: synthetic('19850315', '93') } }],
    ['a certificate number with a wrong check character', { region: 'jilin-city', answers: { certificateNumber: `${synthetic('19850315').slice(0, 17)}X53` } }],
    ['conflicts', { region: 'jilin-city', answers: { certificateNumber: synthetic('19850315', '53'), level: 1, hasCertificate: false, household: 'dibao' }, dontKnow: ['household'] }],
    ['a body that is not an object', [1, 2]],
    ['a JSON null', null],
    ['malformed JSON', '{"region": "jilin-city",'],
    ['an empty body', ''],
    [`JSON nested deeper than ${limits.jsonMaxDepth}`, '['.repeat(limits.jsonMaxDepth + 1)],
    [`more than ${limits.maxProblems} problems`, { region: 'jilin-city', dontKnow: Array.from({ length: limits.maxProblems + 30 }, () => 'income') }],
  ])('validates the 400 for %s', async (_what, body) => {
    const { ex } = await exchange('POST', ELIGIBILITY, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(ex.status).toBe(400);
  });

  it(`validates the 413 for a body over ${limits.jsonBodyBytes} bytes`, async () => {
    const body = JSON.stringify({ region: 'jilin-city', answers: { certificateNumber: 'x'.repeat(limits.jsonBodyBytes) } });
    expect((await exchange('POST', ELIGIBILITY, { body, headers: { 'content-type': 'application/json' } })).ex.status).toBe(413);
  });

  it.each<[string, Record<string, string>]>([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no Content-Type', {}],
  ])('validates the 415 for %s', async (_what, headers) => {
    expect((await exchange('POST', ELIGIBILITY, { body: 'region=jilin-city', headers })).ex.status).toBe(415);
  });
});

describe('the applications', () => {
  const json = { 'content-type': 'application/json' };
  let person = 0;
  /** The example, for a person no other request here has used. */
  const application = (over: Record<string, unknown> = {}) => exampleApplication(over, idFor(`1951${String(1 + (person % 12)).padStart(2, '0')}${String(1 + Math.floor(person++ / 12)).padStart(2, '0')}`, '220202'));
  const submit = (body: unknown, key: string | null = randomUUID(), headers: Record<string, string> = json) =>
    exchange('POST', APPLICATIONS, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: key === null ? headers : { ...headers, 'idempotency-key': key } });

  it('validates 201, 409, 422 and the 400s of POST, and 200, 400, 404 and 429 of GET and HEAD', async () => {
    const body = application();
    const key = randomUUID();
    const { ex, body: made } = await submit(body, key);
    expect(ex.status).toBe(201);
    expect((await submit(body, key)).ex.status).toBe(201);
    expect((await submit({ ...body, consent: { ...body.consent, otherServices: true } }, key)).ex.status).toBe(422);
    expect((await submit(body)).ex.status).toBe(409);
    expect((await submit(body, null)).ex.status).toBe(400);
    expect((await submit(application({ region: 'atlantis', applicant: { name: '' }, answers: { subsidies: [] } }))).ex.status).toBe(400);
    expect((await submit('{"form": ')).ex.status).toBe(400);
    expect((await submit(JSON.stringify({ form: 'x'.repeat(limits.jsonBodyBytes) }))).ex.status).toBe(413);
    expect((await submit('form=two-subsidies', randomUUID(), { 'content-type': 'application/x-www-form-urlencoded' })).ex.status).toBe(415);

    const url = `${APPLICATIONS}/${made.reference}`;
    for (const method of ['GET', 'HEAD']) {
      expect((await exchange(method, APPLICATION, { url, headers: { 'x-access-code': made.accessCode } })).ex.status).toBe(200);
      expect((await exchange(method, APPLICATION, { url })).ex.status).toBe(400);
    }
    // Five wrong codes lock the reference: 404 four times, then 429, for GET and HEAD alike.
    const wrong = { url, headers: { 'x-access-code': 'ABCDEFGHJKMN' } };
    for (let i = 0; i < 4; i++) expect((await exchange(i % 2 ? 'HEAD' : 'GET', APPLICATION, wrong)).ex.status).toBe(404);
    expect((await exchange('GET', APPLICATION, wrong)).ex.status).toBe(429);
    expect((await exchange('HEAD', APPLICATION, wrong)).ex.status).toBe(429);
  });
});

describe('every path and method', () => {
  /** The paths and methods the document describes. */
  const operations = () => Object.entries<any>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => [m.toUpperCase(), path] as const));

  it('validates the answer to each method a path takes, and the 405 to every other', async () => {
    for (const [method, path] of operations()) {
      if (path === ELIGIBILITY && method === 'POST') continue; // above
      if (path === APPLICATIONS && method === 'POST') continue; // below
      if (path === APPLICATION && (method === 'GET' || method === 'HEAD')) continue; // below
      const { ex } = await exchange(
        method,
        path,
        method === 'OPTIONS' && routeOf(path).allow.includes('OPTIONS')
          ? { headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }
          : {},
      );
      expect(ex.status, `${method} ${path}`).toBe(routeOf(path).allow.includes(method) ? (method === 'OPTIONS' ? 204 : 200) : 405);
    }
  });

  it('validates the server’s own answers: 400 for a malformed Host, 431 for headers over the limit', async () => {
    for (const [method, path] of operations()) {
      expect((await exchange(method, path, { headers: { host: 'x@127.0.0.1' } })).ex.status, `${method} ${path}`).toBe(400);
      expect((await exchange(method, path, { headers: { 'x-large': 'a'.repeat(limits.maxHeaderBytes + 1024) } })).ex.status, `${method} ${path}`).toBe(431);
    }
  });
});

// Last in the file: by now every test above has recorded what it saw.
describe('coverage', () => {
  it('saw only listed statuses, and every listed status but those no request can produce here', () => {
    const listed = new Set(
      Object.entries<any>(doc.paths).flatMap(([path, item]) =>
        Object.entries<any>(item).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
      ),
    );
    expect([...seen].filter((s) => !listed.has(s)), 'seen but not listed').toEqual([]);
    const missed = [...listed].filter((s) => !seen.has(s));
    expect(missed.filter((s) => !(s.split(' ')[2]! in NOT_PRODUCED) && !(s in PRODUCED_ELSEWHERE)), 'listed but never produced').toEqual([]);
    // Only statuses the server answers for any path are left out, on every operation alike.
    expect(missed.filter((s) => !(s in PRODUCED_ELSEWHERE)).length).toBe(Object.keys(NOT_PRODUCED).length * Object.values<any>(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0));
    console.info(`api-contract: ${listed.size} path × method × status listed, ${seen.size} produced; ${validatedBodies} bodies validated, ${emptyBodies} empty as listed`);
  });
});
