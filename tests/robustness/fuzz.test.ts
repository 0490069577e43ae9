/**
 * Seeded property-based fuzzing of every POST endpoint over HTTP, against the built server:
 * the JSON API, the settings form and every self-check page (start, each step, the summary and
 * the results), in both languages. Each endpoint gets at least FUZZ_RUNS (default 1,000)
 * generated requests, a mix of
 *  - valid-ish forms: the right field names with real, wrong, empty and boundary values (dates
 *    like 0000-00-00 and 2026-02-30, full-width digits, ID-shaped numbers with a wrong check
 *    character), same-origin, right content type, with or without the cookie of a partial journey;
 *  - hostile requests: random bytes, invalid UTF-8, thousands of repeated keys, JSON nested
 *    thousands deep or with __proto__/constructor keys, 1e309, values up to ~60 KB and bodies
 *    over the limits (form 64 KiB, JSON 16 KiB; some sent chunked, with no length), wrong or
 *    missing content types, wrong/missing/`null` Origin, garbage and tampered cookies, and
 *    answers sealed with the server's own key in shapes this version never writes (an older
 *    release's cookie after a deploy).
 * Every answer must be below 500, arrive within 2 s, and carry no stack trace; the API answers
 * every non-2xx with application/problem+json. After each endpoint, `GET /` must still be 200.
 * Bodies over the limit go through a small curl-like client (sendRaw) that reads while it
 * writes: the server answers 413 at once and closes after dropping at most 1 MiB more, which
 * fetch can report as EPIPE instead of the answer for a larger body. An answer lost that way is
 * sent again, and must then be answered (the summary counts them).
 *
 * Reproduce a failure: the failing request is printed with a curl command (its body is saved
 * under $TMPDIR/tx-fuzz/); the generation is reproduced by FUZZ_SEED (printed in each test's
 * name). FUZZ_RUNS changes the count, FUZZ_SHRINK=1 lets fast-check shrink a failing batch,
 * FUZZ_KEEP_GOING=1 records every failing request instead of stopping at the first batch.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { checkCharacter } from '../../src/domain/identity';
import { idNumber, walk } from '../check-visitor';
import { limits } from '../../src/server/http/limits';
import { exampleApplication, idFor } from '../people';

const base = inject('baseUrl');
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SHRINK = process.env.FUZZ_SHRINK === '1';
const KEEP_GOING = process.env.FUZZ_KEEP_GOING === '1';
/** Requests in flight at once (two cores: the server and this process share them). */
const BATCH = 8;
const MAX_MS = 2000;
const FORM_LIMIT = limits.formBodyBytes;
const JSON_LIMIT = limits.jsonBodyBytes;
const OUT = join(tmpdir(), 'tx-fuzz');
/** How many forged states beforeAll seals (labels name the one used). */
const FORGED_COUNT = 10;

// ---------------------------------------------------------------------------------------------
// Requests: plain data, so fast-check can print and shrink them and a failure can be replayed.

/** Where a cookie comes from; resolved when the request is sent (journey cookies are made in beforeAll). */
type CookieChoice =
  | { kind: 'none' }
  | { kind: 'journey'; forStep: boolean; index: number }
  | { kind: 'tampered'; index: number; how: 'flip' | 'truncate' | 'append' | 'swap' | 'version'; at: number }
  | { kind: 'forged'; index: number }
  | { kind: 'raw'; header: string };

