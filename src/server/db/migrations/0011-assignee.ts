import type { Kysely } from 'kysely';

/**
 * Who works on a case within the office holding it (domain/applications/decisions.ts
 * `mayAssign`): a member of staff's id, or null. Cleared when the case moves to another office.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('assignee', 'text').execute();
  await db.schema.createIndex('applications_assignee').on('applications').column('assignee').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_assignee').execute();
  await db.schema.alterTable('applications').dropColumn('assignee').execute();
}
