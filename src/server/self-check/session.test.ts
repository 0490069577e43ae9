/**
 * The self-check's answers in an encrypted, authenticated cookie: a round trip, refusal of
 * anything altered, forged or sealed with another key, expiry after 30 minutes, and no answer
 * readable in the cookie. The key comes from TX_SECRET here, so no key file is written, except
 * in the one test of the key file, which uses a temporary DATA_DIR.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckState } from '../../domain/eligibility/self-check';

type Session = typeof import('./session');

const SECRET = 'test-secret-for-the-check-session-0123456789';
const OTHER_SECRET = 'another-test-secret-nothing-like-the-first-one';
const saved = { TX_SECRET: process.env.TX_SECRET, DATA_DIR: process.env.DATA_DIR };
const dataDir = mkdtempSync(join(tmpdir(), 'tx-check-session-'));

/** A fresh copy of the module, so its cached key is made again from the environment. */
async function load(env: { TX_SECRET?: string; DATA_DIR?: string }): Promise<Session> {
  for (const name of ['TX_SECRET', 'DATA_DIR'] as const) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  vi.resetModules();
  return import('./session');
}

const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const MINUTE = 60_000;

const STATE: CheckState = {
  region: 'jilin-city',
  answers: { hasCertificate: true, birthDate: '1985-03-15', category: 'intellectual', level: 3, household: 'dibao', needsLongTermCare: true },
  skipped: ['certificateNumber', 'isAutistic'],
  certificateRead: true,
};

/** The cookie value with one of its four parts changed. */
function alter(value: string, part: 0 | 1 | 2 | 3, change: (bytes: Buffer) => Buffer | string): string {
  const parts = value.split('.');
  const changed = change(Buffer.from(parts[part]!, 'base64url'));
  parts[part] = typeof changed === 'string' ? changed : changed.toString('base64url');
  return parts.join('.');
}
const flipFirstBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[0] = copy[0]! ^ 1;
  return copy;
};
const flipLastBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 1;
  return copy;
};

