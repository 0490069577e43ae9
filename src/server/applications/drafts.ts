/**
 * 暂存 Guest drafts (issue 11 point 4): an application in progress, saved at every Continue, kept
 * for `keepDays` after its last change, found again with a resume code and the person's birth
 * date. Neither is stored in clear: both are kept as keyed hashes (HMAC-SHA256 with the
 * server's secret key), so a copy of the database alone does not let anyone try codes offline.
 *
 * Five wrong tries lock a draft for 15 minutes; unknown codes from one client are counted too (30 lock it out)
 * (the caller names the client by a hash, never its address). Every wrong try gets the same
 * answer, so nobody learns whether a code exists.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newCode } from '../../domain/applications/codes.ts';
import { attemptState, clearFailures, recordFailure, type AttemptPolicy } from '../db/attempts.ts';
import { engineOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface DraftPolicy {
  /** Days a draft is kept after its last change. */
  keepDays: number;
  /** Wrong tries at one draft before it locks, and how long it lasts. */
  tries: AttemptPolicy;
  /** Unknown codes from one client before it is locked out: more, since many families share one address behind a carrier's NAT. */
  clientTries: AttemptPolicy;
}

export const DEFAULT_DRAFT_POLICY: DraftPolicy = { keepDays: 30, tries: { maxFailures: 5, lockMs: 15 * 60_000 }, clientTries: { maxFailures: 30, lockMs: 15 * 60_000 } };

/** What a draft holds, as its feature reads it back. */
export interface Draft {
  id: string;
  form: string;
  lang: string;
  data: unknown;
  updatedAt: string;
  expiresAt: string;
}

const DAY = 24 * 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const keyed = (key: Buffer, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');

/**
 * Starts a draft; returns its id, its resume code (to show once, in groups of four) and until
 * when it is kept. `birthDate` is `YYYY-MM-DD`.
 */
export async function createDraft(
  db: Kysely<Database>,
  key: Buffer,
  input: { form: string; lang: string; birthDate: string; data: unknown },
  now: number,
  policy: DraftPolicy = DEFAULT_DRAFT_POLICY,
): Promise<{ id: string; code: string; expiresAt: string }> {
  const id = randomUUID();
  const expiresAt = iso(now + policy.keepDays * DAY);
  // A new code that happens to equal a kept one is drawn again (the column is unique).
  for (let attempt = 0; ; attempt++) {
    const code = newCode('resume', randomBytes);
    try {
      await db
        .insertInto('drafts')
        .values({
          id,
          code_hash: keyed(key, 'resume', code),
          check_hash: keyed(key, 'birth', input.birthDate),
          form: input.form,
          lang: input.lang,
          data: JSON.stringify(input.data),
          created_at: iso(now),
          updated_at: iso(now),
          expires_at: expiresAt,
        })
        .execute();
      return { id, code, expiresAt };
    } catch (error) {
      const taken = await db.selectFrom('drafts').select('id').where('code_hash', '=', keyed(key, 'resume', code)).executeTakeFirst();
      if (!taken || attempt >= 3) throw error;
    }
  }
}

/**
 * A new resume code for a draft, with the person's birth date as its check (the save page asks
 * for it once the date is known): the previous code stops working. Undefined if the draft is gone.
 */
export async function newResumeCode(db: Kysely<Database>, key: Buffer, id: string, birthDate: string, now: number): Promise<{ code: string; expiresAt: string } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const code = newCode('resume', randomBytes);
    try {
      const row = await db
        .updateTable('drafts')
        .set({ code_hash: keyed(key, 'resume', code), check_hash: keyed(key, 'birth', birthDate) })
        .where('id', '=', id)
        .where('expires_at', '>', iso(now))
        .returning('expires_at')
        .executeTakeFirst();
      return row && { code, expiresAt: row.expires_at };
    } catch (error) {
      // The code drawn equals another draft's (the column is unique): draw again.
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Saves a draft (every Continue, every autosave) as `change` makes it from what the draft holds
 * now, and keeps it `keepDays` from now; undefined if it is gone. Read and write are one
 * transaction (on PostgreSQL the row is locked for it; SQLite's write lock is taken at once), so
 * two saves at once (an autosave still in flight when Continue is pressed) each build on the
 * other's, and neither undoes the other.
 */
export async function saveDraft(db: Kysely<Database>, id: string, change: (kept: unknown) => unknown, now: number, policy: DraftPolicy = DEFAULT_DRAFT_POLICY): Promise<{ expiresAt: string } | undefined> {
  const expiresAt = iso(now + policy.keepDays * DAY);
  const lock = engineOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    const find = trx.selectFrom('drafts').select('data').where('id', '=', id).where('expires_at', '>', iso(now));
    const row = await (lock ? find.forUpdate() : find).executeTakeFirst();
    if (!row) return undefined;
    await trx
      .updateTable('drafts')
      .set({ data: JSON.stringify(change(JSON.parse(row.data) as unknown)), updated_at: iso(now), expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
    return { expiresAt };
  });
}

/** A draft by id (the applicant's own session holds the id), if it is still kept. */
export async function draftById(db: Kysely<Database>, id: string, now: number): Promise<Draft | undefined> {
  const row = await db.selectFrom('drafts').selectAll().where('id', '=', id).where('expires_at', '>', iso(now)).executeTakeFirst();
  return row && toDraft(row);
}

export type Resumed = { ok: true; draft: Draft } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: string };

/**
 * Finds a draft by its resume code and the person's birth date. `code` is as `readCode` returns
 * it; `client` is a hash that names the client (its wrong codes are counted too).
 */
export async function resumeDraft(
  db: Kysely<Database>,
  key: Buffer,
  input: { code: string; birthDate: string; client: string },
  now: number,
  policy: DraftPolicy = DEFAULT_DRAFT_POLICY,
): Promise<Resumed> {
  const clientKey = `resume-client:${input.client}`;
  const clientState = await attemptState(db, clientKey, now);
  if (clientState.locked) return { ok: false, reason: 'locked', until: clientState.until! };
  const row = await db.selectFrom('drafts').selectAll().where('code_hash', '=', keyed(key, 'resume', input.code)).where('expires_at', '>', iso(now)).executeTakeFirst();
  if (!row) {
    const after = await recordFailure(db, clientKey, now, policy.clientTries);
    return after.locked ? { ok: false, reason: 'locked', until: after.until! } : { ok: false, reason: 'wrong' };
  }
  const draftKey = `resume:${row.id}`;
  const draftState = await attemptState(db, draftKey, now);
  if (draftState.locked) return { ok: false, reason: 'locked', until: draftState.until! };
  if (row.check_hash !== keyed(key, 'birth', input.birthDate)) {
    const after = await recordFailure(db, draftKey, now, policy.tries);
    return after.locked ? { ok: false, reason: 'locked', until: after.until! } : { ok: false, reason: 'wrong' };
  }
  await clearFailures(db, draftKey);
  return { ok: true, draft: toDraft(row) };
}

/** Deletes every draft past its keeping date (run on a schedule); returns how many. */
export async function purgeExpiredDrafts(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('drafts').where('expires_at', '<=', iso(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toDraft(row: Database['drafts']): Draft {
  return { id: row.id, form: row.form, lang: row.lang, data: JSON.parse(row.data) as unknown, updatedAt: row.updated_at, expiresAt: row.expires_at };
}
