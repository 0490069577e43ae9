/**
 * The database: embedded SQLite by default, PostgreSQL when `DATABASE_URL` says `postgres://…`
 * (ARCHITECTURE.md principle 5). One Kysely instance per process; the same queries and the same
 * migrations run on both engines.
 *
 * - SQLite: a file under `DATA_DIR` (default `./data/tongxing.sqlite`; `DATABASE_URL=file:<path>`
 *   names another), in WAL mode with foreign keys on and a busy timeout, so several cluster
 *   workers share it; each transaction takes the write lock at once (node-sqlite-dialect.ts).
 * - PostgreSQL: a `pg` pool of `DATABASE_POOL_SIZE` connections (default 10) per process.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresAdapter, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

/** Where the data lives, read from the environment. */
export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize: number };

/** A setting the server cannot start with; the message names the variable. */
export class DatabaseConfigError extends Error {}

export function readDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { engine: 'sqlite', path: resolve(env.DATA_DIR ?? './data', 'tongxing.sqlite') };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (!path) throw new DatabaseConfigError('DATABASE_URL=file: needs a path, e.g. file:./data/tongxing.sqlite');
    return { engine: 'sqlite', path: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
    if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw new DatabaseConfigError(`DATABASE_POOL_SIZE must be a whole number above zero (got ${env.DATABASE_POOL_SIZE})`);
    return { engine: 'postgres', url, poolSize };
  }
  // Never echo the value: it may hold a password.
  throw new DatabaseConfigError('DATABASE_URL must start with postgres:// (or postgresql://) or file:');
}

const engines = new WeakMap<Kysely<Database>, Engine>();

/** Opens the database (SQLite: creates the file's directory). Close it with `db.destroy()`. */
export function openDatabase(config: DatabaseConfig): Kysely<Database> {
  let dialect: Dialect;
  if (config.engine === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    dialect = nodeSqliteDialect(config.path);
  } else {
    dialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: config.poolSize }) });
  }
  const db = new Kysely<Database>({ dialect });
  engines.set(db, config.engine);
  return db;
}

/** The engine a database opened here (or a transaction on one) runs on, for the few places where the SQL must differ. */
export function engineOf(db: Kysely<Database>): Engine {
  return engines.get(db) ?? (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');
}
