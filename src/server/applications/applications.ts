/**
 * 提交与查询 Applications in the database (issue 11 points 7 and 8): submit once, find one with
 * its reference and access code, withdraw it.
 *
 * - Submit is idempotent (server/db/idempotency.ts): the work and the key's response are one
 *   transaction, so a double submit or a retry after a dropped connection gives one application
 *   and the same reference.
 * - The access code is never stored: only its keyed hash. It is derived from the server's key
 *   and the request's idempotency key, so a retry that never saw the first answer gets the same
 *   code again, while the kept response holds only the reference.
 * - One open application per person and form: a keyed hash of the two is unique while the case
 *   is open, so two workers cannot both store one.
 * - Tracking: a wrong pair gets one answer whatever was wrong; failures are counted per client
 *   and per reference in the database, and too many lock for a while.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newCode, type CodeKind } from '../../domain/applications/codes.ts';
import type { ApplicationInput } from '../../domain/applications/application.ts';
import { consentGiver } from '../../domain/applications/submitter.ts';
import { consentRecords } from '../../domain/applications/consent.ts';
import type { Prescreen } from '../../domain/applications/prescreen.ts';
import type { Office, Status } from '../../domain/applications/status.ts';
import { attemptState, clearFailures, countInWindow, recordFailure, type AttemptPolicy } from '../db/attempts.ts';
import { abandonIdempotent, beginIdempotent, completeIdempotent, type IdempotencyRequest } from '../db/idempotency.ts';
import type { Database } from '../db/schema.ts';
import { attachDocuments } from './documents.ts';
import { caseHistory, moveCase, type CaseStep, type Notify } from './cases.ts';
import { noticeText, recipientsOf, type Language } from '../../domain/applications/notices.ts';
import type { InformationRequest } from '../../domain/applications/decisions.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const keyed = (key: Buffer, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');

/** A code drawn from a keyed stream: the same key and seed give the same code, nobody without the key can guess it. */
function derivedCode(kind: CodeKind, key: Buffer, seed: string): string {
  let block = 0;
  return newCode(kind, (n) => {
    const out = Buffer.alloc(n);
    for (let filled = 0; filled < n; filled += 32) createHmac('sha256', key).update(`${kind}\0${seed}\0${block++}`).digest().copy(out, filled);
    return out;
  });
}

export type Submitted =
  | { kind: 'created' | 'replay'; reference: string; accessCode: string }
  | { kind: 'conflict' }
  | { kind: 'inFlight' }
  /** An open application for the same person and form exists: explained, not duplicated. */
  | { kind: 'openExists' };

/** What the idempotency key keeps as the response: never the access code. */
interface KeptResponse {
  reference: string;
}

/** The form's open-application key for the person. */
const openKey = (key: Buffer, form: string, idNumber: string) => keyed(key, 'open', `${form}\0${idNumber}`);

/**
 * Stores an application once per idempotency key. `request.key` is the client's key (the API's
 * header, or the draft's id for the pages); `firstOffice` holds the case first.
 */
export async function submitApplication(
  db: Kysely<Database>,
  key: Buffer,
  input: ApplicationInput,
  prescreen: Prescreen,
  request: IdempotencyRequest,
  now: number,
  {
    draftId,
    random = randomBytes,
    language = 'zh',
    notify,
  }: {
    /** The draft it was made in, if any: its documents move to the application and the draft goes, in the same transaction. */
    draftId?: string;
    /** Where references are drawn from (a test gives one that repeats). */
    random?: (n: number) => Uint8Array;
    /** The language the application was made in: its notices are sent in it. */
    language?: Language;
    /** Stores the "sent" notice in the same transaction (the outbox). */
    notify?: Notify;
  } = {},
): Promise<Submitted> {
  const accessCode = derivedCode('access', key, `${request.scope}\0${request.key}`);
  const begun = await beginIdempotent(db, request, now);
  if (begun.kind === 'replay')
    return {
      kind: 'replay',
      reference: (begun.response as KeptResponse).reference,
      accessCode,
    };
  if (begun.kind !== 'new') return begun;
  const open = openKey(key, input.form.id, input.person.idNumber);
  const exists = async (column: 'open_key' | 'reference', value: string) => (await db.selectFrom('applications').select('id').where(column, '=', value).executeTakeFirst()) !== undefined;
  // The unique columns do the checking: nothing is looked up before the writes (two round trips
  // fewer for every submission); a write refused is explained afterwards.
  for (let attempt = 0; ; attempt++) {
    const reference = newCode('reference', random);
    try {
      await db.transaction().execute(async (trx) => {
        const id = randomUUID();
        const at = iso(now);
        const office: Office = input.form.firstOffice;
        const data = {
          person: input.person,
          submitter: input.submitter,
          role: input.role,
          answers: input.answers,
          language,
        };
        await trx
          .insertInto('applications')
          .values({
            id,
            reference,
            access_hash: keyed(key, 'access', accessCode),
            form: input.form.id,
            region: input.region,
            status: 'submitted',
            office,
            open_key: open,
            data: JSON.stringify(data),
            prescreen: JSON.stringify(prescreen),
            created_at: at,
            updated_at: at,
          })
          .execute();
        await trx
          .insertInto('application_events')
          .values({
            application_id: id,
            seq: 1,
            status: 'submitted',
            office,
            actor: 'applicant',
            reason: null,
            at,
          })
          .execute();
        const givenBy = consentGiver(input.role, input.personAge);
        await trx
          .insertInto('consents')
          .values(
            consentRecords(input.consent, givenBy).map((c) => ({
              application_id: id,
              purpose: c.purpose,
              granted: c.granted ? 1 : 0,
              version: c.version,
              given_by: c.givenBy,
              at,
            })),
          )
          .execute();
        if (draftId) {
          await attachDocuments(trx, draftId, id);
          await trx.deleteFrom('drafts').where('id', '=', draftId).execute();
        }
        await notify?.(trx, [{ kind: 'submitted', applicationId: id, text: noticeText('submitted', { reference, office }), recipients: recipientsOf(data) }]);
        await completeIdempotent(trx, request, { reference } satisfies KeptResponse, now);
      });
      return { kind: 'created', reference, accessCode };
    } catch (error) {
      // An open application for the same person and form (stored earlier, or by another worker
      // just now), or a reference drawn twice (then draw again), or a real failure.
      if (await exists('open_key', open)) {
        await abandonIdempotent(db, request);
        return { kind: 'openExists' };
      }
      if (attempt < 3 && (await exists('reference', reference))) continue;
      await abandonIdempotent(db, request);
      throw error;
    }
  }
}

