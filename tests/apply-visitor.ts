/**
 * A browser without JavaScript applying online over HTTP (issue 11): the Visitor's cookie jar,
 * each page of a journey answered in turn, files uploaded as a form would send them
 * (multipart), and every page's address recorded with the cookie that shows it. Used by the
 * journey tests and by the accessibility crawl to reach each page's state.
 */
import { readFileSync } from 'node:fs';
import { Visitor, idNumber, walk } from './check-visitor';

export { idNumber };

/** A photo to upload: the project's own poster frame. */
export const PHOTO = readFileSync(new URL('../public/videos/sample.jpg', import.meta.url));

export interface ApplyJourney {
  form: string;
  /** Each page's fields, in the order the pages come (a page not listed is a test failure). */
  pages: Record<string, Record<string, string | string[]>>;
  /** Files to upload on the documents page, by material. */
  files?: Record<string, { name: string; bytes: Uint8Array; type: string }>;
}

export class ApplyVisitor extends Visitor {
  /** A multipart POST, as a form with a file input sends it. */
  postMultipart(path: string, fields: Record<string, string | string[]>, files: ApplyJourney['files'] = {}) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    for (const [material, f] of Object.entries(files)) body.append(`file-${material}`, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    return this.request(path, { method: 'POST', body, headers: { origin: this.base } });
  }

  /** A form POST with repeated fields for lists (checkboxes). */
  postFields(path: string, fields: Record<string, string | string[]>) {
    const pairs: [string, string][] = Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
    return this.post(path, pairs);
  }

  cookieNamed(name: string): string | undefined {
    return new RegExp(`(?:^|; )${name}=([^;]*)`).exec(this.cookie)?.[1];
  }
}

/**
 * Starts an application of `journey.form` and answers each page until check your answers;
 * returns each page reached (with the draft cookie that shows it) and the visitor, to go on.
 * `v`, when given, is a visitor with cookies already (a self-check done, say).
 */
export async function applyWalk(base: string, prefix: '' | '/en', journey: ApplyJourney, v = new ApplyVisitor(base)) {
  const seen: { path: string; cookie: string }[] = [];
  const start = await v.post(`${prefix}/apply/${journey.form}/`, { action: 'start' });
  if (start.status !== 303) throw new Error(`start answered ${start.status}`);
  let next = new URL(start.headers.get('location')!, base).pathname;
  for (let i = 0; i < 15 && !next.endsWith('/check'); i++) {
    seen.push({ path: next, cookie: v.cookie });
    const page = next.slice(next.lastIndexOf('/') + 1);
    const fields = journey.pages[page];
    if (!fields) throw new Error(`${next}: no answers for page ${page}`);
    const res = page === 'documents' ? await v.postMultipart(next, { ...fields, action: 'continue' }, journey.files) : await v.postFields(next, { ...fields, action: 'continue' });
    if (res.status !== 303)
      throw new Error(
        `${next} answered ${res.status}: ${(await res.text())
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 600)}`,
      );
    next = new URL(res.headers.get('location')!, base).pathname;
  }
  seen.push({ path: next, cookie: v.cookie });
  return { visitor: v, seen };
}

/** Consents and sends a walked application; returns the confirmation's reference and access code as shown. */
export async function send(v: ApplyVisitor, prefix: '' | '/en', form: string, consent: Record<string, string> = { 'consent-sensitiveData': 'yes', 'consent-otherServices': 'no', declaration: 'yes' }) {
  const res = await v.post(`${prefix}/apply/${form}/consent`, consent);
  if (res.status !== 303) throw new Error(`consent answered ${res.status}`);
  const done = await v.get(new URL(res.headers.get('location')!, v.base).pathname);
  const html = await done.text();
  const [reference, accessCode] = [...html.matchAll(/<strong[^>]*>([A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9 ]{2,9})<\/strong>/g)].map((m) => m[1]!);
  return { status: done.status, html, reference: reference!, accessCode: accessCode!, receipt: v.cookieNamed('tx-applied') };
}

/**
 * The journeys the tests and the crawl take: for someone else, with a photo; for a child; for
 * oneself. `seq` (three digits) makes the people distinct, so journeys in one run never meet an
 * open application of another's.
 */
export function applyJourneys(seq: string): ApplyJourney[] {
  const father = idNumber('19560307', seq);
  const child = idNumber('20210301', seq);
  return [
    {
      form: 'two-subsidies',
      pages: {
        region: { region: 'jilin-city' },
        who: { role: 'supportDuty' },
        person: { name: '王建国', idNumber: father, certificateNumber: `${father}42`, phone: '', address: '吉林市船营区某街1号' },
        submitter: { submitterName: '王丽', submitterIdNumber: idNumber('19850101'), submitterPhone: '138 0000 1234', agreement: 'agrees' },
        'page-subsidies': { subsidies: ['living-subsidy', 'nursing-subsidy'] },
        'page-household': { household: 'dibao' },
        'page-care': { needsLongTermCare: 'yes' },
        documents: {
          'material-certificate': 'upload',
          'material-idCard': 'bring',
          'material-householdRegister': 'bring',
          'material-approvalForm': 'bring',
          'material-photos': 'bring',
          'material-other': 'bring',
        },
      },
      files: { certificate: { name: '残疾人证.jpg', bytes: PHOTO, type: 'image/jpeg' } },
    },
    {
      form: 'child-rehabilitation',
      pages: {
        region: { region: 'changsha-yuhua' },
        who: { role: 'guardian' },
        person: { name: '小明', idNumber: child, certificateNumber: '', phone: '', address: '长沙市雨花区某路2号' },
        submitter: { submitterName: '李华', submitterIdNumber: idNumber('19900101'), submitterPhone: '13800001234' },
        'page-disability': { isAutistic: 'yes', category: 'dontKnow' },
        'page-rehabilitation': { currentProvider: '' },
        documents: { 'material-other': 'bring' },
      },
    },
    {
      form: 'student-aid',
      pages: {
        who: { role: 'self' },
        person: { name: '张明', idNumber: idNumber('20080901', seq), certificateNumber: '', phone: '13900001234', address: '吉林市昌邑区某街3号' },
        'page-basis': { basis: 'disabledStudent' },
        'page-school': { schoolStage: 'senior-secondary', schoolName: '吉林市第一中学' },
        documents: { 'material-other': 'bring' },
      },
    },
  ];
}

/**
 * A visitor who has done the self-check (吉林市, a certificate of level 1, a dibao household, a
 * need for long-term care), so a form started next carries those answers over.
 */
export async function afterSelfCheck(base: string, prefix: '' | '/en'): Promise<ApplyVisitor> {
  const steps = await walk(base, prefix, {
    region: { region: 'jilin-city' },
    hasCertificate: { answer: 'yes' },
    certificateNumber: { certificateNumber: `${idNumber('19800307')}12` },
    confirm: { answer: 'yes' },
    household: { answer: 'dibao' },
    needsLongTermCare: { answer: 'yes' },
  });
  const v = new ApplyVisitor(base);
  v.cookie = `tx-check=${steps.at(-1)!.cookie}`;
  return v;
}
