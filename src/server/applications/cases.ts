/**
 * 案件 Applications as staff see them (issue 13 points 3 and 5): every query takes the staff
 * member's scope (the regions they may see, from the region tree), so a case outside it is not
 * found, whatever the page asks. What a list shows of the person is masked: the ID number's
 * first four and last four digits.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { holderOf, mayAssign, move, type AssignProblem, type Action, type CaseEvent, type CaseState, type InformationRequest, type MoveProblem, type RefusalReason, type StaffRole } from '../../domain/applications/decisions.ts';
import { formById } from '../../domain/applications/forms.ts';
import { noticeKindOf, noticeText, recipientsOf, type Notice } from '../../domain/applications/notices.ts';
import type { Prescreen } from '../../domain/applications/prescreen.ts';
import { OPEN_STATUSES, type Office, type Status } from '../../domain/applications/status.ts';
import { engineOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { tidyName } from './documents.ts';
import { checkUpload, type UploadProblem } from './uploads.ts';

/** The regions a member of staff may see: their node of the region tree and every region below it. */
export interface CaseScope {
  regions: readonly string[];
}

export interface QueueFilter {
  /** One reference, as `readCode` gives it (a family on the phone gives theirs). */
  reference?: string;
  form?: string;
  status?: string;
  /** Only cases received more than this many days ago. */
  olderThanDays?: number;
  /** Only the cases of this member of staff (their id), or (`none`) those nobody has taken. */
  assignee?: string;
}

export interface QueueRow {
  id: string;
  reference: string;
  form: string;
  region: string;
  status: string;
  office: string;
  receivedAt: string;
  /** `2202**********1234`. */
  maskedIdNumber: string;
  /** The member of staff working on it, if any. */
  assignee?: { id: string; name: string };
}

