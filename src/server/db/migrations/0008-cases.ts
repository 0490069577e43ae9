import type { Kysely } from 'kysely';

/** A request for information waiting for the applicant's reply, kept on the case (JSON; server/applications/cases.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('waiting', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('waiting').execute();
}
