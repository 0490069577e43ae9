/**
 * No notice lost and none sent twice across a SIGKILL of the sender (issue 13 point 7), on both
 * engines. The sender runs in a process of its own (the same runSender and file sender the
 * cluster primary runs), made slow like a gateway that takes a while to answer: each message is
 * out before the outbox hears of it. It is killed with SIGKILL five times while it delivers,
 * started again each time, then left to finish. Every notice is then in the spool exactly once,
 * every row is marked sent, and some were delivered before a kill and not marked, so the test
 * did hit the window it is about.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueue } from '../../src/server/outbox/outbox';
import { ENGINES, migratedDatabase } from '../databases';
import { aNotice, anApplication } from '../notices';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NOTICES = 80;

const SENDER = `
import { openDatabase, readDatabaseConfig } from './src/server/db/database.ts';
import { DEFAULT_DELIVERY, runSender } from './src/server/outbox/outbox.ts';
import { fileSender } from './src/server/outbox/file-sender.ts';
runSender(openDatabase(readDatabaseConfig(process.env)), fileSender(process.env.NOTIFY_DIR, { delayMs: 25 }), {
  idleMs: 100,
  policy: { ...DEFAULT_DELIVERY, batch: 5, leaseMs: 1000 },
  report: ({ error }) => error && console.error(error),
});
setInterval(() => {}, 1000);
`;

function startSender(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--input-type=module', '-e', SENDER], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

const spooled = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'));

describe.each(ENGINES)('the outbox across a SIGKILL of its sender, on $name', (engine) => {
  const database = migratedDatabase(engine);

  it.skipIf(!engine.available)(
    'delivers every notice exactly once',
    async () => {
      const app = await anApplication(database.db);
      await database.db.transaction().execute((trx) => enqueue(trx, Array.from({ length: NOTICES }, () => aNotice(app)), Date.now()));
      const dir = mkdtempSync(join(tmpdir(), 'tx-spool-'));
      const env = { ...database.env, NOTIFY_DIR: dir };
      let deliveredNotMarked = 0;
      for (let kill = 0; kill < 5; kill++) {
        const before = spooled(dir).length;
        const child = startSender(env);
        const deadline = Date.now() + 20_000;
        while (spooled(dir).length < Math.min(NOTICES, before + 3) && Date.now() < deadline) await sleep(5);
        await sleep(Math.random() * 40);
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const sent = new Set((await database.db.selectFrom('outbox').select('id').where('state', '=', 'sent').execute()).map((r) => r.id));
        deliveredNotMarked += spooled(dir).filter((f) => !sent.has(f.replace('.json', ''))).length;
      }
      const child = startSender(env);
      const deadline = Date.now() + 60_000;
      try {
        for (;;) {
          const left = await database.db.selectFrom('outbox').select('id').where('state', '!=', 'sent').execute();
          if (left.length === 0) break;
          if (Date.now() > deadline) throw new Error(`${left.length} notices still not sent`);
          await sleep(100);
        }
      } finally {
        child.kill('SIGKILL');
      }
      const rows = await database.db.selectFrom('outbox').select(['id', 'attempts']).execute();
      const files = spooled(dir);
      expect(files.sort()).toEqual(rows.map((r) => `${r.id}.json`).sort());
      for (const f of files) expect(JSON.parse(readFileSync(join(dir, f), 'utf8')).id).toBe(f.replace('.json', ''));
      const logged = readFileSync(join(dir, 'sent.log'), 'utf8').trim().split('\n').map((line) => line.split(' ')[1]);
      expect(new Set(logged).size).toBe(logged.length);
      expect(deliveredNotMarked).toBeGreaterThan(0);
      expect(rows.some((r) => Number(r.attempts) > 1)).toBe(true);
      console.log(`outbox crash (${engine.name}): ${NOTICES} notices, 5 SIGKILLs, ${deliveredNotMarked} found delivered but not yet marked after a kill, ${rows.filter((r) => Number(r.attempts) > 1).length} claimed again; each in the spool once`);
    },
    120_000,
  );
});
