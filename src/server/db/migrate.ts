/**
 * Versioned migrations, in order, run at start: by the primary before any worker starts
 * (server.mjs), and by each app server against a shared PostgreSQL. Kysely's Migrator records
 * each one in `kysely_migration`; PostgreSQL's advisory lock (Kysely's) and, on SQLite, one write
 * transaction around the whole run (ours) make a migration run exactly once however many
 * processes start together. A migration is never edited once landed: a change is a new file.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResult } from 'kysely/migration';
import * as attemptCounters from './migrations/0001-attempt-counters.ts';
import * as drafts from './migrations/0002-drafts.ts';
import * as idempotencyKeys from './migrations/0003-idempotency-keys.ts';
import * as applications from './migrations/0004-applications.ts';
import * as documents from './migrations/0005-documents.ts';
import * as staff from './migrations/0006-staff.ts';
import * as auditLog from './migrations/0007-audit-log.ts';
import * as cases from './migrations/0008-cases.ts';
import * as outbox from './migrations/0009-outbox.ts';
import * as decisionDrafts from './migrations/0010-decision-drafts.ts';
import * as assignee from './migrations/0011-assignee.ts';
import * as queueIndexes from './migrations/0012-queue-indexes.ts';
import * as auditCheckpoint from './migrations/0013-audit-checkpoint.ts';
import * as feedback from './migrations/0014-feedback.ts';
import * as auditTarget from './migrations/0015-audit-target.ts';
import { engineOf } from './database.ts';
import type { Database } from './schema.ts';

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-attempt-counters': attemptCounters,
  '0002-drafts': drafts,
  '0003-idempotency-keys': idempotencyKeys,
  '0004-applications': applications,
  '0005-documents': documents,
  '0006-staff': staff,
  '0007-audit-log': auditLog,
  '0008-cases': cases,
  '0009-outbox': outbox,
  '0010-decision-drafts': decisionDrafts,
  '0011-assignee': assignee,
  '0012-queue-indexes': queueIndexes,
  '0013-audit-checkpoint': auditCheckpoint,
  '0014-feedback': feedback,
  '0015-audit-target': auditTarget,
};

export class MigrationError extends Error {}

/** Brings the database to the latest version; returns the migrations that ran now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  if (engineOf(db) === 'postgres') return migrate(db);
  // Kysely takes no lock on SQLite (it assumes one process), so two workers starting together
  // could both run a migration. Here the whole run is one write transaction on one connection:
  // the next process waits at BEGIN IMMEDIATE (up to a minute), then finds nothing left to run.
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA busy_timeout = 60000`.execute(conn);
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const ran = await migrate(conn);
      await sql`COMMIT`.execute(conn);
      return ran;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    } finally {
      await sql`PRAGMA busy_timeout = 5000`.execute(conn);
    }
  });
}

async function migrate(db: Kysely<Database>): Promise<MigrationResult[]> {
  // On PostgreSQL, Kysely looks for its own tables in every schema unless told which: name the
  // one this connection writes to (the first on its search_path), or tables of the same name in
  // another schema would be taken for ours. Kysely holds an advisory lock there while it runs.
  const migrationTableSchema = engineOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '(before any ran)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results;
}
