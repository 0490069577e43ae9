/**
 * 申请 An application as sent: the form, the region, the person, who fills it in, the form's
 * answers and the consents. One zod schema for the whole, which the API parses its body with
 * and the journey's submit checks the draft with, so neither can send what the other refuses.
 * Each detail is read by its answer type (applicant.ts), each answer by the form's schema
 * (form.ts). Problems carry a code a program can act on (`params.code`). Pure: the regions'
 * services and today's date come in.
 */
import { z } from 'zod';
import { parseIdNumber } from '../identity';
import type { ReadContext } from '../answers';
import { ageOn, idNumberQuestion, personIdNumber, personQuestions, submitterQuestions, HELPER_ROLES, type PersonDetails, type SubmitterDetails } from './applicant';
import { CONSENT_PURPOSES, type ConsentAnswers } from './consent';
import type { ApplicationForm, FormAnswers } from './form';
import { answersSchema, schemaOf } from './schemas';
import { FORM_IDS, formById } from './forms';
import { roleProblem, type SubmitterRole } from './submitter';

/** Codes of the problems an application's checks add to zod's own and the answer types'. */
export const APPLICATION_CHECK_CODES = ['notOfferedInRegion', 'certificateMismatch', 'childNeedsGuardian', 'consentRequired', 'declarationRequired', 'notAsked'] as const;
export type ApplicationCheckCode = (typeof APPLICATION_CHECK_CODES)[number];

export interface ApplicationInput {
  form: ApplicationForm;
  region: string;
  role: SubmitterRole;
  person: PersonDetails;
  submitter: SubmitterDetails | null;
  answers: FormAnswers;
  consent: ConsentAnswers;
  /** The person's age in whole years today (from the ID number). */
  personAge: number;
  /** The person's birth date, YYYY-MM-DD (from the ID number). */
  birthDate: string;
  /** When someone applies for an adult: whether the person agrees, or cannot say (the journey asks; the API does not). */
  agreement?: 'agrees' | 'cannotSay';
}

export { ageOn };

const custom = (ctx: z.RefinementCtx, path: (string | number)[], code: ApplicationCheckCode | 'required') => ctx.addIssue({ code: 'custom', path, message: code, params: { code } });

/** The details of `questions` as a strict object of their answer types' schemas. */
function detailsSchema(questions: ReturnType<typeof personQuestions>, context: ReadContext) {
  return z.strictObject(Object.fromEntries(questions.map((q) => [q.id, q.optional ? schemaOf(q.answer, context).optional() : schemaOf(q.answer, context)])));
}

/**
 * The schema of an application as JSON (`POST /api/applications`): `regionServices` maps each
 * region id to the services offered there.
 */
export function applicationSchema(regionServices: ReadonlyMap<string, readonly string[]>, context: ReadContext) {
  const regionIds = [...regionServices.keys()] as [string, ...string[]];
  const consent = z.strictObject({
    sensitiveData: z.boolean(),
    declaration: z.boolean(),
    otherServices: z.boolean().optional(),
  });
  const submitterShape = z.strictObject({
    name: schemaOf(submitterQuestions()[0]!.answer, context),
    relationship: z.enum(HELPER_ROLES),
    phone: schemaOf(submitterQuestions()[2]!.answer, context),
    idNumber: schemaOf(submitterQuestions()[1]!.answer, context),
  });
  const base = z.strictObject({
    form: z.enum(FORM_IDS),
    region: z.enum(regionIds),
    applicant: z.record(z.string(), z.unknown()),
    submitter: submitterShape.nullable(),
    answers: z.record(z.string(), z.unknown()),
    consent,
  });
  // Each form's schemas are built once per schema, not per parse: building a zod schema costs
  // more than parsing with it (zod compiles each object schema on first use).
  const built = new Map<string, { person: ReturnType<typeof detailsSchema>; answers: ReturnType<typeof answersSchema> }>();
  const schemasOf = (form: ApplicationForm, forSomeoneElse: boolean) => {
    const key = `${form.id}|${forSomeoneElse}`;
    let found = built.get(key);
    if (!found) {
      // The ID number may be left out where the certificate number gives it (never asked twice).
      const questions = personQuestions({ requiresCertificate: form.requiresCertificate, forSomeoneElse }).filter((q) => q.id !== 'idNumber');
      found = { person: detailsSchema([...questions, idNumberQuestion(forSomeoneElse, true)], context), answers: answersSchema(form, context) };
      built.set(key, found);
    }
    return found;
  };
  return base.transform((body, ctx): ApplicationInput => {
    const form = formById(body.form)!;
    const offered = regionServices.get(body.region) ?? [];
    if (!form.services.some((s) => offered.includes(s))) custom(ctx, ['region'], 'notOfferedInRegion');
    const forSomeoneElse = body.submitter !== null;
    const schemas = schemasOf(form, forSomeoneElse);
    const person = schemas.person.safeParse(body.applicant);
    if (!person.success) for (const issue of person.error.issues) ctx.addIssue({ ...issue, path: ['applicant', ...issue.path] } as never);
    const answers = schemas.answers.safeParse(body.answers);
    if (!answers.success) for (const issue of answers.error.issues) ctx.addIssue({ ...issue, path: ['answers', ...issue.path] } as never);
    if (!body.consent.sensitiveData) custom(ctx, ['consent', 'sensitiveData'], 'consentRequired');
    if (!body.consent.declaration) custom(ctx, ['consent', 'declaration'], 'declarationRequired');
    if (!person.success || !answers.success) return z.NEVER;
    const found = personIdNumber(person.data);
    if (!found.ok) {
      if (found.problem === 'mismatch') custom(ctx, ['applicant', 'certificateNumber'], 'certificateMismatch');
      else custom(ctx, ['applicant', 'idNumber'], 'required');
      return z.NEVER;
    }
    const details = { ...person.data, idNumber: found.idNumber } as unknown as PersonDetails;
    const id = parseIdNumber(details.idNumber, context.asOf);
    const birthDate = id.ok ? id.value.birthDate : context.asOf;
    const personAge = ageOn(birthDate, context.asOf);
    const role: SubmitterRole = body.submitter?.relationship ?? 'self';
    if (roleProblem(role, personAge)) custom(ctx, ['submitter'], 'childNeedsGuardian');
    return {
      form,
      region: body.region,
      role,
      person: details,
      submitter: body.submitter as SubmitterDetails | null,
      answers: answers.data as FormAnswers,
      consent: Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, body.consent[p] === true])) as ConsentAnswers,
      personAge,
      birthDate,
    };
  });
}
