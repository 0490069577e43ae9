/**
 * Figure 6 (issue point 9): the portal under hostile load, with one worker killed mid-load.
 *
 * 1. Quiet run: a few "normal visitors" (keep-alive clients looping GET /, the service page,
 *    GET /check/ and a valid POST /api/eligibility) for a few seconds; their latencies.
 * 2. Attack run, the same visitors measured throughout, while
 *    - fuzzers send `requestsPerEndpoint` seeded fast-check requests to every POST endpoint
 *      (valid-ish and hostile bodies, headers, cookies), each on a FRESH TCP connection
 *      (`Connection: close`), so that after the kill a request can only fail if it was in
 *      flight on the killed worker;
 *    - slow clients dribble a request's headers, or a declared body, a byte every 500 ms;
 *    - held connections sit open (half idle from the start, half idle after one GET /);
 *    - a third of the way through the fuzz requests, one worker (a child of the cluster
 *      primary, read from /proc) is sent SIGKILL; the replacement's pid and its first
 *      connection are watched for in /proc.
 * Every fuzz and visitor request is classified: answered (any status; 5xx counted apart), or
 * failed (connection error, or no status within `timeoutMs`). A failure that started before the
 * kill and ended after it was in flight on the killed worker.
 *
 * The visitors run in a worker thread, so that the fuzzers' work in this thread (generating
 * bodies, 200+ sockets) does not show up as their latency. Measures; never asserts.
 */
import fc from 'fast-check';
import http from 'node:http';
import net from 'node:net';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { assertLoopback, percentile } from './util.mjs';

export const GOALS = { serverErrors: 0, answeredShare: 1, p99Ratio: 5 };
export const DEFAULTS = {
  requestsPerEndpoint: 10_000,
  seed: 20261201,
  /** Fuzz requests in flight at once (each on its own connection). */
  concurrency: 16,
  slowClients: 20,
  heldConnections: 200,
  visitors: 4,
  warmupMs: 1000,
  quietMs: 5000,
  /** A request with no status after this long counts as failed. */
  timeoutMs: 5000,
  /** The worker is killed when this share of the fuzz requests has been sent. */
  killAt: 1 / 3,
};
const FORM_LIMIT = 64 * 1024;
const JSON_LIMIT = 16 * 1024;
const STEPS = ['region', 'hasCertificate', 'certificateNumber', 'confirm', 'birthDate', 'household', 'level', 'category', 'needsLongTermCare', 'alreadyReceives', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'isAutistic', 'summary', 'results'];
/** Every POST endpoint (Chinese paths for the self-check, both languages for the settings). */
export const ENDPOINTS = ['/api/eligibility', '/settings/', '/en/settings/', '/check/', ...STEPS.map((s) => `/check/${s}`)];
/** Requests generated at a time per endpoint (fast-check `sample`, seeded per endpoint and chunk). */
const CHUNK = 100;

/** One clock for this thread and the visitors' thread (performance.now() has a per-thread origin). */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Generation. Each request is plain data: method, path, header pairs, body bytes, chunked or not.

