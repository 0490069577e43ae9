/**
 * 申请人与代办人 Who fills in an application (issue 11 point 3): the person, or someone for them.
 * For the two subsidies the texts name who may apply on the person's behalf: "残疾人的法定监护人,
 * 法定赡养、抚养、扶养义务人,所在村(居)委员会或其他委托人可以代为办理申请事宜"
 * (`nanan-two-subsidies-guide#who-may-apply-for-someone`). Pure: the roles and what each one
 * brings with it, as data for the journey's "who is applying" page.
 */
import { oneOf, type AnswerType } from '../answers';

/** Who is filling in the application. */
export const SUBMITTER_ROLES = [
  /** The person themself. */
  'self',
  /** 法定监护人: a legal guardian (a parent of a child; a guardian appointed for an adult). */
  'guardian',
  /** 法定赡养、抚养、扶养义务人: a family member with a legal duty of support (child, parent, spouse…). */
  'supportDuty',
  /** 所在村(居)委员会: the person's village or residents' committee. */
  'committee',
  /** 其他委托人: another person the applicant has authorised in writing. */
  'authorised',
] as const;
export type SubmitterRole = (typeof SUBMITTER_ROLES)[number];

/** The source clause each way of applying rests on. */
export const SUBMITTER_SOURCE = 'nanan-two-subsidies-guide#who-may-apply-for-someone';

/** The "who is applying" question: one role, no "I don't know" (the person filling in knows who they are). */
export const submitterRole: AnswerType<SubmitterRole> = oneOf(SUBMITTER_ROLES, { allowsUnknown: false, field: 'role' });

/** Whether the form asks for the submitter's own details (name, relationship, phone, ID): whenever it is not the person. */
export const asksSubmitterDetails = (role: SubmitterRole): boolean => role !== 'self';

/**
 * Whether a letter of authorisation (委托书) is among the materials: for "another person" only.
 * The office keeps the letter; the form asks whether it will be uploaded or brought.
 */
export const needsLetterOfAuthorisation = (role: SubmitterRole): boolean => role === 'authorised';

/**
 * Who consents to the processing of the person's sensitive data (个人信息保护法 第三十一条): a
 * guardian for a child under 14, otherwise the person themself. When someone else fills in the
 * form for an adult, the person's own agreement is asked for and recorded where they can give it.
 */
export function consentGiver(role: SubmitterRole, personAge: number): 'person' | 'guardian' {
  return personAge < 14 ? 'guardian' : role === 'guardian' ? 'guardian' : 'person';
}

/**
 * What is wrong with a role for this person, if anything: a child under 14 does not apply alone,
 * since a child cannot consent to the processing of their own sensitive data (个人信息保护法
 * 第三十一条); anyone else who may apply for them can, and the guardian's consent is then asked
 * for (`consentGiver`). (A village or residents' committee may itself be a child's guardian.)
 */
export function roleProblem(role: SubmitterRole, personAge: number): 'childNeedsGuardian' | undefined {
  return personAge < 14 && role === 'self' ? 'childNeedsGuardian' : undefined;
}

/** Each role as the "who is applying" page words it. */
export const ROLE_WORDS: Record<SubmitterRole, { label: { zh: string; en: string }; hint?: { zh: string; en: string } }> = {
  self: { label: { zh: '我自己，我是残疾人本人', en: 'Me: I am the disabled person' } },
  guardian: { label: { zh: '他或她的法定监护人', en: 'Their legal guardian' }, hint: { zh: '例如孩子的父母', en: 'For example a parent of a child' } },
  supportDuty: {
    label: { zh: '对他或她负有赡养、抚养或扶养义务的家人', en: 'A family member with a legal duty to support them' },
    hint: { zh: '例如子女、父母或配偶', en: 'For example a son or daughter, a parent or a spouse' },
  },
  committee: { label: { zh: '他或她所在的村（居）委员会', en: 'Their village or residents’ committee' } },
  authorised: { label: { zh: '他或她书面委托的其他人', en: 'Someone else they have authorised in writing' }, hint: { zh: '需要委托书', en: 'A letter of authorisation is needed' } },
};
