/**
 * Nothing acknowledged is lost, nothing is stored twice (issue 11 point 11): a portal of its own
 * (two workers, on PostgreSQL when DATABASE_URL names one, else a SQLite file) takes a burst of
 * submissions from 16 clients at once and is killed with SIGKILL, primary and workers, in the
 * middle of it. Restarted on the same data, every application acknowledged with a 201 is found
 * with its access code; every request is then sent again with its own Idempotency-Key and gets
 * a 201 with the same reference as before (or its first, if the first answer was lost), never a
 * second application: the database holds exactly one per person.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import { freePort } from '../free-port';
import { exampleApplication, idFor } from '../people';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const workersOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['server.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: '0', LOG_REQUESTS: '0', WEB_CONCURRENCY: '2', SUBMIT_LIMIT_PER_HOUR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && workersOf(child.pid!).length === 2) return { child, base };
    if (Date.now() > deadline) throw new Error(`The portal did not start:\n${out}`);
    await sleep(100);
  }
}

/** SIGKILL to the primary and each worker at once: nothing gets to shut down. */
function killAll(child: ChildProcess) {
  for (const pid of [...workersOf(child.pid!), child.pid!]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

interface Sent {
  key: string;
  body: ReturnType<typeof exampleApplication>;
  acknowledged?: { reference: string; accessCode: string };
}

const submit = (base: string, s: Sent) =>
  fetch(`${base}/api/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': s.key }, body: JSON.stringify(s.body), signal: AbortSignal.timeout(10_000) });

describe('a SIGKILL during a burst of submissions', () => {
  it('loses no acknowledged application and stores none twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tx-crash-'));
    const env = { DATA_DIR: dataDir, TX_SECRET: randomUUID() + randomUUID() };
    const sent: Sent[] = Array.from({ length: 400 }, (_, i) => ({
      key: randomUUID(),
      body: exampleApplication({}, idFor(`19${60 + Math.floor(i / 336)}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`, '220205')),
    }));
    let portal = await start(env);
    let next = 0;
    let acknowledgedBeforeKill = 0;
    const client = async () => {
      while (next < sent.length) {
        const s = sent[next++]!;
        try {
          const res = await submit(portal.base, s);
          if (res.status === 201) s.acknowledged = (await res.json()) as Sent['acknowledged'];
          else await res.body?.cancel();
        } catch {
          // the server died under this request: not acknowledged
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    // Kill once a good share is acknowledged, with requests in flight.
    while (sent.filter((s) => s.acknowledged).length < 60) await sleep(5);
    killAll(portal.child);
    acknowledgedBeforeKill = sent.filter((s) => s.acknowledged).length;
    await Promise.all(clients);
    const acknowledged = sent.filter((s) => s.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(acknowledgedBeforeKill);
    expect(acknowledged.length, 'the kill came before the end of the burst').toBeLessThan(sent.length);

    portal = await start(env);
    try {
      // Every acknowledged application is there.
      for (const s of acknowledged) {
        const res = await fetch(`${portal.base}/api/applications/${s.acknowledged!.reference}`, { headers: { 'x-access-code': s.acknowledged!.accessCode } });
        expect(res.status, s.acknowledged!.reference).toBe(200);
        await res.body?.cancel();
      }
      // Every request again: the same answer for those acknowledged, and one application for each.
      // (A key left in flight by the kill is taken over after 30 s: 409 until then, so wait it out.)
      for (const s of sent) {
        let res = await submit(portal.base, s);
        for (let tries = 0; res.status === 409 && tries < 40; tries++) {
          const problem = (await res.json()) as { problems: { code: string }[] };
          expect(problem.problems[0]!.code).toBe('inFlight');
          await sleep(1000);
          res = await submit(portal.base, s);
        }
        expect(res.status).toBe(201);
        const again = (await res.json()) as { reference: string; accessCode: string };
        if (s.acknowledged) expect(again).toMatchObject(s.acknowledged);
        s.acknowledged = again;
      }
      console.info(
        `crash: ${acknowledged.length} of ${sent.length} acknowledged before and during the SIGKILL (${acknowledgedBeforeKill} when it was sent); all found after the restart; every retry answered with its first reference`,
      );
      const references = new Set(sent.map((s) => s.acknowledged!.reference));
      expect(references.size).toBe(sent.length);
      expect(await countApplications(dataDir)).toBe(sent.length);
    } finally {
      killAll(portal.child);
    }
  }, 180_000);
});

/** The applications stored, read from the portal's own database. */
async function countApplications(dataDir: string): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The crash test's applications only: their people were made for it (region 220205).
      const { rows } = await client.query(`select count(*)::int as n from applications where data like '%"idNumber":"220205%'`);
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }
  const db = new DatabaseSync(join(dataDir, 'tongxing.sqlite'), { readOnly: true });
  try {
    return (db.prepare('select count(*) as n from applications').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
