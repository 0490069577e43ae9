/**
 * The opening of every staff page (`/staff/…`): the language from the route, never cached, the
 * session from its cookie. A page says which stage it needs; a visitor without it is sent to
 * the step they are at (no session: the sign-in page). Every POST from a session carries its
 * CSRF token as well as passing the origin check (src/middleware.ts): `postedFields` refuses
 * one without it.
 */
import { randomUUID } from 'node:crypto';
import type { APIContext, AstroCookies, AstroGlobal } from 'astro';
import type { Kysely } from 'kysely';
import { formDataFields, type Fields } from '../../domain/answers';
import { langFromParam, langFromPath, localePath, useTranslations, type Lang } from '../../i18n';
import { database } from '../db/connection';
import type { Database } from '../db/schema';
import { clientAddressOf } from '../http/json';
import { secretKey } from '../http/secret-key';
import { seeOther } from '../http/see-other';
import { holdsRecords } from '../http/security-headers';
import { endedSession, readSession, STAFF_COOKIE, csrfMatches, type Stage, type StaffSession } from './sessions';
import type { StaffMember } from './accounts';
import type { RegionData } from '../../domain/eligibility';

type Translate = ReturnType<typeof useTranslations>;

export interface StaffPage {
  lang: Lang;
  t: Translate;
  db: Kysely<Database>;
  key: Buffer;
  now: number;
  /** The session, when there is one at the stage the page asked for (or any, for `none`). */
  session?: StaffSession;
  /** The cookie's token, to rotate or end the session. */
  token?: string;
  requestId: string;
  /** The client's address, for counting failures (never stored in clear). */
  client: string | undefined;
  secure: boolean;
  path: (p: string) => string;
}

/** The 404 page, for a GET or a POST alike (a rewrite keeps the method, and the 404 page takes GET only). */
export const notFound = (Astro: Pick<AstroGlobal, 'rewrite' | 'url'>) => Astro.rewrite(new Request(new URL(localePath(langFromPath(Astro.url.pathname), '/404'), Astro.url), { method: 'GET' }));

/** Where each stage goes next. */
export const STAGE_HOME: Record<Stage, string> = { secondFactor: '/staff/sign-in/code/', setUp: '/staff/set-up/', signedIn: '/staff/' };

export function setStaffCookie(cookies: AstroCookies, token: string, secure: boolean): void {
  // No Max-Age: the session's own limits (in the database) end it; the cookie goes with the browser.
  cookies.set(STAFF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export function clearStaffCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(STAFF_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

/**
 * Keeps what a form posted after its session ended held (the member's id, the form's fields,
 * its CSRF token already checked against the ended session's); true when something was kept.
 */
export type KeepWhenEnded = (db: Kysely<Database>, staffId: string, fields: Fields, now: number) => Promise<boolean>;

/**
 * Opens a staff page that needs `stage` (or `none`: the sign-in page, which takes anyone).
 * Returns a redirect when the visitor is somewhere else in signing in. A page that takes
 * writing (the case page's decisions) passes `keepWhenEnded`: a POST whose session has just
 * ended has its fields kept before the visitor is sent to sign in again, told so.
 */
export async function openStaffPage(Astro: AstroGlobal, stage: Stage | 'none', options: { keepWhenEnded?: KeepWhenEnded } = {}): Promise<StaffPage | Response> {
  const lang = langFromParam(Astro.params.lang);
  if (!lang) return Astro.rewrite('/404');
  holdsRecords(Astro.response.headers);
  const db = await database();
  const key = secretKey();
  const now = Date.now();
  const token = Astro.cookies.get(STAFF_COOKIE)?.value;
  const session = await readSession(db, key, token, now);
  const secure = Astro.url.protocol === 'https:';
  const path = (p: string) => localePath(lang, p);
  if (stage !== 'none') {
    if (!session) {
      // A cookie whose session has ended: say so on the sign-in page, and what was kept.
      let kept = false;
      if (token && options.keepWhenEnded && Astro.request.method === 'POST') {
        const ended = await endedSession(db, key, token, now);
        const data = ended && (await Astro.request.formData().catch(() => null));
        const fields = data && formDataFields(data);
        if (ended && fields && csrfMatches(ended, fields.get('csrf'))) kept = await options.keepWhenEnded(db, ended.staffId, fields, now);
      }
      if (token) clearStaffCookie(Astro.cookies, secure);
      return seeOther(path(token ? `/staff/sign-in/?ended=1${kept ? '&kept=1' : ''}` : '/staff/sign-in/'));
    }
    if (session.stage !== stage) return seeOther(path(STAGE_HOME[session.stage as Stage]));
  }
  return {
    lang,
    t: useTranslations(lang),
    db,
    key,
    now,
    ...(session && { session }),
    ...(session && token && { token }),
    requestId: Astro.request.headers.get('x-request-id') ?? randomUUID(),
    client: clientAddressOf(Astro),
    secure,
    path,
  };
}

/**
 * The opening of a staff endpoint that answers a file (the audit and report exports): the member
 * signed in, in `role`, with the database and the request's id; or the answer to give instead
 * (no session: sign in; another role: the 404 page). Never cached.
 */
export async function openStaffEndpoint(
  context: APIContext,
  role: StaffMember['role'],
): Promise<{ lang: Lang; db: Kysely<Database>; member: StaffMember; now: number; requestId: string; notFound: () => Promise<Response> } | Response> {
  const lang = langFromParam(context.params.lang);
  if (!lang) return context.rewrite('/404');
  const db = await database();
  const now = Date.now();
  const session = await readSession(db, secretKey(), context.cookies.get(STAFF_COOKIE)?.value, now);
  if (!session || session.stage !== 'signedIn') return seeOther(localePath(lang, '/staff/sign-in/'));
  const notFound = () => context.rewrite(localePath(lang, '/404'));
  if (session.member.role !== role) return notFound();
  return { lang, db, member: session.member, now, requestId: context.request.headers.get('x-request-id') ?? randomUUID(), notFound };
}

/** The posted fields of a staff form, or undefined when the body is unreadable or (with a session) its CSRF token is not the session's. */
export async function postedFields(Astro: AstroGlobal, page: StaffPage): Promise<Fields | undefined> {
  const data = await Astro.request.formData().catch(() => null);
  if (!data) return undefined;
  const fields = formDataFields(data);
  if (page.session && !csrfMatches(page.session, fields.get('csrf'))) return undefined;
  return fields;
}

/**
 * The regions a member of staff may see cases of: every served region whose chain (the region
 * and every level above it) holds their own node of the tree. An administrator sees none.
 */
export function scopeOf(member: Pick<StaffMember, 'role' | 'region'>, regions: ReadonlyMap<string, RegionData>): { regions: string[] } {
  if (member.role === 'admin') return { regions: [] };
  return { regions: [...regions.values()].filter((r) => r.chain.some((n) => n.id === member.region)).map((r) => r.id) };
}

/** The name of a node of the region tree, in `lang`, from any served region below it (its id if none is). */
export function regionNameOf(id: string, regions: ReadonlyMap<string, RegionData>, lang: Lang): string {
  for (const r of regions.values()) {
    const node = r.chain.find((n) => n.id === id);
    if (node) return lang === 'en' ? node.name.en : node.name.zh;
  }
  return id;
}
