import { sql, type Kysely } from 'kysely';

/**
 * The audit chain's last full check (server/audit/audit.ts `checkpointAuditChain`): the row it
 * reached and its hash. The supervisors' audit page then checks only the rows after it, so a
 * page view costs the rows since the last check, not the whole log; the retention job checks
 * the whole chain again on its schedule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_checkpoint (id, seq, hash, rows, checked_at) values (1, 0, ${'0'.repeat(64)}, 0, '')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoint').execute();
}
