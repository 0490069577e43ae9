/**
 * The self-check's answers as JSON, from each question's answer type (src/domain/answers): the
 * one schema the API's request and the sealed cookie both check answers with, so neither can
 * take what the pages refuse. Kept apart from the questions so the island, which reads forms
 * only, never bundles zod.
 */
import { z } from 'zod';
import { certificateNumberSchema, dateSchema, manyOfSchema, oneOfSchema, yesNoSchema } from '../answers';
import { DISABILITY_CATEGORIES } from '../identity';
import { HOUSEHOLDS, RECEIVABLES, SCHOOL_STAGES, type Answers, type QuestionId } from './criteria';
import { EARLIEST_BIRTH_DATE, LEVELS } from './questions';

/** Every question's answer, as JSON. */
export const ANSWER_SCHEMAS = {
  certificateNumber: certificateNumberSchema().meta({
    description:
      'A disability certificate number (usually 20 characters: the ID number and the category and level digits). It implies hasCertificate and fills birthDate, category and level where not given; it is not kept.',
  }),
  hasCertificate: yesNoSchema(),
  category: oneOfSchema(DISABILITY_CATEGORIES),
  level: oneOfSchema(LEVELS).meta({ description: '1 (most severe) to 4.' }),
  birthDate: dateSchema({ min: EARLIEST_BIRTH_DATE }).meta({ description: `YYYY-MM-DD, from ${EARLIEST_BIRTH_DATE}, not after asOf.` }),
  household: oneOfSchema(HOUSEHOLDS),
  needsLongTermCare: yesNoSchema(),
  isAutistic: yesNoSchema(),
  schoolStage: oneOfSchema(SCHOOL_STAGES).meta({ description: 'The school stage the person is in now: none, compulsory (primary or junior secondary), senior-secondary, higher. Added in issue 10.' }),
  hasMotorizedWheelchair: yesNoSchema().meta({ description: 'Owns a motorized wheelchair for disabled people (财社〔2010〕256号). Added in issue 10.' }),
  hasSuddenHardship: yesNoSchema().meta({
    description: 'The household’s basic living is in severe difficulty for now after a sudden accident, fire or serious illness, or a sudden rise in necessary spending (社会救助暂行办法 第四十七条). Added in issue 10.',
  }),
  alreadyReceives: manyOfSchema(RECEIVABLES).meta({
    description:
      'What is already paid to the person: living-subsidy, nursing-subsidy, work-injury-nursing-allowance (an empty list: none of these). A subsidy already paid comes back with alreadyReceived: true and is not offered; a work-injury nursing allowance rules out both subsidies in 吉林省. Added in issue 10.',
  }),
} satisfies Record<QuestionId, z.ZodType>;

/** The answers as kept (the certificate number never is): each optional, no other key. */
export const answersSchema = () =>
  z.strictObject({
    hasCertificate: ANSWER_SCHEMAS.hasCertificate.optional(),
    category: ANSWER_SCHEMAS.category.optional(),
    level: ANSWER_SCHEMAS.level.optional(),
    birthDate: ANSWER_SCHEMAS.birthDate.optional(),
    household: ANSWER_SCHEMAS.household.optional(),
    needsLongTermCare: ANSWER_SCHEMAS.needsLongTermCare.optional(),
    isAutistic: ANSWER_SCHEMAS.isAutistic.optional(),
    schoolStage: ANSWER_SCHEMAS.schoolStage.optional(),
    hasMotorizedWheelchair: ANSWER_SCHEMAS.hasMotorizedWheelchair.optional(),
    hasSuddenHardship: ANSWER_SCHEMAS.hasSuddenHardship.optional(),
    alreadyReceives: ANSWER_SCHEMAS.alreadyReceives.optional(),
  } satisfies Record<keyof Answers, z.ZodType>);