const utf8 = (s) => Buffer.from(s, 'utf8');
const latin1 = (s) => Buffer.from(s, 'latin1');
/** `unit` repeated to exactly `length` bytes (cut at a byte, so possibly mid-character). */
const repeatTo = (unit, length) => Buffer.alloc(Math.max(0, length), utf8(unit || 'a'));
const fullWidth = (s) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const weird = fc.constantFrom(
  '', ' ', '\t', '0', '-0', '-1', '1.5', '1e309', 'NaN', 'Infinity', 'null', 'undefined', 'true', 'false', '[]', '{}', '[object Object]',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '%', '%%', '%00', '%G1', '%E0%A4%A', '\u0000', '\uFEFF', '\uD800',
  '\uDFFF', '😀', '👨‍👩‍👧', '\u202E', '\u3000', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}',
  '../../../etc/passwd', "' OR 1=1 --", '9'.repeat(400), '1'.repeat(30), '١٢٣', '１９８０', 'Ⅻ', 'ＹＥＳ', 'YES', 'yes ', ' yes', 'dontknow',
);
const text = fc.oneof(
  { arbitrary: weird, weight: 4 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);
const digits = (n) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** ISO 7064 MOD 11-2, as src/domain/identity/id-number.ts. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacter = (first17) => '10X98765432'[[...first17].reduce((sum, c, i) => sum + Number(c) * WEIGHTS[i], 0) % 11];

/** An ID-shaped certificate number: right or wrong check character, category and level, shape. */
const certificateNumber = fc
  .record({
    region: fc.constantFrom('220201', '110101', '000000', '999999'),
    birth: fc.oneof(fc.constantFrom('19800307', '19000101', '20000229', '19000229', '19800230', '00000000', '20991231', '19801301'), digits(8)),
    seq: digits(3),
    check: fc.constantFrom('right', 'right', 'wrong', 'x', 'letter'),
    tail: fc.constantFrom('52', '14', '71', '', '1', '08', '95', '5200', '123'),
    shape: fc.constantFrom('plain', 'plain', 'plain', 'spaced', 'hyphens', 'fullWidth', 'lower', 'cut', 'padded'),
  })
  .map(({ region, birth, seq, check, tail, shape }) => {
    const first = `${region}${birth}${seq}`;
    const right = checkCharacter(first);
    const c = check === 'right' ? right : check === 'wrong' ? (right === '0' ? '1' : '0') : check === 'letter' ? 'A' : 'x';
    let v = `${first}${c}${tail}`;
    if (shape === 'spaced') v = v.replace(/(.{4})/g, '$1 ');
    if (shape === 'hyphens') v = `${v.slice(0, 6)}-${v.slice(6, 14)}-${v.slice(14)}`;
    if (shape === 'fullWidth') v = fullWidth(v);
    if (shape === 'lower') v = v.toLowerCase();
    if (shape === 'cut') v = v.slice(0, 17);
    if (shape === 'padded') v = `\u3000 ${v}\t`;
    return v;
  });
const year = fc.oneof(fc.constantFrom('0000', '1899', '1900', '1980', '2000', '2026', '9999', '99999', '-1980', '80', '1e3', '１９８０', '0x7C4'), digits(4));
const month = fc.oneof(fc.constantFrom('0', '1', '01', '2', '12', '13', '-1', '２', '1.0', '99999999999999999999'), digits(2));
const day = fc.oneof(fc.constantFrom('0', '1', '28', '29', '30', '31', '32', '-1', '３０', '1e1'), digits(2));

const yesNo = fc.constantFrom('yes', 'no', 'dontKnow');
const CHECK_FIELDS = {
  '': { action: fc.constantFrom('start', 'clear') },
  region: { region: fc.constantFrom('jilin-city', 'changsha-yuhua', 'atlantis', 'jilin-city ', 'JILIN-CITY', '__proto__') },
  hasCertificate: { answer: yesNo },
  certificateNumber: { certificateNumber, action: fc.constantFrom('skip', 'continue', 'SKIP') },
  confirm: { answer: yesNo },
  birthDate: { year, month, day, answer: fc.constant('dontKnow') },
  household: { answer: fc.constantFrom('dibao', 'low-income', 'tekun', 'registered-poor', 'none', 'dontKnow', 'rich') },
  level: { answer: fc.constantFrom('1', '2', '3', '4', '0', '5', '１', '2.0', '-1', '1e309', '4294967297', 'dontKnow') },
  category: { answer: fc.constantFrom('visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple', 'dontKnow', 'other', '1') },
  needsLongTermCare: { answer: yesNo },
  schoolStage: { answer: fc.constantFrom('none', 'compulsory', 'senior-secondary', 'higher', 'dontKnow', 'college', '') },
  hasMotorizedWheelchair: { answer: yesNo },
  hasSuddenHardship: { answer: yesNo },
  alreadyReceives: { answer: fc.constantFrom('living-subsidy', 'nursing-subsidy', 'work-injury-nursing-allowance', 'none', 'dontKnow', 'pension', '') },
  isAutistic: { answer: yesNo },
  summary: { action: fc.constantFrom('start', 'clear', 'submit') },
  results: { action: fc.constantFrom('start', 'clear', 'print') },
};
const SETTINGS_FIELDS = {
  textSize: fc.constantFrom('standard', 'large', 'larger', 'giant', ''),
  contrast: fc.constantFrom('system', 'standard', 'high', 'low'),
  lineSpacing: fc.constantFrom('standard', 'wide', 'narrow'),
  motion: fc.constantFrom('system', 'reduce', 'none'),
  action: fc.constantFrom('save', 'reset', 'delete'),
};
const ALL_FIELD_NAMES = [...new Set([...Object.values(CHECK_FIELDS).flatMap(Object.keys), ...Object.keys(SETTINGS_FIELDS)])];

/** Name/value pairs: the endpoint's own fields (real, wrong, empty values), now and then a stranger's. */
function formPairs(fields) {
  const names = Object.keys(fields);
  const own = fc.constantFrom(...names).chain((name) =>
    fc.tuple(fc.constant(name), fc.oneof({ arbitrary: fields[name], weight: 6 }, { arbitrary: text, weight: 2 }, { arbitrary: fc.constant(''), weight: 1 })),
  );
  const stranger = fc.tuple(fc.oneof(fc.constantFrom(...ALL_FIELD_NAMES, '__proto__', 'constructor', 'answer[]', 'a[b][c]', ''), text), text);
  return fc.array(fc.oneof({ arbitrary: own, weight: 5 }, { arbitrary: stranger, weight: 1 }), { maxLength: 6 });
}

const BOUNDARY = 'benchB0undaryXyZ';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const multipart = (pairs) =>
  utf8(pairs.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`).join('') + `--${BOUNDARY}--\r\n`);
/** Unencoded: `&`, `=`, `%` and `+` in values change the meaning, and bad escapes stay bad. */
const rawForm = (pairs) => utf8(pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const encodedForm = (pairs) => utf8(new URLSearchParams(pairs).toString());

/** Fixed hostile JSON texts: deep nesting, prototype keys, numbers out of range, broken syntax. */
const HOSTILE_JSON = (() => {
  const deepArray = (n) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  return [
    deepArray(1000), deepArray(5000), deepArray(8000), '['.repeat(8000), deepObject(1000), deepObject(3000),
    `{"region":"jilin-city","answers":${deepObject(2000)}}`, `{"region":"jilin-city","dontKnow":${deepArray(4000)}}`,
    '{"__proto__":{"region":"jilin-city","polluted":true},"region":"jilin-city"}',
    '{"region":"jilin-city","answers":{"__proto__":{"level":1,"hasCertificate":true}}}',
    '{"region":"jilin-city","answers":{"constructor":{"prototype":{"level":1}}}}',
    '{"region":"jilin-city","dontKnow":["__proto__","constructor","toString","hasOwnProperty"]}',
    '{"region":"__proto__"}', '{"region":"toString"}',
    '{"region":"jilin-city","answers":{"level":1e309}}', '{"region":"jilin-city","answers":{"level":-1e309}}',
    '{"region":"jilin-city","answers":{"level":1.0000000000000002}}', '{"region":"jilin-city","answers":{"level":123456789012345678901234567890}}',
    '{"region":"jilin-city","answers":{"level":-0}}', '{"region":"jilin-city","asOf":1e309}',
    '{"region":"jilin-city","region":"changsha-yuhua","region":null}', '{"region":"jilin-city","answers":{"birthDate":"0000-00-00"}}',
    '{"region":"jilin-city","asOf":"9999-12-31","answers":{"birthDate":"2026-02-30"}}',
    `{"region":"jilin-city","answers":{"certificateNumber":"${'9'.repeat(10000)}"}}`,
    '\uFEFF{"region":"jilin-city"}', '{"region":"jilin-city"} trailing', '{"region":"jilin-city",}', "{'region':'jilin-city'}",
    '{"region":"\\ud800"}', '{"region":"jilin-city\\u0000"}', 'null', 'true', '0', '""', '[]', '1e309', '-', '', ' ', '{', '}', '"', '\\',
  ];
})();

/** A body for a form endpoint: valid-ish pairs in one of several encodings, or something hostile. */
function formBody(fields) {
  const names = Object.keys(fields);
  const pairs = formPairs(fields);
  const validish = fc.oneof(
    { arbitrary: pairs.map((p) => ({ label: 'form', body: encodedForm(p), type: FORM_TYPE })), weight: 8 },
    { arbitrary: pairs.map((p) => ({ label: 'form-raw', body: rawForm(p), type: FORM_TYPE })), weight: 2 },
    { arbitrary: pairs.map((p) => ({ label: 'multipart', body: multipart(p), type: `multipart/form-data; boundary=${BOUNDARY}` })), weight: 2 },
  );
  const name = fc.oneof(fc.constantFrom(...names), fc.constant('a'));
  const hostile = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ label: 'random-bytes', body: Buffer.from(b), type: FORM_TYPE })),
    fc.tuple(name, fc.constantFrom('%FF%FE', '%C3%28', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%', '%%32%30', '%u0041')).map(([k, v]) => ({
      label: 'invalid-utf8-escape', body: latin1(`${k}=${v}&${k}=${v}yes`), type: FORM_TYPE,
    })),
    fc.tuple(name, fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00])).map(([k, bytes]) => ({
      label: 'invalid-utf8-bytes', body: Buffer.concat([utf8(`${k}=`), Buffer.from(bytes), utf8('yes')]), type: FORM_TYPE,
    })),
    fc.tuple(name, fc.integer({ min: 100, max: 60_000 }), fc.boolean()).map(([k, size, over]) => {
      const target = over ? FORM_LIMIT + size : size;
      const parts = [];
      for (let i = 0, length = 0; length < target; i++) {
        const part = `${k}=${i}`;
        parts.push(part);
        length += part.length + 1;
      }
      return { label: over ? 'repeated-keys-over-limit' : 'repeated-keys', body: utf8(parts.join('&')), type: FORM_TYPE };
    }),
    fc.tuple(name, fc.constantFrom('a', '9', '９', '😀', '%41', '+', '&', ' ', 'é', '\u0000'), fc.integer({ min: 1000, max: 60_000 }), fc.boolean()).map(([k, unit, size, over]) => {
      const prefix = utf8(`${k}=`);
      return { label: over ? 'long-value-over-limit' : 'long-value', body: Buffer.concat([prefix, repeatTo(unit, (over ? FORM_LIMIT + size : size) - prefix.length)]), type: FORM_TYPE };
    }),
    fc.integer({ min: FORM_LIMIT + 1, max: 4 * FORM_LIMIT }).map((size) => ({ label: 'chunked-over-limit', body: repeatTo('a=1&', size), type: FORM_TYPE, chunked: true })),
    fc.integer({ min: 1, max: 60_000 }).map((size) => ({ label: 'chunked', body: repeatTo('answer=yes&', size), type: FORM_TYPE, chunked: true })),
    fc.constantFrom(...HOSTILE_JSON).map((body) => ({ label: 'json-in-form', body: utf8(body), type: JSON_TYPE })),
    fc.constantFrom(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="answer"\r\n\r\nyes`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nyes\r\n--${BOUNDARY}--\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="answer"; filename="../../x.txt"\r\nContent-Type: text/plain\r\n\r\nyes\r\n--${BOUNDARY}--\r\n`,
      `--${BOUNDARY}--\r\n`,
      `--other\r\nContent-Disposition: form-data; name="answer"\r\n\r\nyes\r\n--other--\r\n`,
    ).map((body) => ({ label: 'broken-multipart', body: utf8(body), type: `multipart/form-data; boundary=${BOUNDARY}` })),
    fc.constant({ label: 'empty', body: Buffer.alloc(0), type: FORM_TYPE }),
  );
  return fc.oneof({ arbitrary: validish, weight: 3 }, { arbitrary: hostile, weight: 2 });
}

/** A JSON text written by hand, so raw number literals, duplicate and prototype keys survive. */
const jsonText = (v) => {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if ('raw' in v) return v.raw;
  return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
};
const obj = (entries) => ({ entries });
const dateString = fc.oneof(
  fc.constantFrom('1980-03-07', '2026-02-28', '2026-02-29', '2026-02-30', '2024-02-29', '0000-00-00', '1899-12-31', '9999-12-31', '2026-13-01', '2026-1-1', '20260101', '２０２６-０１-０１', '2026-01-01T00:00:00Z', ''),
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${m}-${d}`),
);
const rawNumber = fc
  .oneof(fc.constantFrom('1e309', '-1e309', '1', '2', '3', '4', '0', '5', '-0', '2.5', '4.0', '1e0', '123456789012345678901234567890'), fc.double().filter(Number.isFinite).map(String), fc.integer().map(String))
  .map((raw) => ({ raw }));
