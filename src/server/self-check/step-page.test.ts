/**
 * The self-check's pages run the rules at most once per request (issue 9: finding "back"
 * replayed the questions, so a GET ran them up to ten times and a POST twice). Each request of
 * a whole journey goes through `stepPage` and `openCheckPage` with a stand-in for Astro's page
 * object; every rule's `evaluate` is counted, and one run of the rules is one call per rule the
 * region offers. The figures per request are printed, for the closing note and the bench.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RULES, type RegionData } from '../../domain/eligibility';
import { NATIONAL_REGION } from '../../domain/eligibility/test-regions';

const REGIONS = new Map<string, RegionData>([
  ['national', NATIONAL_REGION],
]);
vi.mock('../../catalogue/regions', () => ({ regionData: async () => REGIONS }));

const saved = process.env.TX_SECRET;
beforeAll(() => {
  process.env.TX_SECRET = 'a-test-key-of-at-least-32-characters-long';
});
afterAll(() => {
  if (saved === undefined) delete process.env.TX_SECRET;
  else process.env.TX_SECRET = saved;
});

/** Rule evaluations since the last `take()`. */
let evaluations = 0;
const offered = RULES.filter((r) => REGIONS.get('national')!.services.includes(r.service));
for (const rule of offered) {
  const evaluate = rule.evaluate;
  rule.evaluate = (...args) => {
    evaluations++;
    return evaluate(...args);
  };
}
const runs = () => {
  const n = evaluations / offered.length;
  evaluations = 0;
  return n;
};

/** A stand-in for the parts of AstroGlobal the self-check pages use, with a cookie jar. */
function astro(jar: Map<string, string>, method: 'GET' | 'POST', step: string | undefined, form?: Record<string, string>) {
  const url = new URL(`http://localhost/check/${step ?? ''}`);
  const request = new Request(url, form ? { method, body: new URLSearchParams(form) } : { method });
  return {
    params: { lang: undefined, step },
    url,
    request,
    response: { headers: new Headers(), status: 200 },
    cookies: {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    },
    redirect: (to: string, status: number) => new Response(null, { status, headers: { location: to } }),
    rewrite: async () => new Response(null, { status: 404 }),
  } as never;
}

describe('rules run at most once per request', () => {
  it('through a whole journey, GET and POST of every step, the summary and the results', async () => {
    const { stepPage } = await import('./step-page');
    const { openCheckPage } = await import('./page-context');
    const jar = new Map<string, string>();
    const answers: Record<string, Record<string, string>> = {
      region: { region: 'national' },
      hasCertificate: { answer: 'yes' },
      certificateNumber: { action: 'skip' },
      birthDate: { year: '1980', month: '3', day: '7' },
      household: { answer: 'dibao' },
      level: { answer: '2' },
      category: { answer: 'physical' },
      needsLongTermCare: { answer: 'yes' },
      isAutistic: { answer: 'no' },
    };
    const measured: { request: string; runs: number }[] = [];
    let step = 'region';
    for (let i = 0; i < 12 && step !== 'summary'; i++) {
      runs();
      const page = await stepPage(astro(jar, 'GET', step));
      expect(page, `GET ${step}`).not.toBeInstanceOf(Response);
      measured.push({ request: `GET /check/${step}`, runs: runs() });
      const posted = await stepPage(astro(jar, 'POST', step, answers[step] ?? { answer: 'dontKnow' }));
      measured.push({ request: `POST /check/${step}`, runs: runs() });
      expect(posted).toBeInstanceOf(Response);
      const location = (posted as Response).headers.get('location')!;
      step = location.replace('/check/', '');
    }
    expect(step).toBe('summary');
    for (const finished of ['summary', 'results']) {
      runs();
      const page = await openCheckPage(astro(jar, 'GET', finished), { finished: true });
      expect(page).not.toBeInstanceOf(Response);
      // The results page then asks for the results: the same check, not a second run.
      if (!(page instanceof Response)) page.ctx.check();
      measured.push({ request: `GET /check/${finished}`, runs: runs() });
    }
    console.table(measured);
    expect(measured.length).toBeGreaterThan(10);
    for (const m of measured) expect(m.runs, m.request).toBeLessThanOrEqual(1);
    // A GET of a step that can show needs no run at all: "back" comes from the trail.
    expect(measured.filter((m) => m.request.startsWith('GET /check/') && !/summary|results/.test(m.request)).every((m) => m.runs === 0)).toBe(true);
  });
});