interface FuzzRequest {
  /** What was generated, for the statistics and the report. */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  cookie: CookieChoice;
  body: Uint8Array;
  /** Sent as a stream (chunked, no Content-Length). */
  chunked: boolean;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** `unit` repeated to exactly `length` UTF-8 bytes (cut at a byte, so possibly ending mid-character). */
const repeatTo = (unit: string, length: number) => {
  const one = Buffer.from(unit || 'a', 'utf8');
  return new Uint8Array(Buffer.alloc(length, one));
};

// ---------------------------------------------------------------------------------------------
// Values

const weird = fc.constantFrom(
  '', ' ', '\t', '0', '-0', '-1', '1.5', '1e309', '-1e309', 'NaN', 'Infinity', 'null', 'undefined', 'true', 'false',
  '[]', '{}', '[object Object]', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '%', '%%', '%00', '%G1', '%E0%A4%A', '\u0000', '\uFEFF', '\uD800', '\uDFFF', '\uD83D', '😀', '👨‍👩‍👧', '\u202E', '\u3000',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '../../../etc/passwd', "' OR 1=1 --",
  '9'.repeat(400), '1'.repeat(30), '١٢٣', '１９８０', 'Ⅻ', 'ＹＥＳ', 'YES', 'Yes', 'yes ', ' yes', 'dontknow', 'DONTKNOW',
);
const text = fc.oneof(
  { arbitrary: weird, weight: 4 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** An ID-shaped certificate number: right or wrong check character, category and level digits, shape. */
const certificateNumber = fc
  .record({
    region: fc.constantFrom('220201', '110101', '000000', '999999'),
    birth: fc.oneof(
      fc.constantFrom('19800307', '19000101', '18991231', '20000229', '19000229', '19800230', '00000000', '20991231', '19801301', '19800732'),
      digits(8),
    ),
    seq: digits(3),
    check: fc.constantFrom('right', 'wrong', 'x', 'X', 'letter'),
    category: fc.constantFrom('', '1', '4', '7', '0', '8', '9', 'a'),
    level: fc.constantFrom('', '1', '2', '4', '0', '5', '9'),
    extra: fc.constantFrom('', '', '', '0', '00', '123'),
    shape: fc.constantFrom('plain', 'plain', 'spaced', 'hyphens', 'fullWidth', 'lower', 'cut', 'padded'),
  })
  .map(({ region, birth, seq, check, category, level, extra, shape }) => {
    const first = `${region}${birth}${seq}`;
    const right = checkCharacter(first);
    const c = check === 'right' ? right : check === 'wrong' ? (right === '0' ? '1' : '0') : check === 'letter' ? 'A' : right === 'X' ? check : '7';
    let n = `${first}${c}${category}${level}${extra}`;
    if (shape === 'spaced') n = n.replace(/(.{4})/g, '$1 ');
    if (shape === 'hyphens') n = `${n.slice(0, 6)}-${n.slice(6, 14)}-${n.slice(14)}`;
    if (shape === 'fullWidth') n = fullWidth(n);
    if (shape === 'lower') n = n.toLowerCase();
    if (shape === 'cut') n = n.slice(0, 17);
    if (shape === 'padded') n = `\u3000 ${n}\t`;
    return n;
  });

const year = fc.oneof(
  fc.constantFrom('0000', '1899', '1900', '1980', '2000', '2024', '2026', '2027', '9999', '99999', '-1980', '80', '1980.0', '1e3', ' 1980 '),
  fc.constantFrom('１９８０', '２０２６', '1９8０', '٢٠٢٠', '99999999999999999999999', '0x7C4'),
  digits(4),
);
const month = fc.oneof(fc.constantFrom('0', '00', '1', '01', '2', '02', '12', '13', '-1', '２', '１２', '1.0', '+2', '99999999999999999999'), digits(2));
const day = fc.oneof(fc.constantFrom('0', '00', '1', '28', '29', '30', '31', '32', '-1', '３０', '2.9', '1e1', '99999999999999999999'), digits(2));

// ---------------------------------------------------------------------------------------------
// Form endpoints: their fields, and values for each.

type Fields = Record<string, fc.Arbitrary<string>>;
const yesNo = fc.constantFrom('yes', 'no', 'dontKnow');
const CHECK_FIELDS: Record<string, Fields> = {
  '': { action: fc.constantFrom('start', 'clear') },
  region: { region: fc.constantFrom('jilin-city', 'changsha-yuhua', 'atlantis', 'jilin-city ', 'JILIN-CITY', 'jilin', '__proto__') },
  hasCertificate: { answer: yesNo },
  certificateNumber: { certificateNumber: certificateNumber, action: fc.constantFrom('skip', 'continue', 'SKIP') },
  confirm: { answer: fc.constantFrom('yes', 'no', 'dontKnow') },
  birthDate: { year, month, day, answer: fc.constant('dontKnow') },
  household: { answer: fc.constantFrom('dibao', 'low-income', 'tekun', 'registered-poor', 'none', 'dontKnow', 'rich', 'Dibao') },
  level: { answer: fc.constantFrom('1', '2', '3', '4', '0', '5', '１', '2.0', '02', '-1', '1e309', '4294967297', 'dontKnow') },
  category: {
    answer: fc.constantFrom('visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple', 'dontKnow', 'other', '1'),
  },
  needsLongTermCare: { answer: yesNo },
  schoolStage: { answer: fc.constantFrom('none', 'compulsory', 'senior-secondary', 'higher', 'dontKnow', 'college', 'None', '') },
  hasMotorizedWheelchair: { answer: yesNo },
  hasSuddenHardship: { answer: yesNo },
  isAutistic: { answer: yesNo },
  alreadyReceives: { answer: fc.constantFrom('living-subsidy', 'nursing-subsidy', 'work-injury-nursing-allowance', 'none', 'dontKnow', 'pension', 'None', '') },
  summary: { action: fc.constantFrom('start', 'clear', 'submit') },
  results: { action: fc.constantFrom('start', 'clear', 'print') },
};
const SETTINGS_FIELDS: Fields = {
  textSize: fc.constantFrom('standard', 'large', 'larger', 'giant', ''),
  contrast: fc.constantFrom('system', 'standard', 'high', 'low'),
  lineSpacing: fc.constantFrom('standard', 'wide', 'narrow'),
  motion: fc.constantFrom('system', 'reduce', 'none'),
  action: fc.constantFrom('save', 'reset', 'delete'),
};
/** Applying online and following an application (issue 11): the start, a details page (no draft: sent to the start), the saved-application and tracking forms; and the form to report a problem. */
const APPLY_FIELDS: Record<string, Fields> = {
  '/apply/two-subsidies/': { action: fc.constantFrom('start', 'clear', '', 'START') },
  '/apply/two-subsidies/person': { name: text, idNumber: certificateNumber, certificateNumber, phone: text, address: text, action: fc.constantFrom('continue', 'save', 'upload') },
  '/apply/resume/': { code: text, year, month, day },
  '/track/': { reference: text, accessCode: text, action: fc.constantFrom('find', 'withdraw', 'withdrawConfirmed', 'x') },
  // Reporting a problem (issue 13 point 10): no stamp the fuzzer makes opens, so nothing is kept.
  '/feedback/': { message: text, page: text, name: text, contact: text, consent: fc.constantFrom('yes', 'no', ''), website: fc.constantFrom('', 'x'), stamp: text },
};
const ALL_FIELD_NAMES = [...new Set([...Object.values(CHECK_FIELDS).flatMap(Object.keys), ...Object.keys(SETTINGS_FIELDS), ...Object.values(APPLY_FIELDS).flatMap(Object.keys)])];

/** Whole dates for the year/month/day fields: impossible, future, full-width, leap days. */
const dateTriple = fc.constantFrom(
  ['0000', '00', '00'], ['2026', '02', '30'], ['2026', '2', '30'], ['２０２６', '０２', '３０'], ['1980', '3', '7'], ['１９８０', '３', '７'],
  ['2024', '2', '29'], ['2023', '2', '29'], ['2100', '2', '29'], ['2026', '12', '31'], ['1900', '1', '1'], ['1899', '12', '31'],
  ['99999999999999999999', '1', '1'], ['1980', '1e1', '1'], ['1980', '', '7'], ['', '', ''],
);

/** Name/value pairs: the endpoint's own fields (real, wrong, empty values), now and then a stranger's. */
function formPairs(fields: Fields): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(fields);
  const own = fc.constantFrom(...names).chain((name) =>
    fc.tuple(fc.constant(name), fc.oneof({ arbitrary: fields[name]!, weight: 6 }, { arbitrary: text, weight: 2 }, { arbitrary: fc.constant(''), weight: 1 })),
  );
  const stranger = fc.tuple(fc.oneof(fc.constantFrom(...ALL_FIELD_NAMES, '__proto__', 'constructor', 'answer[]', 'a[b][c]', ''), text), text);
  const pairs = fc.array(fc.oneof({ arbitrary: own, weight: 5 }, { arbitrary: stranger, weight: 1 }), { minLength: 0, maxLength: 6 });
  if (!('year' in fields)) return pairs;
  const date = fc.tuple(dateTriple, pairs).map(([[y, m, d], rest]): [string, string][] => [['year', y!], ['month', m!], ['day', d!], ...rest.slice(0, 1)]);
  return fc.oneof({ arbitrary: pairs, weight: 1 }, { arbitrary: date, weight: 1 });
}

const BOUNDARY = 'fuzzB0undaryXyZ';
const multipart = (pairs: [string, string][], boundary = BOUNDARY) =>
  utf8(pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`);
/** Unencoded: `&`, `=`, `%` and `+` in values change the meaning, and bad escapes stay bad. */
const rawForm = (pairs: [string, string][]) => utf8(pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const encodedForm = (pairs: [string, string][]) => utf8(new URLSearchParams(pairs).toString());

const FORM_TYPE = 'application/x-www-form-urlencoded';
const formTypes = fc.constantFrom(
  'application/x-www-form-urlencoded; charset=UTF-8', 'APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded; charset=latin1',
  'application/x-www-form-urlencoded;;;', `multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data', 'multipart/form-data; boundary=other',
  'multipart/form-data; boundary=', 'text/plain', 'text/plain; charset=utf-8', 'application/json', 'application/xml', 'application/octet-stream',
  '*/*', 'garbage', ';', '', 'x'.repeat(2000),
);

interface Encoded {
  label: string;
  body: Uint8Array;
  /** The content type this body is meant for (the request may still be sent with another). */
  type: string;
  chunked?: boolean;
}

/** A body for a form endpoint: valid-ish pairs in one of several encodings, or something hostile. */
function formBody(fields: Fields): fc.Arbitrary<Encoded> {
  const names = Object.keys(fields);
  const pairs = formPairs(fields);
  const validish = fc.oneof(
    { arbitrary: pairs.map((p): Encoded => ({ label: 'form', body: encodedForm(p), type: FORM_TYPE })), weight: 8 },
    { arbitrary: pairs.map((p): Encoded => ({ label: 'form-raw', body: rawForm(p), type: FORM_TYPE })), weight: 2 },
    { arbitrary: pairs.map((p): Encoded => ({ label: 'multipart', body: multipart(p), type: `multipart/form-data; boundary=${BOUNDARY}` })), weight: 2 },
  );
  const name = fc.oneof(fc.constantFrom(...names), fc.constant('a'));
  const hostile = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b): Encoded => ({ label: 'random-bytes', body: b, type: FORM_TYPE })),
    fc.tuple(name, fc.constantFrom('%FF%FE', '%C3%28', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%', '%%32%30', '%u0041')).map(
      ([k, v]): Encoded => ({ label: 'invalid-utf8-escape', body: latin1(`${k}=${v}&${k}=${v}yes`), type: FORM_TYPE }),
    ),
    fc.tuple(name, fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00])).map(
      ([k, bytes]): Encoded => ({ label: 'invalid-utf8-bytes', body: concat(utf8(`${k}=`), new Uint8Array(bytes), utf8('yes')), type: FORM_TYPE }),
    ),
    // a=1&a=2&… up to just under the limit, or over it.
    fc.tuple(name, fc.integer({ min: 100, max: 60_000 }), fc.boolean()).map(([k, size, over]): Encoded => {
      const target = over ? FORM_LIMIT + size : size;
      const parts: string[] = [];
      for (let i = 0, length = 0; length < target; i++) {
        const part = `${k}=${i}`;
        parts.push(part);
        length += part.length + 1;
      }
      return { label: over ? 'repeated-keys-over-limit' : 'repeated-keys', body: utf8(parts.join('&')), type: FORM_TYPE };
    }),
    // One long value (raw characters, or escapes), just under the form limit, or over it.
    fc.tuple(
      name,
      fc.constantFrom('a', '9', '９', '😀', 'é', '+', '&', '=', ' ', '\u0000', '%41', '%EF%BC%99', '%F0%9F%98%80', '%00', '%FF'),
      fc.integer({ min: 1000, max: 60_000 }),
      fc.boolean(),
    ).map(([k, unit, size, over]): Encoded => {
      const prefix = utf8(`${k}=`);
      const value = repeatTo(unit, (over ? FORM_LIMIT + size : size) - prefix.length);
      return { label: over ? 'long-value-over-limit' : 'long-value', body: concat(prefix, value), type: FORM_TYPE };
    }),
    // Over the limit with no Content-Length: the server must stop reading, not buffer it all.
    fc.integer({ min: FORM_LIMIT + 1, max: 4 * FORM_LIMIT }).map((size): Encoded => ({ label: 'chunked-over-limit', body: repeatTo('a=1&', size), type: FORM_TYPE, chunked: true })),
    fc.integer({ min: 1, max: 60_000 }).map((size): Encoded => ({ label: 'chunked', body: repeatTo('answer=yes&', size), type: FORM_TYPE, chunked: true })),
    fc.constantFrom(...hostileJson()).map((body): Encoded => ({ label: 'json-in-form', body: utf8(body), type: 'application/json' })),
    fc.constantFrom(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="answer"\r\n\r\nyes`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nyes\r\n--${BOUNDARY}--\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="answer"; filename="../../x.txt"\r\nContent-Type: text/plain\r\n\r\nyes\r\n--${BOUNDARY}--\r\n`,
      `--${BOUNDARY}--\r\n`,
      `--${BOUNDARY}\r\n\r\n\r\n--${BOUNDARY}--`,
      `--other\r\nContent-Disposition: form-data; name="answer"\r\n\r\nyes\r\n--other--\r\n`,
    ).map((body): Encoded => ({ label: 'broken-multipart', body: utf8(body), type: `multipart/form-data; boundary=${BOUNDARY}` })),
    fc.constant<Encoded>({ label: 'empty', body: new Uint8Array(), type: FORM_TYPE }),
  );
  return fc.oneof({ arbitrary: validish, weight: 3 }, { arbitrary: hostile, weight: 2 });
}

