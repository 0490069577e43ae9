/**
 * Applications in the database, on both engines: submitted once per idempotency key (the same
 * reference and access code for a retry), one open application per person and form (also when
 * two submits race), the access code never stored, consents recorded per purpose, found with
 * the right pair only, wrong pairs locked out, withdrawn once.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { applicationSchema, type ApplicationInput } from '../../src/domain/applications/application';
import { prescreen } from '../../src/domain/applications/prescreen';
import { submitApplication, findApplication, withdrawApplication } from '../../src/server/applications/applications';
import { ENGINES, migratedDatabase } from '../databases';
import { deliveriesOf, enqueue } from '../../src/server/outbox/outbox';
import { exampleApplication, idFor, TEST_REGION_SERVICES } from '../people';
import { contentRegions } from '../region-tree';

const KEY = randomBytes(32);
const T0 = Date.parse('2026-12-02T08:00:00Z');
const AS_OF = '2026-12-02';
const REGION = contentRegions().get('jilin-city')!;

function input(body: Record<string, unknown> = exampleApplication()): ApplicationInput {
  return applicationSchema(TEST_REGION_SERVICES, { asOf: AS_OF }).parse(body);
}
const scope = 'POST /api/applications';
const request = (key: string, bodyHash = 'h1') => ({ scope, key, bodyHash });
let people = 0;
/** A person no other test has used. */
const nextPerson = () => idFor(`1950${String(1 + (people % 12)).padStart(2, '0')}${String(1 + Math.floor(people++ / 12)).padStart(2, '0')}`);

