/**
 * The audit log as CSV, for supervisors (issue 13 point 6): the rows about cases in their scope,
 * newest first, as an attachment; the export is itself recorded in the log. Any other role gets
 * the 404 page; without a session, sign in.
 */
import type { APIRoute } from 'astro';
import { regionData } from '../../../../catalogue/regions';
import { OFFICE_OF_ROLE } from '../../../../domain/applications/decisions';
import { readCode } from '../../../../domain/applications/codes';
import { appendAudit, auditCsv, auditInScope } from '../../../../server/audit/audit';
import { csvResponse } from '../../../../server/http/csv';
import { openStaffEndpoint, scopeOf } from '../../../../server/staff/staff-page';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const opened = await openStaffEndpoint(context, 'supervisor');
  if (opened instanceof Response) return opened;
  const { db, member, requestId } = opened;
  // One application's rows (`?reference=`, from its case page), or every row of the scope.
  const typed = context.url.searchParams.get('reference');
  const reference = typed === null ? undefined : readCode('reference', typed);
  if (reference && !reference.ok) return opened.notFound();
  const code = reference?.ok ? reference.code : undefined;
  const rows = await auditInScope(db, scopeOf(member, await regionData()).regions, { limit: 100_000, ...(code && { reference: code }) });
  if (code && rows.length === 0) return opened.notFound();
  await db.transaction().execute((trx) =>
    appendAudit(trx, { actor: member.id, role: member.role, office: OFFICE_OF_ROLE[member.role], action: 'export', target: code ? `audit-csv:${code}` : 'audit-csv', purpose: 'audit', requestId }, Date.now()),
  );
  return csvResponse(auditCsv(rows), `audit-${code ? `${code}-` : ''}${new Date().toISOString().slice(0, 10)}.csv`);
};
