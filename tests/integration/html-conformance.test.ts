/**
 * HTML conformance: html-validate over every page in the sitemap and every state the
 * accessibility crawl visits (filters, empty and invalid states, each self-check step and its
 * error states, 404 and 500, the pages the server writes itself), in both languages. Zero
 * errors and zero warnings allowed.
 *
 * The rules, and why two are off, are in tests/html-validate.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import { Visitor } from '../check-visitor';
import { portalStates } from '../states';
import { htmlProblems as problems } from '../html-validate';

const base = inject('baseUrl');

const { PATHS, CHECK_STATES, CHECK_JOURNEYS, CHECK_ERRORS, REFUSALS, APPLY_STATES, STAFF_STATES, STAFF_POSTS } = await portalStates(base, inject('txSecret'), inject('databaseUrl'));

describe('html-validate: every page and state', () => {
  it.each(PATHS)('%s', async (path) => {
    const html = await (await fetch(`${base}${path}`)).text();
    expect(await problems(html, path)).toEqual([]);
  });

  it.each([...CHECK_STATES.keys()])('self-check %s', async (key) => {
    const cookie = CHECK_STATES.get(key);
    const html = await (await fetch(`${base}${key.replace(/#\w+$/, '')}`, { headers: cookie ? { cookie: `tx-check=${cookie}` } : {} })).text();
    expect(await problems(html, key)).toEqual([]);
  });

  // The self-check's error states, as the no-JS form sends them: the bad answer the crawl types.
  const BODIES: Record<string, Record<string, string>> = {
    region: {},
    alreadyReceives: {},
    certificateNumber: { certificateNumber: '12345' },
    birthDate: { year: '2999', month: '2', day: '30' },
  };
  it.each(CHECK_ERRORS.map((e) => e.path))('self-check %s after a bad answer', async (path) => {
    const step = path.slice(path.lastIndexOf('/') + 1);
    const prefix = path.startsWith('/en') ? '/en' : '';
    const journey = step === 'birthDate' ? CHECK_JOURNEYS('zh')[1]! : CHECK_JOURNEYS('zh')[0]!;
    const v = new Visitor(base);
    let next = await v.answer(`${prefix}/check/`, { action: 'start' });
    for (let i = 0; i < 20 && next !== path; i++) next = await v.answer(next, journey[next.slice(next.lastIndexOf('/') + 1)] ?? { answer: 'dontKnow' });
    expect(next).toBe(path);
    const res = await v.post(path, BODIES[step]!);
    expect(res.status).toBe(400);
    expect(await problems(await res.text(), path)).toEqual([]);
  });

  it.each(['/settings/', '/en/settings/'])('%s after an invalid submission', async (path) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', body: 'textSize=enormous&action=save', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    expect(await problems(await res.text(), path)).toEqual([]);
  });

  it.each(REFUSALS)('the server’s own %s page', async (name, html) => {
    expect(await problems(html, name)).toEqual([]);
  });

  it.each([...APPLY_STATES.keys()])('applying online: %s', async (key) => {
    const cookie = APPLY_STATES.get(key);
    const res = await fetch(`${base}${key}`, { headers: cookie ? { cookie } : {} });
    expect(res.status).toBe(200);
    expect(await problems(await res.text(), key)).toEqual([]);
  });

  it.each([...STAFF_STATES.keys()])('staff: %s', async (key) => {
    const { cookie, status } = STAFF_STATES.get(key)!;
    const res = await fetch(`${base}${key.replace(/#\w+$/, '')}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    expect(res.status).toBe(status);
    expect(await problems(await res.text(), key)).toEqual([]);
  });

  it.each(STAFF_POSTS.map((p) => [`${p.path}: ${p.name}`, p] as const))('staff: %s', async (_name, post) => {
    // The page's own form, as the browser would send it: its hidden fields and what is filled in.
    const page = await (await fetch(`${base}${post.path}`, { headers: post.cookie ? { cookie: post.cookie } : {} })).text();
    const fields = new URLSearchParams();
    for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(m[1]!, m[2]!);
    // A page reached by a first form (a status page found by its codes) takes that form's fields too.
    for (const [selector, value] of Object.entries({ ...post.first?.fill, ...post.fill })) fields.set(selector.slice(1), value);
    const button = /\[value="([^"]+)"\]/.exec(post.press)?.[1];
    if (button) fields.set('action', button);
    const res = await fetch(`${base}${post.path}`, { method: 'POST', body: fields, headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...(post.cookie ? { cookie: post.cookie } : {}) }, redirect: 'manual' });
    expect(res.status).toBe(post.status);
    expect(await problems(await res.text(), post.name)).toEqual([]);
  });

  it('applying online: a page with every error, and the status of an application', async () => {
    const { ApplyVisitor, applyJourneys, applyWalk, send } = await import('../apply-visitor');
    const [journey] = applyJourneys('405');
    const { visitor } = await applyWalk(base, '', journey!);
    const person = await visitor.post('/apply/two-subsidies/person', { name: '', idNumber: '1', certificateNumber: '', phone: 'x', address: '', action: 'continue' });
    expect(person.status).toBe(400);
    expect(await problems(await person.text(), 'person with errors')).toEqual([]);
    const consent = await visitor.post('/apply/two-subsidies/consent', {});
    expect(consent.status).toBe(400);
    expect(await problems(await consent.text(), 'consent with errors')).toEqual([]);
    const done = await send(visitor, '', 'two-subsidies');
    const tracker = new ApplyVisitor(base);
    for (const action of ['find', 'withdraw', 'withdrawConfirmed']) {
      const res = await tracker.post('/track/', { reference: done.reference, accessCode: done.accessCode, action });
      expect(res.status).toBe(200);
      expect(await problems(await res.text(), `track ${action}`)).toEqual([]);
    }
    const wrong = await tracker.post('/apply/resume/', { code: '', year: '' });
    expect(wrong.status).toBe(400);
    expect(await problems(await wrong.text(), 'resume with errors')).toEqual([]);
  });
});
