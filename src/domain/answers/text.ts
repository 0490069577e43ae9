/**
 * Text answers: a person's name, an address, and free text. Each is tidied the same way
 * (white space made single spaces and trimmed; full-width punctuation kept, as Chinese writes
 * it) and checked for length and for control characters, which no person types and which
 * would corrupt a record or a printout. Names are not checked for "valid" characters: names
 * in 少数民族 languages use ·, and foreign residents' names Latin letters.
 */
import { z } from 'zod';
import { error, value, type AnswerType } from './answer-type';
import { tidyText } from './normalise';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export interface TextBounds {
  /** The posted field's name. */
  field: string;
  /** The most characters (code points) allowed. */
  maxLength: number;
  /** Whether an empty answer is allowed (it reads as ""). */
  optional?: boolean;
  /** Whether line breaks are kept (free text), or made spaces (names, one-line addresses). */
  multiline?: boolean;
}

const length = (s: string) => [...s].length;

export const text = (kind: string, bounds: TextBounds): AnswerType<string> => ({
  kind,
  fields: [bounds.field],
  allowsUnknown: false,
  maxLength: bounds.maxLength,
  read(fields) {
    const raw = (fields.get(bounds.field) ?? '').replace(/\r\n?/g, '\n');
    const tidy = bounds.multiline ? raw.split('\n').map(tidyText).join('\n').trim() : tidyText(raw);
    if (!tidy) return bounds.optional ? value('') : error('textRequired', bounds.field);
    if (CONTROL.test(tidy)) return error('textCharacters', bounds.field);
    if (length(tidy) > bounds.maxLength) return error('textTooLong', bounds.field);
    return value(tidy);
  },
  toFields: (v) => ({ [bounds.field]: v }),
});

/** 姓名 A person's name, as on their ID card: up to 50 characters. */
export const personName = (field = 'name') => text('personName', { field, maxLength: 50 });
/** 地址 An address on one line: up to 200 characters. */
export const address = (field = 'address') => text('address', { field, maxLength: 200 });
/** Free text, several lines, up to `maxLength` characters (2,000 by default), optional unless said. */
export const freeText = (field = 'details', maxLength = 2000, optional = true) => text('freeText', { field, maxLength, optional, multiline: true });

/** The value as JSON: text within the bounds, with no control characters. */
export const textSchema = (bounds: Omit<TextBounds, 'field'>) =>
  z
    .string()
    .refine((s) => !CONTROL.test(s), { message: 'No control characters' })
    .refine((s) => length(s) <= bounds.maxLength, { message: `At most ${bounds.maxLength} characters` })
    .refine((s) => bounds.optional || s.trim() !== '', { message: 'Required' });
