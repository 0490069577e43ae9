/**
 * The reports' data as CSV, for supervisors (issue 13 point 11): `?table=` `status`, `stages`,
 * `requests` or `waiting` (with `days`). Each export is recorded in the audit log. Any other
 * role, or another table, gets the 404 page; without a session, sign in.
 */
import type { APIRoute } from 'astro';
import { regionData } from '../../../../catalogue/regions';
import { OFFICE_OF_ROLE } from '../../../../domain/applications/decisions';
import { STATUSES } from '../../../../domain/applications/status';
import { reportsFor } from '../../../../server/applications/reports';
import { appendAudit } from '../../../../server/audit/audit';
import { todayInChina } from '../../../../server/http/clock';
import { csvResponse, csvTable } from '../../../../server/http/csv';
import { openStaffEndpoint, scopeOf } from '../../../../server/staff/staff-page';

export const prerender = false;
const TABLES = ['status', 'stages', 'requests', 'waiting'] as const;

export const GET: APIRoute = async (context) => {
  const opened = await openStaffEndpoint(context, 'supervisor');
  if (opened instanceof Response) return opened;
  const { db, member, now, requestId } = opened;
  const table = context.url.searchParams.get('table') as (typeof TABLES)[number];
  if (!TABLES.includes(table)) return opened.notFound();
  const chosen = Number(context.url.searchParams.get('days'));
  const days = [5, 10, 20, 30].includes(chosen) ? chosen : 10;
  const r = await reportsFor(db, scopeOf(member, await regionData()), now, todayInChina(), days);
  const body =
    table === 'status'
      ? csvTable(['form', ...STATUSES, 'total'], r.byForm.map((f) => [f.form, ...STATUSES.map((s) => f.counts[s]), f.total]))
      : table === 'stages'
        ? csvTable(['stage', 'finished', 'median_days', 'p90_days'], r.stages.map((s) => [s.stage, s.finished, s.medianDays, s.p90Days]))
        : table === 'requests'
          ? csvTable(['reference', 'form', 'region', 'due', 'days_overdue'], r.requests.map((q) => [q.reference, q.form, q.region, q.due, q.daysOverdue]))
          : csvTable(['reference', 'form', 'region', 'status', 'days_in_stage'], r.longWaiting.map((w) => [w.reference, w.form, w.region, w.status, w.days]));
  await db.transaction().execute((trx) =>
    appendAudit(trx, { actor: member.id, role: member.role, office: OFFICE_OF_ROLE[member.role], action: 'export', target: `report-${table}`, purpose: 'reporting', requestId }, now),
  );
  return csvResponse(body, `report-${table}-${todayInChina()}.csv`);
};
