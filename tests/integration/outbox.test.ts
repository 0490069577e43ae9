/**
 * The notifications outbox on both engines (issue 13 point 7): a notice exists exactly when the
 * change it tells of does; each is delivered once, even with two senders at once; a failure is
 * tried again after a growing wait and given up after the last try, visibly; a claim whose sender
 * died is taken again when its lease lapses, and the file sender does not deliver twice; handled
 * notices are purged after their retention. The SIGKILL test is outbox-crash.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backoff, deliverDue, deliveriesOf, enqueue, purgeOutbox, type DeliveryPolicy, type OutgoingMessage, type Sender } from '../../src/server/outbox/outbox';
import { fileSender, purgeSpool } from '../../src/server/outbox/file-sender';
import { ENGINES, migratedDatabase } from '../databases';
import { aNotice, anApplication } from '../notices';

const T0 = Date.parse('2026-12-03T08:00:00Z');
const POLICY: DeliveryPolicy = { batch: 10, leaseMs: 60_000, maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 3000 };

const recorder = (fail?: (m: OutgoingMessage) => boolean): Sender & { got: OutgoingMessage[] } => {
  const got: OutgoingMessage[] = [];
  return {
    name: 'recorder',
    got,
    async deliver(message) {
      if (fail?.(message)) throw new Error('gateway said no');
      got.push(message);
    },
  };
};

describe.each(ENGINES)('notifications outbox on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);
  const clear = () => database.db.deleteFrom('outbox').execute();

  run('stands or falls with the change it tells of', async () => {
    await clear();
    const app = await anApplication(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, [aNotice(app)], T0);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(database.db, app)).toEqual([]);
    await database.db.transaction().execute((trx) => enqueue(trx, [aNotice(app, ['13800001111', '13900002222'])], T0));
    expect((await deliveriesOf(database.db, app)).map((d) => [d.recipient, d.state, d.attempts])).toEqual(
      expect.arrayContaining([
        ['13800001111', 'pending', 0],
        ['13900002222', 'pending', 0],
      ]),
    );
  });

  run('delivers each notice once, in the recipient’s language, and marks it sent', async () => {
    await clear();
    const app = await anApplication(database.db);
    await database.db.transaction().execute((trx) => enqueue(trx, [aNotice(app), { ...aNotice(app, ['13700003333']), recipients: [{ channel: 'sms', address: '13700003333', language: 'en' }] }], T0));
    const sender = recorder();
    expect(await deliverDue(database.db, sender, () => T0, POLICY)).toEqual({ claimed: 2, sent: 2, retrying: 0, failed: 0 });
    expect(await deliverDue(database.db, sender, () => T0, POLICY)).toMatchObject({ claimed: 0 });
    expect(sender.got.map((m) => [m.to, m.language, m.sms.slice(0, 4)]).sort()).toEqual([
      ['13700003333', 'en', '[Ton'],
      ['13800001111', 'zh', '【同行】'],
    ]);
    expect((await deliveriesOf(database.db, app)).every((d) => d.state === 'sent' && d.sentAt === new Date(T0).toISOString())).toBe(true);
  });

  run('tries a failed notice again after a growing wait, then gives up where staff see it', async () => {
    await clear();
    const app = await anApplication(database.db);
    await database.db.transaction().execute((trx) => enqueue(trx, [aNotice(app)], T0));
    const sender = recorder(() => true);
    expect(await deliverDue(database.db, sender, () => T0, POLICY)).toMatchObject({ claimed: 1, retrying: 1 });
    let [d] = await deliveriesOf(database.db, app);
    expect(d).toMatchObject({ state: 'pending', attempts: 1, lastError: 'gateway said no', nextAt: new Date(T0 + 1000).toISOString() });
    // Not due yet: nothing is claimed.
    expect(await deliverDue(database.db, sender, () => T0 + 999, POLICY)).toMatchObject({ claimed: 0 });
    expect(await deliverDue(database.db, sender, () => T0 + 1000, POLICY)).toMatchObject({ claimed: 1, retrying: 1 });
    [d] = await deliveriesOf(database.db, app);
    expect(d).toMatchObject({ attempts: 2, nextAt: new Date(T0 + 1000 + 2000).toISOString() });
    expect(await deliverDue(database.db, sender, () => T0 + 3000, POLICY)).toMatchObject({ claimed: 1, failed: 1 });
    [d] = await deliveriesOf(database.db, app);
    expect(d).toMatchObject({ state: 'failed', attempts: 3 });
    expect(await deliverDue(database.db, sender, () => T0 + 10 * 60_000, POLICY)).toMatchObject({ claimed: 0 });
    expect([1, 2, 3, 4, 5, 10].map((n) => backoff(n, POLICY))).toEqual([1000, 2000, 3000, 3000, 3000, 3000]);
  });

  run('two senders at once deliver every notice exactly once between them', async () => {
    await clear();
    const app = await anApplication(database.db);
    await database.db.transaction().execute((trx) => enqueue(trx, Array.from({ length: 30 }, () => aNotice(app)), T0));
    const a = recorder();
    const b = recorder();
    for (let turn = 0; turn < 5; turn++) await Promise.all([deliverDue(database.db, a, () => T0, POLICY), deliverDue(database.db, b, () => T0, POLICY)]);
    const ids = [...a.got, ...b.got].map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  run('takes a claim again when its sender died, and the file sender does not deliver it twice', async () => {
    await clear();
    const app = await anApplication(database.db);
    await database.db.transaction().execute((trx) => enqueue(trx, [aNotice(app)], T0));
    const dir = mkdtempSync(join(tmpdir(), 'tx-notices-'));
    const files = fileSender(dir);
    // A sender that delivers, then dies before it can mark the row sent.
    const dying: Sender = {
      name: 'dying',
      async deliver(m) {
        await files.deliver(m);
        throw new Error('killed');
      },
    };
    await deliverDue(database.db, dying, () => T0, { ...POLICY, backoffMs: 0 });
    // As if killed: the row is left claimed. Within the lease nobody takes it.
    await database.db.updateTable('outbox').set({ state: 'sending', claimed_until: new Date(T0 + 60_000).toISOString() }).execute();
    expect(await deliverDue(database.db, files, () => T0 + 59_999, POLICY)).toMatchObject({ claimed: 0 });
    expect(await deliverDue(database.db, files, () => T0 + 60_000, POLICY)).toMatchObject({ claimed: 1, sent: 1 });
    const [d] = await deliveriesOf(database.db, app);
    expect(d).toMatchObject({ state: 'sent', attempts: 2 });
    const spooled = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(spooled).toHaveLength(1);
    expect(readFileSync(join(dir, 'sent.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'sent.log'), 'utf8')).toContain('138****1111');
    expect(JSON.parse(readFileSync(join(dir, spooled[0]!), 'utf8'))).toMatchObject({ to: '13800001111', kind: 'accepted', language: 'zh' });
  });

  run('purges handled notices after their retention, never one still to send', async () => {
    await clear();
    const app = await anApplication(database.db);
    await database.db.transaction().execute((trx) => enqueue(trx, [aNotice(app), aNotice(app)], T0));
    await deliverDue(database.db, recorder(), () => T0, { ...POLICY, batch: 1 });
    expect(await purgeOutbox(database.db, T0 + 89 * 86_400_000, 90)).toBe(0);
    expect(await purgeOutbox(database.db, T0 + 91 * 86_400_000, 90)).toBe(1);
    expect((await deliveriesOf(database.db, app)).map((d) => d.state)).toEqual(['pending']);
  });
});

describe('the file sender’s spool', () => {
  it('is purged of messages past their retention and of temporary files a killed sender left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-spool-'));
    const files = fileSender(dir);
    const message: OutgoingMessage = { id: '00000000-0000-4000-8000-000000000001', kind: 'accepted', channel: 'sms', to: '13800001111', language: 'zh', sms: 's', easyRead: 'e', email: { subject: 's', body: 'b' } };
    await files.deliver(message);
    writeFileSync(join(dir, '.left-behind.tmp'), 'x');
    const now = Date.now();
    expect(purgeSpool(dir, now, 90)).toBe(0);
    expect(purgeSpool(dir, now + 2 * 60 * 60_000, 90)).toBe(1);
    expect(purgeSpool(dir, now + 91 * 86_400_000, 90)).toBe(1);
    expect(readdirSync(dir)).toEqual(['sent.log']);
    await expect(files.deliver({ ...message, id: '../../etc/passwd' })).rejects.toThrow('UUID');
  });
});
