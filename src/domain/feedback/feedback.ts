/**
 * 问题反馈 A report of a problem with a page (issue 13 point 10), as the form takes it: what went
 * wrong (needed), the page (a path on this site, filled in from the link), and, only if the
 * person wants a reply, a name, a phone number or email address, and their consent to its use
 * for that reply alone. Pure: every message the form can show comes from `readFeedback`, and
 * the moves staff may make from `mayMoveFeedback`.
 */
import type { Fields } from '../answers/answer-type.ts';

export const FEEDBACK_LIMITS = { message: 2000, name: 50, contact: 100, page: 300 } as const;

export const FEEDBACK_STATUSES = ['new', 'inProgress', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Where a report may go from each status: taken up, closed, or opened again. */
const MOVES: Record<FeedbackStatus, readonly FeedbackStatus[]> = { new: ['inProgress', 'closed'], inProgress: ['closed'], closed: ['inProgress'] };
export const mayMoveFeedback = (from: FeedbackStatus, to: FeedbackStatus): boolean => MOVES[from].includes(to);
export const isFeedbackStatus = (s: unknown): s is FeedbackStatus => (FEEDBACK_STATUSES as readonly unknown[]).includes(s);

export interface FeedbackInput {
  /** A path on this site, or empty. */
  page: string;
  message: string;
  /** Present only with consent. */
  contact?: { name: string; value: string; kind: 'phone' | 'email' };
}

export type FeedbackField = 'message' | 'page' | 'name' | 'contact' | 'consent';
/** What is wrong with a field: each has its own message in the form. */
export type FeedbackProblem =
  | { field: 'message'; code: 'empty' | 'tooLong' }
  | { field: 'page'; code: 'format' | 'tooLong' }
  | { field: 'name'; code: 'tooLong' }
  | { field: 'contact'; code: 'format' | 'tooLong' | 'missing' }
  | { field: 'consent'; code: 'missing' };

export type FeedbackValues = Record<'message' | 'page' | 'name' | 'contact', string> & { consent: boolean };

/** A path on this site as the link gives it (`/services/`, `/en/search?q=bus`), or undefined. */
export function sitePath(raw: string): string | undefined {
  const p = raw.trim();
  if (!p.startsWith('/') || p.startsWith('//') || p.includes('\\') || p.length > FEEDBACK_LIMITS.page) return undefined;
  // Printable characters only: no control characters, no spaces, no markup.
  return /^\/[\x21-\x7e]*$/.test(p) && !/[<>"'`]/.test(p) ? p : undefined;
}

/** A phone number (digits, with spaces, hyphens, brackets and a leading +) or an email address. */
export function contactKind(raw: string): 'phone' | 'email' | undefined {
  const v = raw.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'email';
  const digits = v.replace(/[\s\-()（）]/g, '');
  return /^\+?\d{5,20}$/.test(digits) ? 'phone' : undefined;
}

/** Characters as a person counts them (a Chinese character is one). */
const length = (s: string) => [...s].length;

/** The form's fields read: the values to show again, the problems, and the report when there are none. */
export function readFeedback(fields: Fields): { values: FeedbackValues; problems: FeedbackProblem[]; input?: FeedbackInput } {
  const text = (name: string) => (fields.get(name) ?? '').replace(/\r\n?/g, '\n');
  const values: FeedbackValues = { message: text('message'), page: text('page').trim(), name: text('name').trim(), contact: text('contact').trim(), consent: fields.get('consent') === 'yes' };
  const problems: FeedbackProblem[] = [];
  if (!values.message.trim()) problems.push({ field: 'message', code: 'empty' });
  else if (length(values.message) > FEEDBACK_LIMITS.message) problems.push({ field: 'message', code: 'tooLong' });
  if (length(values.page) > FEEDBACK_LIMITS.page) problems.push({ field: 'page', code: 'tooLong' });
  else if (values.page && !sitePath(values.page)) problems.push({ field: 'page', code: 'format' });
  if (length(values.name) > FEEDBACK_LIMITS.name) problems.push({ field: 'name', code: 'tooLong' });
  const kind = values.contact ? contactKind(values.contact) : undefined;
  if (length(values.contact) > FEEDBACK_LIMITS.contact) problems.push({ field: 'contact', code: 'tooLong' });
  else if (values.contact && !kind) problems.push({ field: 'contact', code: 'format' });
  // A way to reply is kept only with consent; consent without a way to reply is a slip.
  if (values.contact && !values.consent) problems.push({ field: 'consent', code: 'missing' });
  if (!values.contact && values.consent) problems.push({ field: 'contact', code: 'missing' });
  if (problems.length) return { values, problems };
  return {
    values,
    problems,
    input: { page: values.page, message: values.message.trim(), ...(kind && { contact: { name: values.name, value: values.contact, kind } }) },
  };
}
