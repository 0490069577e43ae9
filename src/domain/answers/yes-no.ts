/** 是 / 否 (/ 不知道): a yes or no, posted as `answer=yes|no|dontKnow`. */
import { z } from 'zod';
import { DONT_KNOW, dontKnow, error, value, type AnswerType } from './answer-type';

export const yesNo = (options: { allowsUnknown: boolean }): AnswerType<boolean> => ({
  kind: 'yesNo',
  fields: ['answer'],
  allowsUnknown: options.allowsUnknown,
  read(fields) {
    const answer = fields.get('answer');
    if (!answer) return error('required', 'answer');
    if (answer === DONT_KNOW && options.allowsUnknown) return dontKnow();
    if (answer !== 'yes' && answer !== 'no') return error('option', 'answer');
    return value(answer === 'yes');
  },
  toFields: (v) => ({ answer: v ? 'yes' : 'no' }),
});

/** The value as JSON. */
export const yesNoSchema = () => z.boolean();
