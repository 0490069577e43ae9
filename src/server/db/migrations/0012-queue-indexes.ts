import type { Kysely } from 'kysely';

/**
 * The staff queue's reading order (server/applications/cases.ts `caseQueue`): a scope's regions,
 * oldest first, often by status; so a queue page reads its scope's rows in order instead of every
 * application (the bench's section 12 measures it over 100,000).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('applications_region_created').on('applications').columns(['region', 'created_at']).execute();
  await db.schema.createIndex('applications_region_status_created').on('applications').columns(['region', 'status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_region_status_created').execute();
  await db.schema.dropIndex('applications_region_created').execute();
}
