/**
 * 问题反馈 Reports of a problem with a page (issue 13 point 10): kept, given a reference, and
 * handled by a person in the staff queue (`/staff/problem-reports/`, supervisors and administrators).
 *
 * Spam is kept out without a CAPTCHA (WCAG 3.3.8):
 * - the form carries a stamp sealed with the server's key when it was drawn. A report sent
 *   sooner than `MIN_FILL_MS` after it is shown the form again to send once more (a person
 *   pressing twice loses nothing; a script posting at once gets nowhere); a stamp that is
 *   missing, altered or older than `MAX_FORM_AGE_MS` gets a fresh one the same way;
 * - a field hidden from people (the page says "leave this empty" where styles are off) that
 *   scripts fill in;
 * - a limit per client and hour (`FEEDBACK_LIMIT_PER_HOUR`), counted in the database.
 * The same form sent twice (a double press, a reload) is one report with one reference.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { newCode } from '../../domain/applications/codes.ts';
import { mayMoveFeedback, type FeedbackInput, type FeedbackStatus } from '../../domain/feedback/feedback.ts';
import { countInWindow } from '../db/attempts.ts';
import { engineOf } from '../db/database.ts';
import type { Database, FeedbackTable } from '../db/schema.ts';
import { seal, unseal } from '../http/sealed.ts';

const STAMP_PURPOSE = 'feedback-form';
/** A form sent sooner than this after it was drawn is asked to be sent again. */
export const MIN_FILL_MS = 2_000;
/** A form drawn longer ago than this gets a fresh stamp before it is taken. */
export const MAX_FORM_AGE_MS = 7 * 24 * 60 * 60_000;
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** Closed reports are kept this long after closing (then purged, contact details with them). */
export const FEEDBACK_KEEP_DAYS = 365;

const iso = (ms: number) => new Date(ms).toISOString();

/** The stamp a form carries: when it was drawn, sealed. */
export const formStamp = (key: Buffer, now: number): string => seal(key, STAMP_PURPOSE, String(now));

export type StampCheck = { ok: true } | { ok: false; reason: 'missing' | 'tooFast' | 'stale' };

/** Whether a posted stamp is one of ours, drawn long enough ago and not too long ago. */
export function checkStamp(key: Buffer, stamp: string | null | undefined, now: number): StampCheck {
  const opened = unseal(key, STAMP_PURPOSE, stamp ?? undefined, 200);
  const at = Number(opened);
  if (!opened || !Number.isSafeInteger(at)) return { ok: false, reason: 'missing' };
  if (now - at < MIN_FILL_MS) return { ok: false, reason: 'tooFast' };
  if (now - at > MAX_FORM_AGE_MS) return { ok: false, reason: 'stale' };
  return { ok: true };
}

export type Submitted = { ok: true; reference: string; again: boolean } | { ok: false; reason: 'limited'; until: number };

/**
 * Keeps a report sent with a checked `stamp`. The same stamp and text again answer the first
 * report's reference; more than `perHour` new reports from one client in an hour (0: no limit) are refused.
 */
export async function submitFeedback(db: Kysely<Database>, report: { input: FeedbackInput; stamp: string; language: string; client: string }, now: number, perHour: number): Promise<Submitted> {
  // The stamp and what was written: a form sent twice is one report, but a form sent, then
  // changed (back in the browser) and sent again, is a second one.
  const formKey = createHash('sha256')
    .update(JSON.stringify([report.stamp, report.input]))
    .digest('hex');
  const known = () => db.selectFrom('feedback').select('reference').where('form_key', '=', formKey).executeTakeFirst();
  const before = await known();
  if (before) return { ok: true, reference: before.reference, again: true };
  if (perHour > 0) {
    const counted = await countInWindow(db, `feedback:${report.client}`, now, HOUR);
    if (counted.count > perHour) return { ok: false, reason: 'limited', until: counted.windowEnds };
  }
  const { input } = report;
  const reference = newCode('reference', randomBytes);
  const inserted = await db
    .insertInto('feedback')
    .values({
      id: randomUUID(),
      reference,
      form_key: formKey,
      page: input.page,
      language: report.language,
      message: input.message,
      contact_name: input.contact?.name || null,
      contact: input.contact?.value ?? null,
      contact_consent_at: input.contact ? iso(now) : null,
      status: 'new',
      note: null,
      created_at: iso(now),
      updated_at: iso(now),
      closed_at: null,
    })
    .onConflict((oc) => oc.column('form_key').doNothing())
    .returning('reference')
    .executeTakeFirst();
  if (inserted) return { ok: true, reference: inserted.reference, again: false };
  // The same form, sent twice at once: the other request kept it.
  return { ok: true, reference: (await known())!.reference, again: true };
}

