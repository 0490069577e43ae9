/**
 * The application's answers as JSON, for the API (issue 11 point 2): each question's zod schema
 * is derived from its answer type, never written beside it. The JSON shape comes from the
 * type's kind and options (a boolean, one of the values, a list of them, a string; "dontKnow"
 * where the type allows it), and the answer type itself has the last word: a value it would not
 * give back when read from a page is refused with the type's own code. So the pages, the island
 * (which bundles the types but not zod) and the API cannot disagree. Pure.
 */
import { z } from 'zod';
import { DONT_KNOW, manyOfSchema, oneOfSchema, readKept, yesNoSchema, type AnswerType, type ReadContext } from '../answers';
import { asks, questionsOf, type ApplicationForm, type FormAnswers, type FormQuestion } from './form';

/** The problem codes the answers' schema adds to zod's own. */
export type AnswersIssue = 'required' | 'notAsked';

/** A question's answer as JSON: its shape from the answer type, then the type's own read. */
export function questionSchema(q: FormQuestion, context: ReadContext): z.ZodType {
  const values = (q.options ?? []).map((o) => o.value) as [string, ...string[]];
  const type = q.answer;
  const shape: z.ZodType =
    type.kind === 'yesNo'
      ? yesNoSchema()
      : type.kind === 'oneOf'
        ? oneOfSchema(values)
        : type.kind === 'manyOf'
          ? manyOfSchema(values)
          : z.string().meta(type.maxLength ? { maxLength: type.maxLength } : {});
  const json = type.allowsUnknown ? z.union([shape, z.literal(DONT_KNOW)]) : shape;
  return json.superRefine((value, ctx) => {
    const read = readKept(type, value, context);
    // The type tidies what it reads (spaces, for one): only a refusal is a problem here.
    if (!read.ok) ctx.addIssue({ code: 'custom', message: read.code, params: { answerCode: read.code } });
  });
}

/**
 * The form's answers as JSON: each question's schema, no other key; every question asked must
 * be answered (unless optional), and none that is not asked may be.
 */
export function answersSchema(form: ApplicationForm, context: ReadContext) {
  const questions = questionsOf(form);
  const shape = Object.fromEntries(questions.map((q) => [q.id, questionSchema(q, context).optional()]));
  return z.strictObject(shape).superRefine((answers: FormAnswers, ctx) => {
    const kept: FormAnswers = {};
    for (const q of questions) {
      const given = answers[q.id] !== undefined;
      if (asks(q, kept)) {
        if (given) kept[q.id] = answers[q.id];
        else if (!q.optional) ctx.addIssue({ code: 'custom', path: [q.id], message: 'required', params: { issue: 'required' satisfies AnswersIssue } });
      } else if (given) ctx.addIssue({ code: 'custom', path: [q.id], message: 'notAsked', params: { issue: 'notAsked' satisfies AnswersIssue } });
    }
  });
}

/**
 * The JSON schema of a one-field answer type: a string read by the type itself. A problem's
 * message is the type's error code (`idNumber.checkCharacter`), for the caller to word.
 */
export function schemaOf(type: AnswerType<unknown>, context: ReadContext) {
  const field = type.fields[0]!;
  return z.string().transform((typed, ctx) => {
    const read = type.read({ get: (name) => (name === field ? typed : null) }, context);
    if (read.kind === 'value') return read.value;
    const code = read.kind === 'error' ? read.error.code : 'required';
    ctx.addIssue({ code: 'custom', message: code, params: { answerCode: code } });
    return z.NEVER;
  });
}
