/**
 * 联系电话 A phone number in mainland China, posted as `phone`: a mobile number (11 digits from
 * 13 to 19) or a landline with its area code (0 + 2-3 digits, then 7-8 digits), with or without
 * +86, spaces, hyphens or brackets, which people type to group digits. Kept as digits only
 * (a landline as `area-number`), so one number is always stored one way.
 */
import { z } from 'zod';
import { error, value, type AnswerType } from './answer-type';
import { halfWidth } from './normalise';

const MOBILE = /^1[3-9]\d{9}$/;
// The area code decides where the number starts: 010 and 02x have three digits, every other four.
const LANDLINE = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/;

/** The number in its kept form, or undefined when it is not a mainland number. */
export function normalisePhone(input: string): string | undefined {
  let digits = halfWidth(input).replace(/[-()（）.]/g, '');
  const international = digits.startsWith('+86') || digits.startsWith('0086');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (!/^\d+$/.test(digits)) return undefined;
  if (MOBILE.test(digits)) return digits;
  // An area code may have lost its 0 after +86 (+86 10 1234 5678).
  const landline = LANDLINE.exec(digits) ?? (international ? LANDLINE.exec(`0${digits}`) : null);
  return landline ? `${landline[1]}-${landline[2]}` : undefined;
}

export const phoneNumber = (field = 'phone'): AnswerType<string> => ({
  kind: 'phoneNumber',
  fields: [field],
  allowsUnknown: false,
  read(fields) {
    const input = fields.get(field) ?? '';
    if (!halfWidth(input)) return error('textRequired', field);
    const phone = normalisePhone(input);
    return phone ? value(phone) : error('phoneInvalid', field);
  },
  toFields: (v) => ({ [field]: v }),
});

/** The value as JSON, in its kept form. */
export const phoneNumberSchema = () => z.string().regex(/^(1[3-9]\d{9}|(010|02\d|0[3-9]\d{2})-\d{7,8})$/);
