/**
 * Idempotency keys for requests that create something (an application's submit, by form or by
 * API), as the IETF draft "The Idempotency-Key HTTP Header Field" has them: the first request
 * with a key does the work; a retry with the same key and body gets the first response again;
 * the same key with another body is refused (422); a retry while the first is still in flight
 * is told so (409). Shared by every worker and app server, since the keys live in the database.
 *
 * The work and `completeIdempotent` belong in one transaction: either both are kept or neither,
 * so an acknowledged request is never done twice. A first request whose process died leaves its
 * key in flight; after `staleMs` a retry takes the key over and does the work.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export interface IdempotencyRequest {
  scope: string;
  key: string;
  /** A hash of the body as received (or of its canonical form). */
  bodyHash: string;
}

export type Begun =
  | { kind: 'new' }
  | { kind: 'replay'; response: unknown }
  | { kind: 'conflict' }
  | { kind: 'inFlight' };

const iso = (ms: number) => new Date(ms).toISOString();

/** Claims the key for this request, or says what the earlier request with it came to. */
export async function beginIdempotent(db: Kysely<Database>, request: IdempotencyRequest, now: number, { staleMs = 30_000 } = {}): Promise<Begun> {
  for (let tries = 0; tries < 3; tries++) {
    const begun = await tryBegin(db, request, now, staleMs);
    if (begun) return begun;
  }
  return { kind: 'inFlight' };
}

/** One try; undefined when the key vanished between looking and reading (abandoned or purged). */
async function tryBegin(db: Kysely<Database>, request: IdempotencyRequest, now: number, staleMs: number): Promise<Begun | undefined> {
  const { scope, key, bodyHash } = request;
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, body_hash: bodyHash, state: 'in-flight', response: null, created_at: iso(now), updated_at: iso(now) })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return { kind: 'new' };
  const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.body_hash !== bodyHash) return { kind: 'conflict' };
  if (row.state === 'done') return { kind: 'replay', response: JSON.parse(row.response ?? 'null') as unknown };
  if (row.updated_at > iso(now - staleMs)) return { kind: 'inFlight' };
  // In flight for too long: its process is gone. Take it over, if no other retry did just now.
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ updated_at: iso(now) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('state', '=', 'in-flight')
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? { kind: 'new' } : { kind: 'inFlight' };
}

/** Records the response, in the same transaction as the work it answers. */
export async function completeIdempotent(trx: Transaction<Database> | Kysely<Database>, request: Pick<IdempotencyRequest, 'scope' | 'key'>, response: unknown, now: number): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ state: 'done', response: JSON.stringify(response), updated_at: iso(now) })
    .where('scope', '=', request.scope)
    .where('key', '=', request.key)
    .execute();
}

/** The work failed and was not done: a retry with the key may try again. */
export async function abandonIdempotent(db: Kysely<Database>, request: Pick<IdempotencyRequest, 'scope' | 'key'>): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', request.scope).where('key', '=', request.key).where('state', '=', 'in-flight').execute();
}

/** Forgets keys older than `keepMs` (24 hours by default, as Stripe keeps them); returns how many. */
export async function purgeIdempotencyKeys(db: Kysely<Database>, now: number, keepMs = 24 * 60 * 60_000): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', iso(now - keepMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
