/** 是 / 否 (/ 不知道): a yes or no, posted as `answer=yes|no|dontKnow`. */
import { z } from 'zod';
import { DONT_KNOW, dontKnow, error, value, type AnswerType } from './answer-type';

export const yesNo = (options: { allowsUnknown: boolean; field?: string }): AnswerType<boolean> => {
  const field = options.field ?? 'answer';
  return {
    kind: 'yesNo',
    fields: [field],
    allowsUnknown: options.allowsUnknown,
    read(fields) {
      const answer = fields.get(field);
      if (!answer) return error('required', field);
      if (answer === DONT_KNOW && options.allowsUnknown) return dontKnow();
      if (answer !== 'yes' && answer !== 'no') return error('option', field);
      return value(answer === 'yes');
    },
    toFields: (v) => ({ [field]: v ? 'yes' : 'no' }),
  };
};

/** The value as JSON. */
export const yesNoSchema = () => z.boolean();
