/**
 * Idempotency keys on both engines (IETF draft semantics): the first request does the work, a
 * retry gets its response, another body under the same key is a conflict, a retry while the
 * first is in flight is told so, a key left in flight by a dead process is taken over once, and
 * several processes racing with one key let exactly one do the work.
 */
import { describe, expect, it } from 'vitest';
import { abandonIdempotent, beginIdempotent, completeIdempotent, purgeIdempotencyKeys } from '../../src/server/db/idempotency';
import { ENGINES, migratedDatabase, runNode } from '../databases';

const T0 = Date.parse('2026-12-02T08:00:00Z');
const scope = 'POST /api/applications';

describe.each(ENGINES)('idempotency keys on $name', (engine) => {
  const database = migratedDatabase(engine);
  const run = it.skipIf(!engine.available);

  run('does the work once, replays its response, refuses another body under the key', async () => {
    const request = { scope, key: 'k-1', bodyHash: 'body-a' };
    expect(await beginIdempotent(database.db, request, T0)).toEqual({ kind: 'new' });
    expect(await beginIdempotent(database.db, request, T0 + 1)).toEqual({ kind: 'inFlight' });
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('attempt_counters').values({ key: 'work:k-1', failures: 0, locked_until: null, updated_at: new Date(T0).toISOString() }).execute();
      await completeIdempotent(trx, request, { reference: 'ABCD 2345 XY' }, T0 + 2);
    });
    expect(await beginIdempotent(database.db, request, T0 + 3)).toEqual({ kind: 'replay', response: { reference: 'ABCD 2345 XY' } });
    expect(await beginIdempotent(database.db, { ...request, bodyHash: 'body-b' }, T0 + 4)).toEqual({ kind: 'conflict' });
    // The same key in another scope is another key.
    expect(await beginIdempotent(database.db, { ...request, scope: 'POST /elsewhere' }, T0 + 5)).toEqual({ kind: 'new' });
  });

  run('keeps no response when the work is rolled back; a retry after abandon does the work', async () => {
    const request = { scope, key: 'k-2', bodyHash: 'b' };
    expect(await beginIdempotent(database.db, request, T0)).toEqual({ kind: 'new' });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await completeIdempotent(trx, request, { reference: 'X' }, T0 + 1);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await beginIdempotent(database.db, request, T0 + 2)).toEqual({ kind: 'inFlight' });
    await abandonIdempotent(database.db, request);
    expect(await beginIdempotent(database.db, request, T0 + 3)).toEqual({ kind: 'new' });
  });

  run('lets one retry take over a key left in flight by a process that died', async () => {
    const request = { scope, key: 'k-3', bodyHash: 'b' };
    expect(await beginIdempotent(database.db, request, T0)).toEqual({ kind: 'new' });
    expect(await beginIdempotent(database.db, request, T0 + 29_000)).toEqual({ kind: 'inFlight' });
    const racing = await Promise.all([beginIdempotent(database.db, request, T0 + 31_000), beginIdempotent(database.db, request, T0 + 31_000)]);
    expect(racing.map((r) => r.kind).sort()).toEqual(['inFlight', 'new']);
  });

  run('lets exactly one of four processes racing with one key do the work', async () => {
    const code = `
import { openDatabase, readDatabaseConfig } from './src/server/db/database.ts';
import { beginIdempotent } from './src/server/db/idempotency.ts';
const db = openDatabase(readDatabaseConfig(process.env));
const r = await Promise.all(Array.from({ length: 5 }, () => beginIdempotent(db, { scope: 's', key: 'race', bodyHash: 'b' }, Date.now())));
console.log(JSON.stringify(r.map((x) => x.kind)));
await db.destroy();`;
    const outs = await Promise.all(Array.from({ length: 4 }, () => runNode(code, database.env)));
    const kinds = outs.flatMap((o) => JSON.parse(o.trim()) as string[]);
    expect(kinds.filter((k) => k === 'new')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'inFlight')).toHaveLength(19);
  }, 30000);

  run('forgets keys after a day', async () => {
    await beginIdempotent(database.db, { scope, key: 'old', bodyHash: 'b' }, T0 - 25 * 3600_000);
    await beginIdempotent(database.db, { scope, key: 'young', bodyHash: 'b' }, T0 - 23 * 3600_000);
    expect(await purgeIdempotencyKeys(database.db, T0)).toBeGreaterThanOrEqual(1);
    expect(await beginIdempotent(database.db, { scope, key: 'old', bodyHash: 'other' }, T0)).toEqual({ kind: 'new' });
    expect(await beginIdempotent(database.db, { scope, key: 'young', bodyHash: 'other' }, T0)).toEqual({ kind: 'conflict' });
  });
});