// ---------------------------------------------------------------------------------------------
// JSON (the API; also thrown at the forms)

/** A JSON value written by hand: raw number literals, duplicate and prototype keys survive. */
type J = { raw: string } | string | boolean | null | J[] | { entries: [string, J][] };
const jsonText = (v: J): string => {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if ('raw' in v) return v.raw;
  return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
};
const obj = (entries: [string, J][]): J => ({ entries });

/** Fixed hostile JSON texts: deep nesting, prototype keys, numbers out of range. */
function hostileJson(): string[] {
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  return [
    deepArray(1000),
    deepArray(5000),
    deepArray(8000), // 16,000 bytes: just under the JSON limit
    '['.repeat(8000), // never closed
    deepObject(1000),
    deepObject(3000),
    `{"region":"jilin-city","answers":${deepObject(2000)}}`,
    `{"region":"jilin-city","dontKnow":${deepArray(4000)}}`,
    '{"__proto__":{"region":"jilin-city","polluted":true},"region":"jilin-city"}',
    '{"region":"jilin-city","answers":{"__proto__":{"level":1,"hasCertificate":true}}}',
    '{"region":"jilin-city","answers":{"constructor":{"prototype":{"level":1}}}}',
    '{"constructor":{"prototype":{"polluted":true}},"region":"jilin-city"}',
    '{"region":"jilin-city","dontKnow":["__proto__","constructor","toString","hasOwnProperty"]}',
    '{"region":"__proto__"}',
    '{"region":"constructor"}',
    '{"region":"toString"}',
    '{"region":"jilin-city","answers":{"level":1e309}}',
    '{"region":"jilin-city","answers":{"level":-1e309}}',
    '{"region":"jilin-city","answers":{"level":1.0000000000000002}}',
    '{"region":"jilin-city","answers":{"level":123456789012345678901234567890}}',
    '{"region":"jilin-city","answers":{"level":-0}}',
    '{"region":"jilin-city","answers":{"level":4.0}}',
    '{"region":"jilin-city","asOf":1e309}',
    '{"region":"jilin-city","region":"changsha-yuhua","region":null}',
    '{"region":"jilin-city","answers":{"birthDate":"0000-00-00"}}',
    '{"region":"jilin-city","asOf":"0000-01-01"}',
    '{"region":"jilin-city","asOf":"9999-12-31","answers":{"birthDate":"2026-02-30"}}',
    '{"region":"jilin-city","asOf":"2026-02-29"}',
    '{"region":"jilin-city","answers":{"certificateNumber":"' + '9'.repeat(10000) + '"}}',
    '\uFEFF{"region":"jilin-city"}',
    '{"region":"jilin-city"} trailing',
    '{"region":"jilin-city",}',
    "{'region':'jilin-city'}",
    '{"region":"\\ud800"}',
    '{"region":"jilin-city\\u0000"}',
    'null', 'true', '0', '""', '[]', '1e309', '-', '', ' ', '{', '}', '"', '\\',
  ];
}