/**
 * The answer an earlier submit with this key got, if it finished: for a second press of the
 * button that arrives after the first has been stored (its draft is gone by then).
 */
export async function earlierSubmit(db: Kysely<Database>, key: Buffer, request: Pick<IdempotencyRequest, 'scope' | 'key'>): Promise<{ reference: string; accessCode: string } | undefined> {
  const row = await db.selectFrom('idempotency_keys').select(['state', 'response']).where('scope', '=', request.scope).where('key', '=', request.key).executeTakeFirst();
  if (row?.state !== 'done' || !row.response) return undefined;
  return { reference: (JSON.parse(row.response) as KeptResponse).reference, accessCode: derivedCode('access', key, `${request.scope}\0${request.key}`) };
}

/** An application as its applicant sees it. */
export interface ApplicationView {
  reference: string;
  form: string;
  region: string;
  status: Status;
  office: Office;
  submittedAt: string;
  /** Each step, with a refusal's reason, a request's items or a reply (cases.ts). */
  history: CaseStep[];
  /** A request for information waiting for the applicant's reply. */
  waiting?: InformationRequest;
}

export const DEFAULT_TRACK_POLICY = {
  perReference: { maxFailures: 5, lockMs: 15 * 60_000 },
  perClient: { maxFailures: 100, lockMs: 15 * 60_000 },
} satisfies Record<string, AttemptPolicy>;

/** The policy with a deployment's own per-client limit (TRACK_FAILURES_PER_CLIENT, server/db/rate-limits.ts). */
export const trackPolicy = (perClient: number): typeof DEFAULT_TRACK_POLICY => ({ ...DEFAULT_TRACK_POLICY, perClient: { ...DEFAULT_TRACK_POLICY.perClient, maxFailures: perClient } });

/**
 * Counts an application sent by `client` in this hour; refused (with when the hour ends) past
 * SUBMIT_LIMIT_PER_HOUR. Counted before the work, so a flood costs one upsert per request.
 */
export async function submissionAllowed(db: Kysely<Database>, client: string, now: number, perHour: number): Promise<{ ok: true } | { ok: false; retryAt: number }> {
  if (perHour === 0) return { ok: true };
  const counted = await countInWindow(db, `submit:${client}`, now, 60 * 60_000);
  return counted.count <= perHour ? { ok: true } : { ok: false, retryAt: counted.windowEnds };
}

/** A client named by a keyed hash of its address, for the failure counters: the address itself is never stored. */
export const clientName = (key: Buffer, address: string | undefined): string => keyed(key, 'client', address ?? 'unknown').slice(0, 22);

export type Found = { ok: true; id: string; view: ApplicationView } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: string };

/**
 * The application with this reference and access code (both as `readCode` gives them), or one
 * answer for any wrong pair; `client` names the client by a hash, never its address.
 */
export async function findApplication(db: Kysely<Database>, key: Buffer, input: { reference: string; accessCode: string; client: string }, now: number, policy = DEFAULT_TRACK_POLICY): Promise<Found> {
  const clientKey = `track-client:${input.client}`;
  const referenceKey = `track:${keyed(key, 'reference', input.reference)}`;
  for (const k of [clientKey, referenceKey]) {
    const state = await attemptState(db, k, now);
    if (state.locked) return { ok: false, reason: 'locked', until: state.until! };
  }
  const row = await db.selectFrom('applications').selectAll().where('reference', '=', input.reference).executeTakeFirst();
  if (!row || row.access_hash !== keyed(key, 'access', input.accessCode)) {
    const byClient = await recordFailure(db, clientKey, now, policy.perClient);
    const byReference = row ? await recordFailure(db, referenceKey, now, policy.perReference) : { locked: false as const };
    const locked = [byClient, byReference].find((s) => s.locked);
    return locked
      ? {
          ok: false,
          reason: 'locked',
          until: (locked as { until: string }).until,
        }
      : { ok: false, reason: 'wrong' };
  }
  await clearFailures(db, referenceKey);
  return {
    ok: true,
    id: row.id,
    view: {
      reference: row.reference,
      form: row.form,
      region: row.region,
      status: row.status as Status,
      office: row.office as Office,
      submittedAt: row.created_at,
      history: await caseHistory(db, row.id),
      ...(row.waiting && { waiting: JSON.parse(row.waiting) as InformationRequest }),
    },
  };
}

/**
 * Withdraws an open application found by `findApplication`: the state machine's `withdraw`,
 * made by the applicant, with its notice; false if it was no longer open (two withdrawals at
 * once make one step).
 */
export async function withdrawApplication(db: Kysely<Database>, found: { reference: string; region: string }, now: number, notify?: Notify): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const moved = await moveCase(trx, { regions: [found.region] }, found.reference, { kind: 'withdraw' }, { id: 'applicant', role: 'applicant' }, now);
    if (moved.ok) await notify?.(trx, moved.notices);
    return moved.ok;
  });
}
