/**
 * The self-check's answers between requests, without a database and never in a URL: one
 * cookie holding the answers encrypted and authenticated with AES-256-GCM (so nobody can read
 * them from the browser's cookie store, a proxy or a shared computer, and nobody can forge or
 * alter them), for 30 minutes after the last answer. The certificate number itself is never
 * kept: only what was read from it, for the person to confirm. "Clear my answers" deletes the
 * cookie; nothing about the person is left on the server.
 *
 * The key is `TX_SECRET` (at least 32 characters) when set, so several server processes share
 * it; otherwise a random key kept in DATA_DIR (see http/secret-key.ts).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { secretKey } from '../http/secret-key';
import type { AstroCookies } from 'astro';
import { z } from 'zod';
import { QUESTIONS } from '../../domain/eligibility';
import { ANSWER_SCHEMAS, answersSchema } from '../../domain/eligibility/answers-schema';
import { emptyState, type CheckState } from '../../domain/eligibility/self-check';

export const CHECK_COOKIE = 'tx-check';
/**
 * Answers are forgotten this long after the last one: 24 hours, within WCAG 2.2.1's exception for
 * a time limit longer than 20 hours (issue 10). A shorter limit would need a warning and a way to
 * extend it, which a page without JavaScript cannot give; and a family that stops to find the
 * certificate, or to ask the person they are helping, must find its answers still there. The
 * answers stay sealed (AES-GCM) and HttpOnly on this device only, and every page of the check
 * offers "clear my answers", which the start page asks people on a shared device to use.
 */
export const CHECK_TTL_SECONDS = 24 * 60 * 60;

export { emptyState, type CheckState };

let keyObject: KeyObject | undefined;
/** The key, prepared once (preparing a raw key for every cipher costs more than the cipher). */
const secret = (): KeyObject => (keyObject ??= createSecretKey(secretKey()));

/** The cookie value for a state: version . iv . tag . ciphertext (base64url). */
export function seal(state: CheckState, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret(), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(CHECK_COOKIE));
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...state, exp: now + CHECK_TTL_SECONDS * 1000 }), 'utf8'), cipher.final()]);
  return ['1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/**
 * The shape a sealed state must have to be used. The seal proves the server wrote it, not that
 * this version of the server did: a cookie written before a deploy changed the state's shape is
 * "invalid" (the person is told their answers could not be read), never a 500 on the page that
 * trusts it.
 */
const stateSchema = z.object({
  region: z.string().max(100).optional(),
  answers: answersSchema(),
  skipped: z.array(z.enum(QUESTIONS.map((q) => q.id) as [string, ...string[]])).max(QUESTIONS.length),
  pending: z
    .object({
      birthDate: ANSWER_SCHEMAS.birthDate,
      category: ANSWER_SCHEMAS.category.optional(),
      level: ANSWER_SCHEMAS.level.optional(),
      warnings: z.array(z.enum(['extraCharacters', 'noCategoryOrLevel'])),
    })
    .optional(),
  certificateRead: z.boolean().optional(),
  trail: z.array(z.enum(['region', ...QUESTIONS.map((q) => q.id)] as [string, ...string[]])).max(QUESTIONS.length + 1).optional(),
});

export type Opened = { status: 'none' } | { status: 'expired' } | { status: 'invalid' } | { status: 'ok'; state: CheckState };

/** Reads a cookie value: `invalid` when tampered with or sealed with another key, `expired` after the TTL. */
export function open(value: string | undefined, now = Date.now()): Opened {
  if (!value) return { status: 'none' };
  const [version, iv, tag, body] = value.split('.');
  if (version !== '1' || !iv || !tag || !body) return { status: 'invalid' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret(), Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(CHECK_COOKIE));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    const { exp, ...state } = JSON.parse(json) as CheckState & { exp: number };
    if (typeof exp !== 'number' || exp < now) return { status: 'expired' };
    const parsed = stateSchema.safeParse({ ...emptyState(), ...state });
    return parsed.success ? { status: 'ok', state: parsed.data as CheckState } : { status: 'invalid' };
  } catch {
    return { status: 'invalid' };
  }
}

const options = (secure: boolean) => ({ path: '/', sameSite: 'lax', httpOnly: true, secure }) as const;

export function readState(cookies: AstroCookies): Opened {
  return open(cookies.get(CHECK_COOKIE)?.value);
}

export function writeState(cookies: AstroCookies, state: CheckState, secure: boolean): void {
  cookies.set(CHECK_COOKIE, seal(state), { ...options(secure), maxAge: CHECK_TTL_SECONDS });
}

export function clearState(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(CHECK_COOKIE, options(secure));
}