const dateString = fc.oneof(
  fc.constantFrom('1980-03-07', '2026-02-28', '2026-02-29', '2026-02-30', '2024-02-29', '2023-02-29', '0000-00-00', '0000-01-01', '1899-12-31', '1900-01-01'),
  fc.constantFrom('9999-12-31', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '2026/01/01', '２０２６-０１-０１', '2026-01-01T00:00:00Z', '+002026-01-01', ''),
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${m}-${d}`),
);
const jString = (s: fc.Arbitrary<string>): fc.Arbitrary<J> => s;
const rawNumber = fc
  .oneof(
    fc.constantFrom('1e309', '-1e309', '1', '2', '3', '4', '0', '5', '-0', '2.5', '4.0', '1e0', '123456789012345678901234567890', '0.1e1', '-1'),
    fc.double().filter(Number.isFinite).map(String),
    fc.integer().map(String),
  )
  .map((raw): J => ({ raw }));
const wrongTyped: fc.Arbitrary<J> = fc.oneof(
  jString(text),
  rawNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant<J>([]),
  fc.constant<J>(obj([])),
  fc.constant<J>(obj([['__proto__', obj([['x', true]])]])),
);
const answerValues: Record<string, fc.Arbitrary<J>> = {
  certificateNumber: jString(certificateNumber),
  hasCertificate: fc.boolean(),
  category: jString(CHECK_FIELDS.category!.answer!),
  level: rawNumber,
  birthDate: jString(dateString),
  household: jString(CHECK_FIELDS.household!.answer!),
  needsLongTermCare: fc.boolean(),
  isAutistic: fc.boolean(),
  schoolStage: jString(CHECK_FIELDS.schoolStage!.answer!),
  hasMotorizedWheelchair: fc.boolean(),
  hasSuddenHardship: fc.boolean(),
  alreadyReceives: fc.oneof(
    fc.subarray(['living-subsidy', 'nursing-subsidy', 'work-injury-nursing-allowance']) as fc.Arbitrary<J>,
    fc.array(jString(CHECK_FIELDS.alreadyReceives!.answer!), { maxLength: 4 }),
  ),
};
const answerKey = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.keys(answerValues)), weight: 8 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'certificatenumber', 'region', 'Level'), weight: 1 },
);
const answersArb: fc.Arbitrary<J> = fc
  .array(
    answerKey.chain((k) =>
      fc.tuple(fc.constant(k), Object.hasOwn(answerValues, k) ? fc.oneof({ arbitrary: answerValues[k]!, weight: 5 }, { arbitrary: wrongTyped, weight: 1 }) : wrongTyped),
    ),
    { maxLength: 9 },
  )
  .map(obj);
const dontKnowArb: fc.Arbitrary<J> = fc.array(
  fc.oneof(
    jString(fc.constantFrom('hasCertificate', 'certificateNumber', 'household', 'level', 'category', 'needsLongTermCare', 'isAutistic', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'alreadyReceives', 'birthDate', 'region', '__proto__')),
    wrongTyped,
  ),
  { maxLength: 8 },
);
const topKey = fc.oneof(
  { arbitrary: fc.constantFrom('region', 'asOf', 'answers', 'dontKnow'), weight: 8 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'Region', 'lang', ''), weight: 1 },
);
const topValue = (k: string): fc.Arbitrary<J> => {
  const right: Record<string, fc.Arbitrary<J>> = {
    region: jString(fc.constantFrom('jilin-city', 'changsha-yuhua', 'atlantis', '', 'JILIN-CITY', '__proto__')),
    asOf: jString(dateString),
    answers: answersArb,
    dontKnow: dontKnowArb,
  };
  return Object.hasOwn(right, k) ? fc.oneof({ arbitrary: right[k]!, weight: 6 }, { arbitrary: wrongTyped, weight: 1 }) : wrongTyped;
};
/** A request object: usually with a region, sometimes a key twice or a stranger's key. */
const requestObject: fc.Arbitrary<J> = fc
  .tuple(
    fc.oneof({ arbitrary: topValue('region'), weight: 4 }, { arbitrary: fc.constant<J | undefined>(undefined), weight: 1 }),
    fc.array(topKey.chain((k) => fc.tuple(fc.constant(k), topValue(k))), { maxLength: 5 }),
  )
  .map(([region, rest]) => obj([...(region === undefined ? [] : ([['region', region]] as [string, J][])), ...rest]));

const JSON_TYPE = 'application/json';
const jsonTypes = fc.constantFrom(
  'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json', 'application/json; charset=latin1',
  'application/json;', 'application/jsonx', 'application/json-patch+json', 'text/json', 'text/plain', FORM_TYPE, `multipart/form-data; boundary=${BOUNDARY}`,
  '', 'application/ json', 'x'.repeat(2000),
);

/** A request the API should accept: real values only (any mix of answers, "I don't know"s and dates). */
const validRequest: fc.Arbitrary<J> = fc
  .record(
    {
      asOf: fc.constantFrom('2026-06-01', '2000-02-29', '1990-01-01', '2100-12-31'),
      hasCertificate: fc.boolean(),
      certificateNumber: fc.constantFrom(`${idNumber('19800307')}52`, `${idNumber('20200229', '001')}14`, idNumber('19491001', '999'), `${idNumber('19800307')}5200`),
      category: fc.constantFrom('visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple'),
      level: fc.constantFrom('1', '2', '3', '4').map((raw): J => ({ raw })),
      birthDate: fc.constantFrom('1980-03-07', '2020-02-29', '1949-10-01', '1900-01-01', '2010-06-15'),
      household: fc.constantFrom('dibao', 'low-income', 'tekun', 'registered-poor', 'none'),
      needsLongTermCare: fc.boolean(),
      isAutistic: fc.boolean(),
      schoolStage: fc.constantFrom('none', 'compulsory', 'senior-secondary', 'higher'),
      hasMotorizedWheelchair: fc.boolean(),
      hasSuddenHardship: fc.boolean(),
      alreadyReceives: fc.subarray(['living-subsidy', 'nursing-subsidy', 'work-injury-nursing-allowance']),
    },
    { requiredKeys: [] },
  )
  .chain((answers) =>
    fc.tuple(
      fc.constant(answers),
      fc.constantFrom('jilin-city', 'changsha-yuhua'),
      fc.subarray(['hasCertificate', 'household', 'level', 'category', 'needsLongTermCare', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'isAutistic', 'alreadyReceives'].filter((id) => !(id in answers))),
    ),
  )
  .map(([{ asOf, ...answers }, region, dontKnow]) =>
    obj([['region', region], ...(asOf ? ([['asOf', asOf]] as [string, J][]) : []), ['answers', obj(Object.entries(answers) as [string, J][])], ['dontKnow', dontKnow]]),
  );

function jsonBody(): fc.Arbitrary<Encoded> {
  const validish = fc.oneof(
    requestObject.map((v): Encoded => ({ label: 'json', body: utf8(jsonText(v)), type: JSON_TYPE })),
    validRequest.map((v): Encoded => ({ label: 'json-valid', body: utf8(jsonText(v)), type: JSON_TYPE })),
  );
  const hostile = fc.oneof(
    // Weighted so that each of the fixed hostile texts is sent a few times per run.
    { arbitrary: fc.constantFrom(...hostileJson()).map((t): Encoded => ({ label: 'json-hostile', body: utf8(t), type: JSON_TYPE })), weight: 5 },
    fc.uint8Array({ maxLength: 4096 }).map((b): Encoded => ({ label: 'random-bytes', body: b, type: JSON_TYPE })),
    fc.tuple(fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00])).map(
      ([bytes]): Encoded => ({ label: 'invalid-utf8', body: concat(utf8('{"region":"jilin-'), new Uint8Array(bytes), utf8('city"}')), type: JSON_TYPE }),
    ),
    requestObject.map((v): Encoded => ({ label: 'utf16', body: new Uint8Array(Buffer.from(jsonText(v), 'utf16le')), type: JSON_TYPE })),
    // A long string just under the JSON limit, or over it.
    fc.tuple(fc.constantFrom('a', '9', '😀', '\\u0000', '\\ud800', ' '), fc.integer({ min: 1000, max: JSON_LIMIT - 64 }), fc.boolean()).map(
      ([unit, size, over]): Encoded => {
        const head = utf8('{"region":"jilin-city","answers":{"certificateNumber":"');
        const tail = utf8('"}}');
        const total = over ? JSON_LIMIT + size * 3 : size;
        return { label: over ? 'long-string-over-limit' : 'long-string', body: concat(head, repeatTo(unit, total), tail), type: JSON_TYPE };
      },
    ),
    fc.integer({ min: JSON_LIMIT + 1, max: 4 * FORM_LIMIT }).map((size): Encoded => ({ label: 'chunked-over-limit', body: concat(utf8('['), repeatTo('1,', size), utf8('1]')), type: JSON_TYPE, chunked: true })),
    requestObject.map((v): Encoded => ({ label: 'chunked', body: utf8(jsonText(v)), type: JSON_TYPE, chunked: true })),
    // Many keys: the same one thousands of times, or thousands of strangers (problems listed, not unbounded).
    fc.tuple(fc.integer({ min: 100, max: 1500 }), fc.boolean()).map(([n, same]): Encoded => {
      const entries = Array.from({ length: n }, (_, i) => `"${same ? 'region' : `k${i}`}":${same ? '"jilin-city"' : i}`);
      return { label: same ? 'json-repeated-key' : 'json-many-keys', body: utf8(`{${entries.join(',')}}`), type: JSON_TYPE };
    }),
    fc.integer({ min: 100, max: 3000 }).map((n): Encoded => ({
      label: 'json-many-dontknow',
      body: utf8(`{"region":"jilin-city","dontKnow":[${Array.from({ length: n }, (_, i) => (i % 2 ? '"nope"' : '"level"')).join(',')}]}`),
      type: JSON_TYPE,
    })),
    pairsOf().map((p): Encoded => ({ label: 'form-in-json', body: encodedForm(p), type: FORM_TYPE })),
  );
  return fc.oneof({ arbitrary: validish, weight: 3 }, { arbitrary: hostile, weight: 2 });
}
const pairsOf = () => formPairs({ region: fc.constantFrom('jilin-city'), answer: yesNo });

/**
 * Bodies for `POST /api/applications`: the issue's example for a new person, with any of its
 * fields (top-level, the person's, the answers) replaced by arbitrary JSON, `__proto__` keys,
 * or left out; and every hostile body the eligibility API gets.
 */
let applicant = 0;
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>('', 'x'.repeat(3000), '\u0000', -1, 1e309, [], {}, { __proto__: { polluted: true } }));
const applicationBody: fc.Arbitrary<Encoded> = fc
  .tuple(
    fc.constant(null).map(() => exampleApplication({}, idFor(`19${53 + Math.floor(applicant / 336)}${String(1 + (Math.floor(applicant / 28) % 12)).padStart(2, '0')}${String(1 + (applicant++ % 28)).padStart(2, '0')}`, '220204'))),
    fc.subarray(['form', 'region', 'applicant', 'submitter', 'answers', 'consent', 'applicant.name', 'applicant.idNumber', 'applicant.certificateNumber', 'applicant.phone', 'answers.subsidies', 'answers.household', 'consent.sensitiveData', '__proto__', 'constructor']),
    fc.array(anyJson, { minLength: 15, maxLength: 15 }),
    fc.boolean(),
  )
  .map(([body, replaced, values, drop]): Encoded => {
    const text = JSON.stringify(body, (key, value) => value);
    const copy = JSON.parse(text) as Record<string, any>;
    replaced.forEach((path, i) => {
      const [head, tail] = path.split('.');
      const target = tail ? (copy[head!] ??= {}) : copy;
      const key = tail ?? head!;
      if (typeof target !== 'object' || target === null) return;
      if (drop && i === 0) delete target[key];
      // A copy: the same generated object in two places would make a cycle.
      else target[key] = JSON.parse(JSON.stringify(values[i]) ?? 'null');
    });
    // JSON.stringify drops a __proto__ set as a property of a plain object: write the key by hand.
    const json = replaced.includes('__proto__') ? JSON.stringify(copy).replace(/^\{/, '{"__proto__":{"form":"student-aid"},') : JSON.stringify(copy);
    return { label: replaced.length ? 'application-mangled' : 'application-valid', body: utf8(json), type: JSON_TYPE };
  });
const idempotencyKeys = fc.oneof(
  { arbitrary: fc.uuid(), weight: 8 },
  { arbitrary: fc.constantFrom<string | undefined>(undefined, '', ' ', 'x'.repeat(300), 'cl\u00e9', 'fixed-key', 'fixed-key'), weight: 2 },
);

// ---------------------------------------------------------------------------------------------
// Headers and cookies

const origins = (sameOrigin: string) =>
  fc.oneof(
    { arbitrary: fc.constant(sameOrigin), weight: 12 },
    {
      arbitrary: fc.constantFrom<string | undefined>(
        undefined, 'null', 'https://evil.example', `${sameOrigin}/`, sameOrigin.toUpperCase(), sameOrigin.replace(/:\d+$/, ''),
        sameOrigin.replace('http:', 'https:'), 'http://localhost:4321', 'file://', '', ' ', 'x'.repeat(3000), `${sameOrigin}, https://evil.example`,
      ),
      weight: 5,
    },
  );