/** An ID number with all but its first four and last four characters hidden. */
export const maskIdNumber = (id: string): string => (id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`);

/** How many cases a page of the queue lists. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * The cases in scope that pass the filter, oldest first: `limit` of them from `offset` (a page of
 * the queue), and whether there are more after.
 */
export async function caseQueue(
  db: Kysely<Database>,
  scope: CaseScope,
  filter: QueueFilter,
  now: number,
  { limit = QUEUE_PAGE_SIZE, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<{ rows: QueueRow[]; more: boolean }> {
  if (scope.regions.length === 0) return { rows: [], more: false };
  let query = db
    .selectFrom('applications')
    .leftJoin('staff', 'staff.id', 'applications.assignee')
    .select(['applications.id', 'reference', 'form', 'applications.region', 'status', 'office', 'applications.created_at', 'data', 'assignee', 'staff.name as assigneeName'])
    .where('applications.region', 'in', [...scope.regions]);
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.form) query = query.where('form', '=', filter.form);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.olderThanDays) query = query.where('applications.created_at', '<', new Date(now - filter.olderThanDays * 24 * 60 * 60_000).toISOString());
  if (filter.assignee) query = filter.assignee === 'none' ? query.where('assignee', 'is', null) : query.where('assignee', '=', filter.assignee);
  const found = await query.orderBy('applications.created_at').orderBy('reference').limit(limit + 1).offset(offset).execute();
  return {
    more: found.length > limit,
    rows: found.slice(0, limit).map((r) => ({
      id: r.id,
      reference: r.reference,
      form: r.form,
      region: r.region,
      status: r.status,
      office: r.office,
      receivedAt: r.created_at,
      maskedIdNumber: maskIdNumber(String((JSON.parse(r.data) as { person?: { idNumber?: string } }).person?.idNumber ?? '')),
      ...(r.assignee && { assignee: { id: r.assignee, name: r.assigneeName ?? '' } }),
    })),
  };
}

/** A case as its page shows it to staff in scope. */
export interface CaseDetail {
  id: string;
  reference: string;
  form: string;
  region: string;
  status: Status;
  office: Office;
  receivedAt: string;
  /** The member of staff working on it, if any. */
  assignee?: { id: string; name: string };
  /** The person, the submitter, the role and the answers, as sent. */
  data: { person: Record<string, unknown>; submitter: Record<string, unknown> | null; role: string; answers: Record<string, unknown>; language?: string };
  prescreen: Prescreen;
  waiting?: InformationRequest;
  history: CaseStep[];
  documents: { id: string; material: string; name: string; type: string; size: number }[];
}

/** One step of a case's history: the role that made it (never a name), and its content. */
export interface CaseStep {
  seq: number;
  status: Status;
  office: Office;
  /** `applicant`, or a staff role. */
  actor: string;
  /** A refusal's reason and text, a request's items and due date, a reply's text. */
  detail?: StepDetail;
  at: string;
}

export type StepDetail = { reason: RefusalReason; text: string } | { items: string[]; due: string } | { text: string };

const readStep = (row: { seq: number; status: string; office: string; actor: string; reason: string | null; at: string }): CaseStep => ({
  seq: Number(row.seq),
  status: row.status as Status,
  office: row.office as Office,
  actor: row.actor,
  ...(row.reason && { detail: JSON.parse(row.reason) as StepDetail }),
  at: row.at,
});

/** Every step of a case, in order. */
export async function caseHistory(db: Kysely<Database>, applicationId: string): Promise<CaseStep[]> {
  const rows = await db.selectFrom('application_events').select(['seq', 'status', 'office', 'actor', 'reason', 'at']).where('application_id', '=', applicationId).orderBy('seq').execute();
  return rows.map(readStep);
}

/** The case with this reference, if it is in scope; undefined for any other (the page answers 404 either way). */
export async function caseInScope(db: Kysely<Database>, scope: CaseScope, reference: string): Promise<CaseDetail | undefined> {
  if (scope.regions.length === 0) return undefined;
  const row = await db.selectFrom('applications').selectAll().where('reference', '=', reference).where('region', 'in', [...scope.regions]).executeTakeFirst();
  if (!row) return undefined;
  const documents = await db.selectFrom('documents').select(['id', 'material', 'name', 'type', 'size']).where('application_id', '=', row.id).orderBy('created_at').execute();
  const assignee = row.assignee ? await db.selectFrom('staff').select(['id', 'name']).where('id', '=', row.assignee).executeTakeFirst() : undefined;
  return {
    id: row.id,
    reference: row.reference,
    form: row.form,
    region: row.region,
    status: row.status as Status,
    office: row.office as Office,
    receivedAt: row.created_at,
    ...(assignee && { assignee }),
    data: JSON.parse(row.data) as CaseDetail['data'],
    prescreen: JSON.parse(row.prescreen) as Prescreen,
    ...(row.waiting && { waiting: JSON.parse(row.waiting) as InformationRequest }),
    history: await caseHistory(db, row.id),
    documents: documents.map((d) => ({ ...d, size: Number(d.size) })),
  };
}

/** A document of a case in scope: its bytes, type and name; undefined for anything else. */
export async function caseDocument(db: Kysely<Database>, scope: CaseScope, reference: string, documentId: string): Promise<{ applicationId: string; name: string; type: string; data: Uint8Array } | undefined> {
  if (scope.regions.length === 0) return undefined;
  const row = await db
    .selectFrom('documents')
    .innerJoin('applications', 'applications.id', 'documents.application_id')
    .select(['applications.id as applicationId', 'documents.name', 'documents.type', 'documents.data'])
    .where('applications.reference', '=', reference)
    .where('applications.region', 'in', [...scope.regions])
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  return row;
}

export type CaseMoved = { ok: true; applicationId: string; event: CaseEvent; office: Office; notices: Notice[] } | { ok: false; problem: MoveProblem | 'notFound' };

/**
 * Stores a change's notices in the change's own transaction: the caller's outbox
 * (server/outbox), passed in because no server feature imports another.
 */
export type Notify = (trx: Transaction<Database>, notices: readonly Notice[]) => Promise<void>;

/**
 * Makes a move on a case in scope, inside `trx` (the caller's, so the audit row and the
 * notification join it): the domain decides whether the move is allowed (decisions.ts); the case
 * row is locked for it (PostgreSQL; SQLite's write lock is taken at BEGIN), so two moves at once
 * are put in order and the second is judged on what the first left. A closed case gives up its
 * open-application key, so the person may apply again.
 */
export async function moveCase(trx: Transaction<Database>, scope: CaseScope, reference: string, action: Action, actor: { id: string; role: StaffRole | 'applicant' }, now: number): Promise<CaseMoved> {
  if (scope.regions.length === 0) return { ok: false, problem: 'notFound' };
  const find = trx.selectFrom('applications').select(['id', 'reference', 'form', 'status', 'waiting', 'data']).where('reference', '=', reference).where('region', 'in', [...scope.regions]);
  const row = await (engineOf(trx) === 'postgres' ? find.forUpdate() : find).executeTakeFirst();
  const form = row && formById(row.form);
  if (!row || !form) return { ok: false, problem: 'notFound' };
  const at = new Date(now).toISOString();
  const state: CaseState = { status: row.status as Status, ...(row.waiting && { waiting: JSON.parse(row.waiting) as InformationRequest }) };
  const moved = move(form.chain, state, action, actor, at);
  if (!moved.ok) return moved;
  const office = holderOf(form.chain, moved.state.status);
  const closed = !(OPEN_STATUSES as readonly string[]).includes(moved.state.status);
  await trx
    .updateTable('applications')
    .set({
      status: moved.state.status,
      office,
      waiting: moved.state.waiting ? JSON.stringify(moved.state.waiting) : null,
      updated_at: at,
      ...(closed && { open_key: null }),
      // Another office holds it now: nobody there has taken it yet.
      ...(moved.state.status !== state.status && { assignee: null }),
    })
    .where('id', '=', row.id)
    .execute();
  const last = await trx.selectFrom('application_events').select((eb) => eb.fn.max('seq').as('seq')).where('application_id', '=', row.id).executeTakeFirst();
  const detail: StepDetail | undefined =
    action.kind === 'refuse'
      ? { reason: action.reason, text: moved.event.text ?? '' }
      : action.kind === 'requestInformation'
        ? { items: moved.state.waiting?.items.slice() ?? [], due: action.due }
        : action.kind === 'reply'
          ? { text: moved.event.text ?? '' }
          : undefined;
  await trx
    .insertInto('application_events')
    .values({ application_id: row.id, seq: Number(last?.seq ?? 0) + 1, status: moved.state.status, office, actor: actor.role, reason: detail ? JSON.stringify(detail) : null, at })
    .execute();
  const kind = noticeKindOf(action.kind, moved.state.status);
  const notices: Notice[] = kind
    ? [{ kind, applicationId: row.id, text: noticeText(kind, { reference: row.reference, office, ...(action.kind === 'requestInformation' && { due: action.due }) }), recipients: recipientsOf(JSON.parse(row.data) as CaseDetail['data']) }]
    : [];
  return { ok: true, applicationId: row.id, event: moved.event, office, notices };
}

export type Replied = { ok: true } | { ok: false; problem: MoveProblem | 'notFound' | UploadProblem };

/**
 * The applicant's reply to a request for information (found by reference and access code
 * first): the text, and a file if one came, checked like any upload and kept with the
 * application. The move, its history step and the file are one transaction; the request closes.
 */
export async function replyToRequest(db: Kysely<Database>, found: { reference: string; region: string }, reply: { text: string; file?: { name: string; bytes: Uint8Array } }, now: number, maxBytes: number): Promise<Replied> {
  const checked = reply.file ? checkUpload(reply.file.bytes, maxBytes) : undefined;
  if (checked && !checked.ok) return { ok: false, problem: checked.problem };
  return db.transaction().execute(async (trx) => {
    const moved = await moveCase(trx, { regions: [found.region] }, found.reference, { kind: 'reply', text: reply.text }, { id: 'applicant', role: 'applicant' }, now);
    if (!moved.ok) return moved;
    if (checked?.ok && reply.file) {
      await trx
        .insertInto('documents')
        .values({ id: randomUUID(), draft_id: null, application_id: moved.applicationId, material: 'reply', name: tidyName(reply.file.name), type: checked.type, size: checked.bytes.length, data: checked.bytes, created_at: new Date(now).toISOString() })
        .execute();
    }
    return { ok: true } as const;
  });
}


export type Assigned = { ok: true; applicationId: string } | { ok: false; problem: AssignProblem | 'notFound' };

/**
 * Gives a case in scope to a member of staff (`to`, with their role and whether their region
 * covers the case's), or to nobody, inside `trx` (the caller's, so its audit row joins it); the
 * domain's `mayAssign` decides. The case row is locked on PostgreSQL, so two at once are put in order.
 */
export async function assignCase(
  trx: Transaction<Database>,
  scope: CaseScope,
  reference: string,
  to: { id: string; role: StaffRole; regions: readonly string[] } | null,
  by: { id: string; role: StaffRole },
  now: number,
): Promise<Assigned> {
  if (scope.regions.length === 0) return { ok: false, problem: 'notFound' };
  const find = trx.selectFrom('applications').select(['id', 'form', 'region', 'status', 'assignee']).where('reference', '=', reference).where('region', 'in', [...scope.regions]);
  const row = await (engineOf(trx) === 'postgres' ? find.forUpdate() : find).executeTakeFirst();
  const form = row && formById(row.form);
  if (!row || !form) return { ok: false, problem: 'notFound' };
  const problem = mayAssign(form.chain, row.status as Status, row.assignee, by, to && { id: to.id, role: to.role, inRegion: to.regions.includes(row.region) });
  if (problem) return { ok: false, problem };
  await trx.updateTable('applications').set({ assignee: to?.id ?? null, updated_at: new Date(now).toISOString() }).where('id', '=', row.id).execute();
  return { ok: true, applicationId: row.id };
}

/** The enabled members of staff in `role`, for a supervisor to choose from (the page keeps those whose region covers the case's). */
export async function staffInRole(db: Kysely<Database>, role: StaffRole | undefined): Promise<{ id: string; name: string; region: string; role: StaffRole }[]> {
  if (!role) return [];
  const rows = await db.selectFrom('staff').select(['id', 'name', 'region', 'role']).where('role', '=', role).where('disabled_at', 'is', null).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ ...r, role: r.role as StaffRole }));
}
