/**
 * Any of a fixed list (checkboxes), posted as repeated `answer=<value>` fields; `none` is the
 * honest "none of these", exclusive of the others (GOV.UK's checkboxes "or" pattern). At least
 * one box is needed, so "I skipped it" and "none apply" never look the same.
 */
import { z } from 'zod';
import { DONT_KNOW, dontKnow, error, value, type AnswerType } from './answer-type';

export const NONE = 'none';

export const manyOf = <V extends string>(values: readonly V[], options: { allowsUnknown: boolean; max?: number; field?: string }): AnswerType<V[]> => {
  const field = options.field ?? 'answer';
  return {
    kind: 'manyOf',
    fields: [field],
    allowsUnknown: options.allowsUnknown,
    read(fields) {
      const chosen = [...new Set((fields.getAll ? fields.getAll(field) : [fields.get(field) ?? '']).filter(Boolean))];
      if (chosen.length === 0) return error('required', field);
      if (chosen.length === 1 && chosen[0] === DONT_KNOW && options.allowsUnknown) return dontKnow();
      if (chosen.length === 1 && chosen[0] === NONE) return value([]);
      // "None of these" or "I don't know" with a box: both cannot be true (no JS to untick them).
      if (chosen.includes(NONE) || (chosen.includes(DONT_KNOW) && options.allowsUnknown)) return error('exclusive', field);
      if (chosen.some((v) => !values.includes(v as V))) return error('option', field);
      if (options.max !== undefined && chosen.length > options.max) return error('tooMany', field);
      // In the list's order, whatever order the browser posted them in.
      return value(values.filter((v) => chosen.includes(v)));
    },
    toFields: (v) => ({ [field]: v.length ? v : [NONE] }),
  };
};

/** The value as JSON: a list of distinct values (empty for "none of these"). */
export const manyOfSchema = <V extends string>(values: readonly V[], max?: number) => {
  const list = z.array(z.enum(values as unknown as [V, ...V[]]));
  return (max === undefined ? list : list.max(max)).refine((a) => new Set(a).size === a.length, { message: 'Each value at most once' });
};