/** A header-safe cookie header that is not a real cookie. */
const garbageCookie = fc.oneof(
  fc.constantFrom(
    'tx-check=', 'tx-check=1', 'tx-check=1...', 'tx-check=1.a.b.c', 'tx-check=2.AAAA.AAAA.AAAA', 'tx-check=1.%%%.%%%.%%%', 'tx-check=%E0%A4%A',
    'tx-check=%ZZ', 'tx-check="1.a.b.c"', 'tx-check=1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA', 'tx-check=1.!!!.!!!.!!!',
    'tx-check=a; tx-check=b', 'tx-check', '=', ';;;', 'tx-display=%%%;textSize', 'tx-display=textSize=giant&contrast=__proto__',
    'tx-display=textSize=large; tx-display=textSize=larger', '__proto__=1; constructor=2', 'tx-check=undefined', 'tx-check=null',
  ),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), minLength: 1, maxLength: 300 }).map((s) => `tx-check=${s}`),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=%!#$&*.'), minLength: 1, maxLength: 200 }).map((s) => `tx-check=1.${s}.${s}.${s}`),
  fc.integer({ min: 1000, max: 12_000 }).map((n) => `tx-check=1.${'A'.repeat(16)}.${'B'.repeat(22)}.${'C'.repeat(n)}`),
  fc.string({ unit: 'binary-ascii', maxLength: 100 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);

const cookieChoice: fc.Arbitrary<CookieChoice> = fc.oneof(
  { arbitrary: fc.constant<CookieChoice>({ kind: 'none' }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('journey' as const), forStep: fc.boolean(), index: fc.nat() }), weight: 5 },
  {
    arbitrary: fc.record({ kind: fc.constant('tampered' as const), index: fc.nat(), how: fc.constantFrom('flip', 'truncate', 'append', 'swap', 'version'), at: fc.nat() }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('forged' as const), index: fc.nat() }), weight: 1 },
  { arbitrary: garbageCookie.map((header): CookieChoice => ({ kind: 'raw', header })), weight: 2 },
);

