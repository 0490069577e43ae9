import type { Kysely } from 'kysely';

/**
 * A report of a problem's page lists who opened and moved it (server/feedback/feedback.ts
 * `feedbackHistory`): the audit rows whose target is that report, in order. Without this index
 * that read walks the whole log, which grows by every case's every step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_target_seq').on('audit_log').columns(['target', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_target_seq').execute();
}
