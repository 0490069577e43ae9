/**
 * 审计日志 The audit log (issue 13 point 6): every staff view of a case, every document
 * download, every export and every action, with who, their role and office, when, what, the
 * purpose and the request id, and no personal data. Append-only in the database (migration
 * 0007: triggers refuse UPDATE and DELETE within the retention period), and hash-chained: each
 * row's hash covers the one before, so a row removed or altered breaks the chain
 * (`verifyAuditChain`).
 *
 * An append locks the chain's head (one row) for its transaction, so two workers appending at
 * once are put in order rather than both claiming the same place. Give `appendAudit` the
 * transaction of the change it records, so the two stand or fall together.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { engineOf } from '../db/database.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';
import { csvTable } from '../http/csv.ts';

export interface AuditEntry {
  actor: string;
  role: string;
  office: string;
  action: string;
  applicationId?: string | null;
  target?: string | null;
  purpose: string;
  requestId: string;
}

/** A row as stored. */
export type AuditRow = AuditLogTable;

const iso = (ms: number) => new Date(ms).toISOString();

/** The hash of a row: the previous hash, then the row's fields in a fixed order. */
export function rowHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const fields = [row.seq, row.at, row.actor, row.role, row.office, row.action, row.application_id, row.target, row.purpose, row.request_id];
  return createHash('sha256').update(`${prevHash}\n${JSON.stringify(fields)}`).digest('hex');
}

/** Appends one entry inside `trx`; returns its place in the chain. */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry, now: number): Promise<number> {
  const find = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  const head = await (engineOf(trx) === 'postgres' ? find.forUpdate() : find).executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.seq) + 1,
    at: iso(now),
    actor: entry.actor,
    role: entry.role,
    office: entry.office,
    action: entry.action,
    application_id: entry.applicationId ?? null,
    target: entry.target ?? null,
    purpose: entry.purpose,
    request_id: entry.requestId,
  };
  const hash = rowHash(head.hash, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  return row.seq;
}

/** Appends one entry in a transaction of its own. */
export const audit = (db: Kysely<Database>, entry: AuditEntry, now: number): Promise<number> => db.transaction().execute((trx) => appendAudit(trx, entry, now));

/**
 * Who has looked at an application's file (PIPL Art. 45): each staff view or download, as the
 * role and office that made it and when, oldest first. Names are never shown.
 */
export async function lookedAtBy(db: Kysely<Database>, applicationId: string): Promise<{ role: string; office: string; action: string; at: string }[]> {
  return db.selectFrom('audit_log').select(['role', 'office', 'action', 'at']).where('application_id', '=', applicationId).where('action', 'in', ['view', 'download']).orderBy('seq').execute();
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; seq: number; problem: 'gap' | 'link' | 'hash' | 'head' };

/**
 * Walks the chain from the first row kept (whose link is the last purged row's hash) to the head:
 * a missing row, a changed field, or a head that does not match shows as the first bad place.
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 1000, from?: { seq: number; hash: string }): Promise<ChainCheck> {
  const retention = await db.selectFrom('audit_retention').select('anchor_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let prevHash = from?.hash ?? retention.anchor_hash;
  let prevSeq: number | undefined = from?.seq;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', prevSeq ?? -1)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      const seq = Number(r.seq);
      if (prevSeq !== undefined && seq !== prevSeq + 1) return { ok: false, seq, problem: 'gap' };
      if (r.prev_hash !== prevHash) return { ok: false, seq, problem: 'link' };
      if (rowHash(r.prev_hash, { ...r, seq }) !== r.hash) return { ok: false, seq, problem: 'hash' };
      prevHash = r.hash;
      prevSeq = seq;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  if ((prevSeq ?? Number(head.seq)) !== Number(head.seq) || prevHash !== head.hash) return { ok: false, seq: Number(head.seq), problem: 'head' };
  return { ok: true, rows };
}

/**
 * Checks the whole chain and, when it is whole, records the head as checked (the retention job
 * runs it on its schedule). Returns the check.
 */
export async function checkpointAuditChain(db: Kysely<Database>, now: number): Promise<ChainCheck> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const check = await verifyAuditChain(db);
  // Only a head the check reached is recorded: rows appended meanwhile are checked next time.
  if (check.ok) {
    const reached = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', Number(head.seq)).executeTakeFirst();
    if (reached?.hash === head.hash) await db.updateTable('audit_checkpoint').set({ seq: Number(head.seq), hash: head.hash, rows: check.rows, checked_at: iso(now) }).where('id', '=', 1).execute();
  }
  return check;
}

/**
 * The chain checked from the last full check on (a page view's check): the row it reached must
 * still carry the hash recorded, and every row after it must link on. Before any full check, or
 * when that row has since been purged, the whole chain is checked.
 */
