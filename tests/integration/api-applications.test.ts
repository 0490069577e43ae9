/**
 * `POST /api/applications` and `GET /api/applications/<reference>` over HTTP, on the built
 * server (on PostgreSQL when DATABASE_URL names one, else on its SQLite file): the issue's
 * example sent and followed; the IETF draft's idempotency answers (missing key 400, the same key
 * with another body 422, a retry the same 201, a retry racing the first one application); every
 * bad body a 4xx problem document with messages in both languages; wrong pairs 404 and then 429.
 */
import { describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { exampleApplication, idFor } from '../people';
import { withDatabase } from '../staff-visitor';

const base = inject('baseUrl');
let born = 0;
/** A person no other test in this run has used (the server's database outlives one test). */
const person = () =>
  idFor(
    `19${40 + Math.floor(born / 300)}${String(1 + (Math.floor(born / 28) % 12)).padStart(2, '0')}${String(1 + (born++ % 28)).padStart(2, '0')}`,
    '220201',
    String(100 + Math.floor(Math.random() * 900)),
  );

const post = (body: unknown, headers: Record<string, string> = { 'Idempotency-Key': randomUUID() }) =>
  fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const track = (reference: string, accessCode?: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`/api/applications/${reference}`, base), { headers: { ...(accessCode === undefined ? {} : { 'X-Access-Code': accessCode }), ...headers } });

interface ProblemDoc {
  status: number;
  problems: { path: string; code: string; message: { zh: string; en: string } }[];
}
const problems = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const doc = (await res.json()) as ProblemDoc;
  for (const p of doc.problems) expect(p.message.zh && p.message.en).toBeTruthy();
  return doc.problems.map((p) => `${p.path}:${p.code}`);
};