/** A request to `path`: a body, its content type (usually the right one), an Origin, a cookie. */
function requests(path: string, body: fc.Arbitrary<Encoded>, otherTypes: fc.Arbitrary<string>, sameOrigin: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      body,
      type: fc.oneof({ arbitrary: fc.constant<string | undefined>(undefined), weight: 10 }, { arbitrary: otherTypes, weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }),
      origin: origins(sameOrigin),
      cookie: cookieChoice,
      method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 30 }, { arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE'), weight: 1 }),
      // The same page by another spelling of its address (trailingSlash is 'ignore'), or with a query.
      suffix: fc.oneof(
        { arbitrary: fc.constant(''), weight: 20 },
        { arbitrary: fc.constantFrom(path.endsWith('/') ? '?' : '/', '?cleared=1', '?saved=1&reset=1', '?__proto__[x]=1', `?q=${'%FF'.repeat(50)}`, '#x'), weight: 1 },
      ),
    })
    .map(({ body: b, type, origin, cookie, method, suffix }) => {
      const headers: Record<string, string> = {};
      const contentType = type === undefined ? b.type : type; // null: no Content-Type at all
      if (contentType !== null) headers['content-type'] = contentType;
      if (origin !== undefined) headers.origin = origin;
      const label = [
        b.label,
        type === undefined ? '' : 'other-type',
        origin === sameOrigin ? '' : 'other-origin',
        cookie.kind === 'none' ? '' : `cookie:${cookie.kind}${cookie.kind === 'forged' ? `#${cookie.index % FORGED_COUNT}` : ''}`,
        method === 'POST' ? '' : method,
        suffix ? 'other-address' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const req: FuzzRequest = { label, method, path: `${path}${suffix}`, headers, cookie, body: b.body, chunked: Boolean(b.chunked) };
      // How fast-check prints it in a counterexample: short, not a 200 KB byte array.
      const preview = Buffer.from(b.body.subarray(0, 120)).toString('utf8');
      return Object.assign(req, {
        [fc.toStringMethod]: () => `${method} ${req.path} [${label}] ${JSON.stringify(headers)} ${b.body.length} bytes: ${JSON.stringify(preview)}${b.body.length > 120 ? '…' : ''}`,
      });
    });
}

// ---------------------------------------------------------------------------------------------
// Sending, checking, reporting

interface Pools {
  /** Journey cookies (values of tx-check) that show each step, by step name. */
  byStep: Map<string, string[]>;
  all: string[];
  forged: string[];
}

function cookieHeader(choice: CookieChoice, step: string, pools: Pools): string | undefined {
  const pick = (list: string[], i: number) => list[i % list.length]!;
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'journey': {
      const own = pools.byStep.get(step);
      return `tx-check=${pick(choice.forStep && own?.length ? own : pools.all, choice.index)}`;
    }
    case 'tampered': {
      const v = pick(pools.all, choice.index);
      const at = choice.at % v.length;
      const other = v[at] === 'A' ? 'B' : 'A';
      const t =
        choice.how === 'flip' ? v.slice(0, at) + other + v.slice(at + 1)
        : choice.how === 'truncate' ? v.slice(0, at)
        : choice.how === 'append' ? `${v}${'A'.repeat((choice.at % 7) + 1)}`
        : choice.how === 'swap' ? v.split('.').reverse().join('.')
        : `2${v.slice(1)}`;
      return `tx-check=${t}`;
    }
    case 'forged':
      return `tx-check=${pick(pools.forged, choice.index)}`;
    case 'raw':
      return choice.header;
  }
}

interface Sent {
  req: FuzzRequest;
  cookie?: string;
  status: number;
  ms: number;
  type: string;
  text: string;
  error?: string;
}

/** The body limit of a path: JSON for the API, form for the rest. */
const limitOf = (path: string) => (path.startsWith('/api/') ? JSON_LIMIT : FORM_LIMIT);

async function send(req: FuzzRequest, cookie: string | undefined): Promise<Sent> {
  if (req.body.length > limitOf(req.path)) return sendRaw(req, cookie);
  const headers: Record<string, string> = { ...req.headers };
  if (cookie !== undefined) headers.cookie = cookie;
  const started = performance.now();
  try {
    const bytes = new Uint8Array(req.body);
    const body: BodyInit = req.chunked
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.subarray(i, i + 16 * 1024));
            controller.close();
          },
        })
      : bytes;
    const res = await fetch(`${base}${req.path}`, {
      method: req.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      ...(req.chunked ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await res.text();
    return { req, cookie, status: res.status, ms: performance.now() - started, type: res.headers.get('content-type') ?? '', text };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { req, cookie, status: 0, ms: performance.now() - started, type: '', text: '', error: `${err.name}: ${err.message} ${err.cause?.code ?? ''} ${err.cause?.message ?? ''}`.trim() };
  }
}

/**
 * A body over the limit, sent the way curl sends it. The server answers 413 once the body passes
 * the limit (at once when Content-Length says so) and closes without reading the rest: that is
 * the point of the limit. fetch (undici) and a plain Node socket then fail their next write
 * (EPIPE) and drop the answer already received. So this client sends a piece at a time, and
 * once the server may have decided (the whole declared length announced, or the limit passed)
 * waits a moment for the answer before each further piece; the answer is what is checked, and
 * the time it takes leaves out this client's waits that the server spent waiting for the body.
 * `patient` (sending a request again whose answer was lost): also waits a moment after the
 * headers, for a server that refuses on them alone (a bad address) with the body unread.
 */
function sendRaw(req: FuzzRequest, cookie: string | undefined, patient = false): Promise<Sent> {
  const { hostname, port, host } = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let socketError = '';
    let settled = false;
    let paused = 0;
    const finish = (timeout = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const ms = performance.now() - started - paused;
      const raw = Buffer.concat(chunks);
      const headEnd = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, headEnd < 0 ? raw.length : headEnd).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (!status || timeout) {
        resolve({ req, cookie, status: 0, ms, type: '', text: '', error: timeout ? 'no answer within 10 s' : `connection closed with no answer ${socketError}`.trim() });
        return;
      }
      const type = /\r\ncontent-type:[ \t]*([^\r\n]*)/i.exec(head)?.[1] ?? '';
      resolve({ req, cookie, status: Number(status[1]), ms, type, text: raw.subarray(headEnd + 4).toString('utf8') });
    };
    const timer = setTimeout(() => finish(true), 10_000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // A whole answer: done, even if the server keeps the connection open for the unsent body.
      const raw = Buffer.concat(chunks);
      const headEnd = raw.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = raw.subarray(0, headEnd).toString('latin1');
      const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
      if (length ? raw.length >= headEnd + 4 + Number(length[1]) : /\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head) && raw.subarray(-5).toString() === '0\r\n\r\n') finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    // EPIPE / ECONNRESET once the server has answered and closed: what was read still counts.
    socket.on('error', (e: NodeJS.ErrnoException) => {
      socketError = e.code ?? e.message;
    });
    socket.on('connect', async () => {
      const headers: Record<string, string> = { host, ...req.headers, ...(cookie !== undefined ? { cookie } : {}), connection: 'close' };
      if (req.chunked) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = String(req.body.length);
      const pieces: (string | Uint8Array)[] = [`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`];
      for (let i = 0; i < req.body.length; i += 16 * 1024) {
        const part = req.body.subarray(i, i + 16 * 1024);
        pieces.push(...(req.chunked ? [`${part.length.toString(16)}\r\n`, part, '\r\n'] : [part]));
      }
      if (req.chunked) pieces.push('0\r\n\r\n');
      const limit = limitOf(req.path);
      let sentBody = 0;
      for (const [i, piece] of pieces.entries()) {
        if (chunks.length || settled || socket.destroyed) break;
        const flushed = socket.write(piece);
        if (i > 0 && typeof piece !== 'string') sentBody += piece.length;
        await new Promise<void>((next) => {
          if (flushed) return void setImmediate(next);
          const go = () => {
            socket.off('drain', go);
            socket.off('close', go);
            next();
          };
          socket.on('drain', go);
          socket.on('close', go);
        });
        // Patient (sending again): also give the server a moment to refuse on the headers alone.
        if (((patient && i === 0) || (req.body.length > limit && sentBody > 0 && (!req.chunked || sentBody > limit))) && !chunks.length) {
          const waitStarted = performance.now();
          const answered = await new Promise<boolean>((next) => {
            const go = (timedOut: boolean) => () => {
              clearTimeout(wait);
              socket.off('data', onData);
              socket.off('close', onData);
              next(!timedOut);
            };
            const onData = go(false);
            const wait = setTimeout(go(true), i === 0 ? 200 : 100);
            socket.on('data', onData);
            socket.on('close', onData);
          });
          // The server was waiting for more of the body (it reads and drops it before some
          // refusals): time this client chose to wait is not the server's.
          if (!answered) paused += performance.now() - waitStarted;
        }
      }
    });
  });
}

