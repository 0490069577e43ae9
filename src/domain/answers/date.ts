/**
 * A date in three boxes, day, month and year (GOV.UK's date pattern, which old phones and
 * screen readers handle better than a date picker), posted as `year`, `month`, `day`.
 * Bounds: not after today (`asOf`), and not before `min` (for a birth date, 1900: the first
 * year a resident ID number can hold). Each error points at the box to put right.
 */
import { z } from 'zod';
import { error, value, type AnswerType } from './answer-type';
import { halfWidth } from './normalise';

const PARTS = ['year', 'month', 'day'] as const;

/** Whether YYYY-MM-DD is a real calendar date. */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export interface DateBounds {
  /** The earliest date allowed, YYYY-MM-DD. */
  min: string;
}

export const date = (bounds: DateBounds): AnswerType<string> => ({
  kind: 'date',
  fields: PARTS,
  allowsUnknown: false,
  read(fields, { asOf }) {
    const parts = { year: halfWidth(fields.get('year') ?? ''), month: halfWidth(fields.get('month') ?? ''), day: halfWidth(fields.get('day') ?? '') };
    const empty = PARTS.filter((p) => parts[p] === '');
    if (empty.length === 3) return error('dateRequired', 'year');
    if (empty.length) return error('dateInvalid', empty[0]!);
    const bad = PARTS.find((p) => !/^\d+$/.test(parts[p]));
    if (bad) return error('dateInvalid', bad);
    if (parts.year.length !== 4) return error('dateInvalid', 'year');
    const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
    if (m < 1 || m > 12) return error('dateInvalid', 'month');
    if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return error('dateInvalid', 'day');
    const iso = `${parts.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (iso > asOf) return error('dateFuture', 'year');
    if (iso < bounds.min) return error('dateTooOld', 'year');
    return value(iso);
  },
  toFields(iso) {
    const [y, m, d] = iso.split('-');
    return { year: y ?? '', month: String(Number(m)), day: String(Number(d)) };
  },
});

/**
 * The value as JSON: a real date written YYYY-MM-DD, not before `min`. "Not after today" is
 * the request's own date (`asOf`), checked across fields by whoever knows it.
 */
export const dateSchema = (bounds: DateBounds) => z.iso.date().refine((iso) => iso >= bounds.min, { message: `Not before ${bounds.min}` });
