/**
 * Reads one question's answer from form fields (the no-JS pages and the island post the same
 * fields), with one error code per way an answer can be wrong. Messages live in the UI strings
 * under `check.error.<code>` and `identity.*`. Pure: the date comes in as an argument.
 *
 * Field names: `answer` for radios (`yes`, `no`, an option value, or `dontKnow`); `year`,
 * `month`, `day` for a date (GOV.UK's date pattern, which old phones and screen readers handle
 * better than a date picker); `certificateNumber` for the number, with `skip` to answer the
 * questions instead.
 */
import { parseCertificateNumber, type CertificateError, type CertificateWarning, type DisabilityCategory, type DisabilityLevel } from '../identity';
import type { Answers } from './engine';
import type { Question } from './questions';

export const DONT_KNOW = 'dontKnow';

export type FormError =
  | { field: string; code: 'required' | 'option' | 'dateRequired' | 'dateInvalid' | 'dateFuture' | 'dateTooOld'; part?: 'year' | 'month' | 'day' }
  | { field: string; code: 'certificate'; certificate: CertificateError };

export type FormResult =
  | { kind: 'answer'; answers: Answers }
  | { kind: 'dontKnow' }
  | { kind: 'certificate'; read: { birthDate: string; category?: DisabilityCategory; level?: DisabilityLevel; warnings: CertificateWarning[] } }
  | { kind: 'error'; error: FormError };

type Get = (name: string) => string | null | undefined;

const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();

/** A date from year, month, day fields, as YYYY-MM-DD, or the first thing wrong with it. */
export function readDate(get: Get, asOf: string, field: string): { ok: true; value: string } | { ok: false; error: FormError } {
  const parts = { year: toHalfWidth(get('year') ?? ''), month: toHalfWidth(get('month') ?? ''), day: toHalfWidth(get('day') ?? '') };
  const empty = (['year', 'month', 'day'] as const).filter((p) => parts[p] === '');
  if (empty.length === 3) return { ok: false, error: { field, code: 'dateRequired', part: 'year' } };
  if (empty.length) return { ok: false, error: { field, code: 'dateInvalid', part: empty[0] } };
  const bad = (['year', 'month', 'day'] as const).find((p) => !/^\d+$/.test(parts[p]));
  if (bad) return { ok: false, error: { field, code: 'dateInvalid', part: bad } };
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  if (parts.year.length !== 4) return { ok: false, error: { field, code: 'dateInvalid', part: 'year' } };
  if (m < 1 || m > 12) return { ok: false, error: { field, code: 'dateInvalid', part: 'month' } };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > days) return { ok: false, error: { field, code: 'dateInvalid', part: 'day' } };
  const value = `${parts.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (value > asOf) return { ok: false, error: { field, code: 'dateFuture', part: 'year' } };
  if (y < 1900) return { ok: false, error: { field, code: 'dateTooOld', part: 'year' } };
  return { ok: true, value };
}

export function readQuestionForm(q: Question, get: Get, asOf: string): FormResult {
  if (q.type === 'certificate') {
    if (get('action') === 'skip') return { kind: 'dontKnow' };
    const parsed = parseCertificateNumber(get('certificateNumber') ?? '', asOf);
    if (!parsed.ok) return { kind: 'error', error: { field: 'certificateNumber', code: 'certificate', certificate: parsed.error } };
    const { birthDate, category, level, warnings } = parsed.value;
    return { kind: 'certificate', read: { birthDate, ...(category && { category }), ...(level && { level }), warnings } };
  }
  if (q.type === 'date') {
    const date = readDate(get, asOf, q.id);
    return date.ok ? { kind: 'answer', answers: { [q.id]: date.value } } : { kind: 'error', error: date.error };
  }
  const value = get('answer');
  if (!value) return { kind: 'error', error: { field: q.id, code: 'required' } };
  if (value === DONT_KNOW && q.allowsUnknown) return { kind: 'dontKnow' };
  if (q.type === 'yesNo') {
    if (value !== 'yes' && value !== 'no') return { kind: 'error', error: { field: q.id, code: 'option' } };
    return { kind: 'answer', answers: { [q.id]: value === 'yes' } };
  }
  if (!q.options?.some((o) => o.value === value)) return { kind: 'error', error: { field: q.id, code: 'option' } };
  return { kind: 'answer', answers: { [q.id]: q.type === 'level' ? Number(value) : value } };
}
