/**
 * 员工会话 Staff sessions in the database (issue 13 point 2), so any app server serves any
 * request. The cookie holds a random token; the row is found by the token's keyed hash, so a
 * copy of the table signs nobody in. A session has a stage: `secondFactor` after the password,
 * `setUp` while a first sign-in sets its own password and authenticator, `signedIn` after both
 * factors. Every change of stage is a new token (rotation at sign-in and at each privilege
 * change), the old row deleted in the same transaction.
 *
 * Time limits: 30 minutes idle (each request moves it on; the page can extend it, WCAG 2.2.1)
 * and 12 hours from sign-in, whatever happens. A disabled account's sessions are gone
 * (accounts.ts deletes them), and a session is only read together with an enabled account.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, StaffSessionsTable } from '../db/schema.ts';
import { memberOf, type StaffMember } from './accounts.ts';

export const STAFF_COOKIE = 'tx-staff';
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/**
 * How long an ended session's row is kept (never to sign anyone in): a form posted after it
 * ended, with its CSRF token, can still have what it held kept as a draft (endedSession).
 */
export const ENDED_KEPT_MS = 12 * 60 * 60_000;
/** A request moves the idle limit on only when the last one did so this long ago (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60_000;

export type Stage = 'secondFactor' | 'setUp' | 'signedIn';

export interface StaffSession {
  stage: Stage;
  csrf: string;
  member: StaffMember;
  idleUntil: string;
  absoluteUntil: string;
  /** The sealed authenticator secret being set up, if any. */
  pendingTotpSecret: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const idHash = (key: Uint8Array, token: string) => createHmac('sha256', key).update(`staff session\0${token}`).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Starts a session for `staffId` at `stage`, ending the one whose token is `replacing` (if any)
 * in the same transaction. The absolute limit runs from the first sign-in step. Returns the new
 * cookie token.
 */
export async function startSession(db: Kysely<Database>, key: Uint8Array, staffId: string, stage: Stage, now: number, replacing?: string): Promise<{ token: string; csrf: string }> {
  const token = newToken();
  const csrf = newToken();
  await db.transaction().execute(async (trx) => {
    let absolute = iso(now + ABSOLUTE_MS);
    let pending: string | null = null;
    if (replacing) {
      const old = await trx.deleteFrom('staff_sessions').where('id_hash', '=', idHash(key, replacing)).where('staff_id', '=', staffId).returning(['absolute_until', 'pending_totp_secret']).executeTakeFirst();
      if (old) {
        absolute = old.absolute_until;
        pending = old.pending_totp_secret;
      }
    }
    const row: StaffSessionsTable = {
      id_hash: idHash(key, token),
      staff_id: staffId,
      stage,
      csrf,
      pending_totp_secret: stage === 'signedIn' ? null : pending,
      created_at: iso(now),
      seen_at: iso(now),
      idle_until: iso(Math.min(now + IDLE_MS, Date.parse(absolute))),
      absolute_until: absolute,
    };
    await trx.insertInto('staff_sessions').values(row).execute();
  });
  return { token, csrf };
}

/**
 * The session a cookie token names, if it is live and its account enabled; moves the idle limit
 * on (at most once a minute). A disabled account's session is deleted as it is found; one ended
 * by time is left for endedSession and the retention job.
 */
