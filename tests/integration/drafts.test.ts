/**
 * Guest drafts on both engines: saved and kept, found again by code and birth date, locked after
 * five wrong tries, the same answer for every wrong try, nothing findable in clear, purged when
 * their time is up.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createDraft, draftById, purgeExpiredDrafts, resumeDraft, saveDraft } from '../../src/server/applications/drafts';
import { formatCode, readCode } from '../../src/domain/applications/codes';
import { ENGINES, migratedDatabase } from '../databases';

const KEY = randomBytes(32);
const T0 = Date.parse('2026-12-02T08:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const BIRTH = '1948-03-09';

describe.each(ENGINES)('drafts on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  run('keeps a draft 30 days after its last change, and finds it again by code (as typed) and birth date', async () => {
    const { id, code, expiresAt } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: { step: 1 } }, T0);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(expiresAt).toBe(new Date(T0 + 30 * DAY).toISOString());
    const saved = await saveDraft(database.db, id, () => ({ step: 2, name: '王芳' }), T0 + 10 * DAY);
    expect(saved).toEqual({ expiresAt: new Date(T0 + 40 * DAY).toISOString() });
    const typed = readCode('resume', formatCode(code).toLowerCase());
    expect(typed.ok).toBe(true);
    const resumed = await resumeDraft(database.db, KEY, { code: typed.ok ? typed.code : '', birthDate: BIRTH, client: 'c1' }, T0 + 39 * DAY);
    expect(resumed).toMatchObject({ ok: true, draft: { id, form: 'two-subsidies', lang: 'zh-CN', data: { step: 2, name: '王芳' } } });
    expect(await draftById(database.db, id, T0 + 39 * DAY)).toMatchObject({ id });
    expect(await draftById(database.db, id, T0 + 40 * DAY)).toBeUndefined();
    expect(await saveDraft(database.db, id, () => ({ step: 3 }), T0 + 41 * DAY)).toBeUndefined();
  });

  run('builds each save on what the draft holds when it is written: twenty saves at once all stand', async () => {
    const { id } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: { saves: [] } }, T0);
    // As an autosave still in flight meets a Continue: each adds its own part.
    await Promise.all(Array.from({ length: 20 }, (_, i) => saveDraft(database.db, id, (kept) => ({ saves: [...(kept as { saves: number[] }).saves, i] }), T0 + MIN)));
    const saved = (await draftById(database.db, id, T0 + MIN))!.data as { saves: number[] };
    expect([...saved.saves].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  run('stores neither the code nor the birth date in clear', async () => {
    const { id, code } = await createDraft(database.db, KEY, { form: 'student-aid', lang: 'en', birthDate: BIRTH, data: {} }, T0);
    const row = await database.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const all = JSON.stringify(row);
    expect(all).not.toContain(code);
    expect(all).not.toContain(BIRTH);
    expect(all).not.toContain('19480309');
  });

  run('answers an unknown code and a wrong birth date alike; locks the draft on the fifth wrong try for 15 minutes', async () => {
    const { code } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: { x: 1 } }, T0);
    const other = code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await resumeDraft(database.db, KEY, { code: other, birthDate: BIRTH, client: 'c-lock' }, T0)).toEqual({ ok: false, reason: 'wrong' });
    for (let i = 1; i <= 4; i++) expect(await resumeDraft(database.db, KEY, { code, birthDate: '1948-03-10', client: 'c-lock' }, T0 + i)).toEqual({ ok: false, reason: 'wrong' });
    const fifth = await resumeDraft(database.db, KEY, { code, birthDate: '1948-03-10', client: 'c-lock' }, T0 + 5);
    expect(fifth).toEqual({ ok: false, reason: 'locked', until: new Date(T0 + 5 + 15 * MIN).toISOString() });
    // The right pair, while locked, is locked too.
    expect(await resumeDraft(database.db, KEY, { code, birthDate: BIRTH, client: 'c-other' }, T0 + 10 * MIN)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await resumeDraft(database.db, KEY, { code, birthDate: BIRTH, client: 'c-other' }, T0 + 5 + 15 * MIN)).toMatchObject({ ok: true, draft: { data: { x: 1 } } });
  });

  run('locks a client that tries thirty unknown codes, and no one else', async () => {
    // Thirty, not five: many families share one address behind a carrier's NAT. Against 30^8
    // codes that is still no real chance of a guess.
    let last;
    for (let i = 0; i < 30; i++) {
      last = await resumeDraft(database.db, KEY, { code: `ABCD${'ABCDEFGHJK'[i % 10]}${'ABC'[Math.floor(i / 10)]}23`, birthDate: BIRTH, client: 'guesser' }, T0 + i);
      if (i === 28) expect(last).toEqual({ ok: false, reason: 'wrong' });
    }
    expect(last).toMatchObject({ ok: false, reason: 'locked' });
    const { code } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T0);
    expect(await resumeDraft(database.db, KEY, { code, birthDate: BIRTH, client: 'guesser' }, T0 + 10)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await resumeDraft(database.db, KEY, { code, birthDate: BIRTH, client: 'someone-else' }, T0 + 10)).toMatchObject({ ok: true });
  });

  run('a code made with another key finds nothing', async () => {
    const { code } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T0);
    expect(await resumeDraft(database.db, randomBytes(32), { code, birthDate: BIRTH, client: 'k' }, T0)).toEqual({ ok: false, reason: 'wrong' });
  });

  run('purges the drafts whose time is up, and only those', async () => {
    const old = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T0 - 31 * DAY);
    const recent = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T0 - 29 * DAY);
    expect(await purgeExpiredDrafts(database.db, T0)).toBeGreaterThanOrEqual(1);
    expect(await database.db.selectFrom('drafts').select('id').where('id', '=', old.id).executeTakeFirst()).toBeUndefined();
    expect(await database.db.selectFrom('drafts').select('id').where('id', '=', recent.id).executeTakeFirst()).toBeDefined();
  });
});

describe.each(ENGINES)('new resume codes on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  run('gives a draft a new code and check; the old code stops working', async () => {
    const { newResumeCode } = await import('../../src/server/applications/drafts');
    const { id, code } = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'en', birthDate: '0000-00-00', data: {} }, T0);
    const fresh = await newResumeCode(database.db, KEY, id, BIRTH, T0 + DAY);
    expect(fresh).toMatchObject({ code: expect.stringMatching(/^[A-Z2-9]{8}$/), expiresAt: new Date(T0 + 30 * DAY).toISOString() });
    expect(fresh!.code).not.toBe(code);
    expect(await resumeDraft(database.db, KEY, { code, birthDate: BIRTH, client: 'c-new' }, T0 + DAY)).toEqual({ ok: false, reason: 'wrong' });
    expect(await resumeDraft(database.db, KEY, { code: fresh!.code, birthDate: BIRTH, client: 'c-new' }, T0 + DAY)).toMatchObject({ ok: true, draft: { id } });
    expect(await newResumeCode(database.db, KEY, id, BIRTH, T0 + 31 * DAY)).toBeUndefined();
  });
});

describe.each(ENGINES)('retention on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  run('purges expired drafts, day-old idempotency keys and stale unlocked counters, and nothing else', async () => {
    const { purgeExpired } = await import('../../src/server/applications/retention');
    const { beginIdempotent } = await import('../../src/server/db/idempotency');
    const { recordFailure } = await import('../../src/server/db/attempts');
    const T = Date.parse('2027-03-01T00:00:00Z');
    await purgeExpired(database.db, T - 40 * DAY); // a clean start for this test's counts
    const old = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T - 31 * DAY);
    const kept = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: BIRTH, data: {} }, T - 29 * DAY);
    await beginIdempotent(database.db, { scope: 'retention', key: 'old', bodyHash: 'h' }, T - 2 * DAY);
    await beginIdempotent(database.db, { scope: 'retention', key: 'new', bodyHash: 'h' }, T - 60_000);
    await recordFailure(database.db, 'retention:stale', T - 2 * DAY, { maxFailures: 5, lockMs: 60_000 });
    await recordFailure(database.db, 'retention:locked', T - 2 * DAY, { maxFailures: 1, lockMs: 3 * DAY });
    await recordFailure(database.db, 'retention:fresh', T - 60_000, { maxFailures: 5, lockMs: 60_000 });
    const purged = await purgeExpired(database.db, T);
    expect(purged.drafts).toBeGreaterThanOrEqual(1);
    expect(await draftById(database.db, old.id, T - 31 * DAY)).toBeUndefined();
    expect(await draftById(database.db, kept.id, T)).toMatchObject({ id: kept.id });
    const keys = await database.db.selectFrom('idempotency_keys').select('key').where('scope', '=', 'retention').execute();
    expect(keys.map((k) => k.key)).toEqual(['new']);
    const counters = await database.db.selectFrom('attempt_counters').select('key').where('key', 'like', 'retention:%').orderBy('key').execute();
    expect(counters.map((c) => c.key)).toEqual(['retention:fresh', 'retention:locked']);
  });
});