const wrongTyped = fc.oneof(text, rawNumber, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant(obj([])), fc.constant(obj([['__proto__', obj([['x', true]])]])));
const ANSWER_VALUES = {
  certificateNumber,
  hasCertificate: fc.boolean(),
  category: CHECK_FIELDS.category.answer,
  level: rawNumber,
  birthDate: dateString,
  household: CHECK_FIELDS.household.answer,
  needsLongTermCare: fc.boolean(),
  isAutistic: fc.boolean(),
  schoolStage: CHECK_FIELDS.schoolStage.answer,
  hasMotorizedWheelchair: fc.boolean(),
  hasSuddenHardship: fc.boolean(),
};
const answerKey = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.keys(ANSWER_VALUES)), weight: 8 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'certificatenumber', 'region', 'Level'), weight: 1 },
);
const answersArb = fc
  .array(answerKey.chain((k) => fc.tuple(fc.constant(k), Object.hasOwn(ANSWER_VALUES, k) ? fc.oneof({ arbitrary: ANSWER_VALUES[k], weight: 5 }, { arbitrary: wrongTyped, weight: 1 }) : wrongTyped)), { maxLength: 9 })
  .map(obj);
const dontKnowArb = fc.array(
  fc.oneof(fc.constantFrom('hasCertificate', 'certificateNumber', 'household', 'level', 'category', 'needsLongTermCare', 'isAutistic', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'birthDate', 'region', '__proto__'), wrongTyped),
  { maxLength: 8 },
);
const TOP_VALUES = {
  region: fc.constantFrom('jilin-city', 'changsha-yuhua', 'atlantis', '', 'JILIN-CITY', '__proto__'),
  asOf: dateString,
  answers: answersArb,
  dontKnow: dontKnowArb,
};
const topKey = fc.oneof({ arbitrary: fc.constantFrom(...Object.keys(TOP_VALUES)), weight: 8 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', 'Region', 'lang', ''), weight: 1 });
const topValue = (k) => (Object.hasOwn(TOP_VALUES, k) ? fc.oneof({ arbitrary: TOP_VALUES[k], weight: 6 }, { arbitrary: wrongTyped, weight: 1 }) : wrongTyped);
/** A request object: usually with a region, sometimes a key twice or a stranger's key. */
const requestObject = fc
  .tuple(fc.oneof({ arbitrary: topValue('region'), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 }), fc.array(topKey.chain((k) => fc.tuple(fc.constant(k), topValue(k))), { maxLength: 5 }))
  .map(([region, rest]) => obj([...(region === undefined ? [] : [['region', region]]), ...rest]));
/** A request the API should accept: real values only. */
const validRequest = fc
  .record(
    {
      asOf: fc.constantFrom('2026-06-01', '2000-02-29', '1990-01-01', '2100-12-31'),
      hasCertificate: fc.boolean(),
      category: fc.constantFrom('visual', 'hearing', 'speech', 'physical', 'intellectual', 'psychosocial', 'multiple'),
      level: fc.constantFrom('1', '2', '3', '4').map((raw) => ({ raw })),
      birthDate: fc.constantFrom('1980-03-07', '1949-10-01', '1900-01-01', '1990-06-15'),
      household: fc.constantFrom('dibao', 'low-income', 'tekun', 'registered-poor', 'none'),
      needsLongTermCare: fc.boolean(),
      isAutistic: fc.boolean(),
      schoolStage: fc.constantFrom('none', 'compulsory', 'senior-secondary', 'higher'),
      hasMotorizedWheelchair: fc.boolean(),
      hasSuddenHardship: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .chain((answers) => fc.tuple(fc.constant(answers), fc.constantFrom('jilin-city', 'changsha-yuhua'), fc.subarray(['hasCertificate', 'household', 'level', 'category', 'needsLongTermCare', 'schoolStage', 'hasMotorizedWheelchair', 'hasSuddenHardship', 'isAutistic'].filter((id) => !(id in answers)))))
  .map(([{ asOf, ...answers }, region, dontKnow]) => obj([['region', region], ...(asOf ? [['asOf', asOf]] : []), ['answers', obj(Object.entries(answers))], ['dontKnow', dontKnow]]));

function jsonBody() {
  const validish = fc.oneof(
    requestObject.map((v) => ({ label: 'json', body: utf8(jsonText(v)), type: JSON_TYPE })),
    validRequest.map((v) => ({ label: 'json-valid', body: utf8(jsonText(v)), type: JSON_TYPE })),
  );
  const hostile = fc.oneof(
    fc.constantFrom(...HOSTILE_JSON).map((t) => ({ label: 'json-hostile', body: utf8(t), type: JSON_TYPE })),
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ label: 'random-bytes', body: Buffer.from(b), type: JSON_TYPE })),
    fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00]).map((bytes) => ({
      label: 'invalid-utf8', body: Buffer.concat([utf8('{"region":"jilin-'), Buffer.from(bytes), utf8('city"}')]), type: JSON_TYPE,
    })),
    requestObject.map((v) => ({ label: 'utf16', body: Buffer.from(jsonText(v), 'utf16le'), type: JSON_TYPE })),
    fc.tuple(fc.constantFrom('a', '9', '😀', '\\u0000', '\\ud800', ' '), fc.integer({ min: 1000, max: JSON_LIMIT - 64 }), fc.boolean()).map(([unit, size, over]) => ({
      label: over ? 'long-string-over-limit' : 'long-string',
      body: Buffer.concat([utf8('{"region":"jilin-city","answers":{"certificateNumber":"'), repeatTo(unit, over ? JSON_LIMIT + size * 3 : size), utf8('"}}')]),
      type: JSON_TYPE,
    })),
    fc.integer({ min: JSON_LIMIT + 1, max: 4 * FORM_LIMIT }).map((size) => ({ label: 'chunked-over-limit', body: Buffer.concat([utf8('['), repeatTo('1,', size), utf8('1]')]), type: JSON_TYPE, chunked: true })),
    requestObject.map((v) => ({ label: 'chunked', body: utf8(jsonText(v)), type: JSON_TYPE, chunked: true })),
    fc.tuple(fc.integer({ min: 100, max: 1500 }), fc.boolean()).map(([count, same]) => ({
      label: same ? 'json-repeated-key' : 'json-many-keys',
      body: utf8(`{${Array.from({ length: count }, (_, i) => `"${same ? 'region' : `k${i}`}":${same ? '"jilin-city"' : i}`).join(',')}}`),
      type: JSON_TYPE,
    })),
    fc.integer({ min: 100, max: 3000 }).map((count) => ({
      label: 'json-many-dontknow',
      body: utf8(`{"region":"jilin-city","dontKnow":[${Array.from({ length: count }, (_, i) => (i % 2 ? '"nope"' : '"level"')).join(',')}]}`),
      type: JSON_TYPE,
    })),
    formPairs({ region: fc.constantFrom('jilin-city'), answer: yesNo }).map((p) => ({ label: 'form-in-json', body: encodedForm(p), type: FORM_TYPE })),
  );
  return fc.oneof({ arbitrary: validish, weight: 3 }, { arbitrary: hostile, weight: 2 });
}