describe.each(ENGINES)('applications on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);
  const submit = (body: Record<string, unknown>, key: string, at = T0) => {
    const i = input(body);
    return submitApplication(database.db, KEY, i, prescreen(i, REGION, AS_OF), request(key), at);
  };

  run('stores an application once, and a retry with the key gets the same reference and access code', async () => {
    const body = exampleApplication({}, nextPerson());
    const first = await submit(body, 'k-retry');
    expect(first).toMatchObject({
      kind: 'created',
      reference: expect.stringMatching(/^[A-Z2-9]{10}$/),
      accessCode: expect.stringMatching(/^[A-Z2-9]{12}$/),
    });
    const again = await submit(body, 'k-retry', T0 + 1000);
    expect(again).toEqual({ ...first, kind: 'replay' });
    if (first.kind !== 'created') return;
    const rows = await database.db.selectFrom('applications').selectAll().where('reference', '=', first.reference).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      form: 'two-subsidies',
      region: 'jilin-city',
      status: 'submitted',
      office: 'township',
    });
    // The access code is nowhere in clear: not in the row, not in the key's kept response.
    const keys = await database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'k-retry').execute();
    expect(JSON.stringify([rows, keys])).not.toContain(first.accessCode);
    // The pre-screen is stored with it: the rules' results for both subsidies.
    const screened = JSON.parse(rows[0]!.prescreen) as {
      results: { service: string; status: string }[];
    };
    expect(screened.results.map((r) => [r.service, r.status])).toEqual([
      ['living-subsidy', 'eligible'],
      ['nursing-subsidy', 'eligible'],
    ]);
    const consents = await database.db.selectFrom('consents').selectAll().where('application_id', '=', rows[0]!.id).orderBy('purpose').execute();
    expect(consents.map((c) => [c.purpose, Number(c.granted), c.given_by, c.version])).toEqual([
      ['otherServices', 0, 'person', expect.any(String)],
      ['sensitiveData', 1, 'person', expect.any(String)],
    ]);
  });

  run('explains an open application for the same person and form, and takes another form', async () => {
    const person = nextPerson();
    expect((await submit(exampleApplication({}, person), 'k-open-1')).kind).toBe('created');
    expect(await submit(exampleApplication({}, person), 'k-open-2')).toEqual({
      kind: 'openExists',
    });
    const home = exampleApplication(
      {
        form: 'home-accessibility',
        answers: { household: 'dibao', homeNeeds: '门口有三级台阶' },
      },
      person,
    );
    expect((await submit(home, 'k-open-3')).kind).toBe('created');
    // The refused key is not kept: the same key may be tried again once the first is closed.
    expect(await database.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'k-open-2').executeTakeFirst()).toBeUndefined();
  });

  run('stores one of two submits for the same person that race with different keys', async () => {
    const person = nextPerson();
    const results = await Promise.all([submit(exampleApplication({}, person), 'k-race-1'), submit(exampleApplication({}, person), 'k-race-2'), submit(exampleApplication({}, person), 'k-race-3')]);
    expect(results.map((r) => r.kind).sort()).toEqual(['created', 'openExists', 'openExists']);
  });

  run('draws another reference when the one drawn is taken, and never stores two with one reference', async () => {
    // A source that gives the same bytes twice, then others: the second application's first
    // reference is the first one's.
    const draws = [1, 1, 2].map((seed) => (n: number) => new Uint8Array(n).fill(seed * 7));
    let call = 0;
    const random = (n: number) => draws[Math.min(call++, draws.length - 1)]!(n);
    const one = input(exampleApplication({}, nextPerson()));
    const two = input(exampleApplication({}, nextPerson()));
    const first = await submitApplication(database.db, KEY, one, prescreen(one, REGION, AS_OF), request('k-ref-1'), T0, { random });
    const second = await submitApplication(database.db, KEY, two, prescreen(two, REGION, AS_OF), request('k-ref-2'), T0, { random });
    expect(first.kind).toBe('created');
    expect(second.kind).toBe('created');
    if (first.kind !== 'created' || second.kind !== 'created') return;
    expect(second.reference).not.toBe(first.reference);
    expect(call).toBe(3);
    // The refused try left nothing behind: one application each, the second's key done.
    expect(await database.db.selectFrom('applications').select('id').where('reference', 'in', [first.reference, second.reference]).execute()).toHaveLength(2);
    expect(await database.db.selectFrom('idempotency_keys').select('state').where('key', '=', 'k-ref-2').executeTakeFirst()).toEqual({ state: 'done' });
  });

  run('finds an application with its reference and access code, and with nothing else', async () => {
    const made = await submit(exampleApplication({}, nextPerson()), 'k-find');
    if (made.kind !== 'created') throw new Error(made.kind);
    const found = await findApplication(
      database.db,
      KEY,
      {
        reference: made.reference,
        accessCode: made.accessCode,
        client: 'c-find',
      },
      T0 + 60_000,
    );
    expect(found).toMatchObject({
      ok: true,
      view: {
        reference: made.reference,
        form: 'two-subsidies',
        status: 'submitted',
        office: 'township',
        history: [
          {
            status: 'submitted',
            office: 'township',
            at: new Date(T0).toISOString(),
          },
        ],
      },
    });
    const wrongCode = await findApplication(
      database.db,
      KEY,
      {
        reference: made.reference,
        accessCode: 'ABCDEFGHJKMN',
        client: 'c-find',
      },
      T0,
    );
    const wrongReference = await findApplication(
      database.db,
      KEY,
      {
        reference: 'ABCDEFGHJK',
        accessCode: made.accessCode,
        client: 'c-find',
      },
      T0,
    );
    expect(wrongCode).toEqual({ ok: false, reason: 'wrong' });
    expect(wrongReference).toEqual(wrongCode);
  });

  run('locks a reference for 15 minutes after five wrong access codes, even from many clients', async () => {
    const made = await submit(exampleApplication({}, nextPerson()), 'k-lock');
    if (made.kind !== 'created') throw new Error(made.kind);
    for (let i = 0; i < 4; i++)
      expect(
        await findApplication(
          database.db,
          KEY,
          {
            reference: made.reference,
            accessCode: 'ABCDEFGHJKMN',
            client: `c-lock-${i}`,
          },
          T0,
        ),
      ).toEqual({ ok: false, reason: 'wrong' });
    expect(
      await findApplication(
        database.db,
        KEY,
        {
          reference: made.reference,
          accessCode: 'ABCDEFGHJKMN',
          client: 'c-lock-4',
        },
        T0,
      ),
    ).toMatchObject({ ok: false, reason: 'locked' });
    // Locked: even the right code waits.
    expect(
      await findApplication(
        database.db,
        KEY,
        {
          reference: made.reference,
          accessCode: made.accessCode,
          client: 'c-lock-5',
        },
        T0 + 60_000,
      ),
    ).toMatchObject({ ok: false, reason: 'locked' });
    expect(
      await findApplication(
        database.db,
        KEY,
        {
          reference: made.reference,
          accessCode: made.accessCode,
          client: 'c-lock-5',
        },
        T0 + 16 * 60_000,
      ),
    ).toMatchObject({ ok: true });
  });

  run('slows a client that tries many references', async () => {
    // 100 a quarter of an hour: generous, since many families share one address behind a carrier's NAT.
    let last;
    for (let i = 0; i < 100; i++) {
      const reference = `ABCDEFG${'ABCDEFGHJK'[i % 10]}${'ABCDEFGHJK'[Math.floor(i / 10)]}2`;
      last = await findApplication(database.db, KEY, { reference, accessCode: 'ABCDEFGHJKMN', client: 'c-scan' }, T0);
      if (i === 98) expect(last).toEqual({ ok: false, reason: 'wrong' });
    }
    expect(last).toMatchObject({ ok: false, reason: 'locked' });
  });

  run('writes its notices in its own transaction: sent, in the language it was made in, and withdrawn', async () => {
    const body = exampleApplication({}, nextPerson());
    const i = input({ ...body, applicant: { ...body.applicant, phone: '139 0000 2222' } });
    const notify = (trx: Parameters<typeof enqueue>[0], notices: Parameters<typeof enqueue>[1]) => enqueue(trx, notices, T0);
    const made = await submitApplication(database.db, KEY, i, prescreen(i, REGION, AS_OF), request('k-notices'), T0, { language: 'en', notify });
    if (made.kind !== 'created') throw new Error(made.kind);
    const found = await findApplication(database.db, KEY, { reference: made.reference, accessCode: made.accessCode, client: 'c-n' }, T0);
    if (!found.ok) throw new Error('not found');
    expect(await withdrawApplication(database.db, found.view, T0 + 1000, notify)).toBe(true);
    const sent = await deliveriesOf(database.db, found.id);
    expect(sent.map((d) => [d.kind, d.recipient])).toEqual(
      expect.arrayContaining([
        ['submitted', '13800001234'],
        ['submitted', '13900002222'],
        ['withdrawn', '13800001234'],
        ['withdrawn', '13900002222'],
      ]),
    );
    expect(sent).toHaveLength(4);
    const rows = await database.db.selectFrom('outbox').select(['language']).where('application_id', '=', found.id).execute();
    expect(rows.every((r) => r.language === 'en')).toBe(true);
  });

  run('withdraws an open application once; the person may then apply again', async () => {
    const person = nextPerson();
    const made = await submit(exampleApplication({}, person), 'k-withdraw');
    if (made.kind !== 'created') throw new Error(made.kind);
    const found = await findApplication(
      database.db,
      KEY,
      {
        reference: made.reference,
        accessCode: made.accessCode,
        client: 'c-w',
      },
      T0,
    );
    if (!found.ok) throw new Error('not found');
    const both = await Promise.all([withdrawApplication(database.db, found.view, T0 + 1000), withdrawApplication(database.db, found.view, T0 + 1000)]);
    expect(both.sort()).toEqual([false, true]);
    const after = await findApplication(
      database.db,
      KEY,
      {
        reference: made.reference,
        accessCode: made.accessCode,
        client: 'c-w',
      },
      T0 + 2000,
    );
    expect(after).toMatchObject({
      ok: true,
      view: {
        status: 'withdrawn',
        office: 'none',
        history: [{ status: 'submitted' }, { status: 'withdrawn', office: 'none' }],
      },
    });
    expect((await submit(exampleApplication({}, person), 'k-withdraw-2')).kind).toBe('created');
  });

  run('moves a draft’s documents to the application and removes the draft, in the same transaction', async () => {
    const { createDraft } = await import('../../src/server/applications/drafts');
    const { addDocument, documentBytes } = await import('../../src/server/applications/documents');
    const draft = await createDraft(database.db, KEY, { form: 'two-subsidies', lang: 'zh-CN', birthDate: '1956-03-07', data: {} }, T0);
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1');
    const added = await addDocument(database.db, draft.id, { material: 'certificate', name: 'c.pdf', bytes: pdf }, T0);
    if (!added.ok) throw new Error(added.problem);
    const i = input(exampleApplication({}, nextPerson()));
    const made = await submitApplication(database.db, KEY, i, prescreen(i, REGION, AS_OF), request('k-draft'), T0, { draftId: draft.id });
    if (made.kind !== 'created') throw new Error(made.kind);
    const row = await database.db.selectFrom('applications').select('id').where('reference', '=', made.reference).executeTakeFirstOrThrow();
    expect(await documentBytes(database.db, row.id, added.document.id)).toMatchObject({ name: 'c.pdf' });
    expect(await database.db.selectFrom('drafts').select('id').where('id', '=', draft.id).executeTakeFirst()).toBeUndefined();
  });

  run("records a guardian's consent for a child under 14", async () => {
    const child = idFor('20200601');
    const body = {
      form: 'child-rehabilitation',
      region: 'jilin-city',
      applicant: {
        name: '小明',
        idNumber: child,
        address: '吉林市船营区某街1号',
      },
      submitter: {
        name: '李华',
        relationship: 'guardian',
        phone: '13800001234',
        idNumber: idFor('19900101'),
      },
      answers: { isAutistic: true, category: 'dontKnow' },
      consent: { sensitiveData: true, declaration: true, otherServices: true },
    };
    const made = await submit(body, 'k-child');
    if (made.kind !== 'created') throw new Error(made.kind);
    const row = await database.db.selectFrom('applications').select('id').where('reference', '=', made.reference).executeTakeFirstOrThrow();
    const consents = await database.db.selectFrom('consents').select(['purpose', 'granted', 'given_by']).where('application_id', '=', row.id).orderBy('purpose').execute();
    expect(consents.map((c) => [c.purpose, Number(c.granted), c.given_by])).toEqual([
      ['otherServices', 1, 'guardian'],
      ['sensitiveData', 1, 'guardian'],
    ]);
  });
});
