/**
 * Failed tries, counted in the database so the count holds across workers and app servers: a
 * resume code (five wrong tries lock the draft for 15 minutes), a reference and access code on
 * the tracking page, a staff sign-in. A key is what is guarded and for whom, never personal data
 * in clear (hash what identifies a person or a client).
 *
 * Each failure is one atomic upsert, so two workers counting at once lose no failure.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface AttemptPolicy {
  /** Failures that lock the key. */
  maxFailures: number;
  /** How long a locked key stays locked. */
  lockMs: number;
}

export interface AttemptState {
  locked: boolean;
  /** Until when, if locked (ISO 8601). */
  until?: string;
  /** Failures counted since the last success or lock. */
  failures: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether the key is locked now. */
export async function attemptState(db: Kysely<Database>, key: string, now: number): Promise<AttemptState> {
  const row = await db.selectFrom('attempt_counters').select(['failures', 'locked_until']).where('key', '=', key).executeTakeFirst();
  if (!row) return { locked: false, failures: 0 };
  if (row.locked_until && row.locked_until > iso(now)) return { locked: true, until: row.locked_until, failures: Number(row.failures) };
  return { locked: false, failures: row.locked_until ? 0 : Number(row.failures) };
}

/**
 * Counts one failure; the one that reaches `maxFailures` locks the key for `lockMs` and starts
 * the count again. A failure while locked changes nothing (the caller refuses before checking).
 */
export async function recordFailure(db: Kysely<Database>, key: string, now: number, policy: AttemptPolicy): Promise<AttemptState> {
  const nowIso = iso(now);
  const until = iso(now + policy.lockMs);
  // One statement: insert the first failure, or add one to the count (a lock that has passed
  // starts it again at one). Reaching the limit sets the lock in the same statement.
  const counted = sql<number>`case when attempt_counters.locked_until is not null and attempt_counters.locked_until <= ${nowIso} then 1 else attempt_counters.failures + 1 end`;
  const row = await db
    .insertInto('attempt_counters')
    .values({ key, failures: 1, locked_until: policy.maxFailures <= 1 ? until : null, updated_at: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when attempt_counters.locked_until > ${nowIso} then attempt_counters.failures else ${counted} end`,
        locked_until: sql<string | null>`case when attempt_counters.locked_until > ${nowIso} then attempt_counters.locked_until when ${counted} >= ${policy.maxFailures} then ${until} else null end`,
        updated_at: nowIso,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const locked = !!row.locked_until && row.locked_until > nowIso;
  return locked ? { locked, until: row.locked_until!, failures: Number(row.failures) } : { locked, failures: Number(row.failures) };
}

/** A success: the key's failures are forgotten. */
export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
}

/**
 * Counts one use of `key` in the current window of `windowMs` (fixed windows, counted in the
 * database like failures); returns the count in this window, this one included. The rows go
 * with the retention job's stale counters.
 */
export async function countInWindow(db: Kysely<Database>, key: string, now: number, windowMs: number): Promise<{ count: number; windowEnds: number }> {
  const start = Math.floor(now / windowMs) * windowMs;
  const row = await db
    .insertInto('attempt_counters')
    .values({ key: `${key}:${start}`, failures: 1, locked_until: null, updated_at: iso(now) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql<number>`attempt_counters.failures + 1`, updated_at: iso(now) }))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return { count: Number(row.failures), windowEnds: start + windowMs };
}
