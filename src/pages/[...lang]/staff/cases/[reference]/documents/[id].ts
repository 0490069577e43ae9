/**
 * A case's document, for staff in scope only (issue 13 point 5): sent as an attachment
 * (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, never cached), each
 * download recorded in the audit log. No session: sign in; out of scope or unknown: the 404
 * page, like any other address.
 */
import type { APIRoute } from 'astro';
import { readCode } from '../../../../../../domain/applications/codes';
import { OFFICE_OF_ROLE } from '../../../../../../domain/applications/decisions';
import { regionData } from '../../../../../../catalogue/regions';
import { caseDocument } from '../../../../../../server/applications/cases';
import { appendAudit } from '../../../../../../server/audit/audit';
import { database } from '../../../../../../server/db/connection';
import { secretKey } from '../../../../../../server/http/secret-key';
import { readSession, STAFF_COOKIE } from '../../../../../../server/staff/sessions';
import { scopeOf } from '../../../../../../server/staff/staff-page';
import { seeOther } from '../../../../../../server/http/see-other';
import { langFromParam, localePath } from '../../../../../../i18n';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const lang = langFromParam(context.params.lang);
  if (!lang) return context.rewrite('/404');
  const db = await database();
  const session = await readSession(db, secretKey(), context.cookies.get(STAFF_COOKIE)?.value, Date.now());
  if (!session || session.stage !== 'signedIn') return seeOther(localePath(lang, '/staff/sign-in/'));
  const member = session.member;
  const reference = readCode('reference', context.params.reference ?? '');
  const id = context.params.id ?? '';
  if (!reference.ok || member.role === 'admin' || !/^[0-9a-f-]{36}$/.test(id)) return context.rewrite('/404');
  const found = await caseDocument(db, scopeOf(member, await regionData()), reference.code, id);
  if (!found) return context.rewrite('/404');
  await db.transaction().execute((trx) =>
    appendAudit(
      trx,
      { actor: member.id, role: member.role, office: OFFICE_OF_ROLE[member.role], action: 'download', applicationId: found.applicationId, target: id, purpose: 'caseHandling', requestId: context.request.headers.get('x-request-id') ?? crypto.randomUUID() },
      Date.now(),
    ),
  );
  const ascii = found.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(found.data), {
    status: 200,
    headers: {
      'Content-Type': found.type,
      'Content-Length': String(found.data.byteLength),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(found.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
};
