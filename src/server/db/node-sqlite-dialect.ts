/**
 * Kysely over Node's built-in `node:sqlite` (Kysely 0.29 ships no dialect for it; TOOLCHAIN.md §2).
 * Kysely's SqliteDialect expects better-sqlite3's statement shape: a `reader` flag and array
 * parameters. node:sqlite has `columns()` and spread parameters; this adapts one to the other.
 *
 * Every transaction Kysely opens (`begin`) is opened as `BEGIN IMMEDIATE`: it takes the write
 * lock at once, so two workers writing the same file wait for each other (busy_timeout) rather
 * than one failing with SQLITE_BUSY when its read turns into a write mid-transaction.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** The pragmas every connection sets: write-ahead log, foreign keys enforced, and wait up to `busyMs` for a lock. */
export const pragmas = (busyMs: number) =>
  // The busy timeout first: switching a new file to WAL takes a lock that other processes
  // opening it at the same moment must wait for, not fail on.
  `PRAGMA busy_timeout = ${busyMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;`;

/**
 * Sets the pragmas. Switching a brand-new file to WAL can answer "database is locked" at once,
 * without waiting out the busy timeout, while another process opening the same new file does the
 * same (seen with four processes starting together on a loaded machine): try again for up to
 * `busyMs`. Once a file is in WAL mode the switch is a no-op.
 */
function setPragmas(db: DatabaseSync, busyMs: number): void {
  const until = Date.now() + busyMs;
  for (;;) {
    try {
      db.exec(pragmas(busyMs));
      return;
    } catch (error) {
      if (!/locked|busy/i.test(String((error as Error).message)) || Date.now() > until) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** SQLite takes no booleans: they are stored as 1 and 0. */
const param = (value: unknown): SQLInputValue => (typeof value === 'boolean' ? (value ? 1 : 0) : (value as SQLInputValue));

function wrap(statement: StatementSync): SqliteStatement {
  return {
    get reader() {
      return statement.columns().length > 0;
    },
    all: (parameters) => statement.all(...parameters.map(param)),
    run: (parameters) => statement.run(...parameters.map(param)),
    iterate: (parameters) => statement.iterate(...parameters.map(param)) as IterableIterator<unknown>,
  };
}

/** A Kysely dialect on the SQLite file at `path` (created if missing), opened at the first query. */
export function nodeSqliteDialect(path: string, { busyMs = 5000 } = {}): SqliteDialect {
  return new SqliteDialect({
    database: async (): Promise<SqliteDatabase> => {
      const db = new DatabaseSync(path);
      setPragmas(db, busyMs);
      return {
        close: () => db.close(),
        prepare: (sql: string) => wrap(db.prepare(/^begin$/i.test(sql.trim()) ? 'BEGIN IMMEDIATE' : sql)),
      };
    },
  });
}