let session: Session;
beforeAll(async () => {
  session = await load({ TX_SECRET: SECRET, DATA_DIR: dataDir });
});
afterAll(() => {
  for (const name of ['TX_SECRET', 'DATA_DIR'] as const) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  vi.resetModules();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seal and open', () => {
  it('opens what it sealed', () => {
    expect(session.open(session.seal(STATE, T0), T0)).toEqual({ status: 'ok', state: STATE });
  });

  it('keeps a certificate number waiting for confirmation (what was read, not the number)', () => {
    const state: CheckState = { region: 'changsha-yuhua', answers: { hasCertificate: true }, skipped: [], pending: { birthDate: '2021-03-10', category: 'speech', level: 1, warnings: ['extraCharacters'] } };
    expect(session.open(session.seal(state, T0), T0)).toEqual({ status: 'ok', state });
  });

  it('opens an empty state, and fills in what an older cookie lacks', () => {
    expect(session.open(session.seal(session.emptyState(), T0), T0)).toEqual({ status: 'ok', state: { answers: {}, skipped: [] } });
    expect(session.open(session.seal({ region: 'jilin-city' } as CheckState, T0), T0)).toEqual({ status: 'ok', state: { region: 'jilin-city', answers: {}, skipped: [] } });
  });

  it('is four base64url parts, version 1 first', () => {
    const value = session.seal(STATE, T0);
    expect(value).toMatch(/^1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const [, iv, tag] = value.split('.');
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
  });

  it('seals the same state differently each time (a fresh IV)', () => {
    const a = session.seal(STATE, T0);
    const b = session.seal(STATE, T0);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it('never shows the answers in clear', () => {
    const value = session.seal(STATE, T0);
    const decoded = value.split('.').map((p) => Buffer.from(p, 'base64url').toString('latin1')).join('\n');
    for (const secret of ['dibao', '1985-03-15', '19850315', 'intellectual', 'jilin-city', 'hasCertificate']) {
      expect(value).not.toContain(secret);
      expect(decoded).not.toContain(secret);
      expect(value).not.toContain(Buffer.from(secret).toString('base64url').slice(0, -2));
    }
    // Not the JSON in base64 either.
    expect(value).not.toContain(Buffer.from(JSON.stringify(STATE)).toString('base64url').slice(0, 16));
  });

  it('writes no key file when TX_SECRET is set', () => {
    session.seal(STATE, T0);
    expect(existsSync(join(dataDir, 'check-session.key'))).toBe(false);
  });
});

describe('refused cookies', () => {
  const sealed = () => session.seal(STATE, T0);

  it('no cookie is none', () => {
    expect(session.open(undefined, T0)).toEqual({ status: 'none' });
    expect(session.open('', T0)).toEqual({ status: 'none' });
  });

  it.each([
    ['the ciphertext’s first bit', 3, flipFirstBit],
    ['the ciphertext’s last bit', 3, flipLastBit],
    ['the tag', 2, flipFirstBit],
    ['the tag’s last bit', 2, flipLastBit],
    ['the IV', 1, flipFirstBit],
    ['a shorter IV', 1, (b: Buffer) => b.subarray(0, 8)],
    ['a longer ciphertext', 3, (b: Buffer) => Buffer.concat([b, Buffer.from('x')])],
    ['a shorter ciphertext', 3, (b: Buffer) => b.subarray(0, b.length - 1)],
    ['an empty tag', 2, () => ''],
    ['a tag that is not base64url', 2, () => '!!!!'],
  ] as const)('a change to %s is invalid', (_name, part, change) => {
    expect(session.open(alter(sealed(), part, change), T0)).toEqual({ status: 'invalid' });
  });

  it('another cookie’s ciphertext under this one’s IV and tag is invalid', () => {
    const a = sealed().split('.');
    const b = session.seal({ ...STATE, answers: { household: 'none' } }, T0).split('.');
    expect(session.open([a[0], a[1], a[2], b[3]].join('.'), T0)).toEqual({ status: 'invalid' });
  });

  it.each(['0', '2', 'v1', ''])('version %j is invalid', (version) => {
    expect(session.open(alter(sealed(), 0, () => version), T0)).toEqual({ status: 'invalid' });
  });

  it.each(['garbage', '1', '1.', '1...', '1.a.b', '1.a.b.c', '1.a.b.c.d', '....', 'null', '{"region":"jilin-city"}', '%00%01'])('%j is invalid', (value) => {
    expect(session.open(value, T0)).toEqual({ status: 'invalid' });
  });

  it('a state written in clear, as a forger would, is invalid', () => {
    const forged = ['1', Buffer.alloc(12).toString('base64url'), Buffer.alloc(16).toString('base64url'), Buffer.from(JSON.stringify({ ...STATE, exp: T0 + MINUTE })).toString('base64url')].join('.');
    expect(session.open(forged, T0)).toEqual({ status: 'invalid' });
  });

  // Sealed with the right key but not in the shape this server reads: a cookie from before a
  // deploy that changed the state. Found by the fuzz suite: `pending` without `warnings` made
  // the confirmation page throw (500).
  it.each<[string, unknown]>([
    ['a pending certificate without its warnings', { ...STATE, pending: { birthDate: '1980-03-07' } }],
    ['a level out of range', { ...STATE, answers: { level: 9 } }],
    ['an unknown answer', { ...STATE, answers: { income: 1 } }],
    ['skipped that is not a list', { ...STATE, skipped: 'all' }],
    ['a skipped question that does not exist', { ...STATE, skipped: ['nope'] }],
    ['a birth date that is not a date', { ...STATE, answers: { birthDate: 19800307 } }],
  ])('a sealed state with %s is invalid', (_what, state) => {
    expect(session.open(session.seal(state as CheckState, T0), T0)).toEqual({ status: 'invalid' });
  });

  // Without authTagLength, Node accepts GCM tags as short as 4 bytes (DEP0182): forging would
  // take about 2^32 tries instead of 2^128.
  it('a tag cut short is invalid', () => {
    expect(session.open(alter(sealed(), 2, (b) => b.subarray(0, 4)), T0)).toEqual({ status: 'invalid' });
  });
});

describe('expiry', () => {
  // WCAG 2.2.1: with no warning possible without JavaScript, the limit is longer than 20 hours.
  it('opens for 24 hours after sealing, and is expired after that', () => {
    const value = session.seal(STATE, T0);
    expect(session.CHECK_TTL_SECONDS).toBe(24 * 60 * 60);
    expect(session.CHECK_TTL_SECONDS).toBeGreaterThan(20 * 60 * 60);
    expect(session.open(value, T0 + 30 * MINUTE)).toMatchObject({ status: 'ok' });
    expect(session.open(value, T0 + 24 * 60 * MINUTE)).toMatchObject({ status: 'ok' });
    expect(session.open(value, T0 + 24 * 60 * MINUTE + 1)).toEqual({ status: 'expired' });
    expect(session.open(value, T0 + 48 * 60 * MINUTE)).toEqual({ status: 'expired' });
  });

  it('counts the 24 hours from the last answer: sealing again extends it', () => {
    const first = session.seal(STATE, T0);
    const again = session.seal(STATE, T0 + 10 * 60 * MINUTE);
    expect(session.open(first, T0 + 30 * 60 * MINUTE)).toEqual({ status: 'expired' });
    expect(session.open(again, T0 + 30 * 60 * MINUTE)).toMatchObject({ status: 'ok' });
  });

  it('a tampered expired cookie is invalid, not expired', () => {
    const value = alter(session.seal(STATE, T0), 3, flipFirstBit);
    expect(session.open(value, T0 + 60 * MINUTE)).toEqual({ status: 'invalid' });
  });
});

describe('keys', () => {
  it('a cookie sealed with one key does not open with another, either way', async () => {
    const value = session.seal(STATE, T0);
    const other = await load({ TX_SECRET: OTHER_SECRET, DATA_DIR: dataDir });
    expect(other.open(value, T0)).toEqual({ status: 'invalid' });
    const otherValue = other.seal(STATE, T0);
    expect(other.open(otherValue, T0)).toMatchObject({ status: 'ok' });
    expect(session.open(otherValue, T0)).toEqual({ status: 'invalid' });
  });

  it('the same TX_SECRET in another process opens the cookie (several servers share it)', async () => {
    const value = session.seal(STATE, T0);
    const again = await load({ TX_SECRET: SECRET, DATA_DIR: dataDir });
    expect(again.open(value, T0)).toEqual({ status: 'ok', state: STATE });
  });

  it('without TX_SECRET: a random key in DATA_DIR/check-session.key (mode 0600), kept across restarts', async () => {
    const dir = join(dataDir, 'keyfile');
    const first = await load({ DATA_DIR: dir });
    const value = first.seal(STATE, T0);
    const file = join(dir, 'check-session.key');
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(session.open(value, T0)).toEqual({ status: 'invalid' });
    const restarted = await load({ DATA_DIR: dir });
    expect(restarted.open(value, T0)).toEqual({ status: 'ok', state: STATE });
  });
});