describe('POST /api/applications', () => {
  it("takes the issue's example: 201 with a reference and access code, then the status with its history", async () => {
    const res = await post(exampleApplication({}, person()));
    expect(res.status).toBe(201);
    const made = (await res.json()) as { reference: string; accessCode: string; status: string };
    expect(made).toEqual({ reference: expect.stringMatching(/^[A-Z2-9]{10}$/), accessCode: expect.stringMatching(/^[A-Z2-9]{12}$/), status: 'submitted' });
    expect(res.headers.get('location')).toBe(`/api/applications/${made.reference}`);
    const got = await track(made.reference, made.accessCode);
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('no-store');
    const view = (await got.json()) as { history: { status: string; at: string }[] };
    expect(view).toEqual({
      reference: made.reference,
      form: 'two-subsidies',
      region: 'jilin-city',
      status: 'submitted',
      office: 'township',
      history: [{ status: 'submitted', office: 'township', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
    });
    // Typed as a person would: lower case, in groups, with a hyphen.
    const typed = `${made.reference.slice(0, 4).toLowerCase()} ${made.reference.slice(4)}`;
    expect((await track(encodeURIComponent(typed), `${made.accessCode.slice(0, 4)}-${made.accessCode.slice(4)}`)).status).toBe(200);
  });

  it('tells the person in the language the caller prefers (Accept-Language), Chinese by default', async () => {
    const sent = async (acceptLanguage?: string) => {
      const res = await post(exampleApplication({}, person()), { 'Idempotency-Key': randomUUID(), ...(acceptLanguage && { 'Accept-Language': acceptLanguage }) });
      expect(res.status).toBe(201);
      const { reference } = (await res.json()) as { reference: string };
      return withDatabase(inject('databaseUrl'), async (db) =>
        (await db.selectFrom('outbox').innerJoin('applications', 'applications.id', 'outbox.application_id').select('outbox.language').where('reference', '=', reference).execute()).map((r) => r.language),
      );
    };
    expect(await sent('en-GB,en;q=0.9,zh;q=0.5')).toEqual(['en']);
    expect(await sent('zh-CN,en;q=0.8')).toEqual(['zh']);
    expect(await sent()).toEqual(['zh']);
  });

  it('answers a retry with the same key and body with the same reference and access code, and keeps one application', async () => {
    const body = exampleApplication({}, person());
    const key = randomUUID();
    const [a, b] = await Promise.all([post(body, { 'Idempotency-Key': key }), post(body, { 'Idempotency-Key': key })]);
    // Racing: one does the work; the other is told it is in flight (409), or gets the replay.
    const statuses = [a.status, b.status].sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const retry = await post(JSON.stringify(body, null, 2), { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    const first = (await (a.status === 201 ? a : b).json()) as { reference: string; accessCode: string };
    expect(await retry.json()).toEqual({ ...first, status: 'submitted' });
  });

  it('follows the IETF draft: no key 400, a bad key 400, the same key with another body 422', async () => {
    const body = exampleApplication({}, person());
    expect(await problems(await post(body, {}))).toEqual([':idempotencyKeyMissing']);
    expect(await problems(await post(body, { 'Idempotency-Key': 'x'.repeat(256) }))).toEqual([':idempotencyKeyInvalid']);
    const key = randomUUID();
    expect((await post(body, { 'Idempotency-Key': key })).status).toBe(201);
    const other = await post({ ...body, consent: { ...body.consent, otherServices: true } }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(await problems(other)).toEqual([':idempotencyKeyReused']);
  });

  it('explains an open application for the same person and form (409), never a second one', async () => {
    const id = person();
    expect((await post(exampleApplication({}, id))).status).toBe(201);
    const again = await post(exampleApplication({}, id));
    expect(again.status).toBe(409);
    expect(await problems(again)).toEqual([':openApplicationExists']);
  });

  it('lists every problem of a bad body at its path, in both languages', async () => {
    const res = await post(
      exampleApplication({
        region: 'atlantis',
      }),
    );
    expect(res.status).toBe(400);
    expect(await problems(res)).toEqual(['region:notAnOption']);
    const bad = await post(
      exampleApplication({
        applicant: { name: '', idNumber: '220201195603071230', certificateNumber: 'abc', phone: '12', address: 'x' },
        answers: { subsidies: ['living-subsidy'], needsLongTermCare: true, extra: 1 },
        consent: { sensitiveData: false, declaration: true },
      }),
    );
    expect(bad.status).toBe(400);
    expect(await problems(bad)).toEqual(
      expect.arrayContaining([
        'applicant.name:textRequired',
        'applicant.certificateNumber:certificate.length',
        'applicant.phone:phoneInvalid',
        'answers.extra:unknownKey',
        'consent.sensitiveData:consentRequired',
      ]),
    );
  });

  it('answers hostile bodies with 4xx, never 5xx', async () => {
    const cases: [string | unknown, number][] = [
      ['not json', 400],
      [[], 400],
      [null, 400],
      [{ __proto__: { form: 'two-subsidies' } }, 400],
      [JSON.parse('{"__proto__": {"isAdmin": true}, "form": "two-subsidies"}'), 400],
      [exampleApplication({ answers: { subsidies: 'living-subsidy' } }), 400],
      [exampleApplication({ applicant: { name: 'a'.repeat(5000), idNumber: 1, address: [] } }), 400],
      [exampleApplication({ submitter: { name: '王丽', relationship: 'self', phone: '13800001234', idNumber: idFor('19850101') } }), 400],
      [`${'['.repeat(5000)}${']'.repeat(5000)}`, 400],
      [{ form: 'two-subsidies', applicant: 'x'.repeat(100_000) }, 413],
    ];
    for (const [body, status] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      await problems(res);
    }
    const text = await fetch(new URL('/api/applications', base), { method: 'POST', headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': randomUUID() }, body: '{}' });
    expect(text.status).toBe(415);
  });
});

describe('GET /api/applications/<reference>', () => {
  it('answers one 404 for a wrong code or an unknown reference, 400 without a code, then 429 after too many', async () => {
    const made = (await (await post(exampleApplication({}, person()))).json()) as { reference: string; accessCode: string };
    // A client of its own (the server trusts no X-Forwarded-For here, so tries count per reference).
    expect(await problems(await track(made.reference))).toEqual([':accessCodeMissing']);
    const wrong = await track(made.reference, 'ABCDEFGHJKMN');
    expect(wrong.status).toBe(404);
    const unknown = await track('ABCDEFGHJK', made.accessCode);
    expect(unknown.status).toBe(404);
    expect(await wrong.text()).toBe(await unknown.text());
    expect((await track('not-a-code!', made.accessCode)).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await track(made.reference, 'ABCDEFGHJKMN')).status).toBe(404);
    const locked = await track(made.reference, 'ABCDEFGHJKMN');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await track(made.reference, made.accessCode)).status).toBe(429);
  });
});

describe('CORS preflight', () => {
  it('lets any origin send with an Idempotency-Key and read Location, and follow with an X-Access-Code', async () => {
    const post = await fetch(`${base}/api/applications`, { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' } });
    expect(post.status).toBe(204);
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
    expect(post.headers.get('access-control-allow-headers')).toBe('Content-Type, Idempotency-Key');
    expect(post.headers.get('access-control-expose-headers')).toBe('Location, Retry-After');
    expect(post.headers.get('allow')).toBe(post.headers.get('access-control-allow-methods'));
    const get = await fetch(`${base}/api/applications/ABCDEFGHJK`, { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' } });
    expect(get.status).toBe(204);
    expect(get.headers.get('access-control-allow-headers')).toBe('X-Access-Code');
    expect(get.headers.get('access-control-expose-headers')).toBeNull();
  });
});
