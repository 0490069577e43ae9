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

/** A submitted application (server/applications/submit.ts). */
export interface ApplicationsTable {
  id: string;
  /** Shown to the applicant and staff; no confusable characters (domain/applications/codes.ts). */
  reference: string;
  /** Keyed hash of the access code: the code itself is never stored. */
  access_hash: string;
  form: string;
  region: string;
  status: string;
  /** The office holding the case now (`township`, `countyDpf`…). */
  office: string;
  /** Keyed hash of the form and the person's ID number while the application is open; null once closed. */
  open_key: string | null;
  /** The person, the submitter, the answers and the role, as JSON. */
  data: string;
  /** The self-check's rules run on the answers when sent, as JSON, for the back office. */
  prescreen: string;
  created_at: string;
  updated_at: string;
}

/** Each step of an application's history, in order. */
export interface ApplicationEventsTable {
  application_id: string;
  seq: number;
  status: string;
  office: string;
  /** `applicant`, or a staff role (issue 13). */
  actor: string;
  reason: string | null;
  at: string;
}

/** A consent given or refused with an application, per purpose (domain/applications/consent.ts). */
export interface ConsentsTable {
  application_id: string;
  purpose: string;
  /** 1 given, 0 refused (an integer on both engines). */
  granted: number;
  version: string;
  given_by: string;
  at: string;
}

/** An uploaded document: a draft's until it is sent, then its application's (documents.ts). */
export interface DocumentsTable {
  id: string;
  draft_id: string | null;
  application_id: string | null;
  /** The material it is for (a form's material id, or `other`). */
  material: string;
  /** The file's name as the person's device gave it, tidied; shown back to them only. */
  name: string;
  /** Its type, read from its content (uploads.ts). */
  type: string;
  size: number;
  /** The bytes, metadata stripped: a BLOB on SQLite, a bytea on PostgreSQL. */
  data: Uint8Array;
  created_at: string;
}

export interface Database {
  documents: DocumentsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  consents: ConsentsTable;
  attempt_counters: AttemptCountersTable;
  drafts: DraftsTable;
  idempotency_keys: IdempotencyKeysTable;
}
