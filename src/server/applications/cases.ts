/**
 * 案件 Applications as staff see them (issue 13 points 3 and 5): every query takes the staff
 * member's scope (the regions they may see, from the region tree), so a case outside it is not
 * found, whatever the page asks. What a list shows of the person is masked: the ID number's
 * first four and last four digits.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

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
}

/** An ID number with all but its first four and last four characters hidden. */
export const maskIdNumber = (id: string): string => (id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`);

/** The cases in scope that pass the filter, oldest first, at most `limit` (and whether there are more). */
export async function caseQueue(db: Kysely<Database>, scope: CaseScope, filter: QueueFilter, now: number, limit = 200): Promise<{ rows: QueueRow[]; more: boolean }> {
  if (scope.regions.length === 0) return { rows: [], more: false };
  let query = db.selectFrom('applications').select(['id', 'reference', 'form', 'region', 'status', 'office', 'created_at', 'data']).where('region', 'in', [...scope.regions]);
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.form) query = query.where('form', '=', filter.form);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.olderThanDays) query = query.where('created_at', '<', new Date(now - filter.olderThanDays * 24 * 60 * 60_000).toISOString());
  const found = await query.orderBy('created_at').orderBy('reference').limit(limit + 1).execute();
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
    })),
  };
}
