/**
 * One of a fixed list (radios), posted as `answer=<value>`. Values may be strings or whole
 * numbers (a disability level is the number 2, posted as `2`).
 */
import { z } from 'zod';
import { DONT_KNOW, dontKnow, error, value, type AnswerType } from './answer-type';

export const oneOf = <V extends string | number>(values: readonly V[], options: { allowsUnknown: boolean }): AnswerType<V> => ({
  kind: 'oneOf',
  fields: ['answer'],
  allowsUnknown: options.allowsUnknown,
  read(fields) {
    const answer = fields.get('answer');
    if (!answer) return error('required', 'answer');
    if (answer === DONT_KNOW && options.allowsUnknown) return dontKnow();
    const chosen = values.find((v) => String(v) === answer);
    return chosen === undefined ? error('option', 'answer') : value(chosen);
  },
  toFields: (v) => ({ answer: String(v) }),
});

/** The value as JSON: one of the strings, or one of the numbers. */
export function oneOfSchema<V extends string | number>(values: readonly V[]): z.ZodType<V> {
  if (values.every((v) => typeof v === 'string')) return z.enum(values as unknown as [string, ...string[]]) as unknown as z.ZodType<V>;
  return z.union(values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral<V>, z.ZodLiteral<V>]) as unknown as z.ZodType<V>;
}