const formTypes = fc.constantFrom(
  'application/x-www-form-urlencoded; charset=UTF-8', 'APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded; charset=latin1',
  'application/x-www-form-urlencoded;;;', `multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data', 'multipart/form-data; boundary=',
  'text/plain', 'application/json', 'application/xml', 'application/octet-stream', '*/*', 'garbage', ';', '', 'x'.repeat(2000),
);
const jsonTypes = fc.constantFrom(
  'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json', 'application/json; charset=latin1',
  'application/json;', 'application/jsonx', 'text/json', 'text/plain', FORM_TYPE, `multipart/form-data; boundary=${BOUNDARY}`, '', 'application/ json', 'x'.repeat(2000),
);
const origins = (same) =>
  fc.oneof(
    { arbitrary: fc.constant(same), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        undefined, 'null', 'https://evil.example', `${same}/`, same.toUpperCase(), same.replace(/:\d+$/, ''), same.replace('http:', 'https:'),
        'http://localhost:4321', 'file://', '', ' ', 'x'.repeat(3000), `${same}, https://evil.example`, 'http://\u00e9vil.example',
      ),
      weight: 5,
    },
  );
const garbageCookie = fc.oneof(
  fc.constantFrom(
    'tx-check=', 'tx-check=1', 'tx-check=1...', 'tx-check=1.a.b.c', 'tx-check=2.AAAA.AAAA.AAAA', 'tx-check=1.%%%.%%%.%%%', 'tx-check=%E0%A4%A', 'tx-check=%ZZ',
    'tx-check="1.a.b.c"', 'tx-check=a; tx-check=b', 'tx-check', '=', ';;;', 'tx-display=%%%;textSize', 'tx-display=textSize=giant&contrast=__proto__',
    'tx-display=textSize=large; tx-display=textSize=larger', '__proto__=1; constructor=2', 'tx-check=undefined', 'tx-check=null', 'tx-display=%ff%fe',
  ),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), minLength: 1, maxLength: 300 }).map((s) => `tx-check=${s}`),
  fc.integer({ min: 1000, max: 12_000 }).map((count) => `tx-check=1.${'A'.repeat(16)}.${'B'.repeat(22)}.${'C'.repeat(count)}`),
  fc.string({ unit: 'binary-ascii', maxLength: 100 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);
/** The Cookie header: none, a real journey's, a journey's tampered with, or garbage. */
function cookieArb(step, cookies) {
  const own = cookies.byStep.get(step);
  const all = cookies.all.length ? cookies.all : ['x'];
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.tuple(fc.boolean(), fc.nat()).map(([forStep, i]) => { const list = forStep && own?.length ? own : all; return `tx-check=${list[i % list.length]}`; }), weight: 5 },
    {
      arbitrary: fc.tuple(fc.nat(), fc.constantFrom('flip', 'truncate', 'append', 'swap', 'version'), fc.nat()).map(([i, how, at]) => {
        const v = all[i % all.length];
        const p = at % v.length;
        const t = how === 'flip' ? v.slice(0, p) + (v[p] === 'A' ? 'B' : 'A') + v.slice(p + 1)
          : how === 'truncate' ? v.slice(0, p)
          : how === 'append' ? `${v}${'A'.repeat((at % 7) + 1)}`
          : how === 'swap' ? v.split('.').reverse().join('.')
          : `2${v.slice(1)}`;
        return `tx-check=${t}`;
      }),
      weight: 2,
    },
    { arbitrary: garbageCookie, weight: 2 },
  );
}

/** Arbitrary requests for one endpoint: body, content type (usually the right one), Origin, Cookie, method, address. */
function requestArb(endpoint, base, cookies) {
  const isApi = endpoint.startsWith('/api/');
  const step = endpoint === '/check/' ? '' : endpoint.startsWith('/check/') ? endpoint.slice('/check/'.length) : undefined;
  const body = isApi ? jsonBody() : formBody(step === undefined ? SETTINGS_FIELDS : CHECK_FIELDS[step]);
  return fc
    .record({
      body,
      type: fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 }, { arbitrary: isApi ? jsonTypes : formTypes, weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }),
      origin: origins(base),
      cookie: cookieArb(step ?? 'settings', cookies),
      method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 30 }, { arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE'), weight: 1 }),
      suffix: fc.oneof(
        { arbitrary: fc.constant(''), weight: 20 },
        { arbitrary: fc.constantFrom(endpoint.endsWith('/') ? '?' : '/', '?cleared=1', '?saved=1&reset=1', '?__proto__[x]=1', `?q=${'%FF'.repeat(50)}`), weight: 1 },
      ),
    })
    .map(({ body: b, type, origin, cookie, method, suffix }) => {
      const headers = [];
      const contentType = type === undefined ? b.type : type; // null: no Content-Type at all
      if (contentType !== null) headers.push(['Content-Type', contentType]);
      if (origin !== undefined) headers.push(['Origin', origin]);
      if (cookie !== undefined) headers.push(['Cookie', cookie]);
      const label = [b.label, type === undefined ? '' : 'other-type', origin === base ? '' : 'other-origin', cookie ? 'cookie' : '', method === 'POST' ? '' : method, suffix ? 'other-address' : '']
        .filter(Boolean)
        .join(' ');
      return { endpoint, label, method, path: `${endpoint}${suffix}`, headers, body: b.body, chunked: Boolean(b.chunked) };
    });
}

