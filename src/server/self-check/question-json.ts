/**
 * A self-check question as JSON (`GET /api/questions`, the `next` of `POST /api/eligibility`):
 * its data without its `askWhen` function, its answer type named as the API has always named it.
 * The schema is the source of the JSON Schema in /api/openapi.json and of `questionJson`'s type.
 */
import { z } from 'zod';
import { QUESTIONS, type Question } from '../../domain/eligibility';
import { contentTextSchema, textSchema } from '../http/text-schema';

/**
 * The API's names for answer types: `yesNo`, `choice`, `level` (a numbered choice), `date`,
 * `certificate`, and `choices` (any of the options, as an array; `[]` for none of them; added
 * in issue 10).
 */
export const ANSWER_TYPE_NAMES = ['yesNo', 'choice', 'level', 'date', 'certificate', 'choices'] as const;

/** A question's id, in the order asked. */
export const questionIdSchema = z.enum(QUESTIONS.map((q) => q.id)).meta({ description: 'A question of the self-check (GET /api/questions).' });

/** One allowed answer of a choice. */
export const optionJsonSchema = z
  .strictObject({
    value: z.string().meta({ description: 'The value to send (for `level`, as a number: `"3"` is sent as 3).' }),
    label: contentTextSchema.meta({ description: 'The option; a region’s name (content) may lack `en` while its translation is pending.' }),
    hint: textSchema.optional(),
  })
  .meta({ description: 'An allowed answer, with its words.' });

/** A question, as data. */
export const questionJsonSchema = z
  .strictObject({
    id: z.enum(['region', ...QUESTIONS.map((q) => q.id)]).meta({ description: '`region`, then the questions in the order asked.' }),
    type: z.enum(ANSWER_TYPE_NAMES).meta({ description: 'How the answer is given.' }),
    label: textSchema.meta({ description: 'The question.' }),
    hint: textSchema.optional().meta({ description: 'Why we ask, or how to find the answer.' }),
    options: z.array(optionJsonSchema).meta({ description: 'For `choice`, `choices` and `level`: the allowed values, in display order; empty otherwise.' }),
    allowsUnknown: z.boolean().meta({ description: 'Whether "I don\'t know" is an honest answer (send the id in `dontKnow`).' }),
    fills: z.array(questionIdSchema).meta({ description: 'Questions this one answers too.' }),
  })
  .meta({ description: 'A question of the self-check, as data.' });
export type QuestionJson = z.infer<typeof questionJsonSchema>;

const apiType = (q: Question): QuestionJson['type'] => {
  switch (q.answer.kind) {
    case 'yesNo':
      return 'yesNo';
    case 'date':
      return 'date';
    case 'certificateNumber':
      return 'certificate';
    case 'manyOf':
      return 'choices';
    default:
      return q.id === 'level' ? 'level' : 'choice';
  }
};

export function questionJson(q: Question): QuestionJson {
  return {
    id: q.id,
    type: apiType(q),
    label: q.label,
    ...(q.hint ? { hint: q.hint } : {}),
    options: (q.options ?? []).map((o) => ({ value: o.value, label: o.label, ...(o.hint ? { hint: o.hint } : {}) })),
    allowsUnknown: q.answer.allowsUnknown,
    fills: [...(q.fills ?? [])],
  };
}
