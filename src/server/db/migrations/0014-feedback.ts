import type { Kysely } from 'kysely';

/**
 * Reports of a problem with a page (server/feedback/feedback.ts, issue 13 point 10): what the
 * person wrote, the page, and a way to reply only when they gave one and agreed to its use.
 * `form_key` is the hash of the form's sealed stamp and its text, so the same form sent twice is
 * one report.
 * `status` is `new`, `inProgress` or `closed`; `note` is what staff last wrote of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('form_key', 'text', (c) => c.notNull().unique())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact', 'text')
    .addColumn('contact_consent_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('feedback_status_created').on('feedback').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback').execute();
}
