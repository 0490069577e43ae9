import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The audit log (server/audit/audit.ts), append-only in the database itself:
 * - a trigger refuses every UPDATE, and every DELETE of a row newer than `audit_retention`'s
 *   `purge_before` (so nothing inside the retention period can go); on PostgreSQL TRUNCATE too;
 * - `purge_before` itself can only move forward, and never past three years ago (PIPL Art. 56);
 * - each row carries the hash of the one before (`audit_head` holds the last, and is locked by
 *   each append), and `audit_retention.anchor_hash` the last purged one's, so the chain can be
 *   checked from the first row kept and any gap or edit shows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('target', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_application_id').on('audit_log').column('application_id').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_retention')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('purge_before', 'text', (c) => c.notNull())
    .addColumn('anchor_hash', 'text', (c) => c.notNull())
    .execute();
  const genesis = '0'.repeat(64);
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${genesis})`.execute(db);
  await sql`insert into audit_retention (id, purge_before, anchor_hash) values (1, '', ${genesis})`.execute(db);

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_log_refuse() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and old.at < (select purge_before from audit_retention where id = 1) then return old; end if;
        raise exception 'audit_log is append-only';
      end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_refuse()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse()`.execute(db);
    await sql`create function audit_retention_guard() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'UPDATE' or new.purge_before < old.purge_before
          or new.purge_before > to_char((now() at time zone 'utc') - interval '1095 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
          raise exception 'audit_retention: purge_before only moves forward, and never within three years';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger audit_retention_guard before update or delete on audit_retention for each row execute function audit_retention_guard()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      when old.at >= coalesce((select purge_before from audit_retention where id = 1), '')
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_retention_guard before update on audit_retention
      when new.purge_before < old.purge_before or new.purge_before > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1095 days')
      begin select raise(abort, 'audit_retention: purge_before only moves forward, and never within three years'); end`.execute(db);
    await sql`create trigger audit_retention_no_delete before delete on audit_retention begin select raise(abort, 'audit_retention is kept'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_retention').execute();
  await db.schema.dropTable('audit_head').execute();
  await db.schema.dropTable('audit_log').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists audit_log_refuse()`.execute(db);
    await sql`drop function if exists audit_retention_guard()`.execute(db);
  }
}
