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
  /** A request for information waiting for the applicant's reply (decisions.ts InformationRequest), as JSON; null when none. */
  waiting: string | null;
  /** The member of staff working on it within the office holding it, or null (0011-assignee). */
  assignee: string | null;
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

/** A member of staff (server/staff/accounts.ts). */
export interface StaffTable {
  id: string;
  /** Lowercased; what they sign in with. */
  email: string;
  name: string;
  /** One of domain/applications/decisions.ts STAFF_ROLES. */
  role: string;
  /** The node of the region tree they work for: it covers every region below it. */
  region: string;
  password_hash: string;
  /** 1 while the password is the one-time password `staff:add` printed: the next sign-in sets their own. */
  password_is_temporary: number;
  /** The authenticator's secret, sealed with the server's key (AES-256-GCM); null until set up. */
  totp_secret: string | null;
  /** The last TOTP step used: each code works once. */
  totp_last_step: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A single-use recovery code, kept as a keyed hash. */
export interface StaffRecoveryCodesTable {
  staff_id: string;
  code_hash: string;
  used_at: string | null;
}

/** A staff session: the cookie holds a random token, this row its keyed hash (sessions.ts). */
export interface StaffSessionsTable {
  id_hash: string;
  staff_id: string;
  /** How far the sign-in has come: `secondFactor`, `setUp` or `signedIn`. */
  stage: string;
  /** The token every form of the session carries (CSRF). */
  csrf: string;
  /** While setting up the authenticator: the new secret, sealed, until a code from it is typed. */
  pending_totp_secret: string | null;
  created_at: string;
  seen_at: string;
  /** 30 minutes after the last request, unless extended. */
  idle_until: string;
  /** 12 hours after sign-in, whatever happens. */
  absolute_until: string;
}

/**
 * One row of the audit log (server/audit/audit.ts): who did what to which case, why, in which
 * request. No personal data: ids, roles, offices and codes only. Append-only (migration 0007).
 */
export interface AuditLogTable {
  seq: number;
  at: string;
  /** The staff member's id (or `applicant`, `system`). */
  actor: string;
  role: string;
  /** The office the actor works for, as the applicant is shown it (`township`, `countyDpf`…). */
  office: string;
  /** `view`, `download`, `export`, `signIn`, or a decision's action. */
  action: string;
  application_id: string | null;
  /** What else was touched: a document's id, a staff member's id. Never personal data. */
  target: string | null;
  purpose: string;
  request_id: string;
  prev_hash: string;
  hash: string;
}

/** The last row's place in the chain, locked by each append. One row. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** How far the retention job has purged, and the last purged row's hash. One row. */
export interface AuditRetentionTable {
  id: number;
  purge_before: string;
  anchor_hash: string;
}

/** A notice to deliver to one recipient (server/outbox/outbox.ts). */
export interface OutboxTable {
  id: string;
  application_id: string;
  /** What changed (domain/applications/notices.ts: `accepted`, `informationRequested`…). */
  kind: string;
  /** `sms`. */
  channel: string;
  /** The phone number: personal data, kept only until the row's retention ends. */
  recipient: string;
  language: string;
  /** The words for every channel and language, with the easy-read version, as JSON. */
  message: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  /** Deliveries tried so far. */
  attempts: number;
  /** When the next try is due. */
  next_at: string;
  /** While `sending`: when the claim lapses and another sender may take the row. */
  claimed_until: string | null;
  /** Why the last try failed (the sender's words, never the message). */
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** A decision being written by one member of staff on one case (server/applications/cases.ts). */
export interface DecisionDraftsTable {
  staff_id: string;
  application_id: string;
  /** The decision forms' fields (`reason`, `reasonText`, `items`, `due`), as JSON. */
  fields: string;
  updated_at: string;
}

/** The audit chain's last full check (server/audit/audit.ts). */
export interface AuditCheckpointTable {
  id: number;
  /** The last row checked, and its hash. */
  seq: number;
  hash: string;
  /** Rows the full check walked. */
  rows: number;
  /** When; empty before the first check. */
  checked_at: string;
}

/** A report of a problem with a page (server/feedback/feedback.ts). */
export interface FeedbackTable {
  id: string;
  /** What the person was told, from the codes' alphabet. */
  reference: string;
  /** The hash of the form's sealed stamp and text: one report per form sent. */
  form_key: string;
  /** The page it is about (a path on this site), or empty. */
  page: string;
  language: string;
  message: string;
  contact_name: string | null;
  /** A phone number or an email address, kept only with `contact_consent_at`. */
  contact: string | null;
  contact_consent_at: string | null;
  status: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface Database {
  feedback: FeedbackTable;
  audit_checkpoint: AuditCheckpointTable;
  decision_drafts: DecisionDraftsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_retention: AuditRetentionTable;
  staff: StaffTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_sessions: StaffSessionsTable;
  documents: DocumentsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  consents: ConsentsTable;
  attempt_counters: AttemptCountersTable;
  drafts: DraftsTable;
  idempotency_keys: IdempotencyKeysTable;
}