/** A fast-check seed for one chunk of one endpoint's requests, from the run's seed. */
const chunkSeed = (seed, endpointIndex, chunk) => (Math.imul(seed ^ 0x5bd1e995, 31) + Math.imul(endpointIndex + 1, 0x9e3779b1) + Math.imul(chunk + 1, 0x85ebca6b)) | 0;

/**
 * The i-th request of the run: endpoints take turns (i mod endpoints), and each endpoint's j-th
 * request is the same whatever the interleaving (chunks of CHUNK, each sampled from its own seed).
 */
export function requestSource(base, cookies, seed) {
  const arbs = ENDPOINTS.map((e) => requestArb(e, base, cookies));
  const cache = ENDPOINTS.map(() => ({ chunk: -1, items: [] }));
  return (i) => {
    const e = i % ENDPOINTS.length;
    const j = Math.floor(i / ENDPOINTS.length);
    const chunk = Math.floor(j / CHUNK);
    const c = cache[e];
    if (c.chunk !== chunk) {
      c.items = fc.sample(arbs[e], { seed: chunkSeed(seed, e, chunk), numRuns: CHUNK });
      c.chunk = chunk;
    }
    return c.items[j % CHUNK];
  };
}

// ---------------------------------------------------------------------------------------------
// Sending: one request on a fresh TCP connection, exact bytes.

const limitOf = (path) => (path === '/api' || path.startsWith('/api/') ? JSON_LIMIT : FORM_LIMIT);

/** The request head as sent (Connection: close; Content-Length or chunked). */
function requestHead(req, host) {
  const lines = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${host}`, ...req.headers.map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  lines.push(req.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${req.body.length}`);
  return latin1(`${lines.join('\r\n')}\r\n\r\n`);
}

/**
 * Sends one request on its own connection and reads the status line. A body over the limit is
 * sent as curl would: the server answers 413 once it must (at once for a declared length over
 * the limit, after the limit for a chunked body) and closes without reading the rest, so the
 * client waits up to a second for that answer before writing more, and an EPIPE/ECONNRESET after
 * the status line still counts as answered. Resolves { t0, t1, status (0: none), error }.
 */
export function sendRaw(u, req, timeoutMs) {
  return new Promise((resolve) => {
    const t0 = now();
    const socket = net.connect({ host: u.hostname, port: Number(u.port) });
    socket.setNoDelay(true);
    const chunks = [];
    let received = 0;
    let status = 0;
    let error = '';
    let done = false;
    let wake = null;
    let localPort;
    const finish = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (why) error = why;
      socket.destroy();
      wake?.();
      const head = Buffer.concat(chunks).toString('latin1');
      resolve({ t0, t1: now(), status, error: status ? '' : error || 'closed with no answer', localPort, response: status >= 500 ? head.slice(0, 4096) : undefined });
    };
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.on('data', (c) => {
      if (received < 4096) chunks.push(c);
      received += c.length;
      if (!status) {
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1', 0, 64));
        if (m) status = Number(m[1]);
      }
      wake?.();
    });
    socket.on('error', (e) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish());
    socket.on('connect', async () => {
      localPort = socket.localPort;
      const limit = limitOf(req.path);
      const over = req.body.length > limit;
      // Where the server must have decided: a declared length over the limit, at once; a chunked
      // body, once its data passes the limit (and the form limit, which a refusal reads up to).
      const decisions = !over ? [] : req.chunked ? [...new Set([limit, FORM_LIMIT])] : [-1];
      const pieces = [[requestHead(req, u.host), 0]];
      for (let i = 0; i < req.body.length; i += 16 * 1024) {
        const part = req.body.subarray(i, i + 16 * 1024);
        pieces.push(...(req.chunked ? [[latin1(`${part.length.toString(16)}\r\n`), 0], [part, part.length], [latin1('\r\n'), 0]] : [[part, part.length]]));
      }
      if (req.chunked) pieces.push([latin1('0\r\n\r\n'), 0]);
      let sentData = 0;
      for (const [piece, data] of pieces) {
        if (received || done || socket.destroyed) break;
        const flushed = socket.write(piece);
        sentData += data;
        await new Promise((next) => {
          if (flushed) return void setImmediate(next);
          wake = next;
          socket.once('drain', next);
        });
        wake = null;
        // Wait (once per decision point) for the answer rather than write into a closed socket.
        if (decisions.length && sentData > decisions[0] && !received && !done) {
          while (decisions.length && sentData > decisions[0]) decisions.shift();
          await new Promise((next) => {
            const t = setTimeout(next, 1000);
            wake = () => {
              clearTimeout(t);
              next();
            };
          });
          wake = null;
        }
      }
    });
  });
}

/** A readable reproduction of a request: method, path, headers, body (abbreviated). */
export function describeRequest(req) {
  const preview = req.body.subarray(0, 200).toString('utf8');
  return {
    method: req.method,
    path: req.path,
    label: req.label,
    headers: Object.fromEntries(req.headers.map(([k, v]) => [k, v.length > 200 ? `${v.slice(0, 200)}… (${v.length} chars)` : v])),
    chunked: req.chunked,
    bodyBytes: req.body.length,
    bodyPreview: preview + (req.body.length > 200 ? '…' : ''),
  };
}

// ---------------------------------------------------------------------------------------------
// Cookies of real journeys (for the fuzzers' "journey" and "tampered" cookies).

