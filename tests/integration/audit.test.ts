/**
 * The audit log on both engines (issue 13 point 6): appends in order even when many arrive at
 * once, the chain verifies, the database refuses to change or remove a row within the retention
 * period, an edit or a gap made behind the triggers' back shows, and the retention job purges
 * only what is past three years and leaves a chain that still verifies.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appendAudit, audit, checkpointAuditChain, purgeAudit, verifyAuditChain, verifyAuditSinceCheckpoint, type AuditEntry } from '../../src/server/audit/audit';
import { engineOf } from '../../src/server/db/database';
import { ENGINES, migratedDatabase } from '../databases';

const T0 = Date.parse('2026-12-03T08:00:00Z');
const DAY = 24 * 60 * 60_000;
const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: `staff-${n % 3}`,
  role: 'townshipClerk',
  office: 'township',
  action: 'view',
  applicationId: `app-${n}`,
  purpose: 'caseReview',
  requestId: `req-${n}`,
  ...over,
});

describe.each(ENGINES)('audit log on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  run('an empty log verifies', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 0 });
  });

  run('appends in order, twenty at once from a pool of connections, and the chain verifies', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit(database.db, entry(i), T0 + i)));
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(database.db, 7)).toEqual({ ok: true, rows: 20 });
  });

  run('stands or falls with the change it records', async () => {
    const before = await verifyAuditChain(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(99, { action: 'approve' }), T0);
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    expect(await verifyAuditChain(database.db)).toEqual(before);
    expect(await database.db.selectFrom('audit_log').select('seq').where('request_id', '=', 'req-99').execute()).toEqual([]);
  });

  run('the database refuses to update or delete a row, or to empty the table', async () => {
    await expect(database.db.updateTable('audit_log').set({ purpose: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (engineOf(database.db) === 'postgres') await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(database.db.updateTable('audit_head').set({ seq: 0 }).execute()).resolves.toBeDefined(); // the head is not the log…
    await database.db.updateTable('audit_head').set({ seq: 20 }).execute(); // …put it back
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  run('the retention cut only moves forward, and never to within three years', async () => {
    const recent = new Date(T0 - 30 * DAY).toISOString();
    await expect(database.db.updateTable('audit_retention').set({ purge_before: recent }).execute()).rejects.toThrow(/three years/);
    await expect(database.db.deleteFrom('audit_retention').execute()).rejects.toThrow();
    // Asking for less than three years purges nothing that recent.
    expect(await purgeAudit(database.db, T0, 30)).toBe(0);
    expect(await database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(20);
  });

  run('an edit or a gap made behind the triggers shows', async () => {
    await audit(database.db, entry(200), T0);
    await audit(database.db, entry(201), T0);
    const pg = engineOf(database.db) === 'postgres';
    // Someone with the database's keys turns the guard off and edits a row.
    await sql.raw(pg ? 'alter table audit_log disable trigger audit_log_append_only' : 'drop trigger audit_log_no_update').execute(database.db);
    await database.db.updateTable('audit_log').set({ purpose: 'nothing to see' }).where('seq', '=', 21).execute();
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, seq: 21, problem: 'hash' });
    await sql.raw(pg ? 'select 1' : 'drop trigger audit_log_no_delete').execute(database.db);
    await database.db.deleteFrom('audit_log').where('seq', '=', 21).execute();
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, seq: 22, problem: 'gap' });
  });

  describe('checkpoint', () => {
    const own = migratedDatabase(engine);
    run('a page view checks only the rows since the last full check, and still finds an edit there or at the checkpoint', async () => {
      for (let i = 0; i < 5; i++) await audit(own.db, entry(300 + i), T0);
      // Before any full check: the whole chain.
      expect(await verifyAuditSinceCheckpoint(own.db)).toEqual({ ok: true, rows: 5 });
      expect(await checkpointAuditChain(own.db, T0 + 1000)).toEqual({ ok: true, rows: 5 });
      for (let i = 0; i < 3; i++) await audit(own.db, entry(310 + i), T0 + 2000);
      expect(await verifyAuditSinceCheckpoint(own.db)).toEqual({ ok: true, rows: 3, checkedAt: new Date(T0 + 1000).toISOString(), checkedRows: 5 });
      const pg = engineOf(own.db) === 'postgres';
      await sql.raw(pg ? 'alter table audit_log disable trigger audit_log_append_only' : 'drop trigger audit_log_no_update').execute(own.db);
      // An edit after the checkpoint shows at once; one at the checkpoint's own row too.
      await own.db.updateTable('audit_log').set({ purpose: 'changed' }).where('seq', '=', 7).execute();
      expect(await verifyAuditSinceCheckpoint(own.db)).toEqual({ ok: false, seq: 7, problem: 'hash' });
      await own.db.updateTable('audit_log').set({ purpose: 'caseReview' }).where('seq', '=', 7).execute();
      expect((await verifyAuditSinceCheckpoint(own.db)).ok).toBe(true);
      await own.db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('seq', '=', 5).execute();
      expect(await verifyAuditSinceCheckpoint(own.db)).toEqual({ ok: false, seq: 5, problem: 'hash' });
      // A broken chain is never recorded as checked; the full check finds it.
      expect((await checkpointAuditChain(own.db, T0 + 3000)).ok).toBe(false);
      expect((await own.db.selectFrom('audit_checkpoint').select('checked_at').executeTakeFirstOrThrow()).checked_at).toBe(new Date(T0 + 1000).toISOString());
    });
  });

  describe('retention', () => {
    const kept = migratedDatabase(engine);
    run('purges rows past their retention, and the chain still verifies from the first row kept', async () => {
      // The database's floor is three years before its own clock, so these rows are written as of four years ago.
      const now = Date.now();
      const fourYearsAgo = now - 4 * 365 * DAY;
      for (let i = 0; i < 5; i++) await audit(kept.db, entry(i), fourYearsAgo + i);
      for (let i = 5; i < 8; i++) await audit(kept.db, entry(i), now - DAY + i);
      expect(await purgeAudit(kept.db, now, 1095)).toBe(5);
      expect((await kept.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq))).toEqual([6, 7, 8]);
      expect(await verifyAuditChain(kept.db)).toEqual({ ok: true, rows: 3 });
      // Nothing newer can go, even asked again with a shorter period.
      expect(await purgeAudit(kept.db, now, 10)).toBe(0);
      expect(await verifyAuditChain(kept.db)).toEqual({ ok: true, rows: 3 });
    });
  });
});
