/**
 * 居民身份证号码 Resident ID numbers (GB 11643): 6-digit region code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence, and a check character computed by ISO 7064 MOD 11-2 (0-9 or X).
 * Pure: the date to check the birth date against comes in as an argument.
 */

/** Why a resident ID number was refused; each code has a message under `identity.idNumber.<code>`. */
export type IdNumberError = 'empty' | 'length' | 'characters' | 'birthDate' | 'birthDateFuture' | 'checkCharacter';

export interface IdNumber {
  /** The number as written on the card, with `x` made `X`. */
  value: string;
  /** YYYY-MM-DD, from characters 7-14. */
  birthDate: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** ISO 7064 MOD 11-2 weights for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits of a resident ID number. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Removes the spaces and hyphens people type to group digits, makes full-width characters
 * (from a Chinese input method) half-width, and `x` into `X`.
 */
export const normalise = (input: string) =>
  input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYYMMDD as YYYY-MM-DD when it is a real calendar date from 1900 on (so 19900230 is not). */
function calendarDate(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates a resident ID number strictly: length, characters, birth date (a real date, not
 * after `asOf`, YYYY-MM-DD) and check character, in that order, so the message names the
 * first thing to fix.
 */
export function parseIdNumber(input: string, asOf: string): Result<IdNumber, IdNumberError> {
  const value = normalise(input);
  if (!value) return { ok: false, error: 'empty' };
  if (value.length !== 18) return { ok: false, error: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: 'characters' };
  const birthDate = calendarDate(value.slice(6, 14));
  if (!birthDate) return { ok: false, error: 'birthDate' };
  if (birthDate > asOf) return { ok: false, error: 'birthDateFuture' };
  if (checkCharacter(value) !== value[17]) return { ok: false, error: 'checkCharacter' };
  return { ok: true, value: { value, birthDate } };
}
