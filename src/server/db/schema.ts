/**
 * The tables, as Kysely sees them. Times are ISO 8601 strings in UTC (`2026-12-02T07:30:00.000Z`)
 * on both engines, so they sort as text and read the same everywhere; migrations/ creates them.
 */

/** Failed tries at something guarded (a resume code, a tracking pair, a sign-in), per key. */
export interface AttemptCountersTable {
  /** What is guarded and for whom, e.g. `resume:<draft id>` or `track:<client>`; never personal data in clear. */
  key: string;
  /** Failures since the last success or the last lock. */
  failures: number;
  /** When the key may be tried again, after too many failures; null while open. */
  locked_until: string | null;
  updated_at: string;
}

/** A guest's draft application, found again by its resume code and the person's birth date. */
export interface DraftsTable {
  id: string;
  /** Keyed hash of the resume code: the code itself is never stored. */
  code_hash: string;
  /** Keyed hash of the person's birth date, the check only the applicant knows. */
  check_hash: string;
  form: string;
  lang: string;
  /** The answers so far, as JSON. */
  data: string;
  created_at: string;
  updated_at: string;
  /** Kept until then (30 days after the last change by default), then purged. */
  expires_at: string;
}

/** A request that creates something, by its Idempotency-Key (idempotency.ts). */
export interface IdempotencyKeysTable {
  /** What the key is for (e.g. `POST /api/applications`): the same key may be used elsewhere. */
  scope: string;
  key: string;
  /** Hash of the request's body: the same key with another body is refused. */
  body_hash: string;
  state: 'in-flight' | 'done';
  /** The first response, as JSON, replayed for a retry. */
  response: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  attempt_counters: AttemptCountersTable;
  drafts: DraftsTable;
  idempotency_keys: IdempotencyKeysTable;
}