export type FeedbackRow = FeedbackTable;
export type QueueChoice = 'open' | FeedbackStatus | 'all';

/** Reports by status, `limit` of them: open ones oldest first (waiting longest), others newest first. */
export async function feedbackQueue(db: Kysely<Database>, choice: QueueChoice, limit = 100): Promise<{ rows: FeedbackRow[]; more: boolean }> {
  let q = db.selectFrom('feedback').selectAll();
  if (choice === 'open') q = q.where('status', 'in', ['new', 'inProgress']);
  else if (choice !== 'all') q = q.where('status', '=', choice);
  const oldestFirst = choice === 'open' || choice === 'new' || choice === 'inProgress';
  const rows = await q
    .orderBy('created_at', oldestFirst ? 'asc' : 'desc')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** How many reports are in each status. */
export async function feedbackCounts(db: Kysely<Database>): Promise<Record<FeedbackStatus, number>> {
  const rows = await db
    .selectFrom('feedback')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  const counts = { new: 0, inProgress: 0, closed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as FeedbackStatus] = Number(r.n);
  return counts;
}

/**
 * Records an action on a report (`view`, `feedback:closed`…) in the audit log, in the caller's
 * transaction: the page passes server/audit's append, with who and why, as no server feature
 * imports another. `target` names the report (`feedback:<id>`), never the person.
 */
export type AuditHook = (trx: Transaction<Database>, action: string, target: string) => Promise<unknown>;

const targetOf = (id: string) => `feedback:${id}`;

/** One report, its opening recorded (it may hold a way to reach a person). */
export async function openFeedback(db: Kysely<Database>, reference: string, audit: AuditHook): Promise<FeedbackRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('feedback').selectAll().where('reference', '=', reference).executeTakeFirst();
    if (row) await audit(trx, 'view', targetOf(row.id));
    return row;
  });
}

/** Who has opened or moved a report, and when (from the audit log). */
export async function feedbackHistory(db: Kysely<Database>, id: string): Promise<{ action: string; role: string; at: string }[]> {
  return db.selectFrom('audit_log').select(['action', 'role', 'at']).where('target', '=', targetOf(id)).orderBy('seq').execute();
}

export type FeedbackMoved = { ok: true } | { ok: false; problem: 'notFound' | 'notAllowed' };

/** Moves a report to `to` with staff's note (kept, replacing the last), recorded in the same transaction. */
export async function moveFeedback(db: Kysely<Database>, reference: string, to: FeedbackStatus, note: string, audit: AuditHook, now: number): Promise<FeedbackMoved> {
  return db.transaction().execute(async (trx) => {
    const find = trx.selectFrom('feedback').select(['id', 'status']).where('reference', '=', reference);
    const row = await (engineOf(trx) === 'postgres' ? find.forUpdate() : find).executeTakeFirst();
    if (!row) return { ok: false, problem: 'notFound' } as const;
    if (!mayMoveFeedback(row.status as FeedbackStatus, to)) return { ok: false, problem: 'notAllowed' } as const;
    await trx
      .updateTable('feedback')
      .set({ status: to, note: note.trim() || null, updated_at: iso(now), closed_at: to === 'closed' ? iso(now) : null })
      .where('id', '=', row.id)
      .execute();
    await audit(trx, `feedback:${to}`, targetOf(row.id));
    return { ok: true } as const;
  });
}

/** Closed reports past their keeping, with any way to reach the person: gone. */
export async function purgeFeedback(db: Kysely<Database>, now: number, keepDays = FEEDBACK_KEEP_DAYS): Promise<number> {
  const gone = await db
    .deleteFrom('feedback')
    .where('status', '=', 'closed')
    .where('closed_at', '<', iso(now - keepDays * DAY))
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
