/**
 * Every page and state the checks visit, beyond the sitemap: filters, empty, invalid, saved,
 * error, 404 and 500 pages, each self-check step reached by answering over HTTP (with the cookie
 * that shows it), the self-check's error states, and the pages the production server writes
 * itself, reports of a problem, and the staff pages (staff-states.ts). Shared by the accessibility crawl and the HTML
 * conformance check, so both see the same.
 */
import { sitemapUrls } from './sitemap';
import { expiredCookie, idNumber, walk } from './check-visitor';
import { sendRaw } from './robustness/raw-requests';
import { refusal } from '../src/server/http/refusals';
import { limits } from '../src/server/http/limits';
import { FORM_IDS } from '../src/domain/applications/forms';
import { afterSelfCheck, applyJourneys, applyWalk, send } from './apply-visitor';
import { staffStates } from './staff-states';
import { formStamp } from '../src/server/feedback/feedback';
import { secretKey } from '../src/server/http/secret-key';

export async function portalStates(base: string, secret: string, databaseUrl: string) {
  /** Pages that are states rather than sitemap entries. */
  const STATES = [
    '/services/?category=living',
    '/en/services/?region=jilin-city',
    '/services/?category=education&region=changsha-yuhua',
    '/en/services/?category=no-such-category',
    '/search?q=%E5%AD%A9%E5%AD%90+%E5%BA%B7%E5%A4%8D', // 孩子 康复: results, words marked
    '/en/search?q=bus',
    '/search?q=zzzz', // no results: categories and 12385
    `/en/search?q=${'a'.repeat(101)}`, // too long: error summary
    '/settings/?saved=1',
    '/en/settings/?reset=1',
    '/no-such-page/',
    '/en/no-such-page/',
    '/500',
  ];
  /** The settings form after a tampered submission: its error state, reached by a real POST. */
  const ERROR_STATES = ['/settings/', '/en/settings/'];

  const pathOf = (url: string) => {
    const u = new URL(url);
    return u.pathname + u.search;
  };
  // Reporting a problem: the form opened from a page's link, and a report sent (its reference),
  // in both languages; the form's error states are posts (staff-states.ts).
  for (const prefix of ['', '/en']) {
    STATES.push(`${prefix}/feedback/?page=${encodeURIComponent(`${prefix}/services/`)}`);
    const sent = await fetch(`${base}${prefix}/feedback/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ stamp: formStamp(secretKey({ TX_SECRET: secret }), Date.now() - 10_000), message: prefix ? 'The table is too wide on my phone' : '手机上表格太宽', contact: '138 1234 5678', consent: 'yes' }),
    });
    if (sent.status !== 303) throw new Error(`a report answered ${sent.status}`);
    STATES.push(sent.headers.get('location')!);
  }
  const PATHS = [...(await sitemapUrls(base)).map(pathOf), ...STATES];

  /**
   * Every self-check step, reached by answering over HTTP; the browser then carries that
   * answers cookie. Three journeys per language: an adult whose certificate number is read
   * (18 characters in English, so the confirmation shows its warning), a young child without a
   * certificate, and an adult who skips the number.
   */
  type Answers = Record<string, Record<string, string>>;
  const CHECK_JOURNEYS = (lang: 'zh' | 'en'): Answers[] => [
    {
      region: { region: 'jilin-city' },
      hasCertificate: { answer: 'yes' },
      certificateNumber: { certificateNumber: lang === 'zh' ? `${idNumber('19800307')}52` : idNumber('19800307') },
      confirm: { answer: 'yes' },
      household: { answer: 'dibao' },
      needsLongTermCare: { answer: 'yes' },
    },
    { region: { region: 'changsha-yuhua' }, hasCertificate: { answer: 'no' }, birthDate: { year: '2021', month: '5', day: '1' }, category: { answer: 'multiple' }, isAutistic: { answer: 'yes' } },
    {
      region: { region: 'jilin-city' },
      hasCertificate: { answer: 'yes' },
      certificateNumber: { action: 'skip' },
      birthDate: { year: '1970', month: '12', day: '31' },
      household: { answer: 'low-income' },
      level: { answer: '3' },
      category: { answer: 'psychosocial' },
    },
  ];
  const CHECK_STATES = new Map<string, string | undefined>();
  for (const prefix of ['', '/en'] as const) {
    for (const answers of CHECK_JOURNEYS(prefix ? 'en' : 'zh')) {
      for (const { path, cookie } of await walk(base, prefix, answers)) {
        // One scan per step, but each journey's results (they differ).
        const key = path.endsWith('/results') ? `${path}#${CHECK_STATES.size}` : path;
        if (!CHECK_STATES.has(key)) CHECK_STATES.set(key, cookie);
      }
    }
    CHECK_STATES.set(`${prefix}/check/?cleared=1`, undefined);
    // The start page telling why the answers are gone: expired, or sent back altered.
    CHECK_STATES.set(`${prefix}/check/#expired`, await expiredCookie(secret));
    CHECK_STATES.set(`${prefix}/check/#unreadable`, 'AAAA');
  }
  /** The self-check's error states: a step's form sent with a bad answer, by the browser. */
  const CHECK_ERRORS = ['', '/en'].flatMap((prefix): { path: string; fill: Record<string, string> }[] => [
    { path: `${prefix}/check/region`, fill: {} },
    // Continue with no box ticked: the many-of question's "required" error, next to checkboxes.
    { path: `${prefix}/check/alreadyReceives`, fill: {} },
    { path: `${prefix}/check/certificateNumber`, fill: { '#certificateNumber': '12345' } },
    { path: `${prefix}/check/birthDate`, fill: { '#date-year': '2999', '#date-month': '2', '#date-day': '30' } },
  ]);
  /**
   * The pages the production server writes itself (src/server/http/refusals.ts), as it sends
   * them: 400 for an unreadable address, 405 for a method the page does not take, 413 for a form
   * too large; and the 500 it sends when the adapter throws (which no request should provoke).
   */
  const { hostname, port } = new URL(base);
  const rawHtml = async (bytes: string) => (await sendRaw(hostname, Number(port), bytes)).raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  const REFUSALS: [string, string][] = [];
  for (const prefix of ['', '/en']) {
    REFUSALS.push([`400 ${prefix}/`, await rawHtml(`GET ${prefix}/%zz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)]);
    REFUSALS.push([`405 ${prefix}/settings/`, await rawHtml(`DELETE ${prefix}/settings/ HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)]);
    const big = `textSize=${'a'.repeat(limits.formBodyBytes)}`;
    REFUSALS.push([
      `413 ${prefix}/settings/`,
      await (await fetch(`${base}${prefix}/settings/`, { method: 'POST', body: big, headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' } })).text(),
    ]);
    REFUSALS.push([`500 ${prefix}/`, refusal('serverError', `${prefix}/`).body]);
  }

  const { APPLY_STATES, APPLY_POSTS } = await applyStates(base);
  const { STAFF_STATES, STAFF_POSTS } = await staffStates(base, databaseUrl);
  return { STATES, ERROR_STATES, PATHS, CHECK_JOURNEYS, CHECK_STATES, CHECK_ERRORS, REFUSALS, pathOf, APPLY_STATES, APPLY_POSTS, STAFF_STATES, STAFF_POSTS };
}

/**
 * Applying online (issue 11): every page of three journeys per language (for someone else with a
 * photo, for a child, for oneself), reached over HTTP, each with the cookies that show it (the
 * draft's; the sealed receipt for the confirmation), the start pages, the saved-application and
 * tracking pages. Then the pages a browser reaches by posting a form: each error state, the
 * status of an application on /track, and the question before withdrawing it.
 */
async function applyStates(base: string) {
  const APPLY_STATES = new Map<string, string | undefined>();
  /** A page reached by filling in (`fill`: selector → value, or true to check) and pressing `press`, with `cookie`. */
  const APPLY_POSTS: { name: string; path: string; cookie?: string; fill: Record<string, string | true>; press: string; status: number }[] = [];
  for (const prefix of ['', '/en'] as const) {
    for (const form of FORM_IDS) APPLY_STATES.set(`${prefix}/apply/${form}/`, undefined);
    APPLY_STATES.set(`${prefix}/apply/resume/`, undefined);
    APPLY_STATES.set(`${prefix}/track/`, undefined);
    const seq = prefix ? '402' : '401';
    for (const journey of applyJourneys(seq)) {
      const { visitor, seen } = await applyWalk(base, prefix, journey);
      for (const { path, cookie } of seen) APPLY_STATES.set(path, cookie);
      APPLY_STATES.set(`${prefix}/apply/${journey.form}/consent`, visitor.cookie);
      APPLY_STATES.set(`${prefix}/apply/${journey.form}/save`, visitor.cookie);
      if (journey.form === 'two-subsidies') {
        const draft = visitor.cookie;
        APPLY_POSTS.push(
          {
            name: 'a page with every error',
            path: `${prefix}/apply/two-subsidies/person`,
            cookie: draft,
            fill: { '#name': '', '#certificateNumber': '12345' },
            press: 'button[value="continue"]',
            status: 400,
          },
          { name: 'documents without the file', path: `${prefix}/apply/two-subsidies/documents`, cookie: draft, fill: { '#material-idCard-0': true }, press: 'button[value="continue"]', status: 400 },
          { name: 'consent left empty', path: `${prefix}/apply/two-subsidies/consent`, cookie: draft, fill: {}, press: 'button[value="send"]', status: 400 },
        );
      }
    }
    // Answers the self-check gave, not asked again: check your answers marks each, and a page
    // opened to change one shows it chosen with where it came from.
    const carrier = await afterSelfCheck(base, prefix);
    const [carried] = applyJourneys(seq);
    await applyWalk(base, prefix, carried!, carrier);
    APPLY_STATES.set(`${prefix}/apply/two-subsidies/check?carried`, carrier.cookie);
    APPLY_STATES.set(`${prefix}/apply/two-subsidies/page-household?change=1`, carrier.cookie);
    // A journey sent: its confirmation (the receipt cookie), then its status on /track.
    // A person of this process's own (the crawl and the conformance check share one server, and
    // a second application for the same person and form would be refused as already open).
    const [sent] = applyJourneys(String(500 + ((process.pid * 2 + (prefix ? 1 : 0)) % 500)).padStart(3, '0'));
    const { visitor } = await applyWalk(base, prefix, sent!);
    const done = await send(visitor, prefix, sent!.form);
    APPLY_STATES.set(`${prefix}/apply/${sent!.form}/done`, `tx-applied=${done.receipt}`);
    APPLY_POSTS.push(
      { name: 'a saved application, with the wrong date', path: `${prefix}/apply/resume/`, fill: { '#code': 'ABCD 2345', '#date-year': '1956' }, press: 'button[value="resume"]', status: 400 },
      { name: 'an application found', path: `${prefix}/track/`, fill: { '#reference': done.reference, '#accessCode': done.accessCode }, press: 'button[value="find"]', status: 200 },
      // An unknown reference: a wrong code for the real one, scanned in every mode, would lock it.
      { name: 'a wrong pair', path: `${prefix}/track/`, fill: { '#reference': 'ABCD EFGH JK', '#accessCode': 'ABCD EFGH JKMN' }, press: 'button[value="find"]', status: 400 },
    );
  }
  return { APPLY_STATES, APPLY_POSTS };
}