export async function readSession(db: Kysely<Database>, key: Uint8Array, token: string | undefined, now: number): Promise<StaffSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const id = idHash(key, token);
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .selectAll('staff')
    .select(['staff_sessions.stage', 'staff_sessions.csrf', 'staff_sessions.seen_at', 'staff_sessions.idle_until', 'staff_sessions.absolute_until', 'staff_sessions.pending_totp_secret'])
    .where('staff_sessions.id_hash', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const nowIso = iso(now);
  if (row.disabled_at) {
    await db.deleteFrom('staff_sessions').where('id_hash', '=', id).execute();
    return undefined;
  }
  // Ended by time: it signs nobody in, and is kept a while for endedSession (then purged).
  if (row.idle_until <= nowIso || row.absolute_until <= nowIso) return undefined;
  let idleUntil = row.idle_until;
  if (now - Date.parse(row.seen_at) >= TOUCH_EVERY_MS) {
    idleUntil = iso(Math.min(now + IDLE_MS, Date.parse(row.absolute_until)));
    await db.updateTable('staff_sessions').set({ seen_at: nowIso, idle_until: idleUntil }).where('id_hash', '=', id).execute();
  }
  const { stage, csrf, idle_until: _i, absolute_until, seen_at: _s, pending_totp_secret, ...staff } = row;
  return { stage: stage as Stage, csrf, member: memberOf(staff), idleUntil, absoluteUntil: absolute_until, pendingTotpSecret: pending_totp_secret };
}

/**
 * A signed-in session that ended by time less than ENDED_KEPT_MS ago, with its member's id and
 * CSRF token, for keeping what a form posted after the end held (the case page keeps a decision
 * being written as a draft). The row is deleted as it is read: it serves once.
 */
export async function endedSession(db: Kysely<Database>, key: Uint8Array, token: string | undefined, now: number): Promise<{ staffId: string; csrf: string } | undefined> {
  if (!token || token.length > 100) return undefined;
  const id = idHash(key, token);
  const row = await db
    .deleteFrom('staff_sessions')
    .where('id_hash', '=', id)
    .where('stage', '=', 'signedIn')
    .where((eb) => eb.or([eb('idle_until', '<=', iso(now)), eb('absolute_until', '<=', iso(now))]))
    .returning(['staff_id', 'csrf', 'idle_until', 'absolute_until'])
    .executeTakeFirst();
  if (!row || Math.min(Date.parse(row.idle_until), Date.parse(row.absolute_until)) < now - ENDED_KEPT_MS) return undefined;
  const enabled = await db.selectFrom('staff').select('id').where('id', '=', row.staff_id).where('disabled_at', 'is', null).executeTakeFirst();
  return enabled && { staffId: row.staff_id, csrf: row.csrf };
}

/** Moves the idle limit on now (the "stay signed in" button), never past the absolute one. */
export async function extendSession(db: Kysely<Database>, key: Uint8Array, token: string, now: number): Promise<string | undefined> {
  const id = idHash(key, token);
  const row = await db.selectFrom('staff_sessions').select(['absolute_until', 'idle_until']).where('id_hash', '=', id).executeTakeFirst();
  if (!row || row.idle_until <= iso(now)) return undefined;
  const idleUntil = iso(Math.min(now + IDLE_MS, Date.parse(row.absolute_until)));
  await db.updateTable('staff_sessions').set({ seen_at: iso(now), idle_until: idleUntil }).where('id_hash', '=', id).execute();
  return idleUntil;
}

/** Keeps (or clears) the authenticator secret being set up in this session. */
export async function setPendingSecret(db: Kysely<Database>, key: Uint8Array, token: string, sealed: string | null): Promise<void> {
  await db.updateTable('staff_sessions').set({ pending_totp_secret: sealed }).where('id_hash', '=', idHash(key, token)).execute();
}

/** Ends this session. */
export async function endSession(db: Kysely<Database>, key: Uint8Array, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash(key, token)).execute();
}

/** Ends every session of the account ("sign out everywhere"). */
export async function endAllSessions(db: Kysely<Database>, staffId: string): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a posted CSRF token is the session's (compared in constant time). */
export function csrfMatches(session: Pick<StaffSession, 'csrf'>, posted: string | null | undefined): boolean {
  if (typeof posted !== 'string' || posted.length !== session.csrf.length) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(session.csrf));
}

/** Deletes sessions that ended (past either limit) more than ENDED_KEPT_MS ago (the retention job). */
export async function purgeExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const nowIso = iso(now - ENDED_KEPT_MS);
  const result = await db
    .deleteFrom('staff_sessions')
    .where((eb) => eb.or([eb('idle_until', '<=', nowIso), eb('absolute_until', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