const STACK = [/\bat [\w$.<>[\]]+ \(.*:\d+:\d+\)/, /node_modules/, /\bat (?:file|node):\/?\/?[^\s]*:\d+:\d+/];

/** What is wrong with an answer, or undefined. `api`: non-2xx must be a problem document. */
function problemWith(s: Sent, api: boolean): string | undefined {
  if (s.error) return `no answer (${s.error}) after ${s.ms.toFixed(0)} ms`;
  if (s.status >= 500) return `status ${s.status}`;
  if (s.ms > MAX_MS) return `took ${s.ms.toFixed(0)} ms (limit ${MAX_MS})`;
  const trace = STACK.find((re) => re.test(s.text));
  if (trace) return `body contains a stack trace or path (${trace}): …${s.text.slice(Math.max(0, s.text.search(trace) - 80), s.text.search(trace) + 160)}…`;
  if (api && (s.status < 200 || s.status > 299) && !/^application\/problem\+json\b/i.test(s.type)) return `API answered ${s.status} as "${s.type}", not application/problem+json`;
  if (api && s.status >= 200 && s.status <= 299 && !/^application\/json\b/i.test(s.type)) return `API answered ${s.status} as "${s.type}", not application/json`;
  return undefined;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let saved = 0;

/** The failing request as a curl command (body saved to a file) and a readable preview. */
function reproduction(s: Sent, why: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `fail-${process.pid}-${++saved}.bin`);
  writeFileSync(file, s.req.body);
  const headers = { ...s.req.headers, ...(s.cookie !== undefined ? { cookie: s.cookie } : {}) };
  const h = Object.entries(headers).map(([k, v]) => `-H ${shQuote(`${k}: ${v}`)}`);
  if (!('content-type' in headers)) h.push(`-H 'Content-Type:'`); // curl would add one
  if (s.req.chunked) h.push(`-H 'Transfer-Encoding: chunked'`);
  const preview = Buffer.from(s.req.body.subarray(0, 300)).toString('utf8');
  return [
    `✗ ${s.req.method} ${s.req.path}: ${why}`,
    `  generated: ${s.req.label}; body ${s.req.body.length} bytes${s.req.chunked ? ' (chunked)' : ''}: ${JSON.stringify(preview)}${s.req.body.length > 300 ? '…' : ''}`,
    `  headers: ${JSON.stringify(headers).slice(0, 600)}`,
    `  repro: curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' -X ${s.req.method} ${h.join(' ')} --data-binary @${file} "$BASE${s.req.path}"`,
    `         (BASE is the server's address, e.g. http://127.0.0.1:4321; a journey cookie is valid for 24 hours, and only with the same TX_SECRET)`,
  ].join('\n');
}

interface Stats {
  endpoint: string;
  count: number;
  statuses: Map<number, number>;
  maxMs: number;
  totalMs: number;
  labels: Map<string, { n: number; ms: number }>;
  wallMs: number;
  /** Answers the client lost because the server answered before reading the body (and what sending it again gave). */
  resets: string[];
}

/**
 * No answer because a write failed: the server answered before reading the whole body (a body
 * over the limit, an address it refuses) and closed, and the client dropped the answer.
 */
const lostToEarlyAnswer = (s: Sent) => s.status === 0 && s.req.body.length > 0 && /EPIPE|ECONNRESET|closed with no answer/.test(s.error ?? '');
const allStats: Stats[] = [];
const failures: string[] = [];

