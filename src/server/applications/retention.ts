/**
 * 保存期限 Retention (PIPL Art. 19: kept only as long as necessary), run on a schedule by the
 * cluster primary (server.mjs): drafts past their keeping date, idempotency keys older than a
 * day, failure counters no longer locked and a day old, and staff's decision drafts untouched
 * for 30 days. Each purge is one statement, so
 * two app servers running it at once only find less to do.
 */
import type { Kysely } from 'kysely';
import { purgeExpiredDrafts } from './drafts.ts';
import { purgeDecisionDrafts } from './decision-drafts.ts';
import { purgeIdempotencyKeys } from '../db/idempotency.ts';
import type { Database } from '../db/schema.ts';

const DAY = 24 * 60 * 60_000;

export interface Purged {
  drafts: number;
  idempotencyKeys: number;
  attemptCounters: number;
  decisionDrafts: number;
}

export async function purgeExpired(db: Kysely<Database>, now: number): Promise<Purged> {
  const drafts = await purgeExpiredDrafts(db, now);
  const idempotencyKeys = await purgeIdempotencyKeys(db, now);
  const dayAgo = new Date(now - DAY).toISOString();
  const counters = await db
    .deleteFrom('attempt_counters')
    .where('updated_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date(now).toISOString())]))
    .executeTakeFirst();
  return { drafts, idempotencyKeys, attemptCounters: Number(counters.numDeletedRows), decisionDrafts: await purgeDecisionDrafts(db, now) };
}

/** How often the primary purges: `RETENTION_INTERVAL_MS` (default an hour, at least a minute). */
export function retentionInterval(env: Record<string, string | undefined>): number {
  const ms = Number(env.RETENTION_INTERVAL_MS ?? 60 * 60_000);
  if (!Number.isSafeInteger(ms) || ms < 60_000) throw new Error(`RETENTION_INTERVAL_MS must be a whole number of milliseconds, at least 60000 (got ${env.RETENTION_INTERVAL_MS})`);
  return ms;
}
