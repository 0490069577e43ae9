/** The log: JSON lines, and no identity numbers anywhere in them. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { logLine, logPath, maskPersonalData, requestEntry } from './log';

const ID = '110101199003077777';
const CERT = `${ID}52`;
const percent = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('masking', () => {
  it.each([
    ['an ID number', `/check/${ID}`],
    ['an ID number ending in X', `/check/${ID.slice(0, 17)}X/next`],
    ['a lowercase x', `/check/${ID.slice(0, 17)}x`],
    ['a certificate number', `/check/${CERT}`],
    ['an old 15-digit ID', '/p/110101900307777'],
    ['percent-encoded digits', `/check/${percent(ID)}`],
    ['full-width digits', `/check/${fullWidth(CERT)}`],
    ['percent-encoded full-width digits', `/check/${percent(fullWidth(ID))}`],
    ['a number inside a crash trace', `Error: Could not render http://h/check?n=${CERT}\n    at x (file.js:1:2)`],
  ])('masks %s', (_what, text) => {
    const masked = maskPersonalData(text);
    expect(masked).toContain('[masked]');
    expect(masked).not.toMatch(/[0-9０-９]{15}/);
    expect(masked).not.toContain(percent(ID).slice(0, 30));
  });

  it.each(['/services/living-subsidy/', '/_astro/Page.a1b2c3.js', '/news/2026-06-01/', 'took 12345 ms', '/api/eligibility'])('leaves %s alone', (text) => expect(maskPersonalData(text)).toBe(text));
});

describe('request lines', () => {
  it('are one JSON object: method, path without query, status, time', () => {
    const line = logLine(requestEntry('GET', `/services/?region=jilin-city&idNumber=${ID}`, 200, 3.14159), new Date('2026-12-01T00:00:00Z'));
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ time: '2026-12-01T00:00:00.000Z', level: 'info', msg: 'request', method: 'GET', path: '/services/', status: 200, ms: 3.1 });
  });
  it('mask a path segment and cut a long path', () => {
    expect(logPath(`/check/${ID}?x=1#y`)).toBe('/check/[masked]');
    expect(logPath(`/${'a'.repeat(500)}`)).toHaveLength(201);
  });
  it('say when the client went away, and are errors at 500', () => {
    expect(requestEntry('POST', '/settings/', 500, 1, true)).toMatchObject({ level: 'error', aborted: true });
  });
});

describe('every line the process writes', () => {
  it('is masked JSON: console calls, errors with stacks, raw stream writes, an uncaught exception', () => {
    const script = `
      import { installLogMasking } from './src/server/http/log.ts';
      installLogMasking({ worker: 7 });
      console.log('hello', { n: '${ID}' });
      console.error(new Error('bad ${CERT}'));
      process.stderr.write('raw ${ID}\\n');
      process.on('uncaughtException', (e) => { console.error(e); process.exit(1); });
      setTimeout(() => { throw new Error('crash at /check/${ID}'); });
    `;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const text = out.stdout + out.stderr;
    expect(text).not.toContain(ID.slice(0, 15));
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(4);
    for (const l of lines) expect(JSON.parse(l)).toMatchObject({ worker: 7 });
    const messages = lines.map((l) => String(JSON.parse(l).msg));
    expect(messages).toContain('raw [masked]');
    expect(messages.find((m) => m.startsWith('Error: bad'))).toMatch(/^Error: bad \[masked\]\n\s+at /);
    expect(messages.find((m) => m.includes('crash at'))).toContain('crash at /check/[masked]');
  });
});
