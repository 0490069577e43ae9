import type { Kysely } from 'kysely';

/**
 * A decision being written, kept per member of staff and case (server/applications/cases.ts):
 * saved by the page's button, by the island as it is typed, and from a form posted after the
 * session ended, so a timeout never loses it. Gone when the move is made, or after 30 days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision_drafts')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_drafts_pk', ['staff_id', 'application_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('decision_drafts').execute();
}
