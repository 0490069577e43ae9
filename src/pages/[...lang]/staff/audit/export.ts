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
import { database } from '../../../../server/db/connection';
import { csvResponse } from '../../../../server/http/csv';
import { secretKey } from '../../../../server/http/secret-key';
import { readSession, STAFF_COOKIE } from '../../../../server/staff/sessions';
import { scopeOf, seeOther } from '../../../../server/staff/staff-page';
import { langFromParam, localePath } from '../../../../i18n';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const lang = langFromParam(context.params.lang);
  if (!lang) return context.rewrite('/404');
  const db = await database();
  const session = await readSession(db, secretKey(), context.cookies.get(STAFF_COOKIE)?.value, Date.now());
  if (!session || session.stage !== 'signedIn') return seeOther(localePath(lang, '/staff/sign-in/'));
  const member = session.member;
  if (member.role !== 'supervisor') return context.rewrite(localePath(lang, '/404'));
  // One application's rows (`?reference=`, from its case page), or every row of the scope.
  const typed = context.url.searchParams.get('reference');
  const reference = typed === null ? undefined : readCode('reference', typed);
  if (reference && !reference.ok) return context.rewrite(localePath(lang, '/404'));
  const code = reference?.ok ? reference.code : undefined;
  const rows = await auditInScope(db, scopeOf(member, await regionData()).regions, { limit: 100_000, ...(code && { reference: code }) });
  if (code && rows.length === 0) return context.rewrite(localePath(lang, '/404'));
  await db.transaction().execute((trx) =>
    appendAudit(trx, { actor: member.id, role: member.role, office: OFFICE_OF_ROLE[member.role], action: 'export', target: code ? `audit-csv:${code}` : 'audit-csv', purpose: 'audit', requestId: context.request.headers.get('x-request-id') ?? crypto.randomUUID() }, Date.now()),
  );
  return csvResponse(auditCsv(rows), `audit-${code ? `${code}-` : ''}${new Date().toISOString().slice(0, 10)}.csv`);
};
