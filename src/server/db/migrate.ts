/**
 * Versioned migrations, in order, run at start: by the primary before any worker starts
 * (server.mjs), and by each app server against a shared PostgreSQL. Kysely's Migrator records
 * each one in `kysely_migration` and holds a lock while it runs (PostgreSQL: an advisory lock;
 * SQLite: a write transaction), so a migration runs exactly once however many processes start
 * together. A migration is never edited once landed: a change is a new file.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResult } from 'kysely/migration';
import * as attemptCounters from './migrations/0001-attempt-counters.ts';
import * as drafts from './migrations/0002-drafts.ts';
import * as idempotencyKeys from './migrations/0003-idempotency-keys.ts';
import { engineOf } from './database.ts';
import type { Database } from './schema.ts';

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-attempt-counters': attemptCounters,
  '0002-drafts': drafts,
  '0003-idempotency-keys': idempotencyKeys,
};

export class MigrationError extends Error {}

/** Brings the database to the latest version; returns the migrations that ran now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  // On PostgreSQL, Kysely looks for its own tables in every schema unless told which: name the
  // one this connection writes to (the first on its search_path), or tables of the same name in
  // another schema would be taken for ours.
  const migrationTableSchema = engineOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '(before any ran)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results;
}