async function journeyCookies(base) {
  const byStep = new Map();
  const all = [];
  const journeys = [
    { region: 'region=jilin-city', hasCertificate: 'answer=yes', certificateNumber: `certificateNumber=${'220201'}19800307123${checkCharacter('22020119800307123')}52`, confirm: 'answer=yes' },
    { region: 'region=jilin-city', hasCertificate: 'answer=yes', certificateNumber: 'action=skip', birthDate: 'year=1980&month=3&day=7', household: 'answer=dibao', level: 'answer=1' },
    { region: 'region=changsha-yuhua', hasCertificate: 'answer=no', birthDate: 'year=2015&month=2&day=28', category: 'answer=intellectual' },
  ];
  for (const answers of journeys) {
    let cookie = '';
    const post = async (path, body) => {
      const res = await fetch(base + path, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: { 'content-type': FORM_TYPE, origin: base, ...(cookie ? { cookie } : {}) },
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      for (const sc of res.headers.getSetCookie()) {
        const m = /^tx-check=([^;]*)/.exec(sc);
        if (m) cookie = m[1] ? `tx-check=${m[1]}` : '';
      }
      return res.status === 303 ? new URL(res.headers.get('location'), base).pathname : undefined;
    };
    let next = await post('/check/', 'action=start');
    for (let i = 0; i < 20 && next && next.startsWith('/check/') && next !== '/check/summary'; i++) {
      const step = next.slice('/check/'.length);
      const value = cookie.slice('tx-check='.length);
      if (value) {
        byStep.set(step, [...(byStep.get(step) ?? []), value]);
        all.push(value);
      }
      next = await post(next, answers[step] ?? 'answer=dontKnow');
    }
    const value = cookie.slice('tx-check='.length);
    if (value) {
      for (const step of ['summary', 'results']) byStep.set(step, [...(byStep.get(step) ?? []), value]);
      all.push(value);
    }
  }
  return { byStep, all };
}

// ---------------------------------------------------------------------------------------------
// The cluster's workers, from /proc.

/** Pids of the children of `pid` (all its threads' children files). */
export function childPids(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      out.push(...readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      /* thread gone */
    }
  }
  return [...new Set(out)].filter((p) => {
    try {
      return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${p}/stat`, 'utf8')); // not a zombie
    } catch {
      return false;
    }
  });
}

/**
 * The client ports of the established TCP connections to `port` that `pid` holds (the
 * connections it is serving), its socket inodes in `baseline` left out.
 */
function servedConnections(pid, port, baseline = new Set()) {
  const inodes = socketInodes(pid);
  for (const i of baseline) inodes.delete(i);
  const ports = new Set();
  if (!inodes.size) return ports;
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length > 9 && f[1].endsWith(hexPort) && f[3] === '01' && inodes.has(f[9])) ports.add(parseInt(f[2].split(':')[1], 16));
  }
  return ports;
}
const socketInodes = (pid) => {
  const set = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) set.add(m[1]);
      } catch {
        /* gone */
      }
    }
  } catch {
    /* gone */
  }
  return set;
};

/** SIGKILLs one worker; resolves when its replacement holds its first connection (or after 15 s). */
async function killOneWorker(primaryPid, port) {
  const before = childPids(primaryPid);
  if (!before.length) return { error: `no worker processes under pid ${primaryPid} (/proc/${primaryPid}/task/*/children)` };
  const victim = before[0];
  // The connections it holds, read just before the kill: a client port in this set was on it.
  const victimPorts = servedConnections(victim, port);
  const killAt = now();
  try {
    process.kill(victim, 'SIGKILL');
  } catch (err) {
    return { error: `could not kill worker ${victim}: ${err.message}` };
  }
  const k = { victim, victimPorts, workersBefore: before.length, killAt };
  while (now() - killAt < 10_000) {
    const fresh = childPids(primaryPid).filter((p) => !before.includes(p));
    if (fresh.length) {
      k.replacement = fresh[0];
      k.replacedAt = now();
      break;
    }
    await sleep(1);
  }
  if (k.replacement) {
    const baseline = socketInodes(k.replacement); // its IPC channel to the primary
    while (now() - killAt < 15_000) {
      if (servedConnections(k.replacement, port, baseline).size) {
        k.firstConnectionAt = now();
        break;
      }
      await sleep(10);
    }
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Slow clients and held connections.

/**
 * Opens `count` connections of the given kinds and keeps them open: each is reopened when the
 * server closes it. Records how each one ended. `kind(i)` chooses the behaviour of the i-th:
 *   slow-headers: a request's headers, one byte every `everyMs` (never finished);
 *   slow-body: headers at once declaring a form body, then the body one byte every `everyMs`;
 *   idle: connects and sends nothing;
 *   keepalive: one GET / (keep-alive), then nothing.
 */
function connectionPool(u, count, kind, everyMs = 500) {
  const records = [];
  const sockets = new Set();
  let stopped = false;
  const open = (i) => {
    if (stopped) return;
    const k = kind(i);
    const rec = { kind: k, openedAt: now(), bytesSent: 0, status: 0, answers: 0 };
    const socket = net.connect({ host: u.hostname, port: Number(u.port) });
    sockets.add(socket);
    let head = '';
    let drip;
    const payload =
      k === 'slow-headers'
        ? latin1(`GET /services/living-subsidy/ HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: bench-slow-client\r\nX-Padding: ${'a'.repeat(4000)}\r\n\r\n`)
        : latin1(`region=jilin-city&x=${'a'.repeat(8000)}`);
    socket.on('connect', () => {
      rec.connectedAt = now();
      rec.localPort = socket.localPort;
      if (k === 'slow-body') {
        const h = `POST /check/region HTTP/1.1\r\nHost: ${u.host}\r\nOrigin: ${u.origin}\r\nContent-Type: ${FORM_TYPE}\r\nContent-Length: ${payload.length}\r\n\r\n`;
        socket.write(h);
      }
      if (k === 'keepalive') socket.write(`GET / HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: bench-held-connection\r\n\r\n`);
      if (k === 'slow-headers' || k === 'slow-body') {
        let at = 0;
        drip = setInterval(() => {
          if (at >= payload.length || socket.destroyed) return clearInterval(drip);
          socket.write(payload.subarray(at, at + 1));
          at++;
          rec.bytesSent = at;
        }, everyMs);
      }
    });
    socket.on('data', (c) => {
      if (head.length < 256) head += c.toString('latin1');
      const statuses = head.match(/HTTP\/1\.[01] (\d{3})/g) ?? [];
      rec.answers = statuses.length;
      if (!rec.status && statuses.length) {
        rec.status = Number(statuses[0].slice(9));
        rec.answeredAt = now();
      }
    });
    socket.on('error', (e) => {
      rec.error = e.code ?? e.message;
    });
    socket.on('close', () => {
      clearInterval(drip);
      sockets.delete(socket);
      rec.closedAt = now();
      rec.byBench = stopped;
      records.push(rec);
      if (!stopped) setImmediate(() => open(i));
    });
  };
  return {
    start(spreadMs = 0) {
      for (let i = 0; i < count; i++) setTimeout(() => open(i), spreadMs ? Math.floor((i * spreadMs) / count) : 0);
    },
    stop() {
      stopped = true;
      for (const s of sockets) s.destroy();
    },
    records,
    get open() {
      return sockets.size;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Normal visitors (run in a worker thread: see the top).

const VISITOR_BODY = JSON.stringify({
  region: 'jilin-city',
  answers: { hasCertificate: true, category: 'physical', level: 2, birthDate: '1980-03-07', household: 'dibao', needsLongTermCare: true },
});
export const VISITOR_REQUESTS = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/services/living-subsidy/' },
  { method: 'GET', path: '/check/' },
  { method: 'POST', path: '/api/eligibility', body: VISITOR_BODY, type: JSON_TYPE },
];

function visitorRequest(agent, u, r, timeoutMs) {
  return new Promise((resolve) => {
    const t0 = now();
    const headers = r.body ? { 'content-type': r.type, 'content-length': Buffer.byteLength(r.body) } : {};
    let settled = false;
    let req;
    let localPort = 0;
    const done = (status, error) => {
      if (settled) return;
      settled = true;
      resolve([t0, now(), status, error, Boolean(req.reusedSocket), localPort]);
    };
    req = http.request({ agent, host: u.hostname, port: u.port, method: r.method, path: r.path, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => done(res.statusCode, ''));
      res.on('error', (e) => done(0, e.code ?? e.message));
      res.on('aborted', () => done(0, 'aborted'));
    });
    req.on('socket', (s) => {
      const grab = () => {
        localPort = s.localPort ?? 0;
      };
      if (s.connecting) s.once('connect', grab);
      else grab();
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => done(0, e.code ?? e.message));
    req.end(r.body);
  });
}

function visitorThread() {
  const { base, visitors, timeoutMs } = workerData;
  const u = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: visitors, maxFreeSockets: visitors });
  let running = null;
  parentPort.on('message', async (m) => {
    if (m.cmd === 'start') {
      const records = [];
      const state = { stop: false };
      const loops = Array.from({ length: visitors }, async (_, v) => {
        for (let i = v; !state.stop; i++) {
          const r = VISITOR_REQUESTS[i % VISITOR_REQUESTS.length];
          const rec = await visitorRequest(agent, u, r, timeoutMs);
          records.push([i % VISITOR_REQUESTS.length, ...rec]);
        }
      });
      running = { state, loops, records };
    } else if (m.cmd === 'stop') {
      running.state.stop = true;
      await Promise.all(running.loops);
      parentPort.postMessage({ records: running.records });
      running = null;
    } else if (m.cmd === 'exit') {
      agent.destroy();
      parentPort.close();
    }
  });
}

if (!isMainThread && workerData?.role === 'robustness-visitors') visitorThread();

function startVisitors(base, visitors, timeoutMs) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'robustness-visitors', base, visitors, timeoutMs } });
  worker.on('error', (err) => console.error(`visitors' thread: ${err.stack ?? err}`));
  const stop = () =>
    new Promise((resolve) => {
      worker.once('message', (m) => resolve(m.records));
      worker.postMessage({ cmd: 'stop' });
    });
  return {
    start: () => worker.postMessage({ cmd: 'start' }),
    stop,
    /** Runs for `ms` and returns the records. */
    async run(ms) {
      worker.postMessage({ cmd: 'start' });
      await sleep(ms);
      return stop();
    },
    close: () => worker.terminate(),
  };
}

/** Latency figures of visitor records ([which, t0, t1, status, error, reused]). */
function visitorFigures(records, seconds) {
  const answered = records.filter((r) => r[3] > 0);
  const lat = answered.map((r) => r[2] - r[1]).sort((a, b) => a - b);
  const statuses = {};
  for (const r of answered) statuses[r[3]] = (statuses[r[3]] ?? 0) + 1;
  const per = VISITOR_REQUESTS.map((v, i) => {
    const l = answered.filter((r) => r[0] === i).map((r) => r[2] - r[1]).sort((a, b) => a - b);
    return { request: `${v.method} ${v.path}`, count: l.length, p50: percentile(l, 50), p99: percentile(l, 99) };
  });
  return {
    requests: records.length,
    answered: answered.length,
    failed: records.length - answered.length,
    seconds,
    rps: answered.length / seconds,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat.at(-1),
    statuses,
    perRequest: per,
  };
}

// ---------------------------------------------------------------------------------------------
// The measurement.

const count = (obj, key) => {
  obj[key] = (obj[key] ?? 0) + 1;
};
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);

