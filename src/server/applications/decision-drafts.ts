/**
 * 审批草稿 A decision being written, kept so a timeout never loses it (issue 13 point 2): saved
 * by the case page's "save draft" button, by the island as it is typed, and from a decision
 * form posted after the session ended (its CSRF token still the ended session's). One draft per
 * member of staff and case; dropped in the transaction of the move it was for, or after 30 days.
 * Imports nothing but the database types, so the primary's retention job can load it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CaseScope } from './cases.ts';

/** What a decision form holds while it is written: a refusal's reason and text, a request's items and due date. */
export interface DecisionDraft {
  reason?: string;
  reasonText?: string;
  items?: string;
  due?: string;
}

export const DECISION_DRAFT_FIELDS = ['reason', 'reasonText', 'items', 'due'] as const;
/** How long a decision draft is kept after its last change. */
export const DECISION_DRAFT_DAYS = 30;

/** The fields of each decision form: a save from one form leaves the other's as they were. */
const FORM_FIELDS: readonly (readonly (typeof DECISION_DRAFT_FIELDS)[number][])[] = [
  ['reason', 'reasonText'],
  ['items', 'due'],
];

/**
 * What a posted decision form holds for its draft: the fields of the form that was posted (a
 * field left empty clears it), each cut to 4,000 characters; undefined when no decision form was posted.
 */
export function decisionDraftFrom(fields: { get(name: string): string | null | undefined }): { draft: DecisionDraft; covers: readonly string[] } | undefined {
  const form = FORM_FIELDS.find((names) => names.some((n) => typeof fields.get(n) === 'string'));
  if (!form) return undefined;
  const draft: DecisionDraft = {};
  for (const name of form) {
    const value = fields.get(name);
    if (typeof value === 'string' && value.trim() !== '') draft[name] = value.slice(0, 4000);
  }
  return { draft, covers: form };
}

/**
 * Keeps what a member of staff is writing on a case in scope (undefined: not in scope, nothing
 * kept). One draft per member and case; the last save wins.
 */
export async function saveDecisionDraft(db: Kysely<Database>, scope: CaseScope, staffId: string, reference: string, posted: { draft: DecisionDraft; covers: readonly string[] }, now: number): Promise<{ savedAt: string } | undefined> {
  if (scope.regions.length === 0) return undefined;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('applications').select('id').where('reference', '=', reference).where('region', 'in', [...scope.regions]).executeTakeFirst();
    if (!row) return undefined;
    const before = await decisionDraftOf(trx, staffId, row.id);
    const kept = Object.fromEntries(Object.entries(before?.draft ?? {}).filter(([name]) => !posted.covers.includes(name)));
    const fields = JSON.stringify({ ...kept, ...posted.draft });
    const savedAt = new Date(now).toISOString();
    await trx
      .insertInto('decision_drafts')
      .values({ staff_id: staffId, application_id: row.id, fields, updated_at: savedAt })
      .onConflict((oc) => oc.columns(['staff_id', 'application_id']).doUpdateSet({ fields, updated_at: savedAt }))
      .execute();
    return { savedAt };
  });
}

/** The member's draft on a case, if any. */
export async function decisionDraftOf(db: Kysely<Database>, staffId: string, applicationId: string): Promise<{ draft: DecisionDraft; savedAt: string } | undefined> {
  const row = await db.selectFrom('decision_drafts').select(['fields', 'updated_at']).where('staff_id', '=', staffId).where('application_id', '=', applicationId).executeTakeFirst();
  return row && { draft: JSON.parse(row.fields) as DecisionDraft, savedAt: row.updated_at };
}

/** Drops the member's draft on a case (the move it was for is made: in the move's transaction). */
export async function dropDecisionDraft(trx: Kysely<Database>, staffId: string, applicationId: string): Promise<void> {
  await trx.deleteFrom('decision_drafts').where('staff_id', '=', staffId).where('application_id', '=', applicationId).execute();
}

/** Removes drafts untouched for DECISION_DRAFT_DAYS (the retention job). */
export async function purgeDecisionDrafts(db: Kysely<Database>, now: number): Promise<number> {
  const before = new Date(now - DECISION_DRAFT_DAYS * 24 * 60 * 60_000).toISOString();
  const result = await db.deleteFrom('decision_drafts').where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
