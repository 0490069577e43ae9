/**
 * One of a fixed list (radios), posted as `answer=<value>` (or under the field name given). Values may be strings or whole
 * numbers (a disability level is the number 2, posted as `2`).
 */
import { z } from 'zod';
import { DONT_KNOW, dontKnow, error, value, type AnswerType } from './answer-type';

export const oneOf = <V extends string | number>(values: readonly V[], options: { allowsUnknown: boolean; field?: string }): AnswerType<V> => {
  const field = options.field ?? 'answer';
  return {
    kind: 'oneOf',
    fields: [field],
    allowsUnknown: options.allowsUnknown,
    read(fields) {
      const answer = fields.get(field);
      if (!answer) return error('required', field);
      if (answer === DONT_KNOW && options.allowsUnknown) return dontKnow();
      const chosen = values.find((v) => String(v) === answer);
      return chosen === undefined ? error('option', field) : value(chosen);
    },
    toFields: (v) => ({ [field]: String(v) }),
  };
};

/** The value as JSON: one of the strings, or one of the numbers. */
export function oneOfSchema<V extends string | number>(values: readonly V[]): z.ZodType<V> {
  if (values.every((v) => typeof v === 'string')) return z.enum(values as unknown as [string, ...string[]]) as unknown as z.ZodType<V>;
  return z.literal(values as unknown as V[]) as unknown as z.ZodType<V>;
}
