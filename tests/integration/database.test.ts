/**
 * The storage layer on both engines (SQLite always; PostgreSQL where DATABASE_URL points at one):
 * migrations run once however many processes start together, a transaction is all or nothing,
 * and counters shared by several processes lose no update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseConfig } from '../../src/server/db/database';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate';
import { attemptState, clearFailures, recordFailure } from '../../src/server/db/attempts';
import type { Database } from '../../src/server/db/schema';
import { ENGINES, runNode } from '../databases';

const MIGRATE = `
import { openDatabase, readDatabaseConfig } from './src/server/db/database.ts';
import { migrateToLatest } from './src/server/db/migrate.ts';
const db = openDatabase(readDatabaseConfig(process.env));
const ran = await migrateToLatest(db);
console.log(JSON.stringify(ran.map((r) => r.migrationName)));
await db.destroy();`;

const COUNT_FAILURES = (n: number) => `
import { openDatabase, readDatabaseConfig } from './src/server/db/database.ts';
import { recordFailure } from './src/server/db/attempts.ts';
const db = openDatabase(readDatabaseConfig(process.env));
await Promise.all(Array.from({ length: ${n} }, () => recordFailure(db, 'shared', Date.now(), { maxFailures: 1000000, lockMs: 60000 })));
await db.destroy();`;

describe.each(ENGINES)('storage on $name', (engine) => {
  let db: Kysely<Database>;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let config: DatabaseConfig;

  beforeAll(async () => {
    if (!engine.available) return;
    ({ config, env, drop } = await engine.create());
    db = openDatabase(config);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it.skipIf(!engine.available)('runs each migration exactly once when four processes start together', async () => {
    const outputs = await Promise.all(Array.from({ length: 4 }, () => runNode(MIGRATE, env)));
    const ran = outputs.flatMap((o) => JSON.parse(o.trim()) as string[]);
    expect(ran.sort()).toEqual(Object.keys(MIGRATIONS).sort());
    const recorded = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(recorded.map((r) => (r as { name: string }).name).sort()).toEqual(Object.keys(MIGRATIONS).sort());
    // And again: nothing left to run.
    expect(await migrateToLatest(db)).toEqual([]);
  }, 30000);

  it.skipIf(!engine.available)('keeps all of a transaction or none of it', async () => {
    await migrateToLatest(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('attempt_counters').values({ key: 'tx-a', failures: 1, locked_until: null, updated_at: new Date().toISOString() }).execute();
        await trx.insertInto('attempt_counters').values({ key: 'tx-a', failures: 2, locked_until: null, updated_at: new Date().toISOString() }).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('attempt_counters').selectAll().where('key', '=', 'tx-a').execute()).toEqual([]);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('attempt_counters').values({ key: 'tx-b', failures: 1, locked_until: null, updated_at: new Date().toISOString() }).execute();
      await trx.insertInto('attempt_counters').values({ key: 'tx-c', failures: 1, locked_until: null, updated_at: new Date().toISOString() }).execute();
    });
    expect((await db.selectFrom('attempt_counters').select('key').where('key', 'in', ['tx-b', 'tx-c']).execute()).length).toBe(2);
  });

  it.skipIf(!engine.available)('locks a key after the fifth failure for the lock time, then counts again', async () => {
    const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
    const t0 = Date.parse('2026-12-02T08:00:00Z');
    for (let i = 1; i <= 4; i++) expect(await recordFailure(db, 'resume:x', t0 + i, policy)).toEqual({ locked: false, failures: i });
    const fifth = await recordFailure(db, 'resume:x', t0 + 5, policy);
    expect(fifth).toEqual({ locked: true, until: new Date(t0 + 5 + policy.lockMs).toISOString(), failures: 5 });
    expect((await attemptState(db, 'resume:x', t0 + 60_000)).locked).toBe(true);
    // A failure while locked does not lengthen the lock.
    expect((await recordFailure(db, 'resume:x', t0 + 60_000, policy)).until).toBe(fifth.until);
    expect(await attemptState(db, 'resume:x', t0 + 5 + policy.lockMs)).toEqual({ locked: false, failures: 0 });
    expect(await recordFailure(db, 'resume:x', t0 + 5 + policy.lockMs + 1, policy)).toEqual({ locked: false, failures: 1 });
    await clearFailures(db, 'resume:x');
    expect(await attemptState(db, 'resume:x', t0)).toEqual({ locked: false, failures: 0 });
  });

  it.skipIf(!engine.available)('loses no failure when three processes count the same key at once', async () => {
    await Promise.all(Array.from({ length: 3 }, () => runNode(COUNT_FAILURES(40), env)));
    expect((await attemptState(db, 'shared', Date.now())).failures).toBe(120);
  }, 30000);
});