export async function verifyAuditSinceCheckpoint(db: Kysely<Database>): Promise<ChainCheck & { checkedAt?: string; checkedRows?: number }> {
  const point = await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'rows', 'checked_at']).where('id', '=', 1).executeTakeFirstOrThrow();
  const row = point.checked_at ? await db.selectFrom('audit_log').select('hash').where('seq', '=', Number(point.seq)).executeTakeFirst() : undefined;
  if (!point.checked_at || !row) return verifyAuditChain(db);
  if (row.hash !== point.hash) return { ok: false, seq: Number(point.seq), problem: 'hash' };
  const since = await verifyAuditChain(db, 1000, { seq: Number(point.seq), hash: point.hash });
  return since.ok ? { ...since, checkedAt: point.checked_at, checkedRows: Number(point.rows) } : since;
}

/** At least three years (PIPL Art. 56); the database refuses anything shorter. */
export const AUDIT_RETENTION_MIN_DAYS = 1095;

/** `AUDIT_RETENTION_DAYS`: how long audit rows are kept (default and minimum 1095, three years). */
export function auditRetentionDays(env: Record<string, string | undefined>): number {
  const days = Number(env.AUDIT_RETENTION_DAYS ?? AUDIT_RETENTION_MIN_DAYS);
  if (!Number.isSafeInteger(days) || days < AUDIT_RETENTION_MIN_DAYS) throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, at least ${AUDIT_RETENTION_MIN_DAYS} (three years, PIPL Art. 56; got ${env.AUDIT_RETENTION_DAYS})`);
  return days;
}

/**
 * Purges rows older than `retentionDays` (never under three years): records the cut and the last
 * purged row's hash first, then deletes, in one transaction. Returns the rows purged.
 */
export async function purgeAudit(db: Kysely<Database>, now: number, retentionDays: number): Promise<number> {
  const days = Math.max(retentionDays, AUDIT_RETENTION_MIN_DAYS);
  // A day's margin over the database's own floor, so clocks a little apart never trip it.
  const before = iso(now - (days + 1) * 24 * 60 * 60 * 1000);
  return db.transaction().execute(async (trx) => {
    const retention = await trx.selectFrom('audit_retention').select('purge_before').where('id', '=', 1).executeTakeFirstOrThrow();
    if (before <= retention.purge_before) return 0;
    const last = await trx.selectFrom('audit_log').select('hash').where('at', '<', before).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    await trx
      .updateTable('audit_retention')
      .set(last ? { purge_before: before, anchor_hash: last.hash } : { purge_before: before })
      .where('id', '=', 1)
      .execute();
    const result = await trx.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}


/** An audit row as a supervisor reads it, with the case's reference. */
export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  role: string;
  office: string;
  action: string;
  reference: string | null;
  target: string | null;
  purpose: string;
  requestId: string;
}

/**
 * The audit rows about cases in `regions` (a supervisor's scope), newest first, at most `limit`
 * after `before` (a seq, for paging). Rows about no case (an export, a report of a problem: each
 * report's own page lists who opened and moved it) are not listed here.
 */
export async function auditInScope(db: Kysely<Database>, regions: readonly string[], { limit = 100, before, reference }: { limit?: number; before?: number; reference?: string } = {}): Promise<AuditView[]> {
  if (regions.length === 0) return [];
  // Newest first: walk the log backwards and look each row's case up, stopping at `limit`. As a
  // CROSS JOIN, SQLite keeps that order (its planner otherwise starts from the scope's cases and
  // sorts all their rows: 236 ms over 100,000 in bench section 12); PostgreSQL plans it as the
  // join it is. One case's rows (`reference`) start from that case instead.
  const joined =
    reference === undefined
      ? db
          .selectFrom('audit_log')
          .crossJoin('applications')
          .whereRef('applications.id', '=', 'audit_log.application_id')
      : db.selectFrom('audit_log').innerJoin('applications', 'applications.id', 'audit_log.application_id');
  let query = joined
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor', 'audit_log.role', 'audit_log.office', 'audit_log.action', 'applications.reference', 'audit_log.target', 'audit_log.purpose', 'audit_log.request_id'])
    .where('applications.region', 'in', [...regions]);
  if (before !== undefined) query = query.where('audit_log.seq', '<', before);
  if (reference !== undefined) query = query.where('applications.reference', '=', reference);
  const rows = await query.orderBy('audit_log.seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, actor: r.actor, role: r.role, office: r.office, action: r.action, reference: r.reference, target: r.target, purpose: r.purpose, requestId: r.request_id }));
}

/** The rows as CSV (RFC 4180, CRLF), with a header line. */
export function auditCsv(rows: readonly AuditView[]): string {
  const header = ['seq', 'at', 'actor', 'role', 'office', 'action', 'reference', 'target', 'purpose', 'request_id'];
  return csvTable(
    header,
    rows.map((r) => [r.seq, r.at, r.actor, r.role, r.office, r.action, r.reference, r.target, r.purpose, r.requestId]),
  );
}