async function alive() {
  const res = await fetch(`${base}/`, { signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends FUZZ_RUNS generated requests to one endpoint, BATCH at a time, through fc.assert (each
 * property run is one batch), then checks the server still answers `GET /`.
 */
async function fuzz(endpoint: string, step: string, arb: fc.Arbitrary<FuzzRequest>, pools: Pools, api = false) {
  const stats: Stats = { endpoint, count: 0, statuses: new Map(), maxMs: 0, totalMs: 0, labels: new Map(), wallMs: 0, resets: [] };
  allStats.push(stats);
  const started = performance.now();
  const mine: string[] = [];
  // The seed differs per endpoint (so endpoints are not fuzzed in lockstep) but follows from SEED.
  const seed = (SEED ^ [...endpoint].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) | 0;
  await fc.assert(
    fc.asyncProperty(fc.array(arb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const results = await Promise.all(batch.map((r) => send(r, cookieHeader(r.cookie, step, pools))));
      const bad: string[] = [];
      for (let s of results) {
        if (lostToEarlyAnswer(s)) {
          // The server may answer before it has read the body (413 past the limit, 400 for an
          // address it refuses) and close with the rest unread; a client whose next write then
          // fails (EPIPE) can drop the answer. Sent again by a client that waits for an early
          // answer, it must be answered: a request that crashed a worker would fail every time.
          const tries: string[] = [];
          for (let i = 0; i < 3 && s.status === 0; i++) {
            const again = await sendRaw(s.req, s.cookie, true);
            tries.push(again.error ?? String(again.status));
            if (!again.error) s = again;
          }
          stats.resets.push(`${s.req.method} ${s.req.path} (${s.req.label}, ${s.req.body.length} bytes), sent again: ${tries.join(', ')}`);
        }
        stats.count++;
        stats.statuses.set(s.status, (stats.statuses.get(s.status) ?? 0) + 1);
        stats.maxMs = Math.max(stats.maxMs, s.ms);
        stats.totalMs += s.ms;
        const kind = s.req.label.split(' ')[0]!;
        const l = stats.labels.get(kind) ?? { n: 0, ms: 0 };
        stats.labels.set(kind, { n: l.n + 1, ms: l.ms + s.ms });
        const why = problemWith(s, api);
        if (why) bad.push(reproduction(s, why));
      }
      if (bad.length) {
        failures.push(...bad);
        mine.push(...bad);
        if (!KEEP_GOING) throw new Error(`${bad.length} of ${batch.length} requests failed (seed ${seed}):\n${bad.join('\n')}`);
      }
    }),
    { seed, numRuns: Math.ceil(RUNS / BATCH), endOnFailure: !SHRINK, verbose: 1 },
  );
  stats.wallMs = performance.now() - started;
  expect(await alive(), `GET / after fuzzing ${endpoint}`).toBe(200);
  if (KEEP_GOING) expect(mine, `failing requests to ${endpoint}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

const STEPS = ['region', 'hasCertificate', 'certificateNumber', 'confirm', 'birthDate', 'household', 'level', 'category', 'needsLongTermCare', 'alreadyReceives', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'isAutistic'];
const CHECK_PAGES = ['', ...STEPS, 'summary', 'results'];

describe(`fuzzing every POST endpoint (fast-check seed ${SEED}, ${RUNS} requests each, ${BATCH} at a time)`, () => {
  const pools: Pools = { byStep: new Map(), all: [], forged: [] };
  const fileStarted = performance.now();

  beforeAll(async () => {
    // Journeys through every step, so a step's cookie can show it (certificate read and confirmed;
    // skipped; no certificate), in both languages.
    const journeys: Record<string, Record<string, string>>[] = [
      { region: { region: 'jilin-city' }, hasCertificate: { answer: 'yes' }, certificateNumber: { certificateNumber: `${idNumber('19800307')}52` }, confirm: { answer: 'yes' } },
      { region: { region: 'jilin-city' }, hasCertificate: { answer: 'yes' }, certificateNumber: { action: 'skip' }, birthDate: { year: '1980', month: '3', day: '7' }, household: { answer: 'dibao' }, level: { answer: '1' } },
      { region: { region: 'changsha-yuhua' }, hasCertificate: { answer: 'no' }, birthDate: { year: '2015', month: '2', day: '28' }, category: { answer: 'intellectual' } },
    ];
    for (const prefix of ['', '/en'] as const) {
      for (const answers of journeys) {
        for (const { path, cookie } of await walk(base, prefix, answers)) {
          if (!cookie) continue;
          const step = path.slice(path.lastIndexOf('/') + 1);
          pools.byStep.set(step, [...(pools.byStep.get(step) ?? []), cookie]);
          pools.all.push(cookie);
        }
      }
    }
    // Answers sealed with the server's key in shapes this version never writes: a cookie from an
    // older or newer release after a deploy (renamed regions and options, other types).
    process.env.TX_SECRET = inject('txSecret');
    const { seal } = await import('../../src/server/self-check/session');
    const forged: object[] = [
      { region: 'atlantis', answers: {}, skipped: [] },
      { region: 'jilin-city', answers: { level: 7, category: 'unknown', household: 'rich', birthDate: '1980-02-30' }, skipped: ['noSuchQuestion'] },
      { region: 'jilin-city', answers: { birthDate: '2999-01-01', hasCertificate: true }, skipped: [] },
      { region: 'jilin-city', answers: { hasCertificate: 'yes', level: '2', needsLongTermCare: 'no' }, skipped: [] },
      { region: 'jilin-city', answers: {}, skipped: [], pending: { birthDate: '1980-03-07', category: 'other', level: 9, warnings: ['unknownWarning'] } },
      { region: 'jilin-city', answers: {}, skipped: [], pending: { birthDate: '1980-03-07', category: 'visual', level: 2 } },
      { region: 'changsha-yuhua', answers: { hasCertificate: true, birthDate: '1980-03-07', household: 'dibao', level: 1, category: 'visual', needsLongTermCare: true, isAutistic: false }, skipped: [], certificateRead: 'yes' },
      { region: 'jilin-city' },
      { region: 'jilin-city', answers: { birthDate: '1980-03-07' }, skipped: ['hasCertificate', 'certificateNumber', 'household', 'level', 'category', 'needsLongTermCare', 'isAutistic', 'birthDate', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'alreadyReceives'] },
      { region: 'jilin-city', answers: JSON.parse('{"__proto__":{"level":1}}') as object, skipped: [], version: 2 },
    ];
    pools.forged = forged.map((s) => seal(s as never));
    expect(pools.forged).toHaveLength(FORGED_COUNT);
    // The cookies are the server's own: a journey cookie shows its step, and a forged state that
    // this version can read shows the summary (not "your answers could not be read").
    const shows = async (path: string, cookie: string) => (await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: `tx-check=${cookie}` } })).status;
    expect(await shows('/check/household', pools.byStep.get('household')![0]!), 'a journey cookie shows its step').toBe(200);
    expect(await shows('/check/summary', pools.forged[8]!), 'a state sealed here with the server key opens').toBe(200);
    expect(pools.byStep.size, 'journey cookies for the steps').toBeGreaterThanOrEqual(STEPS.length - 1);
  });

  /** Time spent per kind of generated body, over all endpoints (FUZZ_VERBOSE=1). */
  const labelCosts = () => {
    const all = new Map<string, { n: number; ms: number }>();
    for (const s of allStats) for (const [k, v] of s.labels) all.set(k, { n: (all.get(k)?.n ?? 0) + v.n, ms: (all.get(k)?.ms ?? 0) + v.ms });
    return [...all].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `  ${k.padEnd(28)} ${String(v.n).padStart(6)} req  avg ${(v.ms / v.n).toFixed(1).padStart(6)} ms  total ${(v.ms / 1000).toFixed(1)} s`);
  };

  afterAll(() => {
    const rows = allStats.map((s) => {
      const statuses = [...s.statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k}×${n}`).join(' ');
      return `${s.endpoint.padEnd(26)} ${String(s.count).padStart(5)} req  ${(s.wallMs / 1000).toFixed(1).padStart(5)} s  avg ${(s.totalMs / Math.max(1, s.count)).toFixed(1).padStart(5)} ms  max ${s.maxMs.toFixed(0).padStart(5)} ms  ${statuses}`;
    });
    const total = allStats.reduce((n, s) => n + s.count, 0);
    const resets = allStats.flatMap((s) => s.resets);
    console.log(
      [
        `fuzz (seed ${SEED}): ${total} requests to ${allStats.length} endpoints in ${((performance.now() - fileStarted) / 1000).toFixed(1)} s`,
        ...rows,
        ...(process.env.FUZZ_VERBOSE === '1' ? labelCosts() : []),
        ...(resets.length ? [`${resets.length} answers lost by the client (the server answered before reading the body and closed), then sent again:`, ...resets.slice(0, 10).map((r) => `  ${r}`)] : []),
        ...(failures.length ? [`${failures.length} failing requests:`, ...failures.slice(0, 40)] : []),
      ].join('\n'),
    );
  });

  it(`POST /api/eligibility answers every body below 500, a problem document when not 2xx (seed ${SEED})`, async () => {
    await fuzz('/api/eligibility', 'api', requests('/api/eligibility', jsonBody(), jsonTypes, base), pools, true);
  }, 90_000);

  it(`POST /api/applications answers every body below 500, a problem document when not 2xx (seed ${SEED})`, async () => {
    const body = fc.oneof({ arbitrary: applicationBody, weight: 3 }, { arbitrary: jsonBody(), weight: 1 });
    const arb = fc.tuple(requests('/api/applications', body, jsonTypes, base), idempotencyKeys).map(([req, key]) => (key === undefined ? req : { ...req, headers: { ...req.headers, 'idempotency-key': key } }));
    await fuzz('/api/applications', 'api', arb, pools, true);
  }, 90_000);

  for (const [path, fields] of Object.entries(APPLY_FIELDS)) {
    it(`POST ${path} answers every body below 500 (seed ${SEED})`, async () => {
      await fuzz(path, 'apply', requests(path, formBody(fields), formTypes, base), pools);
    }, 90_000);
  }

  for (const prefix of ['', '/en']) {
    it(`POST ${prefix}/settings/ answers every body below 500 (seed ${SEED})`, async () => {
      const path = `${prefix}/settings/`;
      await fuzz(path, 'settings', requests(path, formBody(SETTINGS_FIELDS), formTypes, base), pools);
    }, 90_000);
  }

  for (const prefix of ['', '/en']) {
    for (const page of CHECK_PAGES) {
      const path = `${prefix}/check/${page}`;
      it(`POST ${path} answers every body below 500 (seed ${SEED})`, async () => {
        await fuzz(path, page || 'start', requests(path, formBody(CHECK_FIELDS[page]!), formTypes, base), pools);
      }, 90_000);
    }
  }
});