/**
 * @param {string} base the portal, http://127.0.0.1:<port>
 * @param {number} primaryPid the cluster primary's pid (scripts/start.mjs)
 * @param {Partial<typeof DEFAULTS>} options
 * @param {{ log?: (msg: string) => void, outDir?: string }} io
 */
export async function measureRobustness(base, primaryPid, options = {}, { log = () => {}, outDir } = {}) {
  assertLoopback(base);
  const o = { ...DEFAULTS, ...options };
  const u = new URL(base);
  const port = Number(u.port);
  const started = now();
  const workersAtStart = childPids(primaryPid);
  const total = o.requestsPerEndpoint * ENDPOINTS.length;
  if (outDir) rmSync(outDir, { recursive: true, force: true });

  log(`Robustness: journey cookies for the fuzzers; ${workersAtStart.length} workers under the primary (pid ${primaryPid}: ${workersAtStart.join(', ')})…`);
  const cookies = await journeyCookies(base);
  const next = requestSource(base, cookies, o.seed);

  const visitors = startVisitors(base, o.visitors, o.timeoutMs);
  let slow;
  let held;
  try {
    log(`Robustness: quiet run, ${o.visitors} keep-alive visitors for ${o.quietMs / 1000} s (after ${o.warmupMs / 1000} s warm-up)…`);
    await visitors.run(o.warmupMs);
    const quietStart = now();
    const quietRecords = await visitors.run(o.quietMs);
    const quiet = visitorFigures(quietRecords, (now() - quietStart) / 1000);

    log(
      `Robustness: attack: ${o.requestsPerEndpoint.toLocaleString('en-US')} fuzzed requests × ${ENDPOINTS.length} endpoints (seed ${o.seed}, ${o.concurrency} at a time, fresh connections), ` +
        `${o.slowClients} slow clients, ${o.heldConnections} held connections; one worker SIGKILLed after ${Math.round(o.killAt * 100)} % of the requests…`,
    );
    slow = connectionPool(u, o.slowClients, (i) => (i % 2 ? 'slow-body' : 'slow-headers'));
    held = connectionPool(u, o.heldConnections, (i) => (i % 2 ? 'keepalive' : 'idle'));
    const attackStart = now();
    visitors.start();
    slow.start(500);
    held.start(500);
    await sleep(500);

    // Fuzzers.
    const killIndex = Math.floor(total * o.killAt);
    let killing;
    const fuzz = ENDPOINTS.map((endpoint) => ({ endpoint, sent: 0, answered: 0, statuses: {}, failed: 0, serverErrors: 0 }));
    const byLabel = {};
    const failures = []; // { t0, t1, error, req }
    const serverErrors = []; // { status, req, response }
    const times = new Float64Array(total * 2);
    let sentCount = 0;
    let lastReport = now();
    const fuzzStart = now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (sentCount < total) {
          const i = sentCount++;
          if (i === killIndex) killing = killOneWorker(primaryPid, port);
          const req = next(i);
          const f = fuzz[i % ENDPOINTS.length];
          f.sent++;
          const r = await sendRaw(u, req, o.timeoutMs);
          times[2 * i] = r.t0;
          times[2 * i + 1] = r.t1;
          const kind = req.label.split(' ')[0];
          byLabel[kind] ??= { sent: 0, statuses: {} };
          byLabel[kind].sent++;
          if (r.status) {
            f.answered++;
            count(f.statuses, r.status);
            count(byLabel[kind].statuses, r.status);
            if (r.status >= 500) {
              f.serverErrors++;
              serverErrors.push({ status: r.status, at: r.t0, req, response: r.response });
            }
          } else {
            f.failed++;
            count(byLabel[kind].statuses, 'failed');
            failures.push({ t0: r.t0, t1: r.t1, error: r.error, localPort: r.localPort, req });
          }
          if (now() - lastReport > 15_000) {
            lastReport = now();
            const secs = (now() - fuzzStart) / 1000;
            log(`  ${sentCount.toLocaleString('en-US')}/${total.toLocaleString('en-US')} fuzz requests sent, ${Math.round(sentCount / secs)}/s`);
          }
        }
      }),
    );
    const fuzzSeconds = (now() - fuzzStart) / 1000;
    const kill = killing ? await killing : { error: 'the kill point was not reached' };
    const attackRecords = await visitors.stop();
    const attackSeconds = (now() - attackStart) / 1000;
    slow.stop();
    held.stop();
    await sleep(200);

    // Is the portal whole again?
    const workersAtEnd = childPids(primaryPid);
    let afterStatus = 0;
    try {
      const r = await fetch(`${base}/`, { signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      afterStatus = r.status;
    } catch (err) {
      afterStatus = `error: ${err.message}`;
    }

    // Classification.
    const killAt = kill.killAt;
    const victimPorts = kill.victimPorts ?? new Set();
    const inFlight = (t0, t1) => killAt !== undefined && t0 <= killAt && t1 >= killAt;
    const fuzzFailedInFlight = failures.filter((f) => inFlight(f.t0, f.t1)).length;
    const fuzzFailedOnVictim = failures.filter((f) => inFlight(f.t0, f.t1) && victimPorts.has(f.localPort)).length;
    let fuzzInFlightAnswered = 0;
    if (killAt !== undefined) for (let i = 0; i < total; i++) if (times[2 * i] <= killAt && times[2 * i + 1] >= killAt) fuzzInFlightAnswered++;
    fuzzInFlightAnswered -= fuzzFailedInFlight;
    const vFailed = attackRecords.filter((r) => r[3] === 0);
    const vFailedInFlight = vFailed.filter((r) => inFlight(r[1], r[2])).length;
    const vStale = vFailed.filter((r) => !inFlight(r[1], r[2]) && r[5] && victimPorts.has(r[6]) && r[1] - killAt < 1000).length;
    const sum = (k) => fuzz.reduce((s, f) => s + f[k], 0);
    const fuzzTotals = { sent: sum('sent'), answered: sum('answered'), failed: sum('failed'), serverErrors: sum('serverErrors') };
    const statuses = {};
    for (const f of fuzz) for (const [s, c] of Object.entries(f.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
    const attack = visitorFigures(attackRecords, attackSeconds);
    const visitorServerErrors = attackRecords.filter((r) => r[3] >= 500).length + quietRecords.filter((r) => r[3] >= 500).length;
    const sent = fuzzTotals.sent + attackRecords.length;
    const answered = fuzzTotals.answered + attack.answered;
    const inFlightFailures = fuzzFailedInFlight + vFailedInFlight;
    const share = answered / (sent - inFlightFailures);

    // Slow clients and held connections: how each connection ended.
    const ending = (records) => {
      const byKind = {};
      for (const r of records) {
        const k = (byKind[r.kind] ??= { opened: 0, endedByServer: 0, endings: {}, lifetimes: [], bytesSent: [], atKill: 0, openAtEnd: 0, silentCloses: [] });
        k.opened++;
        if (r.byBench) {
          k.openAtEnd++;
          continue;
        }
        k.endedByServer++;
        const killed = killAt !== undefined && r.openedAt < killAt && r.closedAt >= killAt && victimPorts.has(r.localPort);
        if (killed) k.atKill++;
        const how = killed ? 'closed by the kill' : r.status ? `${r.status}${r.kind === 'keepalive' ? ' then closed' : ''}` : `closed, no answer${r.error ? ` (${r.error})` : ''}`;
        count(k.endings, how);
        if (!killed && !r.status && k.silentCloses.length < 10) {
          const rel = (t) => (killAt === undefined ? undefined : Math.round(t - killAt));
          k.silentCloses.push({ lifetimeMs: Math.round(r.closedAt - r.openedAt), openedMsAfterKill: rel(r.openedAt), closedMsAfterKill: rel(r.closedAt), error: r.error ?? null });
        }
        if (!killed) {
          k.lifetimes.push(r.closedAt - (r.connectedAt ?? r.openedAt));
          k.bytesSent.push(r.bytesSent);
        }
      }
      for (const k of Object.values(byKind)) {
        k.medianLifetimeMs = median(k.lifetimes);
        k.maxLifetimeMs = Math.max(...k.lifetimes, 0);
        k.medianBytesSent = median(k.bytesSent);
        delete k.lifetimes;
        delete k.bytesSent;
      }
      return byKind;
    };

    // Reproductions: 5xx and failures not explained by the kill.
    const otherFailures = failures.filter((f) => !inFlight(f.t0, f.t1));
    if (outDir && (serverErrors.length || otherFailures.length)) {
      mkdirSync(outDir, { recursive: true });
      const save = (name, list) =>
        list.slice(0, 50).map((x, n) => {
          const file = join(outDir, `${name}-${n + 1}.body`);
          writeFileSync(file, x.req.body);
          return { ...describeRequest(x.req), status: x.status, error: x.error, msAfterKill: killAt !== undefined ? (x.t0 ?? x.at) - killAt : undefined, response: x.response, bodyFile: file };
        });
      writeFileSync(join(outDir, 'reproductions.json'), `${JSON.stringify({ seed: o.seed, serverErrors: save('5xx', serverErrors), failures: save('failure', otherFailures) }, null, 2)}\n`);
    }

    const ratio = attack.p99 / quiet.p99;
    const result = {
      seed: o.seed,
      requestsPerEndpoint: o.requestsPerEndpoint,
      endpoints: fuzz,
      concurrency: o.concurrency,
      timeoutMs: o.timeoutMs,
      fuzz: { ...fuzzTotals, seconds: fuzzSeconds, rps: fuzzTotals.sent / fuzzSeconds, statuses, byLabel },
      kill: {
        ...(kill.error ? { error: kill.error } : {}),
        victim: kill.victim,
        victimConnections: kill.victimPorts?.size,
        replacement: kill.replacement,
        workersBefore: kill.workersBefore,
        afterRequest: killIndex,
        atSecond: killAt !== undefined ? (killAt - fuzzStart) / 1000 : undefined,
        replacedMs: kill.replacedAt !== undefined ? kill.replacedAt - killAt : undefined,
        firstConnectionMs: kill.firstConnectionAt !== undefined ? kill.firstConnectionAt - killAt : undefined,
      },
      workersAtStart: workersAtStart.length,
      workersAtEnd: workersAtEnd.length,
      afterStatus,
      sent,
      answered,
      serverErrors: fuzzTotals.serverErrors + visitorServerErrors,
      failed: {
        fuzz: fuzzTotals.failed,
        fuzzInFlight: fuzzFailedInFlight,
        fuzzInFlightOnVictim: fuzzFailedOnVictim,
        fuzzInFlightKinds: failures.filter((f) => inFlight(f.t0, f.t1)).reduce((acc, f) => (count(acc, f.error), acc), {}),
        fuzzInFlightAnswered,
        fuzzOther: otherFailures.length,
        fuzzOtherKinds: otherFailures.reduce((acc, f) => (count(acc, f.error), acc), {}),
        visitors: vFailed.length,
        visitorsInFlight: vFailedInFlight,
        visitorsStaleConnection: vStale,
        visitorKinds: vFailed.reduce((acc, r) => (count(acc, r[4]), acc), {}),
      },
      share,
      serverErrorSamples: serverErrors.slice(0, 10).map((x) => ({ status: x.status, ...describeRequest(x.req), response: x.response?.slice(0, 600) })),
      failureSamples: otherFailures.slice(0, 10).map((f) => ({ error: f.error, msAfterKill: killAt !== undefined ? f.t0 - killAt : undefined, ...describeRequest(f.req) })),
      slowClients: { count: o.slowClients, everyMs: 500, ...ending(slow.records) },
      held: { count: o.heldConnections, ...ending(held.records) },
      visitors: { count: o.visitors, requests: VISITOR_REQUESTS.map((r) => `${r.method} ${r.path}`), quiet, attack, p99Ratio: ratio, p50Ratio: attack.p50 / quiet.p50 },
      seconds: (now() - started) / 1000,
    };
    result.ok = {
      serverErrors: result.serverErrors <= GOALS.serverErrors,
      share: share >= GOALS.answeredShare,
      p99: Number.isFinite(ratio) && ratio <= GOALS.p99Ratio,
    };
    return result;
  } finally {
    slow?.stop(); // already stopped unless something threw
    held?.stop();
    await visitors.close();
  }
}
