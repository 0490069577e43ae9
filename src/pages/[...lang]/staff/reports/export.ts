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
import { database } from '../../../../server/db/connection';
import { todayInChina } from '../../../../server/http/clock';
import { csvResponse, csvTable } from '../../../../server/http/csv';
import { secretKey } from '../../../../server/http/secret-key';
import { readSession, STAFF_COOKIE } from '../../../../server/staff/sessions';
import { scopeOf, seeOther } from '../../../../server/staff/staff-page';
import { langFromParam, localePath } from '../../../../i18n';

export const prerender = false;
const TABLES = ['status', 'stages', 'requests', 'waiting'] as const;

export const GET: APIRoute = async (context) => {
  const lang = langFromParam(context.params.lang);
  if (!lang) return context.rewrite('/404');
  const db = await database();
  const now = Date.now();
  const session = await readSession(db, secretKey(), context.cookies.get(STAFF_COOKIE)?.value, now);
  if (!session || session.stage !== 'signedIn') return seeOther(localePath(lang, '/staff/sign-in/'));
  const member = session.member;
  const table = context.url.searchParams.get('table') as (typeof TABLES)[number];
  if (member.role !== 'supervisor' || !TABLES.includes(table)) return context.rewrite(localePath(lang, '/404'));
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
    appendAudit(trx, { actor: member.id, role: member.role, office: OFFICE_OF_ROLE[member.role], action: 'export', target: `report-${table}`, purpose: 'reporting', requestId: context.request.headers.get('x-request-id') ?? crypto.randomUUID() }, now),
  );
  return csvResponse(body, `report-${table}-${todayInChina()}.csv`);
};
