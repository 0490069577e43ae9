/**
 * Starts the built portal (server.mjs over dist/) once for the whole run, on a free port,
 * and hands its address to the tests through vitest's provide/inject. Where DATABASE_URL points
 * at PostgreSQL, the run gets a schema of its own (dropped at the end) and every process of the
 * run inherits it: two runs on one server, or a run beside a portal, never share tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's TX_SECRET, so tests can seal a self-check cookie it accepts (an expired one). */
    txSecret: string;
    /** The server's database, as a DATABASE_URL (`file:` for its SQLite file), so tests can add staff to it. */
    databaseUrl: string;
  }
}


let server: ChildProcess | undefined;

/** A schema for this run on the PostgreSQL that DATABASE_URL names; returns how to drop it. */
async function ownSchema(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) return undefined;
  const schema = `tx_run_${randomBytes(6).toString('hex')}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`CREATE SCHEMA ${schema}`);
  const own = new URL(url);
  own.searchParams.set('options', `-c search_path=${schema}`);
  process.env.DATABASE_URL = own.href;
  return () => query(`DROP SCHEMA ${schema} CASCADE`);
}

export default async function setup(project: TestProject) {
  const dropSchema = await ownSchema();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const txSecret = randomBytes(32).toString('base64');
  const dataDir = mkdtempSync(join(tmpdir(), 'tx-data-'));
  const databaseUrl = process.env.DATABASE_URL?.trim() || `file:${join(dataDir, 'tongxing.sqlite')}`;
  server = spawn(process.execPath, ['server.mjs'], {
    env: { ...process.env, TX_SECRET: txSecret, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: '0', METRICS_PORT: '0', DATA_DIR: dataDir, SUBMIT_LIMIT_PER_HOUR: '0', FEEDBACK_LIMIT_PER_HOUR: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The portal did not start on ${baseUrl} (was it built? run npm test)`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('txSecret', txSecret);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await dropSchema?.();
  };
}
