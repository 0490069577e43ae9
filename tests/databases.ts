/**
 * The engines the database suites run on: a fresh SQLite file always, and PostgreSQL when
 * DATABASE_URL points at one (`.ci/run` starts it), each test file in a schema of its own that is
 * dropped afterwards. Never skipped silently: without DATABASE_URL the PostgreSQL cases are
 * listed as skipped, and CI sets it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseConfig } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import type { Database } from '../src/server/db/schema';

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** Null when this engine is not available here (PostgreSQL without DATABASE_URL). */
  available: boolean;
  /** A new, empty database for one test file: its config, and how to drop it afterwards. */
  create(): Promise<{ config: DatabaseConfig; env: Record<string, string>; drop(): Promise<void> }>;
}

const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

export const ENGINES: TestEngine[] = [
  {
    name: 'sqlite',
    available: true,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'tx-db-'));
      const path = join(dir, 'tongxing.sqlite');
      return { config: { engine: 'sqlite', path }, env: { DATABASE_URL: `file:${path}` }, drop: async () => {} };
    },
  },
  {
    name: 'postgres',
    available: !!pgUrl,
    async create() {
      const schema = `tx_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const url = new URL(pgUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        config: { engine: 'postgres', url: url.href, poolSize: 10 },
        env: { DATABASE_URL: url.href },
        async drop() {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`DROP SCHEMA ${schema} CASCADE`);
          await c.end();
        },
      };
    },
  },
];

/**
 * A migrated database of `engine` for one describe block, made before its tests and dropped
 * after: `db` and `env` (DATABASE_URL for child processes) are read inside the tests.
 */
export function migratedDatabase(engine: TestEngine) {
  const handle = {} as { db: Kysely<Database>; env: Record<string, string> };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!engine.available) return;
    const made = await engine.create();
    drop = made.drop;
    handle.env = made.env;
    handle.db = openDatabase(made.config);
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.db?.destroy();
    await drop?.();
  });
  return handle;
}

/** Runs a small ES module in a fresh Node process from the project root (type stripping loads the .ts sources); resolves to its output. */
export function runNode(code: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
}
